package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/config"
	"github.com/postmortem-cli/postmortem/internal/preset"
	"github.com/postmortem-cli/postmortem/internal/safefile"
)

// configFileName is the file `postmortem lint` looks for at the root of
// a repository.
const configFileName = config.FileName

func newInitCmd(env *Env) *cobra.Command {
	var (
		folder, template string
		force            bool
	)
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Set up a repository for postmortems: a folder and a commented config",
		Long: `Set up DIR (default: the current directory) for postmortems:

  .postmortem.yaml  the configuration, every setting commented: the
                    template (--template: course, course-v2, google-sre,
                    pagerduty, atlassian or none), the zone, the lint rules
                    and their severities; its paths point at the folder
  postmortems/      the folder the postmortems go in (with a .gitkeep so
                    git keeps it while empty); --folder picks another name

An existing .postmortem.yaml is never replaced: init writes nothing, names
the file and exits 2; --force replaces it. An existing folder is kept as
it is.`,
		Example: `  postmortem init
  postmortem init --template google-sre
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
			if folder == "." || filepath.IsAbs(folder) || folder == ".." || strings.HasPrefix(folder, ".."+string(filepath.Separator)) {
				return usageErrorf("--folder %q: expected a folder inside %s", filepath.ToSlash(folder), dir)
			}
			p, ok := preset.Lookup(template)
			if !ok {
				return usageErrorf("--template %q: not a preset (presets: %s; a template file of your own goes in the config's template key)", template, strings.Join(preset.Names(), ", "))
			}
			configPath := filepath.Join(dir, configFileName)
			folderPath := filepath.Join(dir, folder)
			// Check everything first: either the whole set-up is written or
			// nothing is.
			if !force {
				if _, err := os.Lstat(configPath); err == nil {
					return usageErrorf("%s: %v (use --force to replace it)", configPath, safefile.ErrExists)
				} else if !errors.Is(err, fs.ErrNotExist) {
					return withCode(ExitInternal, err)
				}
			}
			folderExists := false
			if fi, err := os.Stat(folderPath); err == nil {
				if !fi.IsDir() {
					return usageErrorf("%s: exists and is not a directory", folderPath)
				}
				folderExists = true
			}
			if err := safefile.Write(configPath, initConfig(filepath.ToSlash(folder), p.Name), force); err != nil {
				if errors.Is(err, safefile.ErrExists) {
					return usageErrorf("%v", err)
				}
				return withCode(ExitInternal, err)
			}
			fmt.Fprintf(env.Out, "created %s (template: %s)\n", filepath.ToSlash(configPath), p.Name)
			if folderExists {
				fmt.Fprintf(env.Out, "kept    %s/ (it exists)\n", filepath.ToSlash(folderPath))
			} else {
				if err := safefile.Write(filepath.Join(folderPath, ".gitkeep"), nil, false); err != nil {
					return withCode(ExitInternal, err)
				}
				fmt.Fprintf(env.Out, "created %s/\n", filepath.ToSlash(folderPath))
			}
			rel := filepath.ToSlash(folderPath)
			fmt.Fprintf(env.Out, "\nNext:\n  postmortem new -o %s/YYYY-MM-DD-short-name.yaml\n  postmortem lint %s\n", rel, rel)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&folder, "folder", "postmortems", "`NAME` of the folder for postmortems, relative to DIR")
	f.BoolVar(&force, "force", false, "replace "+configFileName+" if it exists")
	f.StringVarP(&template, "template", "t", "course", "the template reports follow, a `PRESET`: "+strings.Join(preset.Names(), ", "))
	_ = cmd.RegisterFlagCompletionFunc("template", fixedCompletion(preset.Names()...))
	_ = cmd.MarkFlagDirname("folder")
	cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return nil, cobra.ShellCompDirectiveFilterDirs
	}
	return cmd
}

// initConfig is the linter's commented default configuration
// (config.Example), with its paths pointing at the postmortems folder so
// that a bare 'postmortem lint' checks it, and the template named.
func initConfig(folder, template string) []byte {
	s := strings.Replace(string(config.Example), "\npaths:\n  - .\n", "\npaths:\n  - "+folder+"\n", 1)
	return []byte(strings.Replace(s, "\ntemplate: course\n", "\ntemplate: "+template+"\n", 1))
}
