package cli

import (
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Set by the release build with -ldflags "-X ...". A `go install` build
// leaves them empty and Version falls back to the module's build info.
var (
	version = ""
	commit  = ""
	date    = ""
)

// Version is the version this binary reports.
func Version() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

func versionLine() string {
	v := "postmortem " + Version()
	if commit != "" {
		v += " (" + commit
		if date != "" {
			v += ", " + date
		}
		v += ")"
	}
	return v
}

// newRootCmd builds the whole command tree.
func newRootCmd(env *Env) *cobra.Command { return newRootCmdFor(env, nil) }

// newRootCmdFor builds the root and the subcommands a run with these
// arguments can reach (reached): `postmortem lint x.md` builds lint's
// flags and help, not those of fourteen other commands, and `--version`
// builds none. A nil args builds them all.
func newRootCmdFor(env *Env, args []string) *cobra.Command {
	root := &cobra.Command{
		Use:   "postmortem",
		Short: "Write incident postmortems and keep them honest in CI",
		Long: `postmortem helps on-call engineers write incident postmortems and keeps
postmortem files honest in CI.

A postmortem is a small YAML document (see 'postmortem help format'). Every
time in it is parsed and normalised to UTC, the timeline is checked for order,
and the impact duration and response metrics are computed, never typed.`,
		Example: `  # Render the YAML document as the course-style Markdown report
  postmortem render testdata/2024-12-04.yaml

  # Check a document: times, order, milestones, dates
  postmortem validate postmortems/2024-12-04-pizza-factory.yaml

  # The computed metrics as JSON
  postmortem render --format json report.yaml

  # The timeline from a Slack export and the PagerDuty log, into a document
  postmortem timeline --slack export.zip --channel inc-checkout --pagerduty pd.json --into report.yaml`,
		Version:           versionLine(),
		SilenceErrors:     true,
		SilenceUsage:      true,
		CompletionOptions: cobra.CompletionOptions{HiddenDefaultCmd: false},
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetIn(env.In)
	root.SetOut(env.Out)
	root.SetErr(env.Err)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErrorf("%v", err)
	})
	one, all := reached(args)
	for _, c := range commands {
		if all || c.name == one {
			root.AddCommand(c.build(env))
		}
	}
	if all {
		for _, t := range helpTopics() {
			root.AddCommand(t)
		}
		root.AddCommand(vocabularyHelpTopic()) // vocabulary.go
	}
	setUpCompletion(root) // completion.go
	return root
}

// reached tells which subcommands a run can reach: the one args[0] names
// (one), none for a bare --version, or all of them (all): the root's
// help lists them, help, completion and man walk the tree, and cobra
// suggests the nearest name for an unknown one. Whenever the arguments
// say anything else (a flag before the command, "--"), it is all, and
// cobra reads them as it always has.
func reached(args []string) (one string, all bool) {
	switch {
	case len(args) == 0:
		return "", true
	case len(args) == 1 && (args[0] == "--version" || args[0] == "-v"):
		return "", false
	}
	for _, c := range commands {
		if c.name == args[0] && !c.walksTree {
			return c.name, false
		}
	}
	return "", true
}

// commands lists every subcommand by name (a test checks the names);
// each lives in its own file.
var commands = []struct {
	name  string
	build func(*Env) *cobra.Command
	// walksTree: the command reads every other one (man).
	walksTree bool
}{
	{"new", newNewCmd, false},
	{"edit", newEditCmd, false},
	{"render", newRenderCmd, false},
	{"validate", newValidateCmd, false},
	{"import", newImportCmd, false},
	{"timeline", newTimelineCmd, false},
	{"lint", newLintCmd, false},
	{"lsp", newLSPCmd, false},
	{"stats", newStatsCmd, false},
	{"actions", newActionsCmd, false},
	{"related", newRelatedCmd, false},
	{"site", newSiteCmd, false},
	{"init", newInitCmd, false},
	{"schema", newSchemaCmd, false},
	{"man", newManCmd, true},
}

// argsBetween checks the number of arguments and says what was expected,
// as a usage error (exit 2).
func argsBetween(lo, hi int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < lo || (hi >= 0 && len(args) > hi) {
			return usageErrorf("%s: expected %s, got %d argument(s)", cmd.CommandPath(), what, len(args))
		}
		return nil
	}
}
