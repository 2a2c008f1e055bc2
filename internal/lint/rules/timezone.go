package rules

import (
	"fmt"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// Timezone checks that the timeline says which zone its times are in,
// that it is the team's zone (UTC by default), and that the report's own
// prose does not contradict it.
type Timezone struct{}

func (Timezone) Doc() lint.Doc {
	return lint.Doc{
		ID:       "timezone",
		Severity: lint.Warning,
		Summary:  "the timeline does not declare its time zone, uses a non-UTC zone, or the prose contradicts it",
		Rationale: `"19:34" means nothing until the zone is known, and on-call teams span zones. The
template asks for "All times are UTC." above the timeline. A report that declares UTC
while its prose says "11:41 am MST" has local times in a UTC timeline: every
computed duration and every comparison with logs is then wrong.
--fix adds the declaration where it is missing, stating the zone the times are
read in (the configured timezone, UTC by default).`,
		Fixable: true,
		Bad:     "## Timeline\n\n- _19:34_ - Pizza factory begins returning 500 errors",
		Good:    "## Timeline\n\nAll times are UTC.\n\n- _19:34_ - Pizza factory begins returning 500 errors",
		Config:  "timezone",
	}
}

func (Timezone) Check(in *lint.Input, emit func(lint.Finding)) {
	wantName := in.Settings.Timezone
	if wantName == "" {
		wantName = "UTC"
	}
	want, err := timeparse.ParseZone(wantName)
	if err != nil {
		want = timeparse.UTC
	}
	var declared string
	var dLine, dCol int
	if in.IsMarkdown() {
		r := in.Report
		if r.Zone == nil {
			if len(r.Entries) == 0 {
				return
			}
			f := lint.Finding{Line: r.Entries[0].Line, Column: 1,
				Message: fmt.Sprintf("the timeline does not say which time zone its times are in; add \"All times are %s.\" above it", wantName)}
			f.Fix = insertZoneLine(in, r.Entries[0].Line, wantName)
			emit(f)
			return
		}
		declared, dLine, dCol = r.Zone.Name, r.Zone.Line, r.Zone.Col
	} else {
		declared = in.Doc.Timezone
		if declared == "" {
			declared = "UTC" // the format's default
		}
		dLine, dCol = in.Pos("timezone")
	}
	z, err := timeparse.ParseZone(declared)
	if err != nil {
		return // the timestamp rule reports zones it cannot read
	}
	if !sameZone(z, want) {
		emit(lint.Finding{Line: dLine, Column: dCol, Message: fmt.Sprintf("the timeline is in %s; write times in %s so they compare with logs and other reports", declared, wantName)})
	}
	// The prose contradicts the declaration when it writes times in
	// another zone: local times in a "UTC" timeline.
	seen := map[string]bool{}
	for _, p := range proseOf(in) {
		for _, t := range p.Tokens {
			if !isClock(t) || t.Stamp.Zone == nil || sameZone(*t.Stamp.Zone, z) || seen[t.Zone] {
				continue // no zone, one the table does not read without doubt, or the declared one
			}
			seen[t.Zone] = true
			emit(lint.Finding{Line: p.Line, Column: p.Col + col(p.Text, t.TimeAt) - 1,
				Message: fmt.Sprintf("the report declares %s (line %d) but writes %q here; say which zone the times are in and use it throughout", declared, dLine, strings.TrimSpace(p.Text[t.TimeAt:t.End]))})
		}
	}
}

func sameZone(a, b timeparse.Zone) bool {
	if a.IsUTC() && b.IsUTC() {
		return true
	}
	return a.Name == b.Name
}

// insertZoneLine adds "All times are ZONE." before the first timeline
// entry, separated by blank lines so it stays its own paragraph.
func insertZoneLine(in *lint.Input, line int, zone string) *lint.Fix {
	text := []string{"All times are " + zone + ".", ""}
	if prev := strings.TrimSpace(in.Line(line - 1)); line > 1 && prev != "" && !strings.HasPrefix(prev, "#") {
		text = append([]string{""}, text...)
	}
	return lint.InsertBefore(line, text...)
}
