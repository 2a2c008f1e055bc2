package markdown

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"sync"
	"testing"
	"unicode/utf8"
)

// TestImportConcurrentScratch imports the fixtures from several
// goroutines at once (lint loads folders in parallel) and checks every
// report against one imported alone: the pooled per-line tables must not
// leak from one import into another, nor into a report.
func TestImportConcurrentScratch(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/import/*.md")
	if len(files) == 0 {
		t.Skip("no fixtures")
	}
	srcs := make([][]byte, len(files))
	want := make([]*Report, len(files))
	for i, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[i] = src
		if want[i], err = Import(filepath.Base(f), src); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 3*len(files); k++ {
				i := (k + g) % len(files)
				got, err := Import(filepath.Base(files[i]), srcs[i])
				if err != nil {
					t.Error(err)
					return
				}
				if !reflect.DeepEqual(got, want[i]) {
					t.Errorf("%s: a concurrent import differs from one alone", files[i])
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

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
