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
	var seen map[string]bool // made at the first finding; reads false until then
	for _, p := range proseOf(in) {
		if !zoneAfterClock(p.Text) {
			continue
		}
		var buf [4][4]int // room for the matches of most lines
		for _, m := range findZonedTimes(p.Text, buf[:0]) {
			name := p.Text[m[2]:m[3]]
			pz, err := utcZone, error(nil) // ParseZone("UTC"), the name most clocks carry
			if name != "UTC" {
				pz, err = timeparse.ParseZone(name)
			}
			if err != nil && !localNames[name] {
				continue // a word in capitals after a time, not a zone
			}
			if err == nil && sameZone(pz, z) || seen[name] {
				continue
			}
			if seen == nil {
				seen = map[string]bool{}
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
		if s[i] != ':' {
			// Only a colon can pass the test below: go to the next one.
			k := strings.IndexByte(s[i:], ':')
			if k < 0 {
				break
			}
			if i += k; i+2 >= len(s) {
				break
			}
		}
		if !isDigit(s[i-1]) || !isDigit(s[i+1]) || !isDigit(s[i+2]) {
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

// findZonedTimes finds a clock time followed by a zone: "11:41 am MST",
// "19:35 UTC", "10:00 UTC-7". It returns what
// zonedTime.FindAllStringSubmatchIndex returns (zonedTime, in
// scan_test.go, is the pattern it replaces): the match and the zone,
// appended to out.
func findZonedTimes(s string, out [][4]int) [][4]int {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || i > 0 && isWordByte(s[i-1]) {
			continue // \b before a digit
		}
		if end, z := zonedTimeAt(s, i); end > 0 {
			out = append(out, [4]int{i, end, z, end})
			i = end - 1
		}
	}
	return out
}

// zonedTimeAt matches zonedTime at i, returning the match's end (0 when
// none) and where the zone starts. Every choice the pattern could retry
// is forced by the next byte, except the zone's own alternatives and
// whether a meridiem is read, which are tried in the pattern's order.
func zonedTimeAt(s string, i int) (end, zone int) {
	// \d{1,2}: two digits unless the second byte is not a digit; fewer
	// digits would leave a digit where ':' must be.
	j := i + 1
	if j < len(s) && isDigit(s[j]) {
		j++
	}
	if !(j+2 < len(s) && s[j] == ':' && isDigit(s[j+1]) && isDigit(s[j+2])) {
		return 0, 0
	}
	j += 3
	// (?::\d{2})? must be taken when it can be: without it a ':' would
	// stand where a space or a/p must.
	if j+2 < len(s) && s[j] == ':' && isDigit(s[j+1]) && isDigit(s[j+2]) {
		j += 3
	}
	ws := skipSpaces(s, j)
	// \s* takes every space, then the meridiem and \s+ before the zone.
	if r := meridiemEnd(s, ws); r > 0 {
		if z := skipSpaces(s, r); z > r {
			if e := zoneEnd(s, z); e > 0 {
				return e, z
			}
		}
	}
	// Without a meridiem, \s* gives back spaces to \s+; a zone starts
	// with a capital, so it starts after all of them.
	if ws > j {
		if e := zoneEnd(s, ws); e > 0 {
			return e, ws
		}
	}
	return 0, 0
}

// meridiemEnd matches [aApP]\.?[mM]\.? at i, 0 when it does not. Each
// \.? is taken when a dot is there, since the byte after it must be m or
// a space.
func meridiemEnd(s string, i int) int {
	if i >= len(s) || !strings.ContainsRune("aApP", rune(s[i])) {
		return 0
	}
	i++
	if i < len(s) && s[i] == '.' {
		i++
	}
	if i >= len(s) || s[i] != 'm' && s[i] != 'M' {
		return 0
	}
	i++
	if i < len(s) && s[i] == '.' {
		i++
	}
	return i
}

// zoneEnd matches the zone group and the \b after it at i, trying the
// alternatives in the pattern's order, longest first within each.
func zoneEnd(s string, i int) int {
	if strings.HasPrefix(s[i:], "UTC") || strings.HasPrefix(s[i:], "GMT") {
		if k := i + 3; k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
			for _, d := range []int{2, 1} { // \d{1,2}
				if !allDigits(s, k, d) {
					continue
				}
				x := k + d
				// (?::?\d{2})?: with the colon, without it, then absent.
				if x < len(s) && s[x] == ':' && allDigits(s, x+1, 2) && wordEnds(s, x+3) {
					return x + 3
				}
				if allDigits(s, x, 2) && wordEnds(s, x+2) {
					return x + 2
				}
				if wordEnds(s, x) {
					return x
				}
			}
		}
	}
	// [A-Z]{2,5}\b: a shorter run would end before a capital.
	n := 0
	for i+n < len(s) && s[i+n] >= 'A' && s[i+n] <= 'Z' {
		n++
	}
	if n >= 2 && n <= 5 && wordEnds(s, i+n) {
		return i + n
	}
	return 0
}

// wordEnds is \b after a word character: at the end or before a non-word byte.
func wordEnds(s string, i int) bool { return i >= len(s) || !isWordByte(s[i]) }

func allDigits(s string, i, n int) bool {
	if i+n > len(s) {
		return false
	}
	for k := i; k < i+n; k++ {
		if !isDigit(s[k]) {
			return false
		}
	}
	return true
}

// skipSpaces skips the regexp \s ([\t\n\f\r ]) from i.
func skipSpaces(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// isWordByte is the regexp \w on one byte; bytes of multi-byte runes are
// not word characters, and neither are the runes.
func isWordByte(c byte) bool { return isDigit(c) || isLetter(c) || c == '_' }
