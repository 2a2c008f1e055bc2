package document

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// Problem is one thing wrong with a document, at the field it concerns.
type Problem struct {
	// Path names the field: "timeline.3.time", "impact.end".
	Path    string
	Message string
}

// Resolved is a document's times placed on the UTC clock.
type Resolved struct {
	// Zone is the zone clock times without one were read in.
	Zone timeparse.Zone
	// Date is the civil date clock-only times start on (zero if unknown).
	Date time.Time
	// Times holds each timeline entry's instant; the zero time where the
	// entry has no time or it could not be read.
	Times []time.Time
	// Days holds the date of each date-only entry (time: "2024-12-04"),
	// the zero time for the others. No metric reads a date-only entry;
	// it sorts by its date.
	Days []time.Time
	// Seconds is true where an entry was written with seconds.
	Seconds []bool
	// ImpactStart and ImpactEnd are explicit or defaulted from milestones;
	// zero when unknown.
	ImpactStart, ImpactEnd time.Time
	// Milestones maps a milestone to the first entry that carries it.
	Milestones map[string]time.Time
}

// Resolve places every time of the document in UTC. Problems are the times
// that could not be read; ordering is Validate's business.
func Resolve(doc *Document) (*Resolved, []Problem) {
	r := &Resolved{Zone: timeparse.UTC}
	var probs []Problem
	if doc.Timezone != "" {
		z, err := timeparse.ParseZone(doc.Timezone)
		if err != nil {
			probs = append(probs, Problem{"timezone", err.Error()})
		} else {
			r.Zone = z
		}
	}
	if doc.Date != "" {
		d, err := timeparse.ParseDate(doc.Date)
		if err != nil {
			probs = append(probs, Problem{"date", fmt.Sprintf("date %q is not a date (expected YYYY-MM-DD, such as 2024-12-04)", doc.Date)})
		} else {
			r.Date = d
		}
	}
	if r.Date.IsZero() {
		r.Date = r.firstDate(doc)
	}

	ctx := timeparse.Context{Date: r.Date, Zone: &r.Zone}
	// path names the field only when a time fails: lint resolves every
	// report's timeline, and formatting "timeline.N.time" for each entry
	// up front was most of Resolve's cost.
	parse := func(path func() string, raw string, ctx timeparse.Context) (time.Time, timeparse.Stamp, bool) {
		st, err := timeparse.Scan(raw)
		if err == nil {
			var t time.Time
			if t, err = st.Resolve(raw, ctx); err == nil {
				return t, st, true
			}
		}
		probs = append(probs, Problem{path(), timeProblem(err)})
		return time.Time{}, st, false
	}

	// Clock times follow the day of the last full timestamp above them, so
	// a timeline may cross midnight where it says so, and only there.
	day := ctx
	r.Times = make([]time.Time, len(doc.Timeline))
	r.Seconds = make([]bool, len(doc.Timeline))
	r.Days = make([]time.Time, len(doc.Timeline))
	for i, ev := range doc.Timeline {
		if ev.Time == "" {
			continue
		}
		if d, ok := DateOnly(ev.Time); ok {
			// an entry known by its day only; clock times below it are on
			// that day
			r.Days[i], day.Date = d, d
			continue
		}
		t, st, ok := parse(func() string { return "timeline." + strconv.Itoa(i) + ".time" }, ev.Time, day)
		if !ok {
			continue
		}
		// RFC 3339 forces ":00" on people; only seconds they chose to
		// write, or that are not zero, are worth showing back.
		r.Times[i], r.Seconds[i] = t, st.HasSeconds && (st.Second != 0 || !st.HasDate)
		if st.HasDate {
			day.Date = time.Date(st.Year, time.Month(st.Month), st.Day, 0, 0, 0, 0, time.UTC)
		}
	}
	if doc.Impact.Start != "" {
		r.ImpactStart, _, _ = parse(func() string { return "impact.start" }, doc.Impact.Start, ctx)
	}
	if doc.Impact.End != "" {
		r.ImpactEnd, _, _ = parse(func() string { return "impact.end" }, doc.Impact.End, ctx)
	}
	r.SetMilestones(doc)
	return r, probs
}

// SetMilestones records when each milestone happened (its first entry
// with a readable time) and the impact window's ends that default to
// milestones; Resolve calls it, and whoever changes the timeline's
// milestones afterwards (the importer infers them) calls it again.
func (r *Resolved) SetMilestones(doc *Document) {
	r.Milestones = map[string]time.Time{}
	for i, ev := range doc.Timeline {
		if ev.Milestone == "" || i >= len(r.Times) || r.Times[i].IsZero() {
			continue
		}
		if _, seen := r.Milestones[ev.Milestone]; !seen {
			r.Milestones[ev.Milestone] = r.Times[i]
		}
	}
	if doc.Impact.Start == "" {
		r.ImpactStart = r.Milestones["started"]
	}
	if doc.Impact.End == "" {
		if t, ok := r.Milestones["resolved"]; ok {
			r.ImpactEnd = t
		} else {
			r.ImpactEnd = r.Milestones["mitigated"]
		}
	}
}

// DateOnly reads a date-only time value, "2024-12-04": an entry the
// report dates but gives no clock time.
func DateOnly(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) != len("2006-01-02") || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	d, err := time.Parse(time.DateOnly, s)
	return d, err == nil
}

// firstDate finds the date of the first full timestamp, so that a document
// written with one RFC 3339 time and clock times after it needs no `date`.
func (r *Resolved) firstDate(doc *Document) time.Time {
	candidates := []string{doc.Impact.Start}
	for _, ev := range doc.Timeline {
		candidates = append(candidates, ev.Time)
	}
	candidates = append(candidates, doc.Impact.End)
	for _, c := range candidates {
		if d, ok := DateOnly(c); ok {
			return d
		}
		st, err := timeparse.Scan(c)
		if err == nil && st.HasDate {
			return time.Date(st.Year, time.Month(st.Month), st.Day, 0, 0, 0, 0, time.UTC)
		}
	}
	return time.Time{}
}

func timeProblem(err error) string {
	var te *timeparse.Error
	if errors.As(err, &te) {
		return fmt.Sprintf("time %q: %s", te.Input, te.Reason)
	}
	return err.Error()
}

// Span returns the first and last known times of the timeline, in
// timeline order; both are zero when no entry has a readable time.
func (r *Resolved) Span() (first, last time.Time) {
	for _, t := range r.Times {
		if t.IsZero() {
			continue
		}
		if first.IsZero() {
			first = t
		}
		last = t
	}
	return first, last
}

// Start is when the incident began for users: the impact start, which
// defaults to the `started` milestone.
func (r *Resolved) Start() time.Time { return r.ImpactStart }

// Metrics are the durations computed from a document. A nil field is a
// metric whose milestones are missing: absent, never zero.
type Metrics struct {
	Impact      *time.Duration
	Detect      *time.Duration
	Acknowledge *time.Duration
	Mitigate    *time.Duration
	Resolve     *time.Duration
}

// Metric describes one computed metric for help texts and reports.
type Metric struct {
	Key        string // JSON key without the _minutes suffix
	Name       string
	Definition string
	Value      func(Metrics) *time.Duration
}

// MetricDefinitions lists the metrics in the order reports show them.
var MetricDefinitions = []Metric{
	{"impact", "Impact", "impact end - impact start (impact start defaults to the `started` milestone, impact end to `resolved`, else `mitigated`)", func(m Metrics) *time.Duration { return m.Impact }},
	{"time_to_detect", "Time to detect", "`detected` milestone - impact start", func(m Metrics) *time.Duration { return m.Detect }},
	{"time_to_acknowledge", "Time to acknowledge", "`acknowledged` milestone - `detected` milestone", func(m Metrics) *time.Duration { return m.Acknowledge }},
	{"time_to_mitigate", "Time to mitigate", "`mitigated` milestone - impact start", func(m Metrics) *time.Duration { return m.Mitigate }},
	{"time_to_resolve", "Time to resolve", "`resolved` milestone - impact start", func(m Metrics) *time.Duration { return m.Resolve }},
}

// Metrics computes the durations whose milestones are all known.
func (r *Resolved) Metrics() Metrics {
	between := func(a, b time.Time) *time.Duration {
		if a.IsZero() || b.IsZero() {
			return nil
		}
		d := b.Sub(a)
		return &d
	}
	ms := r.Milestones
	return Metrics{
		Impact:      between(r.ImpactStart, r.ImpactEnd),
		Detect:      between(r.ImpactStart, ms["detected"]),
		Acknowledge: between(ms["detected"], ms["acknowledged"]),
		Mitigate:    between(r.ImpactStart, ms["mitigated"]),
		Resolve:     between(r.ImpactStart, ms["resolved"]),
	}
}

// DefaultTitle is "Incident: " and the resolution time (else the start) as
// YYYY-MM-DD HH-MM-SS, the course template's convention.
func (r *Resolved) DefaultTitle() string {
	t, ok := r.Milestones["resolved"]
	if !ok {
		t = r.ImpactStart
	}
	if t.IsZero() {
		return "Incident"
	}
	return "Incident: " + t.Format("2006-01-02 15-04-05")
}

// TitleOf returns the document's title or its default.
func TitleOf(doc *Document, r *Resolved) string {
	if doc.Title != "" {
		return doc.Title
	}
	return r.DefaultTitle()
}
