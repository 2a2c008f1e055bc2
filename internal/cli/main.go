// Package cli wires the postmortem commands to cobra. Commands receive
// their I/O, clock and environment through Env so tests can drive the real
// entry point in-process; nothing here reads os.Stdout or calls time.Now.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit codes, documented in `postmortem help exit-codes` and the README.
const (
	ExitOK       = 0   // success, nothing found
	ExitProblems = 1   // validation problems or lint findings at or above --fail-on
	ExitUsage    = 2   // bad flags, bad config, unusable input
	ExitInternal = 3   // I/O failure or a bug
	ExitAborted  = 130 // the user pressed Ctrl-C
)

// Env is everything a command may touch outside the process.
type Env struct {
	In            io.Reader
	Out, Err      io.Writer
	InIsTerminal  bool
	OutIsTerminal bool
	ErrIsTerminal bool
	Now           func() time.Time
	Getenv        func(string) string
}

// System is the Env of a real process. SOURCE_DATE_EPOCH pins the clock,
// which keeps subprocess tests and reproducible builds deterministic.
func System() *Env {
	now := time.Now
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			fixed := time.Unix(sec, 0).UTC()
			now = func() time.Time { return fixed }
		}
	}
	return &Env{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InIsTerminal:  term.IsTerminal(int(os.Stdin.Fd())),
		OutIsTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		ErrIsTerminal: term.IsTerminal(int(os.Stderr.Fd())),
		Now:           now,
		Getenv:        os.Getenv,
	}
}

// exitError carries an exit code up to Main. A nil Err means the command
// already said everything it had to say.
type exitError struct {
	Code int
	Err  error
}

func (e *exitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

func (e *exitError) Unwrap() error { return e.Err }

// usageErrorf is a mistake in how the command was called or configured.
func usageErrorf(format string, args ...any) error {
	return &exitError{Code: ExitUsage, Err: fmt.Errorf(format, args...)}
}

// withCode attaches an exit code to an error.
func withCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return &exitError{Code: code, Err: err}
}

// codeOf is the exit code an error maps to.
func codeOf(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return ExitInternal
}

// silentExit ends the command with a code and no further message.
func silentExit(code int) error { return &exitError{Code: code} }

// Main runs the postmortem command line and returns the exit code.
func Main(args []string, env *Env) int {
	root := newRootCmdFor(env, args)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	code := ExitInternal
	var ee *exitError
	switch {
	case errors.As(err, &ee):
		code = ee.Code
		if ee.Err == nil {
			return code
		}
	case isFlagError(err):
		code = ExitUsage
	}
	msg := err.Error()
	fmt.Fprintf(env.Err, "error: %s\n", msg)
	if code == ExitUsage && isFlagError(err) {
		fmt.Fprintf(env.Err, "Run '%s --help' for usage.\n", commandPath(root, args))
	}
	return code
}

// isFlagError recognises cobra's argument and flag errors, which it
// returns as plain errors.
func isFlagError(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown flag", "unknown shorthand flag", "unknown command", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "requires at most", "if any flags in the group", "required flag"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

func commandPath(root *cobra.Command, args []string) string {
	c, _, err := root.Find(args)
	if err != nil || c == nil {
		return "postmortem"
	}
	return c.CommandPath()
}
