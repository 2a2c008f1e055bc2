package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func initTestEnv() (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &Env{
		In: strings.NewReader(""), Out: &out, Err: &errb,
		Now:    func() time.Time { return time.Date(2024, 12, 5, 0, 0, 0, 0, time.UTC) },
		Getenv: func(string) string { return "" },
	}, &out, &errb
}

// The exit codes of init: 0 when it writes, 2 when the config exists
// (and nothing is written), 0 again with --force.
func TestInitExitCodes(t *testing.T) {
	dir := t.TempDir()
	env, _, _ := initTestEnv()
	if code := Main([]string{"init", dir}, env); code != ExitOK {
		t.Fatalf("first init: exit %d, want 0", code)
	}
	config := filepath.Join(dir, configFileName)
	if err := os.WriteFile(config, []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env, _, errb := initTestEnv()
	if code := Main([]string{"init", dir}, env); code != ExitUsage {
		t.Fatalf("second init: exit %d, want %d", code, ExitUsage)
	}
	if !strings.Contains(errb.String(), config) {
		t.Errorf("stderr %q does not name %s", errb.String(), config)
	}
	if got, _ := os.ReadFile(config); string(got) != "mine\n" {
		t.Errorf("config replaced without --force: %q", got)
	}
	env, _, _ = initTestEnv()
	if code := Main([]string{"init", "--force", dir}, env); code != ExitOK {
		t.Fatalf("init --force: exit %d, want 0", code)
	}
	if got, _ := os.ReadFile(config); string(got) == "mine\n" {
		t.Errorf("--force did not replace the config")
	}
}

// Every command a user can run appears in the man page.
func TestManPageHasEveryCommand(t *testing.T) {
	env, _, _ := initTestEnv()
	root := newRootCmd(env)
	page := string(manPage(root, env))
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand() || c.Name() == "help" {
			continue
		}
		if !strings.Contains(page, `.SS "postmortem `+c.Name()) {
			t.Errorf("man page has no entry for %q", c.Name())
		}
	}
}

func TestRoffEscape(t *testing.T) {
	for in, want := range map[string]string{
		"--force":         `\-\-force`,
		`C:\path`:         `C:\epath`,
		".postmortem.yml": `\&.postmortem.yml`,
		"'quoted'":        `\&'quoted'`,
		"plain text":      "plain text",
		"13:00 — text…":   `13:00 \[u2014] text\[u2026]`,
	} {
		if got := roffEscape(in); got != want {
			t.Errorf("roffEscape(%q) = %q, want %q", in, got, want)
		}
	}
}
