package timeparse

import (
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/fold"
)

// The lexer's readers of clocks, dates and zones: each reads one at a
// position of the line and says whether it is there.

// ------------------------------------------------------------- clocks

// readClock reads a clock at p: H or HH, then ":MM", ":SS" and a
// fraction, or a meridiem alone ("7 PM"); then an optional meridiem and
// zone. A clock followed by another digit ("19:345") is no clock.
func readClock(s string, p int) (Token, bool) {
	h, i := digitsAt(s, p, 2)
	if i == p {
		return Token{}, false
	}
	t := Token{Kind: Clock, Start: p, TimeAt: p}
	t.Hour = h
	hourDigits := i - p
	i, minutes, ok := readMinutes(s, p, i, &t)
	if !ok {
		return Token{}, false
	}
	m, mEnd := meridiemAt(s, skipSpace(s, i))
	if !minutes && m == "" {
		return Token{}, false
	}
	if m != "" {
		t.Meridiem, i = m, mEnd
	}
	t.TimeEnd, t.End = i, i
	if end := hoursMarkEnd(s, i); minutes && m == "" && end > 0 {
		t.End = end // "14:20h", "14:20 hrs": the mark is no part of the clock
	}
	if m != "" && minutes && hourDigits == 2 && h > 12 && h <= 23 {
		// "13:55 PM", "23:00 AM": a 24-hour clock with a meridiem
		// typed out of habit; the hour says which one is meant.
		t.Meridiem = ""
		t.Note = "a 24-hour time written with " + strings.ToUpper(m) + "; read as " + s[p:p+5]
	}
	t.Err = t.Stamp.check(s[p:i], hourDigits)
	readClockZone(s, &t)
	return t, true
}

// readMinutes reads a clock's minutes (and seconds, and a fraction of
// them) after its hour, which starts at p and ends at i, into t: where
// they end, whether there are minutes, and false for digits that run on
// ("12:345").
func readMinutes(s string, p, i int, t *Token) (int, bool, bool) {
	twoDigits := func(k int) bool { return k+2 < len(s) && isDigit(s[k+1]) && isDigit(s[k+2]) }
	switch {
	case twoDigits(i) && s[i] == '.' && dotClock(s, p, i+3):
		// "10.42: text", "10.42am", "at approximately 10.16"
		t.Minute = int(s[i+1]-'0')*10 + int(s[i+2]-'0')
		return i + 3, true, true
	case twoDigits(i) && s[i] == ':':
		t.Minute = int(s[i+1]-'0')*10 + int(s[i+2]-'0')
		i += 3
		if twoDigits(i) && s[i] == ':' {
			t.Second, t.HasSeconds = int(s[i+1]-'0')*10+int(s[i+2]-'0'), true
			i += 3
			if i+1 < len(s) && (s[i] == '.' || s[i] == ',') && isDigit(s[i+1]) {
				i = skipDigits(s, i+1)
			}
		}
		return i, true, i >= len(s) || !isDigit(s[i])
	}
	return i, false, true
}

// dotClock reports whether "H.MM" at p, ending at end, is a clock rather
// than a version or a decimal: it is followed by AM/PM, or it opens its
// line and a colon or a dash follows it ("10.42: the app became
// unavailable"), or "at" or "approximately" comes before it.
func dotClock(s string, p, end int) bool {
	if end < len(s) && (isDigit(s[end]) || s[end] == '.' && end+1 < len(s) && isDigit(s[end+1])) {
		return false // "1.2.11", "10.425"
	}
	if m, _ := meridiemAt(s, skipSpace(s, end)); m != "" {
		return true
	}
	if j := skipSpace(s, skipEmphasis(s, end)); p == skipEmphasis(s, skipSpace(s, 0)) && j < len(s) && (s[j] == ':' || s[j] == '-' || strings.HasPrefix(s[j:], "–") || strings.HasPrefix(s[j:], "—")) {
		return true
	}
	before := fold.String(trimSpace(s[max(0, p-16):p]))
	return strings.HasSuffix(before, " at") || before == "at" || strings.HasSuffix(before, "approximately") || strings.HasSuffix(before, "around")
}

// check validates a clock's numbers and puts a 12-hour clock on the
// 24-hour one; text is the clock as written.
func (st *Stamp) check(text string, hourDigits int) *Error {
	if st.Minute > 59 || st.Second > 59 {
		return &Error{text, OutOfRange, "minutes and seconds go up to 59"}
	}
	if st.Meridiem != "" {
		if st.Hour < 1 || st.Hour > 12 {
			return &Error{text, OutOfRange, "a 12-hour time has hours from 1 to 12"}
		}
		st.Hour %= 12
		if st.Meridiem == "pm" {
			st.Hour += 12
		}
		return nil
	}
	if st.Hour > 23 {
		return &Error{text, OutOfRange, "hours go up to 23"}
	}
	st.ShortHour = hourDigits == 1 && st.Hour > 0
	return nil
}

// meridiemAt reads "am", "PM", "a.m.", "p. m" at i: a or p, an optional
// dot, an optional space, m, and a closing dot when the a or p had one;
// no letter or digit may follow. It returns "am" or "pm" and the end.
func meridiemAt(s string, i int) (string, int) {
	if i >= len(s) {
		return "", i
	}
	var m string
	switch s[i] {
	case 'a', 'A':
		m = "am"
	case 'p', 'P':
		m = "pm"
	default:
		return "", i
	}
	j := i + 1
	dotted := j < len(s) && s[j] == '.'
	if dotted {
		j++
	}
	if j < len(s) && s[j] == ' ' && j+1 < len(s) && (s[j+1] == 'm' || s[j+1] == 'M') {
		j++
	}
	if j >= len(s) || s[j] != 'm' && s[j] != 'M' {
		return "", i
	}
	j++
	if j < len(s) && isWordByte(s[j]) {
		return "", i
	}
	if dotted && j < len(s) && s[j] == '.' {
		j++
	}
	return m, j
}

// readClockZone extends a clock token t with the zone written after it:
// spaces and emphasis, an optional "(", a zone word in capitals the table
// knows or UTC/GMT with an offset, an optional ")"; or, with nothing in
// between, "Z" or, after seconds, an offset such as "+02:00" (RFC 3339).
func readClockZone(s string, t *Token) {
	i := t.End
	if t.HasSeconds && i < len(s) && (s[i] == '+' || s[i] == '-') {
		if end := offsetEnd(s, i); end > 0 {
			if z, err := ParseZone(s[i:end]); err == nil {
				t.Zone, t.ZoneAt, t.End, t.Stamp.Zone = s[i:end], i, end, &z
				return
			}
		}
	}
	if end := numericOffsetEnd(s, i+1); i < len(s) && s[i] == ' ' && end > 0 {
		// "14:03:22 +0000", as git and RFC 2822 dates write it
		if z, err := ParseZone(s[i+1 : end]); err == nil {
			t.Zone, t.ZoneAt, t.End, t.Stamp.Zone = s[i+1:end], i+1, end, &z
			return
		}
	}
	j := skipEmphasis(s, skipSpace(s, i))
	j = skipSpace(s, j)
	paren := j < len(s) && s[j] == '('
	if paren {
		j = skipSpace(s, j+1)
	}
	name, end := zoneWordAt(s, j)
	if name == "" {
		return
	}
	if paren {
		k := skipSpace(s, end)
		if k < len(s) && s[k] == ')' {
			end = k + 1
		}
	}
	t.Zone, t.ZoneAt, t.End = name, j, end
	if z, err := ParseZone(name); err == nil {
		t.Stamp.Zone = &z
	}
}

// zoneWordAt reads a zone written in prose at j: UTC or GMT and an
// offset ("UTC-7", "GMT+05:30"), or a word in capitals that the zone
// table knows ("UTC", "MST", "ET", "IST"), with no letter or digit after
// it. It returns the zone and its end, "" if there is none.
func zoneWordAt(s string, j int) (string, int) {
	if name, end := areaZoneAt(s, j); name != "" {
		return name, end
	}
	n := j
	for n < len(s) && isUpper(s[n]) {
		n++
	}
	if n == j || n < len(s) && isLetter(s[n]) {
		return "", j
	}
	w := s[j:n]
	if w == "UTC" || w == "GMT" {
		k := skipSpace(s, n)
		if end := offsetEnd(s, k); end > 0 && (end == len(s) || !isWordByte(s[end])) {
			return s[j:end], end
		}
	}
	if n < len(s) && isDigit(s[n]) {
		return "", j
	}
	if !knownZone(w) {
		return "", j
	}
	return w, n
}

// areaZoneAt reads a zone written by its area and place ("US/Pacific",
// "America/Los_Angeles", as Google Cloud's reports write it) at j: a
// capital, letters and underscores, a slash, more of them; "" unless
// ParseZone knows it.
func areaZoneAt(s string, j int) (string, int) {
	if j >= len(s) || !isUpper(s[j]) {
		return "", j
	}
	n, slash := j, -1
	for n < len(s) && (isLetter(s[n]) || s[n] == '_' || s[n] == '/' && slash < 0 && n > j) {
		if s[n] == '/' {
			slash = n
		}
		n++
	}
	if slash < 0 || slash == n-1 || n < len(s) && isWordByte(s[n]) {
		return "", j
	}
	if _, err := ParseZone(s[j:n]); err != nil {
		return "", j
	}
	return s[j:n], n
}

// numericOffsetEnd reads "+0000", "-0700" or "+05:30" at i, a sign
// and four digits with nothing between them ("- 10 users" is no zone),
// and no letter or digit after; it returns the end, 0 if none.
func numericOffsetEnd(s string, i int) int {
	two := func(k int) bool { return k+1 < len(s) && isDigit(s[k]) && isDigit(s[k+1]) }
	if i >= len(s) || s[i] != '+' && s[i] != '-' || !two(i+1) {
		return 0
	}
	j := i + 3
	if j < len(s) && s[j] == ':' {
		j++
	}
	if !two(j) || j+2 < len(s) && isWordByte(s[j+2]) {
		return 0
	}
	return j + 2
}

// offsetEnd reads a zone offset at i: a sign ("+", "-", "−"), spaces, one
// or two digits, and ":MM" or "MM". It returns the end, 0 if none.
func offsetEnd(s string, i int) int {
	switch {
	case i < len(s) && (s[i] == '+' || s[i] == '-'):
		i++
	case len(s)-i >= len("−") && s[i:i+len("−")] == "−":
		i += len("−")
	default:
		return 0
	}
	i = skipSpace(s, i)
	_, j := digitsAt(s, i, 2)
	if j == i {
		return 0
	}
	switch {
	case j+2 < len(s) && s[j] == ':' && isDigit(s[j+1]) && isDigit(s[j+2]):
		j += 3
	case j-i == 2 && j+1 < len(s) && isDigit(s[j]) && isDigit(s[j+1]):
		j += 2
	}
	return j
}

// ------------------------------------------------------------- dates

// readDate reads a date written with digits at p: 2024-12-04 (also with
// / or . and one-digit parts), 12/04/24 (month first), 04.12.2024 (day
// first), or 4 Dec 2024 / 4th December, 2024.
func readDate(s string, p int) (Token, bool) {
	a, i := digitsAt(s, p, 4)
	t := Token{Kind: Date, Start: p}
	var ok bool
	switch n := i - p; {
	case n == 4 && s[p] == '2' && s[p+1] == '0' && dateSepAt(s, i) > 0:
		t.Year, t.Month, t.Day, t.End, ok = readISODate(s, i, a)
	case n >= 1 && n <= 2 && i < len(s) && (s[i] == '/' || s[i] == '-' && i+1 < len(s) && isDigit(s[i+1])):
		// 12/04/24 and 01-31-2024 are month first (US), unless the
		// first number cannot be a month: 25/12/2024
		t.Month, t.Day, t.Year, t.End, ok = readNumericDate(s, i, a, s[i], 2)
		if t.Month > 12 && t.Day <= 12 {
			t.Month, t.Day = t.Day, t.Month
		}
	case n >= 1 && n <= 2 && i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]):
		t.Day, t.Month, t.Year, t.End, ok = readNumericDate(s, i, a, '.', 4)
		ok = ok && t.Year >= 2000 && t.Year < 2100
	case n >= 1 && n <= 2:
		return readDayMonth(s, p, a, i)
	}
	if !ok {
		return Token{}, false
	}
	t.DateEnd = t.End
	return t, t.fixYear()
}

// readISODate reads "-12-04" (or with / or .) after the year y, at i.
// The date may run into a "T" and a clock (RFC 3339).
func readISODate(s string, i, y int) (year, month, day, end int, ok bool) {
	from := i + dateSepAt(s, i)
	mo, j := digitsAt(s, from, 2)
	if j == from || dateSepAt(s, j) == 0 {
		return 0, 0, 0, 0, false
	}
	from = j + dateSepAt(s, j)
	d, k := digitsAt(s, from, 2)
	if k == from || !wordEndsAt(s, k) && !(s[k] == 'T' || s[k] == 't') {
		return 0, 0, 0, 0, false
	}
	return y, mo, d, k, true
}

// dateSepAt is the width of the separator of an ISO date at i: 1 for
// "-", "/" or ".", 2 for "\-" or "\." (a Markdown escape, as Google Docs
// writes dates it exports: "2024\-03\-05"), 0 for none.
func dateSepAt(s string, i int) int {
	switch {
	case i >= len(s):
		return 0
	case isDateSep(s[i]):
		return 1
	case s[i] == '\\' && i+1 < len(s) && (s[i+1] == '-' || s[i+1] == '.'):
		return 2
	}
	return 0
}

// readNumericDate reads the rest of "12/04/24" or "04.12.2024" after its
// first number a, at i: sep, one or two digits, sep, a year of at least
// minYear digits (and at most four). It returns a, the second number,
// the year and the end.
func readNumericDate(s string, i, a int, sep byte, minYear int) (first, second, year, end int, ok bool) {
	b, j := digitsAt(s, i+1, 2)
	if j == i+1 || j >= len(s) || s[j] != sep {
		return 0, 0, 0, 0, false
	}
	y, k := digitsAt(s, j+1, 4)
	if k-j-1 < minYear || !wordEndsAt(s, k) {
		return 0, 0, 0, 0, false
	}
	return a, b, y, k, true
}

// readDayMonth reads "4 Dec 2024", "4th December, 2024" after the day a
// (digits p to i): a year is required.
func readDayMonth(s string, p, a, i int) (Token, bool) {
	t := Token{Kind: Date, Start: p}
	i = skipOrdinal(s, i)
	j := skipSpace(s, i)
	if j == i || j >= len(s) || !isLetter(s[j]) {
		return t, false
	}
	mo, k := monthAt(s, j)
	if mo == 0 {
		return t, false
	}
	if k < len(s) && s[k] == '.' {
		k++
	}
	if k < len(s) && s[k] == ',' {
		k++
	}
	y, e, ok := yearAt(s, k)
	if !ok {
		return t, false
	}
	t.Year, t.Month, t.Day, t.End, t.DateEnd = y, mo, a, e, e
	return t, t.fixYear()
}

// readMonthDate reads "Dec 4", "December 4th, 2024", "Sept. 5 2024" at
// the word s[p:end]: the year may be left out (Year 0). A day followed by
// a unit ("may 5 minutes") is a duration, not a date.
func readMonthDate(s string, p, end int) (Token, bool) {
	mo, _ := monthAt(s, p)
	if mo == 0 {
		return Token{}, false
	}
	i := end
	if i < len(s) && s[i] == '.' {
		i++
	}
	j := skipSpace(s, i)
	d, k := digitsAt(s, j, 2)
	if k == j {
		return Token{}, false
	}
	if _, _, _, ok := durationPartAt(s, j); ok {
		return Token{}, false
	}
	k = skipOrdinal(s, k)
	if !wordEndsAt(s, k) {
		return Token{}, false
	}
	t := Token{Kind: Date, Start: p, End: k}
	t.Month, t.Day = mo, d
	c := k
	if e := dayRangeEnd(s, k); e > k {
		c = e // "January 14-19, 2026": the first day, the range's year
	}
	if c < len(s) && s[c] == ',' {
		c++
	}
	if y, e, ok := yearAt(s, c); ok {
		t.Year, t.End = y, e
	}
	t.DateEnd = t.End
	return t, t.fixYear()
}

// dayRangeEnd reads the end of a range of days after a month's day at
// i, "-19" or "–19" (and its ordinal), followed by a year; it returns
// where the range ends, i if there is none.
func dayRangeEnd(s string, i int) int {
	j := i
	switch {
	case j < len(s) && s[j] == '-':
		j++
	case strings.HasPrefix(s[j:], "–"):
		j += len("–")
	default:
		return i
	}
	d, k := digitsAt(s, j, 2)
	if k == j || d < 1 || d > 31 {
		return i
	}
	k = skipOrdinal(s, k)
	c := k
	if c < len(s) && s[c] == ',' {
		c++
	}
	if _, _, ok := yearAt(s, c); !ok {
		return i
	}
	return k
}

// yearAt reads spaces and a year 20NN at i (a comma before it is the
// caller's); ok is false without one.
func yearAt(s string, i int) (int, int, bool) {
	j := skipSpace(s, i)
	if j == i || j+4 > len(s) || s[j] != '2' || s[j+1] != '0' {
		return 0, i, false
	}
	y, k := digitsAt(s, j, 4)
	if k-j != 4 || !wordEndsAt(s, k) {
		return 0, i, false
	}
	return y, k, true
}

// fixYear puts a two-digit year in this century and checks the date: a
// year from 1990 to 2100 (or none), a month, a day the month has.
func (t *Token) fixYear() bool {
	if t.Year > 0 && t.Year < 100 {
		t.Year += 2000
	}
	if t.Month < 1 || t.Month > 12 || t.Day < 1 || t.Day > 31 {
		return false
	}
	y := t.Year
	if y == 0 {
		y = 2000 // a leap year: "Feb 29" stands until a year is known
	} else if y < 1990 || y > 2100 {
		return false
	}
	t.HasDate = t.Year != 0
	return time.Date(y, time.Month(t.Month), t.Day, 0, 0, 0, 0, time.UTC).Day() == t.Day
}

// monthAt reads a month's name at j: a word whose first three letters
// are a month's ("Dec", "December", "Sept"). It returns the month (0 for
// none) and the word's end.
func monthAt(s string, j int) (int, int) {
	end := wordEnd(s, j)
	if end-j < 3 {
		return 0, end
	}
	var buf [3]byte
	if _, ok := lowerInto(buf[:], s[j:j+3]); !ok {
		return 0, end
	}
	for k, m := range [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if string(buf[:]) == m {
			return k + 1, end
		}
	}
	return 0, end
}

func skipOrdinal(s string, i int) int {
	if e := wordEnd(s, i); oneOf(s[i:e], "st", "nd", "rd", "th") != "" {
		return e
	}
	return i
}

// readDateTime extends a date token with the clock written after it: a
// "T", spaces, a comma and spaces, or " at ", then emphasis, then a clock
// (the course title writes its clock 19-47-00).
func readDateTime(s string, d Token) (Token, bool) {
	i := d.End
	switch {
	case i < len(s) && (s[i] == 'T' || s[i] == 't') && i+1 < len(s) && isDigit(s[i+1]):
		i++
	case i < len(s) && s[i] == ',':
		i = skipSpace(s, i+1)
	default:
		j := skipSpace(s, i)
		if j == i {
			return d, false
		}
		if n, ok := fold.HasPrefix(s[j:], "at"); ok && j+n < len(s) && isSpaceByte(s[j+n]) {
			j = skipSpace(s, j+n)
		}
		i = j
	}
	i = skipEmphasis(s, i)
	c, ok := readClock(s, i)
	if !ok && d.HasDate {
		c, ok = readDashedClock(s, i)
	}
	if !ok && d.HasDate {
		c, ok = readFourDigitClock(s, i)
	}
	if !ok {
		return d, false
	}
	// a date written without its year ("Jan 14, 10:18 AM") keeps Year
	// 0 and HasDate false: the reader supplies the year
	dt := c
	dt.Kind, dt.Start, dt.DateEnd = DateTime, d.Start, d.DateEnd
	dt.Year, dt.Month, dt.Day, dt.HasDate = d.Year, d.Month, d.Day, d.HasDate
	return dt, true
}

// readFourDigitClock reads "1625", a clock written without its colon,
// which is read only right after a full date ("2022-02-02 1625: text"):
// anywhere else four digits are a year, a count or a number.
func readFourDigitClock(s string, p int) (Token, bool) {
	v, i := digitsAt(s, p, 4)
	if i-p != 4 || v/100 > 23 || v%100 > 59 || !wordEndsAt(s, i) {
		return Token{}, false
	}
	t := Token{Kind: Clock, Start: p, TimeAt: p, TimeEnd: i, End: i}
	t.Hour, t.Minute = v/100, v%100
	readClockZone(s, &t)
	return t, true
}

// readMilitaryClock reads "1403Z", "1403 UTC" or "1400 hrs": four
// digits are a clock anywhere when UTC or "hrs" says so (as military and
// aviation write times); without either they are a year or a count.
func readMilitaryClock(s string, p int) (Token, bool) {
	_, i := digitsAt(s, p, 4)
	if i-p != 4 {
		return Token{}, false
	}
	if end := hoursMarkEnd(s, i); end > 0 {
		t, ok := readFourDigitClock(s[:i], p)
		if ok {
			t.End = end
			readClockZone(s, &t)
		}
		return t, ok
	}
	if i < len(s) && s[i] == 'Z' && wordEndsAt(s, i+1) {
		t, ok := readFourDigitClock(s[:i], p)
		if ok {
			z := UTC
			t.Zone, t.ZoneAt, t.End, t.Stamp.Zone = "Z", i, i+1, &z
		}
		return t, ok
	}
	t, ok := readFourDigitClock(s, p)
	if !ok || t.Stamp.Zone == nil || !t.Stamp.Zone.IsUTC() || !strings.EqualFold(t.Zone, "UTC") && !strings.EqualFold(t.Zone, "GMT") {
		return Token{}, false
	}
	return t, true
}

// hoursMarkEnd is the end of "hrs" (or "h"), with or without a space,
// after a clock that ends at i ("1400 hrs", "14:20h"); 0 when none.
func hoursMarkEnd(s string, i int) int {
	j := i
	if j < len(s) && s[j] == ' ' {
		j++
	}
	for _, mark := range [...]string{"hrs", "h"} {
		if e := j + len(mark); e <= len(s) && strings.EqualFold(s[j:e], mark) && wordEndsAt(s, e) && (mark != "h" || j == i) {
			return e
		}
	}
	return 0
}

// readDashedClock reads the course title's clock, "19-47-00" or "19-47",
// which only ever follows a date.
func readDashedClock(s string, p int) (Token, bool) {
	h, i := digitsAt(s, p, 2)
	if i-p != 2 || i+2 >= len(s) || s[i] != '-' || !isDigit(s[i+1]) || !isDigit(s[i+2]) {
		return Token{}, false
	}
	t := Token{Kind: Clock, Start: p, TimeAt: p}
	t.Hour, t.Minute = h, int(s[i+1]-'0')*10+int(s[i+2]-'0')
	i += 3
	if i+2 < len(s) && s[i] == '-' && isDigit(s[i+1]) && isDigit(s[i+2]) {
		t.Second, t.HasSeconds = int(s[i+1]-'0')*10+int(s[i+2]-'0'), true
		i += 3
	}
	if i < len(s) && isDigit(s[i]) {
		return Token{}, false
	}
	t.TimeEnd, t.End = i, i
	t.Err = t.Stamp.check(s[p:i], 2)
	readClockZone(s, &t)
	return t, true
}

// ------------------------------------------------------------- zones

// readParenZone reads a zone in parentheses at p: "(MST)", "( UTC-07:00 )",
// "(America/Denver)".
//
// A name of the table in words ("(Pacific Time)", "(US/Pacific)") is
// read too, and a few words may follow the zone ("(UTC-3 Chile Time)").
func readParenZone(s string, p int) (Token, bool) {
	j := skipSpace(s, p+1)
	name, end := zoneWordAt(s, j)
	if e := zoneNameEnd(s, j); e > end {
		name, end = s[j:e], e
	}
	if name == "" {
		name, end = ianaAt(s, j)
	}
	if name == "" {
		return Token{}, false
	}
	k := skipSpace(s, end)
	for words := 0; words < 3 && k < len(s) && isLetter(s[k]); words++ {
		k = skipSpace(s, wordEnd(s, k))
	}
	if k >= len(s) || s[k] != ')' {
		return Token{}, false
	}
	t := Token{Kind: ZoneName, Start: p, End: k + 1, Zone: name, ZoneAt: j}
	t.Stamp.Zone, t.Note = declaredZone(name)
	return t, true
}

// ianaAt reads "Area/Location" at j.
func ianaAt(s string, j int) (string, int) {
	a := j
	for a < len(s) && isLetter(s[a]) {
		a++
	}
	if a == j || a >= len(s) || s[a] != '/' {
		return "", j
	}
	b := a + 1
	for b < len(s) && (isLetter(s[b]) || s[b] == '_') {
		b++
	}
	if b == a+1 {
		return "", j
	}
	return s[j:b], b
}

// readZoneLine reads a zone declaration starting at p (zoneLinePattern).
func readZoneLine(s string, p int) (Token, bool) {
	m := zoneLinePattern().FindStringSubmatchIndex(s[p:])
	if m == nil || m[0] != 0 {
		return Token{}, false
	}
	end, at := p+m[1], p+m[4]
	if e := zoneNameEnd(s, at); e > end {
		end = e // "All times are Central European Time"
	}
	name := s[at:end]
	if off, e := offsetAfter(s, end); e > end {
		// "IST (UTC+5:30)": the offset says which zone the name is
		name, at, end = off, strings.Index(s[end:e], off)+end, e
	}
	t := Token{Kind: ZoneLine, Start: p, End: end, Zone: name, ZoneAt: at}
	t.Stamp.Zone, t.Note = declaredZone(trimSpace(name))
	if m[2] >= 0 && t.Stamp.Zone == nil {
		return Token{}, false // "Times are approximate" declares nothing
	}
	return t, true
}

// offsetAfter reads " (UTC+05:30)" at i: the offset and where its
// parenthesis ends, or i when there is none.
func offsetAfter(s string, i int) (string, int) {
	j := skipSpace(s, i)
	if j >= len(s) || s[j] != '(' {
		return "", i
	}
	k := strings.IndexByte(s[j:], ')')
	if k < 0 {
		return "", i
	}
	inner := trimSpace(s[j+1 : j+k])
	if offsetZone().MatchString(inner) && strings.ContainsAny(inner, "+-−") {
		return inner, j + k + 1
	}
	return "", i
}
