package markdown

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// The block stage: goldmark says what each line of the file is part of
// (a paragraph, a heading, a list item, a table row, code...), and the
// time lexer reads each line's content once (and whether it is written
// as a timeline entry, which several stages ask). Every later stage reads
// these lines, never the AST: real reports break Markdown's paragraph
// structure (entries without blank lines between them render as one
// paragraph), so the line is the unit that survives every shape.

// lineKind is what goldmark says a source line is part of.
type lineKind int

const (
	kBlank   lineKind = iota
	kText             // paragraph text (or any text line goldmark left alone)
	kHeading          // ATX or setext heading text
	kUnder            // a setext underline, or a fence delimiter: no content
	kCode             // inside a non-Markdown code block
	kHTML             // an HTML block (comments included)
	kTable            // a table row (header, delimiter or body)
	kRule             // a thematic break
	kFront            // YAML front matter (--- ... --- at the top)
)

// line is one source line as the AST sees it.
type line struct {
	n     int // 1-based line number in the file
	col   int // 1-based column (runes) where content starts
	kind  lineKind
	level int    // heading level
	raw   string // the whole source line, without the newline
	text  string // the content: container markers (>, list markers) and heading marks removed
	// textAt is the byte offset of text in raw.
	textAt int
	// tokens are the times, dates, durations and zone declarations of
	// text, as timeparse.Lex reads them; entry is text read as a
	// timeline entry, nil when it is not one.
	tokens []timeparse.Token
	entry  *entryLine
	// item is true on the first line of a list item; ordered for 1. lists.
	item    bool
	ordered bool
	depth   int // list nesting depth (0 outside lists)
	quote   int // blockquote nesting depth
	// block numbers the AST block (paragraph, list item, quote...) the
	// line belongs to, so that lines of one paragraph can be told apart
	// from the next paragraph's.
	block int
	// fence is the info string of the fenced block a line sits in
	// ("md" for a report wrapped in ```md), "" outside fences.
	fence    string
	fenceID  int
	quoteID  int
	listID   int
	tableRow int // 0 for the header row, 1 for the delimiter, 2+ for body rows
	// delim marks the opening and closing fence of a code block, which
	// the imported text keeps (a ```md wrapper's fences go).
	delim bool
}

// lineTable maps byte offsets to lines and columns.
type lineTable struct {
	src    []byte
	str    string // src as a string, copied once: lines are slices of it
	starts []int
}

func newLineTable(src []byte) *lineTable {
	t := &lineTable{src: src, str: string(src), starts: make([]int, 1, bytes.Count(src, []byte{'\n'})+1)}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return t
		}
		i += j + 1
		t.starts = append(t.starts, i)
	}
}

// pos returns the 1-based line and rune column of a byte offset.
func (t *lineTable) pos(off int) (int, int) {
	// the last line starting at or before off (starts only grow)
	i, found := slices.BinarySearch(t.starts, off)
	if !found {
		i--
	}
	if i < 0 {
		i = 0
	}
	return i + 1, utf8.RuneCount(t.src[t.starts[i]:min(off, len(t.src))]) + 1
}

func (t *lineTable) count() int {
	n := len(t.starts)
	if n > 1 && t.starts[n-1] == len(t.src) {
		n-- // a final newline does not start a line
	}
	return n
}

func (t *lineTable) raw(n int) string {
	start := t.starts[n-1]
	end := len(t.src)
	if n < len(t.starts) {
		end = t.starts[n] - 1
	}
	return strings.TrimRight(t.str[start:end], "\r")
}

// parseBlocks parses src with goldmark and annotates every line. Fenced
// blocks whose content is Markdown (```md, or a fence around a section
// body) are parsed again, so a report wrapped in fences reads like one
// without; the lines keep their positions in the file. It returns src
// as a string too: the copy the lines' strings are slices of.
func parseBlocks(src []byte) ([]line, string) { return parseBlocksWith(src, mdParser()) }

// parseBlocksWith is parseBlocks with another goldmark parser (a test's).
func parseBlocksWith(src []byte, md parser.Parser) ([]line, string) {
	lt := newLineTable(src)
	lines := make([]line, lt.count())
	for i := range lines {
		raw := lt.raw(i + 1)
		lines[i] = line{n: i + 1, col: 1, raw: raw, text: strings.TrimSpace(raw), textAt: leadingSpace(raw)}
		if lines[i].text != "" {
			lines[i].kind = kText
		}
	}
	// Front matter is not Markdown: goldmark would read its closing ---
	// as a setext underline. Blank it for the parser, keep the lines.
	sub := lt // the parser's text is the file's, unless masked below
	if end := frontMatterEnd(lt); end > 0 {
		masked := append([]byte(nil), src...)
		for i := 0; i < lt.starts[end-1]+len(lt.raw(end)) && i < len(masked); i++ {
			if masked[i] != '\n' {
				masked[i] = ' '
			}
		}
		for n := 1; n <= end; n++ {
			lines[n-1].kind = kFront
		}
		src = masked
		sub = newLineTable(src)
	}
	w := &walker{lt: lt, lines: lines, md: md}
	w.parse(src, sub, nil, nil, nil, "", 0)
	lexLines(lines)
	return lines, lt.str
}

// lexLines reads the times of every line of prose (timeparse.LexLines:
// the file's tokens in one array) and which lines are timeline entries
// (their entryLines in one array too).
func lexLines(lines []line) {
	texts := make([]string, len(lines)) // what the lexer reads: "" for no prose
	for i, l := range lines {
		if l.kind != kHTML && l.kind != kFront && (l.kind != kCode || plainFence(l.fence)) {
			texts[i] = l.text
		}
	}
	var entries []entryLine
	var at []int // the line of each entry
	for i, toks := range timeparse.LexLines(texts) {
		if l := &lines[i]; texts[i] != "" {
			l.tokens = toks
			if e, ok := parseEntry(l.text, l.tokens); ok {
				entries, at = append(entries, e), append(at, i)
			}
		}
	}
	for k, i := range at {
		lines[i].entry = &entries[k]
	}
}

type walker struct {
	md     parser.Parser // mdParser(); a test compares goldmark's own
	lt     *lineTable
	lines  []line
	blocks int
}

// parse annotates lines from one goldmark parse of src; lineOf maps a
// line of src to a line of the file (nil: the same), colOf and byteOf
// add the columns and bytes a fence's indentation took away; sub is
// src's line table;
// fence and fenceID are the ```md fence src is the content of.
func (w *walker) parse(src []byte, sub *lineTable, lineOf, colOf, byteOf []int, fence string, fenceID int) {
	ps := &pass{w: w, src: src, sub: sub, lineOf: lineOf, colOf: colOf, byteOf: byteOf, fence: fence, fenceID: fenceID, held: &heldLines{}}
	pctx := parser.NewContext()
	pctx.Set(heldKey, ps.held)
	ps.visit(w.md.Parse(text.NewReader(src), parser.WithContext(pctx)), nodeContext{})
}

// pass is one goldmark parse being walked.
type pass struct {
	w                     *walker
	src                   []byte
	sub                   *lineTable
	lineOf, colOf, byteOf []int
	fence                 string
	fenceID               int
	held                  *heldLines
}

// nodeContext is what the containers around a node say about its lines.
type nodeContext struct {
	depth, quote    int
	quoteID, listID int
	ordered, inItem bool
	firstOfItem     bool
}

// fileLine returns the file's line and column of byte offset off of src.
func (ps *pass) fileLine(off int) (int, int) {
	l, c := ps.sub.pos(off)
	if ps.lineOf != nil {
		i := min(l-1, len(ps.lineOf)-1)
		// columns in a fence are relative to the fence content; add
		// what the fence's indentation took away.
		l, c = ps.lineOf[i], c+ps.colOf[i]
	}
	return l, c
}

// rawOffset is the byte offset in its file line of byte off of src.
func (ps *pass) rawOffset(off int) int {
	i, found := slices.BinarySearch(ps.sub.starts, off)
	if !found {
		i--
	}
	i = max(i, 0)
	o := off - ps.sub.starts[i]
	if ps.byteOf != nil {
		o += ps.byteOf[min(i, len(ps.byteOf)-1)]
	}
	return o
}

// leadingSpace is the length of the white space s starts with.
func leadingSpace(s string) int {
	return len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
}

// lineAt is the file's line holding byte offset off of src, nil if
// none.
func (ps *pass) lineAt(off int) *line {
	if l, _ := ps.fileLine(off); l >= 1 && l <= len(ps.w.lines) {
		return &ps.w.lines[l-1]
	}
	return nil
}

// mark sets the line a segment is on to kind, in block.
func (ps *pass) mark(seg text.Segment, kind lineKind, c nodeContext, block int, first bool) {
	l, col := ps.fileLine(seg.Start)
	if l < 1 || l > len(ps.w.lines) {
		return
	}
	ln := &ps.w.lines[l-1]
	ln.kind = kind
	ln.col = col
	ln.text = strings.TrimRight(ps.sub.str[seg.Start:min(seg.Stop, len(ps.src))], "\r\n")
	ln.textAt = ps.rawOffset(seg.Start)
	if kind == kText || kind == kHeading {
		ln.textAt += leadingSpace(ln.text)
		ln.text = strings.TrimSpace(ln.text)
	}
	ln.depth, ln.quote, ln.quoteID, ln.listID = c.depth, c.quote, c.quoteID, c.listID
	ln.ordered = c.ordered
	ln.block = block
	ln.fence, ln.fenceID = ps.fence, ps.fenceID
	if first && c.inItem {
		ln.item = true
	}
}

// markAll marks every line of segs.
func (ps *pass) markAll(segs *text.Segments, kind lineKind, c nodeContext, items bool) {
	for i := 0; i < segs.Len(); i++ {
		ps.mark(segs.At(i), kind, c, ps.w.blocks, items && i == 0 && c.firstOfItem)
	}
}

func (ps *pass) visit(n ast.Node, c nodeContext) {
	w := ps.w
	switch n := n.(type) {
	case *ast.Heading:
		w.blocks++
		ps.heading(n, c)
		return
	case *ast.Paragraph, *ast.TextBlock:
		w.blocks++
		ps.markAll(ps.held.expand(n.Lines()), kText, c, true)
		return
	case *ast.FencedCodeBlock:
		w.blocks++
		ps.fenced(n, c)
		return
	case *ast.CodeBlock:
		// An indented "code block" in a report is almost always prose
		// indented by accident (Word exports, tabs); keep it as text.
		w.blocks++
		ps.markAll(n.Lines(), kText, c, true)
		return
	case *ast.HTMLBlock:
		w.blocks++
		ps.markAll(n.Lines(), kHTML, c, false)
		if n.HasClosure() {
			ps.mark(n.ClosureLine, kHTML, c, w.blocks, false)
		}
		return
	case *ast.ThematicBreak:
		if l := ps.lineAt(n.Pos()); n.Pos() >= 0 && l != nil {
			l.kind = kRule
		}
		return
	case *east.Table:
		w.blocks++
		ps.table(n, c)
		return
	case *ast.Blockquote:
		w.blocks++
		c.quote++
		c.quoteID = w.blocks
	case *ast.List:
		w.blocks++
		c.depth++
		c.listID = w.blocks
		c.ordered = n.IsOrdered()
	case *ast.ListItem:
		ps.listItem(n, c)
		return
	}
	c.firstOfItem = false
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		ps.visit(ch, c)
		c.firstOfItem = false
	}
}

func (ps *pass) heading(n *ast.Heading, c nodeContext) {
	lines := ps.w.lines
	segs := ps.held.expand(n.Lines())
	for i := 0; i < segs.Len(); i++ {
		ps.mark(segs.At(i), kHeading, c, ps.w.blocks, i == 0 && c.firstOfItem)
		l, _ := ps.fileLine(segs.At(i).Start)
		lines[l-1].level = n.Level
	}
	if segs.Len() > 0 {
		// a setext underline follows the text
		l, _ := ps.fileLine(segs.At(segs.Len() - 1).Start)
		if l < len(lines) && isSetextUnderline(lines[l].raw) && lines[l].kind == kText {
			lines[l].kind = kUnder
		}
	} else if l := ps.lineAt(n.Pos()); n.Pos() >= 0 && l != nil {
		l.kind, l.level, l.text = kHeading, n.Level, ""
	}
}

// fenced marks a fenced code block: its fences carry no content; a
// ```md fence around Markdown is parsed again as Markdown, any other's
// lines are code (and keep their fences in the imported text).
func (ps *pass) fenced(n *ast.FencedCodeBlock, c nodeContext) {
	lines := ps.w.lines
	lang := strings.ToLower(string(n.Language(ps.src)))
	segs := n.Lines()
	last := -1
	if segs.Len() > 0 {
		last, _ = ps.fileLine(segs.At(segs.Len() - 1).Start)
	} else if n.Pos() >= 0 {
		last, _ = ps.fileLine(n.Pos())
	}
	open := ps.lineAt(n.Pos())
	if n.Pos() < 0 {
		open = nil
	}
	if open != nil {
		open.kind, open.fence = kUnder, "open:"+lang
	}
	closing := last > 0 && last < len(lines) && isFence(lines[last].raw)
	if closing {
		lines[last].kind = kUnder
	}
	if (lang == "md" || lang == "markdown") && segs.Len() > 0 && ps.fence == "" {
		ps.wrapper(segs, lang)
		return
	}
	if open != nil {
		open.delim = true
	}
	if closing {
		lines[last].delim = true
	}
	for i := 0; i < segs.Len(); i++ {
		ps.mark(segs.At(i), kCode, c, ps.w.blocks, i == 0 && c.firstOfItem)
		if l := ps.lineAt(segs.At(i).Start); l != nil && ps.fence == "" {
			l.fence = "code:" + lang
		}
	}
}

// wrapper parses the content of a ```md fence as Markdown; its lines
// keep their places in the file.
func (ps *pass) wrapper(segs *text.Segments, lang string) {
	w := ps.w
	w.blocks++
	var inner bytes.Buffer
	var lineOf, colOf, byteOf []int
	for i := 0; i < segs.Len(); i++ {
		s := segs.At(i)
		l, col := ps.fileLine(s.Start)
		colOf = append(colOf, col-1)
		byteOf = append(byteOf, ps.rawOffset(s.Start))
		inner.Write(ps.src[s.Start:s.Stop])
		if !bytes.HasSuffix(ps.src[s.Start:s.Stop], []byte("\n")) {
			inner.WriteByte('\n')
		}
		lineOf = append(lineOf, l)
	}
	// lines inside the fence start as plain lines; the inner parse marks
	// them.
	for _, l := range lineOf {
		ln := &w.lines[l-1]
		ln.fence, ln.fenceID = lang, w.blocks
		if strings.TrimSpace(ln.raw) == "" {
			ln.kind = kBlank
		}
	}
	w.parse(inner.Bytes(), newLineTable(inner.Bytes()), lineOf, colOf, byteOf, lang, w.blocks)
}

// table marks a table's rows: the header (row 0), the delimiter (1) and
// the body rows (2 on).
func (ps *pass) table(n *east.Table, c nodeContext) {
	lines := ps.w.lines
	row := 0
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		l := firstLine(r, ps.fileLine)
		if l < 1 || l > len(lines) {
			continue
		}
		ln := &lines[l-1]
		ln.kind, ln.block, ln.text, ln.textAt = kTable, ps.w.blocks, strings.TrimSpace(ln.raw), leadingSpace(ln.raw)
		ln.quote, ln.depth = c.quote, c.depth
		ln.fence, ln.fenceID = ps.fence, ps.fenceID
		if row == 0 && l+1 <= len(lines) {
			d := &lines[l]
			d.kind, d.block, d.tableRow, d.text, d.textAt = kTable, ps.w.blocks, 1, strings.TrimSpace(d.raw), leadingSpace(d.raw)
			d.fence, d.fenceID = ps.fence, ps.fenceID
			ln.tableRow = 0
			row = 2
		} else {
			ln.tableRow = row
			row++
		}
	}
}

func (ps *pass) listItem(n *ast.ListItem, c nodeContext) {
	c.inItem = true
	first := true
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		cc := c
		cc.firstOfItem = first
		first = false
		ps.visit(ch, cc)
	}
	if n.FirstChild() == nil && n.Pos() >= 0 {
		// an empty item: a bare marker line
		if l := ps.lineAt(n.Pos()); l != nil {
			l.item, l.text, l.depth = true, "", c.depth
			l.listID, l.ordered = c.listID, c.ordered
		}
	}
}

// plainFence reports whether a code block's fence ("code:LANG") holds
// plain text, which may be a timeline set in a code block for alignment;
// other code holds no times a reader means.
func plainFence(f string) bool {
	return f == "code:" || f == "code:text" || f == "code:txt" || f == "code:plain"
}

// frontMatterEnd returns the line that closes YAML front matter opened
// on line 1, or 0 when there is none.
func frontMatterEnd(lt *lineTable) int {
	if lt.count() < 2 || strings.TrimRight(lt.raw(1), " ") != "---" {
		return 0
	}
	for n := 2; n <= lt.count() && n <= 200; n++ {
		if r := strings.TrimRight(lt.raw(n), " "); r == "---" || r == "..." {
			return n
		}
	}
	return 0
}

// firstLine finds the first source line of a node from its text segments.
func firstLine(n ast.Node, fileLine func(int) (int, int)) int {
	best := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if t, ok := c.(*ast.Text); ok {
			l, _ := fileLine(t.Segment.Start)
			if best < 0 || l < best {
				best = l
			}
			return ast.WalkStop, nil
		}
		if c.Type() == ast.TypeBlock && c.Kind() != east.KindTableRow && c.Kind() != east.KindTableHeader && c.Kind() != east.KindTableCell {
			if ls := c.Lines(); ls != nil && ls.Len() > 0 {
				l, _ := fileLine(ls.At(0).Start)
				best = l
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	if best < 0 {
		if p := n.Pos(); p >= 0 {
			best, _ = fileLine(p)
		}
	}
	return best
}

func isSetextUnderline(s string) bool {
	t := strings.TrimSpace(s)
	if t == "" || len(s)-len(strings.TrimLeft(s, " ")) > 3 {
		return false
	}
	return strings.Trim(t, "=") == "" || strings.Trim(t, "-") == ""
}

func isFence(s string) bool {
	t := strings.TrimSpace(s)
	return strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")
}
