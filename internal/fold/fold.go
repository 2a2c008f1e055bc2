// Package fold is the one meaning "case-insensitive" has in postmortem:
// Unicode simple case folding, the folding regexp's (?i) and
// strings.EqualFold use. Patterns say (?i); code that compares words by
// hand (the time lexer, table lookups) uses these functions, so both read
// "ſeconds" (long s) as "seconds" and "5 K" (Kelvin sign) as "5 k", and
// nothing else.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rune returns the member of r's folding orbit that stands for all of
// them: the smallest lower-case one ("s" for S, s and ſ), else the
// smallest. Two runes fold together exactly when Rune gives the same.
func Rune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	best, lower := r, unicode.IsLower(r)
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		fl := unicode.IsLower(f)
		if fl && !lower || fl == lower && f < best {
			best, lower = f, fl
		}
	}
	return best
}

// String returns s with every rune replaced by Rune: two strings are
// equal under simple folding exactly when their String is equal. It is
// the key words are looked up by in a table written in lower case.
func String(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.Map(Rune, s)
		}
	}
	return s
}

// Equal reports whether runes r and w fold together.
func Equal(r, w rune) bool {
	return r == w || Rune(r) == Rune(w)
}

// HasPrefix reports whether s starts with prefix under simple folding,
// and how many bytes of s the prefix covers (a folded rune may be
// longer or shorter than its counterpart).
func HasPrefix(s, prefix string) (int, bool) {
	i := 0
	for _, w := range prefix {
		if i >= len(s) {
			return 0, false
		}
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !Equal(r, w) {
			return 0, false
		}
		i += size
	}
	return i, true
}

// Index returns the byte offset of the first place s holds word under
// simple folding, or -1.
func Index(s, word string) int {
	if word == "" {
		return 0
	}
	for i := 0; i < len(s); {
		if _, ok := HasPrefix(s[i:], word); ok {
			return i
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return -1
}

// Contains reports whether s holds word under simple folding.
func Contains(s, word string) bool { return Index(s, word) >= 0 }
