package bench_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/bench"
	"github.com/postmortem-cli/postmortem/internal/lint/rules"
	"github.com/postmortem-cli/postmortem/internal/report"
)

// TestAnswersUnchanged guards the speed work: every finding on 400
// synthetic reports, and a digest of the document each imports to, must
// stay what testdata/answers.golden says. The golden file was written by
// the code before the importer and the rules were tuned for speed, so a
// shortcut that changes any answer fails here. UPDATE_GOLDEN=1 rewrites
// it, for a change that means to change answers (and says so).
func TestAnswersUnchanged(t *testing.T) {
	l := lint.New(rules.All())
	s := lint.DefaultSettings()
	var b strings.Builder
	for i := 0; i < 400; i++ {
		name := fmt.Sprintf("incident-%05d.md", i)
		in, err := lint.Load(name, bench.Report(i), s)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := document.Validate(in.Doc)
		js, err := document.MarshalJSON(in.Doc, r)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s document %x\n", name, sha256.Sum256(js))
		for _, f := range l.Check(in) {
			b.WriteString(report.TextLine(f))
			b.WriteByte('\n')
		}
	}
	golden := filepath.Join("testdata", "answers.golden")
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if got := b.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for k := 0; k < max(len(gl), len(wl)); k++ {
			g, w := "", ""
			if k < len(gl) {
				g = gl[k]
			}
			if k < len(wl) {
				w = wl[k]
			}
			if g != w {
				t.Fatalf("answers changed at line %d:\n got: %s\nwant: %s", k+1, g, w)
			}
		}
	}
}
