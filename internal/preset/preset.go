// Package preset describes the postmortem templates teams write to: the
// course template (two versions), Google's SRE book layout, PagerDuty's
// and Atlassian's, and none. A preset names its sections (with the
// headings teams give them), their order and heading levels, its title
// form, its timeline form and what it asks of action items. The linter's
// structure rules judge a report only against its preset; with no
// configuration, Detect recognises the preset a report follows from its
// headings.
package preset

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/markdown"
)

// Section is one section of a preset's template.
type Section struct {
	// Key names the section: a document field ("summary",
	// "root_cause") or, for a section the document format has no field
	// for, the preset's own word ("trigger", "leadup").
	Key string
	// Kind is the document field the section fills (what the importer's
	// table maps its heading to); "" for a section of the preset's own.
	Kind string
	// Heading is how the template writes it: "Root Causes".
	Heading string
	// Also are other headings reports that follow the preset give the
	// section ("Lessons learnt"). Detection looks for Heading and Also;
	// whether a heading fills Kind is the importer's table's business.
	Also []string
	// Level is the heading's level in the template.
	Level int
	// Required sections are the ones required-section asks for when the
	// configuration lists none.
	Required bool
	// Weight is how much the heading tells this preset from the others
	// (detection): sections every template has weigh little.
	Weight float64
	// Children are the template's sub-headings under this section
	// ("Where we got lucky" under "Lessons Learned"); they count for
	// detection although sub-headings of a section otherwise do not.
	Children []Child
}

// Child is a sub-heading a template puts under one of its sections.
type Child struct {
	Heading string
	Weight  float64
}

// TitleForm is what a preset asks of the report's title.
type TitleForm struct {
	// Example is the form as a reader writes it: "Incident: YYYY-MM-DD HH-mm-ss".
	Example string
	// Pattern matches a title in the form; nil when the template has no
	// fixed form (the title is then only required to be there, when
	// Required).
	Pattern func() *regexp.Regexp
	// Dated matches a title that tries to be in the form: one that
	// gives a date or time. A title with words only is a name, which
	// the form allows; one with a date must write it the template's
	// way. Nil: every title must match Pattern.
	Dated func() *regexp.Regexp
	// Required is true when a report needs a title heading at all.
	Required bool
	// Mark recognises the template's title (detection): the course's
	// "Incident: 2024-12-04 ...", Google's "(incident #465)".
	Mark   func() *regexp.Regexp
	Weight float64
}

// TimelineForm is how a preset writes timeline entries.
type TimelineForm struct {
	// Example shows an entry: "- _19:34_ - Alert fired".
	Example string
	// Entry writes an entry with this time and text the template's way;
	// nil when the template's timeline is a table or has no fixed form
	// (timeline-format then checks nothing, and --fix rewrites nothing).
	Entry func(time, text string) string
}

// Preset is one template teams write postmortems to.
type Preset struct {
	// Name is the preset's name in .postmortem.yaml and on the command
	// line: "course", "course-v2", "google-sre", "pagerduty",
	// "atlassian", "none".
	Name string
	// Summary says in a line what the template is.
	Summary string
	// Sections are the template's sections in its order.
	Sections []Section
	Title    TitleForm
	Timeline TimelineForm
	// RequireOwner and RequireDue say what open action items need:
	// owners everywhere; due dates only where the template asks for them
	// (in trackers, the tracker holds them).
	RequireOwner, RequireDue bool
	// Render is the built-in render template that writes this preset's
	// shape ("default" for the course's); "" for none.
	Render string
	// family groups the variants of one template for detection (course
	// and course-v2 differ only in heading levels).
	family string
	// custom is true for a preset read from a template file.
	custom bool
}

// Kinds are the document fields the preset's sections fill, in its
// order, each once: what the interview asks and render writes.
func (p *Preset) Kinds() []string {
	var out []string
	for _, s := range p.Sections {
		if s.Kind != "" && !slices.Contains(out, s.Kind) {
			out = append(out, s.Kind)
		}
	}
	return out
}

// RequiredKinds are the document fields of the preset's required
// sections, in its order.
func (p *Preset) RequiredKinds() []string {
	var out []string
	for _, s := range p.Sections {
		if s.Required && s.Kind != "" && !slices.Contains(out, s.Kind) {
			out = append(out, s.Kind)
		}
	}
	return out
}

// Section is the preset's first section filling a document field, nil
// if it has none.
func (p *Preset) Section(kind string) *Section {
	for i := range p.Sections {
		if p.Sections[i].Kind == kind {
			return &p.Sections[i]
		}
	}
	return nil
}

// Heading is how the preset heads the section that fills a document
// field: "Contributing Factors" for root_cause in PagerDuty's; the
// field's own name when the preset has no such section.
func (p *Preset) Heading(kind string) string {
	if s := p.Section(kind); s != nil {
		return s.Heading
	}
	return kindTitle(kind)
}

// Levels maps each document field the preset has to its heading level;
// "title" is the title's level (1) and "other" the level of a section
// the preset does not name (2). Empty for none.
func (p *Preset) Levels() map[string]int {
	if p.IsNone() {
		return map[string]int{}
	}
	levels := map[string]int{"title": 1, "other": 2}
	for _, s := range p.Sections {
		if s.Kind != "" {
			if _, ok := levels[s.Kind]; !ok && s.Level > 0 {
				levels[s.Kind] = s.Level
			}
		}
	}
	return levels
}

// IsNone reports whether the preset is none: a report that follows no
// known template, judged by the universal rules only.
func (p *Preset) IsNone() bool { return p == nil || p.Name == NoneName }

// Custom reports whether the preset was read from a template file.
func (p *Preset) Custom() bool { return p != nil && p.custom }

// NoneName is the name of the preset of reports that follow no template.
const NoneName = "none"

// None is the preset of a report that follows no known template: no
// sections, no title or timeline form, no due dates.
var None = &Preset{Name: NoneName, Summary: "no template: only the rules that hold for any report", RequireOwner: true}

// All lists the built-in presets, none last.
func All() []*Preset { return builtins() }

// Names lists the built-in presets' names, none last.
func Names() []string {
	var out []string
	for _, p := range All() {
		out = append(out, p.Name)
	}
	return out
}

// aliases are older names of presets: "default" was the course
// template's name before there were presets.
var aliases = map[string]string{"default": "course", "course-v1": "course", "sre": "google-sre", "google": "google-sre"}

// Lookup finds a built-in preset by name (or an alias such as
// "default"), in any case.
func Lookup(name string) (*Preset, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	if a, ok := aliases[n]; ok {
		n = a
	}
	for _, p := range All() {
		if p.Name == n {
			return p, true
		}
	}
	return nil, false
}

// UnknownError is the error for a name that is no preset.
func UnknownError(name string) error {
	return fmt.Errorf("unknown template %q (presets: %s; or a path to a template file)", name, strings.Join(Names(), ", "))
}

// kindTitle writes a document field as a heading: "root_cause" gives
// "Root cause".
func kindTitle(kind string) string {
	s := strings.ReplaceAll(kind, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// isKind reports whether s names a document field a section fills.
func isKind(s string) bool { return slices.Contains(document.Sections, s) }

// norm is a heading as detection compares it: the importer's
// normalisation.
func norm(h string) string { return markdown.NormalizeHeading(h) }

// pattern compiles a regular expression the first time it is used, so
// that starting the program compiles none.
func pattern(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
