package render

import (
	"strings"
	"testing"
)

// FuzzBlock: whatever a person types into a prose field, the rendered
// section contains no heading of its own and no fence left open.
func FuzzBlock(f *testing.F) {
	for _, s := range []string{"# x", "a\n===", "a\n---", "```\ncode", "<!-- x", "  ## y", "~~~\n```\n", "x\n\n> # q"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\r\x00") {
			return // Markdown line ending and NUL handling are the parser's, not ours
		}
		out := []byte("# T\n\n## S\n\n" + Block(s) + "\n\n## After\n")
		hs := headings(out)
		if len(hs) < 3 || hs[len(hs)-1] != "## After" {
			t.Fatalf("prose %q changed the structure: %q\n%s", s, hs, out)
		}
	})
}
