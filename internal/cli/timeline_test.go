package cli

import (
	"archive/zip"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/rogpeppe/go-internal/testscript"
)

// zipDir is the script command `zipdir DIR ZIP [TOP]`: it zips the files
// under DIR into ZIP, under the folder TOP when given, as Slack (files at
// the root) and slackdump or a re-zipped folder (one top folder) do.
func zipDir(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: zipdir DIR ZIP [TOP]")
	}
	dir, out := ts.MkAbs(args[0]), ts.MkAbs(args[1])
	top := ""
	if len(args) == 3 {
		top = args[2] + "/"
	}
	f, err := os.Create(out)
	ts.Check(err)
	zw := zip.NewWriter(f)
	ts.Check(filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		w, err := zw.Create(top + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}))
	ts.Check(zw.Close())
	ts.Check(f.Close())
}
