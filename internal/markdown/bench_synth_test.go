package markdown

import (
	"testing"

	"github.com/postmortem-cli/postmortem/internal/lint/bench"
)

// BenchmarkImportSynthetic imports the 64 synthetic reports the lint
// benchmarks cycle over; BenchmarkParseSynthetic is goldmark's share of
// it (parseBlocks alone: goldmark and the lexer), so Import's own passes are the difference.
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
	i := 0
	for b.Loop() {
		parseBlocks(reports[i%len(reports)])
		i++
	}
}
