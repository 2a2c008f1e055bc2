package cli

import (
	"bytes"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// The commands table names each command as the command names itself.
func TestCommandsTableNames(t *testing.T) {
	env, _, _ := initTestEnv()
	for _, c := range commands {
		if got := c.build(env).Name(); got != c.name {
			t.Errorf("commands table says %q, the command says %q", c.name, got)
		}
	}
}

// A run that builds only the command it names behaves as one that builds
// the whole tree: same output, same exit code.
func TestReachedTreeSameAsWhole(t *testing.T) {
	runs := [][]string{{"--version"}, {"-v"}, {"--help"}, {}, {"help", "lint"}, {"rendr"}, {"--bogus"}, {"man"}}
	for _, c := range commands {
		runs = append(runs, []string{c.name, "--help"}, []string{c.name, "--no-such-flag"})
	}
	run := func(root *cobra.Command, args []string) (string, int) {
		root.SetArgs(args)
		err := root.Execute()
		return root.OutOrStdout().(*bytes.Buffer).String() + root.ErrOrStderr().(*bytes.Buffer).String(), codeOf(err)
	}
	newEnv := func() *Env {
		return &Env{In: &bytes.Buffer{}, Out: &bytes.Buffer{}, Err: &bytes.Buffer{}, Now: func() time.Time { return time.Unix(1733356800, 0) }, Getenv: func(string) string { return "" }}
	}
	for _, args := range runs {
		whole, wholeCode := run(newRootCmd(newEnv()), args)
		part, partCode := run(newRootCmdFor(newEnv(), args), args)
		if part != whole || partCode != wholeCode {
			t.Errorf("postmortem %q: built for the run, exit %d:\n%s\nwhole tree, exit %d:\n%s", args, partCode, part, wholeCode, whole)
		}
	}
}
