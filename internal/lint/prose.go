package lint

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/markdown"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// ProseLine is one line of prose a rule reads, with where it sits.
type ProseLine struct {
	Line, Col int
	Text      string
	// Kinds are the kinds of the section the line is in (none for a
	// section the format does not know); Kind is the first, or "other".
	Kinds []string
	Kind  string
	// Tokens are Text's times, dates, durations, range words and zone
	// lines (timeparse.Lex).
	Tokens []timeparse.Token
}

// proseOf reads the prose lines of every section. In Markdown they are
// the section bodies' lines less fenced code, HTML comments, template
// leftovers and blank lines; in YAML and JSON, the prose fields' lines.
func proseOf(in *Input) []ProseLine {
	if in.IsMarkdown() {
		return markdownProse(in)
	}
	d := in.Doc
	fields := []struct{ kind, path, text string }{
		{"summary", "summary", d.Summary},
		{"detection", "detection", d.Detection},
		{"impact", "impact.description", d.Impact.Description},
		{"impact", "impact.affected", d.Impact.Affected},
		{"response", "response", d.Response},
		{"root_cause", "root_cause", d.RootCause},
		{"resolution", "resolution", d.Resolution},
		{"prevention", "prevention", d.Prevention},
	}
	var out []ProseLine
	for _, f := range fields {
		if f.text != "" {
			out = append(out, fieldLines(in, f.path, []string{f.kind}, f.text)...)
		}
	}
	for i, s := range d.Sections {
		out = append(out, fieldLines(in, fmt.Sprintf("sections.%d.body", i), nil, s.Body)...)
	}
	return out
}

// markdownProse reads the prose lines in one pass over the source: each
// line once, in the innermost section whose body holds it (a label
// section such as "**Impact:**" inside "## Executive Summary" is the
// impact's, not the summary's too), the lines between the title and the
// first section as the "lead".
func markdownProse(in *Input) []ProseLine {
	skip := leftoverLines(in.Report)
	owner := bodyOwners(in)
	leadFrom, leadTo := leadLines(in)
	var out []ProseLine
	fence, comment := "", false
	for n := 1; n <= in.LineCount(); n++ {
		line := in.Line(n)
		t := strings.TrimSpace(line)
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") || strings.HasPrefix(t, "'''"):
			fence = t[:3]
			continue
		case comment:
			if strings.Contains(t, "-->") {
				comment = false
			}
			continue
		case strings.HasPrefix(t, "<!--"):
			comment = !strings.Contains(t, "-->")
			continue
		case skip[n] || t == "":
			continue
		}
		switch i := owner[n]; {
		case i >= 0:
			s := in.Report.Sections[i]
			kind := "other"
			if len(s.Kinds) > 0 {
				kind = s.Kinds[0]
			}
			out = append(out, proseLine(in.Report, n, line, s.Kinds, kind))
		case n >= leadFrom && n <= leadTo:
			out = append(out, proseLine(in.Report, n, line, []string{"lead"}, "lead"))
		}
	}
	return out
}

// bodyOwners is, for each line number, the index of the innermost
// section whose body holds it (the one that starts last), -1 for none.
func bodyOwners(in *Input) []int {
	owner := make([]int, in.LineCount()+1)
	for n := range owner {
		owner[n] = -1
	}
	for i, s := range in.Report.Sections {
		for n := max(s.BodyStart, 1); n <= s.BodyEnd && n < len(owner); n++ {
			owner[n] = i
		}
	}
	return owner
}

// leadLines is the range of lines between the title and the first
// section (the fields of a report's header: "**Duration:** 45
// minutes"), after any front matter (as the importer read it).
func leadLines(in *Input) (from, to int) {
	r := in.Report
	from, to = 1, in.LineCount()
	if len(r.Sections) > 0 {
		to = r.Sections[0].Line - 1
	}
	if r.Title != nil && r.Title.Line >= from && r.Title.Line <= to {
		from = r.Title.Line + 1
	}
	return max(from, r.FrontMatterEnd+1), to
}

// proseLine is source line n (text) as the importer read it: its
// content, at the content's column, with the content's tokens.
func proseLine(r *markdown.Report, n int, text string, kinds []string, kind string) ProseLine {
	p := ProseLine{Line: n, Col: 1, Text: text, Kinds: kinds, Kind: kind}
	if n <= len(r.Lines) {
		if l := r.Lines[n-1]; l.At+len(l.Text) <= len(text) && text[l.At:l.At+len(l.Text)] == l.Text {
			p.Col, p.Text, p.Tokens = 1+utf8.RuneCountInString(text[:l.At]), l.Text, l.Tokens
			return p
		}
	}
	p.Tokens = timeparse.Lex(text)
	return p
}

// fieldLines places a YAML field's text on the source lines it was
// written on, so that findings point at the line and column of what they
// quote. A literal block (|) writes each line of the text on a line of its
// own; a folded block (>), a quoted or a plain scalar joins its source
// lines with spaces, so one line of the text may span several source
// lines. Each source line's content is matched against the text in turn;
// where it cannot be (an escape sequence, a comment), the rest of the
// line is placed where the match stopped.
func fieldLines(in *Input, path string, kinds []string, text string) []ProseLine {
	kind := "other"
	if len(kinds) > 0 {
		kind = kinds[0]
	}
	line, col := in.Pos(path)
	var out []ProseLine
	add := func(n, c int, t string) {
		if strings.TrimSpace(t) != "" {
			out = append(out, ProseLine{Line: n, Col: c, Text: t, Kinds: kinds, Kind: kind, Tokens: timeparse.Lex(t)})
		}
	}
	cur, first := line, true
	for _, part := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		rest := strings.TrimSpace(part)
		for rest != "" {
			if cur > in.LineCount() {
				add(line, col, rest) // the source ran out: keep the text, at the field
				break
			}
			off, content := sourceContent(in.Line(cur), col, first, rest)
			c := 1 + utf8.RuneCountInString(in.Line(cur)[:off])
			first = false
			cur++
			switch {
			case content == "":
				continue // a blank line of the block
			case strings.HasPrefix(rest, content):
				add(cur-1, c, content)
				rest = strings.TrimLeft(rest[len(content):], " ")
			default:
				add(cur-1, c, rest)
				rest = ""
			}
		}
	}
	return out
}

// sourceContent is a YAML source line's share of a scalar's text and
// its byte offset: from the value's column on its first line when the
// text starts there, else from the line's first non-space, without the
// quotes that open and close a quoted scalar.
func sourceContent(src string, col int, first bool, want string) (int, string) {
	trim := func(off int) (int, string) {
		t := strings.TrimRight(src[off:], " \t")
		if q := strings.TrimLeft(t, `"'`); len(q) < len(t) && !strings.HasPrefix(want, t[:1]) {
			off, t = off+len(t)-len(q), q
		}
		if !strings.HasSuffix(want, t[max(len(t)-1, 0):]) {
			t = strings.TrimRight(t, `"'`)
		}
		return off, t
	}
	if first {
		if off := byteAtColumn(src, col); off < len(src) {
			if o, t := trim(off); t != "" && strings.HasPrefix(want, t) {
				return o, t
			}
		}
	}
	return trim(len(src) - len(strings.TrimLeft(src, " \t")))
}

// byteAtColumn is the byte offset of 1-based rune column col in s.
func byteAtColumn(s string, col int) int {
	n := 1
	for i := range s {
		if n == col {
			return i
		}
		n++
	}
	return len(s)
}

// leftoverLines marks the lines template leftovers occupy.
func leftoverLines(r *markdown.Report) map[int]bool {
	m := map[int]bool{}
	for _, l := range r.Leftovers {
		if l.Kind == "placeholder" {
			continue // a placeholder sits inside a real sentence
		}
		for n := l.Line; n <= max(l.EndLine, l.Line); n++ {
			m[n] = true
		}
	}
	return m
}
