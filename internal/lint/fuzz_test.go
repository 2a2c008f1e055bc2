package lint

import (
	"strings"
	"testing"
)

// FuzzDirectives: suppression comments in any text parse without panic,
// at positions inside the text, and line edits keep the text's shape.
func FuzzDirectives(f *testing.F) {
	f.Add("<!-- postmortem-disable-next-line secret -->\ntext\n")
	f.Add("a <!-- postmortem-disable a, b --> <!-- postmortem-enable -->\n```\n<!-- postmortem-disable -->\n```\n")
	f.Add("<!--postmortem-disable-line-->")
	f.Add("\r\n<!-- postmortem-enable x y z -->\r\n")
	f.Fuzz(func(t *testing.T, src string) {
		in := &Input{Path: "f.md", Source: []byte(src)}
		n := in.LineCount()
		for _, d := range parseDirectives(in) {
			if d.line < 1 || d.line > n || d.col < 1 {
				t.Fatalf("directive at %d:%d in a %d-line text", d.line, d.col, n)
			}
		}
		fs := []Finding{{Line: 1, Rule: "x", Fix: ReplaceLine(1, "X")}, {Line: n, Rule: "y", Fix: DeleteLines(n, n)}, {Fix: InsertBefore(2, "i")}}
		out, _ := Apply([]byte(src), fs)
		// A file that ends with a newline keeps ending with one. (Without
		// one, an empty last line joined back reads like one: "\n\n0" with
		// its last line deleted is "\n\n".)
		if strings.HasSuffix(src, "\n") && len(out) > 0 && !strings.HasSuffix(string(out), "\n") {
			t.Fatalf("Apply dropped the final newline: %q -> %q", src, out)
		}
	})
}
