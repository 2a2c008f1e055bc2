package related

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/didyoumean"
	"github.com/postmortem-cli/postmortem/internal/discover"
)

// Resolver tells which postmortem a `related` entry names. An entry is a
// URL (accepted, never fetched), a path relative to the report that
// lists it, or an ID: a postmortem's file name without folder and
// extension ("2024-11-02-checkout-timeouts"), compared without regard to
// case.
type Resolver struct {
	byStem map[string][]string
	// byPath is keyed by absolute path without extension: a report and
	// the Markdown rendered beside it are one incident.
	byPath map[string][]string
	stems  []string
	abs    discover.Abs
	// Exists reports whether a path names a file outside the catalogue
	// (excluded, or in a folder not searched); nil: none does.
	Exists func(path string) bool
}

// NewResolver indexes the catalogue's files.
func NewResolver(files []string) *Resolver {
	r := &Resolver{byStem: map[string][]string{}, byPath: map[string][]string{}, abs: discover.NewAbs()}
	for _, f := range files {
		s := strings.ToLower(Stem(f))
		if _, ok := r.byStem[s]; !ok {
			r.stems = append(r.stems, s)
		}
		r.byStem[s] = append(r.byStem[s], f)
		k := noExt(r.absClean(f))
		r.byPath[k] = append(r.byPath[k], f)
	}
	sort.Strings(r.stems)
	return r
}

// Stem is a file name without folder and extension: the ID other
// reports use for it.
func Stem(p string) string {
	b := filepath.Base(filepath.FromSlash(p))
	return strings.TrimSuffix(b, filepath.Ext(b))
}

func noExt(p string) string { return strings.TrimSuffix(p, filepath.Ext(p)) }

func (r *Resolver) absClean(p string) string {
	if a, err := r.abs.Path(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// IsURL reports whether an entry is a URL.
func IsURL(entry string) bool { return strings.Contains(entry, "://") }

// isPath reports whether an entry is written as a path rather than an ID.
func isPath(entry string) bool {
	if strings.ContainsAny(entry, `/\`) {
		return true
	}
	switch strings.ToLower(filepath.Ext(entry)) {
	case ".md", ".markdown", ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// Resolve returns the catalogue files an entry of the report at from
// names (a report and its rendered Markdown share an ID); nil for a URL
// or an entry that names none.
func (r *Resolver) Resolve(from, entry string) []string {
	entry = strings.TrimSpace(entry)
	switch {
	case entry == "" || IsURL(entry):
		return nil
	case isPath(entry):
		p := filepath.Join(filepath.Dir(from), filepath.FromSlash(entry))
		return r.byPath[noExt(r.absClean(p))]
	}
	return r.byStem[strings.ToLower(entry)]
}

// Problem says why an entry names no postmortem, "" when it does. This
// is lint's related-link check.
func (r *Resolver) Problem(from, entry string) string {
	entry = strings.TrimSpace(entry)
	if entry == "" || IsURL(entry) || len(r.Resolve(from, entry)) > 0 {
		return ""
	}
	if isPath(entry) {
		p := filepath.Join(filepath.Dir(from), filepath.FromSlash(entry))
		if r.Exists != nil && r.Exists(p) {
			return ""
		}
		return fmt.Sprintf("names no file (looked for %s)", filepath.ToSlash(p))
	}
	msg := "names no postmortem (no file of that name without its extension)"
	if s := didyoumean.Closest(strings.ToLower(entry), r.stems, max(2, len(entry)/5)); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", Stem(r.byStem[s][0]))
	}
	return msg
}

// Lists reports whether the related entries of the report at from name
// the file target.
func (r *Resolver) Lists(from string, entries []string, target string) bool {
	t := r.absClean(target)
	for _, e := range entries {
		for _, f := range r.Resolve(from, e) {
			if r.absClean(f) == t {
				return true
			}
		}
	}
	return false
}
