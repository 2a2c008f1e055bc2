package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Edit replaces source lines Line..EndLine (1-based, inclusive) with Text.
// EndLine = Line-1 inserts Text before Line without removing anything.
type Edit struct {
	Line, EndLine int
	Text          []string
}

// Fix is one finding's mechanical repair: edits applied together or not
// at all.
type Fix struct {
	Edits []Edit
}

// DeleteLines is a fix that removes lines from..to.
func DeleteLines(from, to int) *Fix {
	return &Fix{Edits: []Edit{{Line: from, EndLine: to}}}
}

// ReplaceLine is a fix that rewrites one line.
func ReplaceLine(n int, text string) *Fix {
	return &Fix{Edits: []Edit{{Line: n, EndLine: n, Text: []string{text}}}}
}

// InsertBefore is a fix that inserts lines before line n.
func InsertBefore(n int, text ...string) *Fix {
	return &Fix{Edits: []Edit{{Line: n, EndLine: n - 1, Text: text}}}
}

// Apply applies the fixes of findings to src. A fix whose edits overlap
// an earlier accepted fix is skipped (the next pass picks it up). It
// keeps the file's line endings and its final newline (or lack of one).
func Apply(src []byte, findings []Finding) ([]byte, int) {
	type span struct{ lo, hi int } // lines touched, inclusive; inserts touch (n-1, n-1)+0.5
	var accepted []Edit
	var taken []span
	overlaps := func(e Edit) bool {
		lo, hi := e.Line, e.EndLine
		for _, t := range taken {
			if hi < lo { // insertion before lo: clashes with an edit of lo or another insert there
				if (t.lo <= lo && lo <= t.hi) || (t.hi < t.lo && t.lo == lo) {
					return true
				}
				continue
			}
			if t.hi < t.lo {
				if lo <= t.lo && t.lo <= hi {
					return true
				}
				continue
			}
			if lo <= t.hi && t.lo <= hi {
				return true
			}
		}
		return false
	}
	applied := 0
	for _, f := range findings {
		if f.Fix == nil {
			continue
		}
		ok := true
		for _, e := range f.Fix.Edits {
			if overlaps(e) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		for _, e := range f.Fix.Edits {
			accepted = append(accepted, e)
			taken = append(taken, span{e.Line, e.EndLine})
		}
		applied++
	}
	if applied == 0 {
		return src, 0
	}
	eol := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		eol = "\r\n"
	}
	finalNewline := bytes.HasSuffix(src, []byte("\n"))
	text := string(src)
	if finalNewline && len(text) > 0 {
		text = text[:len(text)-len("\n")]
		if eol == "\r\n" {
			text = text[:len(text)-1]
		}
	}
	lines := splitLines(text, eol)
	sort.SliceStable(accepted, func(i, j int) bool { return accepted[i].Line > accepted[j].Line })
	for _, e := range accepted {
		lo := min(max(e.Line-1, 0), len(lines))
		hi := min(max(e.EndLine, lo), len(lines))
		out := make([]string, 0, len(lines)-(hi-lo)+len(e.Text))
		out = append(out, lines[:lo]...)
		out = append(out, e.Text...)
		out = append(out, lines[hi:]...)
		lines = out
	}
	var b bytes.Buffer
	for i, l := range lines {
		if i > 0 {
			b.WriteString(eol)
		}
		b.WriteString(l)
	}
	if finalNewline {
		b.WriteString(eol)
	}
	return b.Bytes(), applied
}

func splitLines(text, eol string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(text, eol)
}

// meaning is what a fix must never change: the document the file
// describes, with every time resolved. The zone is left out because
// adding "All times are UTC." states the zone the times were already
// read in (the resolved times must still agree).
func meaning(in *Input) string {
	d := *in.Doc
	d.Source = nil
	d.Timezone = ""
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Sprint(err)
	}
	return string(b) + fmt.Sprint(in.Resolved.Times)
}

// maxFixRounds bounds the rounds of fixing and re-linting one file.
const maxFixRounds = 64

// FixSource applies the fixes of the findings on src, re-linting after
// each round until nothing more applies, and keeps only fixes after
// which the file still reads as the same document (a heading demoted
// under another section would move its text into that section). It
// returns the fixed text and the findings left in it; findings whose fix
// was refused lose their Fix.
func (l *Linter) FixSource(path string, src []byte, s *Settings) ([]byte, []Finding, error) {
	out, fs, _, err := l.fixSource(path, src, s)
	return out, fs, err
}

// fixSource is FixSource, returning the last input read as well. Every
// round judges the file against the template the first round chose: a
// fix rewrites toward that template, so the file must not be judged
// against another halfway.
func (l *Linter) fixSource(path string, src []byte, s *Settings) ([]byte, []Finding, *Input, error) {
	in, err := Load(path, src, s)
	if err != nil {
		return src, nil, nil, err
	}
	if in.NotPostmortem != "" {
		return src, nil, in, nil
	}
	pinned := *s
	pinned.pinned = &in.Template
	s = &pinned
	fs := l.Check(in)
	want := meaning(in)
	cur := src
	refused := map[string]bool{}
	key := func(in *Input, f Finding) string { return f.Rule + "\x00" + f.Message + "\x00" + in.Line(f.Line) }
	try := func(cand []Finding) (*Input, []byte, bool) {
		next, n := Apply(cur, cand)
		if n == 0 {
			return nil, nil, false
		}
		in2, err := Load(path, next, s)
		if err != nil || meaning(in2) != want {
			return nil, nil, false
		}
		return in2, next, true
	}
	for round := 0; round < maxFixRounds; round++ {
		var cand []Finding
		for _, f := range fs {
			if f.Fix != nil && !refused[key(in, f)] {
				cand = append(cand, f)
			}
		}
		if len(cand) == 0 {
			break
		}
		if in2, next, ok := try(cand); ok {
			in, cur, fs = in2, next, l.Check(in2)
			continue
		}
		// Some fix changes the meaning: apply the others one at a time.
		progressed := false
		for _, f := range cand {
			if in2, next, ok := try([]Finding{f}); ok {
				in, cur, fs = in2, next, l.Check(in2)
				progressed = true
				break
			}
			refused[key(in, f)] = true
		}
		if !progressed {
			break
		}
	}
	for i, f := range fs {
		if f.Fix != nil && refused[key(in, f)] {
			fs[i].Fix, fs[i].Fixable = nil, false
		}
	}
	return cur, fs, in, nil
}
