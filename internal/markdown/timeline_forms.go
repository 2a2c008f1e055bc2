package markdown

import (
	"strconv"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// Timeline forms that are not a time at the start of a line: a date
// with no time, a time inside a sentence, an offset from the entry
// before, entries joined on one line by <br>, entries written as
// headings.

var (
	// unknownTime is what a report writes where it does not know the
	// time of a dated entry: "2022-02-02 X:", "`unknown`", "??".
	unknownTime = pattern(`^[\s*_` + "`" + `]*(?i:x{1,2}(?::x{2})?|\?{1,2}(?::\?{2})?|unknown|tbd|n/a)[\s*_` + "`" + `]*`)
	// dateSeparator ends an entry's date: a colon, a dash between
	// spaces, or the end of the emphasis around the date, then the text.
	dateSeparator = pattern(`^[*_]*\s*(?::|[-–—](?:\s|$))?[*_]*\s*`)
	// relativeTime is a time written as an offset from the entry before:
	// "[+1 hrs]", "\[+6.5 hrs]", "+10 minutes", "+2 Business Days Later".
	relativeTime = pattern(`(?i)^\\?\[?\s*\+\s*(\d+(?:\.\d+)?)\s*(h|hrs?|hours?|m|mins?|minutes?|(?i:business\s+days?|days?))(?:\s+later)?\s*\\?\]?$`)
	// sentenceTime is where a time inside an entry's sentence starts:
	// "... notified OCC of the outage at 12:16 ET on June 16, 2020".
	sentenceTime = pattern(`(?i)\b(?:at|around|by)\s+(?:approximately\s+|about\s+|around\s+)?$`)
	// lineBreak is a break inside a paragraph that separates entries
	// written one after the other: HTML <br> in its spellings.
	lineBreak = pattern(`(?i)<br\s*/?>`)
)

// dateEntry reads a line that starts with a date and gives no time:
// "01-31-2024 - The fix was added", "**Feb 05, 2021:** Disclosure",
// "**April 5th, 2023** Yearn team ...", "2022-02-02 X: text". It returns
// the day, the date as written and the text.
func dateEntry(t string, toks []timeparse.Token, year int) (time.Time, string, string, bool) {
	if len(toks) == 0 || toks[0].Kind != timeparse.Date {
		return time.Time{}, "", "", false
	}
	d := toks[0]
	if strings.TrimLeft(trimBullet(t[:d.Start]), "*_ ") != "" {
		return time.Time{}, "", "", false // words before the date: prose
	}
	day, ok := dateOf(d, year)
	if !ok {
		return time.Time{}, "", "", false
	}
	rest := t[d.End:]
	raw := t[d.Start:d.End]
	if m := unknownTime().FindStringIndex(rest); m != nil && m[1] > 0 && strings.TrimSpace(rest[:m[1]]) != "" {
		raw += " " + strings.Trim(rest[:m[1]], " *_`")
		rest = rest[m[1]:]
	}
	sep := dateSeparator().FindString(rest)
	if sep == "" && rest != "" && rest[0] != ' ' {
		return time.Time{}, "", "", false // "2024-01-31T..." or a word run on
	}
	text := strings.TrimSpace(strings.TrimLeft(rest[len(sep):], "*_ "))
	if text == "" {
		return time.Time{}, "", "", false // a date line, not an entry
	}
	return day, raw, text, true
}

// sentenceEntry reads a list item whose time is inside its sentence:
// "DEPO notified OCC of the outage at 12:16 ET on June 16, 2020." The
// item must hold exactly one clock, after "at", "around" or "by"; a date
// after it ("on June 16, 2020") is the entry's date.
func sentenceEntry(t string, toks []timeparse.Token) (entryLine, bool) {
	at := -1
	for i, tok := range toks {
		if tok.Kind != timeparse.Clock && tok.Kind != timeparse.DateTime {
			continue
		}
		if at >= 0 {
			return entryLine{}, false // several times: which one?
		}
		at = i
	}
	if at < 0 || !sentenceTime().MatchString(t[:toks[at].Start]) {
		return entryLine{}, false
	}
	c := toks[at]
	e := entryLine{clock: cleanClock(t[c.TimeAt:c.TimeEnd]), zone: c.Zone, note: c.Note, text: strings.TrimSpace(trimBullet(t)), at: c.Start}
	e.stamp, e.err = entryStamp(c, c.Zone)
	if c.Kind == timeparse.DateTime {
		e.date = strings.TrimSpace(strings.TrimRight(t[c.Start:c.DateEnd], ", "))
	} else if at+1 < len(toks) && toks[at+1].Kind == timeparse.Date && len(strings.Fields(t[c.End:toks[at+1].Start])) <= 1 {
		e.date = t[toks[at+1].Start:toks[at+1].DateEnd]
	}
	return e, true
}

// relativeOffset reads a time written as an offset from the entry before
// ("[+2 hrs]", "+10 minutes"): the offset, or a number of business or
// calendar days (days, negative for business days).
func relativeOffset(s string) (time.Duration, int, bool) {
	m := relativeTime().FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, 0, false
	}
	n, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, 0, false
	}
	unit := strings.ToLower(m[2])
	switch {
	case strings.HasPrefix(unit, "business"):
		return 0, -int(n), true
	case strings.HasPrefix(unit, "day"):
		return 0, int(n), true
	case strings.HasPrefix(unit, "h"):
		return time.Duration(n * float64(time.Hour)), 0, true
	}
	return time.Duration(n * float64(time.Minute)), 0, true
}

// addDays is day plus n calendar days, or -n business days (Monday to
// Friday) for n < 0.
func addDays(day time.Time, n int) time.Time {
	if n >= 0 {
		return day.AddDate(0, 0, n)
	}
	for left := -n; left > 0; {
		day = day.AddDate(0, 0, 1)
		if wd := day.Weekday(); wd != time.Saturday && wd != time.Sunday {
			left--
		}
	}
	return day
}

// headingEntries counts the headings of a timeline written as entries.
func headingEntries(lines []bodyLine) int {
	n := 0
	for _, l := range lines {
		if l.kind == kHeading && l.entry != nil {
			n++
		}
	}
	return n
}

// splitBreaks splits the lines of a timeline at <br>, where entries are
// written one after another inside a paragraph ("15:27 - A change is
// submitted ...<br> 21:14 - DNS changes take effect"): each piece after
// a break becomes a line of its own, read again by the lexer; a piece
// that does not start with a time stays on its line.
func splitBreaks(lines []bodyLine) []bodyLine {
	var out []bodyLine
	for _, bl := range lines {
		l := bl.line
		if l.kind != kText || !strings.Contains(l.text, "<") || !lineBreak().MatchString(l.text) {
			out = append(out, bl)
			continue
		}
		out = append(out, breakPieces(l)...)
	}
	return out
}

// breakPieces is line l split at its breaks: a new line for each piece
// that starts with an entry's time; the others stay with the piece
// before them.
func breakPieces(l *line) []bodyLine {
	var out []bodyLine
	start := 0
	emit := func(end int) {
		piece := strings.TrimSpace(l.text[start:end])
		if piece == "" {
			return
		}
		nl := *l
		nl.text, nl.col = piece, l.col+len([]rune(l.text[:start]))+len(l.text[start:end])-len(strings.TrimLeft(l.text[start:end], " "))
		nl.tokens, nl.entry = timeparse.Lex(piece), nil
		if e, ok := parseEntry(piece, nl.tokens); ok {
			nl.entry = &e
		}
		if len(out) > 0 && nl.entry == nil {
			prev := out[len(out)-1].line
			prev.text += " " + piece
			prev.tokens = timeparse.Lex(prev.text)
			if e, ok := parseEntry(prev.text, prev.tokens); ok {
				prev.entry = &e
			}
			return
		}
		out = append(out, bodyLine{line: &nl, text: piece})
	}
	for _, m := range lineBreak().FindAllStringIndex(l.text, -1) {
		emit(m[0])
		start = m[1]
	}
	emit(len(l.text))
	if len(out) > 0 {
		out[0].line.item = l.item
	}
	return out
}
