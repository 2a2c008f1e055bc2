package main

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// CI has no goreleaser (scripts/release-check.sh installs it and takes
// minutes), so this keeps .goreleaser.yaml, scripts/gen-assets.sh and the
// ldflags targets from drifting apart on every `go test`.

type goreleaserConfig struct {
	Version int `yaml:"version"`
	Before  struct {
		Hooks []string `yaml:"hooks"`
	} `yaml:"before"`
	Builds []struct {
		Main    string   `yaml:"main"`
		Env     []string `yaml:"env"`
		Flags   []string `yaml:"flags"`
		Ldflags []string `yaml:"ldflags"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
	} `yaml:"builds"`
	Archives []struct {
		Files []any `yaml:"files"`
	} `yaml:"archives"`
	Checksum map[string]any `yaml:"checksum"`
	Nfpms    []struct {
		Formats  []string `yaml:"formats"`
		Contents []struct {
			Src      string `yaml:"src"`
			Dst      string `yaml:"dst"`
			Packager string `yaml:"packager"`
		} `yaml:"contents"`
	} `yaml:"nfpms"`
	HomebrewCasks []struct {
		Manpages    []string          `yaml:"manpages"`
		Completions map[string]string `yaml:"completions"`
	} `yaml:"homebrew_casks"`
	Brews []any `yaml:"brews"`
}

func readRepo(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestReleaseConfig(t *testing.T) {
	var c goreleaserConfig
	if err := yaml.Unmarshal([]byte(readRepo(t, ".goreleaser.yaml")), &c); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if c.Version != 2 {
		t.Errorf("version: %d, want 2 (goreleaser v2)", c.Version)
	}
	if len(c.Brews) > 0 || len(c.HomebrewCasks) != 1 {
		t.Errorf("want one homebrew_casks entry and no deprecated brews")
	}
	if c.Checksum == nil {
		t.Error("no checksum section")
	}

	// What gen-assets.sh writes, relative to dist-assets/.
	gen := readRepo(t, "scripts/gen-assets.sh")
	assets := map[string]bool{}
	for _, m := range regexp.MustCompile(`>"\$out/([^"]+)"`).FindAllStringSubmatch(gen, -1) {
		assets["dist-assets/"+m[1]] = true
	}
	if len(assets) != 5 {
		t.Fatalf("gen-assets.sh writes %v; want 4 completions and the man page", keys(assets))
	}
	if len(c.Before.Hooks) != 1 || !strings.Contains(c.Before.Hooks[0], "scripts/gen-assets.sh") {
		t.Errorf("before.hooks = %v, want scripts/gen-assets.sh", c.Before.Hooks)
	}

	// Builds: every target, static, trimmed, version injected into
	// variables that exist.
	if len(c.Builds) != 1 {
		t.Fatalf("want one build, got %d", len(c.Builds))
	}
	b := c.Builds[0]
	if b.Main != "./cmd/postmortem" {
		t.Errorf("main = %q", b.Main)
	}
	if got := strings.Join(b.Goos, ","); got != "linux,darwin,windows" {
		t.Errorf("goos = %s", got)
	}
	if got := strings.Join(b.Goarch, ","); got != "amd64,arm64" {
		t.Errorf("goarch = %s", got)
	}
	if !contains(b.Env, "CGO_ENABLED=0") || !contains(b.Flags, "-trimpath") {
		t.Errorf("env %v flags %v: want CGO_ENABLED=0 and -trimpath", b.Env, b.Flags)
	}
	root := readRepo(t, "internal/cli/root.go")
	ld := strings.Join(b.Ldflags, " ")
	for _, v := range []string{"version", "commit", "date"} {
		if !strings.Contains(ld, "-X github.com/postmortem-cli/postmortem/internal/cli."+v+"=") {
			t.Errorf("ldflags do not set cli.%s", v)
		}
		if !regexp.MustCompile(`(?m)^\s+` + v + `\s+= ""`).MatchString(root) {
			t.Errorf("internal/cli/root.go has no string variable %s for -X to set", v)
		}
	}

	// Archives carry the generated assets.
	var files []string
	for _, f := range c.Archives[0].Files {
		switch f := f.(type) {
		case string:
			files = append(files, f)
		case map[string]any:
			files = append(files, f["src"].(string))
		}
	}
	for _, want := range []string{"README.md", "LICENSE", "CHANGELOG.md", "dist-assets/completions/*", "dist-assets/man/*"} {
		if !contains(files, want) {
			t.Errorf("archives do not include %s (files: %v)", want, files)
		}
	}

	// Packages install every asset where distributions look, from files
	// that exist or that gen-assets.sh writes.
	dst := map[string]string{}
	for _, f := range c.Nfpms[0].Contents {
		if !assets[f.Src] {
			if _, err := os.Stat(filepath.Join("..", "..", f.Src)); err != nil {
				t.Errorf("nfpm src %s: neither a repository file nor written by gen-assets.sh", f.Src)
			}
		}
		dst[f.Dst] = f.Src
	}
	for path, src := range map[string]string{
		"/usr/share/bash-completion/completions/postmortem":    "dist-assets/completions/postmortem.bash",
		"/usr/share/zsh/vendor-completions/_postmortem":        "dist-assets/completions/_postmortem",
		"/usr/share/fish/vendor_completions.d/postmortem.fish": "dist-assets/completions/postmortem.fish",
		"/usr/share/man/man1/postmortem.1.gz":                  "dist-assets/man/postmortem.1.gz",
	} {
		if dst[path] != src {
			t.Errorf("packages install %q at %s, want %s", dst[path], path, src)
		}
	}
	if got := strings.Join(c.Nfpms[0].Formats, ","); got != "deb,rpm" {
		t.Errorf("nfpm formats = %s", got)
	}

	// The cask links the files at their place inside the archive.
	cask := c.HomebrewCasks[0]
	archived := map[string]bool{}
	for a := range assets {
		archived[strings.Replace(strings.Replace(a, "dist-assets/man/", "manpages/", 1), "dist-assets/", "", 1)] = true
	}
	for _, p := range append(append([]string(nil), cask.Manpages...), values(cask.Completions)...) {
		if !archived[p] {
			t.Errorf("the cask links %s, which the archives do not hold (%v)", p, keys(archived))
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func values(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}
