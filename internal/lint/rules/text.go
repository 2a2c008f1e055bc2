package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/markdown"
)

// proseLine is one line of prose a rule reads, with where it sits.
type proseLine struct {
	Line, Col int
	Text      string
	// Kind is the section it belongs to ("summary"), "" if unknown.
	Kind string
}

// proseOf returns the prose lines of the given section kinds (all
// sections when kinds is empty). In Markdown it skips fenced code,
// HTML comments and template leftovers; in YAML it reads the fields.
func proseOf(in *lint.Input, kinds ...string) []proseLine {
	key := "prose:" + strings.Join(kinds, ",")
	return in.Memo(key, func() any { return computeProse(in, kinds) }).([]proseLine)
}

func computeProse(in *lint.Input, kinds []string) []proseLine {
	want := func(ks []string) string {
		if len(kinds) == 0 {
			if len(ks) > 0 {
				return ks[0]
			}
			return "other"
		}
		for _, k := range ks {
			for _, w := range kinds {
				if k == w {
					return k
				}
			}
		}
		return ""
	}
	var out []proseLine
	if in.IsMarkdown() {
		sp := sectionProseOf(in)
		if len(kinds) == 0 {
			return sp.lines // every section, Kind as want sets it: shared, read only
		}
		n := 0
		for i, s := range in.Report.Sections {
			if want(s.Kinds) != "" {
				n += sp.start[i+1] - sp.start[i]
			}
		}
		if n > 0 {
			out = make([]proseLine, 0, n)
		}
		for i, s := range in.Report.Sections {
			kind := want(s.Kinds)
			if kind == "" {
				continue
			}
			for _, l := range sp.lines[sp.start[i]:sp.start[i+1]] {
				l.Kind = kind
				out = append(out, l)
			}
		}
		return out
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
	for _, f := range fields {
		if want([]string{f.kind}) == "" || f.text == "" {
			continue
		}
		out = append(out, fieldLines(in, f.path, f.kind, f.text)...)
	}
	if want([]string{"other"}) != "" && len(kinds) == 0 {
		for i, s := range d.Sections {
			out = append(out, fieldLines(in, fmt.Sprintf("sections.%d.body", i), "other", s.Body)...)
		}
	}
	return out
}

// proseSegments is proseOf(in, kinds...) for a rule that reads no line's
// Kind, appended to out as pieces that, read in order, are its lines.
// In Markdown proseOf copies each wanted section's lines out of the
// shared scan only to set their Kind; here they are returned in place.
func proseSegments(in *lint.Input, out [][]proseLine, kinds ...string) [][]proseLine {
	if !in.IsMarkdown() || len(kinds) == 0 {
		return append(out, proseOf(in, kinds...))
	}
	sp := sectionProseOf(in)
	for i, s := range in.Report.Sections {
		if wantsKind(s.Kinds, kinds) && sp.start[i+1] > sp.start[i] {
			out = append(out, sp.lines[sp.start[i]:sp.start[i+1]])
		}
	}
	return out
}

// wantsKind reports whether one of ks is one of kinds: computeProse's
// want(ks) != "" for kinds that are not empty.
func wantsKind(ks, kinds []string) bool {
	return slices.ContainsFunc(ks, func(k string) bool { return slices.Contains(kinds, k) })
}

// sectionProse is every Markdown section's prose lines in one list;
// section i's are lines[start[i]:start[i+1]]. Which lines are prose does
// not depend on the kinds a rule asks for, so proseOf scans the file once
// however many ways it is asked. Kind is the section's first kind or
// "other", what proseOf without kinds reports.
type sectionProse struct {
	lines []proseLine
	start []int
}

func sectionProseOf(in *lint.Input) *sectionProse {
	return in.Memo("prose-sections", func() any { return computeSectionProse(in) }).(*sectionProse)
}

// computeSectionProse skips fenced code, HTML comments, template
// leftovers and blank lines of each section's body.
func computeSectionProse(in *lint.Input) *sectionProse {
	secs := in.Report.Sections
	n := 0 // at most every body line is prose: one allocation for all
	for _, s := range secs {
		if s.BodyStart >= 1 && s.BodyEnd >= s.BodyStart {
			n += s.BodyEnd - s.BodyStart + 1
		}
	}
	sp := &sectionProse{lines: make([]proseLine, 0, min(n, in.LineCount())), start: make([]int, 0, len(secs)+1)}
	skip := leftoverLines(in.Report)
	for _, s := range secs {
		sp.start = append(sp.start, len(sp.lines))
		kind := "other"
		if len(s.Kinds) > 0 {
			kind = s.Kinds[0]
		}
		fence, comment := "", false
		for n := s.BodyStart; n <= s.BodyEnd && n >= 1; n++ {
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
			}
			if skip[n] || t == "" {
				continue
			}
			sp.lines = append(sp.lines, proseLine{Line: n, Col: 1, Text: line, Kind: kind})
		}
	}
	sp.start = append(sp.start, len(sp.lines))
	return sp
}

// fieldLines splits a YAML field into lines. A multi-line value is a
// block scalar whose lines start below the key; a one-line value sits at
// the key's position.
func fieldLines(in *lint.Input, path, kind, text string) []proseLine {
	line, col := in.Pos(path)
	parts := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(parts) == 1 {
		return []proseLine{{Line: line, Col: col, Text: parts[0], Kind: kind}}
	}
	var out []proseLine
	for i, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, proseLine{Line: line + 1 + i, Col: col, Text: p, Kind: kind})
		}
	}
	return out
}

// leftoverLines marks the lines template leftovers occupy.
func leftoverLines(r *markdown.Report) map[int]bool {
	var m map[int]bool // nil, and reading it false, without leftovers
	for _, l := range r.Leftovers {
		if l.Kind == "placeholder" {
			continue // a placeholder sits inside a real sentence
		}
		if m == nil {
			m = map[int]bool{}
		}
		for n := l.Line; n <= max(l.EndLine, l.Line); n++ {
			m[n] = true
		}
	}
	return m
}

// quote writes text for a message: quoted, cut to n runes, with
// invisible spaces (no-break, tabs) shown as plain spaces.
func quote(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u00a0', '\t', '\u2007', '\u202f':
			return ' '
		}
		return r
	}, s)
	return `"` + clip(s, n) + `"`
}

// col is the 1-based rune column of byte offset off in s.
func col(s string, off int) int {
	return len([]rune(s[:off])) + 1
}

// sectionName is how a message names a section kind or heading.
func sectionName(kind string) string {
	for _, k := range lint.SectionKinds {
		if k == kind {
			return lint.KindTitle(kind)
		}
	}
	return kind
}

// statedIn reports whether action item i's source line states what re
// looks for, in Markdown where the importer may not have split it out.
// Every match of re contains one of words in some ASCII case, or a long
// s (U+017F), which (?i) matches as s: lines with neither are not run
// through re.
func statedIn(in *lint.Input, i int, re *regexp.Regexp, words ...string) bool {
	if !in.IsMarkdown() {
		return false
	}
	l, _ := in.Pos("action_items." + strconv.Itoa(i))
	line := in.Line(l)
	if !strings.Contains(line, "ſ") && !containsAnyFold(line, words) {
		return false
	}
	return re.MatchString(line)
}

// containsAnyFold reports whether s contains one of words (lower-case
// ASCII letters and spaces) in any ASCII case.
func containsAnyFold(s string, words []string) bool {
	for _, w := range words {
		for i := 0; i+len(w) <= len(s); i++ {
			if s[i]|0x20 == w[0] && hasPrefixFold(s[i:], w) {
				return true
			}
		}
	}
	return false
}

// hasPrefixFold reports whether s starts with lower (lower-case ASCII
// letters and spaces) in any ASCII case.
func hasPrefixFold(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for k := 0; k < len(lower); k++ {
		c := s[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[k] {
			return false
		}
	}
	return true
}
