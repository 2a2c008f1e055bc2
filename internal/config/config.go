// Package config reads .postmortem.yaml, the file that tells the linter
// which rules to run and how strictly, which sections a report needs and
// where postmortems live. It is found upward from each linted file (as
// .editorconfig and .golangci.yml are) or given with --config. Reading is
// strict: an unknown key, rule ID or severity is an error, never silence.
package config

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/postmortem-cli/postmortem/internal/didyoumean"
	"github.com/postmortem-cli/postmortem/internal/discover"
	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/rules"
	"github.com/postmortem-cli/postmortem/internal/preset"
	"github.com/postmortem-cli/postmortem/internal/render"
	"github.com/postmortem-cli/postmortem/internal/vocabulary"
	"github.com/postmortem-cli/postmortem/templates"
)

// FileName is the configuration file looked for beside and above each file.
const FileName = ".postmortem.yaml"

// Example is a commented default configuration; `postmortem init` writes
// it. It loads without error and matches the built-in defaults.
//
//go:embed example.yaml
var Example []byte

// Config is one .postmortem.yaml.
type Config struct {
	// Template reports follow: a preset ("course", "google-sre",
	// "pagerduty", "atlassian", "none"), a built-in render template, or a
	// path to a template file relative to the config; "" recognises each
	// report's template from its headings.
	Template string `yaml:"template"`
	// Timezone timelines are expected to be written in.
	Timezone string `yaml:"timezone"`
	// RequiredSections are section kinds or headings every report needs.
	RequiredSections *[]string `yaml:"required_sections"`
	// Paths are the folders `postmortem lint` checks when given none,
	// relative to the config file.
	Paths []string `yaml:"paths"`
	// Include and Exclude are globs relative to each linted folder.
	Include []string `yaml:"include"`
	Exclude []string `yaml:"exclude"`
	// FailOn is the lowest severity that fails the run.
	FailOn string `yaml:"fail_on"`
	// ActionItems says what every open action item needs.
	ActionItems struct {
		RequireOwner *bool `yaml:"require_owner"`
		RequireDue   *bool `yaml:"require_due"`
	} `yaml:"action_items"`
	// Rules re-levels rules: error, warning, info or off.
	Rules map[string]string `yaml:"rules"`
	// Timeline configures `postmortem timeline`, which reads the evidence.
	Timeline Timeline `yaml:"timeline"`
	// Vocabulary names the services, triggers and contributing factors
	// the catalogue keys use (vocabulary.go).
	Vocabulary VocabularyConfig `yaml:"vocabulary"`

	// Path is the file this was read from ("" for the defaults).
	Path string `yaml:"-"`
	// Dir is the folder relative paths in it are resolved against.
	Dir string `yaml:"-"`

	settings *lint.Settings
}

// Timeline says how `postmortem timeline` reads a team's evidence.
type Timeline struct {
	// Reactions mark a Slack message as one for the timeline (default:
	// pushpin), alongside the channel's pins.
	Reactions []string `yaml:"reactions"`
	// SlackURL is the workspace's address (https://acme.slack.com), which
	// makes entries link to their messages.
	SlackURL string `yaml:"slack_url"`
}

// DefaultReactions are the reactions that mark a message without
// timeline.reactions.
var DefaultReactions = []string{"pushpin"}

// TimelineReactions is the configured reactions, or the default.
func (c *Config) TimelineReactions() []string {
	if len(c.Timeline.Reactions) == 0 {
		return DefaultReactions
	}
	return c.Timeline.Reactions
}

// Default is the configuration used when no file is found.
func Default() *Config {
	c := &Config{}
	if err := c.finish(); err != nil {
		panic(err) // the defaults are fixed; a failure here is a bug
	}
	return c
}

// Parse reads a configuration from data; name is used in messages and
// dir resolves relative paths.
func Parse(name string, data []byte) (*Config, error) {
	c := &Config{Path: name, Dir: filepath.Dir(name)}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s", cleanYAMLError(name, err))
	}
	if err := c.finish(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return c, nil
}

// Load reads a configuration file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such configuration file", path)
		}
		return nil, err
	}
	return Parse(path, data)
}

// cleanYAMLError turns yaml.v3's "yaml: line 3: field foo not found in
// type config.Config" into "NAME:3: unknown key "foo"".
func cleanYAMLError(name string, err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var parts []string
		for _, e := range te.Errors {
			parts = append(parts, cleanLine(name, e))
		}
		return strings.Join(parts, "; ")
	}
	return cleanLine(name, strings.TrimPrefix(err.Error(), "yaml: "))
}

func cleanLine(name, msg string) string {
	msg = strings.TrimPrefix(msg, "yaml: ")
	var line int
	var rest string
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		rest = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		if i := strings.Index(rest, " not found in type"); i >= 0 && strings.HasPrefix(rest, "field ") {
			key := strings.TrimPrefix(rest[:i], "field ")
			rest = fmt.Sprintf("unknown key %q (known keys: %s)", key, strings.Join(knownKeys, ", "))
		}
		return fmt.Sprintf("%s:%d: %s", name, line, rest)
	}
	return fmt.Sprintf("%s: %s", name, msg)
}

var knownKeys = []string{"template", "timezone", "required_sections", "paths", "include", "exclude", "fail_on", "action_items", "rules", "timeline", "vocabulary"}

// finish checks the values and builds the rules' settings.
func (c *Config) finish() error {
	s := lint.DefaultSettings()
	known := map[string]bool{}
	for _, id := range rules.IDs() {
		known[id] = true
	}
	ids := make([]string, 0, len(c.Rules))
	for id := range c.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !known[id] {
			return fmt.Errorf("rules: unknown rule %q%s (rules: %s)", id, suggest(id, rules.IDs()), strings.Join(rules.IDs(), ", "))
		}
		sev, err := lint.ParseSeverity(c.Rules[id])
		if err != nil {
			return fmt.Errorf("rules: %s: %v", id, err)
		}
		s.Severity[id] = sev
	}
	if c.FailOn != "" {
		if sev, err := lint.ParseSeverity(c.FailOn); err != nil || sev == lint.Off {
			return fmt.Errorf("fail_on: %q is not error, warning or info", c.FailOn)
		}
	}
	if c.RequiredSections != nil {
		s.RequiredSections = nil
		for _, r := range *c.RequiredSections {
			r = strings.TrimSpace(r)
			if r == "" {
				return errors.New("required_sections: an empty name")
			}
			s.RequiredSections = append(s.RequiredSections, r)
		}
	}
	if c.Timezone != "" {
		s.Timezone = c.Timezone
	}
	if c.ActionItems.RequireOwner != nil {
		s.RequireOwner = *c.ActionItems.RequireOwner
	}
	if c.ActionItems.RequireDue != nil {
		due := *c.ActionItems.RequireDue
		s.RequireDue = &due
	}
	for _, r := range c.Timeline.Reactions {
		if r = strings.TrimSpace(r); r == "" || strings.ContainsAny(r, ": \t") {
			return fmt.Errorf("timeline.reactions: %q is not a reaction name (write it as Slack does, without colons: pushpin, white_check_mark)", r)
		}
	}
	if u := c.Timeline.SlackURL; u != "" && !(strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) || strings.ContainsAny(u, " \t") {
		return fmt.Errorf("timeline.slack_url: %q is not the workspace's address (such as https://acme.slack.com)", u)
	}
	for _, g := range append(append([]string(nil), c.Include...), c.Exclude...) {
		if err := discover.CheckGlob(g); err != nil {
			return err
		}
	}
	if c.Template != "" {
		p, err := c.templatePreset()
		if err != nil {
			return fmt.Errorf("template: %v", err)
		}
		s.Preset, s.Template, s.Levels = p, p.Name, p.Levels()
	}
	words, err := c.Vocabulary.build()
	if err != nil {
		return err
	}
	s.Catalogue.Vocabulary = words
	c.settings = s
	return nil
}

// templatePreset is the preset the template key names: a built-in
// preset ("course", "google-sre", "none"), a built-in render template
// ("tables"), or a template file, relative to the config, read as a
// preset of its own (its headings, levels and title).
func (c *Config) templatePreset() (*preset.Preset, error) {
	name := c.Template
	if p, ok := preset.Lookup(name); ok {
		return p, nil
	}
	if !strings.ContainsAny(name, "/\\") && !strings.HasSuffix(name, ".tmpl") && !strings.HasSuffix(name, ".md") {
		if _, err := render.Builtin(name); err != nil {
			return nil, fmt.Errorf("%v%s", preset.UnknownError(name), suggest(name, append(preset.Names(), render.Builtins()...)))
		}
		text, err := fs.ReadFile(templates.FS, name+".md.tmpl")
		if err != nil {
			return nil, err
		}
		return preset.FromTemplate(name, string(text)), nil
	}
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(c.Dir, p)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the template: %v", name, err)
	}
	return preset.FromTemplate(name, string(data)), nil
}

func suggest(id string, known []string) string {
	if best := didyoumean.Closest(id, known, 3); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}

// Words is the vocabulary in force: the configured lists, the built-in
// ones where the configuration says nothing.
func (c *Config) Words() *vocabulary.Vocabulary { return c.settings.Catalogue.Vocabulary }

// Settings are what this configuration tells the rules.
func (c *Config) Settings() *lint.Settings { return c.settings }

// FailOn is the configured fail threshold, Warning when unset.
func (c *Config) FailOnSeverity() lint.Severity {
	if sev, err := lint.ParseSeverity(c.FailOn); err == nil && c.FailOn != "" {
		return sev
	}
	return lint.Warning
}

// Finder finds the configuration for each file by walking up from its
// folder, caching what it read. It is safe for concurrent use.
type Finder struct {
	// Fixed, when set, is used for every file (--config).
	Fixed *Config
	mu    sync.Mutex
	byDir map[string]*entry

	wdOnce sync.Once
	wd     string
	wdErr  error
}

type entry struct {
	once sync.Once
	c    *Config
	err  error
}

// For returns the configuration that applies to path: the nearest
// .postmortem.yaml in its folder or above, else the defaults.
func (f *Finder) For(path string) (*Config, error) {
	if f.Fixed != nil {
		return f.Fixed, nil
	}
	dir := filepath.Dir(path)
	if !filepath.IsAbs(dir) {
		// filepath.Abs asks the system for the working folder on every
		// call (two stats); over 10,000 files that was 4% of a lint run.
		// The folder does not change while a command runs.
		f.wdOnce.Do(func() { f.wd, f.wdErr = os.Getwd() })
		if f.wdErr != nil {
			return nil, f.wdErr
		}
		dir = filepath.Join(f.wd, dir)
	}
	return f.forDir(dir)
}

func (f *Finder) forDir(dir string) (*Config, error) {
	f.mu.Lock()
	if f.byDir == nil {
		f.byDir = map[string]*entry{}
	}
	e, ok := f.byDir[dir]
	if !ok {
		e = &entry{}
		f.byDir[dir] = e
	}
	f.mu.Unlock()
	e.once.Do(func() {
		p := filepath.Join(dir, FileName)
		if _, err := os.Stat(p); err == nil {
			e.c, e.err = Load(relativeIfPossible(p))
			return
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			e.c = Default()
			return
		}
		e.c, e.err = f.forDir(parent)
	})
	return e.c, e.err
}

// relativeIfPossible names a config file relative to the working folder,
// so messages read "docs/.postmortem.yaml:3: ...".
func relativeIfPossible(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}
