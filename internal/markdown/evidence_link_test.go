package markdown

import (
	"testing"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/render"
)

// What rendering appends to an entry taken from the evidence, import
// takes back; a person's own link stays in the text.
func TestSplitEvidenceRef(t *testing.T) {
	for _, ev := range []document.Event{
		{Event: "Ana Lima: rolling back", Source: "slack:C0INC42/1730606700.000400", Link: "https://acme.slack.com/archives/C0INC42/p1730606700000400"},
		{Event: "ben: fixed (see #general)", Source: "slack:C0INC42/1730615400.000600", Link: "/archives/C0INC42/p1730615400000600?thread_ts=1730606280.000100&cid=C0INC42"},
		{Event: "PagerDuty: Acknowledged by Ana Lima", Source: "pagerduty:R03ACK", Link: "https://acme.pagerduty.com/incidents/PINC42"},
		{Event: "Status page updated", Link: "https://status.acme.dev/incidents/42"},
		{Event: "Commit 4f2a9c1 by Ana Lima: Revert", Source: "git:4f2a9c1e0000000000000000000000000000beef"},
		{Event: `odd "source"`, Source: `grafana "prod" | eu`, Link: "https://grafana.acme.dev/d/x"},
	} {
		text := ev.Event + render.EvidenceRef(ev.Source, ev.Link)
		gotEvent, gotSource, gotLink := splitEvidenceRef(text)
		if gotEvent != ev.Event || gotSource != ev.Source || gotLink != ev.Link {
			t.Errorf("%q read back as %q, %q, %q", text, gotEvent, gotSource, gotLink)
		}
	}
	for _, text := range []string{
		"Rolled back (see [the graph](https://grafana.acme.dev/d/x))",
		"Deploy (v4.2)",
		"Paged the DBA (`psql`)",
		"",
	} {
		if e, s, l := splitEvidenceRef(text); e != text || s != "" || l != "" {
			t.Errorf("%q taken as evidence: %q, %q, %q", text, e, s, l)
		}
	}
}

// A rendered report imports back with its entries' sources and links.
func TestImportReadsEvidenceLinks(t *testing.T) {
	doc := &document.Document{Version: 1, Date: "2024-11-03", Timeline: []document.Event{
		{Time: "04:02", Event: "Grafana alert fires", Milestone: "detected"},
		{Time: "04:05", Event: "Ana Lima: rolling back", Source: "slack:C0INC42/1730606700.000400", Link: "https://acme.slack.com/archives/C0INC42/p1730606700000400"},
	}}
	r, _ := document.Resolve(doc)
	tmpl, err := render.Builtin("default")
	if err != nil {
		t.Fatal(err)
	}
	md, err := tmpl.Markdown(doc, r, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Import("r.md", md)
	if err != nil {
		t.Fatal(err)
	}
	tl := rep.Doc.Timeline
	if len(tl) != 2 || tl[1].Event != doc.Timeline[1].Event || tl[1].Source != doc.Timeline[1].Source || tl[1].Link != doc.Timeline[1].Link || tl[0].Source != "" {
		t.Fatalf("imported %+v from\n%s", tl, md)
	}
}
