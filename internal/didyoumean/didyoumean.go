// Package didyoumean suggests the known name a typo most likely meant, so
// that "unknown key" and "unknown rule" errors can offer the fix.
package didyoumean

import "strings"

// Closest returns the known name nearest to word by edit distance (case
// and - versus _ ignored), or "" when none is within maxDist edits.
func Closest(word string, known []string, maxDist int) string {
	best, bestDist := "", maxDist+1
	norm := strings.ToLower(strings.ReplaceAll(word, "-", "_"))
	for _, k := range known {
		if d := distance(norm, strings.ToLower(strings.ReplaceAll(k, "-", "_"))); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// distance is the Levenshtein distance of two strings, by bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
