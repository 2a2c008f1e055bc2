package lsp

// facts.go is the only file of this package that reads the domain
// packages (lint, config, markdown, document, timeparse). Everything else
// works on the plain facts below, so that a rewrite of those packages'
// internals moves this file and nothing else.

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/config"
	"github.com/postmortem-cli/postmortem/internal/discover"
	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/interview"
	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/rules"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// linter runs the rules `postmortem lint` runs, in the same order.
var linter = sync.OnceValue(func() *lint.Linter { return lint.New(rules.All()) })

// maxDocument is the largest text the server analyses: the linter's own
// limit, so that the editor and CI agree on what is too large.
const maxDocument = document.MaxSize

// isMarkdown reports whether a path is linted as a Markdown report.
func isMarkdown(path string) bool { return discover.IsMarkdown(path) }

// isDocument reports whether a path is linted as a YAML or JSON document.
func isDocument(path string) bool { return discover.IsDocument(path) }

// problem is one lint finding, or the reason a file could not be read
// as a postmortem (Rule "" then). Lines are one-based, columns one-based
// in runes, as the linter reports them.
type problem struct {
	Rule          string
	Severity      int // a protocol severity
	Line, Col     int
	EndLine       int // 0 for a one-line finding
	Message       string
	Fixable       bool
	finding       lint.Finding
	hasSuppressor bool // a disable comment can silence it (Markdown only)
}

// lineEdit replaces lines Line..EndLine (one-based, inclusive) with Text;
// EndLine = Line-1 inserts before Line.
type lineEdit struct {
	Line, EndLine int
	Text          []string
}

// analysis is one version of a document, linted and resolved.
type analysis struct {
	path     string
	src      []byte
	settings *lint.Settings
	in       *lint.Input // nil when the file is not a postmortem
	problems []problem
	// ignored is a YAML or JSON file that is not a postmortem at all
	// (a CI workflow, a compose file): it gets no diagnostics.
	ignored bool
	// serial tells analyses apart: it is the pull model's result id.
	serial int
}

// analyze lints one text exactly as `postmortem lint` does: lint.Load,
// then Check with the rules above and the given settings.
func analyze(path string, src []byte, s *lint.Settings) *analysis {
	a := &analysis{path: path, src: src, settings: s}
	in, err := lint.Load(path, src, s)
	if err != nil {
		if !isMarkdown(path) && !looksLikePostmortem(src) {
			a.ignored = true
			return a
		}
		a.problems = []problem{unusableProblem(path, err)}
		return a
	}
	a.in = in
	for _, f := range linter().Check(in) {
		a.problems = append(a.problems, problem{
			Rule: f.Rule, Severity: protocolSeverity(f.Severity), Line: f.Line, Col: f.Column, EndLine: f.EndLine,
			Message: f.Message, Fixable: f.Fix != nil, finding: f,
			hasSuppressor: in.IsMarkdown() && f.Rule != lint.UnusedSuppression.ID,
		})
	}
	return a
}

func protocolSeverity(s lint.Severity) int {
	switch s {
	case lint.Error:
		return severityError
	case lint.Warning:
		return severityWarning
	}
	return severityInformation
}

// unusableProblem is the error of a file that is not a postmortem, at
// the position the loader named.
func unusableProblem(path string, err error) problem {
	p := problem{Severity: severityError, Line: 1, Col: 1, Message: err.Error()}
	var de *document.Error
	if errors.As(err, &de) {
		p.Message = de.Message
		p.Line, p.Col = max(de.Line, 1), max(de.Column, 1)
	} else {
		p.Message = strings.TrimPrefix(strings.TrimPrefix(p.Message, path), ": ")
	}
	return p
}

var postmortemKey = pattern(`(?m)^(timeline|summary|impact|action_items)\s*:`)

func looksLikePostmortem(src []byte) bool { return postmortemKey().Match(src) }

// edits returns a finding's fix as line edits, and whether --fix would
// make it: the fix applied alone must leave the document's meaning (its
// fields and resolved times) as it was, the test FixSource applies.
func (a *analysis) edits(p problem) ([]lineEdit, bool) {
	f := p.finding
	if f.Fix == nil || a.in == nil {
		return nil, false
	}
	fixed, n := lint.Apply(a.src, []lint.Finding{f})
	if n == 0 {
		return nil, false
	}
	in2, err := lint.Load(a.path, fixed, a.settings)
	if err != nil || !lint.SameMeaning(a.in, in2) {
		return nil, false
	}
	var out []lineEdit
	for _, e := range f.Fix.Edits {
		out = append(out, lineEdit{Line: e.Line, EndLine: e.EndLine, Text: e.Text})
	}
	return out, true
}

// fixAll is the text after `postmortem lint --fix`, and whether it
// differs from the current text.
func (a *analysis) fixAll() (string, bool) {
	if a.in == nil {
		return "", false
	}
	fixed, _, err := linter().FixSource(a.path, a.src, a.settings)
	if err != nil || string(fixed) == string(a.src) {
		return "", false
	}
	return string(fixed), true
}

// timeFact is one timeline entry's time: where it is written, and what
// it means.
type timeFact struct {
	Entry        int // zero-based index in the timeline
	Line         int // one-based
	Col, EndCol  int // one-based runes; EndCol is the first column after it
	Written      string
	Event        string
	Instant      time.Time // zero when the time could not be read
	WrittenInUTC bool
	Milestone    string
	// MilestoneLine is where a YAML document names the milestone (0
	// when it does not, or in Markdown, where milestones are inferred).
	MilestoneLine int
}

// timeline is what the server shows about the times of a document.
type timeline struct {
	Times    []timeFact
	Zone     string         // the report's zone: "UTC", "MST", "America/Denver"
	Date     time.Time      // the report's date (of its first time); zero if unknown
	Location *time.Location // nil for UTC
	// ImpactStart and ImpactEnd are zero when unknown.
	ImpactStart, ImpactEnd time.Time
	// ImpactStartExplicit is true when the document states impact.start
	// rather than taking it from the started milestone.
	ImpactStartExplicit bool
	Metrics             []metricFact
	Milestones          map[string]bool
}

// metricFact is one computed metric and the milestones that bound it.
type metricFact struct {
	Name     string
	From, To []string       // milestones that start or end it
	Value    *time.Duration // nil when a milestone is missing
}

// metricBounds names, for each of document.MetricDefinitions, the
// milestones that start and end it, as Resolved.Metrics computes them
// (impact ends at resolved, else at mitigated). A test keeps the two in
// step.
var metricBounds = map[string][2][]string{
	"impact":              {{"started"}, {"resolved", "mitigated"}},
	"time_to_detect":      {{"started"}, {"detected"}},
	"time_to_acknowledge": {{"detected"}, {"acknowledged"}},
	"time_to_mitigate":    {{"started"}, {"mitigated"}},
	"time_to_resolve":     {{"started"}, {"resolved"}},
}

// timeline resolves the document's times (once per version; the linter
// already did it).
func (a *analysis) timeline() *timeline {
	if a.in == nil || a.in.Resolved == nil {
		return &timeline{}
	}
	doc, r := a.in.Doc, a.in.Resolved
	tl := &timeline{Zone: r.Zone.Name, Date: r.Date, ImpactStart: r.ImpactStart, ImpactEnd: r.ImpactEnd,
		ImpactStartExplicit: doc.Impact.Start != "", Milestones: map[string]bool{}}
	if !r.Zone.IsUTC() {
		tl.Location = r.Zone.Location
	}
	for m := range r.Milestones {
		tl.Milestones[m] = true
	}
	ms := r.Metrics()
	for _, def := range document.MetricDefinitions {
		b := metricBounds[def.Key]
		tl.Metrics = append(tl.Metrics, metricFact{Name: def.Name, From: b[0], To: b[1], Value: def.Value(ms)})
	}
	starts := map[int]struct{ line, col int }{}
	if a.in.Report != nil {
		for _, e := range a.in.Report.Entries {
			starts[e.Index] = struct{ line, col int }{e.Line, e.Col}
		}
	}
	for i, ev := range doc.Timeline {
		if ev.Time == "" {
			continue
		}
		tf := timeFact{Entry: i, Event: ev.Event, Milestone: ev.Milestone}
		if i < len(r.Times) {
			tf.Instant = r.Times[i]
		}
		written := ev.RawTime
		if written == "" {
			written = ev.Time
		}
		tf.Written = written
		pos, ok := starts[i]
		if !ok {
			p := doc.Source.Pos("timeline." + strconv.Itoa(i) + ".time")
			pos = struct{ line, col int }{p.Line, p.Column}
		}
		tf.Line = max(pos.line, 1)
		tf.Col, tf.EndCol = a.locate(tf.Line, max(pos.col, 1), written)
		// Markdown keeps the time as written in RawTime and the
		// resolved one in Time; a YAML document has only Time.
		if st, err := timeparse.Scan(written); err == nil && st.Zone != nil {
			tf.WrittenInUTC = st.Zone.IsUTC()
		} else {
			tf.WrittenInUTC = r.Zone.IsUTC()
		}
		if a.in.Report == nil && ev.Milestone != "" {
			if p, ok := doc.Source.Positions["timeline."+strconv.Itoa(i)+".milestone"]; ok {
				tf.MilestoneLine = p.Line
			}
		}
		tl.Times = append(tl.Times, tf)
	}
	return tl
}

// locate finds the written time on its line at or after col: its first
// column and the column after it; the rest of the line when it is not
// written there as such.
func (a *analysis) locate(line, col int, written string) (int, int) {
	l := a.in.Line(line)
	start := 0
	for c := 1; c < col && start < len(l); c++ {
		_, size := utf8.DecodeRuneInString(l[start:])
		start += size
	}
	if i := strings.Index(l[start:], written); written != "" && i >= 0 {
		from := start + i
		to := from + len(written)
		// The emphasis that closes "_19:34_", or the quote of a YAML
		// value, belongs to the time.
		for to < len(l) && strings.IndexByte("_*`\"'", l[to]) >= 0 {
			to++
		}
		return utf8.RuneCountInString(l[:from]) + 1, utf8.RuneCountInString(l[:to]) + 1
	}
	return col, utf8.RuneCountInString(l) + 1
}

// sectionFact is one section for the outline: a Markdown heading (or
// label line), or a top-level key of a YAML document.
type sectionFact struct {
	Name    string
	Kinds   []string
	Level   int // heading level; 0 for a label line or a YAML key
	Title   bool
	Line    int // one-based
	Col     int
	EndLine int
}

// sections lists the sections in source order.
func (a *analysis) sections() []sectionFact {
	if a.in == nil {
		return nil
	}
	last := max(a.in.LineCount(), 1)
	var out []sectionFact
	if rep := a.in.Report; rep != nil {
		if t := rep.Title; t != nil {
			out = append(out, sectionFact{Name: t.Text, Level: t.Level, Title: true, Line: t.Line, Col: t.Col, EndLine: t.Line})
		}
		for _, s := range rep.Sections {
			out = append(out, sectionFact{Name: s.Heading, Kinds: s.Kinds, Level: s.Level, Line: s.Line, Col: s.Col, EndLine: max(s.BodyEnd, s.Line)})
		}
		return out
	}
	for key, p := range a.in.Doc.Source.Positions {
		if !strings.Contains(key, ".") && p.Line > 0 {
			out = append(out, sectionFact{Name: key, Kinds: []string{key}, Line: p.Line, Col: 1})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	for i := range out {
		out[i].EndLine = last
		if i+1 < len(out) {
			out[i].EndLine = max(out[i+1].Line-1, out[i].Line)
		}
	}
	return out
}

// vocabulary is what completion offers.
type vocabulary struct {
	Milestones, Severities, Statuses, ActionStatuses []string
	// Template names the configured template the headings come from.
	Template string
	// Headings are the configured template's sections, in template
	// order, with their heading levels.
	Headings []heading
}

type heading struct {
	Kind, Text string
	Level      int
}

func (a *analysis) vocabulary() vocabulary {
	v := vocabulary{Milestones: document.Milestones, Severities: interview.Severities, Statuses: document.Statuses, ActionStatuses: document.ActionStatuses}
	s := a.settings
	if s == nil {
		s = lint.DefaultSettings()
	}
	v.Template = s.Template
	for _, kind := range lint.SectionKinds {
		level := s.Levels[kind]
		if level == 0 {
			level = s.Levels["other"]
		}
		v.Headings = append(v.Headings, heading{Kind: kind, Text: lint.KindTitle(kind), Level: max(level, 1)})
	}
	return v
}

// configs finds the nearest .postmortem.yaml of each file, as `postmortem
// lint` does, and forgets what it read when told a configuration changed.
type configs struct {
	finder *config.Finder
}

func newConfigs() *configs { return &configs{finder: &config.Finder{}} }

// configProblem is a configuration that could not be read: the file, the
// line (0 when unknown) and what is wrong.
type configProblem struct {
	Path    string
	Line    int
	Message string
}

// settingsFor returns the settings for a file. A broken configuration
// gives the default settings and the problem, so that the file is still
// checked.
func (c *configs) settingsFor(path string) (*lint.Settings, *configProblem) {
	if path == "" {
		return config.Default().Settings(), nil
	}
	cfg, err := c.finder.For(path)
	if err == nil {
		return cfg.Settings(), nil
	}
	return config.Default().Settings(), locateConfigProblem(filepath.Dir(path), err)
}

// isConfig reports whether a path is a configuration file.
func isConfig(path string) bool { return filepath.Base(path) == config.FileName }

var configLine = pattern(`^:(\d+): `)

// locateConfigProblem names the broken file and the line its error is
// on: the nearest configuration above dir, read again by its full path
// so that the message can be taken apart.
func locateConfigProblem(dir string, err error) *configProblem {
	p := &configProblem{Message: err.Error()}
	for d := dir; ; d = filepath.Dir(d) {
		cand := filepath.Join(d, config.FileName)
		if _, statErr := os.Stat(cand); statErr == nil {
			p.Path = cand
			break
		}
		if filepath.Dir(d) == d {
			return p
		}
	}
	if _, lerr := config.Load(p.Path); lerr != nil {
		msg := strings.TrimPrefix(lerr.Error(), p.Path)
		if m := configLine().FindStringSubmatch(msg); m != nil {
			p.Line, _ = strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
		}
		p.Message = strings.TrimPrefix(msg, ": ")
	}
	return p
}

// formatDuration writes a duration as reports state it: "13 minutes".
func formatDuration(d time.Duration) string { return timeparse.FormatDuration(d) }

// ruleIDs lists every rule ID, for the documentation links.
func ruleIDs() []string { return slices.Clone(rules.IDs()) }
