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
	var b strings.Builder
	for i := 0; i < 400; i++ {
		doc, findings := answers(t, fmt.Sprintf("incident-%05d.md", i), bench.Report(i))
		b.WriteString(doc + findings)
	}
	compareGolden(t, filepath.Join("testdata", "answers.golden"), b.String())
}

// TestCorpusAnswersUnchanged is the same guard on the real reports in
// ../shared/corpus. Their text must not be copied into the repository,
// and findings quote it, so the golden file keeps a digest per report;
// a failure prints that report's findings as the code gives them now.
func TestCorpusAnswersUnchanged(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "..", "shared", "corpus", "*", "*.md"))
	if len(files) == 0 {
		t.Skip("../shared/corpus is not here")
	}
	var b strings.Builder
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(filepath.Dir(p)) + "/" + filepath.Base(p)
		doc, findings := answers(t, name, src)
		fmt.Fprintf(&b, "%s %x\n", strings.TrimSuffix(doc, "\n"), sha256.Sum256([]byte(findings)))
		if testing.Verbose() {
			t.Log(findings)
		}
	}
	compareGolden(t, filepath.Join("testdata", "corpus-answers.golden"), b.String())
	if t.Failed() {
		t.Log("go test -v prints every report's findings as the code gives them now")
	}
}

// answers lints one report: a line with a digest of the document it
// imports to, and its findings as text lines.
func answers(t *testing.T, name string, src []byte) (doc, findings string) {
	t.Helper()
	in, err := lint.Load(name, src, lint.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	r, _ := document.Validate(in.Doc)
	js, err := document.MarshalJSON(in.Doc, r)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range linter.Check(in) {
		b.WriteString(report.TextLine(f))
		b.WriteByte('\n')
	}
	return fmt.Sprintf("%s document %x\n", name, sha256.Sum256(js)), b.String()
}

var linter = lint.New(rules.All())

func compareGolden(t *testing.T, golden, got string) {
	t.Helper()
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if got != string(want) {
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
