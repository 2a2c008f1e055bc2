package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/document"
)

func newValidateCmd(env *Env) *cobra.Command {
	var quiet bool
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check postmortem documents: times, order, milestones, dates",
		Long: `Check postmortem documents (YAML or JSON; - reads standard input).

Checks that every time can be read and placed in UTC, that the timeline runs
oldest first, that milestones happen in order (started <= detected <=
acknowledged <= mitigated <= resolved), that the impact ends after it starts,
that dates are dates, and that statuses and milestones come from their lists.

Each problem is printed on one line as FILE:LINE:COL: message.

Exit codes: 0 every document is valid, 1 problems found, 2 a file could not
be used at all (missing, not YAML, unknown key, binary, empty) or bad usage.`,
		Example: `  postmortem validate testdata/2024-12-04.yaml
  postmortem validate postmortems/*.yaml
  cat report.yaml | postmortem validate -`,
		Args: argsBetween(1, -1, "at least one FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			worst := ExitOK
			for _, path := range args {
				doc, err := loadDocument(env, path)
				if err != nil {
					fmt.Fprintf(env.Err, "%v\n", err)
					worst = max(worst, codeOf(err))
					continue
				}
				if _, probs := document.Validate(doc); printProblems(env, doc, probs) {
					worst = max(worst, ExitProblems)
				} else if !quiet {
					fmt.Fprintf(env.Out, "%s: valid\n", doc.Source.Name)
				}
			}
			return silentExit(worst)
		},
	}
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only problems")
	return cmd
}
