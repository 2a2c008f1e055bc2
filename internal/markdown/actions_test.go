package markdown

import (
	"reflect"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// TestActionItemsEndAtBreaks: an item ends at a thematic break, at text
// after the list that is not indented under its last item, and at a
// table; none of them is part of its description, and a table that is
// not a table of items does not hide the list above it. The fixture's
// golden file cuts descriptions at 90 characters; this test compares
// them whole.
func TestActionItemsEndAtBreaks(t *testing.T) {
	rep := importFixture(t, "../../testdata/import/action-breaks.md")
	var got []string
	for _, a := range rep.Doc.ActionItems {
		got = append(got, a.Description)
	}
	want := []string{
		"Alert on queue depth above 10k",
		"Add a consumer lag panel to the billing dashboard",
		"**Autoscale consumers** Trigger: queue depth Limit: 20 pods",
		"Run a quarterly failover drill",
		"Share the report with support",
		"Close the incident ticket",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("action items\n got %q\nwant %q", got, want)
	}
	// the break before "## Action items" separates the sections
	if s := "The billing queue backed up for forty minutes after a consumer deploy."; rep.Doc.Summary != s {
		t.Errorf("summary %q, want %q", rep.Doc.Summary, s)
	}
}

// TestOneActionEndsAtBreak: a section that is one item ("## Follow-up")
// ends at a thematic break; the sign-off under it is not the item's.
func TestOneActionEndsAtBreak(t *testing.T) {
	src := "# Outage on 2024-12-04\n\n## Follow-up\n\nRotate the keys\nweekly.\n\n---\n\n*Signed, the ops team*\n"
	rep, err := Import("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []document.ActionItem{{Description: "Rotate the keys weekly."}}
	if !reflect.DeepEqual(rep.Doc.ActionItems, want) {
		t.Errorf("action items %+v, want %+v", rep.Doc.ActionItems, want)
	}
}
