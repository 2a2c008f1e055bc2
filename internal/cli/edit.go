package cli

import "github.com/spf13/cobra"

// newEditCmd is a placeholder until the command lands.
func newEditCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:    "edit",
		Short:  "(not yet implemented)",
		Hidden: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageErrorf("%s is not implemented yet", cmd.CommandPath())
		},
	}
}
