package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// FuzzImport: no input makes Import panic or hang, and what it returns is
// consistent (positions inside the file, entries pointing at the
// timeline, a document that resolves and marshals). Seeds are in
// testdata/fuzz/FuzzImport and the repository's import fixtures.
func FuzzImport(f *testing.F) {
	for _, glob := range []string{"../../testdata/import/*.md", "../../testdata/golden/*.md"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("# T\n\n## Timeline\n\n- _19:34_ - a\n- *5:10* b\n**10:30 AM**: c\n13:00 — d\n"))
	f.Add([]byte("```md\n## Summary\n```\n> [!NOTE]\n> x\n| Time | Event |\n|-|-|\n| 1:00 | x |\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		hang := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("import hangs on %q", data)) })
		rep, err := Import("f.md", data)
		hang.Stop()
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("import took %v for %d bytes", d, len(data))
		}
		if err != nil {
			return
		}
		lines := 1
		for _, b := range data {
			if b == '\n' {
				lines++
			}
		}
		for _, e := range rep.Entries {
			if e.Index < 0 || e.Index >= len(rep.Doc.Timeline) {
				t.Fatalf("entry index %d out of range", e.Index)
			}
			if e.Line < 1 || e.Line > lines {
				t.Fatalf("entry line %d outside 1..%d", e.Line, lines)
			}
		}
		for _, d := range rep.Diagnostics {
			if d.Line < 1 || d.Line > lines || d.Col < 1 {
				t.Fatalf("diagnostic at %d:%d outside the file", d.Line, d.Col)
			}
		}
		for _, l := range rep.Leftovers {
			if l.Line < 1 || l.EndLine < l.Line || l.EndLine > lines {
				t.Fatalf("leftover lines %d-%d outside 1..%d", l.Line, l.EndLine, lines)
			}
		}
		r, _ := document.Resolve(rep.Doc)
		if _, err := document.MarshalJSON(rep.Doc, r); err != nil {
			t.Fatal(err)
		}
		if _, err := document.Marshal(document.Normalize(rep.Doc, r)); err != nil {
			t.Fatal(err)
		}
	})
}
