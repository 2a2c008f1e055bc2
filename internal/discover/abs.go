package discover

import (
	"os"
	"path/filepath"
)

// Abs makes paths absolute as filepath.Abs does, against the current
// folder read once, when the Abs is made: filepath.Abs reads it again
// (two stat calls) for every relative path, which a site of ten thousand
// reports paid twice over, one path after the other.
type Abs struct {
	cwd string
	err error
}

// NewAbs reads the current folder.
func NewAbs() Abs {
	cwd, err := os.Getwd()
	return Abs{cwd, err}
}

// Path is p made absolute and cleaned, or the error of reading the
// current folder for a relative p.
func (a Abs) Path(p string) (string, error) {
	if filepath.IsAbs(p) {
		return filepath.Clean(p), nil
	}
	if a.err != nil {
		return "", a.err
	}
	return filepath.Join(a.cwd, p), nil
}

// Or is p made absolute, or p itself when that cannot be done.
func (a Abs) Or(p string) string {
	if abs, err := a.Path(p); err == nil {
		return abs
	}
	return p
}
