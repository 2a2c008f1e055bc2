package evidence

import (
	"archive/zip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// openExport opens a Slack export: a folder, or a zip (Slack's own, or
// slackdump's export-compatible one). A zip whose files sit under one
// top folder is read from that folder.
func openExport(p string) (exportTree, error) {
	fi, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errorf(p, 0, 0, "no such file or folder (expected a Slack export .zip or its folder)")
		}
		return nil, err
	}
	if fi.IsDir() {
		return dirTree(p), nil
	}
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil, errorf(p, 0, 0, "not a zip file (%v); expected a Slack export .zip or its folder", err)
	}
	t := &zipTree{zr: zr, name: p, files: make(map[string]*zip.File, len(zr.File))}
	root, depth := "", -1
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		name := path.Clean(strings.ReplaceAll(f.Name, `\`, "/"))
		t.files[name] = f
		if slices.Contains(slackIndexes, path.Base(name)) {
			if d := strings.Count(name, "/"); depth < 0 || d < depth {
				root, depth = path.Dir(name), d
			}
		}
	}
	if root != "." {
		t.prefix = root + "/"
	}
	return t, nil
}

type dirTree string

func (d dirTree) file(rel string) (file, bool) {
	p := filepath.Join(string(d), filepath.FromSlash(rel))
	if fi, err := os.Stat(p); err != nil || fi.IsDir() {
		return file{}, false
	}
	return osFile(p), true
}

func (d dirTree) dayFiles(dir string) []string {
	entries, err := os.ReadDir(filepath.Join(string(d), filepath.FromSlash(dir)))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && isDayFile(e.Name()) {
			out = append(out, dir+"/"+e.Name())
		}
	}
	slices.Sort(out)
	return out
}

func (dirTree) close() error { return nil }

type zipTree struct {
	zr     *zip.ReadCloser
	name   string
	prefix string
	files  map[string]*zip.File
}

func (z *zipTree) file(rel string) (file, bool) {
	f, ok := z.files[z.prefix+rel]
	if !ok {
		return file{}, false
	}
	return file{name: z.name + "/" + z.prefix + rel, open: func() (io.ReadCloser, error) { return f.Open() }}, true
}

func (z *zipTree) dayFiles(dir string) []string {
	want := z.prefix + dir + "/"
	var out []string
	for name := range z.files {
		if rest, ok := strings.CutPrefix(name, want); ok && !strings.Contains(rest, "/") && isDayFile(rest) {
			out = append(out, dir+"/"+rest)
		}
	}
	slices.Sort(out)
	return out
}

func (z *zipTree) close() error { return z.zr.Close() }
