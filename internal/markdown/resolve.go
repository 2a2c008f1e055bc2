package markdown

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

var timelineCols = map[string][]string{
	"time":      {"time", "timestamp", "when", "time utc", "date time", "datetime"},
	"date":      {"date", "day"},
	"event":     {"event", "events", "description", "what", "what happened", "action", "details", "update", "activity"},
	"milestone": {"milestone", "phase", "stage"},
}

func (im *importer) readTimeline(lines []bodyLine) {
	var curDate time.Time
	var cols map[string]int
	firstPending := len(im.pending)
	itemDepth := 0
	lastBlock := -1
	year := im.date.Year()
	if im.date.IsZero() {
		year = 0
	}
	add := func(l *line, e entryLine, hasTime bool, col int) {
		p := pendingEntry{Entry: Entry{Position: Position{l.n, col}, Text: e.text}, e: e}
		if hasTime {
			p.RawTime = e.clock
			if e.date != "" {
				p.RawTime = e.date + " " + e.clock
				if d, _, ok := findDate(e.date, year); ok {
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
		if !p.dateSaid && !curDate.IsZero() {
			p.date, p.dateSaid = curDate, true
		}
		if im.pending == nil {
			im.pending = im.sc.pending[:0] // a pooled array, cleared
			if cap(im.pending) < len(lines) {
				im.pending = make([]pendingEntry, 0, len(lines)) // at most one a line
			}
		}
		im.pending = append(im.pending, p)
		lastBlock = l.block
	}
	for _, bl := range lines {
		l := bl.line
		t := strings.TrimSpace(l.text)
		if l.kind == kCode {
			// a timeline set in a plain code block for alignment
			if f := l.fence; f == "code:" || f == "code:text" || f == "code:txt" || f == "code:plain" {
				if e, ok := im.parseEntryAt(l.n-1, t); ok && e.text != "" {
					add(l, e, true, l.col+utf8.RuneCountInString(t[:max(0, indexDigit(t))]))
				}
			}
			continue
		}
		if t == "" || l.kind == kRule {
			continue
		}
		if l.kind == kTable {
			cells := tableCells(l.raw)
			switch {
			case l.tableRow == 0:
				cols = tableColumns(cells, timelineCols)
				if _, ok := cols["event"]; !ok && len(cells) >= 2 {
					if _, ok := cols["time"]; ok {
						cols["event"] = 1 - min(cols["time"], 1)
					}
				}
			case l.tableRow == 1 || cols == nil:
			default:
				get := func(k string) string {
					if i, ok := cols[k]; ok && i < len(cells) {
						return unescapeCell(cells[i])
					}
					return ""
				}
				ev := get("event")
				when := get("time")
				if _, ok := cols["time"]; !ok {
					when = get("date") // a single Date column holding date and time
				} else if d := get("date"); d != "" {
					if dd, _, ok := findDate(d, year); ok {
						when = dd.Format(time.DateOnly) + " " + when
					}
				}
				e, ok := parseEntry(when + " - x")
				e.text = ev
				if !ok {
					e = entryLine{text: ev}
				}
				add(l, e, ok, l.col)
				if _, ok := cols["milestone"]; ok {
					im.milestoneColumn = true
				}
				if m := strings.ToLower(get("milestone")); slices.Contains(document.Milestones, m) {
					im.pending[len(im.pending)-1].mile = m
				}
			}
			continue
		}
		if d, ok := dateLine(t, year); ok {
			curDate = d
			continue
		}
		e, ok := im.parseEntryAt(l.n-1, t)
		if l.kind == kHeading && !ok {
			continue
		}
		if !ok {
			// "2024-12-05: 00:10 - text" and other inline dates
			if d, at, dok := findDate(t, year); dok && at == 0 {
				rest := strings.TrimLeft(t[len(dateText(t)):], " ,:-–—T")
				if e2, ok2 := parseEntry(rest); ok2 {
					e, ok = e2, true
					e.date = d.Format(time.DateOnly)
				}
			}
		}
		if ok {
			if l.item && itemDepth == 0 {
				itemDepth = l.depth
			}
			col := l.col + utf8.RuneCountInString(t[:max(0, indexDigit(t))])
			add(l, e, true, col)
			continue
		}
		if len(t) < 80 {
			isZone := false
			if len(t) == len(l.text) { // t is the line's text: its answer is kept
				isZone = im.isZoneLine(l.n - 1)
			} else {
				_, _, isZone = findZone(t)
			}
			if isZone {
				continue
			}
		}
		bullet := bulletPrefix.MatchString(t) && !strings.HasPrefix(t, "-") && !strings.HasPrefix(t, "*")
		switch {
		case l.item && (itemDepth == 0 || l.depth <= itemDepth):
			if itemDepth == 0 {
				itemDepth = l.depth
			}
			add(l, entryLine{text: strings.TrimSpace(trimBullet(t))}, false, l.col)
		case bullet && l.depth == 0:
			add(l, entryLine{text: strings.TrimSpace(trimBullet(t))}, false, l.col)
		case len(im.pending) > 0 && (l.block == lastBlock || im.pending[len(im.pending)-1].Text == "" && len(im.pending[len(im.pending)-1].more) == 0 || l.depth > itemDepth && itemDepth > 0):
			last := &im.pending[len(im.pending)-1]
			last.more = append(last.more, strings.TrimSpace(trimBullet(t)))
			lastBlock = l.block
		}
	}
	// continuation lines join their entry (kept apart until now so that a
	// long wrapped entry costs linear time)
	for i := firstPending; i < len(im.pending); i++ {
		if p := &im.pending[i]; len(p.more) > 0 {
			p.Text = strings.TrimSpace(p.Text + " " + strings.Join(p.more, " "))
			p.more = nil
		}
	}
}

func dateText(t string) string {
	for _, re := range []*regexp.Regexp{isoDate, usDate, monthDate, dayMonth} {
		if loc := re.FindStringIndex(t); loc != nil && loc[0] == 0 {
			return t[:loc[1]]
		}
	}
	return ""
}

// resolveTimes places the entries' clock times on dates, in the declared
// zone, and writes them into the document the way it stores times: clock
// times on the document's (local) date, a full date where the day moves,
// as the text says. Where the text does not say, import reports it.
func (im *importer) resolveTimes() {
	doc := im.rep.Doc
	ps := im.pending
	type stamped struct {
		st  timeparse.Stamp
		ok  bool
		err error
	}
	stamps := make([]stamped, len(ps))
	meridiem, twentyFour := false, false
	for i, p := range ps {
		if p.RawTime == "" {
			continue
		}
		in := p.e.clock
		if p.e.zone != "" {
			in += " " + p.e.zone
		}
		st, err := timeparse.Scan(in)
		stamps[i] = stamped{st, err == nil, err}
		if err != nil {
			continue
		}
		if st.Meridiem != "" {
			meridiem = true
		} else if st.Hour >= 13 || (st.Hour < 10 && strings.HasPrefix(p.e.clock, "0")) || st.Hour == 0 {
			twentyFour = true
		}
	}
	// A report that declares a zone and never writes AM/PM is on the
	// 24-hour clock; so is one that writes 13:00 or 05:10.
	assume24h := twentyFour || (!meridiem && (im.zone != nil || im.inferred != nil))

	// Newest-first timelines are turned around, and the report is told.
	var mins []int
	for i := range ps {
		if stamps[i].ok {
			st := stamps[i].st
			v := st.Hour*60 + st.Minute
			if ps[i].dateSaid {
				v += int(ps[i].date.Unix()/60) - int(im.date.Unix()/60)
			}
			mins = append(mins, v)
		}
	}
	up, down := 0, 0
	for i := 1; i < len(mins); i++ {
		if mins[i] > mins[i-1] {
			up++
		} else if mins[i] < mins[i-1] {
			down++
		}
	}
	if len(mins) >= 3 && down >= 2 && up == 0 {
		for a, b := 0, len(ps)-1; a < b; a, b = a+1, b-1 {
			ps[a], ps[b] = ps[b], ps[a]
			stamps[a], stamps[b] = stamps[b], stamps[a]
		}
		im.diag(ps[len(ps)-1].Line, ps[len(ps)-1].Col, "the timeline is written newest first; imported oldest first")
	}

	if im.date.IsZero() {
		for _, p := range ps {
			if p.RawTime != "" && !p.dateSaid {
				im.diag(p.Line, p.Col, "no incident date found (in the title, the file name or the text); clock times cannot be placed in UTC")
				break
			}
		}
	}
	zone := timeparse.UTC
	suffix := "" // a zone written on every time when the report declares none
	if im.zone != nil {
		zone = *im.zone
	} else if im.inferred != nil {
		zone = *im.inferred
		if !zone.IsUTC() {
			suffix = " " + zone.Name
		}
		for _, p := range ps {
			if p.RawTime != "" && p.e.zone == "" {
				im.diag(p.Line, p.Col, "the report does not declare a time zone; times read as %s, the zone the text writes times in (line %d)", zone.Name, im.inferredLine)
				break
			}
		}
	} else if len(ps) > 0 {
		for _, p := range ps {
			if p.RawTime != "" && p.e.zone == "" {
				im.diag(p.Line, p.Col, "the report does not say which time zone its times are in; read as UTC (add \"All times are UTC.\" to say so)")
				break
			}
		}
	}
	if len(ps) > 0 {
		doc.Timeline = slices.Grow(doc.Timeline, len(ps))
		im.rep.Entries = slices.Grow(im.rep.Entries, len(ps))
	}
	day := im.date // the day Resolve will place bare clock times on
	var prev time.Time
	prevIdx := -1
	for i := range ps {
		p := &ps[i]
		ev := document.Event{Event: p.Text, RawTime: p.RawTime, Milestone: p.mile}
		idx := len(doc.Timeline)
		p.Index = idx
		if p.RawTime != "" {
			s := stamps[i]
			switch {
			case !s.ok:
				im.diag(p.Line, p.Col, "cannot read the time %q: %s", p.RawTime, timeReason(s.err))
			default:
				st := s.st
				if st.ShortHour && st.Meridiem == "" && !assume24h {
					h := st.Hour
					if !prev.IsZero() && prev.In(zoneLoc(zone)).Hour()*60+prev.In(zoneLoc(zone)).Minute() > h*60+st.Minute && h+12 < 24 {
						st.Hour = h + 12
						im.diag(p.Line, p.Col, "12-hour time %q without AM or PM; read as %02d:%02d (PM) because the entry before it is later in the day", p.RawTime, st.Hour, st.Minute)
					} else {
						im.diag(p.Line, p.Col, "12-hour time %q without AM or PM; read as %02d:%02d (AM), write AM/PM or a 24-hour time to be sure", p.RawTime, st.Hour, st.Minute)
					}
				}
				date := im.date
				if st.HasDate {
					date = time.Date(st.Year, time.Month(st.Month), st.Day, 0, 0, 0, 0, time.UTC)
				} else if p.dateSaid {
					date = p.date
				}
				clock := clock24(st.Hour, st.Minute, st.Second, st.HasSeconds)
				if date.IsZero() {
					ev.Time = clock
				} else {
					loc := zoneLoc(zone)
					if st.Zone != nil {
						loc = st.Zone.Location
					}
					at := time.Date(date.Year(), date.Month(), date.Day(), st.Hour, st.Minute, st.Second, 0, loc)
					if !prev.IsZero() && at.Before(prev) && !st.HasDate && !p.dateSaid {
						im.diag(p.Line, p.Col, "entry at %s is earlier than the entry before it (line %d) and no date says it is on the next day; it is kept on %s", p.RawTime, ps[prevIdx].Line, date.Format(time.DateOnly))
					}
					if at.After(prev) || prev.IsZero() {
						prev, prevIdx = at, i
					}
					if !date.Equal(day) || day.IsZero() {
						ev.Time = date.Format(time.DateOnly) + " " + clock
						day = date
					} else {
						ev.Time = clock
					}
				}
				if st.Zone != nil {
					ev.Time += " " + st.Zone.Name
				} else {
					ev.Time += suffix
				}
			}
		}
		doc.Timeline = append(doc.Timeline, ev)
		im.rep.Entries = append(im.rep.Entries, p.Entry)
		keys := timelineKeys(idx)
		im.set(keys[0], p.Line, 1)
		im.set(keys[1], p.Line, p.Col)
		im.set(keys[2], p.Line, p.Col)
	}
	if len(ps) > 0 {
		im.set("timeline", ps[0].Line, 1)
	}
}

// timelineKeyCache holds the position paths of the first entries,
// written once: every report sets them.
var timelineKeyCache = func() (out [64][3]string) {
	for i := range out {
		out[i] = timelineKeysOf(i)
	}
	return out
}()

// timelineKeys returns the position paths of timeline entry i: the
// entry, its time and its event.
func timelineKeys(i int) [3]string {
	if i < len(timelineKeyCache) {
		return timelineKeyCache[i]
	}
	return timelineKeysOf(i)
}

func timelineKeysOf(i int) [3]string {
	k := "timeline." + strconv.Itoa(i)
	return [3]string{k, k + ".time", k + ".event"}
}

func zoneLoc(z timeparse.Zone) *time.Location {
	if z.Location == nil {
		return time.UTC
	}
	return z.Location
}

func timeReason(err error) string {
	if te, ok := err.(*timeparse.Error); ok {
		return te.Reason
	}
	return err.Error()
}

// Milestones are inferred from wording, conservatively: the first entry
// whose text clearly says so, in the order incidents happen, and only
// where the entry's time keeps the milestones in order. A report whose
// timeline already names milestones (a table with a Milestone column) is
// left as written.
var milestoneWords = []*milestone{
	newMilestone("started", []string{"first", "impact", "began", "begins", "started", "starts", "outage", "incident", "chaos"},
		[]string{"first", "impact", "began", "begins", "started", "starts", "outage", "incident", "chaos"},
		`\b(first (known )?(user |customer )?(impact|failures?|failed \w+|errors?|timeouts?)\b|impact (began|begins|started|starts)|(began|begins|started|starts) (returning|failing|to fail|throwing|timing out|to return)|outage (began|begins|started|starts)|incident (began|begins|started|starts)|chaos (test |event )?(began|begins|started|starts|initiated|triggered))`, "", ""),
	newMilestone("detected", []string{"alert", "paged", "page", "alarm"},
		[]string{"alert", "was", "were", "team", "engineer", "on-call", "oncall", "i", "we", "page", "alarm"},
		`\b(alerts? (was |were )?(fired|fires|triggered|triggers|firing|went off|sent)|(was|were|team|engineer|on-call|oncall|i|we) paged\b|page (was )?(sent|received)|alarm (fired|triggered)|alert(ed)? (by|from) grafana)`, "", ""),
	newMilestone("acknowledged", []string{"acknowledg", "start", "began", "begins", "came online", "responded"},
		[]string{"acknowledg", "begins", "began", "start", "came", "responded"},
		`\b(acknowledg\w*|(begins|began|starts|started|start) (investigating|to investigate|looking into|(an |the )?investigation)|came online|responded to (the )?(page|alert))`, "", ""),
	newMilestone("mitigated", []string{"mitigat", "restored", "recovered", "normal"},
		[]string{"mitigat", "restored", "service", "system", "traffic", "order", "pizza", "back", "producing", "working", "functioning", "operating", "recovered"},
		`\b(mitigat(ed|es|ion applied)|restored\b|(service|system|traffic|orders?|pizzas?) (is |are |was |were )?recovered|back to normal|(producing|working|functioning|operating) (\w+ )?normally|recovered)`, "", ""),
	// (^|[^\w]) before a word that starts with a letter is \b there, as
	// a test of where a match can start; ^resolved\b applies at 0 only.
	newMilestone("resolved", []string{"resolved", "closed", "over", "ended", "ends"},
		[]string{"incident", "issue", "outage", "problem", "it", "resolved"},
		`(^|[^\w])(incident|issue|outage|problem|it) (is |was |has been |marked )?(fully )?(resolved|closed|over)\b|\bincident (ends|ended)\b|\bresolved$|^resolved\b`,
		`^(?:(incident|issue|outage|problem|it) (is |was |has been |marked )?(fully )?(resolved|closed|over)\b|incident (ends|ended)\b|resolved$)`,
		`^(?:(incident|issue|outage|problem|it) (is |was |has been |marked )?(fully )?(resolved|closed|over)\b|incident (ends|ended)\b|resolved$|resolved\b)`),
}

// A milestone is a pattern for the words that say an entry is one.
type milestone struct {
	name string
	// any is a cheap test: the pattern cannot match text holding none of
	// these (it runs on every timeline entry of every file linted). For
	// "acknowledged" that is the verb before "investigating", not the
	// word "investigate" every other entry holds.
	any []string
	// lead holds what every match starts with, at a \b: the first
	// word of each branch (or a prefix of it).
	lead []string
	re   *regexp.Regexp
	// at and at0 are re anchored where a match starts (at0 at the start
	// of the text, at elsewhere): tried only where a lead word starts,
	// they find what re finds without trying every position.
	at, at0 *regexp.Regexp
	// leadByte marks the first bytes of lead.
	leadByte [256]bool
}

// newMilestone compiles a milestone pattern; a pattern of the form
// \b(...) is anchored by replacing its \b with ^ (its inner \b and $
// look only at the text from the match's start on).
func newMilestone(name string, any, lead []string, pattern, at, at0 string) *milestone {
	if at == "" {
		if !strings.HasPrefix(pattern, `\b(`) || !strings.HasSuffix(pattern, ")") {
			panic("milestone pattern must be \\b(...): " + pattern)
		}
		at, at0 = "^"+pattern[len(`\b`):], "^"+pattern[len(`\b`):]
	}
	m := &milestone{name: name, any: any, lead: lead, re: lowerRegexp(pattern), at: lowerRegexp(at), at0: lowerRegexp(at0)}
	for _, w := range lead {
		m.leadByte[w[0]] = true
	}
	return m
}

// match is m.re.MatchString(s). A match starts at a \b before a word
// character where one of m.lead starts; there m.at (m.at0 at the start)
// says whether m.re matches from that place.
func (m *milestone) match(s string) bool {
	if !containsAnyOf(s, m.any) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !m.leadByte[s[i]] || i > 0 && isASCIIWord(s[i-1]) {
			continue // every lead word starts with a letter: a word byte
		}
		for _, w := range m.lead {
			if strings.HasPrefix(s[i:], w) {
				re := m.at
				if i == 0 {
					re = m.at0
				}
				if re.MatchString(s[i:]) {
					return true
				}
				break // the anchored pattern tried every branch here
			}
		}
	}
	return false
}

// lowerRegexp compiles a pattern written in lower case, matched against
// lower-cased text (cheaper than (?i) on every entry).
func lowerRegexp(p string) *regexp.Regexp {
	if p != strings.ToLower(p) {
		panic("milestone pattern must be lower case: " + p)
	}
	return regexp.MustCompile(p)
}

// lowerEvents returns strings.ToLower(strings.TrimRight(ev.Event, ". "))
// of each event, written into one string: ASCII text is lower-cased a
// byte at a time (all ToLower does to it), other text by ToLower.
func lowerEvents(evs []document.Event) []string {
	n := 0
	for _, ev := range evs {
		n += len(ev.Event)
	}
	buf := make([]byte, 0, n)
	var endBuf [32]int // a timeline's entries: on the stack
	ends := endBuf[:0]
	if len(evs) > len(endBuf) {
		ends = make([]int, 0, len(evs))
	}
	for _, ev := range evs {
		t := ev.Event
		for len(t) > 0 && (t[len(t)-1] == '.' || t[len(t)-1] == ' ') {
			t = t[:len(t)-1] // TrimRight(t, ". ")
		}
		if isASCII(t) {
			for j := 0; j < len(t); j++ {
				buf = append(buf, lowerASCII(t[j]))
			}
		} else {
			buf = append(buf, strings.ToLower(t)...)
		}
		ends = append(ends, len(buf))
	}
	all := string(buf)
	texts := make([]string, len(evs))
	start := 0
	for i, end := range ends {
		texts[i] = all[start:end]
		start = end
	}
	return texts
}

func containsAnyOf(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func (im *importer) inferMilestones() {
	doc := im.rep.Doc
	if im.milestoneColumn {
		return
	}
	r, _ := document.Resolve(doc)
	im.resolved = r
	texts := lowerEvents(doc.Timeline)
	// first is the first entry, not yet taken, that says so; the pattern
	// runs only up to it.
	first := func(mw *milestone, taken []int) (int, bool) {
		for i := range doc.Timeline {
			if !slices.Contains(taken, i) && !r.Times[i].IsZero() && mw.match(texts[i]) {
				return i, true
			}
		}
		return 0, false
	}
	// The ends matter most to the metrics: "resolved" and "started" choose
	// first, so that "back to normal; incident resolved" is the resolution
	// rather than the mitigation. chosen[k] is the entry milestoneWords[k]
	// chose (-1: none); taken lists them (five at most: no maps).
	chosen := make([]int, len(milestoneWords))
	for k := range chosen {
		chosen[k] = -1
	}
	var taken []int
	for _, name := range []string{"resolved", "started", "detected", "acknowledged", "mitigated"} {
		for k, mw := range milestoneWords {
			if mw.name != name {
				continue
			}
			if i, ok := first(mw, taken); ok {
				chosen[k] = i
				taken = append(taken, i)
			}
		}
	}
	// Keep them only in the order incidents happen.
	var last time.Time
	for k, mw := range milestoneWords {
		i := chosen[k]
		if i < 0 {
			continue
		}
		if r.Times[i].Before(last) {
			continue // would put milestones out of order: not inferred
		}
		doc.Timeline[i].Milestone = mw.name
		last = r.Times[i]
	}
}
