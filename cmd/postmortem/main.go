// Command postmortem writes incident postmortems and keeps them honest in CI.
package main

import (
	"os"

	"github.com/postmortem-cli/postmortem/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], cli.System())) }
