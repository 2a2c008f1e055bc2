package related

import (
	"fmt"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// CheckDoc describes `related --check`'s one check, for the printers lint
// shares (SARIF lists it as a rule).
var CheckDoc = lint.Doc{
	ID:       "related-unlisted",
	Severity: lint.Warning,
	Summary:  "an earlier incident very like this one is not listed in related",
	Rationale: `When the same cause comes back, the new report should say so: a reader of either report
should find the other, and the action items of the first should be asked about. The score is
BM25 over the root cause, trigger and summary combined with shared services, factors and
trigger (docs/catalogue.md); a match at or above --threshold that related does not list is
reported.`,
	Bad:  "# Checkout payments time out again\n\n**Services:** checkout",
	Good: "# Checkout payments time out again\n\n**Services:** checkout\\\n**Related:** 2024-11-02-checkout-timeouts",
}

// Unlisted is the strongest earlier match of q when it scores at least
// threshold and q's related entries do not name it; ok is false when
// there is nothing to report.
func (c *Catalogue) Unlisted(q Incident, r *Resolver, threshold float64) (m Match, ok bool) {
	for _, m := range c.Similar(q, Options{Limit: 5, MinScore: threshold}) {
		if !r.Lists(q.ID, q.Listed, c.Incidents[m.Index].ID) {
			return m, true
		}
	}
	return Match{}, false
}

// Reason is one piece of a match's evidence: what both incidents share
// ("services", "factors", "trigger") or, for "words", the words of the
// text part that weigh most.
type Reason struct {
	What, Detail string
}

// Reasons are a match's evidence, shared values first.
func (m Match) Reasons() []Reason {
	var out []Reason
	if len(m.Services) > 0 {
		out = append(out, Reason{"services", strings.Join(m.Services, ", ")})
	}
	if len(m.Factors) > 0 {
		out = append(out, Reason{"factors", strings.Join(m.Factors, ", ")})
	}
	if m.Trigger != "" {
		out = append(out, Reason{"trigger", m.Trigger})
	}
	if len(m.Words) > 0 {
		out = append(out, Reason{"words", strings.Join(m.Words, ", ")})
	}
	return out
}

// Evidence says in a line why a match is like the incident.
func Evidence(m Match) string {
	var parts []string
	for _, r := range m.Reasons() {
		if r.What == "words" {
			parts = append(parts, fmt.Sprintf("text %.2f on %s", m.Text, r.Detail))
			continue
		}
		parts = append(parts, r.What+" "+r.Detail)
	}
	return strings.Join(parts, "; ")
}
