package timeparse

import (
	"time"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/fold"
)

// The lexer's reader of durations.

// ------------------------------------------------------------- durations

// readDuration reads a duration at p: one or more parts ("6hrs 30mins",
// "1 hour and 5 minutes"), each a number in digits or words and a unit,
// joined while each unit is smaller than the one before.
func readDuration(s string, p int) (Token, bool) {
	end, d, unit, ok := durationPartAt(s, p)
	if !ok {
		return Token{}, false
	}
	t := Token{Kind: Duration, Start: p, End: end, Duration: d}
	for {
		if h := andAHalf(s, t.End); h > t.End {
			// "an hour and a half": half the last unit, and nothing after
			t.End, t.Duration = h, t.Duration+unit/2
			return t, true
		}
		q := glueEnd(s, t.End)
		if q == t.End && q < len(s) || q >= len(s) || !startsDurationPart(s, q) {
			return t, true
		}
		e, d2, u2, ok := durationPartAt(s, q)
		if !ok || u2 >= unit {
			return t, true
		}
		t.End, t.Duration, unit = e, t.Duration+d2, u2
	}
}

// startsDurationPart reports whether a part may start at q: a digit or a
// letter, with no letter or digit before it.
func startsDurationPart(s string, q int) bool {
	if q > 0 && isWordByte(s[q-1]) {
		return false
	}
	return isDigit(s[q]) || isLetter(s[q])
}

// glueEnd passes over what may join two parts of a duration: spaces and
// commas, an optional "and", spaces and commas.
func glueEnd(s string, i int) int {
	for i < len(s) && (isSpaceByte(s[i]) || s[i] == ',') {
		i++
	}
	if n, ok := fold.HasPrefix(s[i:], "and"); ok && (i+n == len(s) || !isWordByte(s[i+n])) {
		i += n
	}
	for i < len(s) && (isSpaceByte(s[i]) || s[i] == ',') {
		i++
	}
	return i
}

// andAHalf returns where " and a half" written at i ends ("two and a
// half hours", "an hour and a half"), or i when it is not there.
func andAHalf(s string, i int) int {
	j := skipSpace(s, i)
	if j == i || j >= len(s) {
		return i
	}
	if n, ok := fold.HasPrefix(s[j:], "and a half"); ok && (j+n == len(s) || !isWordByte(s[j+n])) {
		return j + n
	}
	return i
}

// maxDuration is the longest duration read: a century; a longer one
// ("107000d") is a number and a letter, and would overflow.
const maxDuration = 100 * 366 * 24 * time.Hour

// durationWords are the numbers a duration may be counted in.
var durationWords = []struct {
	word  string
	value float64
}{{"an", 1}, {"a", 1}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
	{"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"half an", 0.5}, {"half a", 0.5}}

// durationUnits are the units, longest spelling first.
var durationUnits = []struct {
	word string
	unit time.Duration
}{{"days", day}, {"day", day}, {"d", day}, {"hours", time.Hour}, {"hour", time.Hour}, {"hrs", time.Hour},
	{"hr", time.Hour}, {"h", time.Hour}, {"minutes", time.Minute}, {"minute", time.Minute}, {"mins", time.Minute},
	{"min", time.Minute}, {"m", time.Minute}, {"seconds", time.Second}, {"second", time.Second},
	{"secs", time.Second}, {"sec", time.Second}, {"s", time.Second}}

const day = 24 * time.Hour

// durationPartAt reads one part at p: digits (with a decimal part),
// spaces and an optional dash, a unit; or a number word, spaces, a unit.
func durationPartAt(s string, p int) (end int, d, unit time.Duration, ok bool) {
	if isDigit(s[p]) {
		j := skipDigits(s, p)
		if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
			j = skipDigits(s, j+1)
		}
		n := parseDecimal(s[p:j])
		if h := andAHalf(s, j); h > j {
			n, j = n+0.5, h // "2 and a half hours"
		}
		k := skipSpace(s, j)
		if k < len(s) && s[k] == '-' {
			k = skipSpace(s, k+1)
		}
		if e, u, ok := unitAt(s, k); ok && n*float64(u) <= float64(maxDuration) {
			return e, time.Duration(n * float64(u)), u, true
		}
		return 0, 0, 0, false
	}
	for _, w := range durationWords {
		n, ok := fold.HasPrefix(s[p:], w.word)
		if !ok {
			continue
		}
		value := w.value
		if h := andAHalf(s, p+n); h > p+n {
			value, n = value+0.5, h-p // "two and a half hours"
		}
		k := skipSpace(s, p+n)
		if k == p+n {
			continue
		}
		if e, u, ok := unitAt(s, k); ok {
			return e, time.Duration(value * float64(u)), u, true
		}
	}
	return 0, 0, 0, false
}

// unitAt reads a unit at k, with no letter or digit after it.
func unitAt(s string, k int) (int, time.Duration, bool) {
	if k >= len(s) {
		return 0, 0, false
	}
	first := s[k]
	if isUpper(first) {
		first += 'a' - 'A'
	}
	for _, u := range durationUnits {
		if first < utf8.RuneSelf && u.word[0] != first {
			continue // (a letter outside ASCII may fold into one: try them all)
		}
		if n, ok := fold.HasPrefix(s[k:], u.word); ok && (k+n == len(s) || !isWordByte(s[k+n])) {
			return k + n, u.unit, true
		}
	}
	return 0, 0, false
}

func parseDecimal(s string) float64 {
	v, frac, scale := 0.0, false, 1.0
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			frac = true
			continue
		}
		if frac {
			scale /= 10
			v += float64(s[i]-'0') * scale
		} else {
			v = v*10 + float64(s[i]-'0')
		}
	}
	return v
}
