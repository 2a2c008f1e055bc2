package render

import (
	"regexp"
	"strings"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/document"
)

func renderMermaid(t *testing.T, tmpl string, doc *document.Document, r *document.Resolved) []byte {
	t.Helper()
	tm, err := Builtin(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	out, err := tm.Markdown(doc, r, Options{Mermaid: true})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The seed report with --mermaid: the diagram follows the timeline.
func TestMermaidGolden(t *testing.T) {
	doc, r := load(t, "../../testdata/2024-12-04.yaml")
	checkGolden(t, "../../testdata/golden/2024-12-04.mermaid.md", renderMermaid(t, "default", doc, r))
	// full.yaml crosses midnight and carries text that tries to break out.
	doc, r = load(t, "../../testdata/full.yaml")
	checkGolden(t, "../../testdata/golden/full.mermaid.md", renderMermaid(t, "default", doc, r))
}

func TestMermaidText(t *testing.T) {
	for in, want := range map[string]string{
		"Pizza factory begins returning 500 errors": "Pizza factory begins returning 500 errors",
		"Error rate: 50%; see #ops":                 "Error rate#58; 50#37;#59; see #35;ops",
		"line one\nline two\t end":                  "line one line two end",
		"Called the vendor":                         "#67;alled the vendor",
		"section of the cluster down":               "#115;ection of the cluster down",
		"2024-12-04 deploy":                         "#50;024-12-04 deploy",
		"Run `kubectl rollout undo`":                "Run #96;kubectl rollout undo#96;",
		"literal #59; stays literal":                "literal #35;59#59; stays literal",
		"  ":                                        "(no text)",
		"Titled thing":                              "#84;itled thing",
	} {
		if got := mermaidText(in, 0); got != want {
			t.Errorf("mermaidText(%q) = %q, want %q", in, got, want)
		}
	}
	if got := mermaidText("abcdefghij", 5); got != "abcd…" {
		t.Errorf("limit: %q", got)
	}
}

// Read the way Mermaid reads it (entity codes such as #58; replaced
// before lexing), every task line has exactly one ":" (the start of its
// data) and no line carries the characters that end or comment out a
// statement.
func TestMermaidLinesParse(t *testing.T) {
	doc, r := load(t, "../../testdata/full.yaml")
	body := mermaidDiagram(doc, r)
	if body == "" {
		t.Fatal("no diagram")
	}
	entities := regexp.MustCompile(`#\w+;`)
	taskLine := regexp.MustCompile(`^[^:]+ :(crit, )?(milestone, )?[a-z0-9]+, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d, (0m|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)$`)
	for _, line := range strings.Split(body, "\n")[1:] {
		line = entities.ReplaceAllString(strings.TrimSpace(line), "E")
		if strings.HasPrefix(line, "axisFormat ") {
			continue // its % directives are the format itself
		}
		if strings.ContainsAny(line, "#;%`") {
			t.Errorf("syntax characters left in %q", line)
		}
		if mermaidKeyword().MatchString(line) || line == "todayMarker off" {
			continue
		}
		if !taskLine.MatchString(line) {
			t.Errorf("task line would not parse as one task: %q", line)
		}
	}
}

func TestMermaidNothingToDraw(t *testing.T) {
	doc := &document.Document{Version: 1, Timeline: []document.Event{{Event: "no time"}}}
	r, _ := document.Resolve(doc)
	if got := mermaidDiagram(doc, r); got != "" {
		t.Errorf("want no diagram, got %q", got)
	}
}

// FuzzMermaidText: whatever a timeline says, the escaped text is one line
// that the gantt lexer reads as a task name and nothing else.
func FuzzMermaidText(f *testing.F) {
	for _, s := range []string{"Pizza factory: 500s", "#59;", "%%{init}%%", "click here", "2024-12-04 x", "a\nsection b", "`x`", "Ünïcödé ✅", "title: x"} {
		f.Add(s)
	}
	entities := regexp.MustCompile(`#\w+;`)
	f.Fuzz(func(t *testing.T, s string) {
		got := mermaidText(s, 60)
		if strings.ContainsAny(got, "\n\r") {
			t.Fatalf("newline in %q", got)
		}
		lexed := entities.ReplaceAllString(got, "E")
		if strings.ContainsAny(lexed, "#;:%`") {
			t.Fatalf("syntax character left in %q (from %q)", got, s)
		}
		if mermaidKeyword().MatchString(lexed) || strings.TrimSpace(lexed) == "" {
			t.Fatalf("%q starts like a statement or is empty", got)
		}
	})
}

// A template can show the diagram always, through .Diagram, without the flag.
func TestMermaidPerTemplate(t *testing.T) {
	doc, r := load(t, "../../testdata/2024-12-04.yaml")
	tm, err := Compile("always.md.tmpl", "{{with .Diagram}}```mermaid\n{{.}}\n```{{end}}\n")
	if err != nil {
		t.Fatal(err)
	}
	out, err := tm.Markdown(doc, r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "```mermaid\n" + mermaidDiagram(doc, r) + "\n```\n"; string(out) != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}
