package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/safefile"
)

// configFileName is the file `postmortem lint` looks for at the root of
// a repository.
const configFileName = ".postmortem.yaml"

func newInitCmd(env *Env) *cobra.Command {
	var (
		folder string
		force  bool
	)
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Set up a repository for postmortems: a folder and a commented config",
		Long: `Set up DIR (default: the current directory) for postmortems:

  .postmortem.yaml       the configuration, every setting commented: the
                         template, the required sections, the lint rules
                         and their severities
  postmortems/README.md  the folder the postmortems go in, with a short
                         note on how to add one (--folder picks another name)

Nothing that exists is replaced: if either file is already there, init
writes nothing, names the file and exits 2. --force replaces them.`,
		Example: `  postmortem init
  postmortem init path/to/repo
  postmortem init --folder docs/incidents
  postmortem init --force      # start the config over from the default`,
		Args: argsBetween(0, 1, "at most one directory"),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
				return usageErrorf("%s: is not a directory", dir)
			}
			folder = filepath.Clean(filepath.FromSlash(folder))
			if folder == "." || filepath.IsAbs(folder) || strings.HasPrefix(folder, "..") {
				return usageErrorf("--folder %q: expected a folder inside %s", folder, dir)
			}
			files := []struct {
				path string
				data []byte
			}{
				{filepath.Join(dir, configFileName), initConfig()},
				{filepath.Join(dir, folder, "README.md"), folderReadme(folder)},
			}
			if !force {
				// Check everything first: either the whole setup is
				// written or nothing is.
				for _, f := range files {
					if _, err := os.Lstat(f.path); err == nil {
						return usageErrorf("%s: %v (use --force to replace it)", f.path, safefile.ErrExists)
					} else if !errors.Is(err, fs.ErrNotExist) {
						return withCode(ExitInternal, err)
					}
				}
			}
			for _, f := range files {
				if err := safefile.Write(f.path, f.data, force); err != nil {
					if errors.Is(err, safefile.ErrExists) {
						return usageErrorf("%v", err)
					}
					return withCode(ExitInternal, err)
				}
				fmt.Fprintf(env.Out, "created %s\n", filepath.ToSlash(f.path))
			}
			fmt.Fprintf(env.Out, "\nNext: postmortem new -o %s/YYYY-MM-DD-short-name.yaml\n", filepath.ToSlash(filepath.Join(dir, folder)))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&folder, "folder", "postmortems", "`NAME` of the folder for postmortems, relative to DIR")
	f.BoolVar(&force, "force", false, "replace "+configFileName+" and the folder's README.md if they exist")
	return cmd
}

// initConfig is the commented default configuration that init writes.
var initConfig = func() []byte { return []byte(placeholderConfig) }

const placeholderConfig = `# postmortem configuration (see 'postmortem lint --help').
# Every setting below is the default; uncomment a line to change it.
`

func folderReadme(folder string) []byte {
	f := filepath.ToSlash(folder)
	return []byte(`# Postmortems

One file per incident, named ` + "`YYYY-MM-DD-short-name.yaml`" + ` (or ` + "`.md`" + `).

    postmortem new -o ` + f + `/2024-12-04-pizza-factory.yaml   # interview
    postmortem render ` + f + `/2024-12-04-pizza-factory.yaml   # the Markdown report
    postmortem lint ` + f + `/                                  # what CI checks

Blameless: describe systems and decisions, not people. The repository's
` + "`.postmortem.yaml`" + ` sets the template, the required sections and the lint rules.
`)
}
