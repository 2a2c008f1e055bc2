package markdown

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/fold"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// The setting stage: the zone the report's times are written in and the
// date of the incident, which the timeline's clock times are placed on.
// It reads only the structure; the entries are extracted after it, since
// a date written without a year ("Dec 5") needs the report's.

// setting is the stage's result.
type setting struct {
	// zone is the zone the report declares, nil if none.
	zone *timeparse.Zone
	// inferred is the zone the text writes its times in when it declares
	// none ("11:00 am MT" in the summary), from line inferredLine; the
	// times are read in it, with a warning.
	inferred     *timeparse.Zone
	inferredLine int
	// date is the incident's civil date in the report's zone (zero if
	// none is found).
	date time.Time
}

// year is the year of the report's date, 0 if it has none: the year of
// dates written without one.
func (set *setting) year() int {
	if set.date.IsZero() {
		return 0
	}
	return set.date.Year()
}

func readSetting(name string, lines []line, lo *leftovers, st *structure, out *Report) *setting {
	set := &setting{}
	set.readZone(lines, lo, st, out)
	set.readDate(name, lines, lo, st, out)
	return set
}

// ---------------------------------------------------------------- zone

// zoneLineIn is the zone a line's tokens declare ("All times are UTC."):
// the first zone line, nil if there is none or its zone is not one.
func zoneLineIn(toks []timeparse.Token) *timeparse.Token {
	for i := range toks {
		if t := &toks[i]; t.Kind == timeparse.ZoneLine {
			if t.Stamp.Zone == nil {
				return nil
			}
			return t
		}
	}
	return nil
}

// zoneNameOf is the first zone a line names in parentheses ("Timeline
// (MST)", a table's "Time (UTC)" column), nil if none or not one.
func zoneNameOf(l *line) *timeparse.Token {
	for i := range l.tokens {
		if t := &l.tokens[i]; t.Kind == timeparse.ZoneName {
			if t.Stamp.Zone == nil {
				return nil
			}
			return t
		}
	}
	return nil
}

// readZone finds the zone the report declares: zone lines anywhere, a
// zone named in the timeline's heading or its table's header, or the
// zone of the title's time. The first one wins; others that disagree
// are reported. Without one, the zone the text writes times in is
// inferred.
func (set *setting) readZone(lines []line, lo *leftovers, st *structure, out *Report) {
	var decls []ZoneDecl
	var zones []*timeparse.Zone
	for i := range lines {
		l := &lines[i]
		if lo.dropped(i) || l.kind == kCode {
			continue
		}
		if t := zoneLineIn(l.tokens); t != nil {
			text := strings.TrimSpace(stripEmphasis(l.text[t.Start:t.End]))
			decls = append(decls, ZoneDecl{Name: t.Stamp.Zone.Name, Text: text, Position: Position{l.n, l.col + declOffset(l.text, text)}})
			zones = append(zones, t.Stamp.Zone)
		}
	}
	for _, s := range st.secs {
		if !s.is("timeline") {
			continue
		}
		if t := zoneNameOf(&lines[s.headLine-1]); t != nil {
			decls = append(decls, ZoneDecl{Name: t.Stamp.Zone.Name, Text: lines[s.headLine-1].text[t.Start:t.End], Position: s.Position})
			zones = append(zones, t.Stamp.Zone)
		}
		for n := s.first; n <= s.last && n <= len(lines); n++ {
			l := &lines[n-1]
			if l.kind == kTable && l.tableRow == 0 {
				if t := zoneNameOf(l); t != nil {
					decls = append(decls, ZoneDecl{Name: t.Stamp.Zone.Name, Text: l.text[t.Start:t.End], Position: Position{l.n, l.col}})
					zones = append(zones, t.Stamp.Zone)
				}
			}
		}
	}
	if len(decls) == 0 && out.Title != nil {
		for _, t := range timeparse.Lex(out.Title.Text) {
			if t.Kind == timeparse.DateTime && t.Stamp.Zone != nil {
				decls = append(decls, ZoneDecl{Name: t.Stamp.Zone.Name, Text: t.Zone, Position: out.Title.Position})
				zones = append(zones, t.Stamp.Zone)
				break
			}
		}
	}
	if len(decls) == 0 {
		set.inferred, set.inferredLine = inferZone(lines, lo)
		return
	}
	out.Zone = &decls[0]
	set.zone = zones[0]
	out.Doc.Timezone = zones[0].Name
	out.set("timezone", decls[0].Line, decls[0].Col)
	for _, d := range decls[1:] {
		if d.Name != decls[0].Name {
			out.diag(d.Line, d.Col, "the report declares times in %s here but in %s at line %d; using %s", d.Name, decls[0].Name, decls[0].Line, decls[0].Name)
		}
	}
}

// declOffset is where a zone line (its text without emphasis) starts in
// a line's text, counted in the text without its emphasis marks, as the
// report's positions have always counted it.
func declOffset(text, decl string) int {
	return max(0, strings.Index(stripEmphasis(text), decl))
}

// zonedClocks are the clocks of a line written with a zone the table
// reads without doubt ("11:41 am MST").
func zonedClocks(l *line) []*timeparse.Token {
	var out []*timeparse.Token
	for i := range l.tokens {
		t := &l.tokens[i]
		if (t.Kind == timeparse.Clock || t.Kind == timeparse.DateTime) && t.Stamp.Zone != nil {
			out = append(out, t)
		}
	}
	return out
}

// inferZone looks for times written with a zone in the text of a report
// that declares none; if they all agree, that zone is the report's.
func inferZone(lines []line, lo *leftovers) (*timeparse.Zone, int) {
	var found *timeparse.Zone
	at := 0
	for i := range lines {
		l := &lines[i]
		if lo.dropped(i) || l.kind == kCode || l.kind == kTable {
			continue
		}
		for _, t := range zonedClocks(l) {
			z := t.Stamp.Zone
			if found == nil {
				found, at = z, l.n
			} else if found.Name != z.Name && !(found.IsUTC() && z.IsUTC()) {
				return nil, 0 // the text mixes zones: no guess
			}
		}
	}
	return found, at
}

// ---------------------------------------------------------------- date

var (
	// windowDate finds where the date of "between 19:34 and 19:47 on
	// 12/04/24" starts (group 1).
	windowDate = pattern(`(?i)\bbetween\b.{0,60}?\bon\s+((?:\w+,?\s+)?\d)`)
	// fileDate is a date in a file name: 2024-12-04, 24_12_04.
	fileDate = pattern(`(?:^|[^\d])(\d{4}|\d{2})[-_.](\d{2})[-_.](\d{2})(?:[^\d]|$)`)
)

// dateCandidate is a date a part of the report gives.
type dateCandidate struct {
	d    time.Time
	from string
	pos  Position
}

// readDate finds the incident's date: the date most parts of the report
// agree on (the title, the metadata, the file name, the impact window
// twice, the first date in the text); the title wins a tie. Parts that
// disagree with it are reported.
func (set *setting) readDate(name string, lines []line, lo *leftovers, st *structure, out *Report) {
	var cands []dateCandidate
	if t := out.Title; t != nil {
		if d, _, ok := findDate(timeparse.Lex(t.Text), 0); ok {
			cands = append(cands, dateCandidate{d, "the title", t.Position})
		}
	}
	if !st.metaDate.IsZero() {
		cands = append(cands, dateCandidate{st.metaDate, "the metadata", Position{1, 1}})
	}
	if d, ok := fileNameDate(name); ok {
		cands = append(cands, dateCandidate{d, "the file name", Position{1, 1}})
	}
	year := 0
	if len(cands) > 0 {
		year = cands[0].d.Year()
	}
	for _, c := range windowDates(lines, lo, st, year) {
		cands = append(cands, c, c) // it dates the incident itself: it counts twice
	}
	for i := range lines {
		l := &lines[i]
		if lo.dropped(i) || l.kind == kCode || l.n == st.titleLine {
			continue
		}
		if d, at, ok := findDate(l.tokens, year); ok {
			cands = append(cands, dateCandidate{d, "the text", Position{l.n, l.col + at}})
			break
		}
	}
	if len(cands) == 0 {
		return
	}
	best := mostAgreed(cands)
	var seenFrom []string
	for _, c := range cands {
		if slices.Contains(seenFrom, c.from) {
			continue
		}
		seenFrom = append(seenFrom, c.from)
		if !c.d.Equal(best.d) && c.from != "the text" {
			out.diag(c.pos.Line, c.pos.Col, "%s says %s but the report's date reads %s (from %s); using %s", c.from, c.d.Format(time.DateOnly), best.d.Format(time.DateOnly), best.from, best.d.Format(time.DateOnly))
		}
	}
	set.date = best.d
	out.Doc.Date = best.d.Format(time.DateOnly)
	out.set("date", best.pos.Line, best.pos.Col)
}

// mostAgreed is the candidate most others agree with, the first on a tie.
func mostAgreed(cands []dateCandidate) dateCandidate {
	best, votes := cands[0], 0
	for _, c := range cands {
		n := 0
		for _, o := range cands {
			if o.d.Equal(c.d) {
				n++
			}
		}
		if n > votes {
			best, votes = c, n
		}
	}
	return best
}

// fileNameDate reads a date in a file name ("2024-12-04-checkout.md").
func fileNameDate(name string) (time.Time, bool) {
	m := fileDate().FindStringSubmatch(filepath.Base(name))
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	if y < 100 {
		y += 2000
	}
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d && mo >= 1 && mo <= 12 && y >= 1990 && y <= 2100
}

// windowDates finds "between 19:34 and 19:47 on 12/04/24" in the impact
// and summary sections: the date the window is on, the first in each.
func windowDates(lines []line, lo *leftovers, st *structure, year int) []dateCandidate {
	var out []dateCandidate
	for _, s := range st.secs {
		if !s.is("impact") && !s.is("summary") {
			continue
		}
		for n := s.first; n <= s.last && n <= len(lines); n++ {
			l := &lines[n-1]
			if lo.dropped(n-1) || l.kind != kText || !fold.Contains(l.text, "between") {
				continue
			}
			m := windowDate().FindStringSubmatchIndex(l.text)
			if m == nil {
				continue
			}
			on := m[2]
			if d, _, ok := findDate(tokensFrom(l.tokens, on), year); ok {
				out = append(out, dateCandidate{d, "the impact window", Position{l.n, l.col + on}})
				break
			}
		}
	}
	return out
}

// tokensFrom is the tokens that start at or after byte off.
func tokensFrom(toks []timeparse.Token, off int) []timeparse.Token {
	for i := range toks {
		if toks[i].Start >= off {
			return toks[i:]
		}
	}
	return nil
}
