package markdown

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// Timeline extraction: entries read from list items, lines, tables,
// code blocks and headings, before their times are placed in UTC.

// entryLine is a timeline line read into its parts.
type entryLine struct {
	date    string // YYYY-MM-DD or MM/DD/YY written before the time, "" if none
	clock   string // the time as written without emphasis: "19:34", "10:30 AM"
	zone    string // a zone written after the time ("UTC"), "" if none
	rangeTo string // the end of a range ("12:15:00"), "" if none
	text    string // the event
	// stamp is what the clock says (its zone the one written after the
	// time or after the range's end), err why it cannot be read.
	stamp timeparse.Stamp
	err   error
}

// pendingEntry is an entry extracted, waiting for its time to be placed.
type pendingEntry struct {
	Entry
	e        entryLine
	date     time.Time // a date the text gives for this entry (date line or inline)
	dateSaid bool
	mile     string
	more     []string // continuation lines
}

var (
	bulletPrefix = pattern(`^(?:[•◦▪●o·\-*+–]\s+|\d+[.)]\s+|[•◦▪●·])\s*`)
	// "± 17:20", "~10:30", "around 10:30", "approx. 10:30"
	approxPrefix = pattern(`^[*_]*\s*(?:±|~|≈|(?i:ca\.|approx\.|(?:approx|approximately|around|about|at|by)\b))\s*`)
	entrySpaces  = strings.NewReplacer("\t", " ", "\u00a0", " ", "\u202f", " ", "\u2007", " ")
	isoEntryDate = pattern(`^(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})$`)
)

// entryEmphasis are the marks that may stand around an entry's time.
const entryEmphasis = "*_`~[]"

// parseEntry reads a line that starts with a time: "- _19:34_ - text",
// "*5:10* text", "**10:30 AM**: text", "13:00 — text", "12:10:00 –
// 12:15:00 – text", "2024-12-05 00:10 - text"; toks are s's tokens. The
// grammar: a bullet, an "about" word, emphasis, a clock (a date-time
// with its date written YYYY-MM-DD or MM/DD/YY), emphasis, a range to a
// second clock, emphasis, a separator (dashes, a colon, a bar, a comma
// or a space), the event.
func parseEntry(s string, toks []timeparse.Token) (entryLine, bool) {
	if !slices.ContainsFunc(toks, func(t timeparse.Token) bool { return t.Kind == timeparse.Clock || t.Kind == timeparse.DateTime }) {
		return entryLine{}, false // no time at all: prose
	}
	if strings.ContainsAny(s, "\t\u00a0\u202f\u2007") {
		// tabs and no-break spaces separate like spaces
		s = entrySpaces.Replace(s)
		toks = timeparse.Lex(s)
	}
	p := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
	if q := p + len(s[p:]) - len(strings.TrimLeft(s[p:], entryEmphasis)); q >= len(s) || !isDigitByte(s[q]) || !timeAt(toks, q) {
		// something stands before the time: a bullet, an "about" word
		if m := bulletPrefix().FindStringIndex(s[p:]); m != nil {
			p += m[1]
		}
		if m := approxPrefix().FindStringIndex(s[p:]); m != nil {
			p += m[1]
		}
	}
	p += len(s[p:]) - len(strings.TrimLeft(s[p:], entryEmphasis))
	i := slices.IndexFunc(toks, func(t timeparse.Token) bool { return t.Start >= p })
	if i < 0 || toks[i].Start != p {
		return entryLine{}, false
	}
	first := toks[i]
	var e entryLine
	switch first.Kind {
	case timeparse.Clock:
	case timeparse.DateTime:
		e.date = strings.TrimSpace(s[first.Start:first.DateEnd])
		if !isoEntryDate().MatchString(e.date) {
			return entryLine{}, false
		}
	default:
		return entryLine{}, false
	}
	e.clock, e.zone = cleanClock(s[first.TimeAt:first.TimeEnd]), first.Zone
	e.stamp, e.err = entryStamp(first, first.Zone)
	// with a range to a second clock, else without
	if i+2 < len(toks) && isEntryRange(toks[i+1]) && toks[i+2].Kind == timeparse.Clock {
		if text, ok := entryText(s, toks[i+2].End, true); ok {
			e.rangeTo, e.text = cleanClock(s[toks[i+2].TimeAt:toks[i+2].TimeEnd]), text
			if e.zone == "" {
				e.zone = toks[i+2].Zone
				e.stamp, e.err = entryStamp(first, e.zone)
			}
			return e, true
		}
	}
	text, ok := entryText(s, first.End, true)
	e.text = text
	return e, ok
}

// entryStamp is an entry's clock as timeparse.Scan reads "CLOCK ZONE":
// the clock without the date a date-time gives (the entry keeps that
// apart), in the zone written with it.
func entryStamp(t timeparse.Token, zone string) (timeparse.Stamp, error) {
	st := t.Stamp
	st.Year, st.Month, st.Day, st.HasDate, st.Zone = 0, 0, 0, false, nil
	if t.Err != nil {
		return st, t.Err
	}
	if zone != "" {
		z, err := timeparse.ParseZone(zone)
		if err != nil {
			return st, &timeparse.Error{Input: zone, Kind: timeparse.BadZone, Reason: err.Error()}
		}
		st.Zone = &z
	}
	return st, nil
}

// timeAt reports whether a clock or date-time token starts at p.
func timeAt(toks []timeparse.Token, p int) bool {
	return slices.ContainsFunc(toks, func(t timeparse.Token) bool {
		return t.Start == p && (t.Kind == timeparse.Clock || t.Kind == timeparse.DateTime)
	})
}

// isEntryRange is a range word an entry's time range may use.
func isEntryRange(t timeparse.Token) bool {
	return t.Kind == timeparse.RangeWord && (t.Word == "-" || t.Word == "–" || t.Word == "—" || t.Word == "to" || t.Word == "until")
}

// entryText reads the separator after an entry's time at i (emphasis,
// then dashes, a colon, a bar or a comma between spaces, or a space) and
// returns the event after it. ok is false without a separator, unless
// the time ends the line and end allows that (a time alone on its line).
func entryText(s string, i int, end bool) (string, bool) {
	i += len(s[i:]) - len(strings.TrimLeft(s[i:], entryEmphasis))
	j := i + len(s[i:]) - len(strings.TrimLeft(s[i:], " \t\n\f\r"))
	k := j + len(s[j:]) - len(strings.TrimLeft(s[j:], "-–—:|,"))
	if k == i && !(end && i == len(s)) {
		return "", false // no separator
	}
	text := strings.TrimSpace(s[k:])
	text = strings.TrimSpace(strings.TrimLeft(text, "*_ "))
	return strings.TrimSpace(strings.TrimLeft(text, "-–—: ")), true
}

// trimBullet removes a list marker from the start of s.
func trimBullet(s string) string {
	if m := bulletPrefix().FindStringIndex(s); m != nil {
		return s[m[1]:]
	}
	return s
}

// cleanClock is a clock as written without trailing marks, its spaces
// single: "10:30 AM".
func cleanClock(s string) string {
	return strings.Join(strings.Fields(strings.TrimRight(strings.TrimSpace(s), " \t*_`~-–—:|,;")), " ")
}

// asEntry is the line's text read as an entry.
func (l *line) asEntry() (entryLine, bool) {
	if l.entry == nil {
		return entryLine{}, false
	}
	return *l.entry, true
}

// entryOf reads line l as an entry: its text t (trimmed) with its
// tokens, or t's own when t is not the line's text.
func entryOf(l *line, t string) (entryLine, bool) {
	if t == l.text {
		return l.asEntry()
	}
	return parseEntry(t, timeparse.Lex(t))
}

var timelineCols = map[string][]string{
	"time":      {"time", "timestamp", "when", "time utc", "date time", "datetime"},
	"date":      {"date", "day"},
	"event":     {"event", "events", "description", "what", "what happened", "action", "details", "update", "activity"},
	"milestone": {"milestone", "phase", "stage"},
}

// timelineReader extracts a timeline section's entries.
type timelineReader struct {
	set       *setting
	pending   []pendingEntry
	curDate   time.Time
	cols      map[string]int
	itemDepth int
	lastBlock int
	// milestoneColumn: the timeline is a table that states milestones.
	milestoneColumn bool
}

// readTimeline reads a timeline section's body lines; the entries are
// appended to r.pending.
func (r *timelineReader) readTimeline(lines []bodyLine) {
	r.pending = slices.Grow(r.pending, len(lines)) // at most one a line
	first := len(r.pending)
	r.curDate, r.cols, r.itemDepth, r.lastBlock = time.Time{}, nil, 0, -1
	for _, bl := range lines {
		l := bl.line
		t := strings.TrimSpace(l.text)
		switch {
		case l.kind == kCode:
			// a timeline set in a plain code block for alignment
			if plainFence(l.fence) {
				if e, ok := entryOf(l, t); ok && e.text != "" {
					r.add(l, e, true, l.col+digitColumn(t))
				}
			}
		case t == "" || l.kind == kRule:
		case l.kind == kTable:
			r.tableRow(l)
		default:
			r.line(l, t)
		}
	}
	// continuation lines join their entry (kept apart until now so that a
	// long wrapped entry costs linear time)
	for i := first; i < len(r.pending); i++ {
		if p := &r.pending[i]; len(p.more) > 0 {
			p.Text = strings.TrimSpace(p.Text + " " + strings.Join(p.more, " "))
			p.more = nil
		}
	}
}

// digitColumn is the column offset of the first digit of t.
func digitColumn(t string) int {
	return utf8.RuneCountInString(t[:max(0, strings.IndexAny(t, "0123456789"))])
}

// line reads one line of a timeline that is not a table row or code.
func (r *timelineReader) line(l *line, t string) {
	if d, ok := dateLine(t, tokensOf(l, t)); ok {
		if day, ok := dateOf(d, r.set.year()); ok {
			r.curDate = day
			return
		}
	}
	e, ok := entryOf(l, t)
	if l.kind == kHeading && !ok {
		return
	}
	if !ok {
		e, ok = inlineDateEntry(t, r.set.year())
	}
	if ok {
		if l.item && r.itemDepth == 0 {
			r.itemDepth = l.depth
		}
		r.add(l, e, true, l.col+digitColumn(t))
		return
	}
	if len(t) < 80 && zoneLineIn(tokensOf(l, t)) != nil {
		return
	}
	bullet := bulletPrefix().MatchString(t) && !strings.HasPrefix(t, "-") && !strings.HasPrefix(t, "*")
	switch last := len(r.pending) - 1; {
	case l.item && (r.itemDepth == 0 || l.depth <= r.itemDepth):
		if r.itemDepth == 0 {
			r.itemDepth = l.depth
		}
		r.add(l, entryLine{text: strings.TrimSpace(trimBullet(t))}, false, l.col)
	case bullet && l.depth == 0:
		r.add(l, entryLine{text: strings.TrimSpace(trimBullet(t))}, false, l.col)
	case last >= 0 && (l.block == r.lastBlock || r.pending[last].Text == "" && len(r.pending[last].more) == 0 || l.depth > r.itemDepth && r.itemDepth > 0):
		r.pending[last].more = append(r.pending[last].more, strings.TrimSpace(trimBullet(t)))
		r.lastBlock = l.block
	}
}

// tokensOf is the tokens of t, a line's text trimmed.
func tokensOf(l *line, t string) []timeparse.Token {
	if t == l.text {
		return l.tokens
	}
	return timeparse.Lex(t)
}

// inlineDateEntry reads "2024-12-05: 00:10 - text" and other entries
// with a date before the time that the entry grammar does not take.
func inlineDateEntry(t string, year int) (entryLine, bool) {
	toks := timeparse.Lex(t)
	d, at, ok := findDate(toks, year)
	if !ok || at != 0 {
		return entryLine{}, false
	}
	rest := strings.TrimLeft(t[toks[0].DateEnd:], " ,:-–—T")
	e, ok := parseEntry(rest, timeparse.Lex(rest))
	if !ok {
		return entryLine{}, false
	}
	e.date = d.Format(time.DateOnly)
	return e, true
}

// tableRow reads a row of a timeline table: the header names the
// columns, body rows are entries.
func (r *timelineReader) tableRow(l *line) {
	cells := tableCells(l.raw)
	switch {
	case l.tableRow == 0:
		r.cols = tableColumns(cells, timelineCols)
		if _, ok := r.cols["event"]; !ok && len(cells) >= 2 {
			if _, ok := r.cols["time"]; ok {
				r.cols["event"] = 1 - min(r.cols["time"], 1)
			}
		}
		return
	case l.tableRow == 1 || r.cols == nil:
		return
	}
	get := func(k string) string {
		if i, ok := r.cols[k]; ok && i < len(cells) {
			return unescapeCell(cells[i])
		}
		return ""
	}
	ev := get("event")
	when := get("time")
	if _, ok := r.cols["time"]; !ok {
		when = get("date") // a single Date column holding date and time
	} else if d := get("date"); d != "" {
		if dd, _, ok := findDate(timeparse.Lex(d), r.set.year()); ok {
			when = dd.Format(time.DateOnly) + " " + when
		}
	}
	cell := when + " - x"
	e, ok := parseEntry(cell, timeparse.Lex(cell))
	e.text = ev
	if !ok {
		e = entryLine{text: ev}
	}
	r.add(l, e, ok, l.col)
	if _, ok := r.cols["milestone"]; ok {
		r.milestoneColumn = true
	}
	if m := strings.ToLower(get("milestone")); slices.Contains(document.Milestones, m) {
		r.pending[len(r.pending)-1].mile = m
	}
}

// add appends an entry; hasTime says e holds a time.
func (r *timelineReader) add(l *line, e entryLine, hasTime bool, col int) {
	p := pendingEntry{Entry: Entry{Position: Position{l.n, col}, Text: e.text}, e: e}
	if hasTime {
		p.RawTime = e.clock
		if e.date != "" {
			p.RawTime = e.date + " " + e.clock
			if d, _, ok := findDate(timeparse.Lex(e.date), r.set.year()); ok {
				p.date, p.dateSaid = d, true
			}
		}
		if e.rangeTo != "" {
			p.RawTime += " – " + e.rangeTo
		}
		if e.zone != "" {
			p.RawTime += " " + e.zone
		}
	}
	if !p.dateSaid && !r.curDate.IsZero() {
		p.date, p.dateSaid = r.curDate, true
	}
	r.pending = append(r.pending, p)
	r.lastBlock = l.block
}
