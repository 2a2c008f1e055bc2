package stats

import (
	"fmt"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// BenchmarkAggregate is the aggregation alone over 10,000 loaded
// documents; loading is measured by BenchmarkStatsFolder in internal/cli
// and scripts/bench-stats.sh.
func BenchmarkAggregate(b *testing.B) {
	incs := make([]Incident, 10000)
	for i := range incs {
		t0 := (8+i%12)*60 + i*7%60
		clock := func(m int) string { return fmt.Sprintf("%02d:%02d", m/60%24, m%60) }
		doc := &document.Document{Version: 1, Severity: fmt.Sprintf("SEV-%d", i%4+1),
			Date: fmt.Sprintf("%d-%02d-%02d", 2023+i%2, i%12+1, i%28+1),
			Timeline: []document.Event{
				{Time: clock(t0), Event: "start", Milestone: "started"},
				{Time: clock(t0 + i%9), Event: "alert", Milestone: "detected"},
				{Time: clock(t0 + i%9 + 3), Event: "ack", Milestone: "acknowledged"},
				{Time: clock(t0 + 40 + i%30), Event: "fixed", Milestone: "resolved"},
			}}
		incs[i] = NewIncident(fmt.Sprintf("%05d.yaml", i), doc)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, by := range append([]string{""}, Groupings...) {
			Aggregate(incs, Options{By: by})
		}
	}
}
