package stats

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/vocabulary"
)

// Groupings are the values of Options.By; "" is no grouping.
var Groupings = append([]string{"month", "quarter", "severity"}, catalogueGroupings...)

// Group keys for incidents that cannot be placed.
const (
	NoDate     = "(no date)"
	NoSeverity = "(none)"
)

// Options select and group the incidents.
type Options struct {
	// By is "" or one of Groupings.
	By string
	// Vocabulary names the catalogue's terms for the service, trigger
	// and factor groupings; nil is the built-in one.
	Vocabulary *vocabulary.Vocabulary
	// Since and Until bound the incident's date (Incident.Date), both
	// inclusive; the zero time leaves that side open.
	Since, Until time.Time
}

// Dist summarises the measured values of one metric.
type Dist struct {
	// Count is how many incidents had the metric; the other fields are
	// zero when it is 0.
	Count int
	Mean  time.Duration
	// Median is the middle value, or the mean of the two middle values.
	Median time.Duration
	// P90 is the 90th percentile by the nearest-rank method: the value at
	// rank ceil(0.9 * Count) of the sorted values.
	P90 time.Duration
}

// MetricSummary is one metric across a group of incidents.
type MetricSummary struct {
	Metric document.Metric
	Dist
}

// Group is a set of incidents and their metrics.
type Group struct {
	// Key is "2024-12", "2024-Q4", "SEV-2", NoDate, NoSeverity, or "all".
	Key       string
	Incidents int
	Metrics   []MetricSummary
}

// Unmeasurable is one metric of one incident that has no value.
type Unmeasurable struct {
	File, Title string
	Metric      document.Metric
	Reason      string
}

// Skipped is an incident left out of the report, with the reason.
type Skipped struct {
	File, Reason string
}

// Report is the aggregate over a set of incidents.
type Report struct {
	Options Options
	// Incidents is the number of incidents counted (after Since/Until).
	Incidents int
	// Total is every counted incident; Groups split them by Options.By
	// (nil without grouping), in chronological or alphabetical order.
	Total  Group
	Groups []Group
	// Unmeasurable lists the metrics that could not be computed, in input
	// order, then metric order.
	Unmeasurable []Unmeasurable
	// Undated are the incidents a Since/Until bound could not place.
	Undated []Skipped
}

// Aggregate counts and measures incidents. The input order decides the
// order of Unmeasurable; give it in a deterministic order.
func Aggregate(incidents []Incident, opt Options) *Report {
	rep := &Report{Options: opt}
	var kept []Incident
	var measures [][]Measurement
	for _, in := range incidents {
		day, dated := in.Date()
		if !opt.Since.IsZero() || !opt.Until.IsZero() {
			if !dated {
				rep.Undated = append(rep.Undated, Skipped{in.File, "no date to compare with --since/--until (no impact start and no readable timeline time)"})
				continue
			}
			if (!opt.Since.IsZero() && day.Before(opt.Since)) || (!opt.Until.IsZero() && day.After(opt.Until)) {
				continue
			}
		}
		ms := Measure(in)
		kept = append(kept, in)
		measures = append(measures, ms)
		for _, m := range ms {
			if m.Value == nil {
				rep.Unmeasurable = append(rep.Unmeasurable, Unmeasurable{File: in.File, Title: in.Title(), Metric: m.Metric, Reason: m.Reason})
			}
		}
	}
	rep.Incidents = len(kept)
	all := make([]int, len(kept))
	for i := range all {
		all[i] = i
	}
	rep.Total = summarise("all", all, measures)
	if opt.By == "" {
		return rep
	}
	words := opt.Vocabulary
	if words == nil {
		words = vocabulary.Default()
	}
	members := map[string][]int{}
	var keys []string
	for i, in := range kept {
		for _, k := range GroupKeys(in, opt.By, words) {
			if _, seen := members[k]; !seen {
				keys = append(keys, k)
			}
			members[k] = append(members[k], i)
		}
	}
	if slices.Contains(catalogueGroupings, opt.By) {
		// the most frequent first: which cause keeps coming back
		sort.SliceStable(keys, func(a, b int) bool {
			na, nb := len(members[keys[a]]), len(members[keys[b]])
			if pa, pb := strings.HasPrefix(keys[a], "("), strings.HasPrefix(keys[b], "("); pa != pb {
				return pb
			}
			if na != nb {
				return na > nb
			}
			return strings.ToLower(keys[a]) < strings.ToLower(keys[b])
		})
	} else {
		sort.Slice(keys, func(a, b int) bool { return groupLess(keys[a], keys[b]) })
	}
	for _, k := range keys {
		rep.Groups = append(rep.Groups, summarise(k, members[k], measures))
	}
	return rep
}

// groupLess sorts keys alphabetically (which is chronological for months
// and quarters) with the "cannot be placed" keys last.
func groupLess(a, b string) bool {
	pa, pb := strings.HasPrefix(a, "("), strings.HasPrefix(b, "(")
	if pa != pb {
		return pb
	}
	return a < b
}

func summarise(key string, members []int, measures [][]Measurement) Group {
	g := Group{Key: key, Incidents: len(members)}
	for mi, def := range document.MetricDefinitions {
		var values []time.Duration
		for _, i := range members {
			if v := measures[i][mi].Value; v != nil {
				values = append(values, *v)
			}
		}
		g.Metrics = append(g.Metrics, MetricSummary{Metric: def, Dist: Distribution(values)})
	}
	return g
}

// Distribution computes count, mean, median and nearest-rank 90th
// percentile. The mean is rounded to the second. values may be reordered.
func Distribution(values []time.Duration) Dist {
	n := len(values)
	if n == 0 {
		return Dist{}
	}
	sort.Slice(values, func(a, b int) bool { return values[a] < values[b] })
	var sum time.Duration
	for _, v := range values {
		sum += v
	}
	d := Dist{Count: n, Mean: (sum / time.Duration(n)).Round(time.Second)}
	if n%2 == 1 {
		d.Median = values[n/2]
	} else {
		d.Median = (values[n/2-1] + values[n/2]) / 2
	}
	d.P90 = values[NearestRank(90, n)-1]
	return d
}

// NearestRank is the 1-based rank of the p-th percentile of n sorted
// values: ceil(p/100 * n), at least 1.
func NearestRank(p, n int) int {
	r := (p*n + 99) / 100
	if r < 1 {
		r = 1
	}
	return r
}

// GroupKey is the group an incident falls in for a grouping.
func GroupKey(in Incident, by string) string {
	switch by {
	case "month", "quarter":
		day, ok := in.Date()
		if !ok {
			return NoDate
		}
		if by == "month" {
			return day.Format("2006-01")
		}
		return fmt.Sprintf("%d-Q%d", day.Year(), (int(day.Month())+2)/3)
	case "severity":
		return Severity(in.Doc.Severity)
	}
	return "all"
}

var sevNumber = pattern(`(?i)^sev(?:erity)?[\s_-]*(\d+)$`)

// Severity normalises the ways people write a severity level ("sev2",
// "SEV 2", "Sev-2") to one key ("SEV-2"), so they group together; other
// values are kept as written.
func Severity(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return NoSeverity
	}
	if m := sevNumber().FindStringSubmatch(s); m != nil {
		return "SEV-" + m[1]
	}
	return s
}

// pattern compiles a regular expression on first use: package
// initialisation does no work, so a run that never needs it (postmortem
// --version) does not pay for it.
func pattern(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
