package timeparse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Kind says why an input was refused, so callers can decide what to do
// (the importer, for example, retries a 12-hour time with context).
type Kind int

const (
	// Syntax: the input is not a time at all.
	Syntax Kind = iota + 1
	// Ambiguous12h: "7:34" could be morning or evening.
	Ambiguous12h
	// NoDate: a clock time with no date to put it on.
	NoDate
	// BadZone: an unknown or ambiguous zone.
	BadZone
	// OutOfRange: 25:00, 2024-02-30 and friends.
	OutOfRange
)

// Error is a refused input with a reason a person can act on.
type Error struct {
	Input  string
	Kind   Kind
	Reason string
}

func (e *Error) Error() string { return fmt.Sprintf("%q: %s", e.Input, e.Reason) }

// Stamp is what was written, before it is placed on a date and in a zone.
type Stamp struct {
	Year, Month, Day     int // zero when no date was written
	Hour, Minute, Second int // Hour is on the 24-hour clock once Resolve ran
	HasDate              bool
	HasSeconds           bool
	// Meridiem is "am" or "pm" when the input used a 12-hour clock.
	Meridiem string
	// ShortHour is true when a 24-hour-looking time had a one-digit hour
	// ("7:34"), which people write on a 12-hour clock.
	ShortHour bool
	// Zone is the zone written in the input, if any.
	Zone *Zone
}

// Context is what a document knows that a single time does not.
type Context struct {
	// Date is the civil date that clock-only times belong to; the zero
	// value means the document gave none.
	Date time.Time
	// Zone applies to times written without one; nil means UTC.
	Zone *Zone
	// Assume24h accepts one-digit hours without AM/PM as 24-hour times
	// (use it when the surrounding text is known to be on a 24-hour clock).
	Assume24h bool
}

// stampPattern is the syntax of one time value; compiled on first use.
var stampPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[Tt]|\s+|,\s*))?` +
		`(\d{1,2})(?:[:.](\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?` +
		`\s*((?i:[ap]\s?m\b|[ap]\.\s?m\.?))?` +
		`\s*(.*?)\s*$`)
})

// Scan reads the syntax of one time value (a document's "19:34",
// "2024-12-04T19:34:00Z", "7:34 PM MST") without placing it on a date.
// It says why a refused input is not a time.
func Scan(input string) (Stamp, error) {
	s := strings.TrimSpace(input)
	m := stampPattern().FindStringSubmatch(s)
	notATime := &Error{input, Syntax, "not a time (expected HH:MM, HH:MM:SS, 7:34 PM, 2024-12-04 19:34 or RFC 3339 such as 2024-12-04T19:34:00Z)"}
	if m == nil || s == "" {
		return Stamp{}, notATime
	}
	if z := m[8]; z != "" && !strings.ContainsAny(z[:1], "+-−(ZzUuGgAaBbCcDdEeFfHhIiJjKkLlMmNnOoPpQqRrSsTtVvWwXxYy") {
		return Stamp{}, notATime // "19:3x": leftovers that cannot be a zone
	}
	var st Stamp
	if m[1] != "" {
		st.HasDate = true
		st.Year, _ = strconv.Atoi(m[1])
		st.Month, _ = strconv.Atoi(m[2])
		st.Day, _ = strconv.Atoi(m[3])
		if !validDate(st.Year, st.Month, st.Day) {
			return Stamp{}, &Error{input, OutOfRange, fmt.Sprintf("%s-%s-%s is not a date", m[1], m[2], m[3])}
		}
	}
	st.Hour, _ = strconv.Atoi(m[4])
	if m[7] != "" {
		st.Meridiem = "am"
		if strings.ContainsAny(m[7], "pP") {
			st.Meridiem = "pm"
		}
	}
	if m[5] == "" && st.Meridiem == "" {
		return Stamp{}, &Error{input, Syntax, "a time needs minutes (HH:MM) or AM/PM"}
	}
	st.Minute, _ = strconv.Atoi(m[5])
	if m[6] != "" {
		st.HasSeconds = true
		st.Second, _ = strconv.Atoi(m[6])
	}
	if st.Minute > 59 || st.Second > 59 {
		return Stamp{}, &Error{input, OutOfRange, "minutes and seconds go up to 59"}
	}
	if st.Meridiem != "" {
		if st.Hour < 1 || st.Hour > 12 {
			return Stamp{}, &Error{input, OutOfRange, "a 12-hour time has hours from 1 to 12"}
		}
		st.Hour %= 12
		if st.Meridiem == "pm" {
			st.Hour += 12
		}
	} else {
		if st.Hour > 23 {
			return Stamp{}, &Error{input, OutOfRange, "hours go up to 23"}
		}
		st.ShortHour = len(m[4]) == 1 && st.Hour > 0
	}
	if z := m[8]; z != "" {
		zone, err := ParseZone(z)
		if err != nil {
			return Stamp{}, &Error{input, BadZone, err.Error()}
		}
		st.Zone = &zone
	}
	return st, nil
}

// Resolve places a stamp on its date and zone and returns the UTC instant.
func (st Stamp) Resolve(input string, ctx Context) (time.Time, error) {
	if st.ShortHour && !ctx.Assume24h {
		return time.Time{}, &Error{input, Ambiguous12h, fmt.Sprintf("12-hour time without AM/PM; write %02d:%02d for the 24-hour clock or add AM or PM", st.Hour, st.Minute)}
	}
	y, mo, d := st.Year, time.Month(st.Month), st.Day
	if !st.HasDate {
		if ctx.Date.IsZero() {
			return time.Time{}, &Error{input, NoDate, "clock time with no date; give the document a date or write a full timestamp such as 2024-12-04T19:34:00Z"}
		}
		y, mo, d = ctx.Date.Date()
	}
	loc := time.UTC
	switch {
	case st.Zone != nil:
		loc = st.Zone.Location
	case ctx.Zone != nil && ctx.Zone.Location != nil:
		loc = ctx.Zone.Location
	}
	return time.Date(y, mo, d, st.Hour, st.Minute, st.Second, 0, loc).UTC(), nil
}

// Parse reads one time and returns it in UTC.
func Parse(input string, ctx Context) (time.Time, error) {
	st, err := Scan(input)
	if err != nil {
		return time.Time{}, err
	}
	return st.Resolve(input, ctx)
}

// ParseDate reads a calendar date written as YYYY-MM-DD.
func ParseDate(input string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(input))
	if err != nil {
		return time.Time{}, &Error{input, Syntax, "not a date (expected YYYY-MM-DD, such as 2024-12-04)"}
	}
	return t, nil
}

func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && int(t.Month()) == m
}
