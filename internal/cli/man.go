package cli

import "github.com/spf13/cobra"

// newManCmd is a placeholder until the command lands.
func newManCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:    "man",
		Short:  "(not yet implemented)",
		Hidden: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageErrorf("%s is not implemented yet", cmd.CommandPath())
		},
	}
}
