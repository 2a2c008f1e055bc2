package discover

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sync/atomic"
	"testing"
)

func TestMatch(t *testing.T) {
	cases := []struct {
		glob, rel string
		want      bool
	}{
		{"*.md", "a/b/report.md", true},
		{"*.md", "a/b/report.yaml", false},
		{"archive/**", "archive/2023/x.md", true},
		{"archive/**", "live/x.md", false},
		{"**/draft-*.md", "a/b/draft-1.md", true},
		{"**/draft-*.md", "draft-1.md", true},
		{"a/*.md", "a/b/x.md", false},
		{"./a/*.md", "a/x.md", true},
	}
	for _, c := range cases {
		if got := Match(c.glob, c.rel); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.glob, c.rel, got, c.want)
		}
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.md", "a.yaml", "notes.txt", ".hidden.md", "sub/c.md", ".git/x.md", "archive/old.md", "sub/d.json"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Files([]string{dir, filepath.Join(dir, "notes.txt"), filepath.Join(dir, "b.md")}, Options{Exclude: []string{"archive/**"}})
	if err != nil {
		t.Fatal(err)
	}
	rel := func(ps []string) []string {
		var out []string
		for _, p := range ps {
			r, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(r))
		}
		return out
	}
	want := []string{"a.yaml", "b.md", "sub/c.md", "sub/d.json", "notes.txt"}
	if !reflect.DeepEqual(rel(got), want) {
		t.Errorf("Files = %v, want %v", rel(got), want)
	}
	got, _ = Files([]string{dir}, Options{Include: []string{"*.md"}})
	if want := []string{"archive/old.md", "b.md", "sub/c.md"}; !reflect.DeepEqual(rel(got), want) {
		t.Errorf("Files with include = %v, want %v", rel(got), want)
	}
	if _, err := Files([]string{filepath.Join(dir, "missing")}, Options{}); err == nil {
		t.Error("missing path: want error")
	}
	if _, err := Files([]string{dir}, Options{Exclude: []string{"[oops"}}); err == nil {
		t.Error("bad glob: want error")
	}
}

func TestEachKeepsOrderWithBoundedWindow(t *testing.T) {
	var inFlight, peak atomic.Int32
	var got []int
	Each(200, 4, func(i int) int {
		n := inFlight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		defer inFlight.Add(-1)
		return i * i
	}, func(i, v int) {
		if v != i*i {
			t.Errorf("item %d: got %d", i, v)
		}
		got = append(got, i)
	})
	for i, v := range got {
		if v != i {
			t.Fatalf("emitted out of order at %d: %v", i, got[:i+1])
		}
	}
	if len(got) != 200 {
		t.Fatalf("emitted %d items, want 200", len(got))
	}
	if peak.Load() > 4 {
		t.Errorf("peak workers %d > 4", peak.Load())
	}
}

// A slow first item must not let the others pile up: at most Window
// items are finished and waiting for their turn.
func TestEachBoundsWaitingResults(t *testing.T) {
	for _, workers := range []int{2, 3, 8} {
		var done, emitted atomic.Int32
		var peak int32
		release := make(chan struct{})
		go func() {
			// let the other workers run ahead as far as they can
			for done.Load() < int32(Window(workers)-1) {
				runtime.Gosched()
			}
			close(release)
		}()
		Each(500, workers, func(i int) int {
			if i == 0 {
				<-release
			}
			done.Add(1)
			return i
		}, func(i, v int) {
			if d := done.Load() - emitted.Load(); d > peak {
				peak = d
			}
			if v != i {
				t.Errorf("item %d: got %d", i, v)
			}
			emitted.Add(1)
		})
		if emitted.Load() != 500 {
			t.Errorf("%d workers: emitted %d of 500", workers, emitted.Load())
		}
		if peak > int32(Window(workers)) {
			t.Errorf("%d workers: %d results waited; the window is %d", workers, peak, Window(workers))
		}
	}
}

func TestFilesPassesOverProjectFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"README.md", "sub/CHANGELOG.md", "2024-12-04.md", "readme.yaml"} {
		p := filepath.Join(dir, f)
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var skipped []string
	got, err := Files([]string{dir, filepath.Join(dir, "README.md")}, Options{OnSkip: func(p, _ string) { skipped = append(skipped, filepath.Base(p)) }})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		names = append(names, filepath.Base(p))
	}
	if want := []string{"2024-12-04.md", "readme.yaml", "README.md"}; !reflect.DeepEqual(names, want) {
		t.Errorf("files %v, want %v (README named on the command line counts)", names, want)
	}
	if want := []string{"README.md", "CHANGELOG.md"}; !reflect.DeepEqual(skipped, want) {
		t.Errorf("skipped %v, want %v", skipped, want)
	}
}

func TestFilesCountsARenderedReportOnce(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"2024-12-04-x.yaml", "2024-12-04-x.md", "2024-12-05-y.md"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var skipped []string
	got, err := Files([]string{dir}, Options{OnSkip: func(p, why string) { skipped = append(skipped, filepath.Base(p)+": "+why) }})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		names = append(names, filepath.Base(p))
	}
	if want := []string{"2024-12-04-x.yaml", "2024-12-05-y.md"}; !reflect.DeepEqual(names, want) {
		t.Errorf("files %v, want %v", names, want)
	}
	if want := []string{"2024-12-04-x.md: rendered from 2024-12-04-x.yaml, which counts instead; name it on the command line to count it"}; !reflect.DeepEqual(skipped, want) {
		t.Errorf("skipped %v, want %v", skipped, want)
	}
}
