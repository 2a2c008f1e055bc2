package rules

import (
	"time"

	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// clock is a time of day read from prose, in minutes since midnight of
// its zone, and the zone when one was written.
type clock struct {
	min      int  // minutes since midnight as written (24-hour)
	meridiem bool // AM/PM written
	zone     *timeparse.Zone
}

// window is a stated time range: two clocks with a range word between
// ("19:34 to 19:47", "between 20:00 and 20:30").
type window struct {
	start, end clock
	off, end_  int // byte range in the line
	text       string
	keyword    bool // introduced by "between" or "from"
}

// clockOf reads a lexed clock (or a date-time's clock); ok is false for
// one out of range.
func clockOf(t timeparse.Token) (clock, bool) {
	if t.Err != nil {
		return clock{}, false
	}
	return clock{min: t.Hour*60 + t.Minute, meridiem: t.Meridiem != "", zone: t.Stamp.Zone}, true
}

// windowsOf returns the time ranges a lexed line of prose states.
func windowsOf(s string, toks []timeparse.Token) []window {
	var out []window
	for k := 0; k+2 < len(toks); k++ {
		a, r, b := toks[k], toks[k+1], toks[k+2]
		if !isClock(a) || r.Kind != timeparse.RangeWord || r.Word == "between" || r.Word == "from" || !isClock(b) {
			continue
		}
		ca, okA := clockOf(a)
		cb, okB := clockOf(b)
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
		off, kw := a.Start, false
		if k > 0 && toks[k-1].Kind == timeparse.RangeWord && (toks[k-1].Word == "between" || toks[k-1].Word == "from") {
			off, kw = toks[k-1].Start, true
		}
		out = append(out, window{start: ca, end: cb, off: off, end_: b.End, text: s[off:b.End], keyword: kw})
		k += 2 // a clock ends at most one window
	}
	return out
}

func isClock(t timeparse.Token) bool {
	return t.Kind == timeparse.Clock || t.Kind == timeparse.DateTime
}

// length is the window's length, assuming it does not cross midnight;
// negative when the end is written before the start.
func (w window) length() time.Duration {
	return time.Duration(w.end.min-w.start.min) * time.Minute
}

// utcMinutes is the clock's minute of the day in UTC, read in its own
// zone or else in assume, on day.
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
