// Package bench makes synthetic postmortems for benchmarking the linter:
// reports shaped like real ones (the course template's sections, a
// timeline, action items), some clean and some with the defects the rules
// look for, so the benchmark exercises every rule's code path.
package bench

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var (
	systems = []string{"checkout", "payment gateway", "search", "login", "image resizer", "order queue", "pizza factory", "notification service"}
	causes  = []string{"an expired certificate", "a bad deploy", "a full disk", "a misconfigured feature flag", "a chaos test", "a database failover", "a leaked connection pool", "an exhausted rate limit"}
	alerts  = []string{"error-rate alert", "latency alert", "synthetic check", "customer report", "queue-depth alert"}
	people  = []string{"Dana Reyes", "Sam Ortiz", "Priya Nair", "Lee Chen", "Ana Costa"}
)

// Report returns synthetic report i (deterministic: the same i gives the
// same bytes). About a third are clean; the others carry one or two
// defects: template leftovers, a missing zone line, headings one level
// off, an action item without owner, a token, a mismatched duration.
func Report(i int) []byte {
	r := rand.New(rand.NewPCG(uint64(i), 42))
	sys := systems[r.IntN(len(systems))]
	cause := causes[r.IntN(len(causes))]
	alert := alerts[r.IntN(len(alerts))]
	day := fmt.Sprintf("2025-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28))
	start := 8*60 + r.IntN(12*60)
	n := 4 + r.IntN(12)
	times := make([]int, n)
	t := start
	for k := range times {
		times[k] = t
		t += 1 + r.IntN(9)
	}
	end := times[n-1]
	length := end - start
	clock := func(m int) string { return fmt.Sprintf("%02d:%02d", m/60%24, m%60) }
	defect := r.IntN(9)
	h := func(level int, s string) string { return strings.Repeat("#", level) + " " + s + "\n\n" }
	l2, l1 := 2, 1
	if defect == 1 {
		l2, l1 = 3, 2
	}
	var b strings.Builder
	b.WriteString(h(l1, fmt.Sprintf("Incident: %s %s-00", day, strings.Replace(clock(end), ":", "-", 1))))
	b.WriteString(h(l2, "Summary"))
	stated := length
	if defect == 2 {
		stated = length + 30
	}
	fmt.Fprintf(&b, "Between %s and %s UTC on %s, users of the %s could not complete requests because of %s. The incident lasted %d minutes and affected %d%% of users.\n\n",
		clock(start), clock(end), day, sys, cause, stated, 5+r.IntN(95))
	b.WriteString(h(l2, "Detection"))
	if defect == 3 {
		b.WriteString("When did the team detect the incident? How did they know it was happening? How could we improve time-to-detection? Consider: How would we have cut that time by half?\n\n")
	}
	fmt.Fprintf(&b, "The %s fired at %s and paged the on-call engineer, who acknowledged within %d minutes.\n\n", alert, clock(times[1]), 1+r.IntN(4))
	b.WriteString(h(l2, "Impact"))
	fmt.Fprintf(&b, "For %d minutes between %s UTC and %s UTC on %s, requests to the %s failed.\n\n", stated, clock(start), clock(end), day, sys)
	fmt.Fprintf(&b, "This incident affected %d customers, who saw errors.\n\n%d support tickets and %d social media posts were submitted.\n\n", 10+r.IntN(900), r.IntN(20), r.IntN(5))
	b.WriteString(h(l2, "Timeline"))
	if defect != 4 {
		b.WriteString("All times are UTC.\n\n")
	}
	for k, tm := range times {
		what := fmt.Sprintf("Engineers investigate the %s (step %d)", sys, k)
		switch k {
		case 0:
			what = fmt.Sprintf("%s begins failing because of %s", sys, cause)
		case 1:
			what = fmt.Sprintf("The %s fires", alert)
		case n - 1:
			what = fmt.Sprintf("The %s recovers; incident resolved", sys)
		}
		if defect == 5 && k%2 == 1 {
			fmt.Fprintf(&b, "%s - %s\n", clock(tm), what)
		} else {
			fmt.Fprintf(&b, "- _%s_ - %s\n", clock(tm), what)
		}
	}
	b.WriteString("\n")
	b.WriteString(h(l2, "Response"))
	fmt.Fprintf(&b, "After receiving a page at %s UTC, %s came online and joined the incident channel.\n\n", clock(times[1]), people[r.IntN(len(people))])
	if defect == 6 {
		b.WriteString("They reproduced it with `curl -H 'Authorization: Bearer 9c1f0e7d3a5b48c2a6e9d0f1b2c3d4e5' https://api.example/v1/orders`.\n\n")
	}
	b.WriteString(h(l1, "Root cause"))
	fmt.Fprintf(&b, "The failure of the %s was caused by %s, which no test or alert covered.\n\n", sys, cause)
	b.WriteString(h(l2, "Resolution"))
	fmt.Fprintf(&b, "The team reverted the change and the %s recovered at %s UTC.\n\n", sys, clock(end))
	b.WriteString(h(l1, "Prevention"))
	b.WriteString("No earlier incident had this cause; the new checks below cover it.\n\n")
	b.WriteString(h(l1, "Action items"))
	items := 1 + r.IntN(4)
	for k := 0; k < items; k++ {
		owner := fmt.Sprintf(" (Owner: %s, Due: 2025-12-%02d)", people[(i+k)%len(people)], 1+k)
		if defect == 7 && k == 0 {
			owner = ""
		}
		fmt.Fprintf(&b, "%d. Add a check for %s in the %s%s\n", k+1, cause, sys, owner)
	}
	return []byte(b.String())
}

// Texts are sample texts for tests that seed fuzzers and equivalence
// checks: every file matching the globs (relative to the test's folder;
// a glob that matches nothing, such as ../shared when it is absent, adds
// nothing) and then reports 0 to n-1.
func Texts(n int, globs ...string) []string {
	var texts []string
	for _, glob := range globs {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			if data, err := os.ReadFile(f); err == nil {
				texts = append(texts, string(data))
			}
		}
	}
	for i := 0; i < n; i++ {
		texts = append(texts, string(Report(i)))
	}
	return texts
}
