package markdown

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/util"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/fold"
)

// Action item extraction: list items, lines, headings and table rows,
// each with its "(Owner: ..., Due: ...)" details split out.

var (
	actionDetails = pattern(`(?i)\s*\(((?:owner|due|ticket|status)\s*:[^()]*)\)[.;]?\s*$`)
	detailPart    = pattern(`(?i)^\s*(owner|due|ticket|status)\s*:\s*(.*?)\s*$`)
	// dueDate is a due date written without a colon: "due 2023-04-01",
	// "due by 4/1".
	dueDate = pattern(`(?i)^\s*(due)(?:\s+by|\s+on)?\s+(\d[\d./-]*\d)\s*$`)
	taskBox = pattern(`^\[([ xX])\]\s+`)
	// handleOwner is an owner written as a handle alone, after a
	// separator or in parentheses: "Add a check (@jonas)", "Add a check
	// — @jonas".
	handleOwner = pattern(`^\(?(@[\w][\w.-]*)\)?$`)
	plainBullet = pattern(`^(?:[•◦▪●·]|o\s|\d+[.)]\s|-\s|\*\s)`)
)

// actionColumns are the header words of an action item table.
var actionColumns = map[string][]string{
	"description": {"action", "description", "item", "task", "action item"},
	"owner":       {"owner", "assignee", "who"}, "due": {"due", "due date", "deadline", "when", "target date", "eta"},
	"ticket": {"ticket", "issue", "link", "bug", "tracking bug", "jira", "jira ticket"}, "status": {"status", "state"},
	"notes": {"notes", "note", "comments"},
}

// readActions reads an action items section: each group under a
// sub-heading ("### Prevention", "### Completed") on its own, the part
// before the first sub-heading too.
//
// The items of a section named for what is done ("Actions taken",
// "Completed actions") are done. A label that names one action
// ("**Follow-up:**") holds one item; so does such a heading, unless its
// text is several paragraphs and no list: then each paragraph is one
// ("## Follow-up" over five paragraphs, each with what was filed).
func (x *extractor) readActions(heading string, isHeading bool, lines []bodyLine) {
	first := len(x.out.Doc.ActionItems)
	if oneAction().MatchString(heading) && !(isHeading && paragraphItems(lines)) {
		x.oneAction(lines)
		x.markDoneIf(heading, first)
		return
	}
	start := 0
	var head *line
	for i, l := range lines {
		if l.kind == kHeading && strings.TrimSpace(l.line.text) != "" {
			if head != nil || !tablesAfter(lines[i:]) {
				x.readActionGroup(head, lines[start:i])
			} else {
				// the part before the first group is a lead-in (a legend of
				// types) when the groups hold tables of items
				for _, l := range lines[start:i] {
					x.unread = withUnread(x.unread, l)
				}
			}
			start, head = i+1, l.line
		}
	}
	x.readActionGroup(head, lines[start:])
	x.markDoneIf(heading, first)
}

// paragraphItems reports whether lines, up to a thematic break (a
// sign-off follows one), are several paragraphs of text and nothing
// else: no list, table or sub-heading.
func paragraphItems(lines []bodyLine) bool {
	for i, l := range lines {
		if l.kind == kRule {
			lines = lines[:i]
			break
		}
		if l.item || l.kind == kTable || l.kind == kHeading {
			return false
		}
	}
	return len(paragraphs(lines)) > 1
}

// tablesAfter reports whether lines hold a table with body rows.
func tablesAfter(lines []bodyLine) bool {
	return slices.ContainsFunc(lines, func(l bodyLine) bool { return l.kind == kTable && l.tableRow >= 2 })
}

// oneActionLabel is a label that names one action: "**Action item:**",
// "**Action taken:**", "**Follow-up:**"; its text, paragraphs and lists,
// is one item.
var oneAction = pattern(`(?i)^(?:action\s+(?:item|taken|planned)|planned\s+action|follow[\s-]?up)$`)

// oneAction adds the text of lines as one item, at its first line.
func (x *extractor) oneAction(lines []bodyLine) {
	var parts []string
	var at *line
	for i, l := range lines {
		if l.kind == kRule {
			// a thematic break ends the item: a sign-off or a trailer follows
			for _, l := range lines[i+1:] {
				x.unread = withUnread(x.unread, l)
			}
			break
		}
		if t := strings.TrimSpace(trimBullet(strings.TrimSpace(l.line.text))); t != "" && l.text != "" && l.kind != kHeading {
			parts = append(parts, t)
			if at == nil {
				at = l.line
			}
		}
	}
	if at != nil {
		x.addAction(strings.Join(parts, " "), at)
	}
}

// markDoneIf marks the items from index first on done when the
// section's heading says they are ("Actions taken", "Completed").
func (x *extractor) markDoneIf(heading string, first int) {
	if doneGroup().MatchString(heading) {
		x.markDone(first)
	}
}

// markDone marks the items from index first on done, unless they say
// otherwise.
func (x *extractor) markDone(first int) {
	for i := first; i < len(x.out.Doc.ActionItems); i++ {
		if a := &x.out.Doc.ActionItems[i]; a.Status == "" {
			a.Status = "done"
		}
	}
}

var (
	// noneBody is a group that says it has no items: "None.", "N/A".
	noneBody = pattern(`(?i)^[*_]*(?:none|n/a|nothing|-+)[.!]?[*_]*$`)
	// doneGroup is a group heading whose items are done: "Completed",
	// "Immediate Actions (Implemented)", "Done".
	doneGroup = pattern(`(?i)\b(?:completed?|done|implemented|finished|resolved|taken)\b`)
	// fieldItem is a list item that is a field of one item ("**Rule
	// name**: `Request latency`", "Tool: Locust"), not an item.
	fieldItem = pattern(`^(?:\*\*[^*]{1,40}\*\*\s*:|__[^_]{1,40}__\s*:|[\pL][\pL ]{0,24}:\s)`)
)

// readActionGroup reads the items of one group: the list items or table
// rows under its heading; the heading itself when nothing under it is a
// list or when its list holds one item's fields ("### Add an alert rule"
// over "- **Rule name**: ..."); none when it says "None.".
func (x *extractor) readActionGroup(head *line, lines []bodyLine) {
	g := shapeOf(lines)
	if head != nil && g.rows == 0 && (g.items == 0 || g.fields*2 > g.items) {
		if g.items == 0 && g.text == 1 && noneBody().MatchString(strings.TrimSpace(firstText(lines))) {
			return // "### Mitigation" over "None."
		}
		t := strings.TrimLeftFunc(stripEmphasis(head.text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		x.addAction(t, head)
		return
	}
	depth := g.depth
	first := len(x.out.Doc.ActionItems)
	r := &actionReader{x: x, listDepth: depth, lastItem: g.lastItem, tableOnly: g.itemRows > 0, details: bulletsInNumbering(lines, depth)}
	for _, p := range paragraphs(lines) {
		for _, l := range p {
			r.line(p, l)
		}
		if r.listDepth == 0 {
			r.flush()
		}
	}
	r.flush()
	if head != nil && doneGroup().MatchString(head.text) {
		x.markDone(first)
	}
}

// bulletsInNumbering finds bullet items at the list depth written
// between two numbered items ("1. Deeper monitoring" / "- Heavy disk
// reads" / "2. Runbooks", the bullets outdented by accident): they are
// the numbered item's details. It returns their line numbers.
func bulletsInNumbering(lines []bodyLine, depth int) map[int]bool {
	var out map[int]bool
	var pending []int
	numbered := false
	for _, l := range lines {
		if !l.item || l.kind != kText || l.depth != depth {
			continue
		}
		switch {
		case l.ordered && len(pending) > 0:
			if out == nil {
				out = map[int]bool{}
			}
			for _, n := range pending {
				out[n] = true
			}
			pending = nil
		case l.ordered:
			numbered = true
		case numbered:
			pending = append(pending, l.n)
		}
	}
	return out
}

// groupShape is what a group of action items is made of: its top-level
// list items (at depth), how many of them are one item's fields, its
// table body rows (itemRows those of tables whose header names an
// item's description) and its other lines of text; lastItem is the
// line number of its last top-level list item.
type groupShape struct {
	items, fields, rows, itemRows, text, depth, lastItem int
}

func shapeOf(lines []bodyLine) groupShape {
	var g groupShape
	itemTable := false
	for _, l := range lines {
		if l.kind == kTable && l.tableRow == 0 {
			_, itemTable = tableColumns(tableCells(l.raw), actionColumns)["description"]
		}
		switch {
		case l.kind == kTable && l.tableRow >= 2:
			g.rows++
			if itemTable {
				g.itemRows++
			}
		case l.kind == kText && l.item && (g.depth == 0 || l.depth < g.depth):
			g.depth, g.items, g.fields = l.depth, 0, 0
			fallthrough
		case l.kind == kText && l.item && l.depth == g.depth:
			g.items++
			g.lastItem = l.n
			if fieldItem().MatchString(strings.TrimSpace(l.line.text)) {
				g.fields++
			}
		case l.text != "":
			g.text++
		}
	}
	return g
}

// firstText is the first non-blank body text of lines.
func firstText(lines []bodyLine) string {
	for _, l := range lines {
		if l.text != "" {
			return l.text
		}
	}
	return ""
}

// actionReader gathers the lines of one item at a time.
type actionReader struct {
	x         *extractor
	cols      map[string]int
	listDepth int
	// lastItem is the line number of the list's last item: text after
	// it that is not indented under it is not part of it.
	lastItem int
	// tableOnly: the group has a table of items, and the lists and lines
	// around it are a legend or a lead-in, not items. A table of
	// something else (metrics under the list) does not hide the list.
	tableOnly bool
	// details are the lines of bullet items written between numbered
	// items: details of the numbered item before them.
	details map[int]bool
	cur     []string
	curLine *line
}

func (r *actionReader) flush() {
	if r.curLine != nil {
		r.x.addAction(strings.Join(r.cur, " "), r.curLine)
	}
	r.cur, r.curLine = nil, nil
}

// line reads line l of paragraph p.
func (r *actionReader) line(p []bodyLine, l bodyLine) {
	t := strings.TrimSpace(l.line.text)
	switch {
	case l.kind == kRule:
		// a thematic break ends the item above it; what follows (a
		// sign-off, a "Generated by" trailer) is not part of it
		r.flush()
	case l.kind == kTable:
		r.tableRow(l)
	case r.tableOnly && !taskBox().MatchString(t):
		// a list beside a table of items is a legend, unless it is a
		// task list ("- [ ] Load test checkout")
		r.keep(l)
	case r.listDepth > 0 && l.item && l.depth == r.listDepth && !r.details[l.n]:
		r.flush()
		r.cur, r.curLine = []string{t}, l.line
	case r.listDepth > 0 && r.curLine != nil && (l.depth >= r.listDepth || l.n < r.lastItem):
		// indented under the item, or outdented by accident between
		// two items of the list
		r.cur = append(r.cur, t)
	case r.listDepth > 0:
		// a lead-in sentence before the list, or a closing remark after
		// it that is not indented under its last item: neither is an item
		r.flush()
		r.keep(l)
	case len(p) > 1 && linesAreItems(p):
		r.flush()
		r.x.addAction(plainBullet().ReplaceAllString(t, ""), l.line)
	default:
		if r.curLine == nil {
			r.cur, r.curLine = nil, l.line
		}
		r.cur = append(r.cur, plainBullet().ReplaceAllString(t, ""))
	}
}

// keep keeps a line that is no item, and no part of one.
func (r *actionReader) keep(l bodyLine) { r.x.unread = withUnread(r.x.unread, l) }

// tableRow reads a row of an action item table: the header names the
// columns, each body row is an item. A table with no column for the
// item's description holds something else (metrics): it is kept whole.
func (r *actionReader) tableRow(bl bodyLine) {
	l := bl.line
	cells := tableCells(l.raw)
	if l.tableRow == 0 {
		r.cols = tableColumns(cells, actionColumns)
		if _, ok := r.cols["description"]; !ok {
			r.cols = nil
		}
	}
	if r.cols == nil {
		r.keep(bl)
	}
	if l.tableRow < 2 || r.cols == nil {
		return
	}
	r.flush()
	get := func(k string) string {
		if i, ok := r.cols[k]; ok && i < len(cells) {
			return unescapeCell(cells[i])
		}
		return ""
	}
	a := document.ActionItem{Description: get("description"), Due: plainValue(get("due")), Ticket: plainValue(get("ticket"))}
	if a.Description != "" {
		setOwner(&a, get("owner"))
	}
	if s := strings.ToLower(strings.Trim(get("status"), "*_ ")); slices.Contains(document.ActionStatuses, s) && s != "open" {
		a.Status = s
	} else if doneMark().MatchString(get("notes")) {
		a.Status = "done"
	}
	if a.Description != "" {
		doc := r.x.out.Doc
		doc.ActionItems = append(doc.ActionItems, a)
		r.x.out.set("action_items."+strconv.Itoa(len(doc.ActionItems)-1), l.n, l.col)
	}
}

// addAction adds an item written as text: "[x] Add an alert (Owner:
// Ana, Due: 2024-12-11)".
func (x *extractor) addAction(text string, l *line) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	a := document.ActionItem{}
	// GitHub task lists: "[ ] open", "[x] done"; "✅ Added ...", "...
	// (done)"
	if m := taskBox().FindStringSubmatch(text); m != nil {
		if m[1] != " " {
			a.Status = "done"
		}
		text = strings.TrimSpace(text[len(m[0]):])
	}
	if t, ok := strings.CutPrefix(text, "✅"); ok {
		text, a.Status = strings.TrimSpace(t), "done"
	}
	if i := strings.LastIndexAny(text, "(-–—"); i >= 0 && doneSuffix().MatchString(text[i:]) {
		// the suffix starts at the last parenthesis or dash
		text, a.Status = strings.TrimSpace(text[:i]), "done"
	}

	text = trailingDetails(&a, text)
	if a.Owner != "" || !fold.Contains(text, "owner") {
		// ownerSuffix names the owner with the word
	} else if m := ownerSuffix().FindStringSubmatchIndex(text); m != nil {
		if owner, ok := ownerName(text[m[2]:m[3]]); ok {
			// "... Owner: @lucasheriques"
			text, a.Owner = strings.TrimSpace(text[:m[0]]), owner
		}
	}
	a.Description = strings.TrimSpace(text + " " + a.Description)
	doc := x.out.Doc
	doc.ActionItems = append(doc.ActionItems, a)
	x.out.set("action_items."+strconv.Itoa(len(doc.ActionItems)-1), l.n, l.col)
}

// trailingDetails splits the details written after an item off its end,
// in whatever order they come ("(owner: ana) [CHK-13]", "[due
// 2024-04-15] @bo", "— **Owner:** Infra"), and returns the text before
// them.
func trailingDetails(a *document.ActionItem, text string) string {
	for {
		before := text
		text = trailingHandle(a, labelledTail(a, bracketDetail(a, parenDetails(a, text))))
		if text == before {
			return text
		}
	}
}

// parenDetails reads the details in parentheses that end an item: "(Owner:
// Ana, Due: 2024-12-11)". actionDetails holds one "(" and nothing after
// its ")" but a stop: a match starts at the last "(" (less the spaces
// before it, which the description trims anyway).
func parenDetails(a *document.ActionItem, text string) string {
	open := strings.LastIndexByte(text, '(')
	if open < 0 {
		return text
	}
	m := actionDetails().FindStringSubmatchIndex(text[open:])
	if m == nil {
		return text
	}
	details := text[open+m[2] : open+m[3]]
	text = strings.TrimSpace(text[:open])
	for _, part := range splitDetails(details) {
		if text2, ok := setDetail(a, part); ok {
			text += text2
		}
	}
	return text
}

// bracketDetail reads a detail in brackets that ends an item: "[due
// 2024-04-15]", "[owner: ana]", or a ticket's key alone ("[CHK-13]",
// "[#123]").
func bracketDetail(a *document.ActionItem, text string) string {
	if !strings.HasSuffix(text, "]") {
		return text
	}
	open := strings.LastIndexByte(text, '[')
	if open <= 0 {
		return text
	}
	inner := strings.TrimSpace(text[open+1 : len(text)-1])
	switch {
	case readDetail(inner) != nil:
		setDetail(a, inner)
	case ticketKey().MatchString(inner) && a.Ticket == "":
		a.Ticket = inner
	default:
		return text
	}
	return strings.TrimSpace(text[:open])
}

// ticketKey is a ticket's key written alone: "CHK-13", "#123".
var ticketKey = pattern(`^(?:[A-Z][A-Z0-9]+-\d+|#\d+)$`)

// setDetail sets one "key: value" detail on a; a status the format does
// not know stays in the description: it returns the text to add there.
func setDetail(a *document.ActionItem, part string) (string, bool) {
	m := readDetail(part)
	if m == nil {
		return "", false
	}
	v := m[2]
	switch fold.String(m[1]) {
	case "owner":
		setOwner(a, v)
	case "due":
		a.Due = plainValue(v)
	case "ticket":
		a.Ticket = plainValue(v)
	case "status":
		if s := strings.ToLower(v); slices.Contains(document.ActionStatuses, s) {
			a.Status = s
		} else {
			return " (status: " + v + ")", true
		}
	}
	return "", false
}

var (
	// doneSuffix ends an item that says it is done: "(done)", "(fixed in
	// #123)", "- DONE".
	doneSuffix = pattern(`(?i)^(?:\((?:done|completed?|fixed\b[^()]*)\)|[-–—]\s*\**done\**)[.;]?\s*$`)
	// doneMark is a notes or status cell that says the item is done.
	doneMark = pattern(`(?i)^\W*(?:done|completed?|fixed|shipped)\b`)
	// ownerSuffix ends an item with its owner: "... Owner: @lucasheriques",
	// "... Owners: platform team".
	ownerSuffix = pattern(`(?i)[\s.;,(]\s*owners?\s*:\s*([^():,]{1,60}?)\s*\)?[.;]?\s*$`)
	// notAnOwner is an owner cell that names nobody.
	notAnOwner = pattern(`(?i)^(?:n/?a|tbd|tba|none|nobody|unassigned|unknown|-+|\?+)$`)
)

// plainValue is a value that is no Markdown (a due date, a ticket, an
// owner) without Markdown's backslash escapes: "2024\-03\-20", as Google
// Docs exports write it, is 2024-03-20.
func plainValue(v string) string {
	if !strings.Contains(v, "\\") {
		return v
	}
	return string(util.UnescapePunctuations([]byte(v)))
}

// ownerName reads an owner as written: a name, a handle or a team, at
// most four words ("chinmay", "@lucasheriques", "platform team"); ok is
// false for anything else ("Added along with the PR fix", "TBD").
func ownerName(v string) (string, bool) {
	v = plainValue(strings.TrimSpace(strings.Trim(strings.TrimSpace(v), "*_`")))
	return v, v != "" && !notAnOwner().MatchString(v) && len(strings.Fields(v)) <= 4
}

// setOwner sets an item's owner to v when v names someone; other text
// in an owner's place stays with the description, so nothing is lost.
func setOwner(a *document.ActionItem, v string) {
	if owner, ok := ownerName(v); ok {
		a.Owner = owner
	} else if owner != "" && !notAnOwner().MatchString(owner) {
		a.Description = strings.TrimSpace(a.Description + " (" + owner + ")")
	}
}

// detailSeparators stand between an item and labelled details after
// it: "Staged rollout — **Owner:** Infra — **Due:** 2024-02-15".
// The parts may be sentences: "Review the rules. Owner: Kim. Due: Sep 1".
var detailSeparators = []string{" — ", " – ", " | ", " - ", ". "}

// labelledTail sets the labelled details that end an item's text, read
// from the end while each part after a separator is one, and returns
// the text before them. A status the format does not know stays in the
// text.
func labelledTail(a *document.ActionItem, text string) string {
	text = ownerAndDetails(a, text)
	for {
		i, part := lastDetail(text)
		if i <= 0 {
			return text
		}
		text = strings.TrimSpace(text[:i])
		extra, _ := setDetail(a, part)
		text += extra
	}
}

// ownerAndDetails reads an owner written without its label before
// details after a dash: "Make the call idempotent — billing team, due
// 2023-12-15". The owner is the first comma-separated piece after the
// item's last dash, at most four words, when every piece after it is a
// detail; it returns the text without them.
func ownerAndDetails(a *document.ActionItem, text string) string {
	i := max(strings.LastIndex(text, " — "), strings.LastIndex(text, " – "), strings.LastIndex(text, " - "))
	if i <= 0 || len(text)-i > detailReach {
		return text
	}
	_, tail, _ := strings.Cut(text[i+1:], " ")
	pieces := strings.Split(strings.TrimSuffix(strings.TrimSpace(tail), "."), ", ")
	if len(pieces) < 2 || readDetail(pieces[0]) != nil {
		return text
	}
	for _, p := range pieces[1:] {
		if readDetail(p) == nil {
			return text
		}
	}
	owner, ok := ownerName(pieces[0])
	if !ok {
		return text
	}
	a.Owner = owner
	for _, p := range pieces[1:] {
		setDetail(a, p)
	}
	return strings.TrimSpace(text[:i])
}

// lastDetail finds the last part of text after a separator that is a
// labelled detail: where its separator starts, and the part (without
// emphasis and a final stop); -1 when there is none. A detail is short: only the last detailReach bytes are searched, so
// that an item of megabytes costs no more than a short one.
func lastDetail(text string) (int, string) {
	from := max(0, len(text)-detailReach)
	for end := len(text); end > from; {
		i, sep := -1, ""
		for _, s := range detailSeparators {
			if j := strings.LastIndex(text[from:end], s); j >= 0 && from+j > i {
				i, sep = from+j, s
			}
		}
		if i <= 0 {
			return -1, ""
		}
		part := strings.TrimSuffix(strings.TrimSpace(stripEmphasis(text[i+len(sep):])), ".")
		if readDetail(part) != nil {
			return i, part
		}
		end = i
	}
	return -1, ""
}

// detailReach is how far from an item's end its labelled details may
// start: "— **Owner:** Platform reliability team".
const detailReach = 200

// trailingHandle splits an owner written as a handle off the end of an
// item: in parentheses ("Add a check (@jonas)"), after a dash or a bar
// ("Add a check — @jonas"), or as its last word, the way Notion and
// Linear append the assignee ("Add a check @Ana"), unless the word
// before it makes the handle part of the sentence ("Sync with @ana").
func trailingHandle(a *document.ActionItem, text string) string {
	if a.Owner != "" {
		return text
	}
	if t := strings.TrimRight(text, " .;"); strings.HasSuffix(t, ")") {
		if open := strings.LastIndexByte(t, '('); open > 0 {
			if m := handleOwner().FindStringSubmatch(t[open:]); m != nil {
				a.Owner, text = m[1], strings.TrimSpace(t[:open])
			}
		}
		return text
	}
	rest, last := lastWord(text)
	if !strings.HasPrefix(last, "@") {
		return text
	}
	rest2, before := lastWord(rest)
	if m := handleOwner().FindStringSubmatch(strings.TrimRight(last, ".;")); m != nil && rest2 != "" && !slices.Contains(handleBefore, fold.String(before)) {
		a.Owner, text = m[1], rest
		if strings.Trim(before, "—–-|") == "" {
			text = rest2 // the separator before the handle goes with it
		}
	}
	return text
}

// lastWord splits the last word (after the last space) off s.
func lastWord(s string) (rest, word string) {
	s = strings.TrimRight(s, " ")
	i := strings.LastIndexByte(s, ' ')
	return strings.TrimRight(s[:max(i, 0)], " "), s[i+1:]
}

// handleBefore are the words after which a handle is part of the
// sentence, not the item's owner.
var handleBefore = []string{"with", "to", "from", "for", "by", "and", "or", "cc", "ask", "ping", "tell", "thanks", "via"}

// readDetail reads one "key: value" detail, or a due date written
// without its colon; m[1] is the key and m[2] the value, nil for other
// text.
func readDetail(part string) []string {
	if m := detailPart().FindStringSubmatch(part); m != nil {
		return m
	}
	return dueDate().FindStringSubmatch(part)
}

// splitDetails splits "owner: A, due: 2024-12-11, ticket: X" at the
// commas that start a new detail.
func splitDetails(s string) []string {
	var parts []string
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			continue
		}
		next, _, _ := strings.Cut(s[i+1:], ",")
		if readDetail(next) != nil {
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
		if !(r >= 'A' && r <= 'Z') && !(r >= '0' && r <= '9') && !plainBullet().MatchString(t) && r != '*' && r != '_' {
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

// tableColumns maps field names to column indexes by header words: each
// field to the first column whose header is one of its names.
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
