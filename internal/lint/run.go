package lint

import (
	"bytes"
	"errors"

	"github.com/postmortem-cli/postmortem/internal/discover"
	"github.com/postmortem-cli/postmortem/internal/document"
)

// Linter runs a fixed list of rules.
type Linter struct {
	// Rules are the rules New was given, in order; read-only.
	Rules []Rule
	// docs are the rules' Docs, read once: Check runs every rule on
	// every file, and a Doc is a dozen strings to copy.
	docs  []Doc
	known map[string]bool
}

// New returns a linter for the rules, in the order given.
func New(rules []Rule) *Linter {
	l := &Linter{Rules: rules, known: map[string]bool{UnusedSuppression.ID: true}}
	for _, r := range rules {
		d := r.Doc()
		l.docs = append(l.docs, d)
		l.known[d.ID] = true
	}
	return l
}

// Known reports whether id names a rule of this linter.
func (l *Linter) Known(id string) bool { return l.known[id] }

// Check runs every enabled rule on one input, drops suppressed findings,
// reports unused suppressions, and returns the findings in order.
func (l *Linter) Check(in *Input) []Finding {
	if in.NotPostmortem != "" {
		return nil
	}
	var out []Finding
	// One emit function for all the rules, told which rule is running,
	// rather than a closure allocated per rule per file.
	var id string
	var sev Severity
	emit := func(f Finding) {
		f.Rule, f.Severity, f.Path = id, sev, in.Path
		f.Line, f.Column = max(f.Line, 1), max(f.Column, 1)
		f.Fixable = f.Fix != nil
		out = append(out, f)
	}
	for i, r := range l.Rules {
		d := &l.docs[i]
		if sev = in.Settings.SeverityOf(*d); sev == Off {
			continue
		}
		id = d.ID
		r.Check(in, emit)
	}
	if in.IsMarkdown() {
		out = suppress(in, out, l.Known, in.Settings.SeverityOf(UnusedSuppression))
	}
	Sort(out)
	return out
}

// Result is one file's outcome.
type Result struct {
	Path     string
	Findings []Finding
	// Err is set when the file could not be linted at all (unreadable,
	// binary, not a document); Findings is then empty.
	Err error
	// Original and Fixed are the file's text before and after --fix;
	// both nil unless fixing changed something.
	Original, Fixed []byte
	// Template is the template the file was judged against, nil when it
	// could not be read.
	Template *Template
	// Skipped says why the file was not judged ("not a postmortem: ..."),
	// "" when it was.
	Skipped string
}

// Options control a run over many files.
type Options struct {
	// Settings returns the settings for a file (from the nearest
	// configuration); an error is reported as the file's Err.
	Settings func(path string) (*Settings, error)
	// Fix applies mechanical fixes and reports what is left.
	Fix bool
	// Workers bounds parallelism; 0 means GOMAXPROCS.
	Workers int
	// Read loads a file (os.ReadFile when nil); tests replace it.
	Read func(path string) ([]byte, error)
}

// Run lints files in parallel, at most Workers at a time, and calls emit
// for each file in the order given. Only a small window of results waits
// out of order, so memory stays bounded however many files there are.
func (l *Linter) Run(paths []string, opt Options, emit func(Result)) {
	discover.Each(len(paths), opt.Workers, func(i int) Result {
		return l.runFile(paths[i], opt)
	}, func(_ int, r Result) { emit(r) })
}

// ErrInternal marks a file the linter itself failed on: a bug, not the
// file's fault (exit code 3).
var ErrInternal = discover.ErrInternal

func (l *Linter) runFile(path string, opt Options) (res Result) {
	// A bug in one rule must not stop CI with a stack trace and no word
	// on the other files: the file gets an error naming the bug, and the
	// run goes on.
	defer func() {
		if p := recover(); p != nil {
			res = Result{Path: path, Err: discover.InternalError(path, p)}
		}
	}()
	res = Result{Path: path}
	settings := DefaultSettings()
	if opt.Settings != nil {
		s, err := opt.Settings(path)
		if err != nil {
			res.Err = err
			return res
		}
		settings = s
	}
	read := opt.Read
	if read == nil {
		read = readFile
	}
	src, err := read(path)
	if err != nil {
		res.Err = err
		return res
	}
	if !opt.Fix {
		in, err := Load(path, src, settings)
		if err != nil {
			res.Err = err
			return res
		}
		res.Findings = l.Check(in)
		res.Template, res.Skipped = templateOf(in), in.NotPostmortem
		return res
	}
	fixed, fs, in, err := l.fixSource(path, src, settings)
	if err != nil {
		res.Err = err
		return res
	}
	res.Findings = fs
	res.Template, res.Skipped = templateOf(in), in.NotPostmortem
	if !bytes.Equal(fixed, src) {
		res.Original, res.Fixed = src, fixed
	}
	return res
}

// templateOf is the template a file was judged against; nil for a file
// that was not judged.
func templateOf(in *Input) *Template {
	if in.NotPostmortem != "" {
		return nil
	}
	return &in.Template
}

// Load reads a Markdown report or a YAML/JSON document into an Input.
func Load(path string, src []byte, s *Settings) (*Input, error) {
	f := discover.Parse(path, src)
	if errors.Is(f.Err, document.ErrNotADocument) {
		// some other YAML or JSON file among the postmortems: not judged
		doc := &document.Document{Source: &document.Source{Name: path}}
		return &Input{Path: path, Source: src, Doc: doc, Settings: s, NotPostmortem: f.NotPostmortem()}, nil
	}
	if f.Err != nil {
		return nil, f.Err
	}
	if f.Doc == nil {
		f.Doc = &document.Document{Source: &document.Source{Name: path}}
	}
	return NewInput(path, src, f.Report, f.Doc, s), nil
}
