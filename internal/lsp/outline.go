package lsp

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// documentSymbols is the outline: the title and sections in order, with
// the timeline entries under the section that holds them.
func (s *server) documentSymbols(params json.RawMessage) (any, error) {
	_, snap, err := decodeDocument[documentParams](s, params)
	if err != nil {
		return nil, err
	}
	out := []DocumentSymbol{}
	if snap.an.in == nil {
		return out, nil
	}
	t := snap.t
	tl := snap.an.timeline()
	md := isMarkdown(snap.an.path)
	for _, sec := range snap.an.sections() {
		sym := DocumentSymbol{Name: sec.Name, Kind: symbolNamespace,
			Range:          Range{Position{Line: sec.Line - 1}, t.lineEnd(sec.EndLine - 1)},
			SelectionRange: Range{t.at(sec.Line, sec.Col), t.lineEnd(sec.Line - 1)}}
		switch {
		case sec.Title:
			sym.Kind, sym.Detail = symbolFile, "title"
		case !md:
			sym.Kind = symbolProperty
		case len(sec.Kinds) > 0:
			sym.Detail = strings.Join(sec.Kinds, ", ")
		}
		if sym.Name == "" {
			sym.Name = "(untitled)"
		}
		if slices.Contains(sec.Kinds, "timeline") {
			for _, tf := range tl.Times {
				if tf.Line >= sec.Line && tf.Line <= sec.EndLine {
					sym.Children = append(sym.Children, entrySymbol(t, tf))
				}
			}
		}
		out = append(out, sym)
	}
	return out, nil
}

func entrySymbol(t *text, tf timeFact) DocumentSymbol {
	name := tf.Written
	if tf.Event != "" {
		name += " " + tf.Event
	}
	if utf8.RuneCountInString(name) > 80 {
		name = string([]rune(name)[:79]) + "…"
	}
	var detail []string
	if tf.Milestone != "" {
		detail = append(detail, tf.Milestone)
	}
	if !tf.Instant.IsZero() && !tf.WrittenInUTC {
		detail = append(detail, tf.Instant.UTC().Format("15:04 UTC"))
	}
	return DocumentSymbol{Name: name, Detail: strings.Join(detail, ", "), Kind: symbolEvent,
		Range:          Range{Position{Line: tf.Line - 1}, t.lineEnd(tf.Line - 1)},
		SelectionRange: Range{t.at(tf.Line, tf.Col), t.at(tf.Line, tf.EndCol)}}
}

// valueKey is a "key: partial value" prefix whose values completion
// knows: milestone, severity and status, in YAML or as a Markdown label.
var valueKey = pattern(`(?i)^(\s*)(?:-\s+)?(?:\*\*|__)?(milestone|severity|sev|status)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*["']?([\w-]*)$`)

// headingPrefix is a Markdown heading being typed.
var headingPrefix = pattern(`^\s{0,3}#{1,6}(?:\s+[\w ]*)?$`)

// completion offers milestone names, severities, statuses and the
// configured template's section headings, where they can be written.
func (s *server) completion(params json.RawMessage) (any, error) {
	p, snap, err := decodeDocument[textDocumentPositionParams](s, params)
	if err != nil {
		return nil, err
	}
	list := completionList{Items: []CompletionItem{}}
	if snap.an.ignored {
		return list, nil
	}
	t := snap.t
	line := t.line(p.Position.Line)
	prefix := line[:t.enc.byteAt(line, p.Position.Character)]
	v := snap.an.vocabulary()
	md := isMarkdown(snap.an.path)
	// The text being replaced: from where the value starts to the cursor.
	replace := func(fromByte int) Range {
		return Range{Position{p.Position.Line, t.enc.units(prefix[:fromByte])}, p.Position}
	}
	add := func(label, detail, sort string, kind int, r Range) {
		list.Items = append(list.Items, CompletionItem{Label: label, Kind: kind, Detail: detail, SortText: sort + label,
			TextEdit: &TextEdit{Range: r, NewText: label}})
	}
	switch m := valueKey().FindStringSubmatch(prefix); {
	case m != nil:
		r := replace(len(prefix) - len(m[3]))
		var values []string
		detail := strings.ToLower(m[2])
		switch detail {
		case "milestone":
			values = v.Milestones
		case "severity", "sev":
			values, detail = v.Severities, "severity"
		case "status":
			values = v.Statuses
			if !md && m[1] != "" { // an indented status is an action item's
				values, detail = v.ActionStatuses, "action item status"
			}
		}
		for i, val := range values {
			add(val, detail, fmt.Sprintf("%02d", i), completionEnumMember, r)
		}
	case md && headingPrefix().MatchString(prefix):
		have := map[string]bool{}
		for _, sec := range snap.an.sections() {
			for _, k := range sec.Kinds {
				have[k] = true
			}
		}
		for i, h := range v.Headings {
			sort := "0"
			detail := "section of the " + v.Template + " template"
			if have[h.Kind] {
				sort, detail = "1", "already in this report"
			}
			add(strings.Repeat("#", h.Level)+" "+h.Text, detail, fmt.Sprintf("%s%02d", sort, i), completionText, replace(len(prefix)-len(strings.TrimLeft(prefix, " "))))
		}
	case md && strings.HasPrefix(strings.TrimSpace(prefix), "|") && inTimeline(snap.an.sections(), p.Position.Line+1):
		cell := prefix[strings.LastIndexByte(prefix, '|')+1:]
		word := strings.TrimLeft(cell, " ")
		for i, val := range v.Milestones {
			add(val, "milestone", fmt.Sprintf("%02d", i), completionEnumMember, replace(len(prefix)-len(word)))
		}
	}
	return list, nil
}

func inTimeline(secs []sectionFact, line int) bool {
	for _, sec := range secs {
		if slices.Contains(sec.Kinds, "timeline") && line > sec.Line && line <= sec.EndLine {
			return true
		}
	}
	return false
}

// pattern compiles a regular expression on first use: package
// initialisation does no work, so a run that never needs it (postmortem
// --version) does not pay for it.
func pattern(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
