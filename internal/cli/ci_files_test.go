package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The CI integrations people copy (action.yml, .pre-commit-hooks.yaml) are
// checked here as far as they can be without GitHub or pre-commit: their
// wiring, and the commands they run, through the real entry point. The
// action's shell step runs end to end in testdata/script/ci_action.txtar.

const ciGoodDoc = `version: 1
title: Checkout latency
date: "2025-03-02"
summary: |
  Between 14:05 and 14:35 UTC checkout requests were slow because a cache node was lost.
detection: |
  The latency alert paged the on-call engineer at 14:07 UTC.
impact:
  description: checkout was slow for 30 minutes.
  affected: about 40% of checkout requests.
timeline:
  - time: "14:05"
    event: Cache node lost
    milestone: started
  - time: "14:07"
    event: Latency alert pages on-call
    milestone: detected
  - time: "14:10"
    event: On-call acknowledges
    milestone: acknowledged
  - time: "14:35"
    event: Latency back to normal
    milestone: resolved
response: |
  On-call replaced the node and warmed the cache.
root_cause: |
  The cache cluster had no spare capacity for a lost node.
resolution: |
  A replacement node was added and warmed.
prevention: |
  Keep one spare node in the cache cluster.
action_items:
  - description: Add a spare node to the cache cluster
    owner: platform team
    due: "2025-03-16"
`

// ciBadDoc has an action item without an owner and a timeline out of order.
var ciBadDoc = strings.Replace(strings.Replace(ciGoodDoc, "    owner: platform team\n", "", 1),
	`  - time: "14:10"`, `  - time: "14:01"`, 1)

func repoFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

type actionFile struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Author      string `yaml:"author"`
	Branding    struct {
		Icon  string `yaml:"icon"`
		Color string `yaml:"color"`
	} `yaml:"branding"`
	Inputs map[string]struct {
		Description string `yaml:"description"`
		Required    bool   `yaml:"required"`
		Default     string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name  string            `yaml:"name"`
			ID    string            `yaml:"id"`
			If    string            `yaml:"if"`
			Uses  string            `yaml:"uses"`
			Shell string            `yaml:"shell"`
			Run   string            `yaml:"run"`
			Env   map[string]string `yaml:"env"`
			With  map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func TestActionWiring(t *testing.T) {
	raw := repoFile(t, "action.yml")
	var a actionFile
	dec := yaml.NewDecoder(strings.NewReader(string(raw)))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	if a.Name == "" || a.Description == "" {
		t.Error("action.yml needs a name and a description")
	}
	for name, in := range a.Inputs {
		if strings.TrimSpace(in.Description) == "" {
			t.Errorf("input %s has no description", name)
		}
	}
	for name, out := range a.Outputs {
		if strings.TrimSpace(out.Description) == "" {
			t.Errorf("output %s has no description", name)
		}
	}

	// Every inputs.X used is declared, and every declared input is used.
	used := map[string]bool{}
	for _, m := range regexp.MustCompile(`inputs\.([a-z][a-z0-9-]*)`).FindAllStringSubmatch(string(raw), -1) {
		used[m[1]] = true
	}
	for name := range used {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("action.yml uses inputs.%s, which is not declared", name)
		}
	}
	for name := range a.Inputs {
		if !used[name] {
			t.Errorf("input %s is declared but never used", name)
		}
	}

	// The steps: the script exists, every INPUT_* handed to it is read by
	// it, the outputs come from the lint step, SARIF goes to upload-sarif.
	script := string(repoFile(t, "scripts/github-action.sh"))
	var lintStep, upload bool
	for _, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "scripts/github-action.sh") {
			if s.Shell != "bash" {
				t.Errorf("step %q: shell %q, want bash", s.Name, s.Shell)
			}
			for k := range s.Env {
				if strings.HasPrefix(k, "INPUT_") && !strings.Contains(script, k) {
					t.Errorf("step %q passes %s, which the script never reads", s.Name, k)
				}
			}
		}
		if s.ID == "lint" {
			lintStep = strings.HasSuffix(strings.TrimSpace(s.Run), "github-action.sh\" lint")
		}
		if strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@") {
			upload = s.With["sarif_file"] == "${{ steps.lint.outputs.sarif-file }}"
		}
	}
	if !lintStep {
		t.Error("no step with id lint running the script's lint mode")
	}
	if !upload {
		t.Error("no upload-sarif step taking steps.lint.outputs.sarif-file")
	}
	for name, out := range a.Outputs {
		if !strings.Contains(out.Value, "steps.lint.outputs."+name) {
			t.Errorf("output %s = %q, want it from the lint step", name, out.Value)
		}
		if !strings.Contains(script, name+"=") {
			t.Errorf("the script never writes output %s", name)
		}
	}
}

// The action's build step builds postmortem from the action's folder and
// reports the action's ref as its version.
func TestActionBuildStep(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	repo, _ := filepath.Abs("../..")
	tmp := t.TempDir()
	cmd := exec.Command("bash", filepath.Join(repo, "scripts", "github-action.sh"), "build")
	cmd.Env = append(os.Environ(),
		"GITHUB_ACTION_PATH="+repo,
		"GITHUB_ACTION_REF=v1.2.3",
		"RUNNER_TEMP="+tmp,
		"GITHUB_PATH="+filepath.Join(tmp, "path"),
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("build step: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "postmortem v1.2.3") {
		t.Errorf("build step printed %q, want the version v1.2.3", out)
	}
	path, _ := os.ReadFile(filepath.Join(tmp, "path"))
	bin := filepath.Join(strings.TrimSpace(string(path)), "postmortem")
	got, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatalf("%s from GITHUB_PATH: %v", bin, err)
	}
	if strings.TrimSpace(string(got)) != "postmortem v1.2.3" {
		t.Errorf("--version = %q", got)
	}
}

type preCommitHook struct {
	ID            string   `yaml:"id"`
	Name          string   `yaml:"name"`
	Description   string   `yaml:"description"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	Files         string   `yaml:"files"`
	Exclude       string   `yaml:"exclude"`
	Args          []string `yaml:"args"`
	RequireSerial bool     `yaml:"require_serial"`
	PassFilenames *bool    `yaml:"pass_filenames"`
	TypesOr       []string `yaml:"types_or"`
}

// Each hook's entry and args, given the files pre-commit would pass,
// succeed on a clean postmortem and fail on a bad one.
func TestPreCommitHooks(t *testing.T) {
	var hooks []preCommitHook
	dec := yaml.NewDecoder(strings.NewReader(string(repoFile(t, ".pre-commit-hooks.yaml"))))
	dec.KnownFields(true)
	if err := dec.Decode(&hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	if len(hooks) == 0 {
		t.Fatal("no hooks")
	}
	ids := map[string]bool{}
	for _, h := range hooks {
		ids[h.ID] = true
		t.Run(h.ID, func(t *testing.T) {
			if h.Language != "golang" {
				t.Errorf("language %q: want golang (pre-commit builds the repository's cmd/postmortem)", h.Language)
			}
			// pre-commit matches with Python's re.search; these patterns
			// use nothing RE2 lacks.
			files := regexp.MustCompile(h.Files)
			var exclude *regexp.Regexp
			if h.Exclude != "" {
				exclude = regexp.MustCompile(h.Exclude)
			}
			selected := func(p string) bool {
				return files.MatchString(p) && (exclude == nil || !exclude.MatchString(p))
			}
			for _, p := range []string{"postmortems/2025-03-02-checkout.yaml", "postmortems/2024/q4/outage.yml"} {
				if !selected(p) {
					t.Errorf("files %q does not select %s", h.Files, p)
				}
			}
			for _, p := range []string{"README.md", "docs/install.md", "postmortems/README.md", ".postmortem.yaml", "go.mod"} {
				if selected(p) {
					t.Errorf("files %q selects %s, which is not a postmortem", h.Files, p)
				}
			}

			argv := strings.Fields(h.Entry)
			if len(argv) < 2 || argv[0] != "postmortem" {
				t.Fatalf("entry %q: want postmortem SUBCOMMAND", h.Entry)
			}
			dir := t.TempDir()
			good := filepath.Join(dir, "good.yaml")
			bad := filepath.Join(dir, "bad.yaml")
			os.WriteFile(good, []byte(ciGoodDoc), 0o644)
			os.WriteFile(bad, []byte(ciBadDoc), 0o644)
			run := func(files ...string) (int, string) {
				env, out, errb := initTestEnv()
				args := append(append(append([]string(nil), argv[1:]...), h.Args...), files...)
				code := Main(args, env)
				return code, out.String() + errb.String()
			}
			if code, out := run(good); code != ExitOK {
				t.Errorf("%s on a clean postmortem: exit %d, want 0\n%s", h.Entry, code, out)
			}
			if code, out := run(good, bad); code != ExitProblems {
				t.Errorf("%s on a bad postmortem: exit %d, want %d\n%s", h.Entry, code, ExitProblems, out)
			} else if !strings.Contains(out, "bad.yaml:") {
				t.Errorf("%s: the output does not name the bad file:\n%s", h.Entry, out)
			}
		})
	}
	var got []string
	for id := range ids {
		got = append(got, id)
	}
	sort.Strings(got)
	if strings.Join(got, ",") != "postmortem-lint,postmortem-validate" {
		t.Errorf("hook IDs %v: the README and docs/ci.md name postmortem-lint and postmortem-validate", got)
	}
}
