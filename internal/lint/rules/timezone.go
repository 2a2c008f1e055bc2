package rules

import (
	"fmt"
	"regexp"
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

// zonedTime finds a clock time followed by a zone: "11:41 am MST",
// "19:35 UTC", "10:00 UTC-7".
var zonedTime = regexp.MustCompile(`\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[aApP]\.?[mM]\.?)?\s+(UTC[+-]\d{1,2}(?::?\d{2})?|GMT[+-]\d{1,2}(?::?\d{2})?|[A-Z]{2,5})\b`)

// localNames are US zone names people write that ParseZone may refuse.
var localNames = map[string]bool{"MT": true, "PT": true, "CT": true, "ET": true, "MDT": true, "MST": true, "PST": true, "PDT": true, "CST": true, "CDT": true, "EST": true, "EDT": true}

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
		if !zoneAfterClock(p.Text) {
			continue
		}
		for _, m := range zonedTime.FindAllStringSubmatchIndex(p.Text, -1) {
			name := p.Text[m[2]:m[3]]
			pz, err := timeparse.ParseZone(name)
			if err != nil && !localNames[name] {
				continue // a word in capitals after a time, not a zone
			}
			if err == nil && sameZone(pz, z) || seen[name] {
				continue
			}
			seen[name] = true
			emit(lint.Finding{Line: p.Line, Column: p.Col + col(p.Text, m[0]) - 1,
				Message: fmt.Sprintf("the report declares %s (line %d) but writes %q here; say which zone the times are in and use it throughout", declared, dLine, strings.TrimSpace(p.Text[m[0]:m[1]]))})
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

// zoneAfterClock is a cheap test before zonedTime: somewhere a clock time
// ("11:41", "11:41 am") is followed by a capital letter.
func zoneAfterClock(s string) bool {
	for i := 1; i+2 < len(s); i++ {
		if s[i] != ':' || !isDigit(s[i-1]) || !isDigit(s[i+1]) || !isDigit(s[i+2]) {
			continue
		}
		j := i + 3
		for j < len(s) && (isDigit(s[j]) || s[j] == ':' || s[j] == ' ' || s[j] == '.' || s[j] == 'a' || s[j] == 'p' || s[j] == 'm' || s[j] == 'A' || s[j] == 'P' || s[j] == 'M') {
			j++
		}
		if j < len(s) && s[j] >= 'A' && s[j] <= 'Z' {
			return true
		}
		if j > i+3 && j <= len(s) && j-1 >= 0 && (s[j-1] == 'M' || s[j-1] == 'T') {
			return true // "MST" swallowed by the am/pm letters above
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
