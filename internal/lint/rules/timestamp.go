package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/fold"
	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/markdown"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// Timestamp reports times that cannot be read or are ambiguous, and
// timeline entries without a time.
type Timestamp struct{}

func (Timestamp) Doc() lint.Doc {
	return lint.Doc{
		ID:       "timestamp",
		Severity: lint.Error,
		Summary:  "a time cannot be read, is ambiguous (7:34 without AM/PM), or a timeline entry has none",
		Rationale: `Every metric (time to detect, to mitigate, impact) is computed from the timeline's
times. "7:34" may be morning or evening (said once per report, and not at all when the
report says it uses a 24-hour clock), "19:34 IST" is three different zones, and an
entry without a time cannot be placed. An entry that gives only a date, a relative
time ("+2 hrs") or says its time is unknown is the author's statement, not a defect;
lists under entries written as headings are their details, and a group of entries
under a heading such as "Ongoing" is untimed on purpose. See 'postmortem help times'
for what is accepted.`,
		Bad:  "- _7:34_ - Pizza factory begins returning 500 errors",
		Good: "- _19:34_ - Pizza factory begins returning 500 errors",
	}
}

func (Timestamp) Check(in *lint.Input, emit func(lint.Finding)) {
	reported := map[string]bool{}
	for _, p := range in.Problems {
		if problemRule(p) == "timestamp" {
			reported[p.Path] = true
		}
	}
	problemsFor(in, "timestamp", emit)
	ambiguousHours(in, reported, emit)
	if in.IsMarkdown() {
		untimedEntries(in, emit)
	}
}

// ambiguousHours reports a timeline written with one-digit hours and no
// AM/PM: "2:35" reads as 02:35 but is as likely 14:35 written on a
// 12-hour clock, and a reviewer asks which. One finding per report (at
// the first such time) says how many more there are; a report that says
// it uses a 24-hour clock has answered already.
func ambiguousHours(in *lint.Input, reported map[string]bool, emit func(lint.Finding)) {
	first, more := -1, 0
	var st timeparse.Stamp
	for i, ev := range in.Doc.Timeline {
		raw := ev.RawTime // as written; Time may be normalised ("02:35")
		if raw == "" {
			raw = ev.Time
		}
		if raw == "" || reported["timeline."+strconv.Itoa(i)+".time"] {
			continue
		}
		if s, ok := writtenClock(raw); ok && s.ShortHour && s.Meridiem == "" && s.Hour < 10 {
			if first < 0 {
				first, st = i, s
			} else {
				more++
			}
		}
	}
	if first < 0 || declares24Hour(in) {
		return
	}
	raw := in.Doc.Timeline[first].RawTime
	if raw == "" {
		raw = in.Doc.Timeline[first].Time
	}
	msg := fmt.Sprintf("time %q is ambiguous: a one-digit hour without AM/PM may be %02d:%02d or %02d:%02d; write the hour with two digits or add AM/PM", raw, st.Hour, st.Minute, st.Hour+12, st.Minute)
	if more > 0 {
		msg += fmt.Sprintf(" (%d more times in the timeline are written this way; or say \"24-hour clock\" above it)", more)
	}
	l, c := in.Pos("timeline." + strconv.Itoa(first) + ".time")
	emit(lint.Finding{Line: l, Column: c, Message: msg})
}

// declares24Hour reports whether the report says its times use a 24-hour
// clock ("All times US/Pacific, 24-hour clock").
func declares24Hour(in *lint.Input) bool {
	if !in.IsMarkdown() {
		return false
	}
	for _, w := range []string{"24-hour", "24 hour", "24h clock", "24-hr"} {
		if fold.Contains(in.Report.Text, w) {
			return true
		}
	}
	return false
}

// untimedEntries reports timeline entries without a time, except those
// whose line says when in a way the entry's time does not hold (a date,
// a relative offset, a time inside the sentence, "unknown"), details
// written below entries in another markup (a list under "### 13:35"
// headings), and entries of a group heading that gives no time
// ("### Ongoing").
func untimedEntries(in *lint.Input, emit func(lint.Finding)) {
	entries := in.Report.Entries
	timed := map[string]bool{} // markups of the entries with a time
	for _, e := range entries {
		if strings.TrimSpace(e.RawTime) != "" {
			timed[markup(in.Line(e.Line))] = true
		}
	}
	for k, e := range entries {
		if strings.TrimSpace(e.RawTime) != "" {
			continue
		}
		line := in.Line(e.Line)
		if saysWhen(line) || len(timed) > 0 && !timed[markup(line)] || underDateLine(in, e.Line) || untimedGroup(in, entries, k) {
			continue
		}
		emit(lint.Finding{Line: e.Line, Column: max(e.Col, 1), Message: fmt.Sprintf("timeline entry %s has no time; start it with one (%q)", quote(e.Text, 40), entryExample(in))})
	}
}

// entryExample is an entry with a time, written the template's way.
func entryExample(in *lint.Input) string {
	if f := in.Template.Preset.Timeline.Entry; f != nil {
		return f("19:34", "...")
	}
	return "- _19:34_ - ..."
}

// saysWhen reports whether an entry's line gives its time in words the
// importer did not take as the entry's time: a date or a clock anywhere
// in it, a relative offset ("+2 hrs", "T+10 minutes"), or the author
// saying it is not known ("unknown", "X", "??", "TBD").
func saysWhen(line string) bool {
	toks := timeparse.Lex(line)
	for _, t := range toks {
		switch t.Kind {
		case timeparse.Clock, timeparse.DateTime:
			return true
		case timeparse.Date:
			if t.HasDate {
				return true
			}
		}
	}
	if relativeTime().MatchString(line) {
		return true
	}
	s := strings.TrimLeft(strings.TrimSpace(trimMarker(line)), "*_`[(")
	for _, w := range []string{"unknown", "x", "??", "?", "tbd", "n/a", "tba"} {
		if rest, ok := fold.HasPrefix(s, w); ok {
			r := strings.TrimLeft(s[rest:], "*_`])")
			if r == "" || strings.ContainsAny(r[:1], ":-–— |") {
				return true
			}
		}
	}
	return false
}

// relativeTime is an entry's time given from an anchor entry: "[+1
// hrs]", "+10 minutes", "T+2h", "+2 Business Days Later".
var relativeTime = pattern(`(?i)(?:^|[\s\[(|])T?\+\s*\d+(?:\.\d+)?\s*(?:business\s+)?(?:days?|d|hrs?|hours?|h|mins?|minutes?|m|weeks?|w)\b`)

// underDateLine reports whether the entry at line is one of a list
// below a line holding only a date ("2019-02-18:" then "* ..."): a
// date-only entry, dated by the line above its group.
func underDateLine(in *lint.Input, line int) bool {
	for n := line - 1; n >= 1; n-- {
		raw := in.Line(n)
		t := strings.TrimSpace(raw)
		if t == "" || raw[0] == ' ' || raw[0] == '\t' || trimMarker(t) != t {
			continue // blank, a continuation line or another item of the list
		}
		toks := timeparse.Lex(t)
		return len(toks) == 1 && toks[0].Kind == timeparse.Date && toks[0].HasDate &&
			strings.Trim(t[:toks[0].Start]+t[toks[0].End:], "#*_: ") == ""
	}
	return false
}

// markup is how a line is written: a heading, a table row, a quote, a
// list item at its indent, or text.
func markup(line string) string {
	indent := len(line) - len(strings.TrimLeft(line, " \t"))
	t := strings.TrimSpace(line)
	switch {
	case strings.HasPrefix(t, "#"):
		return "heading"
	case strings.HasPrefix(t, "|"):
		return "table"
	case strings.HasPrefix(t, ">"):
		return "quote"
	case trimMarker(t) != t:
		return "list" + strconv.Itoa(min(indent/2, 4))
	}
	return "text"
}

// trimMarker removes a list marker ("- ", "* ", "1. ") from a trimmed
// line.
func trimMarker(t string) string {
	t = strings.TrimLeft(t, " \t")
	if len(t) > 1 && strings.ContainsRune("-*+•", rune(t[0])) && (t[1] == ' ' || t[1] == '\t') {
		return t[2:]
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' ' {
		return t[i+2:]
	}
	return t
}

// untimedGroup reports whether entry k sits under a heading inside the
// timeline that gives no date or time and holds no timed entry: a
// group such as "### Ongoing" or "### Follow-up", untimed on purpose.
func untimedGroup(in *lint.Input, entries []markdown.Entry, k int) bool {
	sec := timelineSection(in, entries[k].Line)
	if sec == nil {
		return false
	}
	isHeading := func(n int) bool { return strings.HasPrefix(strings.TrimSpace(in.Line(n)), "#") }
	head := 0
	for n := entries[k].Line - 1; n > sec.Line && head == 0; n-- {
		if isHeading(n) {
			head = n
		}
	}
	if head == 0 || saysWhen(in.Line(head)) {
		return false
	}
	end := sec.BodyEnd + 1
	for n := entries[k].Line + 1; n <= sec.BodyEnd; n++ {
		if isHeading(n) {
			end = n
			break
		}
	}
	for _, e := range entries {
		if e.Line > head && e.Line < end && strings.TrimSpace(e.RawTime) != "" {
			return false
		}
	}
	return true
}

// timelineSection is the timeline section holding a line, nil if none.
func timelineSection(in *lint.Input, line int) *markdown.Section {
	for i, s := range in.Report.Sections {
		if s.Line < line && line <= s.BodyEnd && slices.Contains(s.Kinds, "timeline") {
			return &in.Report.Sections[i]
		}
	}
	return nil
}

// writtenClock is the clock a timeline entry's time is written with (the
// start of a range), as the lexer reads it.
func writtenClock(raw string) (timeparse.Stamp, bool) {
	for _, t := range timeparse.Lex(raw) {
		if isClock(t) && t.Err == nil {
			return t.Stamp, true
		}
	}
	return timeparse.Stamp{}, false
}
