package cli

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"github.com/postmortem-cli/postmortem/internal/incidentgen"
)

// BenchmarkSiteFolder runs `postmortem site DIR -o OUT` over 10,000
// generated postmortems through the real entry point, files on disk
// (scripts/bench-site.sh times the built binary; this is for profiles:
// -cpuprofile).
func BenchmarkSiteFolder(b *testing.B) {
	dir := b.TempDir()
	if _, err := incidentgen.Write(filepath.Join(dir, "pm"), 10000, 1); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var out, errb bytes.Buffer
		env := &Env{In: &bytes.Buffer{}, Out: &out, Err: &errb, Now: func() time.Time { return time.Unix(1733356800, 0) }, Getenv: func(string) string { return "" }}
		if code := Main([]string{"site", filepath.Join(dir, "pm"), "-o", filepath.Join(dir, "out")}, env); code != 0 {
			b.Fatalf("exit %d: %s", code, errb.String())
		}
	}
}
