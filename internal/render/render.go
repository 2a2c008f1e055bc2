// Package render turns a postmortem document into Markdown through
// text/template files (the built-in ones are embedded from templates/).
package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"text/template"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
	"github.com/postmortem-cli/postmortem/templates"
)

// DefaultTemplate is the template that reproduces the course report.
const DefaultTemplate = "default"

// Template is a parsed report template.
type Template struct {
	name string
	t    *template.Template
}

// Name is the built-in name or the path the template was read from.
func (t *Template) Name() string { return t.name }

// Builtins lists the names of the embedded templates.
func Builtins() []string {
	entries, _ := fs.Glob(templates.FS, "*.md.tmpl")
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = strings.TrimSuffix(e, ".md.tmpl")
	}
	sort.Strings(names)
	return names
}

// Builtin returns an embedded template by name.
func Builtin(name string) (*Template, error) {
	text, err := fs.ReadFile(templates.FS, name+".md.tmpl")
	if err != nil {
		return nil, fmt.Errorf("unknown template %q (built-in templates: %s; or give a path to a .tmpl file)", name, strings.Join(Builtins(), ", "))
	}
	return Compile(name+".md.tmpl", string(text))
}

var templateErr = pattern(`^template: ([^:]+:\d+(?::\d+)?): (?:executing "[^"]*" )?(.*)$`)

// cleanTemplateError turns text/template's "template: NAME:LINE: ..." into
// "NAME:LINE: ...", the file:line form editors and people read.
func cleanTemplateError(err error) error {
	if m := templateErr().FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("%s: %s", m[1], m[2])
	}
	return err
}

// Compile parses template text; name (a file path for user templates)
// appears in error messages with the line.
func Compile(name, text string) (*Template, error) {
	t, err := template.New(name).Option("missingkey=error").Funcs(Funcs).Parse(text)
	if err != nil {
		return nil, cleanTemplateError(err)
	}
	return &Template{name: strings.TrimSuffix(name, ".md.tmpl"), t: t}, nil
}

// Funcs are available to every template, built-in or user.
var Funcs = template.FuncMap{
	"prose":    Block,
	"inline":   Inline,
	"cell":     Cell,
	"duration": timeparse.FormatDuration,
	"join":     strings.Join,
	"lower":    strings.ToLower,
	"title":    func(s string) string { return strings.ToUpper(s[:min(1, len(s))]) + s[min(1, len(s)):] },
}

// Options change what a template shows.
type Options struct {
	// Mermaid adds a diagram of the incident's timeline and phases.
	Mermaid bool
}

// Markdown renders the document with the template.
func (t *Template) Markdown(doc *document.Document, r *document.Resolved, opt Options) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.t.Execute(&buf, NewView(doc, r, opt)); err != nil {
		return nil, cleanTemplateError(err)
	}
	out := bytes.TrimLeft(buf.Bytes(), "\n")
	out = bytes.TrimRight(out, " \n")
	return append(out, '\n'), nil
}

// View is what templates see: the document as written plus everything
// computed from it, already formatted the way reports state it.
type View struct {
	Doc   *document.Document
	Title string
	// Day is the report's UTC day (YYYY-MM-DD): the day of the impact
	// start, else of the first timeline time. Bare clock times in the
	// report are on this day; others carry their date.
	Day  string
	Meta []Field
	// Catalogue is the services, trigger, contributing factors, tags and
	// related incidents that are set, as label and one-line value.
	Catalogue   []Field
	Zone        string
	Impact      ImpactView
	Timeline    []Entry
	Metrics     []MetricView
	ActionItems []ActionView
	Options     Options
	// Mermaid is the body of a Mermaid diagram of the timeline and phases,
	// set when Options.Mermaid asks for it and there is something to draw.
	Mermaid string

	// resolved lets methods compute more on demand (see Diagram).
	resolved *document.Resolved
}

// Field is a labelled value (severity, status, authors).
type Field struct{ Label, Value string }

// ImpactView is the impact section's computed sentences.
type ImpactView struct {
	// Duration is "13 minutes", or "" when the window is unknown.
	Duration string
	// Window is "between 19:34 UTC and 19:47 UTC on 12/04/24".
	Window string
	// Lead opens the section: the duration and window followed by the
	// description, the way the course template words it.
	Lead string
	// Affected is "This incident affected ...".
	Affected string
	// Submitted is "0 support tickets and 0 social media posts were submitted."
	Submitted string
	Start     string
	End       string
}

// Entry is a timeline entry with its time formatted for the report.
type Entry struct {
	Time      string // "19:34", or "2024-12-05 00:10" off the report's day
	UTC       string // RFC 3339, "" when unknown
	Event     string
	Milestone string
	// Source and Link say where an entry from the evidence came from;
	// Ref is the Markdown that shows them after the event (EvidenceRef).
	Source, Link, Ref string
}

// MetricView is one computed metric, formatted.
type MetricView struct {
	Key, Name, Value, Definition string
	Known                        bool
}

// ActionView is one action item with its details phrased for a list.
type ActionView struct {
	N                                   int
	Description, Owner, Due, Ticket     string
	Status                              string
	Details                             string // " (owner: X, due: Y)" or ""
	IsOpen                              bool
	DescriptionCell, OwnerCell, DueCell string
	TicketCell                          string
}

// NewView computes what the templates show.
func NewView(doc *document.Document, r *document.Resolved, opt Options) *View {
	v := &View{Doc: doc, Title: document.TitleOf(doc, r), Zone: "UTC", Options: opt, resolved: r}
	if doc.Severity != "" {
		v.Meta = append(v.Meta, Field{"Severity", doc.Severity})
	}
	if doc.Status != "" {
		v.Meta = append(v.Meta, Field{"Status", doc.Status})
	}
	if len(doc.Authors) > 0 {
		v.Meta = append(v.Meta, Field{"Authors", strings.Join(doc.Authors, ", ")})
	}
	v.Catalogue = catalogueFields(doc)
	if opt.Mermaid {
		v.Mermaid = mermaidDiagram(doc, r)
	}
	home := homeDay(r)
	v.Day = home
	if v.Day == "" {
		v.Day = doc.Date // no times at all: the day the document names
	}
	v.Impact = impactView(doc, r)
	// A clock time is written bare on the day a reader (and import) puts
	// it: the day the impact window states, then the day of the last date
	// written above it; any other entry carries its date.
	day := statedDay(v.Title, r, v.Impact)
	for i, ev := range doc.Timeline {
		e := Entry{Event: ev.Event, Milestone: ev.Milestone, Source: ev.Source, Link: ev.Link, Ref: EvidenceRef(ev.Source, ev.Link)}
		switch t := r.Times[i]; {
		case !t.IsZero():
			e.Time = clockOn(t, day, r.Seconds[i])
			e.UTC = t.Format(time.RFC3339)
			day = t.Format(time.DateOnly)
		case !r.Days[i].IsZero():
			e.Time = r.Days[i].Format(time.DateOnly) // a date-only entry
			day = e.Time
		case ev.Time != "":
			e.Time = ev.Time
		default:
			e.Time = ev.RawTime
		}
		v.Timeline = append(v.Timeline, e)
	}
	m := r.Metrics()
	for _, def := range document.MetricDefinitions {
		mv := MetricView{Key: def.Key, Name: def.Name, Definition: def.Definition, Value: "not measurable"}
		if d := def.Value(m); d != nil {
			mv.Value, mv.Known = timeparse.FormatDuration(*d), true
		}
		v.Metrics = append(v.Metrics, mv)
	}
	for i, a := range doc.ActionItems {
		av := ActionView{N: i + 1, Description: a.Description, Owner: a.Owner, Due: a.Due, Ticket: a.Ticket,
			Status: a.ActionStatus(), IsOpen: a.IsOpen()}
		var details []string
		for _, kv := range [][2]string{{"owner", a.Owner}, {"due", a.Due}, {"ticket", a.Ticket}, {"status", a.Status}} {
			if kv[1] != "" && !(kv[0] == "status" && kv[1] == "open") {
				details = append(details, kv[0]+": "+kv[1])
			}
		}
		if len(details) > 0 {
			av.Details = " (" + Inline(strings.Join(details, ", ")) + ")"
		}
		v.ActionItems = append(v.ActionItems, av)
	}
	return v
}

// statedDay is the UTC day the rendered report states for its first
// bare clock time: the day of the impact window it writes, when the
// title names no other day; "" when it states none, and the first timed
// entry then carries its date.
func statedDay(title string, r *document.Resolved, iv ImpactView) string {
	if iv.Window == "" {
		return ""
	}
	day := r.ImpactStart.Format(time.DateOnly)
	for _, t := range timeparse.Lex(title) {
		if (t.Kind == timeparse.Date || t.Kind == timeparse.DateTime) && t.HasDate {
			if time.Date(t.Year, time.Month(t.Month), t.Day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly) != day {
				return ""
			}
			break
		}
	}
	return day
}

// homeDay is the UTC day the report happens on: clock times on it are
// written bare, others with their date.
func homeDay(r *document.Resolved) string {
	if !r.ImpactStart.IsZero() {
		return r.ImpactStart.Format(time.DateOnly)
	}
	for _, t := range r.Times {
		if !t.IsZero() {
			return t.Format(time.DateOnly)
		}
	}
	return ""
}

func clockOn(t time.Time, home string, secs bool) string {
	layout := "15:04"
	if secs || t.Second() != 0 {
		layout = "15:04:05"
	}
	if t.Format(time.DateOnly) != home {
		layout = "2006-01-02 " + layout
	}
	return t.Format(layout)
}

func impactView(doc *document.Document, r *document.Resolved) ImpactView {
	var iv ImpactView
	desc := Block(doc.Impact.Description)
	if s, e := r.ImpactStart, r.ImpactEnd; !s.IsZero() && !e.IsZero() && !e.Before(s) {
		iv.Duration = timeparse.FormatDuration(e.Sub(s))
		iv.Start, iv.End = clockOn(s, "", false)[11:]+" UTC", clockOn(e, "", false)[11:]+" UTC"
		if s.Format(time.DateOnly) == e.Format(time.DateOnly) {
			iv.Window = fmt.Sprintf("between %s and %s on %s", iv.Start, iv.End, s.Format("01/02/06"))
		} else {
			iv.Window = fmt.Sprintf("between %s on %s and %s on %s", iv.Start, s.Format("01/02/06"), iv.End, e.Format("01/02/06"))
		}
		if desc != "" {
			iv.Lead = fmt.Sprintf("For %s %s, %s", iv.Duration, iv.Window, desc)
		} else {
			iv.Lead = fmt.Sprintf("The impact lasted %s, %s.", iv.Duration, iv.Window)
		}
	} else {
		iv.Lead = desc
	}
	if a := strings.TrimSpace(doc.Impact.Affected); a != "" {
		iv.Affected = "This incident affected " + Inline(a)
		if !strings.ContainsAny(a[len(a)-1:], ".!?") {
			iv.Affected += "."
		}
	}
	var counts []string
	if n := doc.Impact.SupportTickets; n != nil {
		counts = append(counts, count(*n, "support ticket"))
	}
	if n := doc.Impact.SocialMediaPosts; n != nil {
		counts = append(counts, count(*n, "social media post"))
	}
	switch len(counts) {
	case 1:
		verb := " were submitted."
		if strings.HasPrefix(counts[0], "1 ") {
			verb = " was submitted."
		}
		iv.Submitted = counts[0] + verb
	case 2:
		iv.Submitted = counts[0] + " and " + counts[1] + " were submitted."
	}
	return iv
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// catalogueFields are the catalogue keys that are set, in the order a
// reader wants them, each on one line as import reads them back.
func catalogueFields(doc *document.Document) []Field {
	var out []Field
	add := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			out = append(out, Field{label, value})
		}
	}
	add("Services", strings.Join(doc.Services, ", "))
	add("Trigger", doc.Trigger)
	add("Contributing factors", document.FormatFactors(doc.ContributingFactors))
	add("Tags", strings.Join(doc.Tags, ", "))
	add("Related", strings.Join(doc.Related, ", "))
	return out
}
