package cli

import "github.com/spf13/cobra"

// Shell completion is cobra's `completion` command (bash, zsh, fish,
// powershell). Flags whose values come from a list register their values
// where they are defined (render's --format and --template); this file
// adds cobra's command early so it can be given our help text and a
// usage error for an unknown shell (cobra's own prints help and exits 0).

const completionManText = `Print the completion script for a shell. The deb and rpm packages and the
Homebrew cask install them already; the release archives hold them in
completions/. From a source install:

  bash  source <(postmortem completion bash)
        postmortem completion bash > ~/.local/share/bash-completion/completions/postmortem
  zsh   postmortem completion zsh > "${fpath[1]}/_postmortem"
  fish  postmortem completion fish > ~/.config/fish/completions/postmortem.fish
  pwsh  postmortem completion powershell | Out-String | Invoke-Expression

Commands, flags, and the values of flags that take one from a list
(templates, formats, rule IDs) complete. --no-descriptions leaves out
the one-line descriptions.`

// setUpCompletion adds cobra's completion command now rather than at
// Execute, and adjusts it.
func setUpCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	c := completionCmd(root)
	if c == nil {
		return
	}
	c.Use = "completion SHELL"
	c.Short = "Print the shell completion script for bash, zsh, fish or powershell"
	c.Long = completionManText
	c.Example = `  postmortem completion bash > ~/.local/share/bash-completion/completions/postmortem
  postmortem completion zsh > "${fpath[1]}/_postmortem"`
	// Runnable, so cobra checks its NoArgs: `completion tcsh` is a usage
	// error (exit 2) instead of help and exit 0.
	c.RunE = func(cmd *cobra.Command, args []string) error { return cmd.Help() }
}

// completionCmd finds cobra's completion command.
func completionCmd(root *cobra.Command) *cobra.Command {
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			return c
		}
	}
	return nil
}
