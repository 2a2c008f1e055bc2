package markdown

// Reading the catalogue keys (services, tags, trigger, contributing
// factors, related incidents) from the headings and label lines teams
// write them under:
//
//	**Services affected:** checkout, payments
//	Trigger: a configuration push
//	## Contributing factors
//	- No canary for configuration changes
//
// The functions first in this file are self-contained: a heading or
// label in, the document key it names out; a value's parts in, the
// document's values out. readCatalogue, last, is the one place that
// walks the importer's lines to find them; it runs after the metadata
// pass and before sections are found, and marks the lines it consumes
// as metadata so that no section takes them as prose.

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/vocabulary"
)

// catalogueNames maps a label, normalised by catalogueLabelKey, to the
// document key it fills (made on first use).
var catalogueNames = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for key, names := range map[string][]string{
		"services": {"services", "service", "services affected", "affected services", "affected service",
			"service affected", "impacted services", "services impacted", "affected systems", "systems affected",
			"affected components", "components affected", "component", "components", "affected service s"},
		"tags":    {"tags", "tag", "labels", "keywords", "categories", "category"},
		"trigger": {"trigger", "triggers", "triggered by", "incident trigger", "trigger event", "proximate cause"},
		"contributing_factors": {"contributing factors", "contributing factor", "contributing causes",
			"contributing conditions", "factors"},
		"related": {"related", "related incidents", "related incident", "related postmortems", "related post mortems",
			"related reports", "similar incidents", "previous incidents", "see also"},
	} {
		for _, n := range names {
			m[n] = key
		}
	}
	return m
})

// catalogueKey is the document key a heading or label names ("services",
// "tags", "trigger", "contributing_factors", "related"), or "".
func catalogueKey(label string) string {
	return catalogueNames()[catalogueLabelKey(label)]
}

// catalogueLabelKey lower-cases a label and keeps its words, spaced:
// emphasis, a trailing colon, parentheses, numbering and punctuation go.
func catalogueLabelKey(s string) string {
	if i := strings.IndexByte(s, '('); i > 0 {
		s = s[:i]
	}
	return strings.ReplaceAll(vocabulary.Key(strings.TrimLeft(s, "0123456789. ")), "-", " ")
}

// labelPattern is a label line: an optional list marker's leftovers,
// emphasis, a label of a few words, a colon inside or after the
// emphasis, and the rest of the line.
var labelPattern = pattern(`^(?:\*\*|__|\*|_)?([\pL][\pL\s()/'’-]{0,40}?)\s*(?::\s*(?:\*\*|__|\*|_)|(?:\*\*|__|\*|_)\s*:|:)\s*(.*)$`)

// catalogueLabel reads a label line ("**Services affected:** a, b",
// "Trigger: text", "Tags:") into the key it names and the text after
// it; ok is false for any other line.
func catalogueLabel(line string) (key, rest string, ok bool) {
	t := strings.TrimSpace(line)
	head, _, found := strings.Cut(t, ":")
	// the words before the first colon, less emphasis, are the pattern's
	// label: a letter first, at most 41 runes, naming a key
	head = strings.Trim(head, "*_ \t")
	if first, _ := utf8.DecodeRuneInString(head); !found || !unicode.IsLetter(first) ||
		utf8.RuneCountInString(head) > 41 || catalogueKey(head) == "" {
		return "", "", false
	}
	m := labelPattern().FindStringSubmatch(t)
	if m == nil {
		return "", "", false
	}
	key = catalogueKey(m[1])
	if key == "" {
		return "", "", false
	}
	return key, trimLineBreak(m[2]), true
}

// trimLineBreak drops what ends a line of a label block: a backslash
// or two spaces (Markdown hard breaks) and HTML <br>.
func trimLineBreak(s string) string {
	s = strings.TrimSpace(s)
	for _, br := range []string{"<br>", "<br/>", "<br />", `\`} {
		s = strings.TrimSpace(strings.TrimSuffix(s, br))
	}
	return s
}

// catalogueItem is one value's text as written and where it starts.
type catalogueItem struct {
	Text string
	Pos  Position
}

var mdLink = pattern(`^\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)$`)

// cleanValue is a value without list marker, emphasis, code marks and
// trailing punctuation; a Markdown link gives its text, or its target
// when target is true (a related incident is where the link points).
func cleanValue(s string, target bool) string {
	s = strings.TrimSpace(trimLineBreak(s))
	if m := mdLink().FindStringSubmatch(s); m != nil {
		if target {
			return m[2]
		}
		s = m[1]
	}
	s = strings.Trim(s, "*_`")
	s = strings.TrimSpace(strings.TrimRight(s, ".;,"))
	return strings.Trim(s, "*_` ")
}

// splitValues splits a label's text into list values at commas and
// semicolons outside parentheses.
func splitValues(s string) []string {
	return document.SplitOutsideParens(strings.ReplaceAll(s, ";", ","), ',')
}

// catalogueList reads services, tags or related entries. A value that
// reads as a sentence (more than six words, or over 60 characters, for
// a name) means the label introduced prose, not a list: ok is false.
func catalogueList(key string, items []catalogueItem) (vals []string, pos []Position, ok bool) {
	for _, it := range items {
		v := cleanValue(it.Text, key == "related")
		if v == "" {
			continue
		}
		if len(v) > 60 && !strings.Contains(v, "://") || len(strings.Fields(v)) > 6 {
			return nil, nil, false
		}
		vals = append(vals, v)
		pos = append(pos, it.Pos)
	}
	return vals, pos, true
}

// maxTrigger is the longest text kept as a trigger; a longer section is
// prose about the trigger, kept as a section, with its first sentence as
// the trigger when that is short enough.
const maxTrigger = 200

// catalogueTrigger reads a trigger from its text; whole is false when
// the text says more than the trigger (only its first sentence was
// taken, or nothing).
func catalogueTrigger(text string) (trigger string, whole bool) {
	t := strings.Join(strings.Fields(cleanValue(text, false)), " ")
	if t == "" {
		return "", true
	}
	if len(t) <= maxTrigger && !strings.Contains(strings.TrimSpace(text), "\n\n") {
		return t, true
	}
	if i := strings.Index(t, ". "); i > 0 && i < maxTrigger {
		return t[:i], false
	}
	return "", false
}

// catalogueFactor reads one written factor. "term (note)", "term: note"
// and "term - note" keep the term when it is one (a single word such as
// a configured `config-drift`, or a built-in term or alias); any other
// text is filed under the built-in term it mentions (filed), with the
// whole text as the note, or under "other" when it mentions none.
func catalogueFactor(text string) (f document.Factor, filed bool) {
	t := strings.TrimSpace(text)
	builtin := vocabulary.Builtin(vocabulary.Factors)
	if parsed, ok := document.ParseFactor(t); ok {
		term := cleanValue(parsed.Term, false)
		if known, ok := builtin.Lookup(term); ok {
			return document.Factor{Term: known.Name, Note: parsed.Note}, false
		}
		if term != "" && !strings.ContainsAny(term, " \t") {
			return document.Factor{Term: term, Note: parsed.Note}, false
		}
	}
	note := strings.Join(strings.Fields(strings.NewReplacer("**", "", "__", "", "`", "").Replace(t)), " ")
	if term, ok := builtin.Classify(note); ok {
		return document.Factor{Term: term.Name, Note: note}, true
	}
	return document.Factor{Term: "other", Note: note}, true
}

// catalogueFactors reads a label's text ("change (no canary),
// monitoring-gap") or a section's items, one factor each. A label's text
// that does not split into terms is one factor written as prose.
func catalogueFactors(items []catalogueItem, fromLabel bool) ([]document.Factor, []Position, []bool) {
	if fromLabel && len(items) == 1 {
		parts := splitValues(items[0].Text)
		var fs []document.Factor
		for _, p := range parts {
			f, filed := catalogueFactor(p)
			if filed {
				fs = nil
				break
			}
			fs = append(fs, f)
		}
		if fs != nil {
			pos := make([]Position, len(fs))
			filed := make([]bool, len(fs))
			for i := range pos {
				pos[i] = items[0].Pos
			}
			return fs, pos, filed
		}
	}
	var fs []document.Factor
	var pos []Position
	var filed []bool
	for _, it := range items {
		if f, guessed := catalogueFactor(it.Text); f.Term != "" {
			fs, pos, filed = append(fs, f), append(pos, it.Pos), append(filed, guessed)
		}
	}
	return fs, pos, filed
}

// catalogueReader reads the catalogue keys for the structure stage:
// what it reads is marked as metadata, so that no section takes it.
type catalogueReader struct {
	lines []line
	lo    *leftovers
	st    *structure
	out   *Report
}

// applyCatalogue puts one key's values into the document, recording
// where each was written, with a warning for each guess (a factor filed
// under a term from its text). items are a label's text (one item,
// fromLabel) or a section's list items or paragraphs. It reports
// whether the text was read as the key's values; false leaves it as the
// prose it is.
func (cr *catalogueReader) apply(key string, items []catalogueItem, fromLabel bool) bool {
	doc := cr.out.Doc
	if len(items) == 0 {
		return false
	}
	if key == "services" || key == "tags" || key == "related" {
		var split []catalogueItem
		for _, it := range items {
			for _, p := range splitValues(it.Text) {
				split = append(split, catalogueItem{p, it.Pos})
			}
		}
		items = split
	}
	switch key {
	case "services", "tags", "related":
		vals, pos, ok := catalogueList(key, items)
		if !ok {
			return false
		}
		dst := map[string]*[]string{"services": &doc.Services, "tags": &doc.Tags, "related": &doc.Related}[key]
		if len(vals) > 0 && len(*dst) == 0 {
			cr.out.set(key, pos[0].Line, pos[0].Col)
		}
		for i, v := range vals {
			cr.out.set(key+"."+strconv.Itoa(len(*dst)), pos[i].Line, pos[i].Col)
			*dst = append(*dst, v)
		}
	case "trigger":
		var texts []string
		for _, it := range items {
			texts = append(texts, it.Text)
		}
		if t, _ := catalogueTrigger(strings.Join(texts, "\n\n")); t != "" && doc.Trigger == "" {
			doc.Trigger = t
			cr.out.set("trigger", items[0].Pos.Line, items[0].Pos.Col)
		}
	case "contributing_factors":
		fs, pos, filed := catalogueFactors(items, fromLabel)
		for i, f := range fs {
			n := len(doc.ContributingFactors)
			cr.out.set("contributing_factors."+strconv.Itoa(n), pos[i].Line, pos[i].Col)
			doc.ContributingFactors = append(doc.ContributingFactors, f)
			if filed[i] {
				if f.Term == "other" {
					cr.out.diag(pos[i].Line, pos[i].Col, "contributing factor %d names no term of the built-in vocabulary; imported as \"other\" with its text as the note", n+1)
				} else {
					cr.out.diag(pos[i].Line, pos[i].Col, "contributing factor %d filed under %q (built-in vocabulary) from its text; check the term", n+1, f.Term)
				}
			}
		}
	}
	return true
}

// readCatalogue finds the catalogue keys in the report: label lines
// anywhere (a paragraph's first line, a line after a hard break or
// <br>, a list item, a two-cell table row) and headings. What it reads
// is consumed (marked as metadata) except the text under a "Contributing
// factors" heading or label alone, which the importer also keeps as the
// root cause it belongs to, and a trigger section longer than a trigger.
func readCatalogue(lines []line, lo *leftovers, st *structure, out *Report) {
	cr := &catalogueReader{lines: lines, lo: lo, st: st, out: out}
	cr.read()
}

func (cr *catalogueReader) read() {
	for i := 0; i < len(cr.lines); i++ {
		l := &cr.lines[i]
		if cr.lo.dropped(i) || cr.st.meta[i] || l.n == cr.st.titleLine {
			continue
		}
		switch l.kind {
		case kHeading:
			if key := catalogueKey(l.text); key != "" {
				i = cr.section(i, key) - 1
			}
		case kText, kTable:
			text := l.text
			if l.kind == kTable {
				cells := tableCells(l.raw)
				if len(cells) != 2 || l.tableRow == 1 {
					continue
				}
				text = strings.TrimSpace(cells[0]) + ": " + strings.TrimSpace(cells[1])
			}
			if !strings.Contains(text, ":") || !cr.labelStarts(i) {
				continue
			}
			key, rest, ok := catalogueLabel(text)
			if !ok {
				continue
			}
			if rest != "" {
				col := l.col + max(0, strings.Index(l.text, rest))
				// a label's own line is its values, factors included
				items := []catalogueItem{{rest, Position{l.n, col}}}
				if cr.apply(key, items, true) && (key == "contributing_factors" || consumes(key, items)) {
					cr.st.meta[i] = true
				}
				continue
			}
			// A label alone: its values are the list or lines below it.
			end, items := cr.items(i+1, len(cr.lines), false)
			if cr.apply(key, items, false) && consumes(key, items) {
				for k := i; k < end; k++ {
					cr.st.meta[k] = true
				}
			}
			i = max(i, end-1)
		}
	}
}

// labelStarts reports whether line i can hold a label: the first line
// of its paragraph or list item, a table row, or a line after a hard
// break, a <br> or another label.
func (cr *catalogueReader) labelStarts(i int) bool {
	l := &cr.lines[i]
	if i == 0 || l.item || l.kind == kTable {
		return true
	}
	prev := &cr.lines[i-1]
	if prev.block != l.block || prev.kind != l.kind {
		return true
	}
	p := strings.TrimRight(prev.raw, "\r")
	if strings.HasSuffix(p, "  ") || strings.HasSuffix(p, `\`) || strings.HasSuffix(strings.ToLower(strings.TrimSpace(p)), "<br>") ||
		strings.HasSuffix(strings.ToLower(strings.TrimSpace(p)), "<br/>") || cr.st.meta[i-1] {
		return true
	}
	return false
}

// catalogueSection reads the body of a catalogue heading at line h (up
// to the next heading of its level or above) and returns the line after
// it.
func (cr *catalogueReader) section(h int, key string) int {
	end := h + 1 // a sub-heading ends what is read: its text is its own
	for end < len(cr.lines) && cr.lines[end].kind != kHeading {
		end++
	}
	_, items := cr.items(h+1, end, true)
	if cr.apply(key, items, false) && consumes(key, items) {
		for k := h; k < end; k++ {
			cr.st.meta[k] = true
		}
	}
	return end
}

// consumes reports whether the values read for a key are all its text
// says, so that the lines can go: not for contributing factors, whose
// text the importer also keeps as the root cause it belongs to, nor for
// a trigger written as more than a trigger.
func consumes(key string, items []catalogueItem) bool {
	switch key {
	case "contributing_factors":
		return false
	case "trigger":
		var texts []string
		for _, it := range items {
			texts = append(texts, it.Text)
		}
		_, whole := catalogueTrigger(strings.Join(texts, "\n\n"))
		return whole
	}
	return true
}

// catalogueItems collects values from line from on: list items (with
// their continuation lines), else paragraphs, up to line limit (a
// section's body) or, for a label's values (section false), the end of
// the first list or paragraph. It returns the line after the last one
// read.
func (cr *catalogueReader) items(from, limit int, section bool) (int, []catalogueItem) {
	i := from
	for i < limit && (cr.lines[i].kind == kBlank || cr.lo.dropped(i)) {
		i++
	}
	if i >= limit || cr.lines[i].kind == kHeading {
		return from, nil
	}
	first := &cr.lines[i]
	var c itemCollector
	end := i
	for ; i < limit; i++ {
		l := &cr.lines[i]
		if l.kind == kHeading || !section && !sameValues(first, l) {
			break
		}
		if cr.lo.dropped(i) || l.kind == kBlank || l.kind == kHTML || l.kind == kUnder || strings.TrimSpace(l.text) == "" {
			continue
		}
		end = i + 1
		c.add(l, i > 0 && cr.lines[i-1].block == l.block)
	}
	if len(c.items) > 0 {
		return end, c.items
	}
	return end, c.paras
}

// sameValues reports whether line l still holds a label's values, which
// start at line first: its list, or its own paragraph (blank lines
// between them do not end it).
func sameValues(first, l *line) bool {
	if l.kind == kBlank {
		return true
	}
	if first.depth > 0 {
		return l.depth > 0 && l.listID == first.listID
	}
	return l.block == first.block
}

// itemCollector gathers list items (with their continuation lines) and
// paragraphs, whichever the values turn out to be written as.
type itemCollector struct {
	items, paras []catalogueItem
}

func (c *itemCollector) add(l *line, sameBlockAsPrev bool) {
	text := strings.TrimSpace(l.text)
	switch {
	case l.depth > 0 && l.item:
		c.items = append(c.items, catalogueItem{text, Position{l.n, l.col}})
	case l.depth > 0 && len(c.items) > 0:
		c.items[len(c.items)-1].Text += " " + text // an item's next line
	case len(c.paras) > 0 && sameBlockAsPrev:
		c.paras[len(c.paras)-1].Text += "\n" + text
	default:
		c.paras = append(c.paras, catalogueItem{text, Position{l.n, l.col}})
	}
}
