package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/vocabulary"
)

// vocabularyHelpTopic is `postmortem help vocabulary`: the catalogue
// keys, how .postmortem.yaml sets their terms, and the built-in lists
// with their descriptions, aliases and sources.
func vocabularyHelpTopic() *cobra.Command {
	var b strings.Builder
	b.WriteString(`The catalogue keys place a postmortem among the others (docs/catalogue.md):

  services              the services affected            vocabulary.services
  trigger               what set it off: a term or text  vocabulary.triggers
  contributing_factors  terms, each with a note          vocabulary.factors
  tags                  free labels
  related               other postmortems: IDs, paths or URLs

.postmortem.yaml names the terms; a term is a name or {name, description,
aliases}, and an alias counts as its term everywhere (lint, stats, related,
the site). A list left out keeps its default: no service list, and the
built-in triggers and factors below; an empty list accepts any value.

  vocabulary:
    services: [checkout, payments, {name: search, aliases: [search-api]}]

'postmortem lint' reports a value not listed (unknown-term, with the
nearest term); 'postmortem stats --by factor' counts under the terms.
`)
	for _, kind := range []string{vocabulary.Triggers, vocabulary.Factors} {
		l := vocabulary.Builtin(kind)
		fmt.Fprintf(&b, "\nBuilt-in %s:\n", kind)
		for _, t := range l.Terms {
			fmt.Fprintf(&b, "\n  %s\n    %s\n", t.Name, t.Description)
			if len(t.Aliases) > 0 {
				fmt.Fprintf(&b, "    also: %s\n", strings.Join(t.Aliases, ", "))
			}
			fmt.Fprintf(&b, "    from: %s\n", t.Source)
		}
	}
	return &cobra.Command{Use: "vocabulary", Short: "The catalogue keys and the built-in triggers and contributing factors", Long: strings.TrimRight(b.String(), "\n")}
}
