package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/document"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 513, 4096, 100_000} {
		p := filepath.Join(dir, "r.md")
		want := bytes.Repeat([]byte("ab\n"), size/3+1)[:size]
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readFile(p)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("size %d: got %d bytes, %v", size, len(got), err)
		}
	}
	big := filepath.Join(dir, "big.md")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, document.MaxSize+1); err != nil {
		t.Fatal(err)
	}
	if _, err := readFile(big); err == nil || !strings.Contains(err.Error(), "big.md: file is") {
		t.Errorf("a file over the limit: %v", err)
	}
	// Errors read as the os package's do.
	for _, p := range []string{dir, filepath.Join(dir, "missing.md")} {
		_, err := readFile(p)
		_, want := os.ReadFile(p)
		if err == nil || err.Error() != want.Error() {
			t.Errorf("%s: error %v, os.ReadFile says %v", p, err, want)
		}
	}
}
