package rules_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/lint/rules"
)

const docPath = "../../../docs/rules.md"

// ruleReference renders every rule's section of docs/rules.md from the
// rule's own description, so the reference cannot drift from the code.
func ruleReference() string {
	var b strings.Builder
	b.WriteString("| Rule | Default | Fixable | What it reports |\n|---|---|---|---|\n")
	for _, d := range rules.Docs() {
		sev := d.Severity.String()
		if d.Disabled {
			sev = "off"
		}
		fix := ""
		if d.Fixable {
			fix = "yes"
		}
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s |\n", d.ID, d.ID, sev, fix, strings.ReplaceAll(d.Summary, "|", "\\|"))
	}
	for _, d := range rules.Docs() {
		fmt.Fprintf(&b, "\n### %s\n\n", d.ID)
		sev := d.Severity.String()
		if d.Disabled {
			sev = "off by default (" + sev + " when enabled)"
		}
		fmt.Fprintf(&b, "Default severity: **%s**. Fixable: **%s**.", sev, map[bool]string{true: "yes", false: "no"}[d.Fixable])
		if d.Config != "" {
			fmt.Fprintf(&b, " Configured by: `%s`.", d.Config)
		}
		fmt.Fprintf(&b, "\n\nReports %s.\n\n%s\n\nBad:\n\n```markdown\n%s\n```\n\nGood:\n\n```markdown\n%s\n```\n",
			d.Summary, strings.ReplaceAll(d.Rationale, "\n", " "), d.Bad, d.Good)
	}
	return b.String()
}

// TestRulesDocIsCurrent keeps docs/rules.md's rule reference (between
// the rules:start and rules:end markers) equal to the rules' own
// descriptions. UPDATE_GOLDEN=1 rewrites the block.
func TestRulesDocIsCurrent(t *testing.T) {
	data, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	const start, end = "<!-- rules:start -->\n", "<!-- rules:end -->"
	i, j := strings.Index(doc, start), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the %q and %q markers", docPath, start, end)
	}
	want := doc[:i+len(start)] + ruleReference() + doc[j:]
	if doc == want {
		return
	}
	if update {
		if err := os.WriteFile(docPath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s is out of date with the rules; run UPDATE_GOLDEN=1 go test ./internal/lint/rules -run TestRulesDocIsCurrent", docPath)
}
