package markdown

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// bodyLine is a content line of a section body.
type bodyLine struct {
	*line
	text string // what goes into the document for this line
}

// body returns a section's content lines: leftovers, comments, metadata
// and fence delimiters removed; a label's same-line text first.
func (im *importer) body(s *sec) []bodyLine {
	// One array serves every section in turn: fill reads a body before
	// it asks for the next, and nothing keeps one (entries keep *line).
	n := max(0, min(s.last, len(im.lines))-s.first+2)
	if cap(im.bodyBuf) < n {
		im.bodyBuf = make([]bodyLine, 0, max(n, len(im.lines)+1))
	}
	out := im.bodyBuf[:0]
	if s.rest != "" {
		l := &im.lines[s.headLine-1]
		out = append(out, bodyLine{l, s.rest})
	}
	for n := s.first; n <= s.last && n <= len(im.lines); n++ {
		i := n - 1
		l := &im.lines[i]
		if im.drop[i] != "" || im.meta[i] || l.kind == kUnder && !l.delim || l.kind == kHTML {
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
			out = append(out, bodyLine{l, ""})
			continue
		}
		out = append(out, bodyLine{l, raw})
	}
	return out
}

var blockEscape = regexp.MustCompile(`^( {0,3})\\(#{1,6}(?:[ \t]|$)|[=-]+[ \t]*$|<!--)`)

// unescapeBlock is blockEscape.ReplaceAllString(t, "$1$2"): the pattern
// is anchored and needs a backslash after at most three spaces, so any
// other line is its own answer.
func unescapeBlock(t string) string {
	i := 0
	for i < 3 && i < len(t) && t[i] == ' ' {
		i++
	}
	if i == len(t) || t[i] != '\\' {
		return t
	}
	return blockEscape.ReplaceAllString(t, "$1$2")
}

// prose joins body lines into Markdown text: blank runs collapsed to one,
// ends trimmed, the renderer's structural escapes undone.
func prose(lines []bodyLine) (string, Position) {
	var buf [32]string // most bodies: the parts stay on the stack
	b := buf[:0]
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
		b = append(b, unescapeBlock(t))
	}
	// YAML cannot start a literal block with a space; Markdown ignores it
	return strings.TrimLeft(strings.Join(b, "\n"), " \t"), pos
}

func (im *importer) fill() {
	doc := im.rep.Doc
	// seen holds the kinds already filled; parts the prose of each field,
	// joined at the end (each writes its own field, so the order of the
	// writes does not matter). A report has a dozen sections: lists, not
	// maps.
	var seenBuf [16]string // a report's dozen kinds: no allocation
	seen := seenBuf[:0]
	var parts []proseParts
	defer func() {
		for _, p := range parts {
			if p.texts == nil {
				*proseField(doc, p.kind) = p.first // Join of one text is the text
			} else {
				*proseField(doc, p.kind) = strings.Join(p.texts, "\n\n")
			}
		}
	}()
	for _, s := range im.secs {
		lines := im.body(s)
		if s.meta != "" {
			im.readMetaSection(s, lines)
			continue
		}
		if len(s.kinds) == 0 {
			if normHeading(s.Heading) == "metrics" {
				continue // computed by the renderer, never typed
			}
			text, _ := prose(lines)
			doc.Sections = append(doc.Sections, document.Section{Heading: s.Heading, Body: text})
			im.set("sections."+strconv.Itoa(len(doc.Sections)-1), s.Line, s.Col)
			continue
		}
		primary := s.kinds[0]
		for _, k := range s.kinds {
			if !slices.Contains(seen, k) {
				im.set(k, s.Line, s.Col)
			}
		}
		switch primary {
		case "timeline":
			im.readTimeline(lines)
		case "action_items":
			im.readActions(lines)
		case "impact":
			im.readImpact(lines)
		default:
			text, pos := prose(lines)
			if text == "" {
				continue
			}
			if pos.Line > 0 && !slices.Contains(seen, primary) {
				im.set(primary, pos.Line, pos.Col)
			}
			addProse(&parts, primary, text)
		}
		for _, k := range s.kinds {
			if !slices.Contains(seen, k) {
				seen = append(seen, k)
			}
		}
	}
	// Text before the first section (after the title) is the summary of
	// a report that has no summary section (a blog-style introduction).
	hasSummary := false
	for _, s := range im.secs {
		hasSummary = hasSummary || slices.Contains(s.kinds, "summary")
	}
	if len(im.secs) > 0 && !hasSummary {
		var lines []bodyLine
		for i := range im.lines[:im.secs[0].headLine-1] {
			l := &im.lines[i]
			if l.n == im.titleLine || im.drop[i] != "" || im.meta[i] || l.kind == kUnder || l.kind == kHTML || l.kind == kRule || l.kind == kHeading || l.kind == kTable {
				continue
			}
			if len(l.text) < 80 && im.isZoneLine(i) {
				continue
			}
			lines = append(lines, bodyLine{l, strings.TrimSpace(l.raw)})
		}
		if text, pos := prose(lines); text != "" {
			doc.Summary = text
			im.set("summary", pos.Line, pos.Col)
		}
	}
	// A report with no sections at all is read as its summary.
	if len(im.secs) == 0 {
		var lines []bodyLine
		for i := range im.lines {
			l := &im.lines[i]
			if l.n == im.titleLine || im.drop[i] != "" || im.meta[i] || l.kind == kUnder || l.kind == kHTML {
				continue
			}
			lines = append(lines, bodyLine{l, strings.TrimRight(l.raw, " \t")})
		}
		if text, pos := prose(lines); text != "" {
			doc.Summary = text
			im.set("summary", pos.Line, pos.Col)
			im.diag(pos.Line, pos.Col, "no sections found (no headings or labels such as \"Summary:\"); the whole text is imported as the summary")
		}
	}
}

// proseParts is the prose found for one kind of section, in order.
// Most kinds have one text: first holds it, and texts (first and the
// rest) is made only when a second comes.
type proseParts struct {
	kind  string
	first string
	texts []string
}

func addProse(parts *[]proseParts, kind, text string) {
	for i := range *parts {
		if p := &(*parts)[i]; p.kind == kind {
			if p.texts == nil {
				p.texts = []string{p.first}
			}
			p.texts = append(p.texts, text)
			return
		}
	}
	if *parts == nil {
		*parts = make([]proseParts, 0, 8)
	}
	*parts = append(*parts, proseParts{kind: kind, first: text})
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
// A paragraph is a run of consecutive lines, so it is a slice of lines
// (capped, so that appending to it cannot write over the next line).
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
	impactLead  = regexp.MustCompile(`^For (.+?) between (\d{2}:\d{2}(?::\d{2})?) UTC and (\d{2}:\d{2}(?::\d{2})?) UTC on (\d{2}/\d{2}/\d{2}), ((?s).+)$`)
	impactLead2 = regexp.MustCompile(`^For (.+?) between (\d{2}:\d{2}(?::\d{2})?) UTC on (\d{2}/\d{2}/\d{2}) and (\d{2}:\d{2}(?::\d{2})?) UTC on (\d{2}/\d{2}/\d{2}), ((?s).+)$`)
	impactBare  = regexp.MustCompile(`^The impact lasted (.+?), between (\d{2}:\d{2}(?::\d{2})?) UTC and (\d{2}:\d{2}(?::\d{2})?) UTC on (\d{2}/\d{2}/\d{2})\.$`)
	impactBare2 = regexp.MustCompile(`^The impact lasted (.+?), between (\d{2}:\d{2}(?::\d{2})?) UTC on (\d{2}/\d{2}/\d{2}) and (\d{2}:\d{2}(?::\d{2})?) UTC on (\d{2}/\d{2}/\d{2})\.$`)
	submitted   = regexp.MustCompile(`(?i)^(?:(\d+) support tickets?)?(?: and )?(?:(\d+) social media posts?)? (?:were|was) submitted\.?$`)
)

func (im *importer) readImpact(lines []bodyLine) {
	doc := im.rep.Doc
	var desc []string
	for _, p := range paragraphs(lines) {
		parts := make([]string, len(p))
		for i, l := range p {
			parts[i] = l.text
		}
		text := strings.Join(parts, "\n")
		flat := collapseSpaces(text)
		l0 := p[0]
		if start, end, rest, ok := im.impactWindow(flat); ok && doc.Impact.Start == "" {
			doc.Impact.Start, doc.Impact.End = start, end
			im.set("impact.start", l0.n, l0.col)
			im.set("impact.end", l0.n, l0.col)
			if rest != "" {
				desc = append(desc, rest)
			}
			continue
		}
		// affected: the prefix, then anything ((?s).+) to the end
		if rest, ok := strings.CutPrefix(flat, "This incident affected "); ok && rest != "" && doc.Impact.Affected == "" {
			doc.Impact.Affected = strings.TrimSuffix(rest, ".")
			im.set("impact.affected", l0.n, l0.col)
			continue
		}
		// submitted needs the word "submitted" (in any case; ASCII case
		// folding is all it can use on ASCII text)
		var m []string
		if !isASCII(flat) {
			m = submitted.FindStringSubmatch(flat)
		} else if indexFoldASCII(flat, "submitted") >= 0 {
			m = submittedASCII(flat)
		}
		if m != nil && (m[1] != "" || m[2] != "") {
			if m[1] != "" {
				n, _ := strconv.Atoi(m[1])
				doc.Impact.SupportTickets = &n
				im.set("impact.support_tickets", l0.n, l0.col)
			}
			if m[2] != "" {
				n, _ := strconv.Atoi(m[2])
				doc.Impact.SocialMediaPosts = &n
				im.set("impact.social_media_posts", l0.n, l0.col)
			}
			continue
		}
		if len(desc) == 0 {
			im.set("impact.description", l0.n, l0.col)
		}
		pl := make([]bodyLine, len(p))
		copy(pl, p)
		t, _ := prose(pl)
		desc = append(desc, t)
	}
	doc.Impact.Description = strings.Join(desc, "\n\n")
}

// submittedASCII is submitted.FindStringSubmatch(s) for ASCII s, by
// hand: (?i) folds "k" and "s" onto characters outside ASCII only. The
// optional parts are tried present first, as the pattern prefers; each
// is digits and words, so trying is cheap.
func submittedASCII(s string) []string {
	// count reads "<digits> <noun>" with an optional plural "s"; it
	// returns the ends to go on from, with the "s" first.
	count := func(i int, noun string) (digits string, ends []int) {
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j == i || !hasPrefixFoldASCII(s[j:], noun) {
			return "", nil
		}
		e := j + len(noun)
		if e < len(s) && s[e]|0x20 == 's' {
			return s[i:j], []int{e + 1, e}
		}
		return s[i:j], []int{e}
	}
	tail := func(i int) bool { // " (were|was) submitted\.?$"
		for _, v := range [...]string{" were submitted", " was submitted"} {
			if hasPrefixFoldASCII(s[i:], v) {
				e := i + len(v)
				if e == len(s) || e+1 == len(s) && s[e] == '.' {
					return true
				}
			}
		}
		return false
	}
	afterA := func(i int) (string, bool) { // (?: and )?(?:(\d+) social media posts?)? tail
		for _, and := range [2]bool{true, false} {
			k := i
			if and {
				if !hasPrefixFoldASCII(s[k:], " and ") {
					continue
				}
				k += len(" and ")
			}
			if d, ends := count(k, " social media post"); ends != nil {
				for _, e := range ends {
					if tail(e) {
						return d, true
					}
				}
			}
			if tail(k) {
				return "", true
			}
		}
		return "", false
	}
	if d, ends := count(0, " support ticket"); ends != nil {
		for _, e := range ends {
			if c, ok := afterA(e); ok {
				return []string{s, d, c}
			}
		}
	}
	if c, ok := afterA(0); ok {
		return []string{s, "", c}
	}
	return nil
}

// impactWindow reads the renderer's impact lead. It only takes the window
// apart when the stated duration is exactly the window's, so that a
// hand-written sentence that contradicts itself stays prose.
// matchIf runs re on s only when the caller's cheap test says it may match.
func matchIf(may bool, re *regexp.Regexp, s string) []string {
	if !may {
		return nil
	}
	return re.FindStringSubmatch(s)
}

func (im *importer) impactWindow(s string) (start, end, rest string, ok bool) {
	var dur, a, b, da, db string
	// The patterns write their own words and an MM/DD/YY date: text
	// without them is passed over before they run.
	words := strings.Contains(s, " UTC") && strings.Contains(s, "/")
	lead := words && strings.HasPrefix(s, "For ")
	bare := words && strings.HasPrefix(s, "The impact lasted ")
	if m := matchIf(lead, impactLead, s); m != nil {
		dur, a, b, da, db, rest = m[1], m[2], m[3], m[4], m[4], m[5]
	} else if m := matchIf(lead, impactLead2, s); m != nil {
		dur, a, da, b, db, rest = m[1], m[2], m[3], m[4], m[5], m[6]
	} else if m := matchIf(bare, impactBare, s); m != nil {
		dur, a, b, da, db = m[1], m[2], m[3], m[4], m[4]
	} else if m := matchIf(bare, impactBare2, s); m != nil {
		dur, a, da, b, db = m[1], m[2], m[3], m[4], m[5]
	} else {
		return "", "", "", false
	}
	parse := func(d, clock string) (time.Time, error) {
		if len(clock) > 5 {
			return time.Parse("01/02/06 15:04:05", d+" "+clock)
		}
		return time.Parse("01/02/06 15:04", d+" "+clock)
	}
	ta, err1 := parse(da, a)
	tb, err2 := parse(db, b)
	if err1 != nil || err2 != nil || tb.Before(ta) || timeparse.FormatDuration(tb.Sub(ta)) != dur {
		return "", "", "", false
	}
	write := func(t time.Time, clock string) string {
		if im.zone == nil || im.zone.IsUTC() {
			if t.Format(time.DateOnly) == im.rep.Doc.Date {
				return clock
			}
			return t.Format(time.DateOnly) + " " + clock
		}
		return t.Format(time.DateOnly) + " " + clock + " UTC"
	}
	return write(ta, a), write(tb, b), strings.TrimSpace(rest), true
}

// ------------------------------------------------------------ action items

var (
	actionDetails = regexp.MustCompile(`(?i)\s*\(((?:owner|due|ticket|status)\s*:[^()]*)\)[.;]?\s*$`)
	detailPart    = regexp.MustCompile(`(?i)^\s*(owner|due|ticket|status)\s*:\s*(.*?)\s*$`)
	taskBox       = regexp.MustCompile(`^\[([ xX])\]\s+`)
	plainBullet   = regexp.MustCompile(`^(?:[•◦▪●·]|o\s|\d+[.)]\s|-\s|\*\s)`)
)

// findActionDetails is actionDetails.FindStringSubmatchIndex(text),
// with the pattern run only from the last "(" (and the spaces before it):
// nothing but the closing ")" may follow the parenthesis it matches, so
// no earlier one can start a match, and the backtracker need not try
// every position of the description.
func findActionDetails(text string) []int {
	j := strings.LastIndexByte(text, '(')
	if j < 0 {
		return nil
	}
	for j > 0 && strings.IndexByte(" \t\n\f\r", text[j-1]) >= 0 { // \s
		j--
	}
	if isASCII(text) {
		return actionDetailsASCII(text, j)
	}
	m := actionDetails.FindStringSubmatchIndex(text[j:])
	for i := range m {
		if m[i] >= 0 {
			m[i] += j
		}
	}
	return m
}

// actionDetailsASCII is findActionDetails for ASCII text, whose last "("
// follows the spaces at j, by hand: a match can only start at j (its
// \s* takes the spaces, then the "(", the text's last); it holds a key
// in any case (no letter of the keys folds outside ASCII in ASCII text),
// spaces, a colon, anything up to the first ")" ([^()]* stops there, and
// no "(" follows), an optional "." or ";", and spaces to the end.
func actionDetailsASCII(text string, j int) []int {
	open := strings.IndexByte(text[j:], '(') + j
	i := open + 1
	key := false
	for _, w := range [...]string{"owner", "due", "ticket", "status"} {
		if hasPrefixFoldASCII(text[i:], w) {
			i += len(w)
			key = true
			break
		}
	}
	if !key {
		return nil
	}
	i = skipSpaces(text, i)
	if i == len(text) || text[i] != ':' {
		return nil
	}
	closing := strings.IndexByte(text[i:], ')')
	if closing < 0 {
		return nil
	}
	closing += i
	k := closing + 1
	if k < len(text) && (text[k] == '.' || text[k] == ';') {
		k++
	}
	if skipSpaces(text, k) != len(text) {
		return nil
	}
	return []int{j, len(text), open + 1, closing}
}

func (im *importer) readActions(lines []bodyLine) {
	doc := im.rep.Doc
	add := func(text string, l *line) {
		text = strings.TrimSpace(text)
		if text == "" {
			return
		}
		a := document.ActionItem{}
		// GitHub task lists: "[ ] open", "[x] done"
		if !strings.HasPrefix(text, "[") {
			// not a task list item: taskBox cannot match
		} else if m := taskBox.FindStringSubmatch(text); m != nil {
			if m[1] != " " {
				a.Status = "done"
			}
			text = strings.TrimSpace(text[len(m[0]):])
		}
		if m := findActionDetails(text); m != nil {
			details := text[m[2]:m[3]]
			text = strings.TrimSpace(text[:m[0]])
			var partBuf [4]string
			for _, part := range appendDetails(partBuf[:0], details) {
				if key, v, ok := parseDetailPart(part); ok {
					switch key {
					case "owner":
						a.Owner = v
					case "due":
						a.Due = v
					case "ticket":
						a.Ticket = v
					case "status":
						if s := strings.ToLower(v); slices.Contains(document.ActionStatuses, s) {
							a.Status = s
						} else {
							text += " (status: " + v + ")"
						}
					}
				}
			}
		}
		a.Description = text
		doc.ActionItems = append(doc.ActionItems, a)
		im.set("action_items."+strconv.Itoa(len(doc.ActionItems)-1), l.n, l.col)
	}
	// Sub-headings ("### ✅ Add an alert for login failures") are the
	// items; the lists under them are their details.
	headed := false
	for _, l := range lines {
		if l.kind == kHeading && strings.TrimSpace(l.line.text) != "" {
			headed = true
			t := strings.TrimLeftFunc(stripEmphasis(l.line.text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			add(t, l.line)
		}
	}
	if headed {
		return
	}
	// Tables: the tables template and hand-made ones.
	var cols map[string]int
	listDepth := 0
	for _, l := range lines {
		if l.kind == kText && l.item && (listDepth == 0 || l.depth < listDepth) {
			listDepth = l.depth
		}
	}
	var cur []string
	var curLine *line
	flush := func() {
		if curLine != nil {
			add(strings.Join(cur, " "), curLine)
		}
		cur, curLine = nil, nil
	}
	for _, p := range paragraphs(lines) {
		for _, l := range p {
			switch {
			case l.kind == kTable:
				cells := tableCells(l.raw)
				if l.tableRow == 0 {
					cols = tableColumns(cells, map[string][]string{
						"description": {"action", "description", "item", "task", "action item"},
						"owner":       {"owner", "assignee", "who"}, "due": {"due", "due date", "deadline", "when"},
						"ticket": {"ticket", "issue", "link", "bug"}, "status": {"status", "state"},
					})
					continue
				}
				if l.tableRow == 1 || cols == nil {
					continue
				}
				flush()
				get := func(k string) string {
					if i, ok := cols[k]; ok && i < len(cells) {
						return unescapeCell(cells[i])
					}
					return ""
				}
				a := document.ActionItem{Description: get("description"), Owner: get("owner"), Due: get("due"), Ticket: get("ticket")}
				if s := strings.ToLower(get("status")); slices.Contains(document.ActionStatuses, s) && s != "open" {
					a.Status = s
				}
				if a.Description != "" {
					doc.ActionItems = append(doc.ActionItems, a)
					im.set("action_items."+strconv.Itoa(len(doc.ActionItems)-1), l.n, l.col)
				}
			case listDepth > 0 && l.item && l.depth == listDepth:
				flush()
				cur, curLine = []string{strings.TrimSpace(l.line.text)}, l.line
			case listDepth > 0 && curLine != nil:
				cur = append(cur, strings.TrimSpace(l.line.text))
			case listDepth > 0:
				// a lead-in sentence before the list
			case len(p) > 1 && linesAreItems(p):
				flush()
				add(plainBullet.ReplaceAllString(strings.TrimSpace(l.line.text), ""), l.line)
			default:
				if curLine == nil {
					cur, curLine = nil, l.line
				}
				cur = append(cur, plainBullet.ReplaceAllString(strings.TrimSpace(l.line.text), ""))
			}
		}
		if listDepth == 0 {
			flush()
		}
	}
	flush()
}

// isDetailPart is detailPart.MatchString(s).
func isDetailPart(s string) bool {
	_, _, ok := parseDetailPart(s)
	return ok
}

// parseDetailPart is detailPart.FindStringSubmatch(s) read by hand on
// ASCII text: the key lower-cased, the value. (?i) folds "k" and "s"
// onto the Kelvin sign and the long s, so other text runs the pattern.
// The value is the text after the colon and its spaces, less trailing
// spaces; "." does not match a newline, so a value holding one (past
// the trailing spaces) is no match.
func parseDetailPart(s string) (key, val string, ok bool) {
	if !isASCII(s) {
		m := detailPart.FindStringSubmatch(s)
		if m == nil {
			return "", "", false
		}
		return strings.ToLower(m[1]), m[2], true
	}
	i := skipSpaces(s, 0)
	for _, w := range [...]string{"owner", "due", "ticket", "status"} {
		if len(s)-i >= len(w) && strings.EqualFold(s[i:i+len(w)], w) {
			key = w
			break
		}
	}
	if key == "" {
		return "", "", false
	}
	j := skipSpaces(s, i+len(key))
	if j == len(s) || s[j] != ':' {
		return "", "", false
	}
	val = strings.TrimRight(s[skipSpaces(s, j+1):], " \t\n\f\r")
	if strings.Contains(val, "\n") {
		return "", "", false
	}
	return key, val, true
}

// skipSpaces returns the index of the first byte at or after i that is
// not in \s (space, \t, \n, \f, \r).
func skipSpaces(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// appendDetails appends to parts the pieces of s ("owner: A, due:
// 2024-12-11, ticket: X") split at the commas that start a new key; parts
// is a caller's stack array, as an item has a handful of details.
func appendDetails(parts []string, s string) []string {
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			continue
		}
		next := s[i+1:] // up to the next comma, as SplitN(s[i+1:], ",", 2)[0]
		if j := strings.IndexByte(next, ','); j >= 0 {
			next = next[:j]
		}
		if isDetailPart(next) {
			parts = append(parts, s[last:i])
			last = i + 1
		}
	}
	return append(parts, s[last:])
}

// linesAreItems tells bare one-per-line items from a hard-wrapped
// paragraph: each line starts a sentence or carries a bullet.
func linesAreItems(p []bodyLine) bool {
	for _, l := range p {
		t := strings.TrimSpace(l.line.text)
		if t == "" {
			continue
		}
		r := []rune(t)[0]
		if !(r >= 'A' && r <= 'Z') && !(r >= '0' && r <= '9') && !plainBullet.MatchString(t) && r != '*' && r != '_' {
			return false
		}
	}
	return true
}

// tableCells splits a table row at unescaped pipes.
func tableCells(raw string) []string {
	t := strings.TrimSpace(raw)
	t = strings.TrimPrefix(t, "|")
	if strings.HasSuffix(t, "|") && !strings.HasSuffix(t, `\|`) {
		t = t[:len(t)-1]
	}
	var cells []string
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == '\\' && i+1 < len(t) && t[i+1] == '|':
			b.WriteString(`\|`)
			i++
		case t[i] == '|':
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(t[i])
		}
	}
	return append(cells, strings.TrimSpace(b.String()))
}

func unescapeCell(s string) string { return strings.ReplaceAll(s, `\|`, "|") }

// tableColumns maps field names to column indexes by header words.
func tableColumns(header []string, names map[string][]string) map[string]int {
	cols := map[string]int{}
	for i, h := range header {
		w := normHeading(h)
		for field, alts := range names {
			if _, done := cols[field]; done {
				continue
			}
			for _, a := range alts {
				if w == a || strings.HasPrefix(w, a+" ") {
					cols[field] = i
					break
				}
			}
		}
	}
	return cols
}

// readMetaSection reads a "## Date", "## Authors" or "## Status" heading's
// body into the document's metadata.
func (im *importer) readMetaSection(s *sec, lines []bodyLine) {
	doc := im.rep.Doc
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
		im.set("authors", pos.Line, pos.Col)
	case "severity":
		doc.Severity = vals[0]
		im.set("severity", pos.Line, pos.Col)
	case "status":
		if st := strings.ToLower(vals[0]); slices.Contains(document.Statuses, st) {
			doc.Status = st
			im.set("status", pos.Line, pos.Col)
		} else {
			im.diag(pos.Line, pos.Col, "status %q is not one of %s; not imported", vals[0], strings.Join(document.Statuses, ", "))
		}
	}
}

var spaceBeforePunct = regexp.MustCompile(`\s+([.,;:!?)])`)

// stripPlaceholders removes {TOKEN}s left from a template and tidies the
// spaces they leave.
func stripPlaceholders(s string) string {
	out := placeholder.ReplaceAllStringFunc(s, func(m string) string {
		if hasPlaceholder(m) {
			return ""
		}
		return m
	})
	if out == s {
		return s
	}
	lead := s[:len(s)-len(strings.TrimLeft(s, " \t"))]
	out = strings.Join(strings.Fields(out), " ")
	return lead + spaceBeforePunct.ReplaceAllString(out, "$1")
}
