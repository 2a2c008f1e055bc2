package rules

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/fold"
	"github.com/postmortem-cli/postmortem/internal/lint"
)

// proseOf returns the prose lines of the given section kinds (every
// section when kinds is empty), each line's Kind the first of its
// section's kinds that is asked for; in.Prose itself when kinds is
// empty.
func proseOf(in *lint.Input, kinds ...string) []lint.ProseLine {
	if len(kinds) == 0 {
		return in.Prose
	}
	var out []lint.ProseLine
	for _, p := range in.Prose {
		if i := slices.IndexFunc(p.Kinds, func(k string) bool { return slices.Contains(kinds, k) }); i >= 0 {
			p.Kind = p.Kinds[i]
			out = append(out, p)
		}
	}
	return out
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
	if slices.Contains(lint.SectionKinds, kind) {
		return lint.KindTitle(kind)
	}
	return kind
}

// statedIn reports whether action item i's source line states what re
// looks for, in Markdown where the importer may not have split it out;
// word is a word every match of re holds (re is case-insensitive).
func statedIn(in *lint.Input, i int, re *regexp.Regexp, words ...string) bool {
	if !in.IsMarkdown() {
		return false
	}
	l, _ := in.Pos("action_items." + strconv.Itoa(i))
	line := in.Line(l)
	if !slices.ContainsFunc(words, func(w string) bool { return fold.Contains(line, w) }) {
		return false
	}
	return re.MatchString(line)
}
