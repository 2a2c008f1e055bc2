// Package lint checks postmortems the way a careful reviewer would: it
// defines the Rule interface, the findings rules report, the settings a
// configuration passes to rules, suppression comments and mechanical
// fixes. The rules themselves live in internal/lint/rules, one file each,
// listed explicitly there (no init() registration).
package lint

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/markdown"
	"github.com/postmortem-cli/postmortem/internal/preset"
)

// Severity ranks a finding. Off disables a rule.
type Severity int

// Severities, lowest first, so that "at or above" is a comparison.
const (
	Off Severity = iota
	Info
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// ParseSeverity reads "error", "warning", "info" or "off".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info", "note":
		return Info, nil
	case "off", "none", "disabled":
		return Off, nil
	}
	return Off, fmt.Errorf("unknown severity %q (expected error, warning, info or off)", s)
}

// MarshalText writes the severity's name (JSON output uses it).
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Doc describes a rule for help texts, the rule reference and SARIF.
type Doc struct {
	// ID is stable: configuration, suppressions and SARIF ruleId use it.
	ID string
	// Severity is the default level the rule reports at.
	Severity Severity
	// Disabled rules run only when configuration or --enable turns
	// them on (at Severity unless the configuration says otherwise).
	Disabled bool
	// Summary is one line, starting lowercase, no period.
	Summary string
	// Rationale says why a reviewer cares.
	Rationale string
	// Fixable is true when --fix repairs some of its findings.
	Fixable bool
	// Bad and Good are short Markdown examples for the rule reference.
	Bad, Good string
	// Config names the configuration keys the rule reads, if any.
	Config string
}

// Rule is one check. Check reports through emit; it must not keep the
// Input after it returns, and it must be safe to call concurrently on
// different inputs.
type Rule interface {
	Doc() Doc
	Check(in *Input, emit func(Finding))
}

// Input is one file to check: a Markdown report (Report set) or a YAML or
// JSON document (Report nil). Doc is always set. What rules read about
// the file is computed once, when the input is made: the resolved
// timeline, the sections (Report.Sections) and the prose, lexed.
type Input struct {
	// Path is the file as the user named it.
	Path   string
	Source []byte
	Report *markdown.Report
	Doc    *document.Document
	// Resolved and Problems are document.Validate's result (for a report,
	// the importer's resolution, checked).
	Resolved *document.Resolved
	Problems []document.Problem
	Settings *Settings
	// Prose is every line of prose in the file's sections, in order, with
	// its times, dates, durations and zone lines read by timeparse.Lex.
	Prose []ProseLine
	// Template is the template the file is judged against.
	Template Template
	// NotPostmortem says why a Markdown file is some other document (a
	// list of sources) and is not judged; "" for a postmortem.
	NotPostmortem string

	lines []int  // byte offset of each line start
	text  string // Source as a string, made once so that Line returns slices of it
}

// NewInput prepares a file for the rules: it validates the document (a
// report's resolution is the importer's) and reads its prose once, so
// that every rule shares them.
func NewInput(path string, src []byte, rep *markdown.Report, doc *document.Document, s *Settings) *Input {
	if s == nil {
		s = DefaultSettings()
	}
	in := &Input{Path: path, Source: src, Report: rep, Doc: doc, Settings: s}
	if rep != nil && len(rep.Text) == len(src) && len(src) > 0 && &rep.Source[0] == &src[0] {
		in.text = rep.Text // the importer's copy of this very source
	}
	if rep != nil && rep.Doc == doc && rep.Resolved != nil {
		in.Resolved = rep.Resolved
		in.Problems = append(append([]document.Problem(nil), rep.Problems...), document.Check(doc, rep.Resolved)...)
	} else {
		in.Resolved, in.Problems = document.Validate(doc)
	}
	if rep != nil {
		in.NotPostmortem = rep.NotPostmortem()
	}
	if in.NotPostmortem != "" {
		in.Template = Template{Preset: preset.None}
		return in
	}
	in.chooseTemplate()
	in.Prose = proseOf(in)
	return in
}

// IsMarkdown reports whether the input is a Markdown report.
func (in *Input) IsMarkdown() bool { return in.Report != nil }

// lineStarts computes the line table once per input. Rules must not
// change Source (Rule.Check only reads its Input), so the table and the
// string copy in text (the importer's, for a Markdown report) stay true
// to it.
func (in *Input) lineStarts() []int {
	if in.lines == nil {
		if in.text == "" {
			in.text = string(in.Source)
		}
		ls := make([]int, 1, 1+strings.Count(in.text, "\n"))
		for off := 0; ; {
			i := strings.IndexByte(in.text[off:], '\n')
			if i < 0 {
				break
			}
			off += i + 1
			ls = append(ls, off)
		}
		in.lines = ls
	}
	return in.lines
}

// LineCount is the number of lines in the source.
func (in *Input) LineCount() int {
	ls := in.lineStarts()
	n := len(ls)
	if n > 1 && ls[n-1] == len(in.Source) {
		n-- // a final newline ends the last line, it does not start one
	}
	return n
}

// LineAt returns the number (1-based) of the line holding byte offset off
// of the source.
func (in *Input) LineAt(off int) int {
	return sort.SearchInts(in.lineStarts(), off+1)
}

// Line returns source line n (1-based) without its line ending.
func (in *Input) Line(n int) string {
	ls := in.lineStarts()
	if n < 1 || n > len(ls) {
		return ""
	}
	end := len(in.Source)
	if n < len(ls) {
		end = ls[n] - 1
	}
	return strings.TrimSuffix(in.text[ls[n-1]:end], "\r")
}

// Pos is where a document field was written (Markdown or YAML), from
// Doc.Source; line 1 column 1 when unknown.
func (in *Input) Pos(path string) (line, col int) {
	p := in.Doc.Source.Pos(path)
	if p.Line < 1 {
		return 1, 1
	}
	return p.Line, max(p.Column, 1)
}

// Finding is one thing a rule found.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Path     string   `json:"path"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	EndLine  int      `json:"end_line,omitempty"`
	Message  string   `json:"message"`
	// Fix repairs the finding mechanically, nil when it needs a person.
	Fix *Fix `json:"-"`
	// Fixable is true when Fix is set (JSON reports it).
	Fixable bool `json:"fixable,omitempty"`
}

// Sort orders findings by line, column, rule, message: the order every
// printer shows them in.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// Settings are what a configuration tells the rules.
type Settings struct {
	// Severity re-levels rules by ID; a rule absent keeps its default.
	Severity map[string]Severity
	// Preset is the template the configuration names; nil when it names
	// none, and each Markdown report is then judged against the template
	// it is recognised to follow (preset.Detect), or none.
	Preset *preset.Preset
	// RequiredSections lists section kinds ("summary", "root_cause") or
	// headings every report must have, as configured; nil leaves it to
	// the template's own required sections.
	RequiredSections []string
	// Levels maps a section kind ("summary") to its heading level in
	// the configured template ("title" is the title's level), and
	// Template names it; without a configured template, the course's
	// (what the language server offers to write).
	Levels   map[string]int
	Template string
	// Timezone is the zone the configuration says timelines are written
	// in ("UTC"); "" when it names none.
	Timezone string
	// RequireOwner applies to open action items. RequireDue, when set,
	// overrides the template's policy on due dates.
	RequireOwner bool
	RequireDue   *bool

	Catalogue Catalogue // vocabulary and related postmortems (catalogue.go)

	// pinned, set while fixing, is the template every round judges the
	// file against: the one the first round chose.
	pinned *Template
}

// SectionKinds are the document fields a Markdown section can fill, in
// template order.
var SectionKinds = document.Sections

// KindTitle is a section kind as a reader writes it: "root_cause" gives
// "Root cause".
func KindTitle(kind string) string {
	s := strings.ReplaceAll(kind, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// DefaultSettings are the settings without a configuration file: each
// report judged against the template it follows (detected), no
// configured zone, owners required.
func DefaultSettings() *Settings {
	course, _ := preset.Lookup("course")
	return &Settings{
		Severity:     map[string]Severity{},
		Levels:       course.Levels(),
		Template:     course.Name,
		RequireOwner: true,
	}
}

// SeverityOf is the severity a rule reports at under these settings.
func (s *Settings) SeverityOf(d Doc) Severity {
	if sev, ok := s.Severity[d.ID]; ok {
		return sev
	}
	if d.Disabled {
		return Off
	}
	return d.Severity
}

// pattern compiles a regular expression the first time it is used, so
// that starting the program (postmortem --version) compiles none.
func pattern(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
