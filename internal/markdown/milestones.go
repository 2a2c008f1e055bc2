package markdown

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/fold"
)

// Milestones are inferred from wording, conservatively: the first entry
// whose text clearly says so, in the order incidents happen, and only
// where the entry's time keeps the milestones in order. A report whose
// timeline already names milestones (a table with a Milestone column) is
// left as written.

// milestone is a pattern for the words that say an entry is one,
// written in lower case and matched against the entry's text folded
// (fold.String); any is its cheap test: the pattern cannot match a text
// holding none of these words.
type milestone struct {
	name    string
	any     []string
	pattern string
}

var milestoneWords = []milestone{
	{"started", []string{"first", "impact", "began", "begins", "started", "starts", "outage", "incident", "chaos"},
		`\b(first (known )?(user |customer )?(impact|failures?|failed \w+|errors?|timeouts?)\b|impact (began|begins|started|starts)|(began|begins|started|starts) (returning|failing|to fail|throwing|timing out|to return)|outage (began|begins|started|starts)|incident (began|begins|started|starts)|chaos (test |event )?(began|begins|started|starts|initiated|triggered))`},
	{"detected", []string{"alert", "paged", "page", "alarm"},
		`\b(alerts? (was |were )?(fired|fires|triggered|triggers|firing|went off|sent)|(was|were|team|engineer|on-call|oncall|i|we) paged\b|page (was )?(sent|received)|alarm (fired|triggered)|alert(ed)? (by|from) grafana)`},
	{"acknowledged", []string{"acknowledg", "start", "began", "begins", "came online", "responded"},
		`\b(acknowledg\w*|(begins|began|starts|started|start) (investigating|to investigate|looking into|(an |the )?investigation)|came online|responded to (the )?(page|alert))`},
	{"mitigated", []string{"mitigat", "restored", "recovered", "normal"},
		`\b(mitigat(ed|es|ion applied)|restored\b|(service|system|traffic|orders?|pizzas?) (is |are |was |were )?recovered|back to normal|(producing|working|functioning|operating) (\w+ )?normally|recovered)`},
	{"resolved", []string{"resolved", "closed", "over", "ended", "ends"},
		`(^|[^\w])(incident|issue|outage|problem|it) (is |was |has been |marked )?(fully )?(resolved|closed|over)\b|\bincident (ends|ended)\b|\bresolved$|^resolved\b`},
}

// milestonePatterns are milestoneWords' patterns, compiled on first use.
var milestonePatterns = sync.OnceValue(func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(milestoneWords))
	for k, m := range milestoneWords {
		out[k] = regexp.MustCompile(m.pattern)
	}
	return out
})

// says reports whether folded text says milestone k.
func says(k int, text string) bool {
	if !slices.ContainsFunc(milestoneWords[k].any, func(w string) bool { return strings.Contains(text, w) }) {
		return false
	}
	return milestonePatterns()[k].MatchString(text)
}

// inferMilestones marks the entries whose words say they are milestones;
// r is the document resolved, for the entries' times.
func inferMilestones(doc *document.Document, r *document.Resolved) {
	texts := make([]string, len(doc.Timeline))
	for i, ev := range doc.Timeline {
		texts[i] = fold.String(strings.TrimRight(ev.Event, ". "))
	}
	// first is the first entry, not yet taken, that says milestone k.
	first := func(k int, taken []int) int {
		for i := range doc.Timeline {
			if !slices.Contains(taken, i) && !r.Times[i].IsZero() && says(k, texts[i]) {
				return i
			}
		}
		return -1
	}
	// The ends matter most to the metrics: "resolved" and "started" choose
	// first, so that "back to normal; incident resolved" is the resolution
	// rather than the mitigation.
	chosen := make([]int, len(milestoneWords))
	var taken []int
	for _, name := range []string{"resolved", "started", "detected", "acknowledged", "mitigated"} {
		k := slices.IndexFunc(milestoneWords, func(m milestone) bool { return m.name == name })
		chosen[k] = first(k, taken)
		if chosen[k] >= 0 {
			taken = append(taken, chosen[k])
		}
	}
	// Keep them only in the order incidents happen.
	var last time.Time
	for k, m := range milestoneWords {
		i := chosen[k]
		if i < 0 || r.Times[i].Before(last) {
			continue // none, or it would put milestones out of order
		}
		doc.Timeline[i].Milestone = m.name
		last = r.Times[i]
	}
}
