package lint_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/rules"
)

func base(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("rules/testdata/template-leftover/pass_clean.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func check(t *testing.T, src string) []lint.Finding {
	t.Helper()
	in, err := lint.Load("r.md", []byte(src), lint.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	return lint.New(rules.All()).Check(in)
}

func summary(fs []lint.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%d %s\n", f.Line, f.Rule)
	}
	return b.String()
}

const instruction = "Describe how the incident impacted internal and external users during the incident. Include how many support cases were raised.\n\n"

func TestSuppressions(t *testing.T) {
	src := base(t)
	withLeftover := strings.Replace(src, "## Impact\n\n", "## Impact\n\n"+instruction, 1)
	if got := summary(check(t, withLeftover)); got != "13 template-leftover\n" {
		t.Fatalf("without suppression: %q", got)
	}
	cases := []struct{ name, src, want string }{
		{"next line", strings.Replace(withLeftover, instruction, "<!-- postmortem-disable-next-line template-leftover -->\n"+instruction, 1), ""},
		{"next line, all rules", strings.Replace(withLeftover, instruction, "<!-- postmortem-disable-next-line -->\n"+instruction, 1), ""},
		{"next line, other rule", strings.Replace(withLeftover, instruction, "<!-- postmortem-disable-next-line secret -->\n"+instruction, 1),
			"13 unused-suppression\n14 template-leftover\n"},
		{"block", strings.Replace(withLeftover, "## Impact\n", "<!-- postmortem-disable template-leftover -->\n## Impact\n", 1), ""},
		{"block re-enabled", strings.Replace(withLeftover, "## Impact\n", "<!-- postmortem-disable template-leftover -->\n<!-- postmortem-enable template-leftover -->\n## Impact\n", 1),
			"11 unused-suppression\n15 template-leftover\n"},
		{"unknown rule", strings.Replace(src, "## Impact\n", "<!-- postmortem-disable no-such-rule -->\n## Impact\n", 1),
			"11 unused-suppression\n"},
		{"inside a code fence", strings.Replace(src, "## Impact\n", "```\n<!-- postmortem-disable -->\n```\n\n## Impact\n", 1), ""},
	}
	for _, c := range cases {
		if got := summary(check(t, c.src)); got != c.want {
			t.Errorf("%s: got\n%swant\n%s", c.name, got, c.want)
		}
	}
	// The unused-suppression finding can fix itself: --fix deletes the comment.
	src2 := strings.Replace(src, "## Impact\n", "<!-- postmortem-disable secret -->\n## Impact\n", 1)
	out, fs, err := lint.New(rules.All()).FixSource("r.md", []byte(src2), lint.DefaultSettings())
	if err != nil || string(out) != src || len(fs) != 0 {
		t.Errorf("fixing an unused suppression: err %v, findings %v, changed=%v", err, fs, string(out) != src)
	}
}

func TestApply(t *testing.T) {
	src := []byte("a\nb\nc\nd\n")
	fs := []lint.Finding{
		{Fix: lint.DeleteLines(2, 2)},
		{Fix: lint.ReplaceLine(2, "B")}, // overlaps the first: left for the next round
		{Fix: lint.InsertBefore(4, "x", "")},
		{Fix: lint.ReplaceLine(1, "A")},
	}
	out, n := lint.Apply(src, fs)
	if string(out) != "A\nc\nx\n\nd\n" || n != 3 {
		t.Errorf("Apply = %q, %d", out, n)
	}
	crlf, _ := lint.Apply([]byte("a\r\nb\r\n"), []lint.Finding{{Fix: lint.ReplaceLine(2, "B")}})
	if string(crlf) != "a\r\nB\r\n" {
		t.Errorf("CRLF kept: %q", crlf)
	}
	noEOL, _ := lint.Apply([]byte("a\nb"), []lint.Finding{{Fix: lint.ReplaceLine(1, "A")}})
	if string(noEOL) != "A\nb" {
		t.Errorf("missing final newline kept: %q", noEOL)
	}
}

// TestRunKeepsOrder lints many files with several workers: results come
// back in the order given, whatever order the workers finish in.
func TestRunKeepsOrder(t *testing.T) {
	dir := t.TempDir()
	src := base(t)
	var paths []string
	for i := 0; i < 40; i++ {
		p := filepath.Join(dir, fmt.Sprintf("r%02d.md", i))
		text := src
		if i%3 == 0 {
			text = strings.Replace(src, "## Impact\n\n", "## Impact\n\n"+instruction, 1)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	paths = append(paths, filepath.Join(dir, "missing.md"))
	var got []string
	lint.New(rules.All()).Run(paths, lint.Options{Workers: 4}, func(r lint.Result) {
		got = append(got, filepath.Base(r.Path))
		i := len(got) - 1
		if i < 40 && (len(r.Findings) > 0) != (i%3 == 0) {
			t.Errorf("%s: %d findings", r.Path, len(r.Findings))
		}
		if i == 40 && r.Err == nil {
			t.Error("missing file: want an error")
		}
	})
	for i, name := range got[:40] {
		if name != fmt.Sprintf("r%02d.md", i) {
			t.Fatalf("result %d is %s: out of order", i, name)
		}
	}
}

func TestUnifiedDiff(t *testing.T) {
	a := "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n"
	b := "one\nTWO\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\n"
	want := `--- a/f.md
+++ b/f.md
@@ -1,5 +1,5 @@
 one
-two
+TWO
 three
 four
 five
@@ -8,3 +8,4 @@
 eight
 nine
 ten
+eleven
`
	if got := lint.UnifiedDiff("f.md", []byte(a), []byte(b)); got != want {
		t.Errorf("diff:\n%s\nwant:\n%s", got, want)
	}
}

// panicky is a rule with a bug: it panics on files whose title mentions
// "boom".
type panicky struct{}

func (panicky) Doc() lint.Doc {
	return lint.Doc{ID: "panicky", Severity: lint.Error, Summary: "a buggy rule"}
}
func (panicky) Check(in *lint.Input, emit func(lint.Finding)) {
	if strings.Contains(string(in.Source), "boom") {
		var s []int
		_ = s[3]
	}
	emit(lint.Finding{Line: 1, Message: "checked"})
}

// A rule that panics on one file fails that file with an internal error
// naming it; the other files are still linted.
func TestRunSurvivesABuggyRule(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for _, name := range []string{"a.md", "boom.md", "c.md"} {
		p := filepath.Join(dir, name)
		text := "# Incident\n\n## Summary\n\nThe outage.\n"
		if name == "boom.md" {
			text = "# boom\n\n## Summary\n\nThe outage.\n"
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	var got []lint.Result
	lint.New([]lint.Rule{panicky{}}).Run(paths, lint.Options{Workers: 2}, func(r lint.Result) { got = append(got, r) })
	if len(got) != 3 {
		t.Fatalf("%d results, want 3", len(got))
	}
	for i, r := range got {
		if i == 1 {
			if !errors.Is(r.Err, lint.ErrInternal) || !strings.Contains(r.Err.Error(), "boom.md: internal error: the program failed on this file") || !strings.Contains(r.Err.Error(), "index out of range") {
				t.Errorf("boom.md: %v", r.Err)
			}
			continue
		}
		if r.Err != nil || len(r.Findings) != 1 {
			t.Errorf("%s: %v, %d findings", r.Path, r.Err, len(r.Findings))
		}
	}
}

// TestFrontMatterAsImported: lint skips front matter as the importer
// reads it. A report that opens with a thematic break ("---" never
// closed) has no front matter, and its headings still show its template;
// real front matter is skipped.
func TestFrontMatterAsImported(t *testing.T) {
	for name, src := range map[string]string{
		"a break first":     "---\n\n" + base(t),
		"real front matter": "---\nseverity: SEV2\n---\n\n" + base(t),
	} {
		in, err := lint.Load("r.md", []byte(src), lint.DefaultSettings())
		if err != nil {
			t.Fatal(err)
		}
		if got := in.Template.Preset.Name; got != "course" {
			t.Errorf("%s: template %q, want course", name, got)
		}
	}
}
