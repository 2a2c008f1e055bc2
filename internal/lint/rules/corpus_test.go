package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/config"
	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/rules"
)

// shared is the shared folder beside the repository: reference reports
// and the corpus of real ones. Tests that read it skip when it is absent.
const shared = "../../../../shared"

func sharedFile(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(shared, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not available: %v", p, err)
	}
	return p
}

func lines(fs []lint.Finding, id string) []int {
	var out []int
	for _, f := range only(fs, id) {
		out = append(out, f.Line)
	}
	return out
}

// TestReference is the acceptance check: on the 2024-12-04
// report the linter finds what a careful reviewer would, and nothing
// about durations; the clean version passes the leftover, zone, order
// and duration rules.
func TestReference(t *testing.T) {
	_, fs := lintFile(t, sharedFile(t, "reference/2024-12-04-incident-report.md"), lint.DefaultSettings())
	if got := fmt.Sprint(lines(fs, "template-leftover")); got != "[17 28 30 50]" {
		t.Errorf("template-leftover on lines %s, want [17 28 30 50]", got)
	}
	if got := fmt.Sprint(lines(fs, "action-item-owner"), lines(fs, "action-item-due")); got != "[69 70] [69 70]" {
		t.Errorf("action items without owner/due on lines %s, want [69 70] [69 70]", got)
	}
	for _, id := range []string{"duration-mismatch", "impossible-window", "timeline-order", "timezone", "timestamp", "secret", "required-section", "heading-level"} {
		if f := only(fs, id); len(f) != 0 {
			t.Errorf("%s fired on the reference: %v", id, f)
		}
	}
	if len(fs) != 8 {
		t.Errorf("%d findings, want 8 (4 leftovers, 2 owners, 2 due dates): %v", len(fs), fs)
	}

	_, fs = lintFile(t, sharedFile(t, "reference/2024-12-04-incident-report.clean.md"), lint.DefaultSettings())
	for _, id := range []string{"template-leftover", "timezone", "timeline-order", "duration-mismatch", "impossible-window", "timestamp"} {
		if f := only(fs, id); len(f) != 0 {
			t.Errorf("%s fired on the clean reference: %v", id, f)
		}
	}
}

// TestCorpus checks the rules on real reports, against what NOTES.md
// says about each: a rule that must fire (line 0: anywhere) or must not.
// A case marked init is linted under the configuration 'postmortem init'
// writes (the course template, times in UTC), as a course team lints;
// the others with no configuration, the template recognised from the
// report's headings.
func TestCorpus(t *testing.T) {
	dir := sharedFile(t, "corpus/jwt-pizza")
	initConfig, err := config.Parse("init.yaml", config.Example)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		file, rule string
		fire       bool
		line       int
		init       bool
	}{
		{"01-Sremer", "template-leftover", true, 17, false},
		{"01-Sremer", "duration-mismatch", false, 0, false},
		{"01-Sremer", "heading-level", false, 0, false},
		{"01-Sremer", "required-section", false, 0, false},
		{"01-Sremer", "empty-section", false, 0, false},
		{"01-Sremer", "title-format", false, 0, false},
		{"01-Sremer", "timezone", false, 0, false},
		{"01-Sremer", "timestamp", false, 0, false},
		{"01-Sremer", "timeline-format", false, 0, false},
		{"01-Sremer", "impossible-window", false, 0, false},
		{"01-Sremer", "secret", false, 0, false},
		{"01-Sremer", "invalid-value", false, 0, false},
		{"27-Maillman", "timeline-order", false, 0, false},     // starts the night before, in order
		{"39-EthanHilton3", "timeline-order", false, 0, false}, // crosses midnight under date lines
		{"29-trevorkbond", "timeline-order", false, 0, false},  // many entries at the same minute
		{"05-ethanwait25", "impossible-window", true, 17, false},
		{"05-ethanwait25", "heading-level", false, 0, false}, // every section ##: consistent
		{"07-isaaclewis5001", "template-leftover", true, 0, false},
		{"07-isaaclewis5001", "empty-section", true, 3, false},
		{"08-Hyrum-Taylor", "required-section", true, 0, false}, // no Prevention
		{"08-Hyrum-Taylor", "title-format", true, 1, false},
		{"09-ajjget", "required-section", true, 0, false}, // no Impact
		{"09-ajjget", "timezone", true, 0, true},          // MST, where the team writes UTC
		{"09-ajjget", "timezone", false, 0, false},        // MST, stated: fine with no configured zone
		{"11-porterschollenberger", "template-leftover", true, 0, false},
		{"12-PorterNilsson", "duration-mismatch", true, 0, false}, // summary vs impact vs timeline
		{"13-devops329", "title-format", true, 1, false},          // no title line
		{"13-devops329", "timeline-format", true, 0, false},       // bare lines run into one paragraph
		{"18-bauchdj", "duration-mismatch", true, 17, false},      // 6hrs 30mins between 20:00 and 20:30
		{"19-Spencer4792", "secret", true, 0, false},
		{"20-alexueda", "secret", true, 48, false},
		{"20-alexueda", "timezone", true, 0, false}, // no zone line
		{"21-cnesbit1", "action-item-owner", false, 0, false},
		{"21-cnesbit1", "action-item-due", false, 0, false},
		{"23-ttrommlitz", "template-leftover", true, 1, false},    // title placeholder
		{"28-adammharris", "required-section", true, 0, false},    // no Action items
		{"28-adammharris", "timezone", true, 0, true},             // UTC-07:00, where the team writes UTC
		{"29-trevorkbond", "required-section", true, 0, false},    // no Resolution
		{"30-matt-stutzman", "required-section", true, 1, true},   // no headings at all
		{"30-matt-stutzman", "required-section", false, 0, false}, // no headings: no template recognised
		{"31-parksmojo", "template-leftover", true, 1, false},
		{"32-radmuffin", "heading-level", true, 1, false}, // every heading one level deeper
		{"35-jjwjohns", "secret", true, 54, false},
		{"36-yks808", "secret", false, 0, false},        // "myfactoryAPIKey" is a placeholder
		{"38-Ki11erRabbit", "timezone", true, 5, false}, // "11:41 am MST" under a UTC timeline
		{"39-EthanHilton3", "action-item-owner", false, 0, false},
		{"39-EthanHilton3", "timezone", true, 0, true}, // MST, where the team writes UTC
		{"42-evanscott1", "required-section", true, 0, false},
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	find := func(prefix string) string {
		for _, f := range files {
			if strings.HasPrefix(filepath.Base(f), prefix+"-") {
				return f
			}
		}
		return ""
	}
	cache := map[string][]lint.Finding{}
	for _, c := range cases {
		path := find(c.file)
		if path == "" {
			t.Errorf("corpus file %s not found", c.file)
			continue
		}
		key := fmt.Sprint(path, c.init)
		fs, ok := cache[key]
		if !ok {
			s := lint.DefaultSettings()
			if c.init {
				s = initConfig.Settings()
			}
			_, fs = lintFile(t, path, s)
			cache[key] = fs
		}
		got := lines(fs, c.rule)
		switch {
		case !c.fire && len(got) > 0:
			t.Errorf("%s: %s fired on lines %v: %v", c.file, c.rule, got, only(fs, c.rule))
		case c.fire && len(got) == 0:
			t.Errorf("%s: %s did not fire", c.file, c.rule)
		case c.fire && c.line > 0 && !containsInt(got, c.line):
			t.Errorf("%s: %s fired on lines %v, want line %d among them", c.file, c.rule, got, c.line)
		}
	}
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// TestUnseenReports lints every report in the corpus, including the
// ones no test above was written against: no panic, every finding inside
// the file with a known rule, no secret printed, and fixing keeps the
// document and is idempotent.
func TestUnseenReports(t *testing.T) {
	root := sharedFile(t, "corpus")
	var files []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && filepath.Base(p) != "NOTES.md" {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 10 {
		t.Skipf("only %d corpus files", len(files))
	}
	s := lint.DefaultSettings()
	s.Severity["blameful-language"] = lint.Warning
	linter := lint.New(rules.All())
	for _, p := range files {
		in, fs := lintFile(t, p, s)
		n := in.LineCount()
		for _, f := range fs {
			if f.Line < 1 || f.Line > n || f.Column < 1 || !linter.Known(f.Rule) || f.Message == "" {
				t.Errorf("%s: bad finding %+v (file has %d lines)", p, f, n)
			}
			if f.Rule == "secret" && strings.Contains(f.Message, "0000000000") {
				t.Errorf("%s: the secret finding prints the secret: %s", p, f.Message)
			}
		}
		out, _, err := linter.FixSource(filepath.Base(p), in.Source, s)
		if err != nil {
			t.Errorf("%s: fix: %v", p, err)
			continue
		}
		if again, _, _ := linter.FixSource(filepath.Base(p), out, s); string(again) != string(out) {
			t.Errorf("%s: --fix is not idempotent", p)
		}
	}
}
