package markdown

import (
	"strings"
	"time"

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
	// unsettled is a zone line that declares an abbreviation with
	// several meanings ("All times are IST"), when nothing else declares
	// a zone: the times it governs are not read, never read as UTC.
	unsettled *ZoneDecl
	// date is the incident's civil date in the report's zone (zero if
	// none is found).
	date time.Time
	// decls are the report's zone declarations, the one used first.
	decls []ZoneDecl
}

// location is where the report's clock times are read: its declared
// zone, else the zone its text writes times in, else UTC.
func (set *setting) location() *time.Location {
	switch {
	case set.zone != nil:
		return zoneLoc(*set.zone)
	case set.inferred != nil:
		return zoneLoc(*set.inferred)
	}
	return time.UTC
}

// onDate is clock token t on the incident's date, in the first zone of
// zones that has a location, else the report's (location).
func (set *setting) onDate(t timeparse.Token, zones ...*timeparse.Zone) time.Time {
	loc := set.location()
	for _, z := range zones {
		if z != nil && z.Location != nil {
			loc = z.Location
			break
		}
	}
	d := set.date
	return time.Date(d.Year(), d.Month(), d.Day(), t.Hour, t.Minute, t.Second, 0, loc)
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
	set.checkDeclarations(lines, set.decls, out)
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

// unsettledDecl is the first zone line that declares an ambiguous
// abbreviation ("All times are IST"), nil if none.
func unsettledDecl(lines []line, lo *leftovers) *ZoneDecl {
	for i := range lines {
		l := &lines[i]
		if lo.dropped(i) || l.kind == kCode {
			continue
		}
		for _, t := range l.tokens {
			if _, ok := timeparse.Ambiguous(t.Zone); ok && t.Kind == timeparse.ZoneLine {
				return &ZoneDecl{Name: trimZone(t.Zone), Text: l.text[t.Start:t.End], Position: Position{l.n, l.col + t.ZoneAt}}
			}
		}
	}
	return nil
}

func trimZone(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// zoneNotes reports the lexer's doubts about the zones a line declares:
// a name read as the one it is a typo of ("UC/Pacific"), a name that is
// not a zone and what it may mean ("ETC").
func zoneNotes(l *line, out *Report) {
	for _, t := range l.tokens {
		if (t.Kind == timeparse.ZoneLine || t.Kind == timeparse.ZoneName) && t.Note != "" {
			out.diag(l.n, l.col+t.ZoneAt, "%s", t.Note)
		}
	}
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
		zoneNotes(l, out)
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
		for _, t := range st.titleTokens {
			if t.Kind == timeparse.DateTime && t.Stamp.Zone != nil {
				decls = append(decls, ZoneDecl{Name: t.Stamp.Zone.Name, Text: t.Zone, Position: out.Title.Position})
				zones = append(zones, t.Stamp.Zone)
				break
			}
		}
	}
	if len(decls) == 0 {
		if d, z, ok := entriesZone(lines, lo, st); ok {
			decls, zones = append(decls, d), append(zones, z)
		}
	}
	if len(decls) == 0 {
		if set.unsettled = unsettledDecl(lines, lo); set.unsettled == nil {
			set.inferred, set.inferredLine = inferZone(lines, lo)
		}
		return
	}
	set.decls = decls
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

// entriesZone is the zone of a timeline whose every entry writes the
// same one ("- 04:49 PM UTC Site repo ...", "**16:58 UTC** - ..."): a
// declaration, at the first entry.
func entriesZone(lines []line, lo *leftovers, st *structure) (ZoneDecl, *timeparse.Zone, bool) {
	var first *timeparse.Zone
	var decl ZoneDecl
	n := 0
	for _, s := range st.secs {
		if !s.is("timeline") {
			continue
		}
		for k := s.first; k <= s.last && k <= len(lines); k++ {
			l := &lines[k-1]
			if lo.dropped(k-1) || l.entry == nil || l.kind == kCode {
				continue
			}
			z := l.entry.stamp.Zone
			if z == nil || l.entry.err != nil || first != nil && z.Name != first.Name && !(z.IsUTC() && first.IsUTC()) {
				return ZoneDecl{}, nil, false
			}
			if first == nil {
				first, decl = z, ZoneDecl{Name: z.Name, Text: l.entry.zone, Position: Position{l.n, l.col}}
			}
			n++
		}
	}
	return decl, first, n >= 2
}

// checkDeclarations warns where a declaration contradicts itself: a zone
// and a name written with it that disagree on the report's date
// ("(UTC-3 Chile Time)" when Chile is on UTC-04:00).
func (set *setting) checkDeclarations(lines []line, decls []ZoneDecl, out *Report) {
	for _, d := range decls {
		l := &lines[d.Line-1]
		for _, t := range l.tokens {
			if t.Kind != timeparse.ZoneName || t.Stamp.Zone == nil || t.Stamp.Zone.Name != d.Name {
				continue
			}
			rest := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(l.text[t.ZoneAt+len(t.Zone):t.End]), ")"))
			other, err := timeparse.ParseZone(rest)
			if rest == "" || err != nil {
				continue
			}
			if a, b := offsetOn(*t.Stamp.Zone, set.date), offsetOn(other, set.date); a != b && !set.date.IsZero() {
				out.diag(d.Line, d.Col, "the report declares %s and %s, which is %s on %s; using %s", t.Zone, rest, timeparse.FormatOffset(b), set.date.Format(time.DateOnly), d.Name)
			}
		}
	}
}

// offsetOn is a zone's offset from UTC at noon on day.
func offsetOn(z timeparse.Zone, day time.Time) int {
	_, off := time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, zoneLoc(z)).Zone()
	return off
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
