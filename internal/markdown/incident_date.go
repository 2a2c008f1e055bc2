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

// The incident's date, a part of the setting stage. What the text says
// comes before what the publication says, in this order (rank):
//
//  1. a label that dates the incident: "Date/time: 2016-11-07 21:30",
//     "**Incident Date:** 11 December 2025", an "Incident date(s)"
//     heading;
//  2. the title's date, unless the title is a publication's ("Incident
//     disclosure 2025-12-01"); a title with a clock time ("Incident:
//     2024-12-04 19-47-00", the course template's) names when the
//     incident was resolved, and ranks with a Date line, after it;
//  3. the first date of an incident sentence in the opening prose or the
//     summary or impact ("On June 16, 2020, ...", "Between November 11
//     and November 15, 2025", "at `2022-04-20 19:48`", "between 19:34 and
//     19:47 on 12/04/24");
//  4. a plain "Date:" line (often the day it was written);
//  5. the first date in the timeline;
//  6. the file name (often the day it was published);
//  7. the first date anywhere in the text.
//
// Sources that disagree with the one used are warnings naming both.

var (
	// windowDate finds where the date of "between 19:34 and 19:47 on
	// 12/04/24" starts (group 1).
	windowDate = pattern(`(?i)\bbetween\b.{0,60}?\bon\s+((?:\w+,?\s+)?\d)`)
	// fileDate is a date in a file name: 2024-12-04, 24_12_04.
	fileDate = pattern(`(?:^|[^\d])(\d{4}|\d{2})[-_.](\d{2})[-_.](\d{2})(?:[^\d]|$)`)
	// incidentDateLabel is a label that dates the incident itself; group
	// 1 is the text after it.
	incidentDateLabel = pattern(`(?i)^[\s*_>-]*(?:incident\s+date\(?s?\)?|date\s*/\s*time|date\s+and\s+time|date\s+of\s+(?:the\s+)?(?:incident|outage)|incident\s+start(?:ed)?|outage\s+date)\s*[*_]*\s*:\s*[*_]*\s*(.*)$`)
	// incidentSentence is a sentence's opening words before a date that
	// say the incident happened then: "On June 16, 2020", "Between
	// November 11", "At 11:41 am MST on December 6, 2024", "In the early
	// hours of 11 December 2025". A date later in a sentence ("caused by
	// a change on December 4") may be any day of the story.
	incidentSentence = pattern(`(?i)^(?:at\s+[^,.;]{1,24}?\s+)?(?:on|between|from|in|during)(?:\s+the\s+(?:early\s+|late\s+)?(?:hours|morning|evening|night|afternoon)\s+of)?\s+[*_` + "`" + `]*\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:the\s+)?[*_` + "`" + `]*$`)
	// publicationTitle is a title that dates the write-up, not the
	// incident: "Incident disclosure 2025-12-01".
	publicationTitle = pattern(`(?i)\b(?:disclosure|published|publication|announcement|update|retrospective\s+of)\b`)
)

// dateCandidate is a date a part of the report gives.
type dateCandidate struct {
	d    time.Time
	from string
	pos  Position
	rank int
}

// readDate finds the incident's date from the sources above, the one of
// the best rank; the others that disagree are reported.
func (set *setting) readDate(name string, lines []line, lo *leftovers, st *structure, out *Report) {
	dr := &dateReader{lines: lines, lo: lo, st: st, out: out}
	dr.year = dr.anyYear(name)
	dr.labels()
	resolvedAt := dr.title()
	dr.prose()
	if !st.metaDate.IsZero() {
		dr.add(st.metaDate, "the Date line", Position{1, 1}, 4)
	}
	if resolvedAt != nil {
		dr.cands = append(dr.cands, *resolvedAt)
	}
	dr.timeline()
	if d, ok := fileNameDate(name); ok {
		dr.add(d, "the file name", Position{1, 1}, 6)
	}
	if !st.frontDate.IsZero() {
		dr.add(st.frontDate, "the front matter's date", Position{1, 1}, 6)
	}
	dr.firstInText()
	if len(dr.cands) == 0 {
		return
	}
	dr.titleOffTimeline()
	best := dr.cands[0]
	for _, c := range dr.cands[1:] {
		if c.rank < best.rank {
			best = c
		}
	}
	var told []string
	for _, c := range dr.cands {
		if c.d.Equal(best.d) || c.rank == 7 || strings.Contains(strings.Join(told, "\n"), c.from) {
			continue
		}
		if c.rank == 5 && c.d.Sub(best.d).Abs() <= 24*time.Hour {
			continue // a timeline that starts the evening before
		}
		told = append(told, c.from)
		out.diag(c.pos.Line, c.pos.Col, "%s says %s but %s says %s; using %s", c.from, c.d.Format(time.DateOnly), best.from, best.d.Format(time.DateOnly), best.d.Format(time.DateOnly))
	}
	set.date = best.d
	out.Doc.Date = best.d.Format(time.DateOnly)
	out.set("date", best.pos.Line, best.pos.Col)
}

// dateReader gathers the candidates for the incident's date.
type dateReader struct {
	lines []line
	lo    *leftovers
	st    *structure
	out   *Report
	// year is the year of a date written without one: the first year
	// the report gives (the title, a Date line, the file name, the text).
	year  int
	cands []dateCandidate
	// first and last are the first and last day the timeline gives.
	first, last time.Time
}

func (dr *dateReader) add(d time.Time, from string, pos Position, rank int) {
	dr.cands = append(dr.cands, dateCandidate{d, from, pos, rank})
}

// usable is line i when it holds content: not template text, code or
// the title.
func (dr *dateReader) usable(i int) bool {
	l := &dr.lines[i]
	return !dr.lo.dropped(i) && l.kind != kCode && l.n != dr.st.titleLine
}

// anyYear is the year of the first full date the title, the metadata,
// the file name or the text gives, 0 if none.
func (dr *dateReader) anyYear(name string) int {
	if t := dr.out.Title; t != nil {
		if d, _, ok := findDate(dr.st.titleTokens, 0); ok {
			return d.Year()
		}
	}
	if !dr.st.metaDate.IsZero() {
		return dr.st.metaDate.Year()
	}
	if d, ok := fileNameDate(name); ok {
		return d.Year()
	}
	for i := range dr.lines {
		if dr.usable(i) {
			if d, _, ok := findDate(dr.lines[i].tokens, 0); ok {
				return d.Year()
			}
		}
	}
	return 0
}

// labels reads "Date/time: ..." and "**Incident Date:** ..." lines and
// the body of an "Incident date(s)" heading (rank 1).
func (dr *dateReader) labels() {
	for i := range dr.lines {
		l := &dr.lines[i]
		if !dr.usable(i) || l.kind != kText && l.kind != kTable || !strings.Contains(l.text, ":") && l.kind != kTable {
			continue
		}
		text := l.text
		if l.kind == kTable {
			cells := tableCells(l.raw)
			if len(cells) != 2 {
				continue
			}
			text = strings.TrimSpace(stripEmphasis(cells[0])) + ": " + cells[1]
		}
		pieces := []string{text}
		if strings.Contains(text, "<") {
			pieces = lineBreak().Split(text, -1) // a label may follow a <br>
		}
		for _, piece := range pieces {
			if t := strings.TrimLeft(piece, " \t*_>-"); t == "" || strings.IndexByte("dDiIoO", t[0]) < 0 {
				continue // incidentDateLabel starts with Date, Incident or Outage
			}
			if m := incidentDateLabel().FindStringSubmatchIndex(piece); m != nil {
				if d, at, ok := firstDate(timeparse.Lex(piece[m[2]:m[3]]), dr.year); ok {
					dr.add(d, "the incident date label", Position{l.n, l.col + strings.Index(text, piece) + m[2] + at}, 1)
					return
				}
			}
		}
	}
	for _, s := range dr.st.secs {
		if s.meta != "date" {
			continue
		}
		for n := s.first; n <= s.last && n <= len(dr.lines); n++ {
			if l := &dr.lines[n-1]; dr.usable(n - 1) {
				if d, at, ok := firstDate(l.tokens, dr.year); ok {
					dr.add(d, "the "+s.Heading+" section", Position{l.n, l.col + at}, 1)
					return
				}
			}
		}
	}
}

// title reads the title's date (rank 2), unless the title dates a
// publication (rank 6, as good as a file name). A title with a clock
// time is returned instead, to rank after a Date line (rank 4).
func (dr *dateReader) title() *dateCandidate {
	t := dr.out.Title
	if t == nil {
		return nil
	}
	toks := dr.st.titleTokens
	d, at, ok := findDate(toks, dr.year)
	if !ok {
		return nil
	}
	switch {
	case publicationTitle().MatchString(t.Text):
		dr.add(d, "the title", t.Position, 6)
	case slices.ContainsFunc(toks, func(k timeparse.Token) bool { return k.Kind == timeparse.DateTime && k.Start == at }):
		return &dateCandidate{d, "the title", t.Position, 4}
	default:
		dr.add(d, "the title", t.Position, 2)
	}
	return nil
}

// prose reads the first date of an incident sentence in the text before
// the first section, the summary and the impact (rank 3).
func (dr *dateReader) prose() {
	end := len(dr.lines)
	if len(dr.st.secs) > 0 {
		end = dr.st.secs[0].headLine - 1
	}
	if dr.sentenceDate(1, end) {
		return
	}
	for _, s := range dr.st.secs {
		if s.is("summary") && dr.sentenceDate(s.first, s.last) {
			return
		}
	}
	for _, c := range windowDates(dr.lines, dr.lo, dr.st, dr.year) {
		dr.cands = append(dr.cands, c)
		return
	}
}

// sentenceDate finds the first date an incident sentence gives between
// lines from and to (1-based); it reports whether it found one.
func (dr *dateReader) sentenceDate(from, to int) bool {
	for n := from; n <= to && n <= len(dr.lines); n++ {
		l := &dr.lines[n-1]
		if !dr.usable(n-1) || l.kind != kText || dr.st.meta[n-1] {
			continue
		}
		for k, t := range l.tokens {
			if t.Kind != timeparse.Date && t.Kind != timeparse.DateTime {
				continue
			}
			if !incidentSentence().MatchString(sentenceOpening(l.text[:t.Start])) {
				continue
			}
			year := dr.year
			if t.Year == 0 {
				// "Between November 11 and November 15, 2025"
				if d, _, ok := findDate(l.tokens[k+1:], 0); ok {
					year = d.Year()
				}
			}
			if d, ok := dateOf(t, year); ok {
				dr.add(d, "the text", Position{l.n, l.col + t.Start}, 3)
				return true
			}
		}
	}
	return false
}

// sentenceOpening is the start of the sentence that text ends in,
// without a list marker or emphasis: "On " for "- On June 16, 2020".
func sentenceOpening(text string) string {
	if i := strings.LastIndex(text, ". "); i >= 0 {
		text = text[i+2:]
	}
	return strings.TrimLeft(trimBullet(strings.TrimLeft(text, " \t")), "*_ ")
}

// titleOffTimeline ranks a title's date with a file name's when the
// timeline's dates all lie on other days ("2022-01-27, pod limit
// reached" over a timeline of 2022-06-02): a title copied from an older
// report, or a typo.
func (dr *dateReader) titleOffTimeline() {
	if dr.first.IsZero() {
		return
	}
	for i := range dr.cands {
		c := &dr.cands[i]
		if c.from == "the title" && c.rank == 2 && (c.d.Before(dr.first.AddDate(0, 0, -1)) || c.d.After(dr.last.AddDate(0, 0, 1))) {
			c.rank = 6
		}
	}
}

// timeline reads the first date the timeline gives (rank 5): a day
// heading or line, an entry's date; it notes the first and last day the
// timeline gives.
func (dr *dateReader) timeline() {
	for _, s := range dr.st.secs {
		if !s.is("timeline") {
			continue
		}
		for n := s.first; n <= s.last && n <= len(dr.lines); n++ {
			l := &dr.lines[n-1]
			if !dr.usable(n - 1) {
				continue
			}
			toks := l.tokens
			if l.kind == kTable {
				if l.tableRow < 2 {
					continue
				}
				toks = timeparse.Lex(l.raw)
			}
			d, at, ok := firstDate(toks, dr.year)
			if !ok {
				continue
			}
			if dr.first.IsZero() {
				dr.add(d, "the timeline", Position{l.n, l.col + at}, 5)
				dr.first = d
			}
			dr.first, dr.last = minTime(dr.first, d), maxTime(dr.last, d)
		}
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// firstInText is the first date anywhere (rank 7), the last resort.
func (dr *dateReader) firstInText() {
	for i := range dr.lines {
		l := &dr.lines[i]
		if !dr.usable(i) || l.kind == kTable {
			continue
		}
		if d, at, ok := findDate(l.tokens, dr.year); ok {
			dr.add(d, "the text", Position{l.n, l.col + at}, 7)
			return
		}
	}
}

// firstDate is findDate for a date that starts something: a date
// without its year takes year, or the year of a date after it on the
// line ("November 11 - November 15, 2025").
func firstDate(toks []timeparse.Token, year int) (time.Time, int, bool) {
	for k, t := range toks {
		if t.Kind != timeparse.Date && t.Kind != timeparse.DateTime {
			continue
		}
		y := year
		if t.Year == 0 {
			if d, _, ok := findDate(toks[k+1:], 0); ok {
				y = d.Year()
			}
		}
		if d, ok := dateOf(t, y); ok {
			return d, t.Start, true
		}
	}
	return time.Time{}, -1, false
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
				out = append(out, dateCandidate{d, "the impact window", Position{l.n, l.col + on}, 3})
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
