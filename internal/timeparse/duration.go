package timeparse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// FormatDuration writes a duration the way reports state them: "13 minutes",
// "1 hour 5 minutes", "2 days 3 hours". It rounds to the minute and keeps the
// two largest units, because nobody reads "2 days 3 hours 4 minutes" aloud.
func FormatDuration(d time.Duration) string {
	if d < 0 {
		return "-" + FormatDuration(-d)
	}
	if d > 0 && d < time.Minute {
		return plural(int(d.Round(time.Second)/time.Second), "second")
	}
	mins := int(d.Round(time.Minute) / time.Minute)
	days, hours, minutes := mins/(24*60), mins/60%24, mins%60
	switch {
	case days > 0 && hours > 0:
		return plural(days, "day") + " " + plural(hours, "hour")
	case days > 0:
		return plural(days, "day")
	case hours > 0 && minutes > 0:
		return plural(hours, "hour") + " " + plural(minutes, "minute")
	case hours > 0:
		return plural(hours, "hour")
	}
	return plural(minutes, "minute")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

var (
	durationPart = regexp.MustCompile(`(?i)\b(?:(\d+(?:\.\d+)?)\s*-?\s*|(an?|one|two|three|four|five|six|seven|eight|nine|ten|half an?)\s+)(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b`)
	durationGlue = regexp.MustCompile(`(?i)^[\s,]*(and)?[\s,]*$`)
	wordNumbers  = map[string]float64{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "half a": 0.5, "half an": 0.5}
)

// Span is a duration found in prose, with its byte range in the text.
type Span struct {
	Start, End int
	Text       string
	Duration   time.Duration
}

// FindDurations returns the durations stated in prose ("13 minutes",
// "6hrs 30mins", "1 hour and 5 minutes"); adjacent parts join into one.
func FindDurations(text string) []Span {
	return AppendDurations(nil, text)
}

// AppendDurations appends FindDurations(text) to out: a caller that reads
// the spans and drops them can keep them in a buffer of its own. Spans
// already in out are left alone (none joins one found in text).
func AppendDurations(out []Span, text string) []Span {
	if strings.Contains(text, "ſ") {
		// (?i) in durationPart lets U+017F (long s) match "s", and \b
		// treats it as a non-word character; scanDurations assumes ASCII
		// letters only, so such text takes the pattern itself.
		return append(out, findDurationsRE(text)...)
	}
	return scanDurations(out, text)
}

// findDurationsRE is FindDurations by durationPart: the reference
// scanDurations is fuzzed against, and the path for text with a long s.
func findDurationsRE(text string) []Span {
	var out []Span
	for _, loc := range durationPart.FindAllStringSubmatchIndex(text, -1) {
		var numText string
		if loc[2] >= 0 {
			numText = text[loc[2]:loc[3]]
		} else {
			numText = strings.ToLower(text[loc[4]:loc[5]])
		}
		unit := strings.ToLower(text[loc[6]:loc[7]])
		n, ok := wordNumbers[numText]
		if !ok {
			n, _ = strconv.ParseFloat(numText, 64)
		}
		d := time.Duration(n * float64(unitOf(unit)))
		if len(out) > 0 {
			prev := &out[len(out)-1]
			if durationGlue.MatchString(text[prev.End:loc[0]]) && unitOf(unit) < prev.smallestUnit() {
				prev.End = loc[1]
				prev.Text = text[prev.Start:prev.End]
				prev.Duration += d
				continue
			}
		}
		out = append(out, Span{Start: loc[0], End: loc[1], Text: text[loc[0]:loc[1]], Duration: d})
	}
	return out
}

func (s Span) smallestUnit() time.Duration {
	m := durationPart.FindAllStringSubmatch(s.Text, -1)
	return unitOf(strings.ToLower(m[len(m)-1][3]))
}

// scanDurations is findDurationsRE without regular expressions, for text
// without a long s. It tries durationPart's alternatives at each start in
// the pattern's order of preference, so it picks the match the pattern
// picks. A span's smallest unit is its last part's: smallestUnit matches
// the span's text again, which finds the same parts, because the text
// around each part (a non-word byte before it, the glue after) is the
// same inside the span as in the whole text.
func scanDurations(out []Span, text string) []Span {
	base := len(out)           // out[base:] are text's spans
	var smallest time.Duration // of out[len(out)-1]
	for i := 0; i < len(text); i++ {
		if !startsDuration[text[i]] {
			continue // no number or number word starts here
		}
		if i > 0 && isWordByte(text[i-1]) {
			continue // \b: every start is a word character
		}
		end, word, numText, unit, ok := durationAt(text, i)
		if !ok {
			continue
		}
		var n float64
		if word >= 0 {
			n = durationWordValues[word] // wordNumbers[numText]
		} else {
			n, _ = strconv.ParseFloat(numText, 64)
		}
		u := unitOf(unit)
		d := time.Duration(n * float64(u))
		if len(out) > base {
			prev := &out[len(out)-1]
			if isGlue(text[prev.End:i]) && u < smallest {
				prev.End = end
				prev.Text = text[prev.Start:prev.End]
				prev.Duration += d
				smallest = u
				i = end - 1
				continue
			}
		}
		out = append(out, Span{Start: i, End: end, Text: text[i:end], Duration: d})
		smallest = u
		i = end - 1
	}
	return out
}

// durationWords are durationPart's number words, in its order, and
// durationWordValues their wordNumbers.
var (
	durationWords      = []string{"an", "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "half an", "half a"}
	durationWordValues = []float64{1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0.5, 0.5}
)

// startsDuration marks the bytes a match of durationPart can start with
// in text without a long s: digits and the first letters of the number
// words, either case.
var startsDuration = func() (t [256]bool) {
	for _, c := range "0123456789aefhnostAEFHNOST" {
		t[c] = true
	}
	return t
}()

// durationUnits are durationPart's units, in the order its greedy
// optional "s" tries them.
var durationUnits = []string{"days", "day", "d", "hours", "hour", "hrs", "hr", "h", "minutes", "minute", "mins", "min", "m", "seconds", "second", "secs", "sec", "s"}

// durationAt matches durationPart at i (a word character after a
// non-word one), returning the match's end, the number word's index in
// durationWords (-1 for digits) or the digits, and the unit, lower-cased.
func durationAt(s string, i int) (end, word int, num, unit string, ok bool) {
	if isDigitByte(s[i]) {
		// \d+ and \.\d+ are followed by something no digit can be, so
		// only their longest runs can lead to a match.
		j := i
		for j < len(s) && isDigitByte(s[j]) {
			j++
		}
		if j+1 < len(s) && s[j] == '.' && isDigitByte(s[j+1]) {
			j += 2
			for j < len(s) && isDigitByte(s[j]) {
				j++
			}
		}
		num = s[i:j]
		// A unit starts with a letter, so \s*-?\s* must take every space
		// and the dash.
		j = skipSpace(s, j)
		if j < len(s) && s[j] == '-' {
			j = skipSpace(s, j+1)
		}
		if end, unit, ok = unitAt(s, j); ok {
			return end, -1, num, unit, true
		}
		return 0, 0, "", "", false
	}
	for k, w := range durationWords {
		if !hasPrefixFold(s[i:], w) {
			continue
		}
		j := i + len(w)
		sp := skipSpace(s, j)
		if sp == j {
			continue // \s+
		}
		if end, unit, ok = unitAt(s, sp); ok {
			return end, k, "", unit, true
		}
	}
	return 0, 0, "", "", false
}

// unitAt matches the unit group and the \b after it at j.
func unitAt(s string, j int) (end int, unit string, ok bool) {
	if j >= len(s) {
		return 0, "", false
	}
	switch s[j] | 0x20 {
	case 'd', 'h', 'm', 's':
	default:
		return 0, "", false
	}
	for _, u := range durationUnits {
		if u[0] != s[j]|0x20 || !hasPrefixFold(s[j:], u) {
			continue
		}
		e := j + len(u)
		if e < len(s) && isWordByte(s[e]) {
			continue // \b after a letter
		}
		return e, u, true
	}
	return 0, "", false
}

// isGlue is durationGlue.MatchString: [\s,]* then an optional "and" then
// [\s,]*; neither run can take a letter, so there is nothing to retry.
func isGlue(s string) bool {
	i := 0
	for i < len(s) && (isSpaceByte(s[i]) || s[i] == ',') {
		i++
	}
	if hasPrefixFold(s[i:], "and") {
		i += 3
	}
	for i < len(s) && (isSpaceByte(s[i]) || s[i] == ',') {
		i++
	}
	return i == len(s)
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case; lower is
// lower-case ASCII letters and spaces.
func hasPrefixFold(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for k := 0; k < len(lower); k++ {
		c := s[k]
		if lower[k] != ' ' {
			c |= 0x20
			if c < 'a' || c > 'z' {
				return false
			}
		}
		if c != lower[k] {
			return false
		}
	}
	return true
}

func skipSpace(s string, j int) int {
	for j < len(s) && isSpaceByte(s[j]) {
		j++
	}
	return j
}

// isSpaceByte is the regexp \s: [\t\n\f\r ].
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// isWordByte is the regexp \w on one byte; a byte of a multi-byte rune is
// never a word character, and neither is the rune.
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func unitOf(u string) time.Duration {
	switch {
	case strings.HasPrefix(u, "d"):
		return 24 * time.Hour
	case strings.HasPrefix(u, "h"):
		return time.Hour
	case strings.HasPrefix(u, "m"):
		return time.Minute
	}
	return time.Second
}
