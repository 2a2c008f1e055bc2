// Package stats aggregates many postmortems: how many incidents, how long
// they took to detect, acknowledge, mitigate and resolve (mean, median and
// 90th percentile), grouped by month, quarter or severity, and every action
// item with where it was written. Everything here is a pure function over
// loaded documents; finding and reading files is the caller's business.
package stats

import (
	"fmt"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// Incident is one loaded postmortem and its times on the UTC clock.
type Incident struct {
	// File is the path the document was read from, as it is reported.
	File string
	Doc  *document.Document
	R    *document.Resolved
}

// NewIncident resolves a document's times. Unreadable times are not an
// error here: the metrics that need them become not measurable, with the
// reason, which is what a report across many files should say.
func NewIncident(file string, doc *document.Document) Incident {
	r, _ := document.Resolve(doc)
	return Incident{File: file, Doc: doc, R: r}
}

// NewIncidentResolved is NewIncident for a document whose times the
// caller has resolved already.
func NewIncidentResolved(file string, doc *document.Document, r *document.Resolved) Incident {
	return Incident{File: file, Doc: doc, R: r}
}

// Title is the incident's title or its default.
func (in Incident) Title() string { return document.TitleOf(in.Doc, in.R) }

// Date is the UTC day the incident happened: the impact start, else the
// first timeline time that could be read, else the document's `date`.
// ok is false when none of them is known.
func (in Incident) Date() (day time.Time, ok bool) {
	t := in.R.ImpactStart
	if t.IsZero() {
		for _, tt := range in.R.Times {
			if !tt.IsZero() {
				t = tt
				break
			}
		}
	}
	if t.IsZero() {
		t = in.R.Date
	}
	if t.IsZero() {
		return time.Time{}, false
	}
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
}

// Measurement is one metric of one incident: a value, or the reason there
// is none.
type Measurement struct {
	Metric document.Metric
	// Value is nil when the metric is not measurable.
	Value *time.Duration
	// Reason says why Value is nil, e.g. "no `detected` milestone".
	Reason string
}

// endpoint is one end of a metric's interval, named the way a reason
// should name it.
type endpoint struct {
	name string
	at   func(Incident) time.Time
	// missing explains a zero time.
	missing func(Incident) string
}

func milestone(m string) endpoint {
	return endpoint{
		name: "`" + m + "`",
		at:   func(in Incident) time.Time { return in.R.Milestones[m] },
		missing: func(in Incident) string {
			for _, ev := range in.Doc.Timeline {
				if ev.Milestone == m {
					return fmt.Sprintf("the `%s` milestone has no readable time", m)
				}
			}
			return fmt.Sprintf("no `%s` milestone", m)
		},
	}
}

var impactStart = endpoint{
	name: "impact start",
	at:   func(in Incident) time.Time { return in.R.ImpactStart },
	missing: func(in Incident) string {
		if in.Doc.Impact.Start != "" {
			return fmt.Sprintf("`impact.start` %q could not be read", in.Doc.Impact.Start)
		}
		if milestone("started").missing(in) != "no `started` milestone" {
			return "the `started` milestone has no readable time"
		}
		return "no impact start (no `impact.start` and no `started` milestone)"
	},
}

var impactEnd = endpoint{
	name: "impact end",
	at:   func(in Incident) time.Time { return in.R.ImpactEnd },
	missing: func(in Incident) string {
		if in.Doc.Impact.End != "" {
			return fmt.Sprintf("`impact.end` %q could not be read", in.Doc.Impact.End)
		}
		return "no impact end (no `impact.end` and no `resolved` or `mitigated` milestone)"
	},
}

// intervals are the endpoints of each metric, keyed like
// document.MetricDefinitions; they mirror (*document.Resolved).Metrics so
// that a missing value can be explained.
var intervals = map[string][2]endpoint{
	"impact":              {impactStart, impactEnd},
	"time_to_detect":      {impactStart, milestone("detected")},
	"time_to_acknowledge": {milestone("detected"), milestone("acknowledged")},
	"time_to_mitigate":    {impactStart, milestone("mitigated")},
	"time_to_resolve":     {impactStart, milestone("resolved")},
}

// Measure computes every metric of an incident, in the order of
// document.MetricDefinitions. A metric whose milestones are missing, or
// whose interval runs backwards, is not measurable and says why; it is never
// counted as zero.
func Measure(in Incident) []Measurement {
	values := in.R.Metrics()
	out := make([]Measurement, 0, len(document.MetricDefinitions))
	for _, def := range document.MetricDefinitions {
		m := Measurement{Metric: def, Value: def.Value(values)}
		iv := intervals[def.Key]
		switch {
		case m.Value == nil:
			var reasons []string
			for _, e := range iv {
				if e.at(in).IsZero() {
					reasons = append(reasons, e.missing(in))
				}
			}
			m.Reason = joinReasons(reasons)
			if m.Reason == "" {
				m.Reason = "its times are unknown"
			}
		case *m.Value < 0:
			m.Reason = fmt.Sprintf("%s (%s) is %s before %s (%s)", iv[1].name, clock(iv[1].at(in)),
				timeparse.FormatDuration(-*m.Value), iv[0].name, clock(iv[0].at(in)))
			m.Value = nil
		}
		out = append(out, m)
	}
	return out
}

func joinReasons(rs []string) string {
	switch len(rs) {
	case 0:
		return ""
	case 1:
		return rs[0]
	}
	if rs[0] == rs[1] {
		return rs[0]
	}
	return rs[0] + "; " + rs[1]
}

func clock(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }
