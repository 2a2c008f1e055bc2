package markdown

import (
	"fmt"
	"testing"
)

// TestMilestoneWords: an entry's words name its milestone, and words
// that deny, ask or plan it do not. Each case is a timeline of one
// entry between two that say nothing.
func TestMilestoneWords(t *testing.T) {
	for text, want := range map[string]string{
		"5xx errors start":                                              "started",
		"Latency increase begins":                                       "started",
		"first login errors in Sentry":                                  "started",
		"Datadog pages the on-call":                                     "detected",
		`Alert "DB CPU high" fires`:                                     "detected",
		"docbrown receives pager storm":                                 "detected",
		"Ana acknowledges":                                              "acknowledged",
		"We are currently investigating this issue.":                    "acknowledged",
		"A fix has been implemented and we are monitoring the results.": "resolved", // the only recovery (rule 5)
		"Rollback deployed":                                             "resolved", // the only recovery ends it (rule 5)
		"rolled back":                                                   "resolved",
		"incident resolved":                                             "resolved",
		"no errors were detected":                                       "",
		"we asked if the incident is over or not":                       "",
		"a patch should be released":                                    "",
		"a fix is being implemented":                                    "",
	} {
		src := fmt.Sprintf("# Outage 2024-05-01\n\n## Timeline\n\nAll times are UTC.\n\n- 10:00 - nothing yet\n- 10:05 - %s\n- 10:10 - a note\n", text)
		rep, err := Import("m.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if got := rep.Doc.Timeline[1].Milestone; got != want {
			t.Errorf("%q: milestone %q, want %q", text, got, want)
		}
	}
}
