package stats

import (
	"strings"
	"testing"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
)

func mins(ms ...float64) []time.Duration {
	out := make([]time.Duration, len(ms))
	for i, m := range ms {
		out[i] = time.Duration(m * float64(time.Minute))
	}
	return out
}

func TestDistribution(t *testing.T) {
	for _, tc := range []struct {
		name              string
		in                []time.Duration
		mean, median, p90 time.Duration
	}{
		{"one", mins(7), 7 * time.Minute, 7 * time.Minute, 7 * time.Minute},
		// sorted 10 20 30 40: mean 100/4=25, median (20+30)/2=25, p90 rank ceil(3.6)=4 -> 40
		{"even", mins(40, 10, 30, 20), 25 * time.Minute, 25 * time.Minute, 40 * time.Minute},
		// 1..10: mean 5.5, median (5+6)/2=5.5, p90 rank ceil(9)=9 -> 9
		{"ten", mins(10, 9, 8, 7, 6, 5, 4, 3, 2, 1), 330 * time.Second, 330 * time.Second, 9 * time.Minute},
		// 0 0 3: mean 1, median 0, p90 rank ceil(2.7)=3 -> 3
		{"zeros count", mins(0, 3, 0), time.Minute, 0, 3 * time.Minute},
		// 1..11: p90 rank ceil(9.9)=10 -> 10
		{"eleven", mins(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), 6 * time.Minute, 6 * time.Minute, 10 * time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Distribution(tc.in)
			if d.Count != len(tc.in) || d.Mean != tc.mean || d.Median != tc.median || d.P90 != tc.p90 {
				t.Errorf("got %+v, want mean %v median %v p90 %v", d, tc.mean, tc.median, tc.p90)
			}
		})
	}
	if d := Distribution(nil); d != (Dist{}) {
		t.Errorf("empty: got %+v", d)
	}
}

func TestNearestRank(t *testing.T) {
	for n, want := range map[int]int{1: 1, 2: 2, 5: 5, 9: 9, 10: 9, 11: 10, 20: 18, 100: 90} {
		if got := NearestRank(90, n); got != want {
			t.Errorf("NearestRank(90, %d) = %d, want %d", n, got, want)
		}
	}
}

func doc(t *testing.T, yaml string) Incident {
	t.Helper()
	d, err := document.Parse("t.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return NewIncident("t.yaml", d)
}

func TestMeasureReasons(t *testing.T) {
	in := doc(t, `version: 1
date: 2024-12-04
timeline:
  - time: "10:00"
    event: errors start
    milestone: started
  - time: "10:20"
    event: someone notices
  - time: "10:30"
    event: fixed
    milestone: resolved
`)
	got := map[string]string{}
	for _, m := range Measure(in) {
		if m.Value != nil {
			got[m.Metric.Key] = m.Value.String()
		} else {
			got[m.Metric.Key] = m.Reason
		}
	}
	want := map[string]string{
		"impact":              "30m0s",
		"time_to_detect":      "no `detected` milestone",
		"time_to_acknowledge": "no `detected` milestone; no `acknowledged` milestone",
		"time_to_mitigate":    "no `mitigated` milestone",
		"time_to_resolve":     "30m0s",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}

	none := doc(t, "version: 1\ntimeline:\n  - event: something\n    milestone: detected\n")
	ms := Measure(none)
	if r := ms[0].Reason; r != "no impact start (no `impact.start` and no `started` milestone); no impact end (no `impact.end` and no `resolved` or `mitigated` milestone)" {
		t.Errorf("impact reason: %q", r)
	}
	if r := ms[1].Reason; !strings.Contains(r, "the `detected` milestone has no readable time") {
		t.Errorf("detect reason: %q", r)
	}

	// A backwards interval is not measurable, never negative.
	back := doc(t, `version: 1
date: 2024-12-04
impact: {start: "10:30"}
timeline:
  - time: "10:10"
    event: alert
    milestone: detected
`)
	if m := Measure(back)[1]; m.Value != nil || m.Reason != "`detected` (2024-12-04 10:10 UTC) is 20 minutes before impact start (2024-12-04 10:30 UTC)" {
		t.Errorf("backwards: %+v", m)
	}
}

func TestAggregateGroupsAndFilters(t *testing.T) {
	mk := func(date, sev string, resolveMin int) Incident {
		y := "version: 1\ndate: " + date + "\n"
		if sev != "" {
			y += "severity: " + sev + "\n"
		}
		y += "timeline:\n  - time: \"10:00\"\n    event: a\n    milestone: started\n"
		if resolveMin >= 0 {
			y += "  - time: \"" + time.Date(0, 1, 1, 10, resolveMin, 0, 0, time.UTC).Format("15:04") + "\"\n    event: b\n    milestone: resolved\n"
		}
		return doc(t, y)
	}
	undated := doc(t, "version: 1\ntimeline:\n  - event: x\n")
	incs := []Incident{mk("2024-11-03", "sev2", 10), mk("2024-11-20", "SEV-2", 30), mk("2024-12-01", "SEV-1", -1), mk("2025-01-15", "", 50), undated}

	rep := Aggregate(incs, Options{By: "month"})
	var keys []string
	for _, g := range rep.Groups {
		keys = append(keys, g.Key+":"+itoa(g.Incidents))
	}
	if got := strings.Join(keys, " "); got != "2024-11:2 2024-12:1 2025-01:1 (no date):1" {
		t.Errorf("months: %s", got)
	}
	// time to resolve over all: 10, 30, 50 -> mean 30, median 30, p90 rank 3 -> 50
	tr := rep.Total.Metrics[4]
	if tr.Count != 3 || tr.Mean != 30*time.Minute || tr.Median != 30*time.Minute || tr.P90 != 50*time.Minute {
		t.Errorf("total resolve: %+v", tr)
	}

	rep = Aggregate(incs, Options{By: "severity"})
	keys = nil
	for _, g := range rep.Groups {
		keys = append(keys, g.Key+":"+itoa(g.Incidents))
	}
	if got := strings.Join(keys, " "); got != "SEV-1:1 SEV-2:2 (none):2" {
		t.Errorf("severities: %s", got)
	}

	rep = Aggregate(incs, Options{By: "quarter", Since: date(2024, 11, 20), Until: date(2024, 12, 31)})
	if rep.Incidents != 2 || len(rep.Undated) != 1 || len(rep.Groups) != 1 || rep.Groups[0].Key != "2024-Q4" {
		t.Errorf("filtered: %d incidents, %d undated, groups %+v", rep.Incidents, len(rep.Undated), rep.Groups)
	}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func itoa(n int) string { return string(rune('0' + n)) }

func TestActions(t *testing.T) {
	in := doc(t, `version: 1
action_items:
  - description: due yesterday
    owner: "@ana"
    due: 2024-12-04
  - description: due today
    owner: Bo and Ana
    due: 2024-12-05
    status: in-progress
  - description: done long ago
    due: 2024-01-01
    status: done
`)
	today := time.Date(2024, 12, 5, 23, 0, 0, 0, time.UTC)
	all := Actions([]Incident{in}, today, ActionFilter{})
	if len(all) != 3 || all[0].Line != 3 || all[1].Line != 6 || all[2].Line != 10 {
		t.Fatalf("all: %+v", all)
	}
	if !all[0].Overdue || all[1].Overdue || all[2].Overdue {
		t.Errorf("overdue flags: %v %v %v", all[0].Overdue, all[1].Overdue, all[2].Overdue)
	}
	if got := Actions([]Incident{in}, today, ActionFilter{Open: true}); len(got) != 2 {
		t.Errorf("open: %d", len(got))
	}
	if got := Actions([]Incident{in}, today, ActionFilter{Overdue: true}); len(got) != 1 || got[0].Description != "due yesterday" {
		t.Errorf("overdue: %+v", got)
	}
	if got := Actions([]Incident{in}, today, ActionFilter{Owner: "ANA"}); len(got) != 2 {
		t.Errorf("owner ana: %+v", got)
	}
	if got := Actions([]Incident{in}, today, ActionFilter{Owner: "an"}); len(got) != 0 {
		t.Errorf("owner an matches by prefix: %+v", got)
	}
}
