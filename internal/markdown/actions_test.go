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

// TestActionDetails: the details in an item's closing parenthesis, a due
// date with or without its colon; other text after a comma stays with
// the detail before it, and an owner that names nobody goes back to the
// description. Labelled details may also follow the item after a dash or
// a bar ("— **Owner:** Infra — **Due:** 2024-02-15") or as sentences
// ("Owner: Kim. Due: Sep 1"), and an owner may be a handle alone in
// parentheses or after a dash ("(@jonas)"), not after a sentence.
func TestActionDetails(t *testing.T) {
	for in, want := range map[string]document.ActionItem{
		"Add a canary stage (owner: @lena, due 2023-04-01)":       {Description: "Add a canary stage", Owner: "@lena", Due: "2023-04-01"},
		"Add a canary stage (Owner: Lena, Due: 2023-04-01)":       {Description: "Add a canary stage", Owner: "Lena", Due: "2023-04-01"},
		"Add a canary stage (owner: Lena, due by 4/1)":            {Description: "Add a canary stage", Owner: "Lena", Due: "4/1"},
		"Add a canary stage (owner: Lena, due soon after v2)":     {Description: "Add a canary stage (Lena, due soon after v2)"},
		"Add a canary stage (owner: platform team, ticket: P-7)":  {Description: "Add a canary stage", Owner: "platform team", Ticket: "P-7"},
		"Staged rollout — **Owner:** Infra — **Due:** 2024-02-15": {Description: "Staged rollout", Owner: "Infra", Due: "2024-02-15"},
		"Faster rollback - Owner: J. Park":                        {Description: "Faster rollback", Owner: "J. Park"},
		"Retry - with backoff | status: blocked on vendor":        {Description: "Retry - with backoff (status: blocked on vendor)"},
		"Page the on-call - then the lead":                        {Description: "Page the on-call - then the lead"},
		"Review the rules. Owner: Kim. Due: Sep 1":                {Description: "Review the rules", Owner: "Kim", Due: "Sep 1"},
		"Review the rules. Owner: J. Park. Due: 2022-09-01.":      {Description: "Review the rules", Owner: "J. Park", Due: "2022-09-01"},
		`Add a canary (owner: Ana, due: 2024\-03\-20)`:            {Description: "Add a canary", Owner: "Ana", Due: "2024-03-20"},
		"Add an env check (@jonas)":                               {Description: "Add an env check", Owner: "@jonas"},
		"Add an env check — @jonas":                               {Description: "Add an env check", Owner: "@jonas"},
		"Ask the vendor. Thanks @mia":                             {Description: "Ask the vendor. Thanks @mia"},
		"Make the call idempotent — billing team, due 2023-12-15": {Description: "Make the call idempotent", Owner: "billing team", Due: "2023-12-15"},
		"Alert on duplicates - SRE, due: 2023-12-01, ticket: B-9": {Description: "Alert on duplicates", Owner: "SRE", Due: "2023-12-01", Ticket: "B-9"},
		"Retry - with backoff, jitter, and a cap":                 {Description: "Retry - with backoff, jitter, and a cap"},
		"Load test checkout [due 2024-04-15] @bo":                 {Description: "Load test checkout", Owner: "@bo", Due: "2024-04-15"},
		"Add cache alarm (owner: ana) [CHK-13]":                   {Description: "Add cache alarm", Owner: "ana", Ticket: "CHK-13"},
		"Read the [runbook][rb]":                                  {Description: "Read the [runbook][rb]"},
		"Alert on cache disk health @Ana":                         {Description: "Alert on cache disk health", Owner: "@Ana"},
		"Fix the (flaky) check @ana":                              {Description: "Fix the (flaky) check", Owner: "@ana"},
		"Sync the runbook with @ana":                              {Description: "Sync the runbook with @ana"},
		"Page @ana":                                               {Description: "Page @ana"},
		"Ask the vendor (@support)?":                              {Description: "Ask the vendor (@support)?"},
	} {
		x := &extractor{out: newReport("r.md", nil, "")}
		x.addAction(in, &line{n: 1, col: 1})
		if got := x.out.Doc.ActionItems; len(got) != 1 || got[0] != want {
			t.Errorf("%q read as %+v, want %+v", in, got, want)
		}
	}
}

// TestFollowUpParagraphs: under a "## Follow-up" heading, paragraphs and
// nothing else are one item each; one paragraph, or a label
// ("**Follow-up:**"), is one item.
func TestFollowUpParagraphs(t *testing.T) {
	for src, want := range map[string][]string{
		"# Outage on 2024-12-04\n\n## Follow-up\n\nNotify more people.\n\nFix the monitor's URL\n(done).\n": {"Notify more people.", "Fix the monitor's URL"},
		"# Outage on 2024-12-04\n\n## Follow-up\n\nNotify more people\nand page twice.\n":                   {"Notify more people and page twice."},
		"# Outage on 2024-12-04\n\n## Summary\n\nIt broke.\n\n**Follow-up:** Notify more people.\n":         {"Notify more people."},
	} {
		rep, err := Import("a.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range rep.Doc.ActionItems {
			got = append(got, a.Description)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: items %q, want %q", src, got, want)
		}
	}
}

// TestActionNotes: text in an action items section that is no item (a
// lead-in, a closing remark, a table of something else, what follows a
// thematic break) is kept as the section "Action item notes".
func TestActionNotes(t *testing.T) {
	src := "# Outage on 2024-12-04\n\n## Action items\n\nWe agreed on these:\n\n- Add an alert (owner: ana)\n- Fix retries\n\nBoth are tracked on the board.\n\n" +
		"| Metric | Before | After |\n|---|---|---|\n| p99 | 2s | 300ms |\n\n---\n\n*Signed, the ops team*\n"
	rep, err := Import("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rep.Doc.ActionItems); n != 2 {
		t.Errorf("%d items, want 2: %+v", n, rep.Doc.ActionItems)
	}
	want := []document.Section{{Heading: "Action item notes", Body: "We agreed on these:\n\nBoth are tracked on the board.\n\n" +
		"| Metric | Before | After |\n|---|---|---|\n| p99 | 2s | 300ms |\n\n*Signed, the ops team*"}}
	if !reflect.DeepEqual(rep.Doc.Sections, want) {
		t.Errorf("sections\n got %q\nwant %q", rep.Doc.Sections, want)
	}
}

// TestTaskListBesideTable: beside a table of items, a list is a legend,
// but a task list is items; a table's Jira and Target date columns are
// its ticket and due date.
func TestTaskListBesideTable(t *testing.T) {
	src := "# Outage on 2024-03-05\n\n## Action items\n\n| Action Item | Assignee | Jira | Target Date |\n|---|---|---|---|\n| Resize the cache | Dana | CHK-12 | 2024-04-01 |\n\n- [ ] Load test checkout [due 2024-04-15] @bo\n"
	rep, err := Import("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []document.ActionItem{
		{Description: "Resize the cache", Owner: "Dana", Due: "2024-04-01", Ticket: "CHK-12"},
		{Description: "Load test checkout", Owner: "@bo", Due: "2024-04-15"},
	}
	if !reflect.DeepEqual(rep.Doc.ActionItems, want) {
		t.Errorf("items\n got %+v\nwant %+v", rep.Doc.ActionItems, want)
	}
}
