package document

import (
	"encoding/json"
	"math"
	"time"
)

// Normalize returns a copy of the document with every readable time in
// UTC: clock times on the document's date stay clock times, others become
// RFC 3339 with Z, and `timezone` is dropped because nothing is left in it.
// Times that could not be read are kept as written.
func Normalize(doc *Document, r *Resolved) *Document {
	out := *doc
	out.Source = doc.Source
	out.Timeline = append([]Event(nil), doc.Timeline...)
	if out.Date == "" && !r.Date.IsZero() {
		out.Date = r.Date.Format(time.DateOnly)
	}
	// The date stays the incident's (civil) date, as the JSON form says
	// it; a time is a clock time where Resolve will put it on the UTC
	// day it is on (the date, or the day of the last full date above
	// it), else RFC 3339.
	write := func(t time.Time, secs bool, day string) string {
		if t.Format(time.DateOnly) != day {
			return t.Format(time.RFC3339)
		}
		if secs {
			return t.Format("15:04:05")
		}
		return t.Format("15:04")
	}
	day := out.Date
	for i := range out.Timeline {
		if d := r.Days[i]; !d.IsZero() {
			out.Timeline[i].Time, out.Timeline[i].RawTime = d.Format(time.DateOnly), ""
			day = out.Timeline[i].Time
		} else if t := r.Times[i]; !t.IsZero() {
			out.Timeline[i].Time = write(t, r.Seconds[i] || t.Second() != 0, day)
			out.Timeline[i].RawTime = ""
			day = t.Format(time.DateOnly)
		}
	}
	if doc.Impact.Start != "" && !r.ImpactStart.IsZero() {
		out.Impact.Start = write(r.ImpactStart, r.ImpactStart.Second() != 0, out.Date)
	}
	if doc.Impact.End != "" && !r.ImpactEnd.IsZero() {
		out.Impact.End = write(r.ImpactEnd, r.ImpactEnd.Second() != 0, out.Date)
	}
	out.Timezone = ""
	return &out
}

// jsonDocument is the JSON form of a document: the same keys, every time
// as RFC 3339 UTC or null, the text as written in raw_time, and the
// computed metrics. Pointers make absent values null or omitted on purpose.
type jsonDocument struct {
	Version     int            `json:"version"`
	Title       string         `json:"title"`
	Severity    string         `json:"severity,omitempty"`
	Status      string         `json:"status,omitempty"`
	Authors     []string       `json:"authors,omitempty"`
	Date        string         `json:"date,omitempty"`
	Timezone    *string        `json:"timezone"`
	Services    []string       `json:"services,omitempty"`
	Tags        []string       `json:"tags,omitempty"`
	Trigger     string         `json:"trigger,omitempty"`
	Factors     []Factor       `json:"contributing_factors,omitempty"`
	Related     []string       `json:"related,omitempty"`
	Summary     string         `json:"summary,omitempty"`
	Detection   string         `json:"detection,omitempty"`
	Impact      jsonImpact     `json:"impact"`
	Timeline    []jsonEvent    `json:"timeline"`
	Response    string         `json:"response,omitempty"`
	RootCause   string         `json:"root_cause,omitempty"`
	Resolution  string         `json:"resolution,omitempty"`
	Prevention  string         `json:"prevention,omitempty"`
	ActionItems []ActionItem   `json:"action_items"`
	Sections    []Section      `json:"sections,omitempty"`
	Metrics     map[string]any `json:"metrics"`
}

type jsonImpact struct {
	Start            *string `json:"start"`
	End              *string `json:"end"`
	Description      string  `json:"description,omitempty"`
	Affected         string  `json:"affected,omitempty"`
	SupportTickets   *int    `json:"support_tickets,omitempty"`
	SocialMediaPosts *int    `json:"social_media_posts,omitempty"`
}

type jsonEvent struct {
	Time *string `json:"time"`
	// Date is a date-only entry's date; its time is null.
	Date      string `json:"date,omitempty"`
	RawTime   string `json:"raw_time,omitempty"`
	Event     string `json:"event"`
	Milestone string `json:"milestone,omitempty"`
	Source    string `json:"source,omitempty"`
	Link      string `json:"link,omitempty"`
}

func utcString(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

// MarshalJSON writes the JSON form of a resolved document (indented).
func MarshalJSON(doc *Document, r *Resolved) ([]byte, error) {
	j := jsonDocument{
		Version: CurrentVersion, Title: TitleOf(doc, r), Severity: doc.Severity, Status: doc.Status,
		Authors: doc.Authors, Date: doc.Date, Summary: doc.Summary, Detection: doc.Detection,
		Services: doc.Services, Tags: doc.Tags, Trigger: doc.Trigger, Factors: doc.ContributingFactors, Related: doc.Related,
		Response: doc.Response, RootCause: doc.RootCause, Resolution: doc.Resolution,
		Prevention: doc.Prevention, ActionItems: doc.ActionItems, Sections: doc.Sections,
		Impact: jsonImpact{
			Start: utcString(r.ImpactStart), End: utcString(r.ImpactEnd),
			Description: doc.Impact.Description, Affected: doc.Impact.Affected,
			SupportTickets: doc.Impact.SupportTickets, SocialMediaPosts: doc.Impact.SocialMediaPosts,
		},
		Timeline: make([]jsonEvent, len(doc.Timeline)),
		Metrics:  map[string]any{},
	}
	if j.Date == "" && !r.Date.IsZero() {
		j.Date = r.Date.Format(time.DateOnly)
	}
	if doc.Timezone != "" {
		j.Timezone = &r.Zone.Name
	}
	if j.ActionItems == nil {
		j.ActionItems = []ActionItem{}
	}
	for i, ev := range doc.Timeline {
		raw := ev.RawTime
		if raw == "" {
			raw = ev.Time
		}
		j.Timeline[i] = jsonEvent{Time: utcString(r.Times[i]), RawTime: raw, Event: ev.Event, Milestone: ev.Milestone, Source: ev.Source, Link: ev.Link}
		if d := r.Days[i]; !d.IsZero() {
			j.Timeline[i].Date = d.Format(time.DateOnly)
		}
	}
	m := r.Metrics()
	for _, def := range MetricDefinitions {
		if d := def.Value(m); d != nil {
			j.Metrics[def.Key+"_minutes"] = Minutes(*d)
		}
	}
	return json.MarshalIndent(j, "", "  ")
}

// Minutes is a duration in minutes, to two decimals where not whole.
func Minutes(d time.Duration) float64 {
	return math.Round(d.Minutes()*100) / 100
}
