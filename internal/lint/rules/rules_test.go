package rules_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/config"
	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/rules"
)

var update = os.Getenv("UPDATE_GOLDEN") != ""

// settingsFor enables a rule that is off by default, so its fixtures run.
// A fixture is linted as with no configuration (its template recognised
// from its headings) unless a file beside it, FIXTURE.config, holds the
// .postmortem.yaml to lint it under.
func settingsFor(t *testing.T, id, fixture string) *lint.Settings {
	t.Helper()
	s := lint.DefaultSettings()
	if data, err := os.ReadFile(fixture + ".config"); err == nil {
		c, err := config.Parse(fixture+".config", data)
		if err != nil {
			t.Fatal(err)
		}
		s = c.Settings()
		cp := *s
		cp.Severity = map[string]lint.Severity{}
		for k, v := range s.Severity {
			cp.Severity[k] = v
		}
		s = &cp
	}
	if d, ok := rules.Lookup(id); ok && d.Disabled {
		s.Severity[id] = d.Severity
	}
	return s
}

func lintFile(t *testing.T, path string, s *lint.Settings) (*lint.Input, []lint.Finding) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	in, err := lint.Load(filepath.Base(path), src, s)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return in, lint.New(rules.All()).Check(in)
}

func only(fs []lint.Finding, id string) []lint.Finding {
	var out []lint.Finding
	for _, f := range fs {
		if f.Rule == id {
			out = append(out, f)
		}
	}
	return out
}

// TestFixtures runs every rule on its fixtures in testdata/RULE: each
// fire_* file must produce findings of that rule and each pass_* file
// none. The exact findings are compared with testdata/RULE/golden.txt
// (UPDATE_GOLDEN=1 rewrites it; review the diff).
func TestFixtures(t *testing.T) {
	for _, r := range rules.All() {
		id := r.Doc().ID
		t.Run(id, func(t *testing.T) {
			dir := filepath.Join("testdata", id)
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatalf("rule %s has no fixtures: %v", id, err)
			}
			var fire, pass int
			var golden strings.Builder
			for _, e := range entries {
				name := e.Name()
				if !(strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".yaml")) {
					continue
				}
				_, fs := lintFile(t, filepath.Join(dir, name), settingsFor(t, id, filepath.Join(dir, name)))
				mine := only(fs, id)
				switch {
				case strings.HasPrefix(name, "fire_"):
					fire++
					if len(mine) == 0 {
						t.Errorf("%s: %s did not fire", name, id)
					}
				case strings.HasPrefix(name, "pass_"):
					pass++
					if len(mine) != 0 {
						t.Errorf("%s: %s fired: %v", name, id, mine)
					}
				default:
					t.Errorf("%s: fixture names start with fire_ or pass_", name)
				}
				for _, f := range mine {
					fix := ""
					if f.Fix != nil {
						fix = " (fixable)"
					}
					fmt.Fprintf(&golden, "%s:%d:%d: %s: %s%s\n", name, f.Line, f.Column, f.Severity, f.Message, fix)
				}
			}
			if fire == 0 || pass == 0 {
				t.Errorf("rule %s needs fixtures that fire (%d) and that pass (%d)", id, fire, pass)
			}
			checkGolden(t, filepath.Join(dir, "golden.txt"), golden.String())
		})
	}
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (UPDATE_GOLDEN=1 rewrites it):\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// meaning is what a fix must never change: every field of the document
// the report describes.
func meaning(t *testing.T, in *lint.Input) string {
	d := *in.Doc
	d.Source = nil
	d.Timezone = "" // --fix may state the zone the times were already read in
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + fmt.Sprint(in.Resolved.Times)
}

// TestFixesAreSafeAndIdempotent applies --fix to every fire_ fixture of
// a fixable rule: the rule's fixable findings go away, a second pass
// changes nothing, and the document read from the file is the same. The
// fixed text is compared with FIXTURE.fixed.
func TestFixesAreSafeAndIdempotent(t *testing.T) {
	for _, r := range rules.All() {
		d := r.Doc()
		if !d.Fixable {
			continue
		}
		t.Run(d.ID, func(t *testing.T) {
			dir := filepath.Join("testdata", d.ID)
			entries, _ := os.ReadDir(dir)
			fixed := 0
			for _, e := range entries {
				name := e.Name()
				if !strings.HasPrefix(name, "fire_") || !strings.HasSuffix(name, ".md") {
					continue
				}
				s := settingsFor(t, d.ID, filepath.Join(dir, name))
				in, _ := lintFile(t, filepath.Join(dir, name), s)
				linter := lint.New(rules.All())
				out, fs2, err := linter.FixSource(name, in.Source, s)
				if err != nil {
					t.Fatal(err)
				}
				if string(out) == string(in.Source) {
					continue
				}
				fixed++
				in2, err := lint.Load(name, out, s)
				if err != nil {
					t.Fatalf("%s: the fixed file does not load: %v", name, err)
				}
				if a, b := meaning(t, in), meaning(t, in2); a != b {
					t.Errorf("%s: the fix changed the document:\nbefore %s\nafter  %s", name, a, b)
				}
				for _, f := range only(fs2, d.ID) {
					if f.Fix != nil {
						t.Errorf("%s: after --fix, %s still offers a fix: %d:%d %s", name, d.ID, f.Line, f.Column, f.Message)
					}
				}
				if again, _, _ := linter.FixSource(name, out, s); string(again) != string(out) {
					t.Errorf("%s: a second --fix changed the file again", name)
				}
				checkGolden(t, filepath.Join(dir, strings.TrimSuffix(name, ".md")+".fixed"), string(out))
			}
			if fixed == 0 {
				t.Errorf("rule %s is fixable but no fixture exercises a fix", d.ID)
			}
		})
	}
}

func TestEveryRuleIsDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range rules.Docs() {
		if seen[d.ID] {
			t.Errorf("duplicate rule ID %s", d.ID)
		}
		seen[d.ID] = true
		if d.Summary == "" || d.Rationale == "" || d.Bad == "" || d.Good == "" || d.Severity == lint.Off {
			t.Errorf("rule %s lacks a summary, rationale, example or default severity", d.ID)
		}
		if strings.ToLower(d.ID) != d.ID || strings.ContainsAny(d.ID, " _") {
			t.Errorf("rule ID %q is not kebab-case", d.ID)
		}
	}
	want := []string{"required-section", "empty-section", "template-leftover", "title-format", "timezone", "timestamp",
		"timeline-order", "duration-mismatch", "impossible-window", "action-item-owner", "action-item-due",
		"heading-level", "secret", "blameful-language"}
	for _, id := range want {
		if !seen[id] {
			t.Errorf("rule %s is missing", id)
		}
	}
	if d, _ := rules.Lookup("blameful-language"); !d.Disabled {
		t.Error("blameful-language must be off by default")
	}
}

// TestYAMLFindingsPointAtTheirText: on every YAML fixture, a finding that
// quotes the document's text ("45 minutes", "7:31 am MST", {NUMBER}) points
// at the line and column where that text is written, whatever the scalar
// style (plain, quoted over several lines, literal or folded block).
func TestYAMLFindingsPointAtTheirText(t *testing.T) {
	quoted := regexp.MustCompile(`"([^"]+)"|(\{[A-Z][^}]*\})`)
	// the rules that read the prose fields, and point into their text
	prose := map[string]bool{"duration-mismatch": true, "timezone": true, "template-leftover": true, "impossible-window": true, "blameful-language": true}
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "*.yaml"))
	checked := 0
	for _, p := range files {
		id := filepath.Base(filepath.Dir(p))
		in, fs := lintFile(t, p, settingsFor(t, id, p))
		for _, f := range fs {
			if f.Line < 1 || f.Line > in.LineCount() {
				t.Errorf("%s: %s at line %d, outside the file", p, f.Rule, f.Line)
				continue
			}
			m := quoted.FindStringSubmatch(f.Message)
			if m == nil || !prose[f.Rule] {
				continue
			}
			text := m[1] + m[2]
			if !strings.Contains(string(in.Source), text) {
				continue // the message quotes something else (a heading, a key)
			}
			line := []rune(in.Line(f.Line))
			if f.Column-1 > len(line) || !strings.HasPrefix(string(line[f.Column-1:]), text) {
				t.Errorf("%s:%d:%d: %s quotes %q, not written there: %q", p, f.Line, f.Column, f.Rule, text, string(line))
			}
			checked++
		}
	}
	if checked < 3 {
		t.Errorf("only %d findings quote the text they point at", checked)
	}
}
