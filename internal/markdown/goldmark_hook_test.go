package markdown

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"

	"github.com/postmortem-cli/postmortem/internal/lint/bench"
)

// plainParser is mdParser with goldmark's own paragraph parser: every
// paragraph keeps its lines and goes through the inline pass.
var plainParser = parser.NewParser(
	parser.WithBlockParsers(parser.DefaultBlockParsers()...),
	parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
		util.Prioritized(extension.NewTableParagraphTransformer(), 200))...),
)

// checkHeldSame fails unless the line table from mdParser, which holds
// paragraphs' lines aside from goldmark's inline pass, is the one
// goldmark's own paragraph parser gives.
func checkHeldSame(t *testing.T, src string) {
	t.Helper()
	got, _ := parseBlocks([]byte(src))
	want, _ := parseBlocksWith([]byte(src), plainParser)
	if !reflect.DeepEqual(got, want) {
		for i := range min(len(got), len(want)) {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("%q\nline %d: held %+v\n          plain %+v", src, i+1, got[i], want[i])
			}
		}
		t.Fatalf("%q: %d lines held, %d plain", src, len(got), len(want))
	}
}

// heldSeeds are Markdown shapes around paragraphs: setext headings
// (which take over a paragraph's lines), link reference definitions
// (which empty a paragraph), tables, tight and loose lists, quotes with
// lazy lines, fences with Markdown inside, HTML, and every report the
// repository and ../shared hold.
func heldSeeds() []string {
	seeds := []string{
		"Title\n=====\n\ntext\n",
		"para one\npara two\n---\n",
		"[a]: http://x\nHeading\n===\nnext paragraph\n",
		"[a]: http://x\n===\n\nafter\n",
		"[a]: http://x\n---\nafter\n",
		"- one\n  two\n- three\n\n  four\n",
		"- a\n- b\n\n- c\n",
		"> quoted\nlazy line\n\n> again\n",
		"| a | b |\n|---|---|\n| 1 | 2 |\n\nafter table\n",
		"text\n| a | b |\n|---|---|\n",
		"```md\n# Inner\n\ninner para\nSetext\n---\n```\n",
		"<div>\nhtml\n</div>\n\npara\n",
		"    indented code\n\npara\n",
		"1. first\n2. second\n   continued\n",
		"- item\n\n      code in item\n",
		"para\n\n\n\n",
		"",
		"a\n",
		"*emph* and `code` and [link](x)\nsecond line  \nthird\\\nfourth\n",
	}
	return append(seeds, bench.Texts(40, "../../testdata/import/*.md", "../../../shared/corpus/*/*.md", "../../../shared/reference/*.md")...)
}

func TestHeldParagraphsReadAsGoldmarks(t *testing.T) {
	for _, s := range heldSeeds() {
		checkHeldSame(t, s)
	}
}

func FuzzHeldParagraphs(f *testing.F) {
	for _, s := range heldSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 20000 || strings.ContainsRune(s, 0) {
			return // Import refuses these before parsing
		}
		checkHeldSame(t, s)
	})
}
