package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Marker is the file a site folder carries: it says the folder is a
// postmortem site (so building again may replace it) and lists the files
// the last build wrote (so building again removes those that are gone,
// and nothing else).
const Marker = ".postmortem-site"

// ErrNotSite is the refusal to write into a folder that holds files and
// is not a site this program built.
var ErrNotSite = errors.New("not a postmortem site")

// Dir writes a site into a folder. Names are checked to stay inside it.
type Dir struct {
	Root string
	// fresh is true for a folder that was missing or empty: nothing in it
	// can be a planted link, so writes need not look first.
	fresh   bool
	mu      sync.Mutex
	made    map[string]bool
	written []string
}

// OpenDir prepares root for a build: it is created when missing; an
// empty folder or a site folder (with Marker) is used; any other folder
// with files is refused (ErrNotSite) unless force, and even then only
// the site's own files are written there, never others removed. root
// must not be a file or the current folder's parent of anything the user
// named as input: the caller checks that the inputs are not inside it.
func OpenDir(root string, force bool) (*Dir, error) {
	fresh := false
	fi, err := os.Stat(root)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(root, 0o755); err != nil {
			return nil, err
		}
		fresh = true
	case err != nil:
		return nil, err
	case !fi.IsDir():
		return nil, fmt.Errorf("%s: exists and is not a folder", root)
	default:
		entries, err := os.ReadDir(root)
		if err != nil {
			return nil, err
		}
		isSite := false
		for _, e := range entries {
			if e.Name() == Marker {
				isSite = true
			}
		}
		if len(entries) > 0 && !isSite && !force {
			return nil, fmt.Errorf("%s: %w: the folder has %d entries and no %s; name an empty or new folder, or use --force to write the site's files into it (nothing else there is removed)", root, ErrNotSite, len(entries), Marker)
		}
		fresh = len(entries) == 0
	}
	return &Dir{Root: root, fresh: fresh, made: map[string]bool{}}, nil
}

// path is where a site file goes, or an error for a name that is not a
// plain relative path inside the site.
func (d *Dir) path(name string) (string, error) {
	if !filepath.IsLocal(filepath.FromSlash(name)) || strings.ContainsAny(name, `\:`) {
		return "", fmt.Errorf("%q: not a name inside the site", name)
	}
	return filepath.Join(d.Root, filepath.FromSlash(name)), nil
}

// WriteFile writes one file of the site, making its folder. It is safe
// for concurrent use.
func (d *Dir) WriteFile(name string, data []byte) error {
	p, err := d.path(name)
	if err != nil {
		return err
	}
	dir := filepath.Dir(p)
	d.mu.Lock()
	if !d.made[dir] {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			d.mu.Unlock()
			return err
		}
		d.made[dir] = true
	}
	d.written = append(d.written, name)
	d.mu.Unlock()
	if d.fresh {
		return os.WriteFile(p, data, 0o644)
	}
	return overwrite(p, data)
}

// overwrite replaces the content of the file at p, or creates it. A file
// there is written over in place, then cut to length, rather than
// emptied first: on ext4 (and other file systems that allocate blocks
// late), a file emptied and written again is flushed to disk when it is
// closed, a safeguard for programs that replace files so, and rebuilding
// a site of 10,000 pages took three times as long in the kernel as
// building it anew. A symbolic link planted in a site folder must not
// redirect a write outside it: it is removed first, and the file created
// anew.
func overwrite(p string, data []byte) error {
	fi, err := os.Lstat(p)
	if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if err := os.Remove(p); err != nil {
			return err
		}
		fi = nil
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil && fi != nil && fi.Size() > int64(len(data)) {
		err = f.Truncate(int64(len(data)))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Finish removes the files the previous build wrote that this one did
// not (from the old Marker's list only) and writes the new list.
func (d *Dir) Finish() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	written := slices.Clone(d.written)
	slices.Sort(written)
	if old, err := os.ReadFile(filepath.Join(d.Root, Marker)); err == nil {
		for _, name := range strings.Split(string(old), "\n") {
			if name == "" || strings.HasPrefix(name, "#") {
				continue
			}
			if _, found := slices.BinarySearch(written, name); found {
				continue
			}
			if p, err := d.path(name); err == nil {
				if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return err
				}
			}
		}
	}
	list := "# postmortem site: the files the last build wrote; building again replaces them\n" + strings.Join(written, "\n") + "\n"
	return os.WriteFile(filepath.Join(d.Root, Marker), []byte(list), 0o644)
}
