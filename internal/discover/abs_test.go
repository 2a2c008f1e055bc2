package discover

import (
	"path/filepath"
	"testing"
)

// Abs answers as filepath.Abs does.
func TestAbsAsFilepathAbs(t *testing.T) {
	a := NewAbs()
	for _, p := range []string{"x.yaml", "./a/../b/c.md", "/tmp/x/../y", "", ".", "..", "a//b/"} {
		want, werr := filepath.Abs(p)
		got, err := a.Path(p)
		if got != want || (err == nil) != (werr == nil) {
			t.Errorf("Path(%q) = %q, %v; filepath.Abs: %q, %v", p, got, err, want, werr)
		}
	}
}
