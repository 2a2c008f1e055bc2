package rules

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/fold"
	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/markdown"
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

var (
	// doneInText marks an item done in its own text: a checked box, a
	// tick, a struck-out line, "(done)", "(fixed by ...)", "Action taken:".
	doneInText = pattern(`(?i)\[x\]|✅|✔|☑|~~[^~]+~~|\((?:done|fixed|completed|resolved|added|shipped|merged|implemented)\b|^\W*(?:done|completed|fixed)\s*[:\-–—]|\baction taken\b`)
	// doneAtEnd is an item's closing parenthetical saying it is done.
	doneAtEnd = pattern(`(?i)\((?:done|fixed|completed|resolved|added|shipped|merged|implemented)\b[^()]*\)[\s.*_]*$`)
	// doneCell is a status written in capitals, as Google's template
	// writes it in the Bug column ("n/a **DONE**").
	doneCell = pattern(`\bDONE\b`)
	// trackerLink is a link to an issue, pull request or ticket.
	trackerLink = pattern(`(?i)https?://\S*(?:/(?:issues|pull|pulls|merge_requests|browse|tickets?)\b|atlassian\.net/|linear\.app/|/jira/)`)
)

// settledElsewhere reports whether action item i is not an open item
// for a person to own: its own text says it is done ("[x]", "✅",
// "DONE", "(fixed by ...)", "Added ..." in the past tense), it links the
// issue or ticket that tracks it (where its owner and due date live), or
// it is not an item at all: a heading that groups items ("### Process
// improvements"), a list under a label of its own ("**Deliverables:**")
// or a legend beside a table of items. Only a Markdown report has such
// text.
func settledElsewhere(in *lint.Input, i int) bool {
	if !in.IsMarkdown() {
		return false
	}
	l, _ := in.Pos("action_items." + strconv.Itoa(i))
	line := strings.TrimSpace(in.Line(l))
	desc := in.Doc.ActionItems[i].Description
	if groupHeading(in, l) || underOtherLabel(in, l) || besideTable(in, i, l) {
		return true
	}
	// The patterns run only on text holding one of their literal parts.
	if doneMarks(line) && (doneInText().MatchString(line) || doneCell().MatchString(line)) ||
		(strings.Contains(line, "http") || strings.Contains(desc, "http")) && trackerLink().MatchString(line+" "+desc) {
		return true
	}
	// Over several lines, the item's closing words say how it ended:
	// "... (fixed by adding a monitoring entry)". A "(done)" in the
	// middle belongs to one of its sub-items, not to the item.
	desc = strings.TrimSpace(desc)
	return strings.HasSuffix(strings.TrimRight(desc, " .*_"), ")") && doneAtEnd().MatchString(desc) || pastTense(desc)
}

// doneMarks reports whether a line holds a literal part of doneInText
// or doneCell.
func doneMarks(line string) bool {
	return strings.ContainsAny(line, "[✅✔☑~(") || strings.Contains(line, "DONE") || fold.Contains(line, "done") ||
		fold.Contains(line, "complete") || fold.Contains(line, "fixed") || fold.Contains(line, "action taken")
}

// pastTenseVerbs open an item that reports work done ("Added
// lower-balance monitoring", "**Follow-up:** Implemented retries").
var pastTenseVerbs = map[string]bool{"Added": true, "Implemented": true, "Fixed": true, "Deployed": true, "Created": true,
	"Updated": true, "Enabled": true, "Disabled": true, "Removed": true, "Increased": true, "Decreased": true, "Raised": true,
	"Lowered": true, "Migrated": true, "Configured": true, "Executed": true, "Analyzed": true, "Analysed": true, "Reviewed": true,
	"Generated": true, "Reverted": true, "Merged": true, "Released": true, "Shipped": true, "Upgraded": true, "Patched": true,
	"Documented": true, "Wrote": true, "Moved": true, "Replaced": true, "Completed": true, "Introduced": true, "Switched": true,
	"Rotated": true, "Restored": true, "Rolled": true}

// pastTense reports whether an item's description opens, after an
// optional bold label, with a verb in the past tense.
func pastTense(desc string) bool {
	if strings.HasPrefix(desc, "**") {
		if i := strings.Index(desc[2:], "**"); i >= 0 {
			desc = strings.TrimLeft(desc[2+i+2:], ": ")
		}
	}
	first, _, _ := strings.Cut(desc, " ")
	return pastTenseVerbs[first]
}

// underOtherLabel reports whether the list holding line is introduced by
// a label line of its own that names no action items: "**Deliverables:**"
// above a list of files belongs to that label.
func underOtherLabel(in *lint.Input, line int) bool {
	for n := line - 1; n >= 1; n-- {
		raw := in.Line(n)
		t := strings.TrimSpace(raw)
		if t == "" || raw[0] == ' ' || raw[0] == '\t' || trimMarker(t) != t {
			continue
		}
		if !(strings.HasPrefix(t, "**") || strings.HasPrefix(t, "__")) || !strings.HasSuffix(strings.TrimRight(t, "*_"), ":") {
			return false
		}
		label := strings.Trim(t, "*_: ")
		return !slices.Contains(markdown.SectionKinds(label), "action_items")
	}
	return false
}

// besideTable reports whether action item i, at line, is a list item in
// a section whose items are a table's rows: the list explains the table
// (its types or priorities), it lists nothing to do.
func besideTable(in *lint.Input, i, line int) bool {
	if strings.HasPrefix(strings.TrimSpace(in.Line(line)), "|") {
		return false
	}
	for j := range in.Doc.ActionItems {
		if j == i {
			continue
		}
		l, _ := in.Pos("action_items." + strconv.Itoa(j))
		if strings.HasPrefix(strings.TrimSpace(in.Line(l)), "|") && !headingBetween(in, min(l, line), max(l, line)) {
			return true
		}
	}
	return false
}

// headingBetween reports whether a heading line lies after line a and
// before line b.
func headingBetween(in *lint.Input, a, b int) bool {
	for n := a + 1; n < b; n++ {
		if strings.HasPrefix(strings.TrimSpace(in.Line(n)), "#") {
			return true
		}
	}
	return false
}

// groupHeading reports whether line is a heading with a list or table
// below it: it names a group of items ("### Process improvements"), it
// is not one.
func groupHeading(in *lint.Input, line int) bool {
	if !strings.HasPrefix(strings.TrimSpace(in.Line(line)), "#") {
		return false
	}
	for n := line + 1; n <= in.LineCount(); n++ {
		t := strings.TrimSpace(in.Line(n))
		switch {
		case t == "":
			continue
		case strings.HasPrefix(t, "|") || trimMarker(t) != t:
			return true
		}
		return false
	}
	return false
}
