package rules

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// A clock time in prose: "19:34", "7:34 PM", "11:48:55 UTC", "10:56 am MST".
const clockPattern = `(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([aApP])\.?[mM]\.?)?(?:\s*(UTC[+-]\d{1,2}(?::?\d{2})?|GMT[+-]\d{1,2}(?::?\d{2})?|UTC|GMT|Z|[A-Z]{2,4}T|MT|PT|CT|ET))?`

// windowRE finds a window stated in prose: "between 19:34 and 19:47",
// "from 20:00 UTC to 20:30 UTC", "11:33-11:37 PM".
var windowRE = regexp.MustCompile(`(?i:\b(between|from)\s+(?:the\s+hour\s+of\s+)?)?\b` + clockPattern + `\s*(?:(?i:and|to|until|till|through)|[-–—])\s*` + clockPattern + `\b`)

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
	if m[4] != "" {
		if z, err := timeparse.ParseZone(m[4]); err == nil {
			c.zone = &z
		}
	}
	return c, true
}

// findWindows returns the time ranges stated in a line of prose.
func findWindows(s string) []window {
	if strings.Count(s, ":") < 2 {
		return nil // a window needs two clock times
	}
	var out []window
	for _, m := range windowRE.FindAllStringSubmatchIndex(s, -1) {
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s[m[2*i]:m[2*i+1]]
		}
		a, okA := parseClock([]string{g(2), g(3), g(4), g(5), g(6)})
		b, okB := parseClock([]string{g(7), g(8), g(9), g(10), g(11)})
		if !okA || !okB {
			continue
		}
		// "11:33-11:37 PM": a meridiem written once applies to both.
		if b.meridiem && !a.meridiem && a.min < 13*60 {
			h := a.min / 60 % 12
			if b.min >= 12*60 {
				h += 12
			}
			cand := h*60 + a.min%60
			if cand <= b.min {
				a.min = cand
			}
		}
		if a.zone == nil {
			a.zone = b.zone
		}
		if b.zone == nil {
			b.zone = a.zone
		}
		out = append(out, window{start: a, end: b, off: m[0], end_: m[1], text: s[m[0]:m[1]], keyword: g(1) != ""})
	}
	return out
}

// windowsOf is findWindows, shared between the rules that read windows.
func windowsOf(in *lint.Input, line string) []window {
	m := in.Memo("windows", func() any { return map[string][]window{} }).(map[string][]window)
	ws, ok := m[line]
	if !ok {
		ws = findWindows(line)
		m[line] = ws
	}
	return ws
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
	if loc == nil {
		loc = time.UTC
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
