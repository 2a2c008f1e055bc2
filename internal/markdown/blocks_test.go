package markdown

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
	"unicode/utf8"
)

// TestLineTablePos compares pos with the sort.Search form it replaced,
// at every offset of a few texts.
func TestLineTablePos(t *testing.T) {
	for _, src := range []string{"", "a", "\n", "ab\ncd\n", "\n\nx\n\u00e9\u00e9\ny", "no newline at the end"} {
		lt := newLineTable([]byte(src))
		for off := 0; off <= len(src)+1; off++ {
			i := sort.Search(len(lt.starts), func(i int) bool { return lt.starts[i] > off }) - 1
			if i < 0 {
				i = 0
			}
			wantLine, wantCol := i+1, utf8.RuneCount(lt.src[lt.starts[i]:min(off, len(lt.src))])+1
			if l, c := lt.pos(off); l != wantLine || c != wantCol {
				t.Errorf("pos(%d) in %q = %d:%d, want %d:%d", off, src, l, c, wantLine, wantCol)
			}
		}
	}
}

// Every line's content is where textAt says it is in the line, so that
// its tokens are the line's tokens at textAt (the linter reads them).
func TestTextAt(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/import/*.md")
	for _, glob := range []string{"corpus/*/*.md", "corpus/*.md", "real-world/*.md"} {
		more, _ := filepath.Glob(sharedPath(glob))
		files = append(files, more...)
	}
	srcs := [][]byte{[]byte("```md\n  - a *19:34*  \n  > ## b ##\n```\n\t- x\n| c |\n|---|\n"), []byte("---\ntitle: x\n---\n  text\n")}
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			srcs = append(srcs, b)
		}
	}
	if len(srcs) < 10 {
		t.Fatalf("only %d texts to read", len(srcs))
	}
	for _, src := range srcs {
		lines, _ := parseBlocks(src)
		for _, l := range lines {
			if l.textAt < 0 || l.textAt+len(l.text) > len(l.raw) || l.raw[l.textAt:l.textAt+len(l.text)] != l.text {
				t.Errorf("line %d %q: text %q is not at %d", l.n, l.raw, l.text, l.textAt)
			}
		}
	}
}
