package markdown

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/fold"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// The structure stage: the title, the metadata lines (Severity, Status,
// Authors, Date) and the sections with the lines of their bodies.

// structure is the stage's result.
type structure struct {
	titleLine int // 1-based, 0 if none
	// meta marks lines read as metadata.
	meta []bool
	// metaDate is a date the metadata gives ("Date: 2024-12-04");
	// frontDate the front matter's date, a publication date.
	metaDate, frontDate time.Time
	// titleTokens are the title's times and dates, lexed once.
	titleTokens []timeparse.Token
	// secs are the sections as found, with the line ranges of their bodies.
	secs []*sec
}

// sec is a section found, with where its body is.
type sec struct {
	Section
	// first, last are the 1-based body lines; rest is text after a label
	// on the label's own line, at restCol.
	first, last int
	rest        string
	restCol     int
	headLine    int
	// meta is "date", "authors", "status" or "severity" for a heading
	// that holds metadata rather than a section (Google's template).
	meta string
	// parent is the section of the heading a label is under: it goes on
	// after the label's section, in a part of its own (contOf), at the
	// next heading, or after the label's paragraph (block) for a label
	// with text after it ("**Action item:** Start incidents earlier."),
	// which is a section of one paragraph; block is -1 for a label
	// alone, whose section runs to the next heading or label.
	block  int
	parent *sec
	// contOf is the section this is the continuation of, after a
	// one-paragraph label in it; nil for a section of its own.
	contOf *sec
}

func (s *sec) is(kind string) bool { return slices.Contains(s.Kinds, kind) }

func readStructure(lines []line, lo *leftovers, out *Report) *structure {
	st := &structure{meta: make([]bool, len(lines))}
	st.titleLine = readTitle(lines, lo, out)
	st.frontDate = readFrontMatter(lines, out) // frontmatter.go
	if out.Title != nil {
		st.titleTokens = timeparse.Lex(out.Title.Text)
	}
	st.metaDate = readMetadata(lines, lo, st.meta, leadEnd(lines, st.titleLine), out)
	readCatalogue(lines, lo, st, out) // catalogue.go
	st.secs = findSections(lines, lo, st)
	out.Sections = sectionsOf(lines, lo, st)
	return st
}

var (
	frontTitle       = pattern(`^title:\s*(.+)$`)
	titleWords       = pattern(`(?i)^(?:incident|post[- ]?mortem|outage|incident report|retrospective|rca)\b`)
	titlePlaceholder = pattern(`(?i)YYYY-MM-DD(?:[ T]HH[-:]mm(?:[-:]ss)?)?`)
)

// readTitle finds the title: front matter's title:, else the first
// heading that names no section, or a first text line that reads as a
// title. It returns the title's line (0 without one).
func readTitle(lines []line, lo *leftovers, out *Report) int {
	for i := range lines {
		l := &lines[i]
		if l.kind != kFront {
			break
		}
		if m := frontTitle().FindStringSubmatch(l.raw); m != nil {
			t := strings.Trim(strings.TrimSpace(m[1]), `"'`)
			out.Title = &Title{Text: t, Position: Position{l.n, 1 + strings.Index(l.raw, m[1])}}
			out.Doc.Title = t
			out.set("title", l.n, out.Title.Col)
			return l.n
		}
	}
	for i := range lines {
		l := &lines[i]
		if lo.dropped(i) || l.kind == kBlank || l.kind == kUnder || l.kind == kRule || l.kind == kFront || l.quote > 0 && l.kind == kText {
			continue // a note quoted above the title does not hide it
		}
		t := strings.TrimSpace(stripEmphasis(l.text))
		switch {
		case l.kind == kHeading && len(classifyHeading(t)) == 0:
		case l.kind == kText && i < 5 && titleWords().MatchString(t) && len(t) < 200:
		default:
			return 0
		}
		lvl := 0
		if l.kind == kHeading {
			lvl = l.level
		}
		out.Title = &Title{Text: t, Position: Position{l.n, l.col}, Level: lvl, Placeholder: titlePlaceholder().MatchString(t)}
		out.set("title", l.n, l.col)
		if out.Title.Placeholder {
			out.Leftovers = append(out.Leftovers, Leftover{Position: Position{l.n, l.col}, EndLine: l.n, Kind: "title", Text: t})
		} else {
			out.Doc.Title = t
		}
		return l.n
	}
	return 0
}

var metaField = pattern(`(?i)(?:^|·|\|)\s*(?:\*\*|__)?\s*(severity|status|authors?|date|incident date|title|incident title|incident name|sev|priority|(?:incident|impact) (?:start|end)(?:ed)?|(?:start|end) time|(?:started|ended|resolved) at)\s*:\s*(?:\*\*|__)?\s*([^·|]*)`)

// startsLikeMetaField is the cheap test before metaField: a metadata
// line starts (past emphasis) with a field's name, and every name
// starts with one of these letters (or a letter outside ASCII that
// folds into one).
func startsLikeMetaField(t string) bool {
	t = strings.TrimLeft(t, "*_ ")
	return t != "" && strings.Contains(t, ":") && (strings.IndexByte("sSaAdDiIpPeErRtT", t[0]) >= 0 || t[0] >= utf8.RuneSelf)
}

// leadEnd is the index of the first heading after the title: the lines
// before it are the report's lead.
func leadEnd(lines []line, titleLine int) int {
	for i := range lines {
		if lines[i].kind == kHeading && lines[i].n != titleLine {
			return i
		}
	}
	return len(lines)
}

// readMetadata reads lines made only of metadata fields ("Severity: 2 ·
// Status: resolved", a two-column table row "| Status | resolved |")
// into the document, marking them in meta; it returns the date they
// give, if any. List items are fields only in the lead, before the
// first heading after the title ("- **Severity:** Major"); in a section
// "- Status: done" belongs to its list.
func readMetadata(lines []line, lo *leftovers, meta []bool, lead int, out *Report) time.Time {
	var date time.Time
	for i := range lines {
		l := &lines[i]
		if lo.dropped(i) || (l.kind != kText && l.kind != kTable) || l.item && i >= lead {
			continue
		}
		t := l.text
		if l.kind == kTable {
			cells := tableCells(l.raw)
			if len(cells) != 2 || l.tableRow == 0 && columnHeader(cells[1]) {
				continue // "| Date | Event |" heads a timeline
			}
			t = strings.TrimSpace(stripEmphasis(cells[0])) + ": " + strings.TrimSpace(cells[1])
		}
		if !startsLikeMetaField(t) {
			continue
		}
		ms := metaField().FindAllStringSubmatch(t, -1)
		if len(ms) == 0 || !strings.HasPrefix(strings.TrimLeft(t, "*_ "), strings.TrimLeft(ms[0][0], "·| *_")[:1]) {
			continue
		}
		// a metadata line is made only of fields
		covered := 0
		for _, m := range ms {
			covered += len(m[0])
		}
		if covered < len(strings.TrimSpace(t))-2 {
			continue
		}
		placedAll := true
		for _, m := range ms {
			d, placed := out.metaField(m[1], m[2], l)
			if !d.IsZero() {
				date = d
			}
			placedAll = placedAll && placed
		}
		// a value the document has no place for ("Status: Closed -
		// awaiting deploy", "End time: ongoing") keeps its line as the
		// report's text
		meta[i] = placedAll
	}
	return date
}

// columnHeader reports whether a table's second header cell names a
// column ("Event", "Value") rather than holding a field's value.
func columnHeader(cell string) bool {
	w := normHeading(cell)
	return w == "value" || slices.Contains(timelineCols["event"], w) || slices.Contains(actionColumns["description"], w)
}

// windowEdge is the impact field a metadata key (folded) states,
// "start" or "end" ("incident start", "resolved at"), "" for others.
func windowEdge(k string) string {
	switch {
	case strings.HasPrefix(k, "incident start"), strings.HasPrefix(k, "impact start"), k == "start time", k == "started at":
		return "start"
	case strings.HasPrefix(k, "incident end"), strings.HasPrefix(k, "impact end"), k == "end time", k == "ended at", k == "resolved at":
		return "end"
	}
	return ""
}

// edgeInstant is the UTC instant a window field's value states (its
// tokens): a date and a time with its zone ("May 3, 2023 9:12 AM PT");
// zero when the value says less, and the line then stays the report's
// text.
func edgeInstant(toks []timeparse.Token) time.Time {
	for _, t := range toks {
		if t.Kind == timeparse.DateTime && t.Err == nil && t.Year != 0 && t.Stamp.Zone != nil && t.Stamp.Zone.Location != nil {
			return time.Date(t.Year, time.Month(t.Month), t.Day, t.Hour, t.Minute, t.Second, 0, t.Stamp.Zone.Location).UTC()
		}
	}
	return time.Time{}
}

// incidentOver are the statuses that say an incident is over.
var incidentOver = []string{"resolved", "closed", "complete", "completed", "done", "fixed", "mitigated", "ended"}

// metaField reads one metadata field into the document. It returns the
// date a date field gives (zero for other fields), and whether the
// document had a place for the value: one it has not (an incident
// status, a window edge that is no instant) stays the report's text.
func (out *Report) metaField(key, value string, l *line) (time.Time, bool) {
	doc := out.Doc
	v := strings.TrimSpace(strings.Trim(strings.TrimSpace(value), "*_"))
	switch k := fold.String(key); k {
	case "severity", "sev", "priority":
		doc.Severity = v
		out.set("severity", l.n, l.col)
	case "status":
		s := strings.ToLower(strings.TrimRight(v, "."))
		if slices.Contains(document.Statuses, s) {
			doc.Status = s
			out.set("status", l.n, l.col)
		}
		// a status that only says the incident is over is implied by
		// the postmortem and recorded by its resolved milestone
		return time.Time{}, slices.Contains(document.Statuses, s) || slices.Contains(incidentOver, s)
	case "authors", "author":
		for _, a := range strings.Split(v, ",") {
			if a = strings.TrimSpace(a); a != "" {
				doc.Authors = append(doc.Authors, a)
			}
		}
		out.set("authors", l.n, l.col)
	case "date", "incident date":
		d, _, _ := findDate(timeparse.Lex(v), 0)
		return d, true
	case "title", "incident title", "incident name":
		// "Title: Checkout outage" in a report with no title heading
		if doc.Title != "" || v == "" {
			return time.Time{}, false
		}
		doc.Title = v
		out.set("title", l.n, l.col)
	default:
		return time.Time{}, out.windowField(windowEdge(k), v, l)
	}
	return time.Time{}, true
}

// windowField sets the impact's start or end (edge) from a metadata
// field ("**Incident start:** May 3, 2023 9:12 AM PT"); it reports
// whether the value was an instant.
func (out *Report) windowField(edge, value string, l *line) bool {
	toks := timeparse.Lex(value)
	at := edgeInstant(toks)
	switch {
	case at.IsZero() && edge != "":
		// a clock time alone is placed on the incident's date once it is
		// known (placeEdgeClocks); the line stays the report's text
		if len(toks) == 1 && toks[0].Kind == timeparse.Clock && toks[0].Err == nil {
			out.edgeClocks = append(out.edgeClocks, edgeClock{edge, toks[0], Position{l.n, l.col}})
		}
		return false
	case at.IsZero():
		return false
	case edge == "start":
		out.Doc.Impact.Start = at.Format(time.RFC3339)
		out.set("impact.start", l.n, l.col)
	case edge == "end":
		out.Doc.Impact.End = at.Format(time.RFC3339)
		out.set("impact.end", l.n, l.col)
	}
	return true
}

// findSections finds the sections: headings, label lines ("Summary:",
// "**Root cause:** text") and, in a report without headings, its own
// Title Case lines.
func findSections(lines []line, lo *leftovers, st *structure) []*sec {
	f := &sectionFinder{lines: lines, lo: lo, st: st}
	f.levels()
	for i := range lines {
		l := &lines[i]
		if lo.dropped(i) || l.n == st.titleLine || st.meta[i] {
			continue
		}
		if c := f.cur; c != nil && c.parent != nil && l.kind != kBlank && (l.kind == kHeading || c.block >= 0 && l.block != c.block) {
			f.resume(l.n)
		}
		switch l.kind {
		case kHeading:
			f.heading(i)
		case kText:
			f.label(i)
		}
	}
	if f.cur != nil {
		f.cur.last = len(lines)
	}
	return f.secs
}

// sectionFinder is findSections' state as it walks the lines.
type sectionFinder struct {
	lines []line
	lo    *leftovers
	st    *structure
	// kinds holds classifyHeading of each heading line (by index).
	kinds map[int][]string
	// sectionLevel is the deepest level a recognised section heading
	// uses, not counting one deeper than the recognised heading before
	// it ("### Planned actions" under "## Remediation"): an unknown
	// heading deeper than that belongs to the section above it ("###
	// What went well" under "## Lessons learned"); one at or above it
	// starts a section of its own (the course template mixes # and ##).
	// A recognised heading deeper than that is a part of the section
	// above it unless nestedOpens says otherwise.
	sectionLevel int
	noHeadings   bool
	cur          *sec
	secs         []*sec
}

func (f *sectionFinder) levels() {
	f.kinds = map[int][]string{}
	f.noHeadings = true
	prev := 0 // the level of the last recognised heading not nested
	for i := range f.lines {
		l := &f.lines[i]
		if l.kind == kHeading && l.n != f.st.titleLine && !f.lo.dropped(i) {
			f.noHeadings = false
			kinds := classifyHeading(l.text)
			f.kinds[i] = kinds
			if len(kinds) == 0 {
				continue
			}
			if prev == 0 || l.level <= prev {
				f.sectionLevel = max(f.sectionLevel, l.level)
				prev = l.level
			}
		}
	}
}

// nestedOpens reports whether a recognised heading deeper than the
// report's section level, under the section being read, starts a
// section of its own ("### Planned actions" under "## Remediation",
// "### Contributing factors" under "## Details of exploit", a timeline
// anywhere), rather than being a part of it: a group of action items
// ("### Prevention" under "## Action items"), a part of a timeline, a
// sub-section of the same kind ("### Business Impact" under "## Impact
// Analysis").
func (f *sectionFinder) nestedOpens(kinds []string) bool {
	cur := f.cur
	switch {
	case cur == nil || len(cur.Kinds) == 0 || slices.Contains(kinds, "timeline"):
		return true
	case cur.is("action_items") || cur.is("timeline"):
		return false
	}
	return !slices.ContainsFunc(kinds, cur.is)
}

func (f *sectionFinder) open(s *sec) {
	if f.cur != nil {
		f.cur.last = s.headLine - 1
	}
	f.cur = s
	f.secs = append(f.secs, s)
}

// resume goes on with the heading's section a one-paragraph label
// interrupted, from line n.
func (f *sectionFinder) resume(n int) {
	p := f.cur.parent
	f.cur.last = n - 1
	c := &sec{Section: p.Section, headLine: n, first: n, meta: p.meta, contOf: p}
	f.cur = c
	f.secs = append(f.secs, c)
}

// inTimeline reports whether the section being read is a timeline.
func (f *sectionFinder) inTimeline() bool { return f.cur != nil && f.cur.is("timeline") }

func (f *sectionFinder) heading(i int) {
	l := &f.lines[i]
	kinds := f.kinds[i]
	if len(kinds) == 0 {
		if d, ok := dateLine(l.text, l.tokens); ok && d.HasDate && f.cur != nil {
			return // a date grouping timeline entries
		}
		if l.entry != nil && f.inTimeline() {
			return // "### 19:34 - Alert fired": an entry written as a heading
		}
		if f.cur != nil && (f.sectionLevel > 0 && l.level > f.sectionLevel || f.sectionLevel == 0 && f.cur.Level > 0 && l.level > f.cur.Level) {
			return // a sub-heading of the section
		}
	} else if f.cur != nil && l.level > f.sectionLevel && l.level > f.cur.Level && !f.nestedOpens(kinds) {
		return // a part of the section above
	}
	s := &sec{Section: Section{Kinds: kinds, Heading: strings.TrimSpace(stripEmphasis(l.text)), Position: Position{l.n, l.col}, Level: l.level}, headLine: l.n, first: l.n + 1}
	if len(kinds) == 0 {
		s.meta = metaHeadings[normHeading(l.text)]
	}
	f.open(s)
}

func (f *sectionFinder) label(i int) {
	ls := f.lines
	l := &ls[i]
	if l.depth > 0 || l.quote > 0 || wordBullet().MatchString(l.text) {
		return
	}
	// a label starts its paragraph, or follows another field line
	// ("**Status:** Resolved" over "**Impact:** Missed attestations")
	first := i == 0 || ls[i-1].block != l.block || ls[i-1].kind != kText || f.st.meta[i-1] || boldField().MatchString(ls[i-1].text)
	kinds, label, rest, ok := labelLine(l.text)
	plain := f.noHeadings && first && rest == ""
	if !ok {
		if plain && f.plainHeading(i) {
			f.open(&sec{Section: Section{Heading: strings.TrimSpace(l.text), Position: Position{l.n, l.col}}, headLine: l.n, first: l.n + 1})
		}
		return
	}
	if !f.isLabel(i, first, plain, label, rest) {
		return
	}
	s := &sec{Section: Section{Kinds: kinds, Heading: label, Position: Position{l.n, l.col}}, headLine: l.n, first: l.n + 1, rest: rest}
	if rest != "" {
		s.restCol = l.col + strings.Index(l.text, rest)
	}
	if h := f.headingSection(); h != nil {
		s.block, s.parent = -1, h
		if rest != "" {
			s.block = l.block
		}
	}
	f.open(s)
}

// headingSection is the section of the heading the line being read is
// under, nil when the report has none above it.
func (f *sectionFinder) headingSection() *sec {
	c := f.cur
	if c != nil && c.parent != nil {
		return c.parent
	}
	if c != nil && c.contOf != nil {
		return c.contOf
	}
	if c != nil && c.Level > 0 {
		return c
	}
	return nil
}

// plainHeading is a plain-text report's own heading at line i: "Lessons
// Learned" on a line of its own above its text.
func (f *sectionFinder) plainHeading(i int) bool {
	ls := f.lines
	return i != f.st.titleLine-1 && looksLikeHeading(ls[i].text) && i+1 < len(ls) && ls[i+1].kind == kText && ls[i+1].block == ls[i].block
}

// isLabel tells a label line that starts a section from prose that
// starts with a section's name.
func (f *sectionFinder) isLabel(i int, first, plain bool, label, rest string) bool {
	ls := f.lines
	l := &ls[i]
	// a bare word on a line inside running prose is not a label unless
	// it ends with a colon or is emphasised or alone
	alone := first && (i+1 >= len(ls) || ls[i+1].block != l.block || ls[i+1].kind != kText)
	marked := strings.Contains(l.text, ":") || strings.HasPrefix(l.text, "*") || strings.HasPrefix(l.text, "_")
	if !marked && !alone && !plain {
		return false
	}
	if !marked {
		// a line of plain words is a label only when it is a section's
		// name, not a phrase ending in one ("Full service degradation
		// timeline" over a chart)
		if _, ok := sectionNames[normHeading(label)]; !ok {
			return false
		}
	}
	// "Fix: raise the pool size" in a list of actions is not a
	// Resolution section: a label with text after it must start its
	// paragraph and be a section name, not an everyday word.
	if rest != "" && (!first || weakLabels[normHeading(label)]) {
		return false
	}
	if f.inTimeline() && l.entry != nil {
		return false
	}
	if h := f.headingSection(); rest == "" && weakLabels[normHeading(label)] && h != nil && len(h.Kinds) > 0 {
		// "**Actions:**" over the steps of a resolution is a part of it
		return false
	}
	return true
}

// boldField is a line that starts with a bold label: "**Status:** x".
var boldField = pattern(`^(?:\*\*[^*]{1,40}(?::\*\*|\*\*\s*:)|__[^_]{1,40}(?::__|__\s*:))`)

// wordBullet starts a list item pasted from a word processor.
var wordBullet = pattern(`^(?:[•◦▪●·]|o\t)`)

// sectionsOf completes the sections' body ranges and returns the ones
// that are content (not metadata headings) for the report.
func sectionsOf(lines []line, lo *leftovers, st *structure) []Section {
	var out []Section
	conts := map[*sec][]*sec{}
	for _, s := range st.secs {
		if s.contOf != nil {
			s.BodyStart, s.BodyEnd, s.Empty = s.first, s.last, true
			for n := s.first; n <= s.last && s.Empty; n++ {
				s.Empty = blankOrDropped(lines, lo, st, n)
			}
			if !s.Empty {
				conts[s.contOf] = append(conts[s.contOf], s)
			}
		}
	}
	for _, s := range st.secs {
		if s.contOf != nil {
			continue
		}
		s.BodyStart, s.BodyEnd = s.first, s.last
		if s.rest != "" {
			s.BodyStart = s.headLine
		}
		// The body spans its non-blank lines, template leftovers included
		// (a linter points at them); Empty says nothing else is there.
		for s.BodyEnd >= s.BodyStart && blankLine(lines, lo, st, s.BodyEnd) {
			s.BodyEnd--
		}
		for s.BodyStart <= s.BodyEnd && blankLine(lines, lo, st, s.BodyStart) && !(s.rest != "" && s.BodyStart == s.headLine) {
			s.BodyStart++
		}
		if s.meta != "" {
			continue
		}
		s.Empty = s.rest == ""
		for n := max(s.BodyStart, s.first); n <= s.BodyEnd && s.Empty; n++ {
			if !blankOrDropped(lines, lo, st, n) {
				s.Empty = false
			}
		}
		for _, c := range conts[s] {
			// the section goes on after a one-paragraph label in it
			s.BodyEnd, s.Empty = max(s.BodyEnd, c.last), false
			for s.BodyEnd > c.first && blankLine(lines, lo, st, s.BodyEnd) {
				s.BodyEnd--
			}
		}
		out = append(out, s.Section)
	}
	return out
}

// blankLine is a line with nothing on it for a reader: blank, a fence
// delimiter, a comment, front matter or metadata.
func blankLine(lines []line, lo *leftovers, st *structure, n int) bool {
	if n < 1 || n > len(lines) {
		return true
	}
	l := &lines[n-1]
	return l.kind == kBlank || l.kind == kUnder || lo.drop[n-1] == "comment" || st.meta[n-1] || strings.TrimSpace(l.raw) == ""
}

// blankOrDropped is blankLine or template text.
func blankOrDropped(lines []line, lo *leftovers, st *structure, n int) bool {
	return blankLine(lines, lo, st, n) || lo.dropped(n-1)
}
