package evidence

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// Merged is the result of merging entries into a document.
type Merged struct {
	// Data is the new file; nil when nothing was added.
	Data []byte
	// Added are the entries added, as written into the document.
	Added []document.Event
	// AddedAt are their instants.
	AddedAt []time.Time
	// Present counts the entries that were already there.
	Present int
	// Notes say what was left out and why (a milestone the document
	// already sets).
	Notes []string
}

// MergeInto adds to a YAML document (data, loaded as doc) the entries it
// does not hold yet: an entry is there when one has the same source, or
// the same minute and the same text. The responder's entries, their
// order and their milestones are kept; each new entry goes before the
// first entry that is later than it. A milestone the document already
// sets is not set again. The file is edited as text, so comments and
// formatting stay as they were; the result is loaded back and checked
// (every old entry unchanged and at the same instant, every new one
// where it belongs) before it is returned.
func MergeInto(doc *document.Document, data []byte, entries []Entry) (*Merged, error) {
	r, _ := document.Resolve(doc)
	m := &Merged{}
	news := m.pick(doc, r, entries)
	if len(news) == 0 {
		return m, nil
	}
	plan := planInsertions(doc, r, news)
	for _, p := range plan.items {
		m.Added = append(m.Added, p.ev)
		m.AddedAt = append(m.AddedAt, p.at)
	}
	name := "<document>"
	if doc.Source != nil {
		name = doc.Source.Name
	}
	out, err := insertText(data, plan)
	if err == nil {
		err = checkMerge(name, doc, r, out, plan)
	}
	if err != nil {
		// The text edit could not be made or checked (an unusual layout,
		// a flow-style list): write the YAML tree instead, which keeps
		// comments but may re-wrap long lines.
		var err2 error
		out, err2 = insertTree(data, plan)
		if err2 == nil {
			err2 = checkMerge(name, doc, r, out, plan)
		}
		if err2 != nil {
			return nil, fmt.Errorf("%s: could not add the entries without changing the ones there (%v); nothing written", name, err2)
		}
	}
	m.Data = out
	return m, nil
}

// pick drops the entries the document already holds and the milestones
// it already sets.
func (m *Merged) pick(doc *document.Document, r *document.Resolved, entries []Entry) []Entry {
	sources := map[string]bool{}
	said := map[string]bool{}
	for i, ev := range doc.Timeline {
		if ev.Source != "" {
			sources[ev.Source] = true
		}
		if t := r.Times[i]; !t.IsZero() {
			said[sameKey(t, ev.Event)] = true
		}
	}
	milestones := map[string]bool{}
	for _, ev := range doc.Timeline {
		milestones[ev.Milestone] = ev.Milestone != ""
	}
	var news []Entry
	for _, e := range entries {
		if (e.Source != "" && sources[e.Source]) || said[sameKey(e.Time, e.Event)] {
			m.Present++
			continue
		}
		if e.Source != "" {
			sources[e.Source] = true
		}
		said[sameKey(e.Time, e.Event)] = true
		if e.Milestone != "" && milestones[e.Milestone] {
			m.Notes = append(m.Notes, fmt.Sprintf("%q is added without the milestone %s: the document already marks one", e.Event, e.Milestone))
			e.Milestone = ""
		}
		milestones[e.Milestone] = e.Milestone != ""
		news = append(news, e)
	}
	return news
}

// sameKey is what makes two entries the same event when neither names a
// source: the same UTC minute and the same words.
func sameKey(t time.Time, text string) string {
	return t.UTC().Truncate(time.Minute).Format(time.RFC3339) + " " + strings.ToLower(strings.TrimSuffix(strings.Join(strings.Fields(text), " "), "."))
}

// insertion is one new entry and where it goes: before the existing
// entry at index `before` (len(timeline) for the end).
type insertion struct {
	before int
	ev     document.Event
	at     time.Time
}

type mergePlan struct {
	items []insertion
	// date is set when the document has no date and clock-only times
	// whose day an inserted full timestamp would otherwise change.
	date string
}

// planInsertions places each new entry and writes its time the way the
// document reads it: a bare clock time (19:36:05) where the entries
// around it are on the same day, else RFC 3339 in the document's zone,
// so later clock-only entries keep their day.
func planInsertions(doc *document.Document, r *document.Resolved, news []Entry) mergePlan {
	var plan mergePlan
	loc := time.UTC
	if r.Zone.Location != nil {
		loc = r.Zone.Location
	}
	if doc.Date == "" && !r.Date.IsZero() && hasClockOnly(doc) {
		plan.date = r.Date.Format(time.DateOnly)
	}
	for _, e := range news {
		before := len(doc.Timeline)
		for i, t := range r.Times {
			if !t.IsZero() && t.After(e.Time) {
				before = i
				break
			}
		}
		plan.items = append(plan.items, insertion{before: before, at: e.Time.Truncate(time.Second),
			ev: document.Event{Event: e.Event, Milestone: e.Milestone, Source: e.Source, Link: e.Link}})
	}
	// Days in effect at each insertion point: the last full timestamp
	// above it (old or new), else the document's date.
	day := r.Date
	next := 0
	for i := 0; i <= len(doc.Timeline); i++ {
		for ; next < len(plan.items) && plan.items[next].before == i; next++ {
			p := &plan.items[next]
			local := p.at.In(loc)
			if !day.IsZero() && sameDay(local, day) {
				p.ev.Time = clockText(local)
			} else {
				p.ev.Time = local.Format(time.RFC3339)
				day = time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
			}
		}
		if i < len(doc.Timeline) {
			if st, err := timeparse.Scan(doc.Timeline[i].Time); err == nil && st.HasDate {
				day = time.Date(st.Year, time.Month(st.Month), st.Day, 0, 0, 0, 0, time.UTC)
			}
		}
	}
	return plan
}

func sameDay(local, day time.Time) bool {
	y, m, d := local.Date()
	return y == day.Year() && m == day.Month() && d == day.Day()
}

func clockText(t time.Time) string {
	if t.Second() != 0 {
		return t.Format("15:04:05")
	}
	return t.Format("15:04")
}

func hasClockOnly(doc *document.Document) bool {
	times := []string{doc.Impact.Start, doc.Impact.End}
	for _, ev := range doc.Timeline {
		times = append(times, ev.Time)
	}
	for _, s := range times {
		if st, err := timeparse.Scan(s); err == nil && !st.HasDate {
			return true
		}
	}
	return false
}

// checkMerge loads the merged file back and compares it with what was
// there and what was meant: anything else changed is refused.
func checkMerge(name string, old *document.Document, oldR *document.Resolved, out []byte, plan mergePlan) error {
	doc, err := document.Parse(name, out)
	if err != nil {
		return err
	}
	if len(doc.Timeline) != len(old.Timeline)+len(plan.items) {
		return fmt.Errorf("the timeline has %d entries, expected %d", len(doc.Timeline), len(old.Timeline)+len(plan.items))
	}
	r, _ := document.Resolve(doc)
	oi, ni := 0, 0
	for i, ev := range doc.Timeline {
		if ni < len(plan.items) && plan.items[ni].before == oi {
			p := plan.items[ni]
			if ev != p.ev || !r.Times[i].Equal(p.at) {
				return fmt.Errorf("new entry %d reads back as %+v at %v", i+1, ev, r.Times[i])
			}
			ni++
			continue
		}
		if ev != old.Timeline[oi] || !r.Times[i].Equal(oldR.Times[oi]) {
			return fmt.Errorf("entry %d changed", oi+1)
		}
		oi++
	}
	a, b := *old, *doc
	a.Timeline, b.Timeline, a.Source, b.Source = nil, nil, nil, nil
	if plan.date != "" {
		a.Date = plan.date
	}
	if !reflect.DeepEqual(a, b) || !r.ImpactStart.Equal(oldR.ImpactStart) && old.Impact.Start != "" {
		return fmt.Errorf("a field outside the timeline changed")
	}
	return nil
}

// lineEnding is the file's: a file written on Windows keeps its CRLF.
func lineEnding(data []byte) string {
	if bytes.Contains(data, []byte("\r\n")) {
		return "\r\n"
	}
	return "\n"
}

// AddTo adds the entries the document does not hold yet to its timeline
// in memory, by the same rules as MergeInto: for an interview that starts
// with them (`postmortem new --timeline-from`). A document with no date
// and no timeline gets the first entry's UTC day, so the entries of that
// day read as clock times.
func AddTo(doc *document.Document, entries []Entry) *Merged {
	if doc.Date == "" && doc.Timezone == "" && len(doc.Timeline) == 0 && len(entries) > 0 {
		doc.Date = entries[0].Time.UTC().Format(time.DateOnly)
	}
	r, _ := document.Resolve(doc)
	m := &Merged{}
	news := m.pick(doc, r, entries)
	if len(news) == 0 {
		return m
	}
	plan := planInsertions(doc, r, news)
	if plan.date != "" {
		doc.Date = plan.date
	}
	timeline := make([]document.Event, 0, len(doc.Timeline)+len(plan.items))
	next := 0
	for i := 0; i <= len(doc.Timeline); i++ {
		for ; next < len(plan.items) && plan.items[next].before == i; next++ {
			timeline = append(timeline, plan.items[next].ev)
			m.Added = append(m.Added, plan.items[next].ev)
			m.AddedAt = append(m.AddedAt, plan.items[next].at)
		}
		if i < len(doc.Timeline) {
			timeline = append(timeline, doc.Timeline[i])
		}
	}
	doc.Timeline = timeline
	return m
}
