package markdown

import (
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
