package lsp

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/postmortem-cli/postmortem/internal/config"
	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/rules"
)

// units16 counts UTF-16 code units the way the editor does, through the
// standard library's encoder rather than this package's own counting.
func units16(s string) int { return len(utf16.Encode([]rune(s))) }

// applyEdits applies protocol edits to a text as a client would, with
// its own position arithmetic.
func applyEdits(t *testing.T, text string, edits []TextEdit) string {
	t.Helper()
	offset := func(p Position) int {
		lines := strings.SplitAfter(text, "\n")
		off := 0
		for i := 0; i < p.Line && i < len(lines); i++ {
			off += len(lines[i])
		}
		if p.Line >= len(lines) {
			return len(text)
		}
		line := strings.TrimRight(lines[p.Line], "\r\n")
		u := 0
		for i, r := range line {
			if u >= p.Character {
				return off + i
			}
			u += len(utf16.Encode([]rune{r}))
		}
		return off + len(line)
	}
	sorted := slices.Clone(edits)
	sort.SliceStable(sorted, func(i, j int) bool { return offset(sorted[i].Range.Start) > offset(sorted[j].Range.Start) })
	for _, e := range sorted {
		a, b := offset(e.Range.Start), offset(e.Range.End)
		text = text[:a] + e.NewText + text[b:]
	}
	return text
}

// lintFile is what `postmortem lint` finds in a text with the default
// settings, through the linter's own API.
func lintFile(t *testing.T, path, text string) []lint.Finding {
	t.Helper()
	in, err := lint.Load(path, []byte(text), settingsAt(t, path))
	if err != nil {
		t.Fatal(err)
	}
	return lint.New(rules.All()).Check(in)
}

// settingsAt are the settings of the configuration nearest path, as the
// server finds it.
func settingsAt(t *testing.T, path string) *lint.Settings {
	t.Helper()
	c, err := (&config.Finder{}).For(path)
	if err != nil {
		t.Fatal(err)
	}
	return c.Settings()
}

// TestDiagnosticsAreLintFindings: on open, the diagnostics are the
// linter's findings, rule for rule, with the rule as code, a link to its
// documentation, its severity, and columns in UTF-16 code units (the
// summary line has two emoji and an accented letter before the finding).
func TestDiagnosticsAreLintFindings(t *testing.T) {
	c, uri, path, text := openFixture(t, "incident.md")
	got := c.diagnostics(uri, 1)
	want := lintFile(t, path, text)
	if len(got.Diagnostics) != len(want) || len(want) != 6 {
		t.Fatalf("%d diagnostics, want %d (the fixture has 6 findings): %+v", len(got.Diagnostics), len(want), got.Diagnostics)
	}
	lines := strings.Split(text, "\n")
	for i, f := range want {
		d := got.Diagnostics[i]
		prefix := string([]rune(lines[f.Line-1])[:f.Column-1])
		if d.Code != f.Rule || d.Range.Start.Line != f.Line-1 || d.Range.Start.Character != units16(prefix) {
			t.Errorf("diagnostic %d = %s at %d:%d, want %s at %d:%d", i, d.Code, d.Range.Start.Line, d.Range.Start.Character, f.Rule, f.Line-1, units16(prefix))
		}
		if d.Message != f.Message || d.Severity != protocolSeverity(f.Severity) || d.Source != "postmortem" {
			t.Errorf("diagnostic %d = %q severity %d, want %q severity %v", i, d.Message, d.Severity, f.Message, f.Severity)
		}
		if d.CodeDescription == nil || d.CodeDescription.Href != "https://example.test/docs/rules.md#"+f.Rule {
			t.Errorf("diagnostic %d: codeDescription %+v", i, d.CodeDescription)
		}
	}
	first := got.Diagnostics[0]
	if first.Code != "duration-mismatch" || first.Range.Start.Character == utf16Len("")+want[0].Column-1 {
		t.Errorf("the summary line's emoji should move the UTF-16 column past the rune column: %+v", first.Range)
	}
}

// TestRuleAnchorsExist: every rule's codeDescription points at a heading
// of docs/rules.md (GitHub makes "### template-leftover" the anchor
// #template-leftover).
func TestRuleAnchorsExist(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	anchors := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^#{2,3} (.+)$`).FindAllStringSubmatch(string(doc), -1) {
		anchors[strings.ToLower(strings.ReplaceAll(strings.TrimSpace(m[1]), " ", "-"))] = true
	}
	for _, id := range ruleIDs() {
		if !anchors[id] {
			t.Errorf("docs/rules.md has no heading for rule %s", id)
		}
	}
}

// TestIncrementalAndFullSync: range edits in UTF-16 after emoji land
// where the editor meant them; a change without a range replaces the
// text; diagnostics carry the version they were computed for.
func TestIncrementalAndFullSync(t *testing.T) {
	c, uri, path, text := openFixture(t, "incident.md")
	c.diagnostics(uri, 1)

	// "45 minutes" on the summary line, after 💳 and 🔧: replace 45 by 22.
	lines := strings.Split(text, "\n")
	at := strings.Index(lines[4], "45 minutes")
	start := Position{4, units16(lines[4][:at])}
	end := Position{4, start.Character + 2}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []contentChange{{Range: &Range{start, end}, Text: "22"}}})
	got := c.diagnostics(uri, 2)
	for _, d := range got.Diagnostics {
		if d.Code == "duration-mismatch" {
			t.Errorf("duration-mismatch still reported after the edit: %+v", d)
		}
	}
	if len(got.Diagnostics) != 5 {
		t.Errorf("%d diagnostics after the edit, want 5", len(got.Diagnostics))
	}
	// The server's text is the client's: ask for the fix-all and compare
	// it with --fix on the text the client holds.
	want := strings.Replace(text, "45 minutes", "22 minutes", 1)
	checkFixAll(t, c, uri, path, want)

	// A full replacement (no range) with a text that has one finding less.
	full := strings.Replace(want, "2. Alert on the authorisation failure rate\n", "", 1)
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 3},
		"contentChanges": []contentChange{{Text: full}}})
	if got := c.diagnostics(uri, 3); len(got.Diagnostics) != 3 {
		t.Errorf("%d diagnostics after the full change, want 3 (the two leftovers and the CST time in a UTC report): %+v", len(got.Diagnostics), got.Diagnostics)
	}
}

func checkFixAll(t *testing.T, c *client, uri, path, text string) {
	t.Helper()
	var actions []CodeAction
	c.mustCall("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range": Range{}, "context": map[string]any{"diagnostics": []any{}, "only": []string{"source.fixAll"}}}, &actions)
	if len(actions) != 1 || actions[0].Kind != kindFixAll {
		t.Fatalf("fix-all actions: %+v", actions)
	}
	fixed, _, err := lint.New(rules.All()).FixSource(path, []byte(text), settingsAt(t, path))
	if err != nil {
		t.Fatal(err)
	}
	if got := applyEdits(t, text, actions[0].Edit.Changes[uri]); got != string(fixed) {
		t.Errorf("fix all gives\n%s\nwant (lint --fix)\n%s", got, fixed)
	}
}

// TestEveryFixIsAQuickFix: each finding --fix repairs (heading level,
// template leftover, timeline format, time zone line, unused
// suppression) has a quick fix bound to its diagnostic, preferred, whose
// edit is exactly the linter's fix; fix-all is exactly --fix.
func TestEveryFixIsAQuickFix(t *testing.T) {
	// The zone line is offered where the configuration names the zone.
	path, text := workspace(t, "fixes.md")
	if err := os.WriteFile(filepath.Join(filepath.Dir(path), config.FileName), []byte("timezone: UTC\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := startServer(t, Options{})
	c.initialize()
	uri := c.open(path, text)
	c.diagnostics(uri, 1)
	findings := lintFile(t, path, text)
	fixedRules := map[string]bool{}
	for _, f := range findings {
		if f.Fix == nil {
			continue
		}
		var actions []CodeAction
		r := Range{Position{f.Line - 1, 0}, Position{f.Line - 1, 0}}
		c.mustCall("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": r,
			"context": map[string]any{"diagnostics": []any{}, "only": []string{"quickfix"}}}, &actions)
		var fix *CodeAction
		for i, a := range actions {
			if a.Kind == kindQuickFix && a.IsPreferred && len(a.Diagnostics) == 1 && a.Diagnostics[0].Code == f.Rule {
				fix = &actions[i]
			}
		}
		if fix == nil {
			t.Errorf("%s at line %d: no quick fix in %+v", f.Rule, f.Line, actions)
			continue
		}
		want, _ := lint.Apply([]byte(text), []lint.Finding{f})
		if got := applyEdits(t, text, fix.Edit.Changes[uri]); got != string(want) {
			t.Errorf("%s (%s): quick fix gives\n%s\nwant\n%s", f.Rule, fix.Title, got, want)
		}
		fixedRules[f.Rule] = true
	}
	var fixable []string
	for _, d := range rules.Docs() {
		if d.Fixable && !fixedRules[d.ID] {
			fixable = append(fixable, d.ID)
		}
	}
	if len(fixable) > 0 {
		t.Errorf("fixes.md exercises no quick fix of %v; add a finding of each", fixable)
	}
	checkFixAll(t, c, uri, path, text)
}

// TestSuppressAction inserts a disable comment above the finding, after
// which the finding and the comment are both quiet.
func TestSuppressAction(t *testing.T) {
	c, uri, path, text := openFixture(t, "incident.md")
	c.diagnostics(uri, 1)
	var actions []CodeAction
	c.mustCall("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range": Range{Position{4, 10}, Position{4, 10}}, "context": map[string]any{"diagnostics": []any{}}}, &actions)
	var sup *CodeAction
	for i, a := range actions {
		if strings.HasPrefix(a.Title, "Suppress duration-mismatch") {
			sup = &actions[i]
		}
	}
	if sup == nil {
		t.Fatalf("no suppression among %+v", actions)
	}
	got := applyEdits(t, text, sup.Edit.Changes[uri])
	if !strings.Contains(got, "\n<!-- postmortem-disable-next-line duration-mismatch -->\nBetween 13:58") {
		t.Fatalf("suppression comment not above the line:\n%s", got)
	}
	for _, f := range lintFile(t, path, got) {
		if f.Rule == "duration-mismatch" || f.Rule == "unused-suppression" {
			t.Errorf("after suppressing: %s %s", f.Rule, f.Message)
		}
	}
}

// TestInlayHints: after each time, the UTC instant when it was written
// in another zone, and the impact so far; placed right after the time,
// in UTF-16.
func TestInlayHints(t *testing.T) {
	c, uri, _, _ := openFixture(t, "incident.md")
	var hints []InlayHint
	c.mustCall("textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range": Range{Position{0, 0}, Position{100, 0}}}, &hints)
	var labels []string
	for _, h := range hints {
		labels = append(labels, fmt.Sprintf("%d:%d %s", h.Position.Line, h.Position.Character, h.Label))
	}
	want := []string{
		"24:9 impact so far: 0 minutes",
		"25:9 impact so far: 3 minutes",
		"26:13 → 14:03 UTC; impact so far: 5 minutes",
		"27:9 impact so far: 14 minutes",
		"28:9 impact so far: 18 minutes",
		"29:9 impact so far: 22 minutes",
	}
	if strings.Join(labels, "\n") != strings.Join(want, "\n") {
		t.Errorf("hints:\n%s\nwant\n%s", strings.Join(labels, "\n"), strings.Join(want, "\n"))
	}
	// A range of one line asks for that line's hint only.
	c.mustCall("textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range": Range{Position{26, 0}, Position{26, 40}}}, &hints)
	if len(hints) != 1 || !strings.HasPrefix(hints[0].Label, "→ 14:03 UTC") {
		t.Errorf("hints on line 26: %+v", hints)
	}
}

// TestHover: on a time, the instant in UTC and in the report's zone; on
// a milestone, the metrics it starts and ends with their values.
func TestHover(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mst.yaml")
	text := readFixture(t, "mst.yaml")
	c := startServer(t, Options{})
	c.initialize()
	uri := c.open(path, text)
	lines := strings.Split(text, "\n")
	find := func(s string) Position {
		for i, l := range lines {
			if j := strings.Index(l, s); j >= 0 {
				return Position{i, units16(l[:j]) + 1}
			}
		}
		t.Fatalf("%q not in mst.yaml", s)
		return Position{}
	}
	var h Hover
	c.mustCall("textDocument/hover", positionIn(uri, find(`"12:36"`)), &h)
	for _, want := range []string{"**19:36 UTC, Wed 4 Dec 2024** (2024-12-04T19:36:00Z)", "In the report's zone (MST): 12:36 MST", "impact so far: 2 minutes", "Milestone **detected**", "ends **Time to detect**: 2 minutes", "starts **Time to acknowledge**: 1 minute"} {
		if !strings.Contains(h.Contents.Value, want) {
			t.Errorf("hover on a time lacks %q:\n%s", want, h.Contents.Value)
		}
	}
	c.mustCall("textDocument/hover", positionIn(uri, find("milestone: resolved")), &h)
	for _, want := range []string{"Milestone **resolved**", "ends **Impact**: 13 minutes", "ends **Time to resolve**: 13 minutes"} {
		if !strings.Contains(h.Contents.Value, want) {
			t.Errorf("hover on a milestone lacks %q:\n%s", want, h.Contents.Value)
		}
	}
	// In YAML the hint goes after the value's closing quote.
	var hints []InlayHint
	c.mustCall("textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range": Range{Position{0, 0}, Position{40, 0}}}, &hints)
	if at := find(`"12:36"`); len(hints) != 5 || hints[1].Position != (Position{at.Line, at.Character + 6}) || hints[1].Label != "→ 19:36 UTC; impact so far: 2 minutes" {
		t.Errorf("hints in a YAML document: %+v", hints)
	}
	if hints[3].Label != "impact so far: 11 minutes" {
		t.Errorf("a time written in UTC gets no instant: %+v", hints[3])
	}
	var none json.RawMessage
	c.mustCall("textDocument/hover", positionIn(uri, Position{0, 0}), &none)
	if string(none) != "null" {
		t.Errorf("hover away from times: %s, want null", none)
	}
}

// TestDocumentSymbols: the sections in order, the timeline's entries
// under it.
func TestDocumentSymbols(t *testing.T) {
	c, uri, _, _ := openFixture(t, "incident.md")
	var syms []DocumentSymbol
	c.mustCall("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": uri}}, &syms)
	var names []string
	for _, s := range syms {
		names = append(names, s.Name)
		if s.Name == "Timeline" {
			if len(s.Children) != 6 || s.Children[2].Name != "08:03 CST José acknowledged the page from the café ☕" || s.Children[2].Detail != "acknowledged, 14:03 UTC" {
				t.Errorf("timeline children: %+v", s.Children)
			}
			for _, ch := range s.Children {
				if ch.Range.Start.Line < s.Range.Start.Line || ch.Range.End.Line > s.Range.End.Line {
					t.Errorf("entry %q outside its section", ch.Name)
				}
			}
		}
	}
	want := "Incident: 2025-03-11 14-20-00|Summary|Detection|Impact|Timeline|Response|Root cause|Resolution|Prevention|Action items"
	if strings.Join(names, "|") != want {
		t.Errorf("symbols %s, want %s", strings.Join(names, "|"), want)
	}
}

// TestCompletion offers milestones, severities and headings where they
// are written.
func TestCompletion(t *testing.T) {
	dir := t.TempDir()
	c := startServer(t, Options{})
	c.initialize()
	labels := func(uri string, p Position) []string {
		var l completionList
		c.mustCall("textDocument/completion", positionIn(uri, p), &l)
		var out []string
		sort.Slice(l.Items, func(i, j int) bool { return l.Items[i].SortText < l.Items[j].SortText })
		for _, it := range l.Items {
			out = append(out, it.Label)
		}
		return out
	}
	yaml := c.open(filepath.Join(dir, "doc.yaml"), "version: 1\nseverity: S\ntimeline:\n  - time: \"19:34\"\n    milestone: de\n")
	if got := labels(yaml, Position{4, 17}); strings.Join(got, ",") != "started,detected,acknowledged,investigating,identified,mitigated,resolved" {
		t.Errorf("milestones: %v", got)
	}
	if got := labels(yaml, Position{1, 11}); strings.Join(got, ",") != "SEV-1,SEV-2,SEV-3,SEV-4" {
		t.Errorf("severities: %v", got)
	}
	md := c.open(filepath.Join(dir, "r.md"), "# Incident\n\n## Summary\n\nText.\n\n## \n")
	got := labels(md, Position{6, 3})
	if len(got) != 9 || got[0] != "## Detection" || got[len(got)-1] != "## Summary" || !slices.Contains(got, "# Root cause") {
		t.Errorf("headings (missing ones first, template levels): %v", got)
	}
	if got := labels(md, Position{4, 2}); len(got) != 0 {
		t.Errorf("completion in prose: %v", got)
	}
}

// TestConfigReload: a broken .postmortem.yaml is one diagnostic on it
// while files are checked with the defaults; once it is fixed and the
// client says so, the diagnostic goes and its settings apply.
func TestConfigReload(t *testing.T) {
	path, text := workspace(t, "incident.md")
	cfg := filepath.Join(filepath.Dir(path), ".postmortem.yaml")
	if err := os.WriteFile(cfg, []byte("rules:\n  template-leftover: off\n  no-such-rule: error\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := startServer(t, Options{})
	c.initialize()
	uri := c.open(path, text)
	bad := c.diagnostics(fileURI(cfg), -1)
	if len(bad.Diagnostics) != 1 || !strings.Contains(bad.Diagnostics[0].Message, `unknown rule "no-such-rule"`) {
		t.Fatalf("config diagnostics: %+v", bad.Diagnostics)
	}
	if got := c.diagnostics(uri, 1); len(got.Diagnostics) != 6 {
		t.Errorf("with a broken config, %d diagnostics; want the default settings' 6", len(got.Diagnostics))
	}
	// Opened in the editor, the configuration keeps its one diagnostic.
	raw, _ := os.ReadFile(cfg)
	cfgURI := c.open(cfg, string(raw))
	if got := c.diagnostics(cfgURI, 1); len(got.Diagnostics) != 1 || got.Diagnostics[0].Range.Start.Line != 0 {
		t.Errorf("the open configuration's diagnostics: %+v", got.Diagnostics)
	}
	if err := os.WriteFile(cfg, []byte("rules:\n  template-leftover: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": fileURI(cfg), "type": 2}}})
	if got := c.diagnostics(fileURI(cfg), -1); len(got.Diagnostics) != 0 {
		t.Errorf("config diagnostics after the fix: %+v", got.Diagnostics)
	}
	got := c.diagnostics(uri, 1)
	for _, d := range got.Diagnostics {
		if d.Code == "template-leftover" {
			t.Errorf("template-leftover still reported with the rule off")
		}
	}
	if len(got.Diagnostics) != 4 {
		t.Errorf("%d diagnostics with the fixed config, want 4", len(got.Diagnostics))
	}
}

// TestYAMLThatIsNotAPostmortem gets no diagnostics; a broken postmortem
// document gets one at the loader's position.
func TestYAMLThatIsNotAPostmortem(t *testing.T) {
	dir := t.TempDir()
	c := startServer(t, Options{})
	c.initialize()
	ci := c.open(filepath.Join(dir, "ci.yml"), "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n")
	if got := c.diagnostics(ci, 1); len(got.Diagnostics) != 0 {
		t.Errorf("a CI workflow got diagnostics: %+v", got.Diagnostics)
	}
	doc := c.open(filepath.Join(dir, "pm.yaml"), "version: 1\nsummary: x\ntimline: []\n")
	got := c.diagnostics(doc, 1)
	if len(got.Diagnostics) != 1 || got.Diagnostics[0].Range.Start.Line != 2 || !strings.Contains(got.Diagnostics[0].Message, "timline") {
		t.Errorf("a document with an unknown key: %+v", got.Diagnostics)
	}
}
