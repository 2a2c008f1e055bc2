package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
func TestCorpus(t *testing.T) {
	dir := sharedFile(t, "corpus/jwt-pizza")
	cases := []struct {
		file, rule string
		fire       bool
		line       int
	}{
		{"01-Sremer", "template-leftover", true, 17},
		{"01-Sremer", "duration-mismatch", false, 0},
		{"01-Sremer", "heading-level", false, 0},
		{"01-Sremer", "required-section", false, 0},
		{"01-Sremer", "empty-section", false, 0},
		{"01-Sremer", "title-format", false, 0},
		{"01-Sremer", "timezone", false, 0},
		{"01-Sremer", "timestamp", false, 0},
		{"01-Sremer", "timeline-format", false, 0},
		{"01-Sremer", "impossible-window", false, 0},
		{"01-Sremer", "secret", false, 0},
		{"01-Sremer", "invalid-value", false, 0},
		{"27-Maillman", "timeline-order", false, 0},     // starts the night before, in order
		{"39-EthanHilton3", "timeline-order", false, 0}, // crosses midnight under date lines
		{"29-trevorkbond", "timeline-order", false, 0},  // many entries at the same minute
		{"05-ethanwait25", "impossible-window", true, 17},
		{"05-ethanwait25", "heading-level", false, 0}, // every section ##: consistent
		{"07-isaaclewis5001", "template-leftover", true, 0},
		{"07-isaaclewis5001", "empty-section", true, 3},
		{"08-Hyrum-Taylor", "required-section", true, 0}, // no Prevention
		{"08-Hyrum-Taylor", "title-format", true, 1},
		{"09-ajjget", "required-section", true, 0}, // no Impact
		{"09-ajjget", "timezone", true, 0},         // MST
		{"11-porterschollenberger", "template-leftover", true, 0},
		{"12-PorterNilsson", "duration-mismatch", true, 0}, // summary vs impact vs timeline
		{"13-devops329", "title-format", true, 1},          // no title line
		{"13-devops329", "timeline-format", true, 0},       // bare lines run into one paragraph
		{"18-bauchdj", "duration-mismatch", true, 17},      // 6hrs 30mins between 20:00 and 20:30
		{"19-Spencer4792", "secret", true, 0},
		{"20-alexueda", "secret", true, 48},
		{"20-alexueda", "timezone", true, 0}, // no zone line
		{"21-cnesbit1", "action-item-owner", false, 0},
		{"21-cnesbit1", "action-item-due", false, 0},
		{"23-ttrommlitz", "template-leftover", true, 1}, // title placeholder
		{"28-adammharris", "required-section", true, 0}, // no Action items
		{"28-adammharris", "timezone", true, 0},         // UTC-07:00
		{"29-trevorkbond", "required-section", true, 0}, // no Resolution
		{"30-matt-stutzman", "required-section", true, 1},
		{"31-parksmojo", "template-leftover", true, 1},
		{"32-radmuffin", "heading-level", true, 1}, // every heading one level deeper
		{"35-jjwjohns", "secret", true, 54},
		{"36-yks808", "secret", false, 0},        // "myfactoryAPIKey" is a placeholder
		{"38-Ki11erRabbit", "timezone", true, 5}, // "11:41 am MST" under a UTC timeline
		{"39-EthanHilton3", "action-item-owner", false, 0},
		{"39-EthanHilton3", "timezone", true, 0}, // MST
		{"42-evanscott1", "required-section", true, 0},
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
		fs, ok := cache[path]
		if !ok {
			_, fs = lintFile(t, path, lint.DefaultSettings())
			cache[path] = fs
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
