package interview

import (
	"fmt"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/vocabulary"
)

// catalogue asks where the incident sits in the catalogue: services,
// trigger, contributing factors, tags and related incidents. Every
// answer is optional; terms come from the repository's vocabulary
// (Session.Vocabulary), offered as completions, and a factor or service
// the vocabulary does not know is refused with the nearest term.
func (s *Session) catalogue() error {
	d := s.Doc
	words := s.Vocabulary
	if words == nil {
		words = vocabulary.Default()
	}
	services, tags, related := strings.Join(d.Services, ", "), strings.Join(d.Tags, ", "), strings.Join(d.Related, ", ")
	factors := document.FormatFactors(d.ContributingFactors)
	var fields []*Field
	if !s.given("services") {
		fields = append(fields, &Field{Key: "services", Title: "Services affected", Kind: kindLine, Value: &services,
			Suggest: words.Services.Names(), Check: termsCheck("service", words.Services, splitList),
			Help: "The services users saw fail, separated by commas" + listed(words.Services) + "."})
	}
	if !s.given("trigger") {
		fields = append(fields, &Field{Key: "trigger", Title: "Trigger", Kind: kindLine, Value: &d.Trigger,
			Suggest: words.Triggers.Names(), Echo: termEcho(words.Triggers),
			Help: "What set it off: a term" + listed(words.Triggers) + ", or a short phrase."})
	}
	if !s.given("contributing_factors") {
		fields = append(fields, &Field{Key: "contributing_factors", Title: "Contributing factors", Kind: kindLine, Value: &factors,
			Suggest: words.Factors.Names(),
			Check: termsCheck("contributing factor", words.Factors, func(v string) []string {
				return document.FactorTerms(document.ParseFactors(v))
			}),
			Help: "What made it possible or worse, as terms with an optional note each: \"deployment-planning (no canary), monitoring-gap\"" + listed(words.Factors) + "."})
	}
	if !s.given("tags") {
		fields = append(fields, &Field{Key: "tags", Title: "Tags", Kind: kindLine, Value: &tags,
			Help: "Free labels for finding it again, separated by commas: customer-facing, pci."})
	}
	if !s.given("related") {
		fields = append(fields, &Field{Key: "related", Title: "Related incidents", Kind: kindLine, Value: &related,
			Help: "Earlier postmortems like this one: file names without extension (2024-11-02-checkout-timeouts), paths or URLs. 'postmortem related FILE' finds them."})
	}
	if len(fields) == 0 {
		return nil
	}
	err := s.UI.Ask(SectionTitle("catalogue"), "", fields...)
	d.Services, d.Tags, d.Related = splitList(services), splitList(tags), splitList(related)
	d.ContributingFactors = document.ParseFactors(factors)
	d.Trigger = strings.TrimSpace(d.Trigger)
	return err
}

// listed names a vocabulary's terms for a help line, or nothing.
func listed(l *vocabulary.List) string {
	if l.Len() == 0 {
		return ""
	}
	return " (" + strings.Join(l.Names(), ", ") + ")"
}

// termsCheck refuses an answer naming a term the list does not know,
// with the nearest one; without a list anything goes.
func termsCheck(noun string, l *vocabulary.List, terms func(string) []string) func(string) error {
	return func(v string) error {
		if l.Len() == 0 {
			return nil
		}
		for _, t := range terms(v) {
			if _, ok := l.Lookup(t); ok {
				continue
			}
			if sug := l.Suggest(t); sug != "" {
				return fmt.Errorf("%s %q is not in the vocabulary; did you mean %q?", noun, t, sug)
			}
			return fmt.Errorf("%s %q is not in the vocabulary: %s", noun, t, strings.Join(l.Names(), ", "))
		}
		return nil
	}
}

// termEcho says what a trigger term means, or that a phrase is kept as
// written.
func termEcho(l *vocabulary.List) func(string) string {
	return func(v string) string {
		if t, ok := l.Lookup(v); ok {
			return t.Name + ": " + t.Description
		}
		if l.Len() > 0 {
			return "kept as written (not a vocabulary term)"
		}
		return ""
	}
}
