package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/vocabulary"
)

// UnknownTerm reports catalogue values that are not in the vocabulary:
// a service, contributing factor or trigger spelled some other way than
// the repository's lists, which would count one cause under two names.
// It reads only the document and lint.Settings.Catalogue, so it works
// the same on Markdown and YAML.
type UnknownTerm struct{}

func (UnknownTerm) Doc() lint.Doc {
	return lint.Doc{
		ID:       "unknown-term",
		Severity: lint.Warning,
		Summary:  "a service, trigger or contributing factor is not in the vocabulary",
		Rationale: `Trends across postmortems ("which factor keeps coming back?") only count right when every
report names a cause the same way. Services are checked against vocabulary.services when the
configuration lists them; factors against vocabulary.factors, else the built-in list; a trigger
that looks like a term (one word, or a near miss of one) against vocabulary.triggers, else the
built-in list, while a trigger written as a phrase is accepted. Aliases count as the term.`,
		Bad:    "**Contributing factors:** monitorng-gap (no alert on payment latency)",
		Good:   "**Contributing factors:** monitoring-gap (no alert on payment latency)",
		Config: "vocabulary.services, vocabulary.triggers, vocabulary.factors",
	}
}

func (UnknownTerm) Check(in *lint.Input, emit func(lint.Finding)) {
	doc := in.Doc
	if len(doc.Services) == 0 && len(doc.ContributingFactors) == 0 && doc.Trigger == "" {
		return // most reports: nothing to look up
	}
	words := in.Settings.Catalogue.Words()
	report := func(path, what, value, kind string, list *vocabulary.List) {
		l, c := in.Pos(path)
		msg := fmt.Sprintf("%s %q is not in the vocabulary", what, value)
		if s := list.Suggest(value); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		if list.Builtin {
			msg += fmt.Sprintf("; use a built-in term, or list your own under vocabulary.%s in .postmortem.yaml ('postmortem help vocabulary')", kind)
		} else {
			msg += fmt.Sprintf("; use a term of vocabulary.%s in .postmortem.yaml, or add it there", kind)
		}
		emit(lint.Finding{Line: l, Column: c, Message: msg})
	}
	if list := words.Services; list.Len() > 0 {
		for i, s := range doc.Services {
			if strings.TrimSpace(s) != "" {
				if _, ok := list.Lookup(s); !ok {
					report("services."+strconv.Itoa(i), "service", s, vocabulary.Services, list)
				}
			}
		}
	}
	if list := words.Factors; list.Len() > 0 {
		for i, f := range doc.ContributingFactors {
			if strings.TrimSpace(f.Term) != "" {
				if _, ok := list.Lookup(f.Term); !ok {
					report("contributing_factors."+strconv.Itoa(i), "contributing factor", f.Term, vocabulary.Factors, list)
				}
			}
		}
	}
	if list := words.Triggers; list.Len() > 0 && termLike(doc.Trigger, list) {
		if _, ok := list.Lookup(doc.Trigger); !ok {
			report("trigger", "trigger", doc.Trigger, vocabulary.Triggers, list)
		}
	}
}

// termLike tells a trigger meant as a term ("config-psuh", "Config Push")
// from one written as a phrase ("a cron job deleted the cache"): a single
// word, or a spelling within a few edits of a term.
func termLike(trigger string, list *vocabulary.List) bool {
	t := strings.TrimSpace(trigger)
	if t == "" {
		return false
	}
	return !strings.ContainsAny(t, " \t") || list.Suggest(t) != ""
}
