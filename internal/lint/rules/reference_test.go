package rules

import "unicode/utf8"

// isASCII reports whether s is all ASCII bytes: the plain test the
// rules' ASCII fast paths are checked with.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
