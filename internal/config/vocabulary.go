package config

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/postmortem-cli/postmortem/internal/vocabulary"
)

// VocabularyConfig is the vocabulary: block. A list left out keeps its
// default (no service list; the built-in triggers and factors); an empty
// list (`triggers: []`) turns that vocabulary off, accepting any value.
type VocabularyConfig struct {
	Services *[]TermSpec `yaml:"services"`
	Triggers *[]TermSpec `yaml:"triggers"`
	Factors  *[]TermSpec `yaml:"factors"`
}

// TermSpec is one term as configured: a bare name, or a mapping with
// name, description and aliases.
type TermSpec struct {
	vocabulary.Term
}

var termKeys = []string{"name", "description", "aliases"}

// UnmarshalYAML reads `- checkout` or `- {name: checkout, aliases: [cart]}`,
// refusing unknown keys as the rest of the file does.
func (t *TermSpec) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		t.Name = strings.TrimSpace(n.Value)
		return nil
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			switch k.Value {
			case "name":
				t.Name = strings.TrimSpace(v.Value)
			case "description":
				t.Description = strings.TrimSpace(v.Value)
			case "aliases":
				if err := v.Decode(&t.Aliases); err != nil {
					return fmt.Errorf("line %d: aliases: expected a list of names", v.Line)
				}
			default:
				return fmt.Errorf("line %d: unknown key %q in a vocabulary term (known keys: %s)", k.Line, k.Value, strings.Join(termKeys, ", "))
			}
		}
		return nil
	}
	return fmt.Errorf("line %d: a vocabulary term is a name or a mapping with name, description and aliases", n.Line)
}

// build turns the configured lists into the vocabulary the rules, the
// interview and the catalogue commands use.
func (v VocabularyConfig) build() (*vocabulary.Vocabulary, error) {
	out := vocabulary.Default()
	lists := []struct {
		kind string
		spec *[]TermSpec
		dst  **vocabulary.List
	}{{vocabulary.Services, v.Services, &out.Services}, {vocabulary.Triggers, v.Triggers, &out.Triggers}, {vocabulary.Factors, v.Factors, &out.Factors}}
	for _, l := range lists {
		if l.spec == nil {
			continue
		}
		if len(*l.spec) == 0 {
			*l.dst = nil
			continue
		}
		terms := make([]vocabulary.Term, 0, len(*l.spec))
		seen := map[string]string{}
		for i, t := range *l.spec {
			key := vocabulary.Key(t.Name)
			if key == "" {
				return nil, fmt.Errorf("vocabulary.%s[%d]: a term needs a name", l.kind, i)
			}
			for _, sp := range append([]string{t.Name}, t.Aliases...) {
				k := vocabulary.Key(sp)
				if other, dup := seen[k]; dup && k != "" {
					return nil, fmt.Errorf("vocabulary.%s: %q is listed twice (as %q and for %q)", l.kind, sp, other, t.Name)
				}
				seen[k] = t.Name
			}
			terms = append(terms, t.Term)
		}
		*l.dst = vocabulary.NewList(terms)
	}
	return out, nil
}
