package rules

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// RelatedLink reports `related` entries that name no postmortem: a path
// to a file that is not there, a file name no postmortem has, or text
// that is no name at all. The runner supplies the resolver through
// lint.Settings.Catalogue; without one only the form is checked.
type RelatedLink struct{}

func (RelatedLink) Doc() lint.Doc {
	return lint.Doc{
		ID:       "related-link",
		Severity: lint.Warning,
		Summary:  "a related incident does not resolve to another postmortem",
		Rationale: `A link to the earlier incident is how a reader learns that this has happened before; a
link that leads nowhere (a renamed file, a typo) loses that. An entry is a path relative to the
report, a postmortem's file name without its extension, or a URL (not checked: no network).`,
		Bad:  "**Related:** 2024-11-02-checkout-timeout",
		Good: "**Related:** 2024-11-02-checkout-timeouts",
	}
}

func (RelatedLink) Check(in *lint.Input, emit func(lint.Finding)) {
	if len(in.Doc.Related) == 0 {
		return
	}
	self := stem(in.Path)
	resolve := in.Settings.Catalogue.ResolveRelated
	for i, entry := range in.Doc.Related {
		e := strings.TrimSpace(entry)
		if e == "" || strings.Contains(e, "://") {
			continue // empty: validation says so; URLs are not fetched
		}
		problem := ""
		switch {
		case strings.ContainsAny(e, " \t"):
			problem = "is not a path, a postmortem's file name or a URL"
		case self != "" && (e == self || path.Base(e) == path.Base(in.Path)):
			problem = "names this postmortem itself"
		case resolve != nil:
			problem = resolve(in.Path, e)
		}
		if problem != "" {
			l, c := in.Pos("related." + strconv.Itoa(i))
			emit(lint.Finding{Line: l, Column: c, Message: fmt.Sprintf("related entry %q %s", e, problem)})
		}
	}
}

// stem is a file name without folder and extension: the ID a related
// entry may use.
func stem(p string) string {
	b := path.Base(strings.ReplaceAll(p, "\\", "/"))
	if i := strings.LastIndexByte(b, '.'); i > 0 {
		b = b[:i]
	}
	return b
}
