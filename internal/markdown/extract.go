package markdown

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/fold"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// The extraction stage: each section's body read into the document's
// fields (prose, the impact, metadata headings), its action items
// (actions.go) and its timeline entries (timeline.go), whose times the
// resolution stage places.

// extraction is the stage's result: the timeline entries, in order.
type extraction struct {
	pending []pendingEntry
	// milestoneColumn: the timeline is a table that states milestones,
	// which are then not inferred.
	milestoneColumn bool
}

// bodyLine is a content line of a section body.
type bodyLine struct {
	*line
	text string // what goes into the document for this line
}

// extractor holds what the extraction reads from the earlier stages.
type extractor struct {
	lines []line
	lo    *leftovers
	st    *structure
	set   *setting
	out   *Report
	// prose holds the prose found for each kind of section, in order;
	// each kind's parts are joined at the end.
	prose map[string][]string
	// unread are the lines of the action items section being read that
	// no item took (a lead-in, a remark, a table of something else).
	unread []bodyLine
}

func extract(lines []line, lo *leftovers, st *structure, set *setting, out *Report) *extraction {
	x := &extractor{lines: lines, lo: lo, st: st, set: set, out: out, prose: map[string][]string{}}
	tl := &timelineReader{set: set}
	var seen []string // the kinds already filled
	hasCause := slices.ContainsFunc(st.secs, func(s *sec) bool { return s.is("root_cause") })
	for _, s := range st.secs {
		lines := x.body(s)
		switch {
		case s.meta != "":
			x.readMetaSection(s, lines)
		case len(s.Kinds) == 0 && !hasCause && x.causeSection(s, lines):
			seen, hasCause = append(seen, "root_cause"), true
		case len(s.Kinds) == 0:
			x.otherSection(s, lines)
		case x.section(s, lines, tl, seen):
			for _, k := range s.Kinds {
				if !slices.Contains(seen, k) {
					seen = append(seen, k)
				}
			}
		}
	}
	if !slices.Contains(seen, "timeline") {
		x.listTimeline(tl)
	}
	if !slices.Contains(seen, "action_items") {
		x.promisedActions()
	}
	for kind, texts := range x.prose {
		*proseField(out.Doc, kind) = strings.Join(texts, "\n\n")
	}
	x.leadSummary()
	x.wholeSummary()
	return &extraction{pending: tl.pending, milestoneColumn: tl.milestoneColumn}
}

// section reads a section the format knows; seen lists the kinds filled
// before it. A prose section with nothing in it fills nothing: it
// returns false.
func (x *extractor) section(s *sec, lines []bodyLine, tl *timelineReader, seen []string) bool {
	for _, k := range s.Kinds {
		if !slices.Contains(seen, k) {
			x.out.set(k, s.Line, s.Col)
		}
	}
	switch primary := s.Kinds[0]; primary {
	case "timeline":
		before := len(tl.pending)
		tl.readTimeline(lines)
		if len(tl.pending) == before {
			x.htmlTimeline(s)
		}
		x.keepTimelineText(tl.unread, len(tl.pending) > before)
	case "action_items":
		x.unread = nil
		x.readActions(s.Heading, s.Level > 0, lines)
		if pos, ok := x.keepNotes(actionNotes, x.unread); ok {
			x.out.note(pos.Line, pos.Col, "text in the action items that is no item is kept as the section %q", actionNotes)
		}
	case "impact":
		x.readImpact(lines)
	default:
		text, pos := prose(lines)
		if text == "" {
			return false
		}
		if pos.Line > 0 && !slices.Contains(seen, primary) {
			x.out.set(primary, pos.Line, pos.Col)
		}
		x.prose[primary] = append(x.prose[primary], text)
	}
	return true
}

// keepTimelineText keeps the text of a timeline section that no entry
// took (a lead-in, a closing remark, a timeline told in prose) as the
// section "Timeline notes"; a note says so. When the section gave no
// entry at all and its text writes times, those are entries in a form
// import missed: a warning says so.
func (x *extractor) keepTimelineText(unread []bodyLine, entries bool) {
	pos, ok := x.keepNotes(timelineNotes, unread)
	switch {
	case !ok:
	case !entries && slices.ContainsFunc(unread, writesTime):
		x.out.diag(pos.Line, pos.Col, "the timeline has no entry import can read (write one a line, starting with its time: \"- 14:02 - text\"); its text is kept as the section %q", timelineNotes)
	default:
		x.out.note(pos.Line, pos.Col, "text in the timeline that is no entry is kept as the section %q", timelineNotes)
	}
}

// The sections that keep the text of a timeline or an action items
// section that is no entry or item, so that nothing the author wrote is
// lost (no section's name: render then import keeps them apart).
const (
	timelineNotes = "Timeline notes"
	actionNotes   = "Action item notes"
)

// keepNotes adds the text of unread lines as a section of its own, named
// heading, and returns where the text starts; false when there is none.
func (x *extractor) keepNotes(heading string, unread []bodyLine) (Position, bool) {
	text, pos := prose(unread)
	if text == "" {
		return pos, false
	}
	x.addSection(heading, text, pos)
	return pos, true
}

// addSection adds a section the format does not name to the document,
// written at pos.
func (x *extractor) addSection(heading, text string, pos Position) {
	doc := x.out.Doc
	doc.Sections = append(doc.Sections, document.Section{Heading: heading, Body: text})
	x.out.set("sections."+strconv.Itoa(len(doc.Sections)-1), pos.Line, pos.Col)
}

// withUnread is unread with bl after it, and a blank line between them
// when bl starts another paragraph (not for the next item of a list, nor
// the next line of a code block).
// An empty quote line is no text.
func withUnread(unread []bodyLine, bl bodyLine) []bodyLine {
	if strings.Trim(bl.text, "> ") == "" {
		return unread
	}
	if n := len(unread); n > 0 {
		prev := unread[n-1]
		sameList := prev.item && bl.item && prev.listID == bl.listID
		sameFence := prev.delim && bl.kind == kCode || prev.kind == kCode && (bl.delim || bl.kind == kCode)
		if prev.block != bl.block && !sameList && !sameFence || prev.delim && bl.delim {
			unread = append(unread, bodyLine{line: bl.line})
		}
	}
	return append(unread, bl)
}

// writesTime reports whether a line holds a clock time.
func writesTime(l bodyLine) bool {
	return l.line != nil && slices.ContainsFunc(l.tokens, func(t timeparse.Token) bool {
		return t.Kind == timeparse.Clock || t.Kind == timeparse.DateTime
	})
}

// htmlTimeline warns about a timeline written as an HTML table or list,
// which import does not read: without the warning its entries would be
// lost without a word.
func (x *extractor) htmlTimeline(s *sec) {
	for n := s.first; n <= s.last && n <= len(x.lines); n++ {
		if l := &x.lines[n-1]; l.kind == kHTML && (strings.Contains(l.text, "<td") || strings.Contains(l.text, "<li")) {
			x.out.diag(l.n, l.col, "the timeline is written in HTML, which import does not read; write its entries as a Markdown list or table")
			return
		}
	}
}

// listTimeline reads, in a report with no timeline section, the first
// list whose items all start with a time (two at least) as its timeline:
// "### What happened" over "- 10.42: the application became
// unavailable". The section it is in counts as a timeline too.
func (x *extractor) listTimeline(tl *timelineReader) {
	for _, s := range x.st.secs {
		if s.meta != "" || s.is("action_items") {
			continue
		}
		if list := timedList(x.body(s)); list != nil {
			tl.readTimeline(list)
			for i := range x.out.Sections {
				if sec := &x.out.Sections[i]; sec.Line == s.Line && !slices.Contains(sec.Kinds, "timeline") {
					sec.Kinds = append(sec.Kinds, "timeline")
				}
			}
			x.out.set("timeline", list[0].n, list[0].col)
			return
		}
	}
}

// promise is a lead-in that commits to the list after it: "Going
// forward, we will do the following in an effort to avoid similar
// issues:".
var promise = pattern(`(?i)\b(?:we will|we'll|we’ll|we plan to|we are going to|going forward|next steps?)\b[^.]*:\s*$`)

// promisedActions reads, in a report with no action items section, the
// lists a lead-in commits to ("we will do the following:") as its
// action items; the text stays in its section too.
func (x *extractor) promisedActions() {
	for _, s := range x.st.secs {
		if s.meta != "" || s.is("timeline") {
			continue
		}
		lines := x.body(s)
		for i := 0; i+1 < len(lines); i++ {
			l := lines[i]
			if l.item || l.kind != kText || !promise().MatchString(l.line.text) {
				continue
			}
			j := i + 1
			for j < len(lines) && lines[j].text == "" {
				j++
			}
			if j < len(lines) && lines[j].item {
				x.readActionGroup(nil, listAt(lines, j))
			}
		}
	}
}

// listAt is the lines of the list whose first item is lines[i].
func listAt(lines []bodyLine, i int) []bodyLine {
	id, depth := lines[i].listID, lines[i].depth
	j := i
	for j < len(lines) && (lines[j].text == "" || lines[j].listID == id || lines[j].depth > depth) {
		j++
	}
	return lines[i:j]
}

// timedList is the lines of the first list in lines whose top-level
// items all start with a time, nil if there is none.
func timedList(lines []bodyLine) []bodyLine {
	for i := 0; i < len(lines); {
		if !lines[i].item || lines[i].kind != kText {
			i++
			continue
		}
		list := listAt(lines, i)
		items, timed := 0, 0
		for _, l := range list {
			if l.item && l.listID == lines[i].listID {
				items++
				if l.entry != nil {
					timed++
				}
			}
		}
		if items >= 2 && timed == items {
			return list
		}
		i += max(len(list), 1)
	}
	return nil
}

var (
	// causeHeadings are generic headings that hold a report's root cause
	// when it has no section named for one and their text opens by
	// stating a cause ("## Conclusion" over "This was caused by ...").
	causeHeadings = []string{"conclusion", "conclusions", "analysis", "discussion", "findings"}
	causeWords    = pattern(`(?i)\b(?:(?:was|were) caused by|root cause|(?:was|were) due to)\b`)
)

// causeSection reads, in a report with no root cause section, a generic
// section whose opening states a cause as the root cause; it reports
// whether it did.
func (x *extractor) causeSection(s *sec, lines []bodyLine) bool {
	if !slices.Contains(causeHeadings, normHeading(s.Heading)) {
		return false
	}
	text, pos := prose(lines)
	if !causeWords().MatchString(text[:min(len(text), 200)]) {
		return false
	}
	x.prose["root_cause"] = append(x.prose["root_cause"], text)
	x.out.set("root_cause", pos.Line, pos.Col)
	return true
}

// otherSection keeps a section the format does not know in
// Doc.Sections, except "Metrics", which the renderer computes.
func (x *extractor) otherSection(s *sec, lines []bodyLine) {
	if normHeading(s.Heading) == "metrics" {
		return
	}
	text, _ := prose(lines)
	x.addSection(s.Heading, text, s.Position)
}

// leadSummary: text before the first section (after the title) is the
// summary of a report that has no summary section (a blog-style
// introduction). In a report that has one, the lead is often a note to
// readers or fields no label names ("Owners: ana"): it is kept as a
// section of its own, "Preamble" (no section's name, so that render then
// import keeps it apart), and the summary stays the author's.
func (x *extractor) leadSummary() {
	secs := x.st.secs
	if len(secs) == 0 {
		return
	}
	var lines []bodyLine
	for i := range x.lines[:secs[0].headLine-1] {
		l := &x.lines[i]
		if l.n == x.st.titleLine || x.lo.dropped(i) || x.st.meta[i] || l.kind == kUnder || l.kind == kHTML || l.kind == kRule || l.kind == kHeading || l.kind == kTable {
			continue
		}
		if len(l.text) < 80 && zoneLineIn(l.tokens) != nil {
			continue
		}
		lines = append(lines, bodyLine{l, strings.TrimSpace(l.raw)})
	}
	text, pos := prose(lines)
	switch {
	case text == "":
	case slices.ContainsFunc(secs, func(s *sec) bool { return s.is("summary") }):
		x.addSection("Preamble", text, pos)
	default:
		x.out.Doc.Summary = text
		x.out.set("summary", pos.Line, pos.Col)
	}
}

// wholeSummary: a report with no sections at all is read as its summary.
func (x *extractor) wholeSummary() {
	if len(x.st.secs) > 0 {
		return
	}
	var lines []bodyLine
	for i := range x.lines {
		l := &x.lines[i]
		if l.n == x.st.titleLine || x.lo.dropped(i) || x.st.meta[i] || l.kind == kUnder || l.kind == kHTML {
			continue
		}
		lines = append(lines, bodyLine{l, strings.TrimRight(l.raw, " \t")})
	}
	if text, pos := prose(lines); text != "" {
		x.out.Doc.Summary = text
		x.out.set("summary", pos.Line, pos.Col)
		x.out.diag(pos.Line, pos.Col, "no sections found (no headings or labels such as \"Summary:\"); the whole text is imported as the summary")
	}
}

// body returns a section's content lines: leftovers, comments, metadata
// and fence delimiters removed; a label's same-line text first.
func (x *extractor) body(s *sec) []bodyLine {
	var out []bodyLine
	if s.rest != "" {
		// the label's own line holds only the text after the label
		l := x.lines[s.headLine-1]
		l.text, l.tokens, l.entry = s.rest, timeparse.Lex(s.rest), nil
		if e, ok := parseEntry(s.rest, l.tokens); ok {
			l.entry = &e
		}
		out = append(out, bodyLine{&l, s.rest})
	}
	for n := s.first; n <= s.last && n <= len(x.lines); n++ {
		i := n - 1
		l := &x.lines[i]
		if x.lo.dropped(i) || x.st.meta[i] || l.kind == kUnder && !l.delim || l.kind == kHTML {
			continue
		}
		raw := strings.TrimRight(l.raw, " \t")
		if l.kind == kText && l.depth == 0 && l.quote == 0 {
			// a paragraph's indentation means nothing in Markdown
			raw = strings.TrimLeft(raw, " \t")
		}
		if l.kind != kCode && strings.Contains(raw, "{") {
			raw = stripPlaceholders(raw)
		}
		if l.kind == kBlank || strings.TrimSpace(raw) == "" {
			raw = ""
		}
		out = append(out, bodyLine{l, raw})
	}
	return withoutClosingBreak(out)
}

// withoutClosingBreak drops a thematic break that closes a section body
// (with the blank lines around it): it separates the section from the
// next one ("---" before every "##"), it is not the section's content.
func withoutClosingBreak(lines []bodyLine) []bodyLine {
	for end := len(lines); end > 0; end-- {
		switch l := lines[end-1]; {
		case l.kind == kRule:
			lines = lines[:end-1]
		case l.text != "":
			return lines
		}
	}
	return lines
}

var blockEscape = pattern(`^( {0,3})\\(#{1,6}(?:[ \t]|$)|[=-]+[ \t]*$|<!--)`)

// prose joins body lines into Markdown text: blank runs collapsed to one,
// ends trimmed, the renderer's structural escapes undone.
func prose(lines []bodyLine) (string, Position) {
	var b []string
	var pos Position
	blank := false
	for _, l := range lines {
		if l.text == "" {
			blank = len(b) > 0
			continue
		}
		if pos.Line == 0 {
			pos = Position{l.n, l.col}
		}
		if blank {
			b = append(b, "")
			blank = false
		}
		t := l.text
		if l.fence != "" && l.fence != "open:" {
			// content of a ```md wrapper keeps its own indentation only
			t = strings.TrimRight(t, " \t")
		}
		if strings.IndexByte(t, '\\') >= 0 { // every escape blockEscape undoes is a backslash
			t = blockEscape().ReplaceAllString(t, "$1$2")
		}
		b = append(b, t)
	}
	// YAML cannot start a literal block with a space; Markdown ignores it
	return strings.TrimLeft(strings.Join(b, "\n"), " \t"), pos
}

func proseField(doc *document.Document, kind string) *string {
	switch kind {
	case "summary":
		return &doc.Summary
	case "detection":
		return &doc.Detection
	case "response":
		return &doc.Response
	case "root_cause":
		return &doc.RootCause
	case "resolution":
		return &doc.Resolution
	case "prevention":
		return &doc.Prevention
	}
	var sink string
	return &sink
}

// paragraphs splits body lines at blank lines.
func paragraphs(lines []bodyLine) [][]bodyLine {
	var out [][]bodyLine
	start := -1
	for i, l := range lines {
		if l.text == "" {
			if start >= 0 {
				out = append(out, lines[start:i:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, lines[start:len(lines):len(lines)])
	}
	return out
}

// ------------------------------------------------------------------ impact

var (
	impactLead  = pattern(`^For (.+?) between (\d{2}:\d{2}(?::\d{2})?) UTC and (\d{2}:\d{2}(?::\d{2})?) UTC on (\d{2}/\d{2}/\d{2}), ((?s).+)$`)
	impactLead2 = pattern(`^For (.+?) between (\d{2}:\d{2}(?::\d{2})?) UTC on (\d{2}/\d{2}/\d{2}) and (\d{2}:\d{2}(?::\d{2})?) UTC on (\d{2}/\d{2}/\d{2}), ((?s).+)$`)
	impactBare  = pattern(`^The impact lasted (.+?), between (\d{2}:\d{2}(?::\d{2})?) UTC and (\d{2}:\d{2}(?::\d{2})?) UTC on (\d{2}/\d{2}/\d{2})\.$`)
	impactBare2 = pattern(`^The impact lasted (.+?), between (\d{2}:\d{2}(?::\d{2})?) UTC on (\d{2}/\d{2}/\d{2}) and (\d{2}:\d{2}(?::\d{2})?) UTC on (\d{2}/\d{2}/\d{2})\.$`)
	submitted   = pattern(`(?i)^(?:(\d+) support tickets?)?(?: and )?(?:(\d+) social media posts?)? (?:were|was) submitted\.?$`)
)

// readImpact reads the renderer's sentences back into fields (the
// window, who was affected, tickets and posts); the rest is the
// description.
func (x *extractor) readImpact(lines []bodyLine) {
	doc := x.out.Doc
	var desc []string
	for _, p := range paragraphs(lines) {
		parts := make([]string, len(p))
		for i, l := range p {
			parts[i] = l.text
		}
		flat := strings.Join(strings.Fields(strings.Join(parts, "\n")), " ")
		l0 := p[0]
		if start, end, rest, ok := x.impactWindow(flat); ok && doc.Impact.Start == "" {
			doc.Impact.Start, doc.Impact.End = start, end
			x.out.set("impact.start", l0.n, l0.col)
			x.out.set("impact.end", l0.n, l0.col)
			if rest != "" {
				desc = append(desc, rest)
			}
			continue
		}
		if rest, ok := strings.CutPrefix(flat, "This incident affected "); ok && rest != "" && doc.Impact.Affected == "" {
			doc.Impact.Affected = strings.TrimSuffix(rest, ".")
			x.out.set("impact.affected", l0.n, l0.col)
			continue
		}
		if !fold.Contains(flat, "submitted") {
			// not the renderer's ticket sentence
		} else if m := submitted().FindStringSubmatch(flat); m != nil && (m[1] != "" || m[2] != "") {
			x.counts(m[1], m[2], l0.line)
			continue
		}
		if len(desc) == 0 {
			x.out.set("impact.description", l0.n, l0.col)
		}
		t, _ := prose(p)
		desc = append(desc, t)
	}
	if len(desc) > 0 {
		// a second impact section adds to the first: both are kept
		doc.Impact.Description = strings.TrimSpace(doc.Impact.Description + "\n\n" + strings.Join(desc, "\n\n"))
	}
}

// counts sets the support tickets and social media posts an impact
// sentence gives.
func (x *extractor) counts(tickets, posts string, l *line) {
	if tickets != "" {
		n, _ := strconv.Atoi(tickets)
		x.out.Doc.Impact.SupportTickets = &n
		x.out.set("impact.support_tickets", l.n, l.col)
	}
	if posts != "" {
		n, _ := strconv.Atoi(posts)
		x.out.Doc.Impact.SocialMediaPosts = &n
		x.out.set("impact.social_media_posts", l.n, l.col)
	}
}

// impactWindow reads the renderer's impact lead. It only takes the window
// apart when the stated duration is exactly the window's, so that a
// hand-written sentence that contradicts itself stays prose.
func (x *extractor) impactWindow(s string) (start, end, rest string, ok bool) {
	if !strings.Contains(s, " UTC") || !strings.Contains(s, "/") {
		return "", "", "", false // the patterns' own words
	}
	var dur, a, b, da, db string
	if m := impactLead().FindStringSubmatch(s); m != nil {
		dur, a, b, da, db, rest = m[1], m[2], m[3], m[4], m[4], m[5]
	} else if m := impactLead2().FindStringSubmatch(s); m != nil {
		dur, a, da, b, db, rest = m[1], m[2], m[3], m[4], m[5], m[6]
	} else if m := impactBare().FindStringSubmatch(s); m != nil {
		dur, a, b, da, db = m[1], m[2], m[3], m[4], m[4]
	} else if m := impactBare2().FindStringSubmatch(s); m != nil {
		dur, a, da, b, db = m[1], m[2], m[3], m[4], m[5]
	} else {
		return "", "", "", false
	}
	ta, err1 := parseWindowEnd(da, a)
	tb, err2 := parseWindowEnd(db, b)
	if err1 != nil || err2 != nil || tb.Before(ta) || timeparse.FormatDuration(tb.Sub(ta)) != dur {
		return "", "", "", false
	}
	return x.windowEnd(ta, a), x.windowEnd(tb, b), strings.TrimSpace(rest), true
}

// parseWindowEnd reads an end of the renderer's window: MM/DD/YY and a
// UTC clock.
func parseWindowEnd(d, clock string) (time.Time, error) {
	if len(clock) > 5 {
		return time.Parse("01/02/06 15:04:05", d+" "+clock)
	}
	return time.Parse("01/02/06 15:04", d+" "+clock)
}

// windowEnd writes an end of the impact window the way the document
// stores it: a clock on the report's date, else with its date, and with
// "UTC" when the report's times are in another zone.
func (x *extractor) windowEnd(t time.Time, clock string) string {
	if x.set.zone == nil || x.set.zone.IsUTC() {
		if t.Format(time.DateOnly) == x.out.Doc.Date {
			return clock
		}
		return t.Format(time.DateOnly) + " " + clock
	}
	return t.Format(time.DateOnly) + " " + clock + " UTC"
}

// readMetaSection reads a "## Date", "## Authors" or "## Status" heading's
// body into the document's metadata.
func (x *extractor) readMetaSection(s *sec, lines []bodyLine) {
	doc := x.out.Doc
	var vals []string
	var pos Position
	for _, l := range lines {
		if t := strings.TrimSpace(trimBullet(strings.TrimSpace(l.line.text))); t != "" && l.text != "" {
			if pos.Line == 0 {
				pos = Position{l.n, l.col}
			}
			vals = append(vals, t)
		}
	}
	if len(vals) == 0 {
		return
	}
	switch s.meta {
	case "authors":
		for _, v := range vals {
			for _, a := range strings.Split(v, ",") {
				if a = strings.TrimSpace(a); a != "" {
					doc.Authors = append(doc.Authors, a)
				}
			}
		}
		x.out.set("authors", pos.Line, pos.Col)
	case "severity":
		doc.Severity = vals[0]
		x.out.set("severity", pos.Line, pos.Col)
	case "status":
		if st := strings.ToLower(vals[0]); slices.Contains(document.Statuses, st) {
			doc.Status = st
			x.out.set("status", pos.Line, pos.Col)
		} else {
			x.out.diag(pos.Line, pos.Col, "status %q is not one of %s; not imported", vals[0], strings.Join(document.Statuses, ", "))
		}
	}
}
