package preset

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/markdown"
	"github.com/postmortem-cli/postmortem/templates"
)

func TestLookup(t *testing.T) {
	for name, want := range map[string]string{"default": "course", "Course": "course", "GOOGLE-SRE": "google-sre", "sre": "google-sre", " none ": "none", "atlassian": "atlassian"} {
		if p, ok := Lookup(name); !ok || p.Name != want {
			t.Errorf("Lookup(%q) = %v, %v; want %s", name, p, ok, want)
		}
	}
	if _, ok := Lookup("fancy"); ok {
		t.Error("Lookup(fancy) found a preset")
	}
	if err := UnknownError("fancy"); !strings.Contains(err.Error(), "course, course-v2, google-sre, pagerduty, atlassian, none") {
		t.Errorf("UnknownError = %v", err)
	}
}

// Every preset that renders names a built-in template that exists, and
// its required sections are document fields it has.
func TestPresetsAreWhole(t *testing.T) {
	for _, p := range All() {
		if p.Render != "" {
			if _, err := fs.Stat(templates.FS, p.Render+".md.tmpl"); err != nil {
				t.Errorf("%s renders with %s: %v", p.Name, p.Render, err)
			}
		}
		for _, k := range p.RequiredKinds() {
			if !isKind(k) {
				t.Errorf("%s requires %q, not a document field", p.Name, k)
			}
		}
		if p.IsNone() != (len(p.Sections) == 0) {
			t.Errorf("%s: none has no sections, every other preset some", p.Name)
		}
	}
	pd, _ := Lookup("pagerduty")
	if got := strings.Join(pd.Kinds(), ","); got != "summary,root_cause,resolution,impact,response,timeline,action_items" {
		t.Errorf("pagerduty kinds %s (Overview and What Happened both fill summary, once)", got)
	}
	if pd.Heading("root_cause") != "Contributing Factors" || pd.Heading("prevention") != "Prevention" {
		t.Errorf("pagerduty headings: %q, %q", pd.Heading("root_cause"), pd.Heading("prevention"))
	}
	if lv := None.Levels(); len(lv) != 0 {
		t.Errorf("none has levels %v", lv)
	}
}

// h writes headings for a test: "## Summary" gives level 2, "Summary:" a
// label (level 0).
func h(lines ...string) []Heading {
	var out []Heading
	for _, l := range lines {
		level := len(l) - len(strings.TrimLeft(l, "#"))
		text := strings.TrimSpace(strings.TrimLeft(l, "#"))
		out = append(out, Heading{Text: text, Level: level, Kinds: markdown.SectionKinds(text)})
	}
	return out
}

func TestDetect(t *testing.T) {
	course := []string{"## Summary", "## Detection", "## Impact", "## Timeline", "## Response", "# Root cause", "## Resolution", "# Prevention", "# Action items"}
	flat := []string{"## Summary", "## Detection", "## Impact", "## Timeline", "## Response", "## Root cause", "## Resolution", "## Prevention", "## Action items"}
	cases := []struct {
		name, title string
		heads       []string
		want        string
	}{
		{"course v1", "Incident: 2024-12-04 19-47-00", course, "course"},
		{"course v2 by its levels", "Incident: 2024-12-04 19-47-00", flat, "course-v2"},
		{"course without its title", "Checkout payments fail", flat[:8], "course-v2"},
		{"course labels, no headings", "", []string{"Summary", "Detection", "Impact", "Timeline", "Response", "Root Cause", "Action Items"}, "course"},
		{"Google SRE", "Shakespeare Sonnet++ Postmortem (incident #465)", []string{"## Date", "## Authors", "## Status", "## Summary", "## Impact", "## Root Causes", "## Trigger", "## Resolution", "## Detection", "## Action Items", "## Lessons Learned", "### What went well", "### Where we got lucky", "## Timeline", "## Supporting Information"}, "google-sre"},
		{"SRE-derived, no title form", "Security incident", []string{"## Summary", "## Impact", "## Root Causes", "## Trigger", "## Detection", "## Action Items", "## Lessons Learned", "### What went well", "### What went wrong", "### Where we got lucky", "## Timeline"}, "google-sre"},
		{"PagerDuty", "", []string{"## Overview", "## What Happened", "## Contributing Factors", "## Resolution", "## Impact", "## Responders", "## Timeline", "## How'd We Do?", "### What Went Well?", "### What Didn't Go So Well?", "## Action Items", "## Messaging", "### Internal Email", "### External Message"}, "pagerduty"},
		{"Atlassian", "", []string{"## Incident summary", "## Leadup", "## Fault", "## Impact", "## Detection", "## Response", "## Recovery", "## Timeline", "## Five whys", "## Root cause", "## Backlog check", "## Recurrence", "## Lessons learned", "## Corrective actions"}, "atlassian"},
		// Sections every template has say nothing of which one.
		{"generic sections only", "Replay SDK incident", []string{"## Summary", "## Impact", "## Timeline", "## Root cause", "## Action items"}, "none"},
		// Groups under Action items are not the course's Prevention and
		// Detection sections.
		{"groups under action items", "Build breakage", []string{"## Summary", "## Timeline", "## Action items", "### Prevention", "### Detection", "### Mitigation"}, "none"},
		{"no headings at all", "", nil, "none"},
	}
	for _, c := range cases {
		d := Detect(c.title, h(c.heads...))
		if d.Preset.Name != c.want {
			t.Errorf("%s: detected %s (score %.2f, matched %v; runner-up %v %.2f), want %s", c.name, d.Preset.Name, d.Score, d.Matched, d.RunnerUp, d.RunnerUpScore, c.want)
		}
		if c.want != "none" && (d.Score < minScore || len(d.Matched) == 0) {
			t.Errorf("%s: score %.2f, matched %v", c.name, d.Score, d.Matched)
		}
	}
}

func TestFromTemplate(t *testing.T) {
	p := FromTemplate("team.md.tmpl", "# {{inline .Title}}\n\n## Summary\n\n## Root cause, Prevention, and Resolution\n\n### Timeline\n\n- {{with .Time}}_{{.}}_ - {{end}}{{inline .Event}}\n\n## {{inline .Heading}}\n")
	if got := strings.Join(p.RequiredKinds(), ","); got != "summary,root_cause,prevention,resolution,timeline" {
		t.Errorf("required %s", got)
	}
	lv := p.Levels()
	if lv["title"] != 1 || lv["summary"] != 2 || lv["prevention"] != 2 || lv["timeline"] != 3 || lv["other"] != 2 {
		t.Errorf("levels %v", lv)
	}
	if p.Timeline.Entry == nil || p.Title.Pattern != nil || !p.Title.Required || !p.Custom() || !p.RequireDue {
		t.Errorf("forms: entry %v, title %+v, custom %v", p.Timeline.Entry != nil, p.Title, p.Custom())
	}
	course := FromTemplate("copy.md", "# Incident: YYYY-MM-DD HH-mm-ss\n\n## Summary\n\n| Time | Event |\n")
	if course.Title.Pattern == nil || course.Timeline.Entry != nil {
		t.Errorf("a copy of the course template's title: %+v", course.Title)
	}
}
