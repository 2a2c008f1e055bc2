package rules

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// BlamefulLanguage reports wording that blames people rather than
// describing what the system allowed. Off by default: teams opt in.
type BlamefulLanguage struct{}

func (BlamefulLanguage) Doc() lint.Doc {
	return lint.Doc{
		ID:       "blameful-language",
		Severity: lint.Warning,
		Disabled: true,
		Summary:  `blame words, "human error", or a person named as the cause (off by default)`,
		Rationale: `Blameless postmortems find the conditions that let a mistake through; "human error"
ends the analysis where it should start, and naming someone as the cause teaches
everyone to hide the next mistake. The checks are word lists and a pattern for a
capitalised name followed by "caused", "broke" or "forgot"; they will sometimes be
wrong, which is why the rule is off by default. Enable it in .postmortem.yaml
(rules: {blameful-language: warning}) or with --enable blameful-language.`,
		Bad:  "Human error: Bob forgot to renew the certificate.",
		Good: "The certificate expired because renewal was manual and nothing alerted before expiry.",
	}
}

type blamePattern struct {
	re  *regexp.Regexp
	why string
}

// blamePatterns are compiled on first use.
var blamePatterns = sync.OnceValue(func() []blamePattern {
	return []blamePattern{
		{regexp.MustCompile(`(?i)\b(human|operator|user|engineer|developer|pilot) error\b`), "names a person's error as a cause; describe what allowed it"},
		{regexp.MustCompile(`(?i)\b(to blame|blame[sd]?|blaming|at fault|fault of|(?:his|her|their) fault|careless(?:ly|ness)?|negligen(?:t|ce)|incompeten(?:t|ce)|sloppy|lazy|stupid|dumb mistake|should have known)\b`), "blames a person; describe the conditions instead"},
		{regexp.MustCompile(`\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) (caused|broke|forgot|neglected|failed to|messed up|screwed up)\b`), "names a person as the cause; describe what the system allowed"},
	}
})

// notNames are capitalised words that start sentences, not names.
var notNames = map[string]bool{"This": true, "That": true, "It": true, "The": true, "Which": true, "What": true, "A": true, "An": true, "We": true, "Team": true, "Nobody": true, "Someone": true, "He": true, "She": true, "They": true, "Who": true, "There": true}

func (BlamefulLanguage) Check(in *lint.Input, emit func(lint.Finding)) {
	for _, p := range proseOf(in) {
		for k, bp := range blamePatterns() {
			for _, m := range bp.re.FindAllStringSubmatchIndex(p.Text, -1) {
				if len(m) >= 4 && m[2] >= 0 && k == 2 {
					first := strings.Fields(p.Text[m[2]:m[3]])[0]
					if notNames[first] || isSystemWord(p.Text[m[2]:m[3]]) {
						continue
					}
				}
				emit(lint.Finding{Line: p.Line, Column: p.Col + col(p.Text, m[0]) - 1,
					Message: fmt.Sprintf("%q %s", p.Text[m[0]:m[1]], bp.why)})
			}
		}
	}
}

// isSystemWord tells "Kubernetes broke" (a system) from "Bob broke" only
// by a short list; everything else capitalised reads as a name.
func isSystemWord(s string) bool {
	l := strings.ToLower(s)
	for _, w := range []string{"grafana", "kubernetes", "chaos", "factory", "service", "deploy", "database", "server", "pizza", "jwt", "aws", "alert", "pipeline", "update", "upgrade", "change", "test", "bug", "config"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}
