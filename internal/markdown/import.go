package markdown

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// Import reads a Markdown postmortem. The error is only for input that is
// not a usable text file (document.CheckText: over document.MaxSize, a NUL
// byte, invalid UTF-8); everything else a report gets wrong is a
// Diagnostic. Cost is linear in the input: goldmark parses once (fenced
// Markdown blocks once more), and every later pass walks the lines.
func Import(name string, src []byte) (*Report, error) {
	if err := document.CheckText(name, src); err != nil {
		return nil, err
	}
	sc := scratchPool.Get().(*scratch)
	lines, text := scanLines(src, sc.lines)
	return importLines(name, src, text, sc, lines), nil
}

// importLines is Import's own passes over the lines scanLines made from
// src (text is src as a string).
func importLines(name string, src []byte, text string, sc *scratch, lines []line) *Report {
	im := &importer{
		sc:   sc,
		name: name, src: src,
		lines: lines,
		rep: &Report{Name: name, Source: src, Text: text, Doc: &document.Document{Version: document.CurrentVersion,
			Source: &document.Source{Name: name, Positions: make(map[string]document.Position, 64)}}},
	}
	sc.lines = im.lines
	im.drop = zeroed(sc.drop, len(im.lines))
	im.meta = zeroed(sc.meta, len(im.lines))
	sc.drop, sc.meta = im.drop, im.meta
	defer sc.put(im)
	im.findLeftovers()
	im.findTitle()
	im.findMetadata()
	im.readCatalogue() // catalogue.go
	im.findSections()
	im.findZone()
	im.findDate()
	im.fill()
	im.resolveTimes()
	readEvidenceLinks(im.rep.Doc)
	im.inferMilestones()
	im.checkZoneContradictions()
	im.finishTitle()
	byLine := func(a, b Position) bool { return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col }
	sort.SliceStable(im.rep.Leftovers, func(a, b int) bool { return byLine(im.rep.Leftovers[a].Position, im.rep.Leftovers[b].Position) })
	sort.SliceStable(im.rep.Diagnostics, func(a, b int) bool { return byLine(im.rep.Diagnostics[a].Position, im.rep.Diagnostics[b].Position) })
	return im.rep
}

// scratch holds an import's per-line tables for the next import: nothing
// in a Report points into them (its strings are slices of the source's
// copy, its entries and sections are copied out), so they are free once
// Import returns.
type scratch struct {
	lines   []line
	drop    []string
	meta    []bool
	entries []entrySlot
	entryOf []int32
	pending []pendingEntry
	// kinds remembers classifyHeading's answers from import to import
	// (the scratch is reused by one goroutine at a time): the reports of
	// one repository repeat their template's headings.
	kinds map[string][]string
}

// maxKinds bounds the remembered headings of one scratch.
const maxKinds = 1024

// classify is classifyHeading(text), remembered for short texts. The
// answer is a function of the text alone; a remembered list is shared by
// the reports that get it, as oneKind's are (kinds are only read), and is
// kept at capacity = length so that an append copies it. Keys are copies:
// a text is a slice of its file, which must not stay alive for it.
func (im *importer) classify(text string) []string {
	sc := im.sc
	if ks, ok := sc.kinds[text]; ok {
		return ks
	}
	ks := classifyHeading(text)
	if len(text) <= 80 {
		if sc.kinds == nil || len(sc.kinds) >= maxKinds {
			sc.kinds = make(map[string][]string, 64)
		}
		ks = ks[:len(ks):len(ks)]
		sc.kinds[strings.Clone(text)] = ks
	}
	return ks
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// put returns the tables to the pool (with the ones im grew), without
// the strings of the file read, so that a pooled table keeps no source
// alive.
func (sc *scratch) put(im *importer) {
	clear(sc.lines)
	clear(sc.drop)
	if cap(im.entries) > cap(sc.entries) {
		sc.entries = im.entries
	}
	if cap(im.entryOf) > cap(sc.entryOf) {
		sc.entryOf = im.entryOf
	}
	if cap(im.pending) > cap(sc.pending) {
		sc.pending = im.pending
	}
	// Only what this import appended can be dirty: the pooled arrays are
	// zero past it (each import clears what it used, and a grown array
	// is zero past its length), and im's are the arrays it appended to.
	clear(im.entries)
	clear(im.pending)
	sc.entries, sc.pending = sc.entries[:0], sc.pending[:0]
	scratchPool.Put(sc)
}

// zeroed returns buf resized to n elements, all zero, reusing its array
// when it is large enough.
func zeroed[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}

type importer struct {
	sc    *scratch // tables to reuse
	name  string
	src   []byte
	lines []line
	rep   *Report
	// drop holds the leftover kind of lines that are not content
	// ("instruction", "example", "placeholder", "comment"), "" otherwise.
	drop []string
	// meta marks lines read as metadata (Severity, Status, Authors, Date).
	meta []bool

	bodyBuf []bodyLine // body's array, reused section by section

	titleLine int // 1-based, 0 if none
	zone      *timeparse.Zone
	// inferred is the zone the text writes its times in when it declares
	// none ("11:00 am MT" in the summary); used with a warning.
	inferred     *timeparse.Zone
	inferredLine int
	date         time.Time // the incident's civil date in the report's zone
	dateFrom     string
	metaDate     time.Time

	// milestoneColumn: the timeline is a table that states milestones.
	milestoneColumn bool
	// sections as found, with the line ranges of their bodies
	secs []*sec
	// entries before times are resolved
	pending []pendingEntry
	// resolved is the document resolved by inferMilestones (nil if it
	// did not), before it set any milestone.
	resolved *document.Resolved
	// entries holds parseEntry's answers, entryOf[i] the index+1 in it
	// of line i's (nil until the first): a timeline line is asked about
	// by the leftover, section and timeline passes alike.
	entries []entrySlot
	entryOf []int32
}

type entrySlot struct {
	s  string
	e  entryLine
	ok bool
}

// parseEntryAt is parseEntry(s) for a text s of line i (0-based), asked
// once while the line is asked about the same text. parseEntry is a
// function of its text alone, so the answer kept for s is its answer.
func (im *importer) parseEntryAt(i int, s string) (entryLine, bool) {
	if !mayStartWithClock(s) {
		// parseEntry's own first test: prose (most paragraphs) is
		// answered without keeping anything.
		return entryLine{}, false
	}
	if im.entryOf == nil {
		im.entryOf = zeroed(im.sc.entryOf, len(im.lines))
		im.entries = im.sc.entries[:0]
		if cap(im.entries) == 0 {
			im.entries = make([]entrySlot, 0, min(len(im.lines), 32))
		}
	}
	if k := im.entryOf[i]; k > 0 && im.entries[k-1].s == s {
		return im.entries[k-1].e, im.entries[k-1].ok
	}
	e, ok := parseEntry(s)
	im.entries = append(im.entries, entrySlot{s, e, ok})
	im.entryOf[i] = int32(len(im.entries))
	return e, ok
}

type sec struct {
	Section
	kinds []string
	// first, last are the 1-based body lines; rest is text after a label
	// on the label's own line.
	first, last int
	rest        string
	restCol     int
	headLine    int
	// meta is "date", "authors", "status" or "severity" for a heading
	// that holds metadata rather than a section (Google's template).
	meta string
}

// weakLabels are section names that are also everyday words; followed by
// text on the same line they are prose ("Fix: ..."), alone they label.
var weakLabels = map[string]bool{"fix": true, "cause": true, "causes": true, "events": true, "tasks": true,
	"actions": true, "description": true, "overview": true, "mitigation": true, "recovery": true, "todo": true,
	"to do": true, "detected": true, "what happened": true, "abstract": true}

// hasWordBullet is wordBullet.MatchString(s): the pattern is anchored
// and its alternatives are fixed strings.
func hasWordBullet(s string) bool {
	for _, p := range [...]string{"•", "◦", "▪", "●", "·", "o\t"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

var metaHeadings = map[string]string{"date": "date", "incident date": "date", "authors": "authors", "author": "authors",
	"owner": "authors", "owners": "authors", "status": "status", "severity": "severity", "incident severity": "severity"}

type pendingEntry struct {
	Entry
	e        entryLine
	date     time.Time // a date the text gives for this entry (date line or inline)
	dateSaid bool
	mile     string
	more     []string // continuation lines
}

func (im *importer) diag(l, c int, format string, args ...any) {
	im.rep.Diagnostics = append(im.rep.Diagnostics, Diagnostic{Position{l, max(c, 1)}, fmt.Sprintf(format, args...)})
}

func (im *importer) set(path string, l, c int) {
	im.rep.Doc.Source.Set(path, document.Position{Line: l, Column: max(c, 1)})
}

// ---------------------------------------------------------------- leftovers

func (im *importer) findLeftovers() {
	ls := im.lines
	// Admonition blockquotes: the whole quote, but not lazy continuation
	// lines (a "> " line followed by "All times are UTC." without a blank
	// line keeps that line in the quote's paragraph).
	var adm map[int]bool // nil (reads as false) until a quote is one
	for i := range ls {
		if ls[i].quote > 0 && !adm[ls[i].quoteID] && admonition.MatchString(strings.TrimLeft(ls[i].text, "> ")) {
			if adm == nil {
				adm = map[int]bool{}
			}
			adm[ls[i].quoteID] = true
		}
	}
	for i := range ls {
		if ls[i].quote > 0 && adm[ls[i].quoteID] && strings.HasPrefix(strings.TrimSpace(ls[i].raw), ">") {
			im.drop[i] = "instruction"
		}
		if ls[i].kind == kHTML || ls[i].kind == kFront {
			im.drop[i] = "comment"
		}
		// MkDocs admonitions ("!!! note") and their indented body
		// the pattern is anchored at "!!!"
		if ls[i].kind == kText && strings.HasPrefix(ls[i].raw, "!!!") && mkdocsAdmonition.MatchString(ls[i].raw) {
			for j := i; j < len(ls) && (j == i || strings.HasPrefix(ls[j].raw, "    ") || strings.HasPrefix(ls[j].raw, "\t")); j++ {
				im.drop[j] = "instruction"
			}
		}
	}
	// Paragraphs (or list items) of template sentences, placeholders and
	// EXAMPLE labels.
	var para []string
	for start := 0; start < len(ls); {
		end := start + 1
		if ls[start].kind != kText || im.drop[start] != "" {
			start = end
			continue
		}
		for end < len(ls) && ls[end].kind == kText && ls[end].block == ls[start].block && !ls[end].item && im.drop[end] == "" {
			end++
		}
		text := ls[start].text
		if end-start > 1 {
			para = para[:0]
			for i := start; i < end; i++ {
				para = append(para, ls[i].text)
			}
			text = strings.Join(para, " ")
		}
		var e entryLine
		var ok bool
		if end-start == 1 {
			e, ok = im.parseEntryAt(start, text)
		} else {
			e, ok = parseEntry(text) // a joined paragraph is asked about once
		}
		if ok && e.text != "" {
			text = e.text // an example timeline entry without its time
		}
		switch {
		case isExampleLabel(text):
			im.dropRange(start, end, "example")
		case hasPlaceholder(text) && ls[start].fence != "" || strings.Count(text, "{") >= 2 && hasPlaceholder(text):
			im.dropRange(start, end, "placeholder")
		case isItalicInstruction(text):
			im.dropRange(start, end, "instruction")
		case labelledInstruction(text):
			im.dropRange(start, end, "instruction")
		default:
			if kind, share := templateMatch(text); share >= 0.6 {
				im.dropRange(start, end, kind)
				break
			}
			// a line of instructions at the top of a paragraph of content
			for i := start; i < end; i++ {
				if end-start == 1 {
					// the paragraph check above already saw this line
				} else if kind, share := templateMatch(ls[i].text); share >= 0.6 {
					im.drop[i] = kind
				}
				if im.drop[i] == "" && hasPlaceholder(ls[i].text) {
					// a real sentence with a {TOKEN} left in: the token
					// goes (body drops it), the sentence stays
					for _, m := range placeholder.FindAllStringIndex(ls[i].text, -1) {
						if hasPlaceholder(ls[i].text[m[0]:m[1]]) {
							im.rep.Leftovers = append(im.rep.Leftovers, Leftover{Position: Position{ls[i].n, ls[i].col + utf8.RuneCountInString(ls[i].text[:m[0]])}, EndLine: ls[i].n, Kind: "placeholder", Text: ls[i].text[m[0]:m[1]]})
						}
					}
				}
			}
		}
		start = end
	}
	// An EXAMPLE label followed only by leftovers makes the lines it left
	// (the example's "All times are UTC.") example text too.
	for i := range ls {
		if im.drop[i] != "example" || !isExampleLabel(ls[i].text) {
			continue
		}
		var kept []int
		allDropped := true
		for j := i + 1; j < len(ls) && j < i+400 && ls[j].kind != kHeading; j++ {
			if strings.TrimSpace(ls[j].raw) == "" || ls[j].kind == kUnder {
				continue
			}
			if im.drop[j] == "" {
				if im.isZoneLine(j) && len(kept) == 0 {
					kept = append(kept, j)
					continue
				}
				allDropped = false
				break
			}
		}
		if allDropped {
			for _, j := range kept {
				im.drop[j] = "example"
			}
		}
	}
	// A Markdown fence whose content is all leftovers is a leftover (the
	// v2 template's ```md example blocks).
	for i := range ls {
		if ls[i].kind == kUnder && strings.HasPrefix(ls[i].fence, "open:") {
			j := i + 1
			allDropped, any := true, false
			for j < len(ls) && !(ls[j].kind == kUnder && isFence(ls[j].raw)) {
				if strings.TrimSpace(ls[j].raw) != "" {
					any = true
					if im.drop[j] == "" && ls[j].kind != kUnder {
						allDropped = false
					}
				}
				j++
			}
			if any && allDropped && j < len(ls) {
				im.drop[i], im.drop[j] = "example", "example"
			}
		}
	}
	// Record leftovers, merging neighbouring lines of one kind.
	for i := 0; i < len(ls); i++ {
		k := im.drop[i]
		if k == "" || k == "comment" {
			continue
		}
		j := i
		for j+1 < len(ls) && (im.drop[j+1] == k || strings.TrimSpace(ls[j+1].raw) == "" && j+2 < len(ls) && im.drop[j+2] == k) {
			j++
		}
		im.rep.Leftovers = append(im.rep.Leftovers, Leftover{Position: Position{ls[i].n, ls[i].col}, EndLine: ls[j].n, Kind: k, Text: strings.TrimSpace(ls[i].text)})
		i = j
	}
	sort.SliceStable(im.rep.Leftovers, func(a, b int) bool { return im.rep.Leftovers[a].Line < im.rep.Leftovers[b].Line })
}

func (im *importer) dropRange(a, b int, kind string) {
	for i := a; i < b; i++ {
		im.drop[i] = kind
	}
}

// ------------------------------------------------------------------- title

var (
	frontTitle       = regexp.MustCompile(`^title:\s*(.+)$`)
	titleWords       = regexp.MustCompile(`(?i)^(?:incident|post[- ]?mortem|outage|incident report|retrospective|rca)\b`)
	titlePlaceholder = regexp.MustCompile(`(?i)YYYY-MM-DD(?:[ T]HH[-:]mm(?:[-:]ss)?)?`)
	titleStamp       = regexp.MustCompile(`(\d{4})-(\d{2})-(\d{2})(?:[ T_]+(\d{1,2})[-:](\d{2})(?:[-:](\d{2}))?)?(?:\s*(UTC|GMT|Z|[A-Z]{2,4}|[+\-]\d{2}:?\d{2}))?`)
)

// hasTitlePlaceholder is titlePlaceholder.MatchString(s): every match
// starts with YYYY-MM-DD in some case, and (?i) folds none of Y, M, D
// onto a character outside ASCII, so ASCII text without it has none.
func hasTitlePlaceholder(s string) bool {
	if isASCII(s) && indexFoldASCII(s, "yyyy-mm-dd") < 0 {
		return false
	}
	return titlePlaceholder.MatchString(s)
}

func (im *importer) findTitle() {
	for i := range im.lines {
		l := &im.lines[i] // not a copy: a line is 150 bytes
		if l.kind != kFront {
			break
		}
		if m := frontTitle.FindStringSubmatch(l.raw); m != nil {
			t := strings.Trim(strings.TrimSpace(m[1]), `"'`)
			im.titleLine = l.n
			im.rep.Title = &Title{Text: t, Position: Position{l.n, 1 + strings.Index(l.raw, m[1])}}
			im.rep.Doc.Title = t
			im.set("title", l.n, im.rep.Title.Col)
			return
		}
	}
	for i := range im.lines {
		l := &im.lines[i] // not a copy: a line is 150 bytes
		if im.drop[i] != "" || l.kind == kBlank || l.kind == kUnder || l.kind == kRule || l.kind == kFront {
			continue
		}
		t := strings.TrimSpace(stripEmphasis(l.text))
		switch {
		case l.kind == kHeading && len(im.classify(t)) == 0:
		case l.kind == kText && i < 5 && titleWords.MatchString(t) && len(t) < 200:
		default:
			return
		}
		im.titleLine = l.n
		lvl := 0
		if l.kind == kHeading {
			lvl = l.level
		}
		im.rep.Title = &Title{Text: t, Position: Position{l.n, l.col}, Level: lvl, Placeholder: hasTitlePlaceholder(t)}
		im.set("title", l.n, l.col)
		if im.rep.Title.Placeholder {
			im.rep.Leftovers = append(im.rep.Leftovers, Leftover{Position: Position{l.n, l.col}, EndLine: l.n, Kind: "title", Text: t})
		} else {
			im.rep.Doc.Title = t
		}
		return
	}
}

// finishTitle empties a title the renderer would compute anyway, so that
// a rendered report imports to the document it came from.
func (im *importer) finishTitle() {
	doc := im.rep.Doc
	if doc.Title != "Incident" && !strings.HasPrefix(doc.Title, "Incident: ") {
		return // not a default title (DefaultTitle is one of those two forms)
	}
	if im.resolved == nil {
		r, _ := document.Resolve(doc)
		if r.DefaultTitle() == doc.Title {
			doc.Title = ""
		}
		return
	}
	// inferMilestones resolved the document's times already; only the
	// milestones changed since, and DefaultTitle reads the time of the
	// first "resolved" entry, else the impact's start (given, or the
	// first "started" entry), as Resolve records them.
	r := im.resolved
	first := func(name string) time.Time {
		for i, ev := range doc.Timeline {
			if ev.Milestone == name && !r.Times[i].IsZero() {
				return r.Times[i]
			}
		}
		return time.Time{}
	}
	t := first("resolved")
	if t.IsZero() {
		t = r.ImpactStart
		if doc.Impact.Start == "" {
			t = first("started")
		}
	}
	def := (&document.Resolved{Milestones: map[string]time.Time{"resolved": t}}).DefaultTitle()
	if def == doc.Title {
		doc.Title = ""
	}
}

// ---------------------------------------------------------------- metadata

var metaField = regexp.MustCompile(`(?i)(?:^|·|\|)\s*(?:\*\*|__)?\s*(severity|status|authors?|date|incident date|sev|priority)\s*:\s*(?:\*\*|__)?\s*([^·|]*)`)

// mayHoldMetaField is metaField's precondition: a colon and, at the
// start of s or after a "|" (ASCII text has no "·"), past spaces and an
// optional "**" or "__", one of its field names in any case. Every match
// starts there: the pattern's names follow its (?:^|·|\|)\s*(?:\*\*|__)?\s*
// directly, and a name never starts with "*" or "_", so taking the
// emphasis whenever it is there loses no match. Non-ASCII text is passed
// to the pattern (case folding maps "ſ" onto "s").
func mayHoldMetaField(s string) bool {
	if !strings.Contains(s, ":") {
		return false
	}
	if !isASCII(s) {
		return true
	}
	space := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	for at := 0; ; {
		i := at
		for i < len(s) && space(s[i]) {
			i++
		}
		if i+1 < len(s) && (s[i] == '*' && s[i+1] == '*' || s[i] == '_' && s[i+1] == '_') {
			i += 2
		}
		for i < len(s) && space(s[i]) {
			i++
		}
		if i < len(s) {
			r := s[i:]
			switch s[i] | 0x20 {
			case 's':
				if hasPrefixFoldASCII(r, "sev") || hasPrefixFoldASCII(r, "status") {
					return true
				}
			case 'a':
				if hasPrefixFoldASCII(r, "author") {
					return true
				}
			case 'd':
				if hasPrefixFoldASCII(r, "date") {
					return true
				}
			case 'i':
				if hasPrefixFoldASCII(r, "incident date") {
					return true
				}
			case 'p':
				if hasPrefixFoldASCII(r, "priority") {
					return true
				}
			}
		}
		bar := strings.IndexByte(s[at:], '|')
		if bar < 0 {
			return false
		}
		at += bar + 1
	}
}

// hasPrefixFoldASCII is strings.HasPrefix(strings.ToLower(s), w) for
// ASCII s and lower-case w.
func hasPrefixFoldASCII(s, w string) bool {
	if len(s) < len(w) {
		return false
	}
	for k := 0; k < len(w); k++ {
		if lowerASCII(s[k]) != w[k] {
			return false
		}
	}
	return true
}

// indexFoldASCII is strings.Index(strings.ToLower(s), w) for ASCII s and
// a lower-case w: on ASCII text ToLower maps A-Z alone and keeps offsets.
func indexFoldASCII(s, w string) int {
	for i := 0; i+len(w) <= len(s); i++ {
		if lowerASCII(s[i]) != w[0] {
			continue
		}
		k := 1
		for k < len(w) && lowerASCII(s[i+k]) == w[k] {
			k++
		}
		if k == len(w) {
			return i
		}
	}
	return -1
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func (im *importer) findMetadata() {
	for i := range im.lines {
		l := &im.lines[i] // not a copy: a line is 150 bytes
		if im.drop[i] != "" || (l.kind != kText && l.kind != kTable) || l.item {
			continue
		}
		t := l.text
		if l.kind == kTable {
			cells := tableCells(l.raw)
			if len(cells) != 2 {
				continue
			}
			t = strings.TrimSpace(stripEmphasis(cells[0])) + ": " + strings.TrimSpace(cells[1])
		}
		if !mayHoldMetaField(t) {
			continue
		}
		ms := metaField.FindAllStringSubmatch(t, -1)
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
		doc := im.rep.Doc
		for _, m := range ms {
			v := strings.TrimSpace(strings.Trim(strings.TrimSpace(m[2]), "*_"))
			switch strings.ToLower(m[1]) {
			case "severity", "sev", "priority":
				doc.Severity = v
				im.set("severity", l.n, l.col)
			case "status":
				if s := strings.ToLower(v); slices.Contains(document.Statuses, s) {
					doc.Status = s
					im.set("status", l.n, l.col)
				}
			case "authors", "author":
				for _, a := range strings.Split(v, ",") {
					if a = strings.TrimSpace(a); a != "" {
						doc.Authors = append(doc.Authors, a)
					}
				}
				im.set("authors", l.n, l.col)
			case "date", "incident date":
				if d, _, ok := findDate(v, 0); ok {
					im.metaDate = d
				}
			}
		}
		im.meta[i] = true
	}
}

// ---------------------------------------------------------------- sections

func (im *importer) findSections() {
	// The deepest level a recognised section heading uses: an unknown
	// heading deeper than that belongs to the section above it ("### What
	// went well" under "## Lessons learned"); one at or above it starts a
	// section of its own (the course template mixes # and ##).
	noHeadings := true
	sectionLevel := 0
	// headKinds holds classifyHeading of the heading lines, in order,
	// asked once here for the levels and read again below (the same
	// lines' same text; the loop below visits some of them, in order).
	type headingKinds struct {
		i     int
		kinds []string
	}
	var hkBuf [32]headingKinds // a report has a dozen headings: no allocation
	headKinds := hkBuf[:0]
	for i := range im.lines {
		l := &im.lines[i] // not a copy: a line is 150 bytes
		if l.kind == kHeading && l.n != im.titleLine && im.drop[i] == "" {
			noHeadings = false
			kinds := im.classify(l.text)
			headKinds = append(headKinds, headingKinds{i, kinds})
			if len(kinds) > 0 {
				sectionLevel = max(sectionLevel, l.level)
			}
		}
	}
	var cur *sec
	// The sections are allocated a slab at a time (a pointer into a full
	// slab stays valid: a new slab is made, never the old one grown).
	var slab []sec
	newSec := func(s sec) *sec {
		if len(slab) == cap(slab) {
			slab = make([]sec, 0, max(8, len(headKinds)+2))
		}
		slab = append(slab, s)
		return &slab[len(slab)-1]
	}
	im.secs = make([]*sec, 0, len(headKinds)+2)
	open := func(s *sec) {
		if cur != nil {
			cur.last = s.headLine - 1
		}
		cur = s
		im.secs = append(im.secs, s)
	}
	for i := range im.lines {
		l := &im.lines[i] // not a copy: a line is 150 bytes
		if im.drop[i] != "" || l.n == im.titleLine || im.meta[i] {
			continue
		}
		switch l.kind {
		case kHeading:
			for headKinds[0].i < i {
				headKinds = headKinds[1:]
			}
			kinds := headKinds[0].kinds // this line passed the first loop's test too
			if len(kinds) == 0 {
				if _, ok := dateLine(l.text, 0); ok && cur != nil {
					continue // a date grouping timeline entries
				}
				if _, ok := im.parseEntryAt(i, l.text); ok && cur != nil && slices.Contains(cur.kinds, "timeline") {
					continue // "### 19:34 - Alert fired": an entry written as a heading
				}
				if cur != nil && (sectionLevel > 0 && l.level > sectionLevel || sectionLevel == 0 && cur.Level > 0 && l.level > cur.Level) {
					continue // a sub-heading of the section
				}
			}
			s := newSec(sec{Section: Section{Kinds: kinds, Heading: strings.TrimSpace(stripEmphasis(l.text)), Position: Position{l.n, l.col}, Level: l.level}, kinds: kinds, headLine: l.n, first: l.n + 1})
			if len(kinds) == 0 {
				s.meta = metaHeadings[normHeading(l.text)]
			}
			open(s)
		case kText:
			if l.depth > 0 || l.quote > 0 || hasWordBullet(l.text) {
				continue
			}
			first := i == 0 || im.lines[i-1].block != l.block || im.lines[i-1].kind != kText
			kinds, label, rest, ok := labelLine(l.text, im.classify)
			plain := noHeadings && first && rest == ""
			if !ok {
				// a plain-text report's own headings: "Lessons Learned"
				if plain && i != im.titleLine-1 && looksLikeHeading(l.text) && i+1 < len(im.lines) && im.lines[i+1].kind == kText && im.lines[i+1].block == l.block {
					s := newSec(sec{Section: Section{Heading: strings.TrimSpace(l.text), Position: Position{l.n, l.col}}, headLine: l.n, first: l.n + 1})
					open(s)
				}
				continue
			}
			// a bare word on a line inside running prose is not a label
			// unless it ends with a colon or is emphasised or alone
			alone := first && (i+1 >= len(im.lines) || im.lines[i+1].block != l.block || im.lines[i+1].kind != kText)
			marked := strings.Contains(l.text, ":") || strings.HasPrefix(l.text, "*") || strings.HasPrefix(l.text, "_")
			if !marked && !alone && !plain {
				continue
			}
			// "Fix: raise the pool size" in a list of actions is not a
			// Resolution section: a label with text after it must start
			// its paragraph and be a section name, not an everyday word.
			if rest != "" && (!first || weakLabels[normHeading(label)]) {
				continue
			}
			if cur != nil && slices.Contains(cur.kinds, "timeline") {
				if _, isEntry := im.parseEntryAt(i, l.text); isEntry {
					continue
				}
			}
			s := newSec(sec{Section: Section{Kinds: kinds, Heading: label, Position: Position{l.n, l.col}}, kinds: kinds, headLine: l.n, first: l.n + 1, rest: rest})
			if rest != "" {
				s.restCol = l.col + strings.Index(l.text, rest)
			}
			open(s)
		}
	}
	if cur != nil {
		cur.last = len(im.lines)
	}
	if n := len(im.secs); n > 0 {
		content := 0
		for _, s := range im.secs {
			if s.meta == "" {
				content++
			}
		}
		if content > 0 {
			im.rep.Sections = make([]Section, 0, content)
		}
	}
	for _, s := range im.secs {
		s.BodyStart, s.BodyEnd = s.first, s.last
		if s.rest != "" {
			s.BodyStart = s.headLine
		}
		// The body spans its non-blank lines, template leftovers included
		// (a linter points at them); Empty says nothing else is there.
		for s.BodyEnd >= s.BodyStart && im.blankLine(s.BodyEnd) {
			s.BodyEnd--
		}
		for s.BodyStart <= s.BodyEnd && im.blankLine(s.BodyStart) && !(s.rest != "" && s.BodyStart == s.headLine) {
			s.BodyStart++
		}
		if s.meta != "" {
			continue
		}
		s.Empty = s.rest == ""
		for n := max(s.BodyStart, s.first); n <= s.BodyEnd && s.Empty; n++ {
			if !im.blankOrDropped(n) {
				s.Empty = false
			}
		}
		im.rep.Sections = append(im.rep.Sections, s.Section)
	}
}

// blankLine is a line with nothing on it for a reader: blank, a fence
// delimiter, a comment, front matter or metadata.
func (im *importer) blankLine(n int) bool {
	if n < 1 || n > len(im.lines) {
		return true
	}
	l := &im.lines[n-1]
	return l.kind == kBlank || l.kind == kUnder || im.drop[n-1] == "comment" || im.meta[n-1] || strings.TrimSpace(l.raw) == ""
}

func (im *importer) blankOrDropped(n int) bool {
	if n < 1 || n > len(im.lines) {
		return true
	}
	l := &im.lines[n-1]
	return l.kind == kBlank || l.kind == kUnder || im.drop[n-1] != "" || im.meta[n-1] || strings.TrimSpace(l.raw) == ""
}

// looksLikeHeading is a short Title Case line with no end punctuation,
// the way a report pasted from a word processor writes its headings.
func looksLikeHeading(s string) bool {
	t := strings.TrimSpace(s)
	words := strings.Fields(t)
	if len(words) == 0 || len(words) > 5 || strings.ContainsAny(t[len(t)-1:], ".,;:!?") {
		return false
	}
	if !strings.ContainsFunc(t, unicode.IsLetter) {
		return false
	}
	for _, w := range words {
		r := []rune(w)[0]
		if !unicode.IsUpper(r) && len(w) > 3 {
			return false
		}
	}
	return true
}

// -------------------------------------------------------------------- zone

func (im *importer) findZone() {
	var decls []ZoneDecl
	var zones []timeparse.Zone
	for i := range im.lines {
		l := &im.lines[i] // not a copy: a line is 150 bytes
		if im.drop[i] != "" || l.kind == kCode {
			continue
		}
		if l.zone == 1 {
			continue // findLeftovers asked already
		}
		z, txt, ok := findZone(l.text)
		im.lines[i].zone = 1
		if ok {
			im.lines[i].zone = 2
			decls = append(decls, ZoneDecl{Name: z.Name, Text: strings.TrimSpace(txt), Position: Position{l.n, l.col + strings.Index(stripEmphasis(l.text), txt)}})
			zones = append(zones, z)
		}
	}
	// "Timeline (MST)", a table's "Time (UTC)" column
	for _, s := range im.secs {
		if !slices.Contains(s.kinds, "timeline") {
			continue
		}
		if m := headingZone.FindStringSubmatch(im.lines[s.headLine-1].text); m != nil {
			if z, err := timeparse.ParseZone(m[1]); err == nil {
				decls = append(decls, ZoneDecl{Name: z.Name, Text: m[0], Position: Position{s.Line, s.Col}})
				zones = append(zones, z)
			}
		}
		for n := s.first; n <= s.last && n <= len(im.lines); n++ {
			l := &im.lines[n-1]
			if l.kind == kTable && l.tableRow == 0 {
				if m := headingZone.FindStringSubmatch(l.text); m != nil {
					if z, err := timeparse.ParseZone(m[1]); err == nil {
						decls = append(decls, ZoneDecl{Name: z.Name, Text: m[0], Position: Position{l.n, l.col}})
						zones = append(zones, z)
					}
				}
			}
		}
	}
	if len(decls) == 0 && im.rep.Title != nil {
		if m := titleStamp.FindStringSubmatch(im.rep.Title.Text); m != nil && m[4] != "" && m[7] != "" {
			if z, err := timeparse.ParseZone(m[7]); err == nil {
				decls = append(decls, ZoneDecl{Name: z.Name, Text: m[7], Position: im.rep.Title.Position})
				zones = append(zones, z)
			}
		}
	}
	if len(decls) == 0 {
		im.inferZone()
		return
	}
	im.rep.Zone = &decls[0]
	im.zone = &zones[0]
	im.rep.Doc.Timezone = zones[0].Name
	im.set("timezone", decls[0].Line, decls[0].Col)
	for i := 1; i < len(decls); i++ {
		if decls[i].Name != decls[0].Name {
			im.diag(decls[i].Line, decls[i].Col, "the report declares times in %s here but in %s at line %d; using %s", decls[i].Name, decls[0].Name, decls[0].Line, decls[0].Name)
		}
	}
}

// inferZone looks for times written with a zone in the text of a report
// that declares none; if they all agree, that zone is the report's.
func (im *importer) inferZone() {
	var found *timeparse.Zone
	line := 0
	for i := range im.lines {
		l := &im.lines[i] // not a copy: a line is 150 bytes
		if im.drop[i] != "" || l.kind == kCode || l.kind == kTable {
			continue
		}
		if indexDigit(l.text) < 0 {
			continue
		}
		var buf [4][6]int
		for _, x := range appendZoneMentions(buf[:0], l.text) {
			when, zone := l.text[x[2]:x[3]], l.text[x[4]:x[5]]
			if !strings.Contains(when, ":") && !hasMeridiem(when) {
				continue
			}
			z, err := timeparse.ParseZone(zone)
			if err != nil {
				continue
			}
			if found == nil {
				found, line = &z, l.n
			} else if found.Name != z.Name && !(found.IsUTC() && z.IsUTC()) {
				return // the text mixes zones: no guess
			}
		}
	}
	im.inferred, im.inferredLine = found, line
}

// hasMeridiem is `(?i)[ap]\.?m` matched by hand (meridiemRe in the
// tests): none of a, p, m folds onto a character other than its own
// upper case, so the bytes decide.
func hasMeridiem(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if c := s[i] | 0x20; c != 'a' && c != 'p' {
			continue
		}
		j := i + 1
		if s[j] == '.' {
			j++
		}
		if j < len(s) && s[j]|0x20 == 'm' {
			return true
		}
	}
	return false
}

// zoneMention is a time written with an explicit zone in prose.
var zoneMention = regexp.MustCompile(`(?i)\b(\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)\s*\(?\b(UTC|GMT|MST|MDT|MT|PST|PDT|PT|EST|EDT|ET|CST|CDT|CT)\b`)

// isZoneWord is zoneWords[string(w[:n])] for n of 2 or 3, without the
// map: the bytes packed into one number, compared with the names'.
func isZoneWord(w [3]byte, n int) bool {
	if n == 2 {
		switch uint32(w[0])<<8 | uint32(w[1]) {
		case 'm'<<8 | 't', 'p'<<8 | 't', 'e'<<8 | 't', 'c'<<8 | 't':
			return true
		}
		return false
	}
	switch uint32(w[0])<<16 | uint32(w[1])<<8 | uint32(w[2]) {
	case 'u'<<16 | 't'<<8 | 'c', 'g'<<16 | 'm'<<8 | 't', 'm'<<16 | 's'<<8 | 't', 'm'<<16 | 'd'<<8 | 't',
		'p'<<16 | 's'<<8 | 't', 'p'<<16 | 'd'<<8 | 't', 'e'<<16 | 's'<<8 | 't', 'e'<<16 | 'd'<<8 | 't',
		'c'<<16 | 's'<<8 | 't', 'c'<<16 | 'd'<<8 | 't':
		return true
	}
	return false
}

// appendZoneMentions appends zoneMention.FindAllStringSubmatchIndex(s,
// -1) to dst (a caller's stack array, mostly), a match's six indexes in
// an array rather than a slice, read by hand zone name by zone name:
// every match ends with a zone name (a whole \w word); what comes before
// it in a match (digits, ":", ".", spaces, am/pm, "(") cannot include a
// "t", which every zone name has, so a match starts in the run of those
// characters just before its zone name, and that name is the first zone
// name at or after where the match starts. So each zone name in turn is
// tried from the start of the run before it (not before the previous
// match's end) up to itself, and text without a zone name after the last
// match holds no more. Lines with a long s run the pattern.
func appendZoneMentions(dst [][6]int, s string) [][6]int {
	// Read by hand on any text without a long s: (?i) folds none of the
	// pattern's letters outside ASCII but "s" (onto "ſ"), \b, \d and \s
	// are ASCII, and a byte of a multi-byte character is no word byte,
	// digit or space here, as the character is none to the pattern.
	if strings.Contains(s, "\u017f") {
		for _, m := range zoneMention.FindAllStringSubmatchIndex(s, -1) {
			dst = append(dst, [6]int(m))
		}
		return dst
	}
	out := dst
	for from := 0; ; {
		w, we := nextZoneWord(s, from)
		if w < 0 {
			return out
		}
		lo := w
		for lo > from && strings.IndexByte("0123456789:. \t\n\f\raApPmM(", s[lo-1]) >= 0 {
			lo--
		}
		from = we
		for p := lo; p < w; p++ {
			if m, ok := zoneMentionAt(s, p); ok {
				out = append(out, m)
				from = m[1] // the end of this zone name: matches do not overlap
				break
			}
		}
	}
}

// nextZoneWord returns the start and end of the first \w word of ASCII s
// starting at or after from that is a zone name in any case (-1 if none),
// where from is 0 or a word's end. Every zone name has a "t", second or
// last, so only the words around a "t" are looked at.
func nextZoneWord(s string, from int) (int, int) {
	for i := from + 1; i < len(s); i++ {
		if s[i]|0x20 != 't' {
			continue
		}
		// A zone name ends one byte after its "t" ("utc") or at it: a "t"
		// followed by two word bytes (most of English's) is in no name.
		if i+2 < len(s) && isASCIIWord(s[i+1]) && isASCIIWord(s[i+2]) {
			continue
		}
		for a := i - 2; a <= i-1; a++ {
			if a < from || a > 0 && isASCIIWord(s[a-1]) {
				continue
			}
			n := 0
			for a+n < len(s) && n < 4 && isASCIIWord(s[a+n]) {
				n++
			}
			if n != 2 && n != 3 || a+n <= i {
				continue
			}
			var w [3]byte
			for k := 0; k < n; k++ {
				w[k] = s[a+k] | 0x20
			}
			if isZoneWord(w, n) {
				return a, a + n
			}
		}
	}
	return -1, -1
}

// zoneNames are zoneMention's zone names in the pattern's order.
var zoneNames = [...]string{"utc", "gmt", "mst", "mdt", "mt", "pst", "pdt", "pt", "est", "edt", "et", "cst", "cdt", "ct"}

// zoneMentionAt matches zoneMention at p of s (without a long s: see
// appendZoneMentions), trying its choices
// in the order the backtracker does (greedy parts longest first,
// optional parts present first, the zone names in order), so the first
// that matches is the pattern's, with the same groups.
func zoneMentionAt(s string, p int) (m [6]int, ok bool) {
	if !isDigit(s[p]) || p > 0 && isASCIIWord(s[p-1]) {
		return m, false
	}
	space := func(i int) bool {
		return i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r')
	}
	digit := func(i int) bool { return i < len(s) && isDigit(s[i]) }
	for _, d := range [2]int{2, 1} {
		if d == 2 && !digit(p+1) {
			continue
		}
		for _, colon := range [2]bool{true, false} {
			i1 := p + d
			if colon {
				if !(i1 < len(s) && s[i1] == ':' && digit(i1+1) && digit(i1+2)) {
					continue
				}
				i1 += 3
			}
			sp1 := i1
			for space(sp1) {
				sp1++
			}
			for a := sp1; a >= i1; a-- {
				// (?:[ap]\.?m\.?)? : the ends it can take, preferred first
				var ends [5]int
				n := 0
				if a < len(s) && (s[a]|0x20 == 'a' || s[a]|0x20 == 'p') {
					for _, dot1 := range [2]bool{true, false} {
						j := a + 1
						if dot1 {
							if j >= len(s) || s[j] != '.' {
								continue
							}
							j++
						}
						if j >= len(s) || s[j]|0x20 != 'm' {
							continue
						}
						j++
						if j < len(s) && s[j] == '.' {
							ends[n] = j + 1
							n++
						}
						ends[n] = j
						n++
					}
				}
				ends[n] = a
				n++
				for _, g1 := range ends[:n] {
					sp2 := g1
					for space(sp2) {
						sp2++
					}
					for b := sp2; b >= g1; b-- {
						for _, paren := range [2]bool{true, false} {
							z := b
							if paren {
								if z >= len(s) || s[z] != '(' {
									continue
								}
								z++
							}
							if z >= len(s) || !isASCIIWord(s[z]) || isASCIIWord(s[z-1]) {
								continue // \b before the zone name
							}
							for _, name := range zoneNames {
								e := z + len(name)
								if hasPrefixFoldASCII(s[z:], name) && (e == len(s) || !isASCIIWord(s[e])) {
									return [6]int{p, e, p, g1, z, e}, true
								}
							}
						}
					}
				}
			}
		}
	}
	return m, false
}

func (im *importer) checkZoneContradictions() {
	if im.zone == nil {
		return
	}
	ref := im.date
	if ref.IsZero() {
		ref = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	offset := func(z timeparse.Zone) int {
		_, off := time.Date(ref.Year(), ref.Month(), ref.Day(), 12, 0, 0, 0, z.Location).Zone()
		return off
	}
	want := offset(*im.zone)
	reported := 0
	for i := range im.lines {
		l := &im.lines[i] // not a copy: a line is 150 bytes
		if im.drop[i] != "" || l.kind == kCode || reported >= 3 {
			continue
		}
		// Only a clock time with a colon or am/pm counts (below), so a
		// line with neither is passed over before the pattern runs.
		if indexDigit(l.text) < 0 || !strings.Contains(l.text, ":") && !hasMeridiem(l.text) {
			continue
		}
		var buf [4][6]int
		for _, m := range appendZoneMentions(buf[:0], l.text) {
			if reported >= 3 {
				break // three say it; more would bury the other warnings
			}
			if !strings.Contains(l.text[m[2]:m[3]], ":") && !hasMeridiem(l.text[m[2]:m[3]]) {
				continue
			}
			z, err := timeparse.ParseZone(l.text[m[4]:m[5]])
			if err != nil || offset(z) == want {
				continue
			}
			im.diag(l.n, l.col+m[0], "the report declares %s (line %d) but this time is written in %s: %q", im.zone.Name, im.rep.Zone.Line, z.Name, strings.TrimSpace(l.text[m[0]:m[1]]))
			reported++
		}
	}
}

// -------------------------------------------------------------------- date

var windowDate = regexp.MustCompile(`(?i)\bbetween\b.{0,60}?\bon\s+((?:\w+,?\s+)?\d)`)

// windowDateAt is windowDate.FindStringSubmatchIndex(s)[2] (where the
// date after "on" starts), or -1 without a match, for ASCII s whose first
// "between" in any case is at from. The pattern's words have no letter
// that (?i) folds outside ASCII, and on ASCII text "." is any byte but a
// newline. The first match is the one at the first "between" with \b on
// both sides that has one; there the lazy gap is the shortest (0 to 60
// bytes, no newline) after which "on" starts at a \b and is followed by
// spaces then a digit, or by a word, an optional comma, spaces and a
// digit; the group starts after those first spaces.
func windowDateAt(s string, from int) int {
	space := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	for b := from; b >= 0 && b+7 <= len(s); {
		if (b == 0 || !isASCIIWord(s[b-1])) && (b+7 == len(s) || !isASCIIWord(s[b+7])) {
			for k := 0; k <= 60 && b+7+k <= len(s); k++ {
				p := b + 7 + k
				if k > 0 && s[p-1] == '\n' {
					break // "." does not match a newline
				}
				if p+2 > len(s) || s[p]|0x20 != 'o' || s[p+1]|0x20 != 'n' || p > 0 && isASCIIWord(s[p-1]) {
					continue
				}
				q := p + 2
				for q < len(s) && space(s[q]) {
					q++
				}
				if q == p+2 || q == len(s) {
					continue
				}
				if isDigit(s[q]) {
					return q
				}
				w := q
				for w < len(s) && isASCIIWord(s[w]) {
					w++
				}
				if w == q {
					continue
				}
				if w < len(s) && s[w] == ',' {
					w++
				}
				v := w
				for v < len(s) && space(s[v]) {
					v++
				}
				if v > w && v < len(s) && isDigit(s[v]) {
					return q
				}
			}
		}
		next := indexFoldASCII(s[b+1:], "between")
		if next < 0 {
			break
		}
		b += 1 + next
	}
	return -1
}

// titleStampAt is where titleStamp's first match starts in s, -1 if
// there is none; its groups 1 to 3 are then s[p:p+4], s[p+5:p+7] and
// s[p+8:p+10]. Everything after its leading \d{4}-\d{2}-\d{2} is
// optional, and nothing comes before it, so a match starts at the first
// place that date shape is written (\d is ASCII), and greedy optional
// parts never move where groups 1 to 3 are.
func titleStampAt(s string) int {
	for p := 0; p+10 <= len(s); p++ {
		if isDigit(s[p]) && isDigit(s[p+1]) && isDigit(s[p+2]) && isDigit(s[p+3]) && s[p+4] == '-' &&
			isDigit(s[p+5]) && isDigit(s[p+6]) && s[p+7] == '-' && isDigit(s[p+8]) && isDigit(s[p+9]) {
			return p
		}
	}
	return -1
}

// countDigits counts the ASCII digits of s.
func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n
}

var fileDate = regexp.MustCompile(`(?:^|[^\d])(\d{4}|\d{2})[-_.](\d{2})[-_.](\d{2})(?:[^\d]|$)`)

func (im *importer) findDate() {
	type cand struct {
		d    time.Time
		from string
		pos  Position
	}
	var cbuf [8]cand // title, metadata, file name, the window twice, the text
	cands := cbuf[:0]
	if t := im.rep.Title; t != nil {
		if p := titleStampAt(t.Text); p >= 0 {
			y, _ := strconv.Atoi(t.Text[p : p+4])
			mo, _ := strconv.Atoi(t.Text[p+5 : p+7])
			d, _ := strconv.Atoi(t.Text[p+8 : p+10])
			if tt := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC); tt.Day() == d && mo >= 1 && mo <= 12 {
				cands = append(cands, cand{tt, "the title", t.Position})
			}
		} else if d, _, ok := findDate(t.Text, 0); ok {
			cands = append(cands, cand{d, "the title", t.Position})
		}
	}
	if !im.metaDate.IsZero() {
		cands = append(cands, cand{im.metaDate, "the metadata", Position{1, 1}})
	}
	base := filepath.Base(im.name)
	if countDigits(base) < 6 {
		// fileDate's three numbers hold six digits at least
	} else if m := fileDate.FindStringSubmatch(base); m != nil {
		y, _ := strconv.Atoi(m[1])
		if y < 100 {
			y += 2000
		}
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if tt := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC); tt.Day() == d && mo >= 1 && mo <= 12 && y >= 1990 && y <= 2100 {
			cands = append(cands, cand{tt, "the file name", Position{1, 1}})
		}
	}
	year := 0
	for _, c := range cands {
		year = c.d.Year()
		break
	}
	// "between 19:34 and 19:47 on 12/04/24" in the impact or the summary
	// dates the incident itself: it counts twice.
	for _, s := range im.secs {
		if !slices.Contains(s.kinds, "impact") && !slices.Contains(s.kinds, "summary") {
			continue
		}
		for n := s.first; n <= s.last && n <= len(im.lines); n++ {
			l := &im.lines[n-1]
			if im.drop[n-1] != "" || l.kind != kText {
				continue
			}
			// A match starts at a "between": on ASCII text (where the
			// lower-cased text has the same offsets) the pattern runs
			// from the character before the first one, for its \b.
			ascii := isASCII(l.text)
			var at int
			if ascii {
				at = indexFoldASCII(l.text, "between")
			} else {
				at = strings.Index(strings.ToLower(l.text), "between")
			}
			if at < 0 {
				continue
			}
			var on int
			if ascii {
				on = windowDateAt(l.text, at)
			} else if m := windowDate.FindStringSubmatchIndex(l.text); m != nil {
				on = m[2]
			} else {
				on = -1
			}
			if on >= 0 {
				if d, _, ok := findDate(l.text[on:], year); ok {
					c := cand{d, "the impact window", Position{l.n, l.col + on}}
					cands = append(cands, c, c)
					break
				}
			}
		}
	}
	for i := range im.lines {
		l := &im.lines[i] // not a copy: a line is 150 bytes
		if im.drop[i] != "" || l.kind == kCode || l.n == im.titleLine {
			continue
		}
		if d, at, ok := findDate(l.text, year); ok {
			cands = append(cands, cand{d, "the text", Position{l.n, l.col + at}})
			break
		}
	}
	if len(cands) == 0 {
		return
	}
	// The date most sources agree on; the title wins a tie.
	best, votes := cands[0], 0
	for _, c := range cands {
		n := 0
		for _, o := range cands {
			if o.d.Equal(c.d) {
				n++
			}
		}
		if n > votes {
			best, votes = c, n
		}
	}
	var seenFrom []string // a handful of sources: a list, not a map
	for _, c := range cands {
		if slices.Contains(seenFrom, c.from) {
			continue
		}
		seenFrom = append(seenFrom, c.from)
		if !c.d.Equal(best.d) && c.from != "the text" {
			im.diag(c.pos.Line, c.pos.Col, "%s says %s but the report's date reads %s (from %s); using %s", c.from, c.d.Format(time.DateOnly), best.d.Format(time.DateOnly), best.from, best.d.Format(time.DateOnly))
		}
	}
	im.date, im.dateFrom = best.d, best.from
	im.rep.Doc.Date = best.d.Format(time.DateOnly)
	im.set("date", best.pos.Line, best.pos.Col)
}
