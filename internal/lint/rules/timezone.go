package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/markdown"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// Timezone checks that the timeline says which zone its times are in,
// that it is the team's zone when the configuration names one, that the
// report's own prose does not contradict it, and that no zone is one
// abbreviation standing for several.
type Timezone struct{}

func (Timezone) Doc() lint.Doc {
	return lint.Doc{
		ID:       "timezone",
		Severity: lint.Warning,
		Summary:  "the timeline does not say its time zone, uses another than the configured one, the prose contradicts it, or a zone is ambiguous",
		Rationale: `"19:34" means nothing until the zone is known, and on-call teams span zones. A
timeline says its zone once ("All times are UTC.", "Timeline (PST)") or on every
entry. A report that declares UTC while its prose says "11:41 am MST" has local
times in a UTC timeline: every computed duration and every comparison with logs is
then wrong (a time given with its UTC conversion, or in UTC, contradicts nothing).
IST, CST, BST and AST each name several zones: write an offset. When the
configuration names a zone (timezone: UTC), timelines in another zone are reported
and --fix adds the declaration where a report states no zone at all; without one,
nothing is added, since the linter cannot know the zone the author meant.`,
		Fixable: true,
		Bad:     "## Timeline\n\n- _19:34_ - Pizza factory begins returning 500 errors",
		Good:    "## Timeline\n\nAll times are UTC.\n\n- _19:34_ - Pizza factory begins returning 500 errors",
		Config:  "timezone",
	}
}

func (Timezone) Check(in *lint.Input, emit func(lint.Finding)) {
	wantName := in.Settings.Timezone
	want, err := timeparse.ParseZone(wantName)
	if err != nil {
		wantName = "" // no configured zone (or one config reports): nothing to ask for
	}
	amb := ambiguousZones{emit: emit, seen: map[string]bool{}}
	var declared string
	var dLine, dCol int
	if in.IsMarkdown() {
		r := in.Report
		amb.entries(in)
		if r.Zone != nil {
			declared, dLine, dCol = r.Zone.Name, r.Zone.Line, r.Zone.Col
			amb.check(declared, dLine, dCol, r.Zone.Text)
		} else if z, clocks := entryZones(in); z != "" {
			declared, dLine, dCol = z, r.Entries[0].Line, max(r.Entries[0].Col, 1)
		} else {
			if clocks {
				z, line, col, found := statedZone(in)
				switch {
				case !found:
					missingZone(in, wantName, emit)
				case amb.check(z, line, col, in.Line(line)):
					// "All times are IST": reported as ambiguous
				case !readableZone(z):
					emit(lint.Finding{Line: line, Column: col, Message: fmt.Sprintf("the timeline gives its zone as %q, which is not a zone the linter can read; write an abbreviation (PST), an offset (UTC-08:00) or a zone name (America/Los_Angeles)", z)})
				}
			}
			amb.prose(in)
			return
		}
	} else {
		declared = in.Doc.Timezone
		if declared == "" {
			declared = "UTC" // the format's default
		}
		dLine, dCol = in.Pos("timezone")
	}
	z, err := timeparse.ParseZone(declared)
	if err != nil {
		amb.prose(in)
		return // the timestamp rule reports zones it cannot read
	}
	if wantName != "" && !sameZone(z, want) {
		emit(lint.Finding{Line: dLine, Column: dCol, Message: fmt.Sprintf("the timeline is in %s; write times in %s so they compare with logs and other reports", declared, wantName)})
	}
	contradictions(in, z, declared, dLine, amb, emit)
}

// statedZone is a zone the timeline states where the importer did not
// take it as the timeline's: in its heading ("Timeline (all times in
// PST/PDT)", "Timeline (UTC-3 Chile Time)"), a line above its first entry
// ("All times in UC/Pacific"), or written with an entry above the first
// one the importer read ("**Feb 04, 2021, 21:45 (UTC):**").
func statedZone(in *lint.Input) (zone string, line, col int, ok bool) {
	first := in.Report.Entries[0].Line
	for _, s := range in.Report.Sections {
		if !slices.Contains(s.Kinds, "timeline") || s.Line > first || s.BodyEnd < first {
			continue
		}
		for n := s.Line; n < first; n++ {
			text := in.Line(n)
			for _, t := range timeparse.Lex(text) {
				if t.Zone != "" && (t.Kind == timeparse.ZoneLine || t.Kind == timeparse.ZoneName || isClock(t)) {
					return t.Zone, n, 1 + len([]rune(text[:max(t.ZoneAt, t.Start)])), true
				}
			}
		}
		// An offset in the heading's parenthetical: "(UTC-3 Chile Time)".
		if i := strings.IndexByte(s.Heading, '('); i >= 0 {
			for _, w := range strings.FieldsFunc(s.Heading[i:], func(r rune) bool { return r == ' ' || r == '(' || r == ')' || r == ',' }) {
				if strings.ContainsAny(w, "+-−") && readableZone(w) {
					return w, s.Line, s.Col, true
				}
			}
		}
	}
	return "", 0, 0, false
}

// readableZone reports whether a stated zone can be read: one the table
// knows, an offset or an IANA name, or a pair of one region's zones
// written with a slash ("PST/PDT": Pacific time, by the date).
func readableZone(z string) bool {
	for _, part := range strings.Split(z, "/") {
		if _, err := timeparse.ParseZone(part); err != nil {
			_, err := timeparse.ParseZone(z) // "America/Denver"
			return err == nil
		}
	}
	return true
}

// missingZone reports a timeline with clock times and no zone, before
// its first entry. Only a configured zone is offered as a fix: adding
// "All times are UTC." to a report written in another zone it did not
// state would falsify it.
func missingZone(in *lint.Input, wantName string, emit func(lint.Finding)) {
	first := in.Report.Entries[0].Line
	f := lint.Finding{Line: first, Column: 1,
		Message: "the timeline does not say which time zone its times are in; add a line such as \"All times are UTC.\" above it"}
	if wantName != "" {
		f.Message = fmt.Sprintf("the timeline does not say which time zone its times are in; add \"All times are %s.\" above it", wantName)
		f.Fix = insertZoneLine(in, first, wantName)
	}
	emit(f)
}

// contradictions reports prose times written in another zone than the
// declared one: local times in a "UTC" timeline. A time in UTC, or a
// time given with its conversion in parentheses ("02:00 CET (01:00
// UTC)"), is the author being precise, not contradicting.
func contradictions(in *lint.Input, z timeparse.Zone, declared string, dLine int, amb ambiguousZones, emit func(lint.Finding)) {
	seen := map[string]bool{}
	for _, p := range proseOf(in) {
		for k, t := range p.Tokens {
			if !isClock(t) {
				continue
			}
			if amb.check(t.Zone, p.Line, p.Col+col(p.Text, t.TimeAt)-1, p.Text) {
				continue
			}
			if t.Stamp.Zone == nil || sameZone(*t.Stamp.Zone, z) || seen[t.Zone] || t.Stamp.Zone.IsUTC() || strings.ContainsAny(t.Zone, "+-−") || conversion(p.Text, p.Tokens, k) {
				continue // no zone, one the table does not read without doubt, the declared one, UTC or an offset (exact), a conversion
			}
			seen[t.Zone] = true
			emit(lint.Finding{Line: p.Line, Column: p.Col + col(p.Text, t.TimeAt) - 1,
				Message: fmt.Sprintf("the report declares %s (line %d) but writes %q here; say which zone the times are in and use it throughout", declared, dLine, strings.TrimSpace(p.Text[t.TimeAt:t.End]))})
		}
	}
}

// conversion reports whether clock token k of a line is one half of a
// time written in two zones: it follows another clock and stands in
// parentheses ("02:00 CET (01:00 UTC)"), or a clock in parentheses
// follows it.
func conversion(text string, toks []timeparse.Token, k int) bool {
	inParens := func(t timeparse.Token) bool {
		before := strings.TrimRight(text[:t.Start], " \t*_~")
		return strings.HasSuffix(before, "(")
	}
	prevClock := func(j int) bool {
		for j--; j >= 0; j-- {
			if isClock(toks[j]) {
				return true
			}
			if toks[j].Kind != timeparse.RangeWord {
				return false
			}
		}
		return false
	}
	if inParens(toks[k]) && prevClock(k) {
		return true
	}
	for j := k + 1; j < len(toks); j++ {
		if isClock(toks[j]) {
			return inParens(toks[j]) || (j+2 < len(toks) && toks[j+1].Kind == timeparse.RangeWord && isClock(toks[j+2]) && inParens(toks[j+2]))
		}
		if toks[j].Kind != timeparse.RangeWord {
			return false
		}
	}
	return false
}

// entryZones is what the timeline's entries say of zones, from the
// importer's reading of each entry's line: the zone the entries write
// with their times ("- 04:49 PM UTC ...", or only the first, "**Feb 04,
// 21:45 (UTC):**" then "**21:48:**", the others following it), which
// states the zone as surely as a zone line does; "" when none does or
// two differ. clocks says whether any entry has a clock time at all
// (dates alone need no zone).
func entryZones(in *lint.Input) (zone string, clocks bool) {
	first := true
	for _, e := range in.Report.Entries {
		t, ok := entryClock(in, e)
		if !ok {
			continue
		}
		clocks = true
		switch {
		case t.Zone == "" && first:
			return "", true // the first time says no zone: none is stated
		case t.Zone == "":
		case zone != "" && !strings.EqualFold(t.Zone, zone):
			return "", true
		default:
			zone = t.Zone
		}
		first = false
	}
	return zone, clocks
}

// entryClock is the clock an entry's time is written with, from the
// tokens the importer read on the entry's line.
func entryClock(in *lint.Input, e markdown.Entry) (timeparse.Token, bool) {
	if strings.TrimSpace(e.RawTime) == "" {
		return timeparse.Token{}, false
	}
	if n := e.Line - 1; n >= 0 && n < len(in.Report.Lines) {
		for _, t := range in.Report.Lines[n].Tokens {
			if isClock(t) {
				return t, true
			}
		}
	}
	return writtenClockOf(e.RawTime)
}

// writtenClockOf is the clock token a time is written with.
func writtenClockOf(raw string) (timeparse.Token, bool) {
	for _, t := range timeparse.Lex(raw) {
		if isClock(t) {
			return t, true
		}
	}
	return timeparse.Token{}, false
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

// ambiguousZones reports each ambiguous zone a report writes, once.
type ambiguousZones struct {
	emit func(lint.Finding)
	seen map[string]bool
}

// check reports zone (as written) at line:col unless it is unambiguous
// or the line settles it with an offset or a UTC time; it reports
// whether the zone is an ambiguous one.
func (a ambiguousZones) check(zone string, line, col int, text string) bool {
	z := strings.ToUpper(strings.Trim(zone, "()[] "))
	means, ok := timeparse.Readings(z)
	if !ok {
		return false
	}
	if a.seen[z] || settled(text, z) {
		return true
	}
	a.seen[z] = true
	a.emit(lint.Finding{Line: line, Column: col, Message: fmt.Sprintf("%s is ambiguous: it may mean %s; write the offset instead (UTC±HH:MM) or give the time in UTC", z, means)})
	return true
}

// settled reports whether a line says which zone an ambiguous
// abbreviation meant: an offset written out ("BST (UTC+1)"), or the time
// given again in another zone as its conversion ("11:30 BST (10:30
// UTC)"). A UTC time elsewhere on the line settles nothing: "11:30 AM BST
// - 20:30 UTC" is a window across two zones.
func settled(text, zone string) bool {
	up := strings.ToUpper(text)
	if strings.Contains(up, "UTC+") || strings.Contains(up, "UTC-") || strings.Contains(up, "GMT+") || strings.Contains(up, "GMT-") {
		return true
	}
	toks := timeparse.Lex(text)
	for k, t := range toks {
		if isClock(t) && strings.EqualFold(t.Zone, zone) {
			return conversion(text, toks, k)
		}
	}
	return false
}

// entries reports ambiguous zones on timeline entries whose time the
// importer read (one it could not read is the timestamp rule's).
func (a ambiguousZones) entries(in *lint.Input) {
	bad := map[int]bool{}
	for _, p := range in.Problems {
		if problemRule(p) == "timestamp" {
			if i, ok := entryIndex(p.Path); ok {
				bad[i] = true
			}
		}
	}
	for _, e := range in.Report.Entries {
		if bad[e.Index] {
			continue
		}
		if t, ok := entryClock(in, e); ok && t.Zone != "" {
			a.check(t.Zone, e.Line, max(e.Col, 1), in.Line(e.Line))
		}
	}
}

// prose reports ambiguous zones in the prose.
func (a ambiguousZones) prose(in *lint.Input) {
	for _, p := range proseOf(in) {
		for _, t := range p.Tokens {
			if isClock(t) {
				a.check(t.Zone, p.Line, p.Col+col(p.Text, t.TimeAt)-1, p.Text)
			}
		}
	}
}

// entryIndex reads the entry index of a path "timeline.3.time".
func entryIndex(path string) (int, bool) {
	rest, ok := strings.CutPrefix(path, "timeline.")
	if !ok {
		return 0, false
	}
	n, _, _ := strings.Cut(rest, ".")
	i, err := strconv.Atoi(n)
	return i, err == nil
}
