package markdown

// The goldmark hook: block-only parsing.
//
// It relies on goldmark v1.8.7 (go.mod pins it; goldmark_hook_test.go
// checks it on every shape of paragraph the reports hold), on three of
// its behaviours that its documentation does not promise:
//   - paragraph transformers run on a paragraph once it is final, and a
//     transformer of the highest priority value runs last;
//   - the paragraph parser's Close trims a paragraph's lines and drops an
//     empty paragraph, and runs before the transformers when a setext
//     underline takes the paragraph;
//   - the inline pass reads a paragraph's Lines and makes its text nodes
//     from them, and nothing else reads them after it.
// A goldmark upgrade that changes one of these fails that test; the
// walker then sees placeholders where lines should be.

import (
	"reflect"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mdParser reads the block structure only: paragraphs, headings, lists,
// quotes, code, HTML, tables (and link reference definitions, which leave
// a paragraph). Import reads lines, never the inline nodes, so the parser
// has no inline parsers: emphasis, links and code spans would be most of
// goldmark's work. A table row's line is still found from its cells'
// text nodes, which the parser makes without them.
var mdParser = sync.OnceValue(func() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(withHeldParagraphs(parser.DefaultBlockParsers())...),
		parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
			util.Prioritized(extension.NewTableParagraphTransformer(), 200),
			util.Prioritized(holdLines{}, 10000))...),
	)
})

// Goldmark's Parse always runs its inline pass over every paragraph and
// heading, with or without inline parsers: it reads each line byte by
// byte and makes a text node per line, about a third of the parse, for
// nodes the walker never reads (it reads a block's lines). So a
// paragraph's lines are held aside once the paragraph is final, and it
// keeps a placeholder the inline pass reads as empty: one zero-length
// segment at the paragraph's first byte (which keeps its position) whose
// Padding numbers the held lines. The walker puts the held lines back
// where it finds a placeholder (heldLines.expand): in a paragraph, in the
// text block a tight list makes of one, and in a setext heading, which
// takes over the lines of the paragraph it underlines. Tables are made
// from paragraphs by an earlier transformer; their cells keep their lines
// and text nodes, which the walker does read.
//
// A paragraph is final after the paragraph transformers and the
// paragraph parser's Close, which goldmark runs in either order (Close
// first when a setext underline takes the paragraph). holdLines is the
// last transformer; it trims the lines as Close does (trimming twice
// changes nothing) and holds them, and Close then leaves a placeholder
// alone. A fuzz test compares the walker's lines with goldmark's own
// paragraph parser's.
//
// heldKey is the parse context's key for the held lines.
var heldKey = parser.NewContextKey()

type heldLines struct{ lines []text.Segments }

// placeholder reports the held lines a segment stands for, if it is one.
func (h *heldLines) placeholder(s text.Segment) (*text.Segments, bool) {
	if h == nil || s.Start != s.Stop || s.Padding < 1 || s.Padding > len(h.lines) {
		return nil, false
	}
	l := &h.lines[s.Padding-1]
	return l, l.At(0).Start == s.Start
}

type holdLines struct{}

func (holdLines) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	held, _ := pc.Get(heldKey).(*heldLines)
	lines := node.Lines()
	if held == nil || node.Parent() == nil || lines.Len() == 0 {
		return // not walker.parse's parse, or a paragraph goldmark drops
	}
	if _, ok := held.placeholder(lines.At(0)); ok {
		return
	}
	src := reader.Source()
	for i := 0; i < lines.Len(); i++ {
		l := lines.At(i)
		lines.Set(i, l.TrimLeftSpace(src))
	}
	last := lines.At(lines.Len() - 1)
	lines.Set(lines.Len()-1, last.TrimRightSpace(src))
	start := lines.At(0).Start
	held.lines = append(held.lines, *lines) // shares the lines' array
	*lines = text.Segments{}                // so the node gets a new one
	lines.Append(text.Segment{Start: start, Stop: start, Padding: len(held.lines)})
}

// withHeldParagraphs replaces goldmark's paragraph parser with one whose
// Close leaves a held paragraph alone.
func withHeldParagraphs(ps []util.PrioritizedValue) []util.PrioritizedValue {
	para := parser.NewParagraphParser()
	for i, p := range ps {
		if bp, ok := p.Value.(parser.BlockParser); ok && reflect.TypeOf(bp) == reflect.TypeOf(para) {
			ps[i].Value = heldParagraphs{bp}
		}
	}
	return ps
}

type heldParagraphs struct{ parser.BlockParser }

func (h heldParagraphs) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	held, _ := pc.Get(heldKey).(*heldLines)
	if l := node.Lines(); l.Len() == 1 {
		if _, ok := held.placeholder(l.At(0)); ok {
			return
		}
	}
	h.BlockParser.Close(node, reader, pc)
}

// expand returns a block's lines with any held lines put back.
func (h *heldLines) expand(segs *text.Segments) *text.Segments {
	if segs.Len() == 1 {
		if l, ok := h.placeholder(segs.At(0)); ok {
			return l
		}
		return segs
	}
	for i := 0; i < segs.Len(); i++ {
		if _, ok := h.placeholder(segs.At(i)); ok {
			// a setext underline's text put in front of a held paragraph
			out := text.NewSegments()
			for j := 0; j < segs.Len(); j++ {
				if l, ok := h.placeholder(segs.At(j)); ok {
					out.AppendAll(l.Sliced(0, l.Len()))
				} else {
					out.Append(segs.At(j))
				}
			}
			return out
		}
	}
	return segs
}
