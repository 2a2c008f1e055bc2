// Package templates holds the built-in report templates, embedded in the
// binary so that `postmortem render` needs no files beside it.
package templates

import "embed"

// FS holds every built-in template, named NAME.md.tmpl.
//
//go:embed *.md.tmpl
var FS embed.FS
