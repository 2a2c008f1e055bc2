package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/rules"
)

// The example `postmortem init` writes must load, name the course
// template and UTC, and leave every rule at its default severity, so
// that writing it changes nothing but the template and the zone.
func TestExampleLoads(t *testing.T) {
	c, err := Parse("example.yaml", Example)
	if err != nil {
		t.Fatalf("Example does not load: %v", err)
	}
	def := Default().Settings()
	got := c.Settings()
	if got.RequiredSections != nil {
		t.Errorf("required sections %v, want the template's own", got.RequiredSections)
	}
	for _, d := range rules.Docs() {
		if got.SeverityOf(d) != def.SeverityOf(d) {
			t.Errorf("rule %s: example says %s, default is %s", d.ID, got.SeverityOf(d), def.SeverityOf(d))
		}
		if !strings.Contains(string(Example), "  "+d.ID+":") {
			t.Errorf("Example does not list rule %s", d.ID)
		}
	}
	if got.Preset == nil || got.Preset.Name != "course" || got.Levels["root_cause"] != 1 {
		t.Errorf("example template: %+v", got.Preset)
	}
	if c.FailOnSeverity() != lint.Warning || !got.RequireOwner || got.RequireDue != nil || got.Timezone != "UTC" {
		t.Errorf("example: %+v", got)
	}
	if def.Preset != nil || def.Timezone != "" {
		t.Errorf("defaults name a template or zone: %+v", def)
	}
}

func TestStrict(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"unknown key", "templat: default\n", `c.yaml:1: unknown key "templat"`},
		{"unknown rule", "rules:\n  secrets: error\n", `unknown rule "secrets"; did you mean "secret"?`},
		{"bad severity", "rules:\n  secret: fatal\n", `rules: secret: unknown severity "fatal"`},
		{"bad fail_on", "fail_on: off\n", `fail_on: "off" is not error, warning or info`},
		{"bad template", "template: nosuch\n", `template: unknown template "nosuch"`},
		{"nested unknown", "action_items:\n  require_owners: true\n", `c.yaml:2: unknown key "require_owners"`},
		{"bad glob", "exclude: ['[x']\n", `bad glob`},
	}
	for _, c := range cases {
		_, err := Parse("c.yaml", []byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to contain %q", c.name, err, c.want)
		}
	}
}

func TestSettings(t *testing.T) {
	c, err := Parse("c.yaml", []byte("required_sections: [summary, Lessons learned]\naction_items: {require_due: false}\nrules: {blameful-language: info, heading-level: off}\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Settings()
	if strings.Join(s.RequiredSections, "|") != "summary|Lessons learned" || s.RequireDue == nil || *s.RequireDue || !s.RequireOwner {
		t.Errorf("settings %+v", s)
	}
	bl, _ := rules.Lookup("blameful-language")
	hl, _ := rules.Lookup("heading-level")
	if s.SeverityOf(bl) != lint.Info || s.SeverityOf(hl) != lint.Off {
		t.Errorf("severities: blameful %s heading %s", s.SeverityOf(bl), s.SeverityOf(hl))
	}
	if empty, err := Parse("e.yaml", nil); err != nil || empty.Settings().Preset != nil {
		t.Errorf("empty config: %v", err)
	}
}

func TestFinderWalksUp(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a", FileName), []byte("timezone: MST\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var f Finder
	c, err := f.For(filepath.Join(sub, "r.md"))
	if err != nil || c.Settings().Timezone != "MST" {
		t.Fatalf("config for a/b/r.md: %v %v", c, err)
	}
	c, err = f.For(filepath.Join(dir, "r.md"))
	if err != nil || c.Settings().Timezone != "" || c.Path != "" {
		t.Fatalf("config above: want defaults, got %+v %v", c, err)
	}
	if err := os.WriteFile(filepath.Join(sub, FileName), []byte("bogus: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var g Finder
	if _, err := g.For(filepath.Join(sub, "r.md")); err == nil {
		t.Fatal("a broken config below must be an error, not skipped")
	}
}

// A template given as a path, relative to the configuration, is read as
// a preset: its sections are required, at the heading levels it uses.
func TestTemplatePath(t *testing.T) {
	dir := t.TempDir()
	tmpl := "# {{.Title}}\n\n## Summary\n\n## Root cause\n\n### Timeline\n"
	if err := os.WriteFile(filepath.Join(dir, "team.md.tmpl"), []byte(tmpl), 0o644); err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(dir, FileName)
	if err := os.WriteFile(cfgPath, []byte("template: team.md.tmpl\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	s := c.Settings()
	if s.Preset == nil || s.Levels["root_cause"] != 2 || s.Levels["timeline"] != 3 || s.Levels["title"] != 1 {
		t.Errorf("levels from the template: %v (preset %v)", s.Levels, s.Preset)
	}
	if got := strings.Join(s.Preset.RequiredKinds(), ","); got != "summary,root_cause,timeline" {
		t.Errorf("required sections from the template: %s", got)
	}
	if err := os.WriteFile(cfgPath, []byte("template: missing.md.tmpl\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(cfgPath); err == nil || !strings.Contains(err.Error(), "cannot read the template") {
		t.Errorf("missing template: %v", err)
	}
}

func TestTimelineSettings(t *testing.T) {
	c, err := Parse("c.yaml", []byte("timeline:\n  reactions: [pushpin, rotating_light]\n  slack_url: https://acme.slack.com\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.TimelineReactions(), ","); got != "pushpin,rotating_light" || c.Timeline.SlackURL != "https://acme.slack.com" {
		t.Fatalf("read %v %q", got, c.Timeline.SlackURL)
	}
	if got := strings.Join(Default().TimelineReactions(), ","); got != "pushpin" {
		t.Fatalf("default reactions %q", got)
	}
	for src, want := range map[string]string{
		"timeline:\n  reaction: [x]\n":              `c.yaml:2: unknown key "reaction"`,
		"timeline:\n  reactions: [\":pushpin:\"]\n": `timeline.reactions: ":pushpin:" is not a reaction name`,
		"timeline:\n  slack_url: acme.slack.com\n":  `timeline.slack_url: "acme.slack.com"`,
	} {
		if _, err := Parse("c.yaml", []byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", src, err, want)
		}
	}
}
