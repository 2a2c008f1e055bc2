package markdown

import (
	"strings"

	"github.com/postmortem-cli/postmortem/internal/fold"
)

// incidentWords are words a postmortem's prose uses and a folder's
// other documents (a list of sources, notes) rarely do.
var incidentWords = []string{"outage", "incident", "downtime", "went down", "was down", "unavailable", "degraded",
	"root cause", "mitigat", "rolled back", "rollback", "on-call", "on call", "paged", "alert", "impact",
	"customers", "resolved", "failure", "failed", "errors"}

// NotPostmortem says why the file is not a postmortem, "" when it may be
// one: a file with no timeline entry, no section a postmortem has and
// fewer than two incident words in its prose (tables and indented code
// aside) is some other document that sits among postmortems, such as a
// list of sources. Lint does not judge it and stats does not count it.
func (r *Report) NotPostmortem() string {
	if len(r.Entries) > 0 {
		return ""
	}
	for _, s := range r.Sections {
		if len(s.Kinds) > 0 {
			return ""
		}
	}
	raw := strings.Split(r.Text, "\n")
	found := map[string]bool{}
	for n, l := range r.Lines {
		if n < len(raw) && (strings.HasPrefix(strings.TrimSpace(raw[n]), "|") || strings.HasPrefix(raw[n], "    ") || strings.HasPrefix(raw[n], "\t")) {
			continue
		}
		for _, w := range incidentWords {
			if !found[w] && fold.Contains(l.Text, w) {
				found[w] = true
				if len(found) >= 2 {
					return ""
				}
			}
		}
	}
	return "not a postmortem: no timeline, no section a postmortem has, no incident words"
}
