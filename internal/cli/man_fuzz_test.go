package cli

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// Help text becomes roff; whatever it holds, no line of it may turn into
// a roff request (a line starting with '.' or ') other than the ones the
// writer emits itself, and no byte beyond ASCII may reach troff.
func FuzzRoffText(f *testing.F) {
	for _, s := range []string{
		"plain", ".TH fake", "'quote", "a\n.SH x\n  .nf", "  indented\n\tтаб", `back\slash -- dash`,
		"13:00 — text…", "\n\n\n", "para one\n\npara two\n  pre\nback", ".\n'\n\\",
	} {
		f.Add(s)
	}
	own := map[string]bool{".PP": true, ".RS 2": true, ".nf": true, ".fi": true, ".RE": true}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var b bytes.Buffer
		(&roff{&b}).text(s)
		for _, line := range strings.Split(b.String(), "\n") {
			if (strings.HasPrefix(line, ".") || strings.HasPrefix(line, "'")) && !own[line] {
				t.Fatalf("input %q produced the roff request line %q", s, line)
			}
			for i := 0; i < len(line); i++ {
				if line[i] >= 0x80 {
					t.Fatalf("input %q left a non-ASCII byte in %q", s, line)
				}
			}
		}
	})
}
