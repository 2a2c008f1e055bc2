package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/lsp"
)

func newLSPCmd(env *Env) *cobra.Command {
	var stdio bool
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Language server: lint findings, fixes and UTC hints in your editor",
		Long: `Run a Language Server Protocol server on standard input and output, for
editors (VS Code, Neovim, Helix, Zed and any other LSP client). It shows what
'postmortem lint' reports, as you type, for Markdown reports and YAML documents:

  diagnostics    the same findings, rule IDs and severities as 'postmortem lint'
                 with the nearest .postmortem.yaml, each linked to its rule's
                 documentation; a broken configuration is one error on it
  code actions   each fix 'lint --fix' makes, as a quick fix on its finding; fix
                 all in the file; suppress a finding with a disable comment
  inlay hints    after each timeline time, its UTC instant (when it was not
                 written in UTC) and the impact so far
  hover          a time in UTC and in the report's zone; a milestone's metrics
  outline        the sections and timeline entries
  completion     milestones, severities, statuses and the template's headings

The editor starts the server; you do not run it by hand. docs/editors.md has
the set-up for each editor in a few lines.

Exit codes: 0 after shutdown and exit, or when the editor closes standard
input; 1 when the editor sends exit without shutdown.`,
		Example: `  # Neovim (0.8 or newer), in init.lua
  vim.api.nvim_create_autocmd('FileType', { pattern = { 'markdown', 'yaml' },
    callback = function() vim.lsp.start({ name = 'postmortem', cmd = { 'postmortem', 'lsp' } }) end })`,
		Args: argsBetween(0, 0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			err := lsp.Serve(env.In, env.Out, lsp.Options{RulesURL: rulesDocURI, Version: Version(), Log: env.Err})
			if errors.Is(err, lsp.ErrExitWithoutShutdown) {
				fmt.Fprintln(env.Err, "postmortem lsp: exit without shutdown")
				return silentExit(ExitProblems)
			}
			return err
		},
	}
	// Generic clients (vscode-languageclient) pass --stdio; it is the only
	// transport, so the flag is accepted and changes nothing.
	cmd.Flags().BoolVar(&stdio, "stdio", true, "talk over standard input and output (the only transport; accepted for clients that pass it)")
	return cmd
}
