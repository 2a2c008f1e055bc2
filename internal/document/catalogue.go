package document

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Factor is one contributing factor: a vocabulary term and, optionally,
// what it was in this incident.
type Factor struct {
	Term string `yaml:"term" json:"term"`
	Note string `yaml:"note,omitempty" json:"note,omitempty"`
}

// UnmarshalYAML accepts the short form, a bare term
// (`- monitoring-gap`), beside the mapping {term, note}.
func (f *Factor) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		f.Term, f.Note = n.Value, ""
		return nil
	}
	type plain Factor // without this method: no recursion
	return n.Decode((*plain)(f))
}

// FactorTerms are the terms of a list of factors, in order.
func FactorTerms(fs []Factor) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Term
	}
	return out
}

// FormatFactors writes factors on one line the way reports and the
// interview write them: "change (pushed without a canary), monitoring-gap".
// ParseFactors reads it back.
func FormatFactors(fs []Factor) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.Term
		if note := strings.TrimSpace(f.Note); note != "" {
			parts[i] += " (" + note + ")"
		}
	}
	return strings.Join(parts, ", ")
}

// ParseFactors reads "term (note), term: note, term" into factors:
// commas inside parentheses belong to the note, and "term: note" or
// "term - note" are read like "term (note)".
func ParseFactors(s string) []Factor {
	var out []Factor
	for _, part := range SplitOutsideParens(s, ',') {
		if f, ok := ParseFactor(part); ok {
			out = append(out, f)
		}
	}
	return out
}

// ParseFactor reads one "term (note)", "term: note" or "term — note".
func ParseFactor(s string) (Factor, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Factor{}, false
	}
	if strings.HasSuffix(s, ")") {
		if i := matchingOpen(s); i > 0 {
			return Factor{Term: strings.TrimSpace(s[:i]), Note: strings.TrimSpace(s[i+1 : len(s)-1])}, true
		}
	}
	for _, sep := range []string{": ", " — ", " – ", " - "} {
		if i := strings.Index(s, sep); i > 0 {
			return Factor{Term: strings.TrimSpace(s[:i]), Note: strings.TrimSpace(s[i+len(sep):])}, true
		}
	}
	return Factor{Term: s}, true
}

// matchingOpen is the index of the "(" that the final ")" of s closes,
// or -1.
func matchingOpen(s string) int {
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// SplitOutsideParens splits s at sep where no parenthesis is open,
// trimming each part and dropping empty ones.
func SplitOutsideParens(s string, sep byte) []string {
	var out []string
	depth, start := 0, 0
	add := func(p string) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth = max(0, depth-1)
		case sep:
			if depth == 0 {
				add(s[start:i])
				start = i + 1
			}
		}
	}
	add(s[start:])
	return out
}

// validateCatalogue checks the catalogue keys' form; whether a term is
// in the vocabulary is the linter's business (unknown-term), since the
// vocabulary is configuration.
func validateCatalogue(doc *Document, add func(path, format string, args ...any)) {
	lists := []struct {
		key, noun string
		vals      []string
	}{{"services", "service", doc.Services}, {"tags", "tag", doc.Tags}, {"related", "related entry", doc.Related}}
	for _, l := range lists {
		seen := map[string]int{}
		for i, v := range l.vals {
			p := fmt.Sprintf("%s.%d", l.key, i)
			k := strings.ToLower(strings.TrimSpace(v))
			if k == "" {
				add(p, "%s %d is empty", l.noun, i+1)
				continue
			}
			if j, dup := seen[k]; dup {
				add(p, "%s %q is already listed as %s %d", l.noun, v, l.noun, j+1)
				continue
			}
			seen[k] = i
		}
	}
	if strings.Contains(strings.TrimSpace(doc.Trigger), "\n") {
		add("trigger", "the trigger is one line: a vocabulary term or a short phrase; explain it in root_cause")
	}
	for i, f := range doc.ContributingFactors {
		if strings.TrimSpace(f.Term) == "" {
			add(fmt.Sprintf("contributing_factors.%d", i), "contributing factor %d has no term (write `term: NAME`, with an optional `note`)", i+1)
		}
	}
}
