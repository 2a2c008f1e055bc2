package bench_test

import (
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/bench"
	"github.com/postmortem-cli/postmortem/internal/lint/rules"
)

// The synthetic reports import cleanly and trip the rules they were built
// to trip, so the benchmark measures real work.
func TestReportsExerciseTheRules(t *testing.T) {
	seen := map[string]bool{}
	l := lint.New(rules.All())
	for i := 0; i < 60; i++ {
		in, err := lint.Load("r.md", bench.Report(i), lint.DefaultSettings())
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range l.Check(in) {
			seen[f.Rule] = true
		}
	}
	for _, id := range []string{"template-leftover", "heading-level", "timezone", "timeline-format", "action-item-owner", "secret", "duration-mismatch"} {
		if !seen[id] {
			t.Errorf("no synthetic report trips %s", id)
		}
	}
}

// BenchmarkLint is one report through import and every rule.
func BenchmarkLint(b *testing.B) {
	l := lint.New(rules.All())
	s := lint.DefaultSettings()
	reports := sampleReports()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in, err := lint.Load("r.md", reports[i%len(reports)], s)
		if err != nil {
			b.Fatal(err)
		}
		l.Check(in)
	}
}

// BenchmarkGoldmarkParse is the baseline: the same reports, parsed only.
func BenchmarkGoldmarkParse(b *testing.B) {
	md := goldmark.New()
	reports := sampleReports()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		md.Parser().Parse(text.NewReader(reports[i%len(reports)]))
	}
}

// BenchmarkLoad is import and validation alone: what every rule shares.
func BenchmarkLoad(b *testing.B) {
	s := lint.DefaultSettings()
	reports := sampleReports()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := lint.Load("r.md", reports[i%len(reports)], s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRules is the rules alone, on reports imported beforehand.
func BenchmarkRules(b *testing.B) {
	l := lint.New(rules.All())
	s := lint.DefaultSettings()
	ins := make([]*lint.Input, 64)
	for i := range ins {
		in, err := lint.Load("r.md", bench.Report(i), s)
		if err != nil {
			b.Fatal(err)
		}
		ins[i] = in
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in := ins[i%len(ins)]
		l.Check(lint.NewInput(in.Path, in.Source, in.Report, in.Doc, s))
	}
}

// sampleReports are the 64 generated reports every benchmark cycles over.
func sampleReports() [][]byte {
	reports := make([][]byte, 64)
	for i := range reports {
		reports[i] = bench.Report(i)
	}
	return reports
}
