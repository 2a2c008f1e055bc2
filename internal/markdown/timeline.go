package markdown

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// entryLine is a timeline line read into its parts.
type entryLine struct {
	date    string // YYYY-MM-DD written before the time, "" if none
	clock   string // the time as written without emphasis: "19:34", "10:30 AM"
	zone    string // a zone written after the time ("UTC"), "" if none
	rangeTo string // the end of a range ("12:15:00"), "" if none
	text    string // the event
}

const (
	emph     = "[*_`~\\[\\]]*"
	clockPat = `(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?(?:\s*[AaPp]\.?\s?[Mm](?:\b|[_*])\.?)?|\d{1,2}\s*[AaPp]\.?[Mm](?:\b|[_*])\.?)`
	zonePat  = `(?:\s*\(?(UTC|GMT|Z|[ECMP][SD]T|[ECMP]T|UTC\s*[+\-−]\s*\d{1,2}(?::?\d{2})?)(?:\b|[_*])\)?)?`
	datePat  = `(?:(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})(?:[T ,]\s*|\s+at\s+))?`
)

var (
	bulletPrefix = regexp.MustCompile(`^(?:[•◦▪●o·\-*+–]\s+|\d+[.)]\s+|[•◦▪●·])\s*`)
	// "± 17:20", "~10:30", "around 10:30", "approx. 10:30"
	approxPrefix = regexp.MustCompile(`^([*_]*)\s*(?:±|~|≈|(?i:ca\.|approx\.|(?:approx|approximately|around|about|at|by)\b))\s*`)
	entryPattern = regexp.MustCompile(`^` + emph + datePat + emph + clockPat + emph + zonePat + emph +
		`(?:\s*(?:-|–|—|to|until)\s*` + emph + clockPat + emph + zonePat + emph + `)?` +
		`\s*(?:[-–—:|,]+|\s)\s*(.*)$`)
	// entryHead is entryPattern without its final "(.*)$": on a line
	// without a newline that group always matches the rest, so the head
	// makes the same choices, and the backtracker does not have to walk
	// the event's text a character at a time (about 3x cheaper).
	entryHead = regexp.MustCompile(`^` + emph + datePat + emph + clockPat + emph + zonePat + emph +
		`(?:\s*(?:-|–|—|to|until)\s*` + emph + clockPat + emph + zonePat + emph + `)?` +
		`\s*(?:[-–—:|,]+|\s)\s*`)
	// a line with the time alone ("**10:30 AM**") then text on the next
	timeOnly = regexp.MustCompile(`^` + emph + datePat + emph + clockPat + emph + zonePat + emph + `\s*[-–—:]?\s*$`)
)

var entrySpaces = strings.NewReplacer("\t", " ", "\u00a0", " ", "\u202f", " ", "\u2007", " ")

// parseEntry reads "- _19:34_ - text", "*5:10* text", "**10:30 AM**: text",
// "13:00 — text", "12:10:00 – 12:15:00 – text", "2024-12-05 00:10 - text".
func parseEntry(s string) (entryLine, bool) {
	if !mayStartWithClock(s) {
		return entryLine{}, false
	}
	// Tabs and no-break spaces (U+00A0 from word processors and chat,
	// U+202F that locales put before AM/PM, U+2007) separate like spaces:
	// the patterns' \s knows only ASCII spaces.
	if hasEntrySpace(s) {
		s = entrySpaces.Replace(s)
	}
	t := strings.TrimSpace(s)
	t = trimBullet(t)
	t = trimApprox(t)
	// Both patterns start with emphasis marks, then the date's or the
	// clock's first digit: anything else is prose, and need not run them.
	if u := strings.TrimLeft(t, "*_`~[]"); u == "" || !isDigit(u[0]) {
		return entryLine{}, false
	}
	var m []string
	var groups [7]string // m's storage when the head is matched by index
	if !onlyTimeLetters(t) {
		// timeOnly cannot match: fall through to entryPattern
	} else if m = timeOnly.FindStringSubmatch(t); m != nil {
		m = append(m, "", "", "")
	}
	if m == nil && !strings.Contains(t, "\n") {
		var x []int
		simple, ok := simpleEntryHeadIndex(t)
		if ok {
			x = simple[:]
		} else {
			x = entryHead.FindStringSubmatchIndex(t)
		}
		if x == nil {
			return entryLine{}, false
		}
		m = groups[:]
		for g := 1; g <= 5; g++ {
			if x[2*g] >= 0 {
				m[g] = t[x[2*g]:x[2*g+1]]
			}
		}
		m[6] = t[x[1]:]
	} else if m == nil {
		if m = entryPattern.FindStringSubmatch(t); m == nil {
			return entryLine{}, false
		}
	}
	e := entryLine{date: m[1], clock: cleanClock(m[2]), zone: m[3], rangeTo: cleanClock(m[4]), text: m[6]}
	if m[5] != "" && e.zone == "" {
		e.zone = m[5]
	}
	if len(m) > 6 {
		e.text = strings.TrimSpace(m[6])
	}
	e.text = strings.TrimSpace(strings.TrimLeft(e.text, "*_ "))
	e.text = strings.TrimSpace(strings.TrimLeft(e.text, "-–—: "))
	return e, true
}

// simpleEntryHeadIndex matches the most common entry, "_19:34_ - text"
// (any run of * and _ around the time, or none), by hand: x is what
// entryHead.FindStringSubmatchIndex would return, in an array the caller
// keeps on its stack; ok is false for any other shape, which the pattern
// then reads. The text after " - " must not start with a digit or an
// emphasis mark (it could be the end of a range, "- 19:40"), nor be
// empty (a time alone is timeOnly's).
func simpleEntryHeadIndex(t string) (x [12]int, ok bool) {
	i := 0
	for i < len(t) && (t[i] == '*' || t[i] == '_') {
		i++
	}
	c0 := i
	for i < len(t) && isDigit(t[i]) && i-c0 < 3 {
		i++
	}
	if n := i - c0; n < 1 || n > 2 || i+3 > len(t) || t[i] != ':' || !isDigit(t[i+1]) || !isDigit(t[i+2]) {
		return x, false
	}
	i += 3
	c1 := i
	for i < len(t) && (t[i] == '*' || t[i] == '_') {
		i++
	}
	if !strings.HasPrefix(t[i:], " - ") {
		return x, false
	}
	i += 3
	for i < len(t) && strings.IndexByte(" \t\n\f\r", t[i]) >= 0 {
		i++
	}
	if i == len(t) || isDigit(t[i]) || strings.IndexByte("*_`~[]", t[i]) >= 0 {
		return x, false
	}
	return [12]int{0, i, -1, -1, c0, c1, -1, -1, -1, -1, -1, -1}, true
}

// trimBullet removes a list marker (bulletPrefix) from the start of s.
// The pattern runs only when s starts with a character it can start with.
func trimBullet(s string) string {
	if s == "" {
		return s
	}
	if r, _ := utf8.DecodeRuneInString(s); !isDigit(s[0]) && !strings.ContainsRune("•◦▪●o·-*+–", r) {
		return s
	}
	if m := bulletPrefix.FindStringIndex(s); m != nil {
		return s[m[1]:]
	}
	return s
}

// trimApprox removes "~", "approx." and the like before a time, keeping
// the emphasis marks in front of it (approxPrefix). The pattern runs only
// when, past those marks and spaces, s starts as one of its words does.
func trimApprox(s string) string {
	i := 0
	for i < len(s) && (s[i] == '*' || s[i] == '_') {
		i++
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	u := s[i:] // strings.TrimLeft(strings.TrimLeft(s, "*_"), " \t\n\f\r")
	// (?i) folds none of the words' letters onto a character outside
	// ASCII (only k and s have such folds), so their ASCII spellings in
	// any case are all there is to look for.
	if u == "" || !strings.HasPrefix(u, "~") && !strings.HasPrefix(u, "±") && !strings.HasPrefix(u, "≈") &&
		!hasPrefixFoldASCII(u, "ca.") && !hasPrefixFoldASCII(u, "approx") && !hasPrefixFoldASCII(u, "around") &&
		!hasPrefixFoldASCII(u, "about") && !hasPrefixFoldASCII(u, "at") && !hasPrefixFoldASCII(u, "by") {
		return s
	}
	if m := approxPrefix.FindStringSubmatchIndex(s); m != nil {
		return s[m[2]:m[3]] + s[m[1]:]
	}
	return s
}

// onlyTimeLetters reports whether s has no lower-case letter but those
// a line holding only a time can have ("at", "am", "pm"): timeOnly's
// precondition, which an event's text fails.
func onlyTimeLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' && c != 'a' && c != 't' && c != 'p' && c != 'm' {
			return false
		}
	}
	return true
}

// mayStartWithClock is a cheap test that rules out most prose before the
// entry patterns run: an entry's clock comes within the first few dozen
// bytes (after bullets, emphasis, "approx." or a date) and has a colon or
// an am/pm right after its first digits.
func mayStartWithClock(s string) bool {
	i := indexDigit(s[:min(len(s), 41)])
	if i < 0 {
		return false
	}
	for _, c := range []byte(s[i:min(len(s), i+24)]) {
		if c == ':' || c == 'm' || c == 'M' {
			return true
		}
	}
	return false
}

// indexDigit is strings.IndexAny(s, "0123456789"): digits are ASCII
// bytes, which never occur inside a multi-byte character, so the first
// digit byte is the first digit rune.
func indexDigit(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return i
		}
	}
	return -1
}

// hasEntrySpace is strings.ContainsAny(s, "\t\u00a0\u202f\u2007")
// without decoding every rune of s: in UTF-8 no character's encoding
// starts with a continuation byte, and 0xC2 and 0xE2 are lead bytes, so
// the byte sequences of U+00A0, U+202F and U+2007 occur only where those
// characters do.
func hasEntrySpace(s string) bool {
	// The byte searches run on any text, ASCII or not: no need to ask.
	return strings.IndexByte(s, '\t') >= 0 || strings.IndexByte(s, 0xC2) >= 0 && strings.Contains(s, "\u00a0") ||
		strings.IndexByte(s, 0xE2) >= 0 && (strings.Contains(s, "\u202f") || strings.Contains(s, "\u2007"))
}

func cleanClock(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, " \t*_`~-–—:|,;")
	if s == "" {
		return ""
	}
	// "10:30 AM" keeps its meridiem; a trailing non-word char matched by
	// the pattern's lookahead substitute is dropped above.
	return collapseSpaces(s)
}

// collapseSpaces is strings.Join(strings.Fields(s), " "). ASCII text
// with no space at either end, no two spaces together and no other
// ASCII white space (\t \n \v \f \r; the other characters Fields
// splits at are not ASCII) is its own answer.
func collapseSpaces(s string) string {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return strings.Join(strings.Fields(s), " ")
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r', c == ' ' && s[i+1] == ' ':
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// zoneLine finds "All times are UTC", "All times in MST", "(all times
// UTC-07:00)", "Times are in Mountain Time".
var zoneLine = regexp.MustCompile(`(?i)(?:\ball\s+(?:times|timestamps)\s+(?:(?:are|listed|shown|given|below|here|above|in\s+this\s+(?:report|document))\s+)*(?:(?:are|is|in)\s+)*|\b(?:times|timestamps)\s+(?:(?:are|listed|shown|given|below)\s+)*in\s+|\btime\s*zone\s*:\s*)(?:the\s+)?` +
	`(UTC\s*[+\-−]\s*\d{1,2}(?::?\d{2})?|GMT\s*[+\-−]\s*\d{1,2}(?::?\d{2})?|[A-Za-z]+/[A-Za-z_]+|[A-Z]{1,5}\b|mountain|pacific|eastern|central|utc|gmt|mst|mdt|pst|pdt|est|edt|cst|cdt)`)

// headingZone finds "Timeline (MST)" and "Time (UTC)".
var headingZone = regexp.MustCompile(`\(\s*(UTC\s*[+\-−]\s*\d{1,2}(?::?\d{2})?|[A-Z]{2,5}|[A-Za-z]+/[A-Za-z_]+)\s*\)`)

func findZone(s string) (timeparse.Zone, string, bool) {
	if !mayMentionTime(s) {
		return timeparse.Zone{}, "", false // cheap test first: most lines say nothing of zones
	}
	st := stripEmphasis(s)
	if isASCII(st) && !timeThenSOrZ(st) {
		return timeparse.Zone{}, "", false // "Timeline", "time-to-detect": no zoneLine match
	}
	m := zoneLine.FindStringSubmatch(st)
	if m == nil {
		return timeparse.Zone{}, "", false
	}
	z, err := timeparse.ParseZone(strings.TrimSpace(m[1]))
	if err != nil {
		return timeparse.Zone{}, "", false
	}
	return z, m[0], true
}

// timeThenSOrZ reports whether ASCII s holds "time" in any case followed,
// after ASCII spaces, by an "s" or a "z". Every zoneLine match holds
// "times" ("all times", "timestamps in") or "time\s*zone", and on ASCII
// text (?i) folds none of those letters outside ASCII ("s" folds onto the
// long s, which ASCII lacks) and \s is [\t\n\f\r ], so a line without
// such a "time" cannot match: most lines with "time" say "Timeline" or
// "time to detect".
func timeThenSOrZ(s string) bool {
	for i := 0; i+4 < len(s); i++ {
		if s[i]|0x20 != 't' || s[i+1]|0x20 != 'i' || s[i+2]|0x20 != 'm' || s[i+3]|0x20 != 'e' {
			continue
		}
		j := i + 4
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\f' || s[j] == '\r') {
			j++
		}
		if j < len(s) && (s[j]|0x20 == 's' || s[j]|0x20 == 'z') {
			return true
		}
	}
	return false
}

// isZoneLine is findZone's ok for line i, asked once per line.
func (im *importer) isZoneLine(i int) bool {
	l := &im.lines[i]
	if l.zone == 0 {
		l.zone = 1
		if _, _, ok := findZone(l.text); ok {
			l.zone = 2
		}
	}
	return l.zone == 2
}

// mayMentionTime reports whether s holds "time" in any case, as every
// zoneLine match does. strings.ToLower turns no rune outside ASCII into
// an ASCII byte but "İ" (U+0130, into "i") and the Kelvin sign (into "k";
// TestLowerIntoASCII checks the list), and ASCII bytes never occur inside
// other runes; so without an "İ", the lower-cased text holds "time" just
// where s holds it in ASCII letters of any case, found without lower-
// casing a copy or first asking whether s is ASCII.
func mayMentionTime(s string) bool {
	if timeFoldASCII(s) {
		return true
	}
	if strings.Contains(s, "\u0130") {
		return strings.Contains(strings.ToLower(s), "time")
	}
	return false
}

// timeFoldASCII reports whether s holds "time" in ASCII letters of any case.
func timeFoldASCII(s string) bool {
	// Horspool's search on the bytes with 0x20 set (which is what folds
	// ASCII case): the byte under the window's end says how far the
	// window can move, by where that byte last occurs in "tim".
	for i := 0; i+4 <= len(s); {
		switch s[i+3] | 0x20 {
		case 'e':
			if s[i]|0x20 == 't' && s[i+1]|0x20 == 'i' && s[i+2]|0x20 == 'm' {
				return true
			}
			i += 4
		case 't':
			i += 3
		case 'i':
			i += 2
		case 'm':
			i++
		default:
			i += 4
		}
	}
	return false
}

// Dates, as people write them in reports.
var (
	isoDate   = regexp.MustCompile(`\b(20\d{2})[-/.](\d{1,2})[-/.](\d{1,2})\b`)
	usDate    = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{2,4})\b`)
	monthDate = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(20\d{2}))?\b`)
	dotDate   = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.(20\d{2})\b`) // 04.12.2024, day first
	dayMonth  = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(20\d{2})\b`)
)

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

// findDate returns the first calendar date written in s; year is the
// year to assume when the text leaves it out (0: require one).
func findDate(s string, year int) (time.Time, int, bool) {
	best, bestAt := time.Time{}, -1
	if indexDigit(s) < 0 {
		return best, bestAt, false
	}
	try := func(y, m, d, at int) {
		if y < 100 {
			y += 2000
		}
		if m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100 {
			return
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d {
			return
		}
		if bestAt < 0 || at < bestAt {
			best, bestAt = t, at
		}
	}
	// Cheap tests first: each pattern runs only when s holds what every
	// one of its matches must hold, so most prose runs none of them. The
	// month test reads ASCII only: text with other characters runs the
	// month patterns anyway (case folding maps "ſ" onto "s").
	if ms, k := isoDates(s); k > 0 {
		for _, m := range ms[:k] {
			y, _ := strconv.Atoi(s[m[2]:m[3]])
			mo, _ := strconv.Atoi(s[m[4]:m[5]])
			d, _ := strconv.Atoi(s[m[6]:m[7]])
			try(y, mo, d, m[0])
		}
	}
	if !strings.Contains(s, "/") {
		// usDate needs two slashes; so did isoDate's, done above
	} else {
		for _, m := range usDate.FindAllStringSubmatchIndex(s, 2) {
			mo, _ := strconv.Atoi(s[m[2]:m[3]])
			d, _ := strconv.Atoi(s[m[4]:m[5]])
			y, _ := strconv.Atoi(s[m[6]:m[7]])
			try(y, mo, d, m[0])
		}
	}
	if strings.Contains(s, ".20") { // dotDate's ".2024"
		for _, m := range dotDate.FindAllStringSubmatchIndex(s, 2) {
			d, _ := strconv.Atoi(s[m[2]:m[3]])
			mo, _ := strconv.Atoi(s[m[4]:m[5]])
			y, _ := strconv.Atoi(s[m[6]:m[7]])
			try(y, mo, d, m[0])
		}
	}
	if isASCII(s) && !monthAtWordStart(s) {
		return best, bestAt, bestAt >= 0 // monthDate and dayMonth need a month's name
	}
	for _, m := range monthDate.FindAllStringSubmatchIndex(s, 2) {
		mo := months[strings.ToLower(s[m[2]:m[3]])]
		d, _ := strconv.Atoi(s[m[4]:m[5]])
		y := year
		if m[6] >= 0 {
			y, _ = strconv.Atoi(s[m[6]:m[7]])
		}
		if y == 0 {
			continue
		}
		try(y, mo, d, m[0])
	}
	for _, m := range dayMonth.FindAllStringSubmatchIndex(s, 2) {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		mo := months[strings.ToLower(s[m[4]:m[5]])]
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		try(y, mo, d, m[0])
	}
	return best, bestAt, bestAt >= 0
}

func isASCII(s string) bool {
	// eight bytes at a time: a byte >= 0x80 sets the high bit of the OR
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if s[i]|s[i+1]|s[i+2]|s[i+3]|s[i+4]|s[i+5]|s[i+6]|s[i+7] >= utf8.RuneSelf {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isASCIIWord(b byte) bool { return asciiWord[b] }

// asciiWord marks the bytes of \w: ASCII letters, digits and "_".
var asciiWord = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
	}
	return t
}()

// isoDates is isoDate.FindAllStringSubmatchIndex(s, 2) read by hand:
// the matches (at most two, left to right, not overlapping) and how many.
// A match starts at "20" after a \b (the byte before, if any, is not an
// ASCII word byte: \b is ASCII), then two digits, a separator, one or
// two digits (two tried first), a separator, one or two digits (two
// first) and a \b (the byte after, if any, is not a word byte).
func isoDates(s string) (ms [2][8]int, k int) {
	sep := func(i int) bool { return i < len(s) && (s[i] == '-' || s[i] == '/' || s[i] == '.') }
	digit := func(i int) bool { return i < len(s) && isDigit(s[i]) }
	for p := 0; k < 2; {
		j := strings.Index(s[p:], "20")
		if j < 0 {
			break
		}
		p += j
		if (p == 0 || !isASCIIWord(s[p-1])) && digit(p+2) && digit(p+3) && sep(p+4) {
			q := p + 5
			found := false
			for _, l1 := range [2]int{2, 1} {
				if found || !digit(q) || l1 == 2 && !digit(q+1) || !sep(q+l1) {
					continue
				}
				r := q + l1 + 1
				for _, l2 := range [2]int{2, 1} {
					if found || !digit(r) || l2 == 2 && !digit(r+1) {
						continue
					}
					if e := r + l2; e == len(s) || !isASCIIWord(s[e]) {
						ms[k] = [8]int{p, e, p, p + 4, q, q + l1, r, e}
						k++
						found = true
					}
				}
			}
			if found {
				p = ms[k-1][1]
				continue
			}
		}
		p++
	}
	return ms, k
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// monthAtWordStart reports whether ASCII s has a word starting with a
// month's first three letters (any case), as monthDate's and dayMonth's
// matches do.
func monthAtWordStart(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if i > 0 && isASCIIWord(s[i-1]) || s[i]|0x20 < 'a' || s[i]|0x20 > 'z' {
			continue
		}
		// lower case for letters; other bytes match no month
		if isMonth3(s[i]|0x20, s[i+1]|0x20, s[i+2]|0x20) {
			return true
		}
	}
	return false
}

// isMonth3 reports whether a, b, c spell the first three letters of a
// month, as the keys of months do ("sept" starts with "sep").
func isMonth3(a, b, c byte) bool {
	switch uint32(a)<<16 | uint32(b)<<8 | uint32(c) {
	case 'j'<<16 | 'a'<<8 | 'n', 'f'<<16 | 'e'<<8 | 'b', 'm'<<16 | 'a'<<8 | 'r', 'a'<<16 | 'p'<<8 | 'r',
		'm'<<16 | 'a'<<8 | 'y', 'j'<<16 | 'u'<<8 | 'n', 'j'<<16 | 'u'<<8 | 'l', 'a'<<16 | 'u'<<8 | 'g',
		's'<<16 | 'e'<<8 | 'p', 'o'<<16 | 'c'<<8 | 't', 'n'<<16 | 'o'<<8 | 'v', 'd'<<16 | 'e'<<8 | 'c':
		return true
	}
	return false
}

// dateLine reports whether a whole line is a date ("2025-12-01",
// "**December 4, 2024**", "Dec 5:"), the way timelines group entries.
func dateLine(s string, year int) (time.Time, bool) {
	// Letters and digits are neither stripped nor trimmed: more than 40
	// of them make the text below longer than 40 bytes.
	if len(s) > 80 || indexDigit(s) < 0 || countAlnum(s) > 40 || isASCII(s) && dateLineTextLen(s) > 40 {
		return time.Time{}, false
	}
	t := strings.TrimSpace(strings.Trim(stripEmphasis(s), " :#-–—"))
	if t == "" || len(t) > 40 {
		return time.Time{}, false
	}
	d, at, ok := findDate(t, year)
	if !ok || at > 12 {
		return time.Time{}, false
	}
	// whatever remains must be a weekday or punctuation
	rest := normWords(dotDate.ReplaceAllString(isoDate.ReplaceAllString(usDate.ReplaceAllString(monthDate.ReplaceAllString(dayMonth.ReplaceAllString(t, ""), ""), ""), ""), ""))
	for _, w := range strings.Fields(rest) {
		if !weekday(w) && w != "on" && w != "date" {
			return time.Time{}, false
		}
	}
	return d, true
}

// countAlnum counts the ASCII letters and digits of s.
func countAlnum(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isAlnum(s[i]) {
			n++
		}
	}
	return n
}

// dateLineTextLen is len(strings.TrimSpace(strings.Trim(
// stripEmphasisASCII(s), " :#-–—"))) for ASCII s, counted without the
// copy: the bytes stripEmphasisASCII keeps, less those the two trims
// take off the ends (Trim's cutset, then white space; "–" and "—" are
// not ASCII).
func dateLineTextLen(s string) int {
	cut := func(c byte) bool { return c == ' ' || c == ':' || c == '#' || c == '-' }
	white := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' }
	lo, hi := 0, len(s) // the kept text is s[lo:hi] less the bytes dropped inside
	for lo < hi && (!keepEmphasisASCII(s, lo) || cut(s[lo])) {
		lo++
	}
	for hi > lo && (!keepEmphasisASCII(s, hi-1) || cut(s[hi-1])) {
		hi--
	}
	for lo < hi && (!keepEmphasisASCII(s, lo) || white(s[lo])) {
		lo++
	}
	for hi > lo && (!keepEmphasisASCII(s, hi-1) || white(s[hi-1])) {
		hi--
	}
	n := 0
	for i := lo; i < hi; i++ {
		if keepEmphasisASCII(s, i) {
			n++
		}
	}
	return n
}

func weekday(w string) bool {
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		if strings.HasPrefix(w, d) {
			return true
		}
	}
	return false
}

// clock24 writes a stamp as the document's clock: "19:34" or "19:34:05".
func clock24(h, m, s int, secs bool) string {
	if h >= 0 && h < 100 && m >= 0 && m < 100 && s >= 0 && s < 100 {
		// two digits each, as twoDigits writes them: one string, not five
		b := [8]byte{'0' + byte(h/10), '0' + byte(h%10), ':', '0' + byte(m/10), '0' + byte(m%10), ':', '0' + byte(s/10), '0' + byte(s%10)}
		if secs {
			return string(b[:])
		}
		return string(b[:5])
	}
	if secs {
		return twoDigits(h) + ":" + twoDigits(m) + ":" + twoDigits(s)
	}
	return twoDigits(h) + ":" + twoDigits(m)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
