package rules

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// TimelineOrder reports timeline entries earlier than the entry above
// them and milestones out of the order incidents happen in.
type TimelineOrder struct{}

func (TimelineOrder) Doc() lint.Doc {
	return lint.Doc{
		ID:       "timeline-order",
		Severity: lint.Error,
		Summary:  "a timeline entry is earlier than the one above it, or milestones are out of order",
		Rationale: `Timelines run oldest first. An entry out of order is usually a typo (19:43 for
19:34), a missing date on a timeline that crosses midnight, or a local time among UTC
ones; each makes the computed durations wrong. One entry later than several after it
is reported once, at that entry. Milestones must happen in the order
started <= detected <= acknowledged <= mitigated <= resolved.`,
		Bad:  "- _19:47_ - Incident resolved\n- _19:34_ - Grafana alert triggered",
		Good: "- _19:34_ - Grafana alert triggered\n- _19:47_ - Incident resolved",
	}
}

func (TimelineOrder) Check(in *lint.Input, emit func(lint.Finding)) {
	for _, p := range in.Problems {
		// Entry order is judged below, from the resolved times; the
		// milestones' order and the order of date-only entries are
		// validation's.
		if problemRule(p) == "timeline-order" && !strings.Contains(p.Message, " is earlier than entry ") {
			l, c := in.Pos(p.Path)
			emit(lint.Finding{Line: l, Column: c, Message: p.Message})
		}
	}
	entryOrder(in, emit)
}

// entryOrder reports each entry earlier than the latest entry above it.
// When several entries are all earlier than one entry above them, that
// one is out of place (or they lie on the next day): one finding, at it.
func entryOrder(in *lint.Input, emit func(lint.Finding)) {
	times := in.Resolved.Times
	late := map[int][]int{} // index of the latest entry so far -> the entries earlier than it
	var order []int
	prev := -1
	for i, t := range times {
		if t.IsZero() {
			continue
		}
		if prev >= 0 && t.Before(times[prev]) && !laterDay(in, prev, i) {
			if _, ok := late[prev]; !ok {
				order = append(order, prev)
			}
			late[prev] = append(late[prev], i)
			continue
		}
		prev = i
	}
	for _, p := range order {
		early := late[p]
		if len(early) == 1 {
			i := early[0]
			l, c := in.Pos("timeline." + strconv.Itoa(i) + ".time")
			emit(lint.Finding{Line: l, Column: c, Message: fmt.Sprintf("timeline entry %d (%s) is earlier than entry %d (%s)%s",
				i+1, entryTime(in, times[i]), p+1, entryTime(in, times[p]), nextDayHint(in, i))})
			continue
		}
		first, last := early[0], early[len(early)-1]
		hint := "; timelines run oldest first"
		if !hasDate(in, first) {
			hint += ", and entries on the next day need their full timestamps"
		}
		l, c := in.Pos("timeline." + strconv.Itoa(p) + ".time")
		emit(lint.Finding{Line: l, Column: c, Message: fmt.Sprintf("timeline entry %d (%s) is later than the %d entries after it (%d to %d, %s to %s)%s",
			p+1, entryTime(in, times[p]), len(early), first+1, last+1, entryTime(in, times[first]), entryTime(in, times[last]), hint)})
	}
}

// laterDay reports whether the Markdown lines of entries a and b give
// dates, b's after a's ("| Thu | Jan 20 | 23:55 |" then "| Fri | Jan 21 |
// 00:20 |"): b is on a later day, whatever the times the importer read.
func laterDay(in *lint.Input, a, b int) bool {
	da, okA := lineDate(in, a)
	db, okB := lineDate(in, b)
	return okA && okB && db > da
}

// lineDate is the date written on entry i's Markdown line, as a
// comparable number (year, month, day; the year left out when the line
// does not write it).
func lineDate(in *lint.Input, i int) (int, bool) {
	if !in.IsMarkdown() {
		return 0, false
	}
	l, _ := in.Pos("timeline." + strconv.Itoa(i) + ".time")
	for _, t := range timeparse.Lex(in.Line(l)) {
		if (t.Kind == timeparse.Date || t.Kind == timeparse.DateTime) && t.Month > 0 && t.Day > 0 {
			return t.Year*10000 + t.Month*100 + t.Day, true
		}
	}
	return 0, false
}

// nextDayHint suggests the full timestamp an entry written with a clock
// only needs if it was the next day; an entry that gives its date has
// no such reading.
func nextDayHint(in *lint.Input, i int) string {
	if hasDate(in, i) {
		return "; timelines run oldest first"
	}
	t := in.Resolved.Times[i]
	return fmt.Sprintf("; timelines run oldest first, and an entry on the next day needs its full timestamp (%s)", t.Add(24*time.Hour).Format(time.RFC3339))
}

// hasDate reports whether entry i is written with a date: in its time,
// or on its line in the Markdown (a date column the time does not hold).
func hasDate(in *lint.Input, i int) bool {
	if st, err := timeparse.Scan(in.Doc.Timeline[i].Time); err == nil && st.HasDate {
		return true
	}
	if !in.IsMarkdown() {
		return false
	}
	l, _ := in.Pos("timeline." + strconv.Itoa(i) + ".time")
	for _, t := range timeparse.Lex(in.Line(l)) {
		if (t.Kind == timeparse.Date || t.Kind == timeparse.DateTime) && t.HasDate {
			return true
		}
	}
	return false
}

// entryTime writes an instant as validation's messages do: the UTC
// clock, with the date when it is not the report's.
func entryTime(in *lint.Input, t time.Time) string {
	u, d := t.UTC(), in.Resolved.Date
	if y, m, dd := u.Date(); !d.IsZero() && y == d.Year() && m == d.Month() && dd == d.Day() {
		return u.Format("15:04 UTC")
	}
	return u.Format("2006-01-02 15:04 UTC")
}
