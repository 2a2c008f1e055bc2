// Package report prints lint results: text for people and logs, JSON for
// scripts, SARIF 2.1.0 for code scanning, and GitHub workflow commands for
// annotations. Every printer receives the files in order as they are
// linted and a summary at the end, so text output streams.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// Printer writes one output format.
type Printer interface {
	// File is called once per linted file, in order. Paths are already
	// relative, with forward slashes.
	File(r lint.Result) error
	// Close writes what is left (a summary, the JSON document).
	Close(s Summary) error
}

// Summary counts a run.
type Summary struct {
	Files    int
	Errors   int // findings at error severity
	Warnings int
	Infos    int
	// Unusable is the number of files that could not be linted.
	Unusable int
	// Fixed is the number of files --fix changed.
	Fixed int
	// FixMode tells the summary line that fixes were written; DiffMode
	// that they were only shown.
	FixMode, DiffMode bool
}

// Findings is the total number of findings.
func (s Summary) Findings() int { return s.Errors + s.Warnings + s.Infos }

// Add counts a file's results.
func (s *Summary) Add(r lint.Result) {
	s.Files++
	if r.Err != nil {
		s.Unusable++
	}
	if r.Fixed != nil {
		s.Fixed++
	}
	for _, f := range r.Findings {
		switch f.Severity {
		case lint.Error:
			s.Errors++
		case lint.Warning:
			s.Warnings++
		case lint.Info:
			s.Infos++
		}
	}
}

// Line is the one-line summary text output ends with.
func (s Summary) Line() string {
	var b strings.Builder
	files := plural(s.Files, "file", "files")
	if s.Findings() == 0 {
		fmt.Fprintf(&b, "no findings in %s", files)
	} else {
		fmt.Fprintf(&b, "%s in %s (%s, %s, %s)", plural(s.Findings(), "finding", "findings"), files,
			plural(s.Errors, "error", "errors"), plural(s.Warnings, "warning", "warnings"), plural(s.Infos, "info", "info"))
	}
	if s.Unusable > 0 {
		fmt.Fprintf(&b, "; %s could not be read", plural(s.Unusable, "file", "files"))
	}
	switch {
	case s.FixMode:
		fmt.Fprintf(&b, "; fixed %s", plural(s.Fixed, "file", "files"))
	case s.DiffMode:
		fmt.Fprintf(&b, " after fixing; --fix would change %s", plural(s.Fixed, "file", "files"))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Formats lists the output formats by name.
var Formats = []string{"text", "json", "sarif", "github"}

// Options carry what some printers need beyond the results.
type Options struct {
	// Version of postmortem, for SARIF's tool.driver.
	Version string
	// Docs describe every rule, for SARIF's rules array.
	Docs []lint.Doc
	// HelpURI is the rule reference; "#rule-id" is appended.
	HelpURI string
	// Color lets the text format use ANSI colours.
	Color bool
}

// New returns the printer for a format name.
func New(format string, w io.Writer, opt Options) (Printer, error) {
	switch format {
	case "text":
		return &Text{W: w, Color: opt.Color}, nil
	case "json":
		return &JSON{W: w}, nil
	case "sarif":
		return &SARIF{W: w, Options: opt}, nil
	case "github":
		return &GitHub{W: w}, nil
	}
	return nil, fmt.Errorf("unknown format %q (formats: %s)", format, strings.Join(Formats, ", "))
}
