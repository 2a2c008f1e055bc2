package cli

import (
	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/document"
)

func newSchemaCmd(env *Env) *cobra.Command {
	var out string
	var force bool
	return withOutputFlags(&cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the postmortem document format",
		Long: `Print the JSON Schema (draft-07) of the postmortem document, format version 1.

Editors that use yaml-language-server (VS Code's YAML extension, Neovim,
Helix) complete keys and flag mistakes as you type when the schema is
referenced from the top of a document:

  # yaml-language-server: $schema=./postmortem.schema.json`,
		Example: `  postmortem schema -o postmortem.schema.json`,
		Args:    argsBetween(0, 0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return writeOutput(env, out, document.Schema, force)
		},
	}, &out, &force)
}

// withOutputFlags adds -o/--output and --force, which mean the same on
// every command that writes a file.
func withOutputFlags(cmd *cobra.Command, out *string, force *bool) *cobra.Command {
	cmd.Flags().StringVarP(out, "output", "o", "", "write to `FILE` instead of standard output (never replaces a file without --force)")
	cmd.Flags().BoolVar(force, "force", false, "replace the output file if it exists")
	return cmd
}
