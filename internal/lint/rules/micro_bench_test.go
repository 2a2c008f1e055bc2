package rules

import (
	"testing"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/bench"
)

// benchProse is the Summary and Impact prose of the 64 bench reports.
func benchProse(b *testing.B) []string {
	var out []string
	s := lint.DefaultSettings()
	for i := 0; i < 64; i++ {
		in, err := lint.Load("r.md", bench.Report(i), s)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range proseOf(in, "summary", "impact") {
			out = append(out, p.Text)
		}
	}
	return out
}

func BenchmarkStatedSpans(b *testing.B) {
	lines := benchProse(b)
	ws := make([][]window, len(lines))
	for i, l := range lines {
		ws[i] = findWindows(l)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, l := range lines {
			statedSpans(l, ws[k], nil)
		}
	}
}

func BenchmarkSecretLines(b *testing.B) {
	s := lint.DefaultSettings()
	var ins []*lint.Input
	for i := 0; i < 64; i++ {
		in, err := lint.Load("r.md", bench.Report(i), s)
		if err != nil {
			b.Fatal(err)
		}
		ins = append(ins, in)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, in := range ins {
			secretLines(in)
		}
	}
}
