package site

import (
	"math/rand"
	"sync/atomic"
	"testing"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/incidentgen"
)

// countingWriter keeps nothing: a build's cost without the disk.
type countingWriter struct{ bytes atomic.Int64 }

func (w *countingWriter) WriteFile(name string, data []byte) error {
	w.bytes.Add(int64(len(data)))
	return nil
}

func generatedIncidents(n int) []Incident {
	rng := rand.New(rand.NewSource(1))
	incs := make([]Incident, n)
	for i := range incs {
		doc, f := incidentgen.Doc(rng, i, n)
		r, _ := document.Resolve(doc)
		incs[i] = Incident{File: "pm/" + doc.Date + "-" + f.Name + "-" + string(rune('a'+i%26)) + ".yaml", Doc: doc, R: r}
	}
	return incs
}

// BenchmarkBuild10k builds the site of 10,000 generated postmortems in
// memory (scripts/bench-site.sh times the command end to end).
func BenchmarkBuild10k(b *testing.B) {
	incs := generatedIncidents(10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := &countingWriter{}
		if _, err := Build(incs, Options{Today: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}, w); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(w.bytes.Load())/1e6, "MB")
	}
}

func BenchmarkIncidentPage(b *testing.B) {
	incs := generatedIncidents(2000)
	s := newSite(incs, Options{}.withDefaults())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		writeIncident(s.incidentPage(i % len(incs)))
	}
}
