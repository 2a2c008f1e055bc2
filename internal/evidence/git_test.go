package evidence

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

func TestParseRemote(t *testing.T) {
	for remote, want := range map[string]string{
		"git@github.com:acme/checkout.git":            "https://github.com/acme/checkout/commit/abc",
		"https://github.com/acme/checkout":            "https://github.com/acme/checkout/commit/abc",
		"ssh://git@gitlab.com/acme/shop/checkout.git": "https://gitlab.com/acme/shop/checkout/-/commit/abc",
		"git@bitbucket.org:acme/checkout.git":         "https://bitbucket.org/acme/checkout/commits/abc",
		"https://git.internal.example/acme/checkout":  "",
		"/srv/git/checkout.git":                       "",
		"":                                            "",
	} {
		if got := parseRemote(remote).commit("abc"); got != want {
			t.Errorf("parseRemote(%q).commit = %q, want %q", remote, got, want)
		}
	}
}

// A repository built here: commits and an annotated tag in the window,
// committer dates (when a change landed), not author dates.
func TestReadGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	run := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Ana Lima", "GIT_AUTHOR_EMAIL=ana.lima@acme.dev",
			"GIT_COMMITTER_NAME=Ana Lima", "GIT_COMMITTER_EMAIL=ana.lima@acme.dev",
			"GIT_AUTHOR_DATE=2024-11-02T20:00:00Z", "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("2024-11-03T00:00:00Z", "init", "-q", "-b", "main")
	run("2024-11-03T02:00:00Z", "commit", "-q", "--allow-empty", "-m", "Start v4.2")
	run("2024-11-03T03:57:00Z", "commit", "-q", "--allow-empty", "-m", "Deploy checkout v4.2")
	run("2024-11-03T04:04:50Z", "commit", "-q", "--allow-empty", "-m", `Revert "Deploy checkout v4.2"`)
	run("2024-11-03T04:20:00Z", "tag", "-a", "v4.1.1", "-m", "Release 4.1.1")
	run("2024-11-03T04:20:00Z", "remote", "add", "origin", "git@github.com:acme/checkout.git")

	c := NewCollection(Options{Window: Window{Since: at("2024-11-03T03:00:00Z")}})
	if err := c.ReadGit(dir, ""); err != nil {
		t.Fatal(err)
	}
	es := c.Finish()
	var got []string
	for _, e := range es {
		got = append(got, e.Time.Format("15:04:05")+" "+e.Event)
	}
	want := "03:57:00 Commit XXXXXXX by Ana Lima: Deploy checkout v4.2|04:04:50 Commit XXXXXXX by Ana Lima: Revert \"Deploy checkout v4.2\"|04:20:00 Tag v4.1.1 on XXXXXXX: Release 4.1.1"
	if g := maskSHAs(strings.Join(got, "|")); g != want {
		t.Fatalf("got  %s\nwant %s", g, want)
	}
	if !strings.HasPrefix(es[0].Source, "git:") || len(es[0].Source) != 44 || es[0].Link != "https://github.com/acme/checkout/commit/"+es[0].Source[4:] {
		t.Errorf("commit source %q, link %q", es[0].Source, es[0].Link)
	}
	if es[2].Source != "git:tag/v4.1.1" || es[2].Link != "https://github.com/acme/checkout/releases/tag/v4.1.1" {
		t.Errorf("tag %+v", es[2])
	}

	for ref, want := range map[string]string{"nope": `no commit "nope"`} {
		if err := NewCollection(Options{}).ReadGit(dir, ref); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ref %q: %v", ref, err)
		}
	}
	if err := NewCollection(Options{}).ReadGit(t.TempDir(), ""); err == nil || !strings.HasSuffix(err.Error(), ": not a git repository") {
		t.Errorf("not a repository: %v", err)
	}
}

// maskSHAs replaces short SHAs, which depend on git's object format.
func maskSHAs(s string) string {
	return regexp.MustCompile(`\b[0-9a-f]{7}\b`).ReplaceAllString(s, "XXXXXXX")
}
