package evidence

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrNoGit is returned when the git binary is not installed.
var ErrNoGit = errors.New("git is not installed (not on PATH); install it, or leave out --git")

// gitSlack widens the window handed to `git log --since`: git stops
// walking a few commits after the first one older than --since, so
// commits whose dates are out of order (a rebase, a clock off) could be
// missed at the edge. The exact window is applied here.
const gitSlack = 7 * 24 * time.Hour

// ReadGit reads, through the git binary, the commits reachable from ref
// (HEAD when empty) and the tags of the repository at dir whose time is
// in the window: for deploys, reverts and releases. A commit's time is
// its committer date, when it landed where it is; a tag's is its tagger
// date (a lightweight tag's, its commit's).
func (c *Collection) ReadGit(dir, ref string) error {
	if ref == "" {
		ref = "HEAD"
	}
	if _, err := exec.LookPath("git"); err != nil {
		return ErrNoGit
	}
	if _, err := git(dir, "rev-parse", "--git-dir"); err != nil {
		if strings.Contains(err.Error(), "not a git repository") {
			return errorf(dir, 0, 0, "not a git repository")
		}
		return errorf(dir, 0, 0, "cannot read the repository: %v", err)
	}
	if _, err := git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}"); err != nil {
		return errorf(dir, 0, 0, "no commit %q in the repository (--git-ref takes a branch, tag or commit)", ref)
	}
	web := webBase(dir)
	where := "git " + filepath.Base(absPath(dir))
	n, err := c.gitCommits(dir, ref, web, where)
	if err != nil {
		return err
	}
	m, err := c.gitTags(dir, web, where)
	if err != nil {
		return err
	}
	c.count(where+" "+ref, n+m)
	return nil
}

func (c *Collection) gitCommits(dir, ref string, web hosting, where string) (int, error) {
	args := []string{"log", "--no-color", "--format=%H%x1f%ct%x1f%an%x1f%ae%x1f%s%x1e"}
	if since := c.Options.Window.Since; !since.IsZero() {
		args = append(args, "--since=@"+strconv.FormatInt(since.Add(-gitSlack).Unix(), 10))
	}
	args = append(args, "--end-of-options", ref, "--")
	n := 0
	err := gitRecords(dir, args, 5, func(f []string) error {
		sha, when, name, email, subject := f[0], f[1], f[2], f[3], f[4]
		t, err := unixTime(when)
		if err != nil {
			return fmt.Errorf("commit %s: %w", sha, err)
		}
		if !c.Options.Window.Contains(t) {
			return nil
		}
		c.People.Add(name, email)
		c.add(Entry{
			Time: t, Kind: Git, Default: true, Where: where,
			Event:  fmt.Sprintf("Commit %s by %s: %s", sha[:min(7, len(sha))], oneLine(name), oneLine(subject)),
			Source: "git:" + sha, Link: web.commit(sha),
		})
		n++
		return nil
	})
	return n, err
}

func (c *Collection) gitTags(dir string, web hosting, where string) (int, error) {
	args := []string{"for-each-ref", "--format=%(refname:short)%1f%(objectname)%1f%(*objectname)%1f%(creatordate:unix)%1f%(subject)%1f%(taggername)%1f%(taggeremail)%1e", "refs/tags"}
	n := 0
	err := gitRecords(dir, args, 7, func(f []string) error {
		name, object, peeled, when, subject, tagger, email := f[0], f[1], f[2], f[3], f[4], f[5], f[6]
		t, err := unixTime(when)
		if err != nil {
			return fmt.Errorf("tag %s: %w", name, err)
		}
		if !c.Options.Window.Contains(t) {
			return nil
		}
		commit := object
		if peeled != "" {
			commit = peeled
		}
		if tagger != "" {
			c.People.Add(tagger, strings.Trim(email, "<>"))
		}
		text := fmt.Sprintf("Tag %s on %s", name, commit[:min(7, len(commit))])
		if s := oneLine(subject); s != "" {
			text += ": " + s
		}
		c.add(Entry{Time: t, Kind: Git, Default: true, Where: where, Event: text, Source: "git:tag/" + name, Link: web.tag(name)})
		n++
		return nil
	})
	return n, err
}

// gitRecords runs git and hands each record (ended by 0x1e, fields split
// by 0x1f) to each, streaming: a long history is never held whole.
func gitRecords(dir string, args []string, fields int, each func([]string) error) error {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	br := bufio.NewReaderSize(out, 64<<10)
	var failed error
	for failed == nil {
		rec, err := br.ReadString('\x1e')
		if err != nil && err != io.EOF {
			failed = err
			break
		}
		rec = strings.TrimLeft(rec, "\n")
		if r := strings.TrimSuffix(rec, "\x1e"); r != "" {
			f := strings.Split(r, "\x1f")
			if len(f) != fields {
				failed = fmt.Errorf("unexpected output from git %s: %q", args[0], r)
			} else if e := each(f); e != nil {
				failed = e
			}
		}
		if err == io.EOF {
			break
		}
	}
	if failed != nil {
		_, _ = io.Copy(io.Discard, out)
	}
	if err := cmd.Wait(); err != nil && failed == nil {
		failed = fmt.Errorf("git %s: %v: %s", args[0], err, firstLine(stderr.String()))
	}
	if failed != nil {
		return errorf(dir, 0, 0, "%v", failed)
	}
	return nil
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := firstLine(stderr.String()); msg != "" {
			return "", errors.New(msg)
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

func unixTime(s string) (time.Time, error) {
	sec, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("time %q is not epoch seconds", s)
	}
	return time.Unix(sec, 0).UTC(), nil
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// hosting builds web addresses for a repository hosted on GitHub,
// GitLab or Bitbucket, from its origin remote; zero for anything else.
type hosting struct {
	base string // https://github.com/acme/shop
	kind string // github, gitlab, bitbucket
}

func (h hosting) commit(sha string) string {
	switch h.kind {
	case "github":
		return h.base + "/commit/" + sha
	case "gitlab":
		return h.base + "/-/commit/" + sha
	case "bitbucket":
		return h.base + "/commits/" + sha
	}
	return ""
}

func (h hosting) tag(name string) string {
	switch h.kind {
	case "github":
		return h.base + "/releases/tag/" + url.PathEscape(name)
	case "gitlab":
		return h.base + "/-/tags/" + url.PathEscape(name)
	case "bitbucket":
		return h.base + "/src/" + url.PathEscape(name)
	}
	return ""
}

// webBase reads the origin remote: git@github.com:acme/shop.git and
// https://github.com/acme/shop.git are both https://github.com/acme/shop.
func webBase(dir string) hosting {
	remote, err := git(dir, "remote", "get-url", "origin")
	if err != nil || remote == "" {
		return hosting{}
	}
	return parseRemote(remote)
}

func parseRemote(remote string) hosting {
	var host, path string
	if u, err := url.Parse(remote); err == nil && u.Host != "" && (u.Scheme == "https" || u.Scheme == "http" || u.Scheme == "ssh" || u.Scheme == "git") {
		host, path = u.Hostname(), u.Path
	} else if at := strings.Index(remote, "@"); at >= 0 && strings.Contains(remote[at:], ":") {
		rest := remote[at+1:]
		host, path, _ = strings.Cut(rest, ":")
	} else {
		return hosting{}
	}
	path = strings.TrimSuffix(strings.Trim(path, "/"), ".git")
	if path == "" || strings.ContainsAny(path, " \t") {
		return hosting{}
	}
	kind := ""
	switch {
	case strings.Contains(host, "github"):
		kind = "github"
	case strings.Contains(host, "gitlab"):
		kind = "gitlab"
	case strings.Contains(host, "bitbucket"):
		kind = "bitbucket"
	default:
		return hosting{}
	}
	return hosting{base: "https://" + host + "/" + path, kind: kind}
}
