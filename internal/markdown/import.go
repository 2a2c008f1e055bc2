package markdown

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"sync"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// Import reads a Markdown postmortem. The error is only for input that is
// not a usable text file (document.CheckText: over document.MaxSize, a NUL
// byte, invalid UTF-8); everything else a report gets wrong is a
// Diagnostic. Cost is linear in the input: goldmark parses once (fenced
// Markdown blocks once more), the lexer reads each line once, and every
// later stage walks the lines.
//
// Import is a pipeline of stages, each in a file of its own with a typed
// result the later stages read; each writes what it finds into the
// Report.
func Import(name string, src []byte) (*Report, error) {
	if err := document.CheckText(name, src); err != nil {
		return nil, err
	}
	lines, text := parseBlocks(src)              // blocks.go
	out := newReport(name, src, text)            //
	lo := findLeftovers(lines)                   // leftovers.go
	st := readStructure(lines, lo, out)          // structure.go
	set := readSetting(name, lines, lo, st, out) // setting.go
	ex := extract(lines, lo, st, set, out)       // extract.go, timeline.go, actions.go
	resolve(lines, lo, set, ex, out)             // resolve.go, milestones.go
	out.finish(lines, lo)
	return out, nil
}

func newReport(name string, src []byte, text string) *Report {
	return &Report{Name: name, Source: src, Text: text, Doc: &document.Document{Version: document.CurrentVersion,
		Source: &document.Source{Name: name, Positions: make(map[string]document.Position, 64)}}}
}

// finish records the lines and puts the leftovers and diagnostics in the
// order of the text.
func (out *Report) finish(lines []line, lo *leftovers) {
	out.Lines = make([]Line, len(lines))
	for i, l := range lines {
		out.Lines[i] = Line{Text: l.text, At: l.textAt, Tokens: l.tokens}
		if l.kind == kFront {
			out.FrontMatterEnd = l.n
		}
	}
	out.Leftovers = append(lo.found, out.Leftovers...)
	byLine := func(a, b Position) bool { return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col }
	sort.SliceStable(out.Leftovers, func(a, b int) bool { return byLine(out.Leftovers[a].Position, out.Leftovers[b].Position) })
	sort.SliceStable(out.Diagnostics, func(a, b int) bool { return byLine(out.Diagnostics[a].Position, out.Diagnostics[b].Position) })
}

func (out *Report) diag(l, c int, format string, args ...any) {
	out.Diagnostics = append(out.Diagnostics, Diagnostic{Position: Position{l, max(c, 1)}, Message: fmt.Sprintf(format, args...)})
}

// note records something import inferred that a reviewer may reject.
func (out *Report) note(l, c int, format string, args ...any) {
	out.Diagnostics = append(out.Diagnostics, Diagnostic{Position: Position{l, max(c, 1)}, Message: fmt.Sprintf(format, args...), Note: true})
}

func itoa(n int) string { return strconv.Itoa(n) }

// set records where a document field was read.
func (out *Report) set(path string, l, c int) {
	out.Doc.Source.Set(path, document.Position{Line: l, Column: max(c, 1)})
}

// pattern compiles a regular expression the first time it is used, so
// that starting the program (postmortem --version) compiles none.
func pattern(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
