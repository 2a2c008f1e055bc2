// Package rules holds the postmortem lint rules, one file each, and the
// explicit list of them (All). Rules read a lint.Input: a Markdown report
// with positions from the importer, or a YAML/JSON document with positions
// from its loader.
package rules

import (
	"regexp"
	"sync"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// All returns every rule in the order the rule reference lists them. The
// list is explicit: adding a rule means adding it here.
func All() []lint.Rule {
	return []lint.Rule{
		RequiredSection{},
		EmptySection{},
		TemplateLeftover{},
		TitleFormat{},
		Timezone{},
		Timestamp{},
		TimelineOrder{},
		TimelineFormat{},
		DurationMismatch{},
		ImpossibleWindow{},
		ActionItemOwner{},
		ActionItemDue{},
		HeadingLevel{},
		Secret{},
		BlamefulLanguage{},
		InvalidValue{},
		UnknownTerm{}, RelatedLink{},
	}
}

// Docs describes every rule, and the unused-suppression check the runner
// performs itself, in reference order.
func Docs() []lint.Doc {
	var ds []lint.Doc
	for _, r := range All() {
		ds = append(ds, r.Doc())
	}
	return append(ds, lint.UnusedSuppression)
}

// IDs lists every rule ID (for configuration checks and shell completion).
func IDs() []string {
	var ids []string
	for _, d := range Docs() {
		ids = append(ids, d.ID)
	}
	return ids
}

// Lookup returns a rule's description by ID.
func Lookup(id string) (lint.Doc, bool) {
	for _, d := range Docs() {
		if d.ID == id {
			return d, true
		}
	}
	return lint.Doc{}, false
}

// pattern compiles a regular expression the first time it is used, so
// that starting the program (postmortem --version) compiles none.
func pattern(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
