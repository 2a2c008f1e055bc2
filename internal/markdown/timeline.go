package markdown

import (
	"slices"
	"strconv"
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
	note    string // the lexer's doubt about the clock ("13:55 PM" read as 13:55)
	at      int    // where the time starts in the line, in bytes
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
	// source and link are a table row's Source and Link cells.
	source, link string
	more         []string // continuation lines
	// dateOnly: the entry has a date (date) and no clock time.
	dateOnly bool
	// relative: the time is offset after the last entry with a time of
	// its own ("[+2 hrs]"), or businessDays later (a date-only entry).
	relative     bool
	offset       time.Duration
	businessDays int
}

var (
	bulletPrefix = pattern(`^(?:[•◦▪●o·\-*+–]\s+|\d+[.)]\s+|[•◦▪●·])\s*`)
	// "± 17:20", "~10:30", "around 10:30", "approx. 10:30"; a day's name
	// ("Tue 09:12", "Monday, 10:30")
	approxPrefix = pattern(`^[*_]*\s*(?:±|~|≈|(?i:ca\.|approx\.|(?:approx|approximately|around|about|at|by|after)\b)|(?i:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?,?))\s*`)
	entrySpaces  = strings.NewReplacer("\t", " ", "\u00a0", " ", "\u202f", " ", "\u2007", " ")
	// weekdayWord is a day's name, or "on", written between an entry's
	// clock and its date ("12:45 PM PST Saturday Oct 30th: ...", "15:45
	// UTC on 01 July 2024 – ...", as Azure's reviews write them).
	weekdayWord = pattern(`^[\s*_,(]*(?i:on\s+)?(?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)?[\s*_,)]*$`)
)

// entryEmphasis are the marks that may stand around an entry's time.
const entryEmphasis = "*_`~[]()"

// parseEntry reads a line that starts with a time: "- _19:34_ - text",
// "*5:10* text", "**10:30 AM**: text", "13:00 — text", "12:10:00 –
// 12:15:00 – text", "2024-12-05 00:10 - text"; toks are s's tokens. The
// grammar: a bullet, an "about" word, emphasis, a clock (a date-time
// with its date written YYYY-MM-DD or MM/DD/YY), emphasis, a range to a
// second clock, emphasis, a separator (dashes, a colon, a bar, a comma
// or a space), the event.
func parseEntry(s string, toks []timeparse.Token) (entryLine, bool) {
	if label, off := entryLabel(s); off > 0 {
		// "**Start** (14:02): errors begin": the label is the text's
		if e, ok := parseTimedLine(s[off:], timeparse.Lex(s[off:])); ok {
			e.at += off
			if e.text == "" {
				e.text = label
			} else {
				e.text = label + ": " + e.text
			}
			return e, true
		}
	}
	return parseTimedLine(s, toks)
}

// entryLabel reads a bold label of a few words before an entry's time
// ("**Start** (14:02): ...", "**Detection** — 14:05: ..."): the label
// and where what follows it starts; 0 when there is none.
func entryLabel(s string) (string, int) {
	if t := strings.TrimLeft(s, " "); !strings.HasPrefix(t, "**") && !strings.HasPrefix(t, "__") {
		return "", 0
	}
	m := entryLabelPattern().FindStringSubmatchIndex(s)
	if m == nil || strings.Count(s[m[2]:m[3]], " ") > 2 {
		return "", 0
	}
	return strings.TrimSpace(s[m[2]:m[3]]), m[1]
}

var entryLabelPattern = pattern(`^\s*(?:\*\*|__)([^*_\d]{1,30})(?:\*\*|__)\s*(?:[-–—:]\s*)?`)

// parseTimedLine reads a line that starts with a time (parseEntry).
func parseTimedLine(s string, toks []timeparse.Token) (entryLine, bool) {
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
	e := entryLine{at: first.Start}
	switch first.Kind {
	case timeparse.Clock:
		if j, end := dateAfterClock(s, toks, i); j > 0 {
			// "12:45 PM PST Saturday Oct 30th: text": the date follows
			e.date = strings.TrimSpace(s[toks[j].Start:toks[j].DateEnd])
			e.clock, e.zone, e.note = cleanClock(s[first.TimeAt:first.TimeEnd]), first.Zone, first.Note
			e.stamp, e.err = entryStamp(first, first.Zone)
			text, ok := entryText(s, end, true)
			e.text = text
			return e, ok
		}
	case timeparse.DateTime:
		e.date = strings.TrimSpace(strings.TrimRight(s[first.Start:first.DateEnd], ", "))
	default:
		return entryLine{}, false
	}
	e.clock, e.zone, e.note = cleanClock(s[first.TimeAt:first.TimeEnd]), first.Zone, first.Note
	e.stamp, e.err = entryStamp(first, first.Zone)
	// with a range to a second clock, else without
	next, end := i+1, first.End
	if i+2 < len(toks) && isEntryRange(toks[i+1]) && toks[i+2].Kind == timeparse.Clock {
		e.rangeTo, next, end = cleanClock(s[toks[i+2].TimeAt:toks[i+2].TimeEnd]), i+3, toks[i+2].End
		if e.zone == "" {
			e.zone = toks[i+2].Zone
			e.stamp, e.err = entryStamp(first, e.zone)
		}
	}
	if c, cEnd, ok := conversion(s, toks, next, end); ok {
		// "14:00 CET (13:00 UTC) - text": the time in UTC is the one
		e.note = conversionNote(e, toks[c], s)
		z := toks[c].Zone
		if z == "" {
			z = "UTC" // "(00:55–01:00 UTC)": the zone written once, at the end
		}
		e.clock, e.zone, e.at = cleanClock(s[toks[c].TimeAt:toks[c].TimeEnd]), z, toks[c].Start
		e.stamp, e.err = entryStamp(toks[c], z)
		e.rangeTo, end = "", cEnd
	}
	text, ok := entryText(s, end, true)
	if !ok && e.rangeTo != "" {
		e.rangeTo = ""
		text, ok = entryText(s, first.End, true)
	}
	e.text = text
	return e, ok
}

// conversion finds the same time written again in UTC in parentheses
// right after an entry's time, at token j after byte end: "(13:00
// UTC)", "(01:00–01:08 UTC)". It returns the UTC clock's token and
// where the parenthesis closes.
func conversion(s string, toks []timeparse.Token, j, end int) (int, int, bool) {
	if j >= len(toks) || toks[j].Kind != timeparse.Clock || toks[j].Stamp.Zone == nil && (j+2 >= len(toks) || toks[j+2].Stamp.Zone == nil) {
		return 0, 0, false
	}
	if strings.Trim(s[end:toks[j].Start], " *_") != "(" {
		return 0, 0, false
	}
	last := j
	if j+2 < len(toks) && isEntryRange(toks[j+1]) && toks[j+2].Kind == timeparse.Clock {
		last = j + 2
	}
	z := toks[last].Stamp.Zone
	close := strings.IndexByte(s[toks[last].End:], ')')
	if z == nil || !z.IsUTC() || close < 0 || strings.Trim(s[toks[last].End:toks[last].End+close], " *_") != "" {
		return 0, 0, false
	}
	return j, toks[last].End + close + 1, true
}

// conversionNote is a warning when an entry's two times are not one
// time in two zones: their difference is not the zone's offset.
func conversionNote(e entryLine, utc timeparse.Token, s string) string {
	if e.err != nil || e.stamp.Zone == nil || e.stamp.Zone.IsUTC() {
		return e.note
	}
	_, off := time.Date(2001, 1, 1, 12, 0, 0, 0, e.stamp.Zone.Location).Zone()
	local := e.stamp.Hour*60 + e.stamp.Minute
	want := ((local-off/60)%1440 + 1440) % 1440
	if want == utc.Hour*60+utc.Minute {
		return e.note
	}
	return "the entry's time is written twice and the two disagree: " + e.clock + " " + e.zone + " is not " + strings.TrimSpace(s[utc.TimeAt:utc.End]) + "; using the time in UTC"
}

// dateAfterClock finds a date written right after the clock of token i,
// with only a weekday, spaces, commas and emphasis between them
// ("12:45 PM PST Saturday Oct 30th:"); it returns the date's token and
// where it ends, 0 when there is none.
func dateAfterClock(s string, toks []timeparse.Token, i int) (int, int) {
	if i+1 >= len(toks) || toks[i+1].Kind != timeparse.Date || !weekdayWord().MatchString(s[toks[i].End:toks[i+1].Start]) {
		return 0, 0
	}
	return i + 1, toks[i+1].End
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
	if j+1 < len(s) && s[j] == '\\' && strings.IndexByte("-:|", s[j+1]) >= 0 {
		j++ // an escaped separator, as Google Docs exports write it: "14:02 \- text"
	}
	k := j + len(s[j:]) - len(strings.TrimLeft(s[j:], "-–—:|,"))
	if k == i && !(end && i == len(s)) {
		return "", false // no separator
	}
	text := dropClosingMarks(strings.TrimSpace(s[k:]))
	// a backslash hard break ends the line, not the entry's text
	text = strings.TrimSuffix(text, "\\")
	return strings.TrimSpace(strings.TrimLeft(text, "-–—: ")), true
}

// dropClosingMarks drops the emphasis marks that start an entry's text
// when they close the time's emphasis ("**14:02 –** Deploy"): marks
// followed by a space, or never closed in the text. Marks that open the
// text's own emphasis stay ("**OUTAGE BEGINS** -- ...", "*alert* fires").
func dropClosingMarks(text string) string {
	rest := strings.TrimLeft(text, "*_")
	marks := text[:len(text)-len(rest)]
	if marks == "" || rest != "" && rest[0] != ' ' && strings.Contains(rest, marks) {
		return text
	}
	return strings.TrimSpace(rest)
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
	"time":      {"time", "timestamp", "when", "time utc", "date time", "datetime", "start", "start time", "started at"},
	"date":      {"date"},
	"day":       {"day"},
	"event":     {"event", "events", "description", "what", "what happened", "action", "details", "update", "activity"},
	"milestone": {"milestone", "phase", "stage"},
	"who":       {"who", "actor", "by", "person", "responder", "author", "owner"},
	"source":    {"source", "system", "tool", "channel"},
	"link":      {"link", "links", "url", "reference", "ref", "evidence"},
}

// timelineReader extracts a timeline section's entries.
type timelineReader struct {
	set       *setting
	pending   []pendingEntry
	curDate   time.Time // the day a date line or heading gives the lines below it
	sinceDate int       // entries read since that date line
	dateItem  int       // the list depth of a date line that is a list item, 0 if none
	cols      map[string]int
	colYear   int // the year a table's Date or Time header gives: "Date (2022)"
	itemDepth int
	lastBlock int
	// headed: the timeline's entries are headings ("### 13:35"), and
	// what is under one is its body, never an entry; bodyBlock is the
	// paragraph that gave the last heading entry its text.
	headed    bool
	inBody    bool
	bodyBlock int
	// milestoneColumn: the timeline is a table that states milestones.
	milestoneColumn bool
	// unread are the lines of the last timeline read that are no entry,
	// no part of one and no date or zone line: a lead-in, a closing
	// remark, a timeline told in prose. The extractor keeps them.
	unread []bodyLine
	// held are the lines of the paragraph being read that no entry took
	// yet: the text of an entry whose time is written after it, on the
	// paragraph's last line (a status page's update: "**Resolved** - This
	// incident has been resolved." over "Mar 5, 14:42 UTC"); unread when
	// the paragraph ends without one.
	held []bodyLine
	// code are the lines of the timeline's code blocks, fences too, and
	// codeEntries the entries read from them (readCode).
	code        []bodyLine
	codeEntries []int
	// head is the heading of the last heading entry, and headKept
	// whether unread holds it yet: its details are kept under it.
	head     *line
	headKept bool
}

// readTimeline reads a timeline section's body lines; the entries are
// appended to r.pending.
func (r *timelineReader) readTimeline(lines []bodyLine) {
	lines = splitBreaks(lines)
	r.pending = slices.Grow(r.pending, len(lines)) // at most one a line
	first := len(r.pending)
	r.curDate, r.sinceDate, r.cols, r.itemDepth, r.lastBlock = time.Time{}, 0, nil, 0, -1
	r.headed, r.inBody, r.unread = headingEntries(lines) >= 2, false, nil
	r.code, r.codeEntries = nil, nil
	for _, bl := range lines {
		l := bl.line
		t := strings.TrimSpace(l.text)
		if len(r.held) > 0 && r.held[0].block != l.block && t != "" {
			r.release()
		}
		switch {
		case l.kind == kCode || l.delim:
			r.code = append(r.code, bl)
			// a timeline set in a plain code block for alignment
			if plainFence(l.fence) && l.kind == kCode {
				if e, ok := entryOf(l, t); ok && e.text != "" {
					r.add(l, e, true, l.col+timeColumn(t, e))
					r.codeEntries = append(r.codeEntries, len(r.pending)-1)
				}
			}
		case t == "" || l.kind == kRule:
		case l.kind == kTable:
			r.tableRow(l)
		case l.kind == kHeading:
			r.heading(l, t)
		case r.headed:
			if !r.bodyLine(l, t) {
				r.keepUnread(bl)
			}
		default:
			if !r.line(l, t) {
				r.held = append(r.held, bl)
			}
		}
	}
	r.release()
	r.readCode(first)
	// continuation lines join their entry (kept apart until now so that a
	// long wrapped entry costs linear time)
	for i := first; i < len(r.pending); i++ {
		if p := &r.pending[i]; len(p.more) > 0 {
			p.Text = strings.TrimSpace(p.Text + " " + strings.Join(p.more, " "))
			p.more = nil
		}
	}
}

// timeColumn is the column offset in t of entry e's time, where the
// lexer read it (t's first digit if that is not in t).
func timeColumn(t string, e entryLine) int {
	at := e.at
	if at < 0 || at > len(t) {
		at = max(0, strings.IndexAny(t, "0123456789"))
	}
	return utf8.RuneCountInString(t[:at])
}

// heading reads a heading inside the timeline: a day ("### 2022-04-20")
// for the entries below it, an entry ("### 13:35", "### Sep 27 2017
// 13:06", "### 21:06 - Logger error"), or a group of entries ("###
// Ongoing") that no day carries into.
func (r *timelineReader) heading(l *line, t string) {
	r.inBody = false
	if d, ok := dateLine(t, tokensOf(l, t)); ok {
		if day, ok := dateOf(d, r.set.year()); ok {
			r.curDate, r.sinceDate = day, 0
			return
		}
	}
	if e, ok := entryOf(l, t); ok {
		r.add(l, e, true, l.col+timeColumn(t, e))
		r.inBody, r.bodyBlock, r.head, r.headKept = true, -1, l, false
		return
	}
	r.curDate = time.Time{}
}

// bodyLine reads a line under a heading entry: its first paragraph is
// the entry's text when the heading has none; lists and further
// paragraphs are details, which it does not read (it returns false, as
// for an introduction before the first heading entry).
func (r *timelineReader) bodyLine(l *line, t string) bool {
	last := len(r.pending) - 1
	if !r.inBody || last < 0 {
		return false // before the first heading entry: an introduction, links
	}
	p := &r.pending[last]
	switch {
	case r.bodyBlock == -1 && p.Text == "" && !l.item:
		p.Text, r.bodyBlock = t, l.block
	case l.block == r.bodyBlock:
		p.more = append(p.more, t)
	default:
		// a detail: kept with the unread text, under its entry's heading
		if !r.headKept {
			r.keepUnread(bodyLine{r.head, "**" + strings.TrimSpace(r.head.text) + "**"})
			r.headKept = true
		}
		return false
	}
	return true
}

// readCode decides what the timeline's code blocks are: the timeline,
// set in a plain block for alignment, when no entry comes from anything
// else; beside a list or a table of entries, an excerpt (a log), whose
// lines are kept with the unread text rather than read as entries.
func (r *timelineReader) readCode(first int) {
	if len(r.pending)-first == len(r.codeEntries) {
		return // the code is the timeline (or there is none)
	}
	kept := r.pending[:first] // the entries from elsewhere, in place
	for i := first; i < len(r.pending); i++ {
		if !slices.Contains(r.codeEntries, i) {
			kept = append(kept, r.pending[i])
		}
	}
	r.pending = kept
	for _, bl := range r.code {
		r.keepUnread(bl)
	}
}

// release keeps the held lines as unread: no time followed them.
func (r *timelineReader) release() {
	for _, bl := range r.held {
		r.keepUnread(bl)
	}
	r.held = r.held[:0]
}

// heldText is the text of the held lines of the paragraph of l, taken
// for an entry written on l with a time and no text: "" when there are
// none.
func (r *timelineReader) heldText(l *line) string {
	if len(r.held) == 0 || r.held[0].block != l.block {
		return ""
	}
	parts := make([]string, len(r.held))
	for i, bl := range r.held {
		parts[i] = strings.TrimSpace(trimBullet(strings.TrimSpace(bl.line.text)))
	}
	r.held = r.held[:0]
	return strings.Join(parts, " ")
}

// keepUnread keeps a line no entry took; a zone declaration is no text
// to keep.
func (r *timelineReader) keepUnread(bl bodyLine) {
	if !slices.ContainsFunc(r.set.decls, func(d ZoneDecl) bool { return d.Line == bl.n }) {
		r.unread = withUnread(r.unread, bl)
	}
}

// line reads one line of a timeline that is not a heading, a table row
// or code, in the forms of docs/import.md: a date line, an entry with a
// time, an entry with a date and no time, an item with its time inside
// the sentence, an item with no time, a line continuing an entry. It
// returns false for a line that is none of them.
func (r *timelineReader) line(l *line, t string) bool {
	toks := tokensOf(l, t)
	if d, ok := dateLine(t, toks); ok {
		if day, ok := dateOf(d, r.set.year()); ok {
			r.curDate, r.sinceDate, r.dateItem = day, 0, 0
			if l.item {
				r.dateItem = l.depth // "- 2021-03-25:" over its text
			}
			return true
		}
	}
	e, ok := entryOf(l, t)
	if !ok {
		e, ok = inlineDateEntry(t, r.set.year())
	}
	if ok {
		if l.item && r.itemDepth == 0 {
			r.itemDepth = l.depth
		}
		if e.text == "" {
			e.text = r.heldText(l) // the time written after its text
		}
		r.add(l, e, true, l.col+timeColumn(t, e))
		return true
	}
	if day, raw, text, ok := dateEntry(t, toks, r.set.year()); ok {
		r.addDay(l, day, raw, text, l.col)
		return true
	}
	if l.item && (r.itemDepth == 0 || l.depth <= r.itemDepth) {
		if e, ok := sentenceEntry(t, toks); ok {
			r.add(l, e, true, l.col+timeColumn(t, e))
			return true
		}
	}
	if len(t) < 80 && zoneLineIn(toks) != nil {
		return true
	}
	return r.untimed(l, t)
}

// untimed reads a line with no time: a list item is an entry (on the
// day of the date line above it, if any), a paragraph right under a date
// line is that day's entry, lines of its block or list continue the
// entry before them; false for any other line (a lead-in, a remark).
func (r *timelineReader) untimed(l *line, t string) bool {
	bullet := bulletPrefix().MatchString(t) && !strings.HasPrefix(t, "-") && !strings.HasPrefix(t, "*")
	text := strings.TrimSpace(trimBullet(t))
	switch last := len(r.pending) - 1; {
	case l.item && (r.itemDepth == 0 || l.depth <= r.itemDepth):
		if r.itemDepth == 0 {
			r.itemDepth = l.depth
		}
		r.addDay(l, r.curDate, "", text, l.col)
	case bullet && l.depth == 0:
		r.addDay(l, r.curDate, "", text, l.col)
	case !r.curDate.IsZero() && r.sinceDate == 0 && (l.depth == 0 || !l.item && l.depth == r.dateItem):
		// "### 2016-10-24" over a paragraph, or a list item holding only
		// a date over its text: what happened that day
		r.addDay(l, r.curDate, "", text, l.col)
	case last >= 0 && (l.block == r.lastBlock || r.pending[last].Text == "" && len(r.pending[last].more) == 0 || l.depth > r.itemDepth && r.itemDepth > 0):
		r.pending[last].more = append(r.pending[last].more, text)
		r.lastBlock = l.block
	default:
		return false
	}
	return true
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
	e.date, e.at = d.Format(time.DateOnly), toks[0].Start
	return e, true
}

// tableRow reads a row of a timeline table: the header names the
// columns, body rows are entries.
func (r *timelineReader) tableRow(l *line) {
	cells := tableCells(l.raw)
	switch {
	case l.tableRow == 0:
		r.tableHeader(cells)
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
	ev, when, date := get("event"), get("time"), get("date")
	if who := strings.TrimSpace(get("who")); who != "" && strings.TrimSpace(ev) != "" {
		ev = who + ": " + ev // "| 14:05 | Ana | Acknowledges |": who did it, as evidence entries say
	}
	if _, ok := r.cols["time"]; !ok {
		when, date = date, "" // a single Date column holding date and time
	}
	if strings.TrimSpace(ev+when+date) == "" {
		return // an empty row
	}
	r.tableEntry(l, ev, when, date)
	if _, ok := r.cols["milestone"]; ok {
		r.milestoneColumn = true
	}
	p := &r.pending[len(r.pending)-1]
	if m := strings.ToLower(get("milestone")); slices.Contains(document.Milestones, m) {
		p.mile = m
	}
	p.source, p.link = strings.TrimSpace(get("source")), cellLink(get("link"))
}

// cellLink is the address a Link cell holds: a bare URL, or a Markdown
// link's target; other text as written.
func cellLink(cell string) string {
	c := strings.TrimSpace(cell)
	if m := mdLink().FindStringSubmatch(c); m != nil {
		return m[2]
	}
	return strings.Trim(c, "<>")
}

// tableHeader reads a timeline table's header: which column holds what,
// and a year it gives ("Date (2022)").
func (r *timelineReader) tableHeader(cells []string) {
	r.cols, r.colYear = tableColumns(cells, timelineCols), 0
	if _, ok := r.cols["date"]; !ok {
		if i, ok := r.cols["day"]; ok {
			r.cols["date"] = i // "| Day | Event |" holding dates
		}
	}
	if _, ok := r.cols["event"]; !ok && len(cells) >= 2 {
		if _, ok := r.cols["time"]; ok {
			r.cols["event"] = 1 - min(r.cols["time"], 1)
		}
	}
	for _, k := range []string{"date", "time"} {
		if i, ok := r.cols[k]; ok && i < len(cells) {
			if y := headerYear().FindStringSubmatch(cells[i]); y != nil {
				r.colYear, _ = strconv.Atoi(y[1])
			}
		}
	}
}

// headerYear is a year in a column's header: "Date (2022)".
var headerYear = pattern(`\b((?:19|20)\d\d)\b`)

// tableEntry reads a row's time, date and event: a clock with the row's
// date, a date alone, or an offset from the row before ("[+2 hrs]").
func (r *timelineReader) tableEntry(l *line, ev, when, date string) {
	year := r.set.year()
	if r.colYear != 0 {
		year = r.colYear
	}
	var day time.Time
	if date != "" {
		day, _, _ = findDate(timeparse.Lex(date), year)
	}
	cell := when + " - x"
	if e, ok := parseEntry(cell, timeparse.Lex(cell)); ok {
		e.text = ev
		if !day.IsZero() && e.date == "" {
			e.date = day.Format(time.DateOnly)
		} else if e.date != "" && r.colYear != 0 {
			if d, _, ok := findDate(timeparse.Lex(e.date), year); ok {
				e.date = d.Format(time.DateOnly)
			}
		}
		r.add(l, e, true, l.col)
		return
	}
	if off, days, ok := relativeOffset(when); ok {
		r.addRelative(l, when, ev, off, days)
		return
	}
	raw := strings.TrimSpace(date + " " + when)
	if d, _, ok := findDate(timeparse.Lex(when), year); ok && day.IsZero() {
		day = d
	}
	r.addDay(l, day, raw, ev, l.col)
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
				if !r.curDate.IsZero() {
					r.curDate = d // the day of the lines below it, too
				}
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
	r.sinceDate++
}

// addDay appends an entry with no clock time: on day when it is known
// (a date-only entry; raw is its date as written, "" when a date line
// above gives it), else with no time at all.
func (r *timelineReader) addDay(l *line, day time.Time, raw, text string, col int) {
	r.add(l, entryLine{text: text}, false, col)
	if p := &r.pending[len(r.pending)-1]; !day.IsZero() {
		p.date, p.dateSaid, p.dateOnly, p.RawTime = day, true, true, raw
	}
}

// addRelative appends an entry whose time is an offset from the last
// entry with a time of its own ("[+2 hrs]"), or days later ("+2
// Business Days Later", a date-only entry).
func (r *timelineReader) addRelative(l *line, when, text string, off time.Duration, days int) {
	r.add(l, entryLine{text: text}, false, l.col)
	p := &r.pending[len(r.pending)-1]
	p.RawTime, p.relative, p.offset, p.businessDays = strings.TrimSpace(when), true, off, days
}
