package markdown

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// The resolution stage: each entry's time placed on its date and in the
// report's zone and written into the document the way it stores times
// (clock times on the document's date, a full date where the day moves,
// as the text says; where the text does not say, import reports it);
// then the document resolved to UTC, once, and the milestones inferred
// from the entries' words (milestones.go).

func resolve(lines []line, lo *leftovers, set *setting, ex *extraction, out *Report) {
	ps := ex.pending
	stamps := scanStamps(ps)
	if newestFirst(ps, stamps, set.date) {
		for a, b := 0, len(ps)-1; a < b; a, b = a+1, b-1 {
			ps[a], ps[b] = ps[b], ps[a]
			stamps[a], stamps[b] = stamps[b], stamps[a]
		}
		out.diag(ps[len(ps)-1].Line, ps[len(ps)-1].Col, "the timeline is written newest first; imported oldest first")
	}
	zone, suffix := entryZone(ps, set, out)
	checkYears(ps, set.date, out)
	placeEntries(ps, stamps, set, zone, suffix, out)
	placeEdgeClocks(set, out)
	readEvidenceLinks(out.Doc) // evidence_link.go: before milestones read the text

	r, probs := document.Resolve(out.Doc)
	stated, statedEnd, at := statedWindow(lines, out, set)
	if !ex.milestoneColumn {
		inferMilestones(out.Doc, r, out)
		r.SetMilestones(out.Doc)
		if measureStart(out.Doc, r, stated, at, out) {
			r, probs = document.Resolve(out.Doc)
		}
	}
	if windowWithoutTimeline(out, stated, statedEnd, at) {
		r, probs = document.Resolve(out.Doc)
	}
	out.Resolved, out.Problems = r, probs
	checkZoneContradictions(lines, lo, set, out)
	if r.DefaultTitle() == out.Doc.Title {
		// a title the renderer would compute anyway: a rendered report
		// imports to the document it came from
		out.Doc.Title = ""
	}
}

// windowWithoutTimeline takes the impact window a report with no
// timeline states in its summary or impact ("from 13:39 to 15:52
// US/Pacific", as cloud providers' reports write it) as the impact's, with
// a note; it reports whether it set it. A window already set stays.
func windowWithoutTimeline(out *Report, start, end time.Time, at Position) bool {
	doc := out.Doc
	if len(doc.Timeline) > 0 || start.IsZero() || doc.Impact.Start != "" || doc.Impact.End != "" {
		return false
	}
	doc.Impact.Start, doc.Impact.End = start.UTC().Format(time.RFC3339), end.UTC().Format(time.RFC3339)
	out.set("impact.start", at.Line, at.Col)
	out.set("impact.end", at.Line, at.Col)
	out.note(at.Line, at.Col, "the report has no timeline; the impact is taken to run from %s to %s, the window the text states",
		doc.Impact.Start, doc.Impact.End)
	return true
}

// placeEdgeClocks sets the impact window's ends that metadata fields
// give as clock times ("**Impact start:** 08:55 UTC") on the incident's
// date, in the clock's zone or the report's; an end before the start is
// on the next day. An end or start already set stays.
func placeEdgeClocks(set *setting, out *Report) {
	if set.date.IsZero() {
		return
	}
	var start time.Time
	edges := slices.Clone(out.edgeClocks)
	slices.SortStableFunc(edges, func(a, b edgeClock) int { return strings.Compare(b.edge, a.edge) }) // starts first
	for _, ec := range edges {
		at := set.onDate(ec.clock, ec.clock.Stamp.Zone).UTC()
		field, key := &out.Doc.Impact.Start, "impact.start"
		if ec.edge == "end" {
			field, key = &out.Doc.Impact.End, "impact.end"
			if !start.IsZero() && at.Before(start) {
				at = at.AddDate(0, 0, 1)
			}
		} else {
			start = at
		}
		if *field == "" {
			*field = at.Format(time.RFC3339)
			out.set(key, ec.Line, ec.Col)
		}
	}
}

// isConversion reports whether clock t of a line is the time before
// it written again in another zone, in parentheses: "02:00 CET (01:00
// UTC)", "**02:00–02:08 CET** (01:00–01:08 UTC)".
func isConversion(text string, toks []timeparse.Token, t *timeparse.Token) bool {
	k := slices.IndexFunc(toks, func(x timeparse.Token) bool { return x.Start == t.Start })
	if k >= 2 && toks[k-1].Kind == timeparse.RangeWord && toks[k-2].Kind == timeparse.Clock {
		k -= 2 // the end of a range: look from its start
	}
	if k < 1 || toks[k-1].Kind != timeparse.Clock && toks[k-1].Kind != timeparse.DateTime {
		return false
	}
	return strings.Trim(text[toks[k-1].End:toks[k].Start], " *_") == "("
}

// checkYears warns where an entry's date has a year that looks
// mistyped, naming both readings: a year or more from the report's date
// when the same day in the report's year is within a month of it (a
// year copied from an older report, the only date of its year), or out of order between its
// neighbours when another year would put it in order ("2021-01-28"
// between 2021-12-01 and 2022-03-08). Dates are kept as written.
func checkYears(ps []pendingEntry, ref time.Time, out *Report) {
	var dated []*pendingEntry
	for i := range ps {
		if ps[i].dateSaid {
			dated = append(dated, &ps[i])
		}
	}
	for k, p := range dated {
		d, other := p.date, time.Time{}
		alone := !slices.ContainsFunc(dated, func(q *pendingEntry) bool { return q != p && q.date.Year() == d.Year() })
		if !ref.IsZero() && d.Year() != ref.Year() && alone {
			if o := sameDayIn(d, ref.Year()); o.Sub(ref).Abs() <= 31*24*time.Hour {
				other = o
			}
		}
		if other.IsZero() && k > 0 && k+1 < len(dated) && d.Before(dated[k-1].date) {
			prev, next := dated[k-1].date, dated[k+1].date
			for _, y := range []int{prev.Year(), next.Year()} {
				if o := sameDayIn(d, y); !o.Before(prev) && !o.After(next) {
					other = o
					break
				}
			}
		}
		if !other.IsZero() {
			out.diag(p.Line, p.Col, "the year of %s looks mistyped: %s would fit the report's dates; read as written", d.Format(time.DateOnly), other.Format(time.DateOnly))
		}
	}
}

// sameDayIn is d's month and day in year y.
func sameDayIn(d time.Time, y int) time.Time {
	return time.Date(y, d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// stamp is an entry's time as written.
type stamp struct {
	st  timeparse.Stamp
	err error
}

func scanStamps(ps []pendingEntry) []stamp {
	stamps := make([]stamp, len(ps))
	for i, p := range ps {
		if p.RawTime == "" || p.dateOnly || p.relative {
			stamps[i].err = errNoTime
			continue
		}
		stamps[i] = stamp{p.e.stamp, p.e.err}
	}
	return stamps
}

var errNoTime = errors.New("no time")

// newestFirst reports whether a timeline is written newest first: three
// times or more, at least two steps back and none forward.
func newestFirst(ps []pendingEntry, stamps []stamp, day time.Time) bool {
	var mins []int
	for i, s := range stamps {
		if s.err != nil {
			continue
		}
		v := s.st.Hour*60 + s.st.Minute
		if ps[i].dateSaid {
			v += int(ps[i].date.Unix()/60) - int(day.Unix()/60)
		}
		mins = append(mins, v)
	}
	up, down := 0, 0
	for i := 1; i < len(mins); i++ {
		if mins[i] > mins[i-1] {
			up++
		} else if mins[i] < mins[i-1] {
			down++
		}
	}
	return len(mins) >= 3 && down >= 2 && up == 0
}

// entryZone is the zone the entries' times are read in, and the suffix
// written on each time when that zone is inferred rather than declared;
// it says where the report leaves the zone to a guess.
func entryZone(ps []pendingEntry, set *setting, out *Report) (timeparse.Zone, string) {
	if set.date.IsZero() {
		for _, p := range ps {
			if p.RawTime != "" && !p.dateSaid {
				out.diag(p.Line, p.Col, "no incident date found (in the title, the file name or the text); clock times cannot be placed in UTC")
				break
			}
		}
	}
	unzoned := func() (pendingEntry, bool) {
		for _, p := range ps {
			if p.RawTime != "" && p.e.zone == "" && !p.dateOnly && !p.relative {
				return p, true
			}
		}
		return pendingEntry{}, false
	}
	switch {
	case set.zone != nil:
		return *set.zone, ""
	case set.inferred != nil:
		zone, suffix := *set.inferred, ""
		if !zone.IsUTC() {
			suffix = " " + zone.Name
		}
		if p, ok := unzoned(); ok {
			out.diag(p.Line, p.Col, "the report does not declare a time zone; times read as %s, the zone the text writes times in (line %d)", zone.Name, set.inferredLine)
		}
		return zone, suffix
	}
	if p, ok := unzoned(); ok && set.unsettled == nil {
		out.diag(p.Line, p.Col, "the report does not say which time zone its times are in; read as UTC (add \"All times are UTC.\" to say so)")
	}
	return timeparse.UTC, ""
}

// placeEntries writes each entry into the document's timeline.
func placeEntries(ps []pendingEntry, stamps []stamp, set *setting, zone timeparse.Zone, suffix string, out *Report) {
	doc := out.Doc
	pl := &placer{set: set, zone: zone, suffix: suffix, day: set.date, prevIdx: -1, out: out, assume24h: assume24h(ps, stamps, set),
		zones: reportZones(stamps, set)}
	for i := range ps {
		p := &ps[i]
		ev := document.Event{Event: p.Text, RawTime: p.RawTime, Milestone: p.mile, Source: p.source, Link: p.link}
		p.Index = len(doc.Timeline)
		switch {
		case p.dateOnly:
			ev.Time = p.date.Format(time.DateOnly)
			pl.day = p.date
		case p.relative:
			ev.Time = pl.placeRelative(p)
		case p.RawTime != "":
			if s := stamps[i]; s.err != nil {
				out.diag(p.Line, p.Col, "cannot read the time %q: %s", p.RawTime, timeReason(s.err))
			} else if err := pl.settled(s.st); err != nil {
				out.diag(p.Line, p.Col, "cannot read the time %q: %v", p.RawTime, err)
			} else if u := set.unsettled; u != nil && s.st.Zone == nil {
				where, _ := timeparse.Ambiguous(u.Name)
				out.diag(p.Line, p.Col, "cannot read the time %q: the report's times are in %s (line %d), which is ambiguous (used in %s); write an offset such as UTC+05:30 in that line", p.RawTime, u.Name, u.Line, where)
			} else {
				ev.Time = pl.place(ps, i, s.st)
			}
		}
		if p.e.note != "" {
			out.diag(p.Line, p.Col, "%s", p.e.note)
		}

		doc.Timeline = append(doc.Timeline, ev)
		out.Entries = append(out.Entries, p.Entry)
		k := "timeline." + strconv.Itoa(p.Index)
		out.set(k, p.Line, 1)
		out.set(k+".time", p.Line, p.Col)
		out.set(k+".event", p.Line, p.Col)
	}
	if len(ps) > 0 {
		out.set("timeline", ps[0].Line, 1)
	}
}

// assume24h: a report that declares a zone and never writes AM/PM is on
// the 24-hour clock; so is one that writes 13:00 or 05:10.
func assume24h(ps []pendingEntry, stamps []stamp, set *setting) bool {
	meridiem, twentyFour := false, false
	for i, s := range stamps {
		if s.err != nil {
			continue
		}
		if s.st.Meridiem != "" {
			meridiem = true
		} else if s.st.Hour >= 13 || (s.st.Hour < 10 && strings.HasPrefix(ps[i].e.clock, "0")) || s.st.Hour == 0 {
			twentyFour = true
		}
	}
	return twentyFour || (!meridiem && (set.zone != nil || set.inferred != nil))
}

// placer places entries one after the other: each is read against the
// latest one before it.
type placer struct {
	set       *setting
	zone      timeparse.Zone
	suffix    string
	assume24h bool
	day       time.Time // the day a clock time without a date is on
	prev      time.Time
	prevIdx   int
	// anchor is the last entry placed with a time of its own, which a
	// relative entry ("[+2 hrs]") counts from.
	anchor time.Time
	out    *Report
	// zones are the zones the report declares and writes: what settles
	// an abbreviation with two meanings (CST, BST).
	zones []timeparse.Zone
}

// reportZones are the zones a report declares and writes its times in.
func reportZones(stamps []stamp, set *setting) []timeparse.Zone {
	var zs []timeparse.Zone
	for _, z := range []*timeparse.Zone{set.zone, set.inferred} {
		if z != nil {
			zs = append(zs, *z)
		}
	}
	for _, s := range stamps {
		if s.err == nil && s.st.Zone != nil {
			zs = append(zs, *s.st.Zone)
		}
	}
	return zs
}

// settled says why a time's zone cannot be read as the table says
// (timeparse.Settled): the zone written with it, else the report's.
func (pl *placer) settled(st timeparse.Stamp) error {
	z := st.Zone
	if z == nil {
		z = &pl.zone
	}
	return timeparse.Settled(*z, pl.set.date, pl.zones)
}

// placeRelative returns a relative entry's time: its offset after the
// anchor, written with its date in the anchor's zone; days later, a
// date-only entry. Without an anchor it has no time, and import says so.
func (pl *placer) placeRelative(p *pendingEntry) string {
	if pl.anchor.IsZero() {
		pl.out.diag(p.Line, p.Col, "the time %q counts from an entry before it, and none has a time; not imported", p.RawTime)
		return ""
	}
	if p.offset == 0 && p.businessDays != 0 {
		y, m, d := pl.anchor.Date()
		day := addDays(time.Date(y, m, d, 0, 0, 0, 0, time.UTC), p.businessDays)
		pl.day = day
		return day.Format(time.DateOnly)
	}
	at := pl.anchor.Add(p.offset).In(zoneLoc(pl.zone)) // written in the report's zone
	y, m, d := at.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	written := clock24(at.Hour(), at.Minute(), at.Second(), at.Second() != 0)
	if !day.Equal(pl.day) || pl.day.IsZero() {
		written = day.Format(time.DateOnly) + " " + written
		pl.day = day
	}
	if at.After(pl.prev) {
		pl.prev = at
	}
	return written + pl.suffix
}

// place returns entry i's time as the document stores it.
func (pl *placer) place(ps []pendingEntry, i int, st timeparse.Stamp) string {
	p := &ps[i]
	if st.ShortHour && st.Meridiem == "" && !pl.assume24h {
		st.Hour = pl.readShortHour(p, st)
	}
	// a clock time is on the day of the last date written above it (a
	// day line, an entry's date), else on the incident's date
	date := pl.day
	if date.IsZero() {
		date = pl.set.date
	}
	if st.HasDate {
		date = time.Date(st.Year, time.Month(st.Month), st.Day, 0, 0, 0, 0, time.UTC)
	} else if p.dateSaid {
		date = p.date
	}
	clock := clock24(st.Hour, st.Minute, st.Second, st.HasSeconds)
	var written string
	if date.IsZero() {
		written = clock
	} else {
		loc := zoneLoc(pl.zone)
		if st.Zone != nil {
			loc = st.Zone.Location
		}
		at := time.Date(date.Year(), date.Month(), date.Day(), st.Hour, st.Minute, st.Second, 0, loc)
		pl.anchor = at
		if !pl.prev.IsZero() && at.Before(pl.prev) && !st.HasDate && !p.dateSaid {
			pl.out.diag(p.Line, p.Col, "entry at %s is earlier than the entry before it (line %d) and no date says it is on the next day; it is kept on %s", p.RawTime, ps[pl.prevIdx].Line, date.Format(time.DateOnly))
		}
		if at.After(pl.prev) || pl.prev.IsZero() {
			pl.prev, pl.prevIdx = at, i
		}
		if !date.Equal(pl.day) || pl.day.IsZero() {
			written = date.Format(time.DateOnly) + " " + clock
			pl.day = date
		} else {
			written = clock
		}
	}
	if st.Zone != nil {
		return written + " " + st.Zone.Name
	}
	return written + pl.suffix
}

// readShortHour reads "7:34" without AM or PM: in the afternoon when the
// entry before it is later in the day, else in the morning; either way
// the report is told.
func (pl *placer) readShortHour(p *pendingEntry, st timeparse.Stamp) int {
	h := st.Hour
	if !pl.prev.IsZero() {
		prev := pl.prev.In(zoneLoc(pl.zone))
		if prev.Hour()*60+prev.Minute() > h*60+st.Minute && h+12 < 24 {
			pl.out.diag(p.Line, p.Col, "12-hour time %q without AM or PM; read as %02d:%02d (PM) because the entry before it is later in the day", p.RawTime, h+12, st.Minute)
			return h + 12
		}
	}
	pl.out.diag(p.Line, p.Col, "12-hour time %q without AM or PM; read as %02d:%02d (AM), write AM/PM or a 24-hour time to be sure", p.RawTime, h, st.Minute)
	return h
}

// clock24 writes a clock as the document does: "19:34" or "19:34:05".
func clock24(h, m, s int, secs bool) string {
	if secs {
		return twoDigits(h) + ":" + twoDigits(m) + ":" + twoDigits(s)
	}
	return twoDigits(h) + ":" + twoDigits(m)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func zoneLoc(z timeparse.Zone) *time.Location {
	if z.Location == nil {
		return time.UTC
	}
	return z.Location
}

func timeReason(err error) string {
	var te *timeparse.Error
	if errors.As(err, &te) {
		return te.Reason
	}
	return err.Error()
}

// checkZoneContradictions reports times written in another zone than
// the one the report declares (three at most: more would bury the other
// warnings).
func checkZoneContradictions(lines []line, lo *leftovers, set *setting, out *Report) {
	if set.zone == nil {
		return
	}
	ref := set.date
	if ref.IsZero() {
		ref = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	offset := func(z *timeparse.Zone) int {
		_, off := time.Date(ref.Year(), ref.Month(), ref.Day(), 12, 0, 0, 0, z.Location).Zone()
		return off
	}
	want := offset(set.zone)
	reported := 0
	for i := range lines {
		l := &lines[i]
		if lo.dropped(i) || l.kind == kCode {
			continue
		}
		for _, t := range zonedClocks(l) {
			if reported >= 3 {
				return
			}
			if offset(t.Stamp.Zone) == want || isConversion(l.text, l.tokens, t) {
				continue
			}
			out.diag(l.n, l.col+t.TimeAt, "the report declares %s (line %d) but this time is written in %s: %q", set.zone.Name, out.Zone.Line, t.Stamp.Zone.Name, strings.TrimSpace(l.text[t.TimeAt:t.End]))
			reported++
		}
	}
}
