package related

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/incidentgen"
)

func TestTerms(t *testing.T) {
	got := Terms("The payment client's timeouts were lowered; retries, retried and retrying failed at 19:34 UTC.", nil)
	want := []string{"payment", "client", "timeout", "lower", "retri", "retri", "retri", "fail"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Terms = %q, want %q", got, want)
	}
	for _, pair := range [][2]string{{"failures", "failing"}, {"cached", "caching"}, {"alerts", "alerting"}, {"workers", "worker"}, {"stopped", "stop"}, {"databases", "database"}} {
		if stem(pair[0]) != stem(pair[1]) {
			t.Errorf("stem(%q) = %q but stem(%q) = %q", pair[0], stem(pair[0]), pair[1], stem(pair[1]))
		}
	}
}

// generated builds a catalogue of n generated incidents and their
// families.
func generated(n int, seed int64) ([]Incident, []string) {
	rng := rand.New(rand.NewSource(seed))
	var incs []Incident
	var fams []string
	for i := 0; i < n; i++ {
		doc, f := incidentgen.Doc(rng, i, n)
		day, _ := time.Parse(time.DateOnly, doc.Date)
		incs = append(incs, FromDocument(doc.Date+"-"+f.Name+"-"+string(rune('a'+i%26))+strings.Repeat("x", i/26), doc, day, nil))
		fams = append(fams, f.Name)
	}
	return incs, fams
}

// TestPlantedRepeat plants an earlier incident of a kind no generated
// family has, written in other words, among 600 generated incidents:
// the later report finds it first, with evidence, above the --check
// threshold, and no unrelated incident comes near that threshold.
func TestPlantedRepeat(t *testing.T) {
	incs, _ := generated(600, 14)
	planted := &document.Document{Version: 1, Title: "Invoices dated a day early",
		Services: []string{"billing", "invoices"}, Trigger: "a leap second",
		ContributingFactors: []document.Factor{{Term: "software-bug", Note: "clock skew"}, {Term: "monitoring-gap"}},
		Summary:             "Invoices generated around midnight carried the previous day's date.",
		RootCause:           "The billing scheduler computes the invoice date from a monotonic clock that drifted by one second during the leap second; invoices generated at midnight got yesterday's date."}
	incs = append(incs, FromDocument("2023-01-01-invoice-dates.yaml", planted, time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), nil))
	query := &document.Document{Version: 1, Services: []string{"billing"}, Trigger: "a leap second",
		ContributingFactors: []document.Factor{{Term: "software-bug"}},
		Summary:             "Customers received invoices with the wrong date. The on-call engineer was paged and joined the incident channel.",
		RootCause:           "Again the leap second: the scheduler's clock drifted and the invoice date was taken from it, so invoices created just before midnight were dated the day before."}
	q := FromDocument("2025-07-01-invoices-wrong-date.yaml", query, time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), nil)
	c := New(incs)
	ms := c.Similar(q, Options{Limit: 5})
	if len(ms) == 0 || c.Incidents[ms[0].Index].ID != "2023-01-01-invoice-dates.yaml" {
		t.Fatalf("the planted repeat is not first: %+v", ms)
	}
	top := ms[0]
	if top.Score < DefaultThreshold {
		t.Errorf("the repeat scores %.3f, under the threshold %.2f", top.Score, DefaultThreshold)
	}
	if !reflect.DeepEqual(top.Services, []string{"billing"}) || !reflect.DeepEqual(top.Factors, []string{"software-bug"}) || top.Trigger != "a leap second" {
		t.Errorf("evidence: %+v", top)
	}
	for _, w := range []string{"leap", "invoice"} {
		if !strings.Contains(strings.Join(top.Words, " "), w) {
			t.Errorf("evidence words %q lack %q", top.Words, w)
		}
	}
	// The best unrelated one shares a factor and the filler every report
	// has ("the on-call engineer was paged"): well under the threshold.
	if len(ms) > 1 && ms[1].Score > 0.6*DefaultThreshold {
		t.Errorf("an unrelated incident scores %.3f: %+v", ms[1].Score, c.Incidents[ms[1].Index])
	}
	t.Logf("repeat %.3f (text %.3f), next %.3f", top.Score, top.Text, ms[1].Score)
	// Only earlier incidents, unless asked.
	q.Date = time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC)
	if ms := c.Similar(q, Options{Limit: 1}); len(ms) > 0 && c.Incidents[ms[0].Index].ID == "2023-01-01-invoice-dates.yaml" {
		t.Error("a later incident was offered as an earlier one")
	}
	if ms := c.Similar(q, Options{Limit: 1, Later: true}); len(ms) == 0 || c.Incidents[ms[0].Index].ID != "2023-01-01-invoice-dates.yaml" {
		t.Error("Later did not include the later incident")
	}
}

// TestFamiliesFindEachOther: across a generated folder, the best match
// of an incident is of its own family, and matches of other families
// stay under the threshold.
func TestFamiliesFindEachOther(t *testing.T) {
	incs, fams := generated(800, 3)
	c := New(incs)
	same, crossOver := 0, 0
	queries := 0
	for i := 400; i < len(incs); i++ {
		ms := c.Similar(incs[i], Options{})
		if len(ms) == 0 {
			continue
		}
		queries++
		if fams[ms[0].Index] == fams[i] {
			same++
		}
		for _, m := range ms {
			if fams[m.Index] != fams[i] && m.Score >= DefaultThreshold {
				crossOver++
				break
			}
		}
	}
	if same < queries*98/100 {
		t.Errorf("best match of the same family for %d of %d incidents", same, queries)
	}
	if crossOver > queries/100 {
		t.Errorf("%d of %d incidents have another family's incident over the threshold", crossOver, queries)
	}
	t.Logf("same family first: %d/%d; another family over %.2f: %d", same, queries, DefaultThreshold, crossOver)
}

func BenchmarkSimilar(b *testing.B) {
	incs, _ := generated(10000, 1)
	c := New(incs)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Similar(incs[i%len(incs)], Options{Limit: 5})
	}
}

// TestPruningIsExact: a search with a minimum score, which skips the
// postings of common words, ranks exactly as the full search does above
// that score.
func TestPruningIsExact(t *testing.T) {
	incs, _ := generated(1500, 9)
	c := New(incs)
	for i := 0; i < len(incs); i += 37 {
		for _, minScore := range []float64{0.2, 0.35, 0.5} {
			full := c.Similar(incs[i], Options{Later: true})
			var want []Match
			for _, m := range full {
				if m.Score >= minScore {
					want = append(want, m)
				}
			}
			// Without a limit, and with one, which lets a search pass
			// over the documents no essential term reached.
			for _, limit := range []int{0, 1, 3} {
				want := want
				if limit > 0 && len(want) > limit {
					want = want[:limit]
				}
				got := c.Similar(incs[i], Options{Later: true, MinScore: minScore, Limit: limit})
				if len(got) != len(want) {
					t.Fatalf("incident %d, min %.2f, limit %d: %d matches, want %d", i, minScore, limit, len(got), len(want))
				}
				for k := range got {
					if got[k].Index != want[k].Index || got[k].Score != want[k].Score {
						t.Fatalf("incident %d, min %.2f, limit %d, match %d: %+v, want %+v", i, minScore, limit, k, got[k], want[k])
					}
				}
			}
		}
	}
}

func BenchmarkSimilarPruned(b *testing.B) {
	incs, _ := generated(10000, 1)
	c := New(incs)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Similar(incs[i%len(incs)], Options{Limit: 3, Later: true, MinScore: 0.35})
	}
}
