package render

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// mermaidDiagram draws the incident's timeline and phases as a Mermaid
// diagram body (without the fence); "" when there is nothing to draw.
//
// It is a gantt chart, which GitHub and GitLab both draw: the impact
// window as one bar, the response phases as consecutive bars between the
// milestones (detect: impact start to `detected`; acknowledge: to
// `acknowledged`; mitigate: to `mitigated`; resolve: to `resolved`), and
// every timed timeline entry as a milestone diamond. A phase with no
// duration is a diamond too. Times are UTC, written without a zone so
// that Mermaid shows them as they are.
func mermaidDiagram(doc *document.Document, r *document.Resolved) string {
	type mark struct {
		label string
		at    time.Time
	}
	var events []mark
	first, last := time.Time{}, time.Time{}
	see := func(t time.Time) {
		if t.IsZero() {
			return
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	for i, ev := range doc.Timeline {
		if t := r.Times[i]; !t.IsZero() {
			events = append(events, mark{ev.Event, t})
			see(t)
		}
	}
	see(r.ImpactStart)
	see(r.ImpactEnd)
	if first.IsZero() {
		return ""
	}

	var b strings.Builder
	b.WriteString("gantt\n")
	fmt.Fprintf(&b, "    title %s\n", mermaidText(document.TitleOf(doc, r)+" (UTC)", 80))
	b.WriteString("    dateFormat YYYY-MM-DD HH:mm:ss\n")
	if first.Format(time.DateOnly) == last.Format(time.DateOnly) {
		b.WriteString("    axisFormat %H:%M\n")
	} else {
		b.WriteString("    axisFormat %m-%d %H:%M\n")
	}
	b.WriteString("    todayMarker off\n")

	task := func(label, tags, id string, from, to time.Time) {
		if to.Equal(from) {
			fmt.Fprintf(&b, "    %s :%smilestone, %s, %s, 0m\n", label, tags, id, mermaidTime(from))
			return
		}
		fmt.Fprintf(&b, "    %s :%s%s, %s, %s\n", label, tags, id, mermaidTime(from), mermaidTime(to))
	}
	if s, e := r.ImpactStart, r.ImpactEnd; !s.IsZero() && !e.IsZero() && !e.Before(s) {
		b.WriteString("    section Impact\n")
		task(mermaidText("Impact, "+timeparse.FormatDuration(e.Sub(s)), 0), "crit, ", "impact", s, e)
	}

	// Each phase runs from the latest milestone before it that is known.
	phases := []struct{ name, until string }{
		{"Detect", "detected"}, {"Acknowledge", "acknowledged"}, {"Mitigate", "mitigated"}, {"Resolve", "resolved"},
	}
	from := r.ImpactStart
	wrote := false
	for _, p := range phases {
		to, ok := r.Milestones[p.until]
		if !ok {
			continue
		}
		if !from.IsZero() && !to.Before(from) {
			if !wrote {
				b.WriteString("    section Response\n")
				wrote = true
			}
			task(mermaidText(p.name+", "+timeparse.FormatDuration(to.Sub(from)), 0), "", p.until, from, to)
		}
		from = to
	}

	if len(events) > 0 {
		b.WriteString("    section Timeline\n")
		for i, e := range events {
			task(mermaidText(e.label, 60), "", fmt.Sprintf("e%d", i+1), e.at, e.at)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// Diagram is the Mermaid diagram body whatever --mermaid says, for a
// template that always shows one: {{with .Diagram}} ```mermaid ... {{end}}.
// "" when there is nothing to draw.
func (v *View) Diagram() string { return mermaidDiagram(v.Doc, v.resolved) }

func mermaidTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05") }

// mermaidEscapes turn the characters that end or redirect a gantt line
// (":" starts the task data, "#" and "%" start comments, ";" ends a
// statement) into Mermaid's entity codes, which it decodes after parsing.
// A literal "#" must be encoded as well, or "#59;" in user text would be
// read as an entity. The backtick keeps the Markdown fence intact.
var mermaidEscapes = strings.NewReplacer(
	"#", "#35;", ";", "#59;", ":", "#58;", "%", "#37;", "`", "#96;",
	"\r", " ", "\n", " ", "\t", " ",
)

// mermaidKeyword matches text the gantt lexer would read as a statement
// rather than a task name: a keyword at the start of the line, or a date.
var mermaidKeyword = pattern(`(?i)^(?:gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes|todaymarker|weekday|title|accdescription|acctitle|accdescr|section|click|call|href|\d{4}-\d{2}-\d{2})`)

// mermaidText makes user text safe as a gantt task name or title: one
// line, no syntax characters, not starting like a statement, at most limit
// runes (0: no limit).
func mermaidText(s string, limit int) string {
	s = strings.Join(strings.Fields(s), " ")
	if limit > 0 && utf8.RuneCountInString(s) > limit {
		s = string([]rune(s)[:limit-1]) + "…"
	}
	if s == "" {
		s = "(no text)"
	}
	s = mermaidEscapes.Replace(s)
	if mermaidKeyword().MatchString(s) {
		c, size := utf8.DecodeRuneInString(s)
		s = fmt.Sprintf("#%d;", c) + s[size:]
	}
	return s
}
