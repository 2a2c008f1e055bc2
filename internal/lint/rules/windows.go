package rules

import (
	"strconv"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// clock is a time of day read from prose, in minutes since midnight of
// its zone, and the zone offset when one was written.
type clock struct {
	min      int  // minutes since midnight as written (24-hour)
	meridiem bool // AM/PM written
	zone     *timeparse.Zone
}

// window is a stated time range.
type window struct {
	start, end clock
	off, end_  int // byte range in the line
	text       string
	keyword    bool // introduced by "between" or "from"
}

func parseClock(m []string) (clock, bool) {
	h, _ := strconv.Atoi(m[0])
	mi, _ := strconv.Atoi(m[1])
	if h > 23 || mi > 59 {
		return clock{}, false
	}
	c := clock{}
	if m[3] != "" {
		if h < 1 || h > 12 {
			return clock{}, false
		}
		c.meridiem = true
		h %= 12
		if strings.EqualFold(m[3], "p") {
			h += 12
		}
	}
	c.min = h*60 + mi
	switch m[4] {
	case "":
	case "UTC":
		c.zone = &utcZone // the zone most clocks name: no parse, no allocation
	default:
		if z, err := timeparse.ParseZone(m[4]); err == nil {
			c.zone = &z
		}
	}
	return c, true
}

// utcZone is timeparse.ParseZone("UTC"), shared by every clock written
// in UTC. A clock's zone is only read, never written through.
var utcZone = func() timeparse.Zone {
	z, err := timeparse.ParseZone("UTC")
	if err != nil {
		panic(err)
	}
	return z
}()

// findWindows returns the time ranges stated in a line of prose. It is a
// hand-written scanner rather than one regular expression because it runs
// on every line of prose of every report.
func findWindows(s string) []window {
	if !twoColons(s) {
		return nil // a window needs two clock times
	}
	var buf [8]clockTok // most lines have fewer clocks: no allocation
	toks := scanClocks(s, buf[:0])
	var out []window
	for k := 0; k+1 < len(toks); k++ {
		a, b := toks[k], toks[k+1]
		if !isRangeWord(s[a.end:b.start]) {
			continue
		}
		ca, okA := parseClock(a.parts[:])
		cb, okB := parseClock(b.parts[:])
		if !okA || !okB {
			continue
		}
		// "11:33-11:37 PM": a meridiem written once applies to both.
		if cb.meridiem && !ca.meridiem && ca.min < 13*60 {
			h := ca.min / 60 % 12
			if cb.min >= 12*60 {
				h += 12
			}
			if cand := h*60 + ca.min%60; cand <= cb.min {
				ca.min = cand
			}
		}
		if ca.zone == nil {
			ca.zone = cb.zone
		}
		if cb.zone == nil {
			cb.zone = ca.zone
		}
		off, kw := a.start, false
		if i := keywordBefore(s, a.start); i >= 0 {
			off, kw = i, true
		}
		out = append(out, window{start: ca, end: cb, off: off, end_: b.end, text: s[off:b.end], keyword: kw})
		k++ // a clock ends at most one window
	}
	return out
}

// clockTok is a clock time found in prose, with its parts as parseClock
// takes them: hour, minute, second, a/p, zone.
type clockTok struct {
	start, end int
	parts      [5]string
}

// twoColons is strings.Count(s, ":") >= 2.
func twoColons(s string) bool {
	i := strings.IndexByte(s, ':')
	return i >= 0 && strings.IndexByte(s[i+1:], ':') >= 0
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// scanClocks finds "19:34", "7:34 PM", "11:48:55 UTC", "10:56 a.m. MST",
// appending them to out.
func scanClocks(s string, out []clockTok) []clockTok {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || (i > 0 && (isDigit(s[i-1]) || isLetter(s[i-1]) || s[i-1] == '_')) {
			continue
		}
		j := i
		for j < len(s) && j-i < 2 && isDigit(s[j]) {
			j++
		}
		if !(j+2 < len(s) && s[j] == ':' && isDigit(s[j+1]) && isDigit(s[j+2])) {
			i = j
			continue
		}
		t := clockTok{start: i, parts: [5]string{s[i:j], s[j+1 : j+3], "", "", ""}}
		e := j + 3
		if e+2 < len(s) && s[e] == ':' && isDigit(s[e+1]) && isDigit(s[e+2]) {
			t.parts[2] = s[e+1 : e+3]
			e += 3
		}
		if e < len(s) && isDigit(s[e]) {
			i = e
			continue // 19:345 is not a clock
		}
		// Meridiem: optional spaces, a or p, optional dot, m, optional dot.
		m := e
		for m < len(s) && s[m] == ' ' {
			m++
		}
		if m < len(s) && strings.ContainsRune("aApP", rune(s[m])) {
			n := m + 1
			dotted := n < len(s) && s[n] == '.'
			if dotted {
				n++
			}
			if n < len(s) && (s[n] == 'm' || s[n] == 'M') {
				n++
				if dotted && n < len(s) && s[n] == '.' {
					n++ // "p.m." ends with a dot; "PM." ends a sentence
				}
				if n >= len(s) || !isLetter(s[n]) {
					t.parts[3] = s[m : m+1]
					e = n
				}
			}
		}
		// Zone: optional spaces, then a zone word.
		z := e
		for z < len(s) && s[z] == ' ' {
			z++
		}
		if name, n := zoneWord(s[z:]); n > 0 {
			t.parts[4] = name
			e = z + n
		}
		t.end = e
		out = append(out, t)
		i = e - 1
	}
	return out
}

// zoneWord reads a zone at the start of s: UTC, GMT, Z, UTC+2, UTC-07:00,
// MST-like abbreviations ending in T, or MT/PT/CT/ET. It returns the
// zone and its length, 0 if none.
func zoneWord(s string) (string, int) {
	n := 0
	for n < len(s) && s[n] >= 'A' && s[n] <= 'Z' {
		n++
	}
	if n == 0 || (n < len(s) && isLetter(s[n])) {
		return "", 0
	}
	w := s[:n]
	if (w == "UTC" || w == "GMT") && n < len(s) && (s[n] == '+' || s[n] == '-') {
		k := n + 1
		d := 0
		for k < len(s) && isDigit(s[k]) && d < 2 {
			k++
			d++
		}
		if d > 0 {
			if k+2 < len(s) && s[k] == ':' && isDigit(s[k+1]) && isDigit(s[k+2]) {
				k += 3
			} else if d == 2 && k+1 < len(s) && isDigit(s[k]) && isDigit(s[k+1]) {
				k += 2
			}
			if k >= len(s) || (!isLetter(s[k]) && !isDigit(s[k])) {
				return s[:k], k
			}
		}
	}
	switch {
	case w == "UTC" || w == "GMT" || w == "Z" || w == "MT" || w == "PT" || w == "CT" || w == "ET":
		return w, n
	case n >= 3 && n <= 5 && w[n-1] == 'T':
		return w, n
	}
	return "", 0
}

// isRangeWord reports whether the text between two clock times makes them
// a range: "and", "to", "until", "till", "through" or a dash.
func isRangeWord(between string) bool {
	t := strings.TrimSpace(between)
	switch strings.ToLower(t) {
	case "and", "to", "until", "till", "through", "-", "–", "—":
		return t != between || t == "-" || t == "–" || t == "—"
	}
	return false
}

// keywordBefore finds "between" or "from" (optionally "the hour of") just
// before offset at, returning where it starts, -1 if absent.
func keywordBefore(s string, at int) int {
	t := strings.TrimRight(s[:at], " ")
	if t == s[:at] && at > 0 {
		return -1 // a keyword needs a space before the time
	}
	// hasSuffixFold(t, w) is strings.HasSuffix(strings.ToLower(t), w)
	// for these words: see hasSuffixFold.
	if hasSuffixFold(t, "the hour of") {
		t = strings.TrimRight(t[:len(t)-len("the hour of")], " ")
	}
	for _, kw := range []string{"between", "from"} {
		if hasSuffixFold(t, kw) {
			i := len(t) - len(kw)
			if i == 0 || !isLetter(t[i-1]) {
				return i
			}
		}
	}
	return -1
}

// hasSuffixFold reports whether t ends with the ASCII letters and spaces
// of lower in either case. For a lower without i or k that is
// strings.HasSuffix(strings.ToLower(t), lower): ToLower maps rune to
// rune, and the only runes outside ASCII it maps into ASCII are U+0130
// (to i) and U+212A (to k), so the suffix must come from the same ASCII
// bytes at the end of t.
func hasSuffixFold(t, lower string) bool {
	return len(t) >= len(lower) && hasPrefixFold(t[len(t)-len(lower):], lower)
}

// windowMemoOf is the input's window memo, for a rule that asks about
// many lines: one Memo lookup, then windows(line) for each.
func windowMemoOf(in *lint.Input) *windowMemo {
	return in.Memo("windows", func() any {
		m := &windowMemo{}
		m.lines, m.found = m.lineBuf[:0], m.foundBuf[:0] // one allocation for most reports
		return m
	}).(*windowMemo)
}

// windows is findWindows(line), shared between the rules that read
// windows through the input's memo m (windowMemoOf).
// The lines asked about are the few prose lines with two colons, so the
// memo is a list searched from the end, not a map hashing each line: a
// line is found again by comparing it whole, as a map would, and the
// lines of the shared prose scan compare equal at their first byte
// (same pointer, same length). Only the last memoLook entries are
// searched, so that a file with thousands of such lines stays linear: a
// line not found is read again, which gives the same windows (the rules
// only read them).
func (m *windowMemo) windows(line string) []window {
	if !twoColons(line) {
		return nil // what findWindows returns; not worth a memo entry
	}
	const memoLook = 64
	for i := len(m.lines) - 1; i >= max(0, len(m.lines)-memoLook); i-- {
		if m.lines[i] == line {
			return m.found[i]
		}
	}
	ws := findWindows(line)
	m.lines = append(m.lines, line)
	m.found = append(m.found, ws)
	return ws
}

// windowMemo holds findWindows(lines[i]) in found[i].
type windowMemo struct {
	lines    []string
	found    [][]window
	lineBuf  [8]string
	foundBuf [8][]window
}

// length is the window's length, assuming it does not cross midnight;
// negative when the end is written before the start.
func (w window) length() time.Duration {
	return time.Duration(w.end.min-w.start.min) * time.Minute
}

// inZone converts a clock to minutes of day in the zone of t's location,
// using t's date for the offset; ok is false when the clock carries no zone
// and none is assumed.
func (c clock) utcMinutes(assume timeparse.Zone, day time.Time) int {
	z := assume
	if c.zone != nil {
		z = *c.zone
	}
	loc := z.Location
	if loc == nil || loc == time.UTC {
		// time.Date in UTC keeps the hour and minute as given (c.min is
		// at most 23:59), and UTC() keeps them.
		return c.min
	}
	t := time.Date(day.Year(), day.Month(), day.Day(), c.min/60, c.min%60, 0, 0, loc).UTC()
	return t.Hour()*60 + t.Minute()
}

// minutesApart is the distance between two minutes-of-day, across midnight.
func minutesApart(a, b int) int {
	d := a - b
	if d < 0 {
		d = -d
	}
	return min(d, 24*60-d)
}
