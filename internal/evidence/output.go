package evidence

import (
	"bytes"
	"encoding/json"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/render"
)

// AsEvents are the entries as document timeline events, times in RFC 3339
// UTC to the second.
func AsEvents(entries []Entry) []document.Event {
	out := make([]document.Event, len(entries))
	for i, e := range entries {
		out[i] = document.Event{Time: stamp(e.Time), Event: e.Event, Milestone: e.Milestone, Source: e.Source, Link: e.Link}
	}
	return out
}

func stamp(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

const suggestedNote = " (a page resolving is not always the impact ending)"

// YAML writes the entries as a document's `timeline:` block, ready to
// paste into one. A suggested milestone is a comment on its entry.
func YAML(entries []Entry) ([]byte, error) {
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for i, ev := range AsEvents(entries) {
		item := eventNode(insertion{ev: ev})
		if s := entries[i].Suggested; s != "" {
			item.Content[3].LineComment = "suggested milestone: " + s + suggestedNote
		}
		seq.Content = append(seq.Content, item)
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: "timeline"}, seq}}
	if len(entries) == 0 {
		seq.Style = yaml.FlowStyle
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	err := enc.Close()
	return buf.Bytes(), err
}

type jsonEntry struct {
	Time      string `json:"time"`
	Event     string `json:"event"`
	Milestone string `json:"milestone,omitempty"`
	Suggested string `json:"suggested_milestone,omitempty"`
	Source    string `json:"source,omitempty"`
	Link      string `json:"link,omitempty"`
}

// JSON writes {"timeline": [...]}: each entry's time (RFC 3339 UTC),
// event, milestone, suggested_milestone, source and link.
func JSON(entries []Entry) ([]byte, error) {
	out := struct {
		Timeline []jsonEntry `json:"timeline"`
	}{Timeline: make([]jsonEntry, len(entries))}
	for i, e := range entries {
		out.Timeline[i] = jsonEntry{stamp(e.Time), e.Event, e.Milestone, e.Suggested, e.Source, e.Link}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "error rate > 5%" stays readable
	enc.SetIndent("", "  ")
	err := enc.Encode(out)
	return buf.Bytes(), err
}

var markdownTimeline = func() *render.Template {
	t, err := render.Compile("timeline.md.tmpl", `All times are UTC{{with .Day}} ({{.}}){{end}}.
{{range .Timeline}}
- _{{.Time}}_ - {{inline .Event}}{{.Ref}}
{{- end}}
`)
	if err != nil {
		panic(err) // a fixed template; a failure here is a bug
	}
	return t
}()

// Markdown writes the entries as a report's timeline list, the way the
// default template does: clock times on the first entry's day, others
// with their date, each with its link.
func Markdown(entries []Entry) ([]byte, error) {
	doc := &document.Document{Version: document.CurrentVersion, Timeline: AsEvents(entries)}
	r, _ := document.Resolve(doc)
	return markdownTimeline.Markdown(doc, r, render.Options{})
}
