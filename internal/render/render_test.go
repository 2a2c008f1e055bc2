package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// Golden files are rewritten only when asked: UPDATE_GOLDEN=1 go test ./internal/render
var update = os.Getenv("UPDATE_GOLDEN") != ""

func load(t testing.TB, path string) (*document.Document, *document.Resolved) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := document.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	r, probs := document.Validate(doc)
	if len(probs) > 0 {
		t.Fatalf("%s: %v", path, probs)
	}
	return doc, r
}

func renderWith(t testing.TB, tmpl string, doc *document.Document, r *document.Resolved) []byte {
	t.Helper()
	tm, err := Builtin(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	out, err := tm.Markdown(doc, r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (UPDATE_GOLDEN=1 rewrites it; review the diff):\n%s", golden, firstDiff(string(want), string(got)))
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
		}
	}
	return "(trailing bytes differ)"
}

func TestGolden(t *testing.T) {
	cases := []struct{ doc, tmpl, golden string }{
		{"2024-12-04.yaml", "default", "2024-12-04.md"},
		{"2024-12-04.yaml", "tables", "2024-12-04.tables.md"},
		{"full.yaml", "default", "full.default.md"},
		{"full.yaml", "tables", "full.tables.md"},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			doc, r := load(t, filepath.Join("../../testdata", c.doc))
			checkGolden(t, filepath.Join("../../testdata/golden", c.golden), renderWith(t, c.tmpl, doc, r))
		})
	}
}

// TestSeedReproducesTheReference is the product's promise: the seed
// document renders to the clean 2024-12-04 report, byte for byte.
func TestSeedReproducesTheReference(t *testing.T) {
	ref, err := os.ReadFile("../../../shared/reference/2024-12-04-incident-report.clean.md")
	if err != nil {
		t.Skip("../shared is not here:", err)
	}
	doc, r := load(t, "../../testdata/2024-12-04.yaml")
	if got := renderWith(t, "default", doc, r); !bytes.Equal(got, ref) {
		t.Errorf("render differs from the clean reference:\n%s", firstDiff(string(ref), string(got)))
	}
}

// headings parses Markdown the way GitHub does and lists its headings.
func headings(src []byte) []string {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	root := md.Parser().Parse(text.NewReader(src))
	var out []string
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			out = append(out, strings.Repeat("#", h.Level)+" "+string(h.Lines().Value(src)))
		}
		return ast.WalkContinue, nil
	})
	return out
}

// TestUserTextCannotBreakStructure fills every prose field with Markdown
// that would start a heading, underline a line into a heading, or open a
// fence or comment that swallows the rest; the report must keep exactly
// its own headings, and table cells their columns.
func TestUserTextCannotBreakStructure(t *testing.T) {
	nasty := []string{
		"# Injected heading",
		"   ## indented heading",
		"line\n===",
		"line\n---",
		"```go\nfunc main() {",
		"~~~~\nunclosed tilde fence",
		"<!-- open comment",
		"text <!-- inline open comment",
		"| a | b |\n|---|---|",
	}
	for _, n := range nasty {
		doc := &document.Document{Version: 1, Date: "2024-12-04",
			Summary: n, Detection: n, Response: n, RootCause: n, Resolution: n, Prevention: n,
			Impact:      document.Impact{Description: n, Affected: n},
			Timeline:    []document.Event{{Time: "19:34", Event: n}},
			ActionItems: []document.ActionItem{{Description: n, Owner: "a|b"}},
			Sections:    []document.Section{{Heading: "Notes #", Body: n}},
		}
		r, _ := document.Validate(doc)
		for _, tmpl := range Builtins() {
			out := renderWith(t, tmpl, doc, r)
			got := headings(out)
			want := map[string][]string{
				"default": {"# Incident", "## Summary", "## Detection", "## Impact", "## Timeline", "## Response",
					"# Root cause", "## Resolution", "# Prevention", "# Action items", "## Notes \\#"},
				"course-v2": {"# Incident", "## Summary", "## Detection", "## Impact", "## Timeline", "## Response",
					"## Root cause", "## Resolution", "## Prevention", "## Action items", "## Notes \\#"},
				"tables": {"# Incident", "## Summary", "## Detection", "## Impact", "## Metrics", "## Timeline", "## Response",
					"## Root cause", "## Resolution", "## Prevention", "## Action items", "## Notes \\#"},
				"google-sre": {"# Incident", "## Date", "## Summary", "## Impact", "## Root Causes", "## Resolution", "## Detection",
					"## Action Items", "## Timeline", "## Response", "## Prevention", "## Notes \\#"},
				"pagerduty": {"# Incident", "## Overview", "## Root Causes", "## Resolution", "## Impact", "## Responders",
					"## Timeline", "## Action Items", "## Detection", "## Prevention", "## Notes \\#"},
				"atlassian": {"# Incident", "## Incident summary", "## Impact", "## Detection", "## Response", "## Recovery",
					"## Timeline", "## Root cause", "## Corrective actions", "## Prevention", "## Notes \\#"},
			}[tmpl]
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("template %s, text %q: headings\n%s\nwant\n%s\n--- output:\n%s", tmpl, n, strings.Join(got, "\n"), strings.Join(want, "\n"), out)
			}
		}
	}
}

func TestCellEscapesPipes(t *testing.T) {
	if got := Cell("a | b\nc"); got != `a \| b c` {
		t.Errorf("Cell = %q", got)
	}
}

func TestUserTemplateErrorsNameFileAndLine(t *testing.T) {
	_, err := Compile("my.md.tmpl", "# {{.Title}}\n\n{{.Title | nosuchfunc}}\n")
	if err == nil || !strings.HasPrefix(err.Error(), "my.md.tmpl:3: ") {
		t.Errorf("parse error = %v, want it to start with my.md.tmpl:3:", err)
	}
	tm, err := Compile("my.md.tmpl", "# {{.Title}}\n{{.Nope}}\n")
	if err != nil {
		t.Fatal(err)
	}
	doc, r := load(t, "../../testdata/2024-12-04.yaml")
	_, err = tm.Markdown(doc, r, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "my.md.tmpl:2:2: ") || strings.Contains(err.Error(), "template:") {
		t.Errorf("exec error = %v, want it to start with my.md.tmpl:2:2:", err)
	}
}

func TestUnknownBuiltin(t *testing.T) {
	_, err := Builtin("fancy")
	if err == nil || !strings.Contains(err.Error(), "course-v2, default, google-sre, pagerduty, tables") {
		t.Errorf("err = %v", err)
	}
}

func BenchmarkLoadValidateRender(b *testing.B) {
	data, err := os.ReadFile("../../testdata/2024-12-04.yaml")
	if err != nil {
		b.Fatal(err)
	}
	tm, err := Builtin("default")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		doc, err := document.Parse("seed.yaml", data)
		if err != nil {
			b.Fatal(err)
		}
		r, _ := document.Validate(doc)
		if _, err := tm.Markdown(doc, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
