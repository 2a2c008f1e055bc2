package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// FuzzFindWindows: windows found in any prose lie inside it.
func FuzzFindWindows(f *testing.F) {
	for _, s := range []string{"Between 19:34 and 19:47 UTC", "from 20:00 UTC to 20:30 UTC", "11:33-11:37 PM", "between 20:44 UTC and 20:25 UTC", "12:00 to 1:00 pm MST", "99:99-00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, w := range windowsOf(s, timeparse.Lex(s)) {
			if w.off < 0 || w.end_ > len(s) || w.off > w.end_ || w.start.min < 0 || w.end.min >= 24*60 {
				t.Fatalf("window %+v out of range in %q", w, s)
			}
		}
	})
}

// FuzzLint runs every rule and --fix on arbitrary Markdown: no panic,
// findings inside the file, and fixing twice changes nothing more.
func FuzzLint(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/fire_*.md")
	for _, p := range seeds[:min(len(seeds), 12)] {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("# T\n\n## Timeline\n\n- _7:34_ - x\n- 19:34 - y\n<!-- postmortem-disable -->\n"))
	l := lint.New(All())
	f.Fuzz(func(t *testing.T, src []byte) {
		s := lint.DefaultSettings()
		s.Severity["blameful-language"] = lint.Warning
		in, err := lint.Load("f.md", src, s)
		if err != nil {
			return // not a text file: reported as unusable, not linted
		}
		n := in.LineCount()
		for _, fd := range l.Check(in) {
			if fd.Line < 1 || (n > 0 && fd.Line > n) || fd.Column < 1 {
				t.Fatalf("finding %+v outside a %d-line file", fd, n)
			}
		}
		out, _, err := l.FixSource("f.md", src, s)
		if err != nil {
			t.Fatal(err)
		}
		again, _, _ := l.FixSource("f.md", out, s)
		if string(again) != string(out) {
			t.Fatalf("--fix not idempotent:\n%q\n%q", out, again)
		}
	})
}
