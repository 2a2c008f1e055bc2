package site

import (
	"bytes"
	"embed"
	"html/template"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/document"
)

//go:embed testdata/templates/*.html
var testTemplates embed.FS

// The index and the overdue actions were html/template pages
// (testdata/templates); the code that writes them now must write the
// same bytes, on the fixture, on the hostile report and on text made of
// every character the template engine escapes.
func TestIndexAsTemplate(t *testing.T) {
	old := template.Must(template.New("").Funcs(template.FuncMap{"head": head, "foot": foot}).
		ParseFS(testTemplates, "testdata/templates/*.html"))
	odd := "a+b \x00 <i>x</i> & \"q\" 'a' ü ✓ \t end"
	doc := &document.Document{Version: 1, Date: "2025-02-03", Title: odd, Severity: odd, Summary: odd, Trigger: odd,
		Services: []string{odd, "plain"}, Tags: []string{odd}, ContributingFactors: []document.Factor{{Term: odd}},
		Timeline:    []document.Event{{Time: "10:00", Event: "x", Milestone: "started"}, {Time: "10:30", Event: "y", Milestone: "resolved"}},
		ActionItems: []document.ActionItem{{Description: odd, Owner: odd, Due: "2025-01-01", Ticket: odd}, {Description: odd, Due: "2024-12-01"}}}
	r, _ := document.Resolve(doc)
	undated := &document.Document{Version: 1, Title: "No date"}
	ur, _ := document.Resolve(undated)
	for name, incs := range map[string][]Incident{
		"fixture": fixture(),
		"odd":     append(fixture(), Incident{File: "pm/odd+name.yaml", Doc: doc, R: r}, Incident{File: "pm/undated.yaml", Doc: undated, R: ur}),
		"none":    {{File: "pm/undated.yaml", Doc: undated, R: ur}},
	} {
		s := newSite(incs, Options{Today: today}.withDefaults())
		for _, page := range []struct {
			name string
			data any
			got  []byte
		}{
			{"index.html", s.indexPage(), writeIndex(s.indexPage())},
			{"actions.html", s.actionsPage(), writeOverdue(s.actionsPage())},
		} {
			var b bytes.Buffer
			if err := old.ExecuteTemplate(&b, page.name, page.data); err != nil {
				t.Fatal(err)
			}
			want := b.Bytes()
			if string(page.got) != string(want) {
				t.Errorf("%s, %s: the code writes\n%s\nthe template wrote\n%s", name, page.name, firstDiff(page.got, want), firstDiff(want, page.got))
			}
		}
	}
}

// firstDiff is a's text around where it first differs from b.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return string(a[max(0, i-200):min(len(a), i+200)])
}
