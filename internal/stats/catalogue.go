package stats

import (
	"slices"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/vocabulary"
)

// catalogueGroupings group by a catalogue key: an incident falls in a
// group for each service, factor or tag it names, so groups overlap and
// their counts add up to more than the total.
var catalogueGroupings = []string{"service", "trigger", "factor", "tag"}

// Overlapping reports whether a grouping can put one incident in several
// groups.
func Overlapping(by string) bool { return by == "service" || by == "factor" || by == "tag" }

// GroupKeys are the groups an incident falls in. Catalogue values are
// counted under their vocabulary name, so "Config Push" and an alias of
// config-push count together; a value the vocabulary does not know is
// kept as written (compared without regard to case). An incident without
// a value is in NoSeverity's "(none)" group.
func GroupKeys(in Incident, by string, words *vocabulary.Vocabulary) []string {
	var vals []string
	var list *vocabulary.List
	switch by {
	case "service":
		vals, list = in.Doc.Services, words.List(vocabulary.Services)
	case "trigger":
		if t := strings.TrimSpace(in.Doc.Trigger); t != "" {
			vals = []string{t}
		}
		list = words.List(vocabulary.Triggers)
	case "factor":
		for _, f := range in.Doc.ContributingFactors {
			vals = append(vals, f.Term)
		}
		list = words.List(vocabulary.Factors)
	case "tag":
		vals = in.Doc.Tags
	default:
		return []string{GroupKey(in, by)}
	}
	var keys []string
	for _, v := range vals {
		k := strings.TrimSpace(v)
		if t, ok := list.Lookup(k); ok {
			k = t.Name
		}
		if k != "" && !slices.ContainsFunc(keys, func(s string) bool { return strings.EqualFold(s, k) }) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return []string{NoSeverity}
	}
	return keys
}
