// Package discover finds postmortem files under the paths a user names
// and loads each into a document, whatever its format. Lint, stats and
// actions share it so that "which files count" means one thing.
package discover

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Options narrow which files under a folder count.
type Options struct {
	// Include, when not empty, keeps only files matching one of these
	// globs. Exclude drops files matching any. Globs use forward slashes
	// and are matched against the path relative to the folder named on
	// the command line; "**" matches any number of folders, and a glob
	// without a slash matches the file name alone (as in .gitignore).
	Include, Exclude []string
	// OnSkip, when set, hears of each file a folder walk passes over
	// because it is a project file (README.md, CHANGELOG.md, ...).
	OnSkip func(path, reason string)
}

// projectFiles are Markdown files that sit beside postmortems in a folder
// and are never one; named on the command line, they still count.
var projectFiles = []string{"readme", "changelog", "contributing", "code_of_conduct", "license", "security"}

// IsProjectFile reports whether a Markdown file's name marks it as one of
// the project's own documents rather than a postmortem.
func IsProjectFile(p string) bool {
	if !IsMarkdown(p) {
		return false
	}
	base := strings.ToLower(filepath.Base(p))
	base = strings.TrimSuffix(base, filepath.Ext(base))
	for _, n := range projectFiles {
		if base == n {
			return true
		}
	}
	return false
}

// Extensions of the files that may hold a postmortem.
var (
	markdownExt = []string{".md", ".markdown"}
	documentExt = []string{".yaml", ".yml", ".json"}
)

// IsMarkdown reports whether a path names a Markdown report.
func IsMarkdown(p string) bool { return hasExt(p, markdownExt) }

// IsDocument reports whether a path names a YAML or JSON document.
func IsDocument(p string) bool { return hasExt(p, documentExt) }

func hasExt(p string, exts []string) bool {
	e := strings.ToLower(filepath.Ext(p))
	for _, x := range exts {
		if e == x {
			return true
		}
	}
	return false
}

// Files lists the postmortem files under paths: files named directly are
// kept whatever their extension; folders are walked recursively for
// Markdown, YAML and JSON files, skipping hidden folders (.git, drafts),
// hidden files such as the configuration, and project files (README.md). The order is deterministic: the paths as
// given, each folder in lexical order, no duplicates.
func Files(paths []string, opt Options) ([]string, error) {
	for _, g := range append(append([]string(nil), opt.Include...), opt.Exclude...) {
		if err := CheckGlob(g); err != nil {
			return nil, err
		}
	}
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		clean := filepath.Clean(p)
		if !seen[clean] {
			seen[clean] = true
			out = append(out, p)
		}
	}
	for _, root := range paths {
		fi, err := os.Stat(root)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file or folder", root)
			}
			return nil, err
		}
		if !fi.IsDir() {
			add(root)
			continue
		}
		// The walk records what it saw, in order, and decides about
		// Markdown rendered beside a document afterwards, from the
		// folder listings the walk read anyway: asking the file system
		// for three possible siblings of each Markdown file cost three
		// failed stats per file, most of a 10,000-file walk.
		type step struct {
			path    string
			project bool
		}
		var steps []step
		siblings := map[string]fs.DirEntry{} // lower-cased path -> entry
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if p != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "vendor") {
					return filepath.SkipDir
				}
				return nil
			}
			if IsDocument(name) {
				siblings[strings.ToLower(p)] = d
			}
			if !d.Type().IsRegular() || strings.HasPrefix(name, ".") || !(IsMarkdown(name) || IsDocument(name)) {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if len(opt.Include) > 0 && !matchAny(opt.Include, rel) {
				return nil
			}
			if matchAny(opt.Exclude, rel) {
				return nil
			}
			steps = append(steps, step{p, IsProjectFile(name)})
			return nil
		})
		if err != nil {
			return nil, err
		}
		var found []string
		for _, st := range steps {
			switch {
			case st.project:
				if opt.OnSkip != nil {
					opt.OnSkip(st.path, "not a postmortem (a project file); name it on the command line to count it")
				}
			case len(siblings) > 0 && documentBesideIn(st.path, siblings) != "":
				if opt.OnSkip != nil {
					opt.OnSkip(st.path, "rendered from "+filepath.Base(documentBesideIn(st.path, siblings))+", which counts instead; name it on the command line to count it")
				}
			default:
				found = append(found, st.path)
			}
		}
		sort.Strings(found)
		for _, p := range found {
			add(p)
		}
	}
	return out, nil
}

// documentBesideIn returns the YAML or JSON document a Markdown file was
// rendered from: the file with the same name and a document extension in
// the same folder ("2024-12-04-x.md" beside "2024-12-04-x.yaml", as
// `postmortem new` saves them). The document is the source of truth, so a
// folder walk counts the incident once.
//
// seen holds the document files the walk listed, keyed by lower-cased
// path. A sibling the walk did not list does not exist. One it listed
// with the exact name as a regular file is the answer; any other (a
// symbolic link, a name differing in case, which a case-insensitive file
// system matches) is asked of the file system with os.Stat, so the answer
// is the one stat-ing every candidate would give (a test checks this).
func documentBesideIn(p string, seen map[string]fs.DirEntry) string {
	if !IsMarkdown(p) {
		return ""
	}
	stem := strings.TrimSuffix(p, filepath.Ext(p))
	for _, ext := range documentExt {
		d, ok := seen[strings.ToLower(stem+ext)]
		if !ok {
			continue
		}
		if d.Name() == filepath.Base(stem+ext) && d.Type().IsRegular() {
			return stem + ext
		}
		if fi, err := os.Stat(stem + ext); err == nil && fi.Mode().IsRegular() {
			return stem + ext
		}
	}
	return ""
}

// CheckGlob reports a malformed glob, so configuration typos are errors.
func CheckGlob(g string) error {
	for _, seg := range strings.Split(g, "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Errorf("bad glob %q: %v", g, err)
		}
	}
	return nil
}

func matchAny(globs []string, rel string) bool {
	for _, g := range globs {
		if Match(g, rel) {
			return true
		}
	}
	return false
}

// Match reports whether a slash-separated relative path matches a glob
// ("**" spans folders; a glob without "/" matches the base name).
func Match(glob, rel string) bool {
	glob = strings.TrimPrefix(glob, "./")
	if !strings.Contains(glob, "/") {
		ok, _ := path.Match(glob, path.Base(rel))
		return ok
	}
	return matchSegments(strings.Split(glob, "/"), strings.Split(rel, "/"))
}

func matchSegments(g, p []string) bool {
	for len(g) > 0 {
		if g[0] == "**" {
			for i := 0; i <= len(p); i++ {
				if matchSegments(g[1:], p[i:]) {
					return true
				}
			}
			return false
		}
		if len(p) == 0 {
			return false
		}
		if ok, _ := path.Match(g[0], p[0]); !ok {
			return false
		}
		g, p = g[1:], p[1:]
	}
	return len(p) == 0
}
