package lsp

import (
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// bigReport is a 1,000-line report in the course template's shape: a
// timeline of 735 entries a minute apart, pages of prose in the other
// sections, a template instruction left in and non-ASCII text, so that
// every rule has work to do.
func bigReport() string {
	var b strings.Builder
	b.WriteString("# Incident: 2025-03-11 20-30-00\n\n## Summary\n\n")
	b.WriteString("Between 08:50 and 20:30 UTC on 2025-03-11, café customers could not pay by card 💳; the outage lasted 11 hours 40 minutes.\n\n")
	b.WriteString("## Detection\n\nThe checkout error-rate alert paged José Núñez at 08:52 UTC.\n\n## Impact\n\n")
	b.WriteString("Describe how the incident impacted internal and external users during the incident. Include how many support cases were raised.\n\n")
	b.WriteString("For 11 hours 40 minutes between 08:50 UTC and 20:30 UTC on 03/11/25, card payments failed.\n\n")
	b.WriteString("## Timeline\n\nAll times are UTC.\n\n")
	clock := func(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
	start := 8*60 + 50
	const entries = 735
	for i := range entries {
		what := fmt.Sprintf("Engineers check gateway shard %d and its queue 🚦", i)
		switch i {
		case 0:
			what = "Payment gateway begins returning errors"
		case 2:
			what = "Error-rate alert triggered and on-call paged"
		case 5:
			what = "José acknowledged the page"
		case entries - 10:
			what = "Payments back to normal"
		case entries - 1:
			what = "Incident resolved"
		}
		fmt.Fprintf(&b, "- _%s_ - %s\n", clock(start+i), what)
	}
	b.WriteString("\n## Response\n\n")
	for i := range 60 {
		fmt.Fprintf(&b, "Responder note %d: the team looked at dashboards, logs and the gateway's configuration history, and wrote down what they saw.\n\n", i)
	}
	b.WriteString("# Root cause\n\nThe gateway's timeout was set to 5 ms instead of 5 s.\n\n## Resolution\n\n")
	for i := range 40 {
		fmt.Fprintf(&b, "Step %d of the rollback was applied and checked before the next one.\n\n", i)
	}
	b.WriteString("# Prevention\n\nCheck timeouts against the configuration schema before a push.\n\n# Action items\n\n")
	for i := range 30 {
		fmt.Fprintf(&b, "%d. Follow-up %d (Owner: Ana Lima, Due: 2025-03-25)\n", i+1, i+1)
	}
	return b.String()
}

// editor sends edits to the big report and measures how long each takes
// to come back as diagnostics.
type editor struct {
	c       *client
	uri     string
	version int
	line    int
	text    string
}

func openBig(tb testing.TB, debounce time.Duration) *editor {
	text := bigReport()
	if n := strings.Count(text, "\n"); n < 1000 || n > 1100 {
		tb.Fatalf("the big report has %d lines, want about 1,000", n)
	}
	c := startServer(tb, Options{Debounce: debounce})
	c.initialize()
	e := &editor{c: c, version: 1, text: text}
	e.uri = c.open(filepath.Join(tb.TempDir(), "big.md"), text)
	c.diagnostics(e.uri, 1)
	lines := strings.Split(text, "\n")
	e.line = slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "Responder note 30:") })
	return e
}

// edit types over a word of a prose line in the middle of the report
// ("looked" and "peered" in turn), as one incremental change.
func (e *editor) edit() {
	e.version++
	word := []string{"peered", "looked"}[e.version%2]
	at := strings.Index("Responder note 30: the team looked", "looked")
	e.c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": e.uri, "version": e.version},
		"contentChanges": []contentChange{{Range: &Range{Position{e.line, at}, Position{e.line, at + 6}}, Text: word}}})
}

// BenchmarkDiagnosticsAfterEdit is the time from an edit of a 1,000-line
// report (sent as the editor sends it) to its diagnostics arriving,
// debounce included. ms-p50 and ms-p95 are over the run's edits; run
// with -benchtime=300x for a stable 95th percentile.
func BenchmarkDiagnosticsAfterEdit(b *testing.B) {
	e := openBig(b, DefaultDebounce)
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		e.edit()
		e.c.diagnostics(e.uri, e.version)
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(q float64) float64 {
		return float64(lat[min(int(q*float64(len(lat))), len(lat)-1)]) / float64(time.Millisecond)
	}
	b.ReportMetric(ms(0.5), "ms-p50")
	b.ReportMetric(ms(0.95), "ms-p95")
}

// BenchmarkAnalyseBigReport is the linting share of the above: one
// analysis of the 1,000-line report.
func BenchmarkAnalyseBigReport(b *testing.B) {
	src := []byte(bigReport())
	settings, _ := newConfigs().settingsFor("")
	b.ReportAllocs()
	for b.Loop() {
		analyze("big.md", src, settings)
	}
}

// TestMemoryFlatOverEdits: 1,000 edits of the 1,000-line report leave
// the heap where 100 edits left it; the server keeps one text and one
// analysis per document, whatever the history.
func TestMemoryFlatOverEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 edits; skipped with -short")
	}
	e := openBig(t, time.Millisecond)
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var after100 uint64
	for i := 1; i <= 1000; i++ {
		e.edit()
		if i%10 == 0 { // a burst of ten keystrokes, then a pause
			e.c.diagnostics(e.uri, e.version)
		}
		if i == 100 {
			after100 = heap()
		}
	}
	after1000 := heap()
	// One copy of the report is 60 KB; keeping every version would be
	// 54 MB more, every analysis several times that.
	if after1000 > after100+2<<20 {
		t.Errorf("heap grew from %d KB after 100 edits to %d KB after 1,000", after100>>10, after1000>>10)
	}
	t.Logf("heap after 100 edits: %d KB; after 1,000: %d KB", after100>>10, after1000>>10)
}

// The metric bounds the hover names cover every metric the document
// computes.
func TestMetricBoundsCoverEveryMetric(t *testing.T) {
	for _, m := range document.MetricDefinitions {
		b, ok := metricBounds[m.Key]
		if !ok || len(b[0]) == 0 || len(b[1]) == 0 {
			t.Errorf("metricBounds has no milestones for %s", m.Key)
		}
		for _, ms := range append(slices.Clone(b[0]), b[1]...) {
			if !slices.Contains(document.Milestones, ms) {
				t.Errorf("%s: %q is not a milestone", m.Key, ms)
			}
			if !strings.Contains(m.Definition, "`"+ms+"`") && !strings.Contains(m.Definition, "impact start") {
				t.Errorf("%s: its definition (%s) does not mention %s", m.Key, m.Definition, ms)
			}
		}
	}
}
