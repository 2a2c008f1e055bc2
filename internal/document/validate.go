package document

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// Validate checks what a careful reviewer would check by hand: every time
// readable, the timeline in order, milestones in the order incidents
// happen, the impact window the right way round, dates and enumerations
// valid. It returns the resolved times so callers need not resolve twice.
func Validate(doc *Document) (*Resolved, []Problem) {
	r, probs := Resolve(doc)
	return r, append(probs, Check(doc, r)...)
}

// Check is Validate's checks of a document already resolved: r is
// Resolve(doc) (the importer resolves a report once, and the linter
// checks that).
func Check(doc *Document, r *Resolved) []Problem {
	var probs []Problem
	add := func(path, format string, args ...any) {
		probs = append(probs, Problem{path, fmt.Sprintf(format, args...)})
	}
	if doc.Status != "" && !slices.Contains(Statuses, doc.Status) {
		add("status", "status %q is not one of %s", doc.Status, strings.Join(Statuses, ", "))
	}
	for i, ev := range doc.Timeline {
		if strings.TrimSpace(ev.Event) == "" {
			add(fmt.Sprintf("timeline.%d", i), "timeline entry %d has no event text", i+1)
		}
		if ev.Milestone != "" && !slices.Contains(Milestones, ev.Milestone) {
			add(fmt.Sprintf("timeline.%d.milestone", i), "milestone %q is not one of %s", ev.Milestone, strings.Join(Milestones, ", "))
		}
		if strings.ContainsAny(ev.Source, "\r\n") {
			add(fmt.Sprintf("timeline.%d.source", i), "timeline entry %d: source is one line (such as slack:C024BE91L/1701720000.000100)", i+1)
		}
		if ev.Link != "" && !IsLink(ev.Link) {
			add(fmt.Sprintf("timeline.%d.link", i), "timeline entry %d: link %q is not a web address (expected https://... or a path such as /archives/C024BE91L/p1701720000000100)", i+1, ev.Link)
		}
	}

	// Timeline order: each known time at or after the previous known one,
	// and each date-only entry on or after the days before it.
	checkDays(doc, r, add)
	checkAmbiguousZones(doc, r, add)
	prev, prevIdx := time.Time{}, -1
	for i, t := range r.Times {
		if t.IsZero() {
			continue
		}
		if !prev.IsZero() && t.Before(prev) {
			hint := ""
			if st, err := timeparse.Scan(doc.Timeline[i].Time); err == nil && !st.HasDate {
				hint = fmt.Sprintf("; timelines run oldest first, and an entry on the next day needs its full timestamp (%s)", t.Add(24*time.Hour).Format(time.RFC3339))
			}
			add(fmt.Sprintf("timeline.%d.time", i), "timeline entry %d (%s) is earlier than entry %d (%s)%s",
				i+1, clock(t, r), prevIdx+1, clock(prev, r), hint)
		}
		if t.After(prev) || prev.IsZero() {
			prev, prevIdx = t, i
		}
	}

	// Milestones: each at most once, and in the order incidents happen.
	seen := map[string]int{}
	for i, ev := range doc.Timeline {
		if ev.Milestone == "" {
			continue
		}
		if j, dup := seen[ev.Milestone]; dup {
			add(fmt.Sprintf("timeline.%d.milestone", i), "milestone %q is already set on timeline entry %d; each milestone marks one moment", ev.Milestone, j+1)
			continue
		}
		seen[ev.Milestone] = i
	}
	for a := 0; a < len(orderedMilestones); a++ {
		for b := a + 1; b < len(orderedMilestones); b++ {
			ma, mb := orderedMilestones[a], orderedMilestones[b]
			ta, okA := r.Milestones[ma]
			tb, okB := r.Milestones[mb]
			if okA && okB && tb.Before(ta) {
				add(fmt.Sprintf("timeline.%d.milestone", seen[mb]), "milestone %q (%s) comes before %q (%s); expected %s",
					mb, clock(tb, r), ma, clock(ta, r), strings.Join(orderedMilestones, " <= "))
			}
		}
	}

	if !r.ImpactStart.IsZero() && !r.ImpactEnd.IsZero() && r.ImpactEnd.Before(r.ImpactStart) {
		path := "impact.end"
		if doc.Impact.End == "" {
			path = "impact"
		}
		add(path, "impact ends (%s) before it starts (%s)", clock(r.ImpactEnd, r), clock(r.ImpactStart, r))
	}
	for i, a := range doc.ActionItems {
		p := fmt.Sprintf("action_items.%d", i)
		if strings.TrimSpace(a.Description) == "" {
			add(p+".description", "action item %d has no description", i+1)
		}
		if a.Due != "" {
			if _, err := timeparse.ParseDate(a.Due); err != nil {
				add(p+".due", "due date %q is not a date (expected YYYY-MM-DD, such as 2024-12-11)", a.Due)
			}
		}
		if a.Status != "" && !slices.Contains(ActionStatuses, a.Status) {
			add(p+".status", "action item status %q is not one of %s", a.Status, strings.Join(ActionStatuses, ", "))
		}
	}
	validateCatalogue(doc, add)
	for i, s := range doc.Sections {
		if strings.TrimSpace(s.Heading) == "" {
			add(fmt.Sprintf("sections.%d.heading", i), "section %d has no heading", i+1)
		}
	}
	return probs
}

// checkDays reports a date-only entry dated before an entry above it,
// and an entry dated before a date-only entry above it; days are civil
// dates, timed entries' in the document's zone.
func checkDays(doc *Document, r *Resolved, add func(path, format string, args ...any)) {
	var last time.Time // the latest day so far
	lastIdx, dateOnly := -1, false
	for i := range doc.Timeline {
		day, only := r.Days[i], true
		if day.IsZero() {
			if r.Times[i].IsZero() {
				continue
			}
			y, m, d := r.Times[i].In(zoneLoc(r.Zone)).Date()
			day, only = time.Date(y, m, d, 0, 0, 0, 0, time.UTC), false
		}
		if !last.IsZero() && day.Before(last) && (only || dateOnly) {
			add(fmt.Sprintf("timeline.%d.time", i), "timeline entry %d (%s) is dated before entry %d (%s); timelines run oldest first",
				i+1, day.Format(time.DateOnly), lastIdx+1, last.Format(time.DateOnly))
			continue
		}
		if day.After(last) || last.IsZero() || only {
			last, lastIdx, dateOnly = day, i, only
		}
	}
}

// checkAmbiguousZones refuses a time written in a zone with two
// meanings (CST, BST) that nothing in the document settles
// (timeparse.Settled): the document's zone and the zones of its other
// times are the context.
func checkAmbiguousZones(doc *Document, r *Resolved, add func(path, format string, args ...any)) {
	if !timeparse.MayBeUnsettled(r.Zone.Name) && !slices.ContainsFunc(doc.Timeline, func(ev Event) bool { return timeparse.MayBeUnsettled(ev.Time) }) {
		return // no zone with two meanings anywhere
	}
	zones := []timeparse.Zone{r.Zone}
	var written []*timeparse.Zone
	for _, ev := range doc.Timeline {
		var z *timeparse.Zone
		if st, err := timeparse.Scan(ev.Time); err == nil && st.Zone != nil {
			z = st.Zone
			zones = append(zones, *z)
		}
		written = append(written, z)
	}
	for i, z := range written {
		if z == nil && i < len(r.Times) && !r.Times[i].IsZero() {
			z = &r.Zone // the document's zone
		}
		if z == nil {
			continue
		}
		if err := timeparse.Settled(*z, r.Date, zones); err != nil {
			add(fmt.Sprintf("timeline.%d.time", i), "timeline entry %d: %v", i+1, err)
		}
	}
}

func zoneLoc(z timeparse.Zone) *time.Location {
	if z.Location == nil {
		return time.UTC
	}
	return z.Location
}

// IsLink reports whether s may be an entry's link: an http(s) URL or an
// absolute path, with no blanks. Other schemes (javascript:, data:) are
// refused: the link is rendered into a report people click in.
func IsLink(s string) bool {
	if s == "" || strings.ContainsFunc(s, unicode.IsSpace) {
		return false
	}
	if strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") {
		return true
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// clock writes an instant for a message: the UTC clock time, with the date
// when it is not the document's date.
func clock(t time.Time, r *Resolved) string {
	if y, m, d := t.Date(); !r.Date.IsZero() && y == r.Date.Year() && m == r.Date.Month() && d == r.Date.Day() {
		return t.Format("15:04 UTC")
	}
	return t.Format("2006-01-02 15:04 UTC")
}
