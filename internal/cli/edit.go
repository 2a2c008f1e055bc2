package cli

import (
	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/interview"
)

func newEditCmd(env *Env) *cobra.Command {
	var f interviewFlags
	cmd := &cobra.Command{
		Use:   "edit FILE",
		Short: "Reopen a postmortem in the interview, every answer filled in",
		Long: `Reopen a postmortem document (YAML or JSON) or a Markdown report in the
interview. It opens at the review: the computed metrics, the preview of the
report, and a menu to go back to any section, whose questions come with the
current answers filled in (Enter keeps them). Timeline events and action
items can be added, changed or removed one by one.

Saving replaces the document you opened (atomically) and re-renders its
Markdown report next to it (FILE.md), unless that report was changed by
hand since it was rendered: then it is kept and you are told how to
replace it. Editing a Markdown report saves the document as FILE.yaml and
replaces the Markdown only with --force. -o saves elsewhere instead.

As with 'new', the draft is saved after every section (in .drafts/ next
to FILE), Ctrl-C exits with 130 and 'postmortem new --resume DRAFT'
carries on.`,
		Example: `  postmortem edit postmortems/2024-12-04-pizza-factory-begins-returning-500.yaml
  postmortem edit report.md --force
  postmortem edit report.yaml -o fixed.yaml`,
		Args: argsBetween(1, 1, "one document or report (FILE)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if args[0] == "-" {
				return usageErrorf("edit FILE: standard input cannot be edited in place; give a file")
			}
			tmpl, err := loadTemplate(env, f.template)
			if err != nil {
				return err
			}
			doc, err := loadDocument(env, args[0])
			if err != nil {
				return err
			}
			run := &interviewRun{env: env, flags: f, tmpl: tmpl, doc: doc, start: interview.Review, edits: args[0]}
			return run.interview("edit-")
		},
	}
	f.register(cmd)
	return cmd
}
