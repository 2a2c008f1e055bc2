package markdown

import (
	"testing"

	"github.com/postmortem-cli/postmortem/internal/lint/bench"
)

// BenchmarkImportSynthetic imports the 64 synthetic reports the lint
// benchmarks cycle over; BenchmarkParseSynthetic is goldmark's share of
// it (scanLines alone), so Import's own passes are the difference.
func BenchmarkImportSynthetic(b *testing.B) {
	reports := make([][]byte, 64)
	for i := range reports {
		reports[i] = bench.Report(i)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := Import("r.md", reports[i%len(reports)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkParseSynthetic(b *testing.B) {
	reports := make([][]byte, 64)
	for i := range reports {
		reports[i] = bench.Report(i)
	}
	b.ReportAllocs()
	var buf []line
	i := 0
	for b.Loop() {
		buf, _ = scanLines(reports[i%len(reports)], buf)
		i++
	}
}

// BenchmarkPassesSynthetic is Import's own passes alone: the lines are
// scanned once beforehand and copied in for each import.
func BenchmarkPassesSynthetic(b *testing.B) {
	reports := make([][]byte, 64)
	scanned := make([][]line, 64)
	texts := make([]string, 64)
	for i := range reports {
		reports[i] = bench.Report(i)
		scanned[i], texts[i] = scanLines(reports[i], nil)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := i % len(reports)
		sc := scratchPool.Get().(*scratch)
		importLines("r.md", reports[k], texts[k], sc, append(sc.lines[:0], scanned[k]...))
		i++
	}
}
