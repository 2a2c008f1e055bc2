package rules

import (
	"fmt"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/markdown"
)

// TemplateLeftover reports template text left in a report: instruction
// paragraphs, **EXAMPLE** blocks, {PLACEHOLDERS} and an unreplaced title.
type TemplateLeftover struct{}

func (TemplateLeftover) Doc() lint.Doc {
	return lint.Doc{
		ID:       "template-leftover",
		Severity: lint.Error,
		Summary:  "template instructions, examples or placeholders left in the report",
		Rationale: `Instruction paragraphs ("Describe how the incident impacted...") and example text are
the most common defect in real postmortems: the author wrote the section under them
and forgot to delete them. Readers then cannot tell what happened from what the
template suggested, and an example timeline left in reads as fact. A GitHub
admonition ("> [!NOTE]") is the author's text unless it holds a known template's
instructions, and an italic question kept above its answer ("_What was the
impact?_" then the answer) is the team's label, not a leftover.
--fix deletes instruction paragraphs, "**EXAMPLE**:" labels and "> [!NOTE]" boxes;
placeholders and example text need a person.`,
		Fixable: true,
		Bad:     "## Impact\n\nDescribe how the incident impacted internal and external users during the incident.\n\nFor 13 minutes, pizzas could not be ordered.",
		Good:    "## Impact\n\nFor 13 minutes, pizzas could not be ordered.",
	}
}

var exampleLabel = pattern(`^\s*(\*\*|__)?EXAMPLE(\*\*|__)?\s*:?\s*(\*\*|__)?\s*:?\s*$`)

// placeholderRE matches the template's {UPPER CASE} placeholders.
var placeholderRE = pattern(`\{[A-Z][A-Z0-9 %/,.'()&:-]{2,}(?:, e\.g\.[^}]*)?\}|\{(?:XX|time range of incident)[^}]*\}`)

func (TemplateLeftover) Check(in *lint.Input, emit func(lint.Finding)) {
	if !in.IsMarkdown() {
		checkDocumentPlaceholders(in, emit)
		return
	}
	for _, l := range in.Report.Leftovers {
		end := max(l.EndLine, l.Line)
		if l.Kind == "instruction" && (authorsAdmonition(in, l.Line, end) || questionLabel(in, l.Line)) {
			continue
		}
		// One finding per paragraph: a reviewer deletes paragraphs, and
		// the importer may group consecutive instruction paragraphs.
		for _, p := range paragraphs(in, l.Line, end) {
			c := 1
			if p[0] == l.Line {
				c = max(l.Col, 1)
			}
			f := lint.Finding{Line: p[0], Column: c, Message: leftoverMessage(l.Kind, l.Text, p[0], p[1])}
			if p[1] > p[0] {
				f.EndLine = p[1]
			}
			if fixableLeftover(in, l.Kind, p[0], p[1]) {
				f.Fix = deleteBlock(in, p[0], p[1])
			}
			emit(f)
		}
	}
}

// admonitionMark opens a GitHub admonition: "> [!NOTE]".
var admonitionMark = pattern(`^\s*>\s*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*`)

// authorsAdmonition reports whether lines from..to are a GitHub
// admonition ("> [!NOTE]") whose text is not a known template's: the
// author's own note, which is the report's text.
func authorsAdmonition(in *lint.Input, from, to int) bool {
	if !admonitionMark().MatchString(in.Line(from)) {
		return false
	}
	var text []string
	for n := from; n <= to; n++ {
		t := admonitionMark().ReplaceAllString(in.Line(n), "")
		t = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(t), ">"))
		if t != "" {
			text = append(text, t)
		}
	}
	return len(text) > 0 && !markdown.IsTemplateText(strings.Join(text, " "))
}

// questionLabel reports whether the leftover at line is an italic
// prompt ("_What was the impact?_") in a section that holds an answer:
// the team keeps its template's questions as labels above their answers.
// A prompt alone in its section is left-over template text.
func questionLabel(in *lint.Input, line int) bool {
	t := strings.TrimSpace(in.Line(line))
	if !(strings.HasPrefix(t, "_") || strings.HasPrefix(t, "*") && !strings.HasPrefix(t, "**")) {
		return false
	}
	// A question, or a field's name ("_Date/time of discovery_"), not
	// an instruction sentence ("_Be very specific here._").
	inner := strings.TrimSpace(strings.Trim(t[:strings.LastIndexAny(t, "_*")+1], "_* "))
	if !strings.HasSuffix(inner, "?") && (strings.Count(inner, " ") > 5 || strings.HasSuffix(inner, ".")) {
		return false
	}
	for _, s := range in.Report.Sections {
		if s.BodyStart <= line && line <= s.BodyEnd {
			return !s.Empty
		}
	}
	return false
}

// paragraphs splits lines from..to into runs of non-blank lines.
func paragraphs(in *lint.Input, from, to int) [][2]int {
	var out [][2]int
	start := -1
	for n := from; n <= to; n++ {
		blank := strings.TrimSpace(in.Line(n)) == ""
		switch {
		case !blank && start < 0:
			start = n
		case blank && start >= 0:
			out = append(out, [2]int{start, n - 1})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, to})
	}
	if len(out) == 0 {
		out = append(out, [2]int{from, to})
	}
	return out
}

func leftoverMessage(kind, text string, line, end int) string {
	span := ""
	if end > line {
		span = fmt.Sprintf(" (lines %d-%d)", line, end)
	}
	switch kind {
	case "instruction":
		return "template instruction left in" + span + "; delete it once the section is written"
	case "example":
		return "template example left in" + span + "; replace it with what happened"
	case "placeholder":
		if ps := placeholderRE().FindAllString(text, -1); len(ps) > 0 {
			more := ""
			if len(ps) > 1 {
				more = fmt.Sprintf(" (and %d more)", len(ps)-1)
			}
			return fmt.Sprintf("template placeholder %s%s was never filled in", clip(ps[0], 40), more)
		}
		return fmt.Sprintf("template placeholder %s was never filled in", quote(text, 40))
	case "title":
		return fmt.Sprintf("title placeholder %q was never replaced; use the incident's time, e.g. \"Incident: 2024-12-04 19-47-00\"", strings.TrimSpace(text))
	}
	return fmt.Sprintf("template text (%s) left in%s", kind, span)
}

// fixableLeftover is true for the leftovers deleting cannot change what
// the report says: instruction paragraphs, a bare **EXAMPLE** label and
// note boxes. Example content and placeholders may sit in real text.
func fixableLeftover(in *lint.Input, kind string, line, end int) bool {
	switch kind {
	case "instruction":
		return true
	case "example":
		return line == end && exampleLabel().MatchString(in.Line(line))
	}
	return false
}

// deleteBlock deletes lines from..to and one blank line around them, so
// no double blank line is left behind.
func deleteBlock(in *lint.Input, from, to int) *lint.Fix {
	blank := func(n int) bool { return n >= 1 && n <= in.LineCount() && strings.TrimSpace(in.Line(n)) == "" }
	if blank(to+1) && (from == 1 || blank(from-1)) {
		to++
	} else if blank(from-1) && !blank(to+1) && to+1 > in.LineCount() {
		from--
	}
	return lint.DeleteLines(from, to)
}

func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func checkDocumentPlaceholders(in *lint.Input, emit func(lint.Finding)) {
	for _, p := range proseOf(in) {
		for _, m := range placeholderRE().FindAllStringIndex(p.Text, -1) {
			emit(lint.Finding{Line: p.Line, Column: p.Col + col(p.Text, m[0]) - 1, Message: fmt.Sprintf("template placeholder %s was never filled in", clip(p.Text[m[0]:m[1]], 40))})
		}
	}
	if strings.Contains(in.Doc.Title, "YYYY-MM-DD") {
		l, c := in.Pos("title")
		emit(lint.Finding{Line: l, Column: c, Message: fmt.Sprintf("title placeholder %q was never replaced", in.Doc.Title)})
	}
}
