package lsp

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// codeActions offers, for the findings on the requested lines, the fix
// `postmortem lint --fix` would make (bound to its diagnostic) and a
// suppression comment; and, for the whole file, everything --fix does.
func (s *server) codeActions(params json.RawMessage) (any, error) {
	p, snap, err := decodeDocument[codeActionParams](s, params)
	if err != nil {
		return nil, err
	}
	out := []CodeAction{}
	if snap.an.ignored || snap.an.in == nil {
		return out, nil
	}
	wantQuick, wantFixAll := wants(p.Context.Only, kindQuickFix), wants(p.Context.Only, kindFixAll)
	first, last := p.Range.Start.Line+1, p.Range.End.Line+1
	t, eol := snap.t, eolOf(snap.t.s)
	for _, pr := range snap.an.problems {
		if pr.Rule == "" || max(pr.EndLine, pr.Line) < first || pr.Line > last || !wantQuick {
			continue
		}
		diag := s.diagnostic(t, pr)
		if pr.Fixable {
			if edits, ok := snap.an.edits(pr); ok {
				var tes []TextEdit
				for _, e := range edits {
					tes = append(tes, lineTextEdit(t, e, eol))
				}
				out = append(out, CodeAction{Title: fixTitle(pr.Rule, edits), Kind: kindQuickFix, Diagnostics: []Diagnostic{diag},
					IsPreferred: true, Edit: &WorkspaceEdit{Changes: map[string][]TextEdit{snap.uri: tes}}})
			}
		}
		if pr.hasSuppressor {
			line := t.line(pr.Line - 1)
			indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
			comment := fmt.Sprintf("%s<!-- postmortem-disable-next-line %s -->", indent, pr.Rule)
			edit := lineTextEdit(t, lineEdit{Line: pr.Line, EndLine: pr.Line - 1, Text: []string{comment}}, eol)
			out = append(out, CodeAction{Title: fmt.Sprintf("Suppress %s on line %d", pr.Rule, pr.Line), Kind: kindQuickFix,
				Diagnostics: []Diagnostic{diag}, Edit: &WorkspaceEdit{Changes: map[string][]TextEdit{snap.uri: {edit}}}})
		}
	}
	if wantFixAll {
		if fixed, ok := snap.an.fixAll(); ok {
			out = append(out, CodeAction{Title: "Fix all postmortem problems that can be fixed mechanically (lint --fix)", Kind: kindFixAll,
				Edit: &WorkspaceEdit{Changes: map[string][]TextEdit{snap.uri: {replaceChanged(t, fixed)}}}})
		}
	}
	return out, nil
}

// wants reports whether a request's "only" filter admits an action kind:
// no filter admits all, and a kind admits its sub-kinds.
func wants(only []string, kind string) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if o == kind || strings.HasPrefix(kind, o+".") {
			return true
		}
	}
	return false
}

// eolOf is the text's line ending; lint.Apply keeps it the same way.
func eolOf(s string) string {
	if strings.Contains(s, "\r\n") {
		return "\r\n"
	}
	return "\n"
}

// lineTextEdit turns a linter edit of whole lines into a protocol edit.
func lineTextEdit(t *text, e lineEdit, eol string) TextEdit {
	n := t.lines()
	body := strings.Join(e.Text, eol)
	finalNewline := strings.HasSuffix(t.s, "\n")
	if e.EndLine < e.Line { // an insertion before line e.Line
		if e.Line-1 < n {
			at := Position{Line: e.Line - 1}
			return TextEdit{Range{at, at}, body + eol}
		}
		end := t.position(len(t.s))
		if !finalNewline && t.s != "" {
			return TextEdit{Range{end, end}, eol + body}
		}
		return TextEdit{Range{end, end}, body + eol}
	}
	start := Position{Line: e.Line - 1}
	if e.EndLine < n || finalNewline {
		if len(e.Text) > 0 {
			body += eol
		}
		return TextEdit{Range{start, t.position(lineStartOffset(t, e.EndLine))}, body}
	}
	// The last lines of a text without a final newline.
	end := t.lineEnd(n - 1)
	if len(e.Text) == 0 && e.Line > 1 {
		start = t.lineEnd(e.Line - 2) // take the line break before them too
	}
	return TextEdit{Range{start, end}, body}
}

// lineStartOffset is the byte offset where zero-based line n starts, or
// the text's end.
func lineStartOffset(t *text, n int) int {
	if n < len(t.starts) {
		return t.starts[n]
	}
	return len(t.s)
}

// replaceChanged is one edit from old to new: the lines between their
// common first and last lines, so that the editor keeps the cursor and
// the undo step small.
func replaceChanged(t *text, fixed string) TextEdit {
	old := t.s
	a, b := strings.SplitAfter(old, "\n"), strings.SplitAfter(fixed, "\n")
	pre := 0
	for i := 0; i < len(a) && i < len(b) && a[i] == b[i]; i++ {
		pre += len(a[i])
	}
	suf := 0
	for i, j := len(a)-1, len(b)-1; i >= 0 && j >= 0 && a[i] == b[j] && pre+suf+len(a[i]) <= min(len(old), len(fixed)); i, j = i-1, j-1 {
		suf += len(a[i])
	}
	return TextEdit{Range{t.position(pre), t.position(len(old) - suf)}, fixed[pre : len(fixed)-suf]}
}

// fixTitle says what a fix does to the text, and for which rule.
func fixTitle(rule string, edits []lineEdit) string {
	var parts []string
	for _, e := range edits {
		switch {
		case e.EndLine < e.Line:
			parts = append(parts, fmt.Sprintf("insert %s before line %d", quoteShort(e.Text), e.Line))
		case len(e.Text) == 0 && e.EndLine > e.Line:
			parts = append(parts, fmt.Sprintf("delete lines %d-%d", e.Line, e.EndLine))
		case len(e.Text) == 0:
			parts = append(parts, fmt.Sprintf("delete line %d", e.Line))
		default:
			parts = append(parts, fmt.Sprintf("rewrite line %d as %s", e.Line, quoteShort(e.Text)))
		}
	}
	title := strings.Join(parts, ", ")
	if title != "" {
		title = strings.ToUpper(title[:1]) + title[1:]
	}
	return fmt.Sprintf("%s (%s)", title, rule)
}

// quoteShort quotes the first line of a text, shortened for a menu.
func quoteShort(lines []string) string {
	s := strings.Join(lines, " ")
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:39]) + "…"
	}
	return "“" + strings.TrimSpace(s) + "”"
}
