package markdown

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

func TestParseEntry(t *testing.T) {
	for _, tc := range []struct {
		in                           string
		date, clock, zone, rng, text string
	}{
		{"- _19:34_ - Pizza factory begins returning 500 errors", "", "19:34", "", "", "Pizza factory begins returning 500 errors"},
		{"_20:44:00_ - First users see latency", "", "20:44:00", "", "", "First users see latency"},
		{"*5:10* - Simulation traffic fails", "", "5:10", "", "", "Simulation traffic fails"},
		{"**10:30 AM**: Engineer began investigation", "", "10:30 AM", "", "", "Engineer began investigation"},
		{"_01:10 AM_: Certificate replaced", "", "01:10 AM", "", "", "Certificate replaced"},
		{"11:00 am pizza orders were being unfulfilled.", "", "11:00 am", "", "", "pizza orders were being unfulfilled."},
		{"13:00 — Authorization logs show failures", "", "13:00", "", "", "Authorization logs show failures"},
		{"17:50 – Response body was investigated", "", "17:50", "", "", "Response body was investigated"},
		{"•\t10:30 - Initial alerts triggered", "", "10:30", "", "", "Initial alerts triggered"},
		{"-\t17:30 - Orders began to fail", "", "17:30", "", "", "Orders began to fail"},
		{"12:10:00 – 12:15:00 – Team waited", "", "12:10:00", "", "12:15:00", "Team waited"},
		{"_12:01_ - _12:02_ - Retries", "", "12:01", "", "12:02", "Retries"},
		{"* **10:10:30** - Success rate drops", "", "10:10:30", "", "", "Success rate drops"},
		{"**± 17:20 UTC:** an engineer took a snapshot", "", "17:20", "UTC", "", "an engineer took a snapshot"},
		{"2024-12-05 00:10 - Follow-up", "2024-12-05", "00:10", "", "", "Follow-up"},
		{"_19:34 - broken emphasis", "", "19:34", "", "", "broken emphasis"},
		{"**10:30 AM**", "", "10:30 AM", "", "", ""},
		{"[19:34] Deploy started", "", "19:34", "", "", "Deploy started"},
		{"19:34:05.123 - Request logged", "", "19:34:05.123", "", "", "Request logged"},
		{"7pm - Rollback", "", "7pm", "", "", "Rollback"},
		{"At 19:34, the alert fired", "", "19:34", "", "", "the alert fired"},
		{"- around 10:30 - restarted", "", "10:30", "", "", "restarted"},
		{"- 7:34 p.m. - Paged", "", "7:34 p.m.", "", "", "Paged"},
		{"2024-12-04T19:34:00Z - Deploy started", "2024-12-04", "19:34:00", "Z", "", "Deploy started"},
		// the meridiem, and a zone, inside the emphasis belong to the time
		{"- _2:35 PM_ - Payment fails", "", "2:35 PM", "", "", "Payment fails"},
		{"- *2:35 pm* - Payment fails", "", "2:35 pm", "", "", "Payment fails"},
		{"- _2:35 PM UTC_ - Payment fails", "", "2:35 PM", "UTC", "", "Payment fails"},
		{"- **14:35 MST**: Payment fails", "", "14:35", "MST", "", "Payment fails"},
		// the text's own emphasis stays; the marks closing the time's go
		{"- 09:14 **OUTAGE BEGINS** -- tiles fail", "", "09:14", "", "", "**OUTAGE BEGINS** -- tiles fail"},
		{"- 09:15 *alert* fires", "", "09:15", "", "", "*alert* fires"},
		{"**14:02 –** Deploy starts", "", "14:02", "", "", "Deploy starts"},
		{"**14:02 –**Deploy starts", "", "14:02", "", "", "Deploy starts"},
		// an escaped separator (Google Docs exports)
		{`* 14:02 \- Deploy of search\-api`, "", "14:02", "", "", `Deploy of search\-api`},
		// the date after the clock, after "on"
		{"- 15:45 UTC on 01 July 2024 – Customer impact began.", "01 July 2024", "15:45", "UTC", "", "Customer impact began."},
		// a bold label before the time is the text's
		{"**Start** (14:02): errors begin", "", "14:02", "", "", "Start: errors begin"},
		{"**Detection** — 14:05: alert fired", "", "14:05", "", "", "Detection: alert fired"},
		{"**Resolved** at 14:30", "", "14:30", "", "", "Resolved"},
		// a backslash hard break is no part of the text
		{`**14:02** — deploy starts\`, "", "14:02", "", "", "deploy starts"},
		// a time in parentheses
		{"- (14:02) Cache cluster restarted", "", "14:02", "", "", "Cache cluster restarted"},
		// a day's name before the time
		{"Tue 09:12 - consumer crash loop starts", "", "09:12", "", "", "consumer crash loop starts"},
		{"- Monday, 10:30 - restarted", "", "10:30", "", "", "restarted"},
		// no-break spaces separate like spaces
		{"*5:19*\u00a0Orders fail", "", "5:19", "", "", "Orders fail"},
		{"- _5:19_\u00a0-\u00a0Orders fail", "", "5:19", "", "", "Orders fail"},
		{"- 2:35\u202fPM - Paged", "", "2:35 PM", "", "", "Paged"},
	} {
		e, ok := parseEntry(tc.in, timeparse.Lex(tc.in))
		if !ok {
			t.Errorf("parseEntry(%q): not an entry", tc.in)
			continue
		}
		got := []string{e.date, e.clock, e.zone, e.rangeTo, e.text}
		want := []string{tc.date, tc.clock, tc.zone, tc.rng, tc.text}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("parseEntry(%q) = %q, want %q", tc.in, got, want)
		}
	}
	for _, in := range []string{"All times are UTC.", "Version 1.2 shipped", "The 500 errors began", "- Postmortem scheduled"} {
		if e, ok := parseEntry(in, timeparse.Lex(in)); ok {
			t.Errorf("parseEntry(%q) = %+v, want no entry", in, e)
		}
	}
}

// An entry whose time is followed by a no-break space, and one with its
// meridiem inside the emphasis, read with their times through Import.
func TestEntryTimesThroughImport(t *testing.T) {
	src := "# Incident\n\n## Timeline\n\nAll times are UTC.\n\n*5:19*\u00a0Orders fail\n\n- _2:35 PM_ - Payment fails\n"
	rep, err := Import("2024-12-04-r.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range rep.Doc.Timeline {
		got = append(got, ev.RawTime+" | "+ev.Event)
	}
	want := []string{"5:19 | Orders fail", "2:35 PM | Payment fails"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("timeline = %q, want %q", got, want)
	}
}

func TestClassifyHeading(t *testing.T) {
	for in, want := range map[string]string{
		"Summary": "summary", "Root cause(s)": "root_cause", "Root Cause Analysis": "root_cause",
		"Five whys": "root_cause", "Action Items": "action_items", "Corrective actions": "action_items",
		"Timeline of events": "timeline", "Timeline (MST)": "timeline", "Recovery": "resolution",
		"2. Detection": "detection", "**Impact**": "impact", "Action Items (Updated for Grafana)": "action_items",
		"Data loss impact": "impact", "Root cause, Prevention, and Resolution": "root_cause prevention resolution",
		"1️⃣ Summary": "summary", "🕒 Timeline": "timeline", "Step 3: Resolution": "",
		"Lessons learned": "", "Leadup": "", "Database setup": "", "Broken recovery procedures": "",
		// names from real teams' reports and the published templates
		"Issue Summary": "summary", "Corrective and Preventative Measures": "prevention",
		"Details of mitigation": "resolution", "Diagnosis": "root_cause", "The Vulnerability": "root_cause",
		"Trigger": "root_cause", "Whys": "root_cause", "Technical cause": "root_cause",
		"Consolidated root causes": "root_cause", "Impact Analysis": "impact", "Open follow-ups": "action_items",
		"What we’re doing to fix this": "action_items", "Recommendations for v4.0": "action_items",
		"Recovery and Lessons Learned": "resolution", "Preventive Enhancements": "prevention",
		"Timeline (all times PST) 01/16/2024 - 02/28/2024. All times approximations": "timeline",
		"Timeline (all times PST ) Saturday Oct 30th 2021 - Monday Nov 1st, 2021":    "timeline",
		"5. Timeline (UTC)": "timeline", "Impact - EU region": "impact", "Follow-ups": "action_items",
		"Post-resolution": "", "Why was this hard to detect?": "", "Backlog check": "", "Recurrence": "",
		"How come we didn’t pick this up on testnet?": "", "Root cause {{ .Cause }}": "root_cause",
		// the questions blog-style and status reports ask as headings
		"Who was affected?": "impact", "Why did this happen?": "root_cause", "How did we fix it?": "resolution",
		"What are we doing about it?": "action_items", "Remediation and follow-up steps": "action_items",
		"How we responded": "response",
	} {
		if got := strings.Join(SectionKinds(in), " "); got != want {
			t.Errorf("SectionKinds(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLabelLine(t *testing.T) {
	for in, want := range map[string]string{
		"Summary:": "summary|", "**Root cause:** a stale cache": "root_cause|a stale cache",
		"_Action items_": "action_items|", "Timeline": "timeline|", "Root Cause: the pool": "root_cause|the pool",
		"Impact was small": "", "Who responded, when, and what they did:": "",
	} {
		kinds, _, rest, ok := labelLine(in)
		got := ""
		if ok {
			got = strings.Join(kinds, " ") + "|" + rest
		}
		if got != want {
			t.Errorf("labelLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestZones(t *testing.T) {
	for in, want := range map[string]string{
		"All times are UTC.": "UTC", "All times are in UTC.": "UTC", "**All times are UTC.**": "UTC",
		"All times are UTC:": "UTC", "All times are MST.": "MST", "All times are UTC-07:00": "UTC-07:00",
		"2015-10-21 (*all times UTC*)": "UTC", "All times are Mountain time": "America/Denver", "All times in UC/Pacific": "America/Los_Angeles",
		"All timestamps are in UTC.": "UTC", "Times are in PST": "PST", "Time zone: UTC-05:00": "UTC-05:00",
	} {
		if z := zoneLineIn(timeparse.Lex(in)); z == nil || z.Stamp.Zone.Name != want {
			t.Errorf("zone line %q = %+v; want %q", in, z, want)
		}
	}
}

// TestTitlesAndDates: the title's variants and where the incident date
// comes from (title, file name with a 2-digit year, metadata, text).
func TestTitlesAndDates(t *testing.T) {
	for _, tc := range []struct {
		name, src, title, date, zone string
		placeholder                  bool
	}{
		{"a.md", "# Incident: 2024-12-04 19-47-00\n", "Incident: 2024-12-04 19-47-00", "2024-12-04", "", false},
		{"a.md", "# Incident: 2024-12-04 20:44:30 UTC\n", "Incident: 2024-12-04 20:44:30 UTC", "2024-12-04", "UTC", false},
		{"a.md", "# Incident: 2024-12-05 10:24\n", "Incident: 2024-12-05 10:24", "2024-12-05", "", false},
		{"a.md", "# Incident: ~2025-04-07 08-40\n", "Incident: ~2025-04-07 08-40", "2025-04-07", "", false},
		{"incident-25-12-05-1.md", "# Incident: YYYY-MM-DD HH-mm-ss\n", "", "2025-12-05", "", true},
		{"2026-04-02.md", "# Incident: INC-2291\n", "Incident: INC-2291", "2026-04-02", "", false},
		{"a.md", "## Incident: 2025-04-04 10-45-00\n\n### Summary\n\nx\n", "Incident: 2025-04-04 10-45-00", "2025-04-04", "", false},
		{"a.md", "# Outage\n\n**Date:** December 2, 2025\n", "Outage", "2025-12-02", "", false},
		{"a.md", "Summary:\n\nOn April 8, 2025 the API failed.\n", "", "2025-04-08", "", false},
	} {
		rep, err := Import(tc.name, []byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		zone := ""
		if rep.Zone != nil {
			zone = rep.Zone.Name
		}
		ph := rep.Title != nil && rep.Title.Placeholder
		if rep.Doc.Title != tc.title || rep.Doc.Date != tc.date || zone != tc.zone || ph != tc.placeholder {
			t.Errorf("%s %q: title %q date %q zone %q placeholder %v; want %q %q %q %v", tc.name, tc.src,
				rep.Doc.Title, rep.Doc.Date, zone, ph, tc.title, tc.date, tc.zone, tc.placeholder)
		}
	}
}

// TestPositions: validation problems on an imported report point at the
// Markdown line.
func TestPositions(t *testing.T) {
	src := "# Outage on 2024-12-04\n\n## Summary\n\nShort.\n\n## Impact\n\nBad.\n\n## Timeline\n\nAll times are UTC.\n\n- _19:40_ - b\n- _19:34_ - a\n\n## Action items\n\n1. Fix\n"
	rep, err := Import("p.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	pos := rep.Doc.Source
	for path, want := range map[string]document.Position{
		"title": {Line: 1, Column: 3}, "summary": {Line: 5, Column: 1}, "impact": {Line: 7, Column: 4},
		"timeline.1.time": {Line: 16, Column: 4}, "timeline.0": {Line: 15, Column: 1},
		"action_items.0": {Line: 20, Column: 4}, "timezone": {Line: 13, Column: 1},
	} {
		if got := pos.Pos(path); got != want {
			t.Errorf("position of %s = %v, want %v", path, got, want)
		}
	}
	_, probs := document.Validate(rep.Doc)
	if len(probs) != 1 || pos.Pos(probs[0].Path).Line != 16 {
		t.Errorf("validation problems %v; want one on line 16", probs)
	}
}

// TestUnusableInput: too large, binary and invalid UTF-8 are errors that
// say so, at the place they start.
func TestUnusableInput(t *testing.T) {
	for name, src := range map[string][]byte{
		"file is 4194305 bytes; the limit is 4194304": bytes.Repeat([]byte("a"), document.MaxSize+1),
		"1:3: binary file (NUL byte)":                 []byte("ab\x00"),
		"2:2: invalid UTF-8":                          []byte("ok\nx\xffy"),
	} {
		_, err := Import("x.md", src)
		if err == nil || !strings.Contains(err.Error(), name) || !errors.Is(err, document.ErrUnusable) {
			t.Errorf("Import: %v; want an unusable-input error containing %q", err, name)
		}
	}
}

// TestLinearCost: importing eight times the text takes about eight times
// as long (generous bound; the machine is shared), for a report of many
// sections and for one action item of many sentences (its labelled
// details are read from its end).
func TestLinearCost(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	unit := []byte("## Timeline\n\nAll times are UTC.\n\n- _19:34_ - Pizza factory begins returning 500 errors\n" +
		"wrapped continuation line\n**10:30 AM**: bold time\n13:00 — dash\n\n## Summary\n\nSome prose with {PLACEHOLDER} and 11:00 am MT.\n\n" +
		"> [!NOTE]\n> instructions\n\n| Time | Event |\n| --- | --- |\n| 10:00 | x |\n\n")
	longItem := func(n int) []byte {
		return []byte("## Action items\n\n- " + strings.Repeat("Do this. Then that - and more | etc. — @x ", n) + "\n")
	}
	for _, c := range []struct {
		name string
		src  func(n int) []byte
		n    int
	}{{"sections", func(n int) []byte { return bytes.Repeat(unit, n) }, 500}, {"one long item", longItem, 2000}} {
		measure := func(n int) time.Duration {
			src := c.src(n)
			best := time.Duration(1 << 62)
			for i := 0; i < 3; i++ {
				start := time.Now()
				if _, err := Import("big.md", src); err != nil {
					t.Fatal(err)
				}
				best = min(best, time.Since(start))
			}
			return best
		}
		small, large := measure(c.n), measure(8*c.n)
		ratio := float64(large) / float64(small)
		t.Logf("%s: 8x the input took %.1fx the time (%v vs %v)", c.name, ratio, large, small)
		if ratio > 24 {
			t.Errorf("%s: import cost grows faster than linearly: %.1fx for 8x the input", c.name, ratio)
		}
	}
}

// TestTimelineShapes: entries as headings, a table with separate date and
// time columns, and inline month dates.
func TestTimelineShapes(t *testing.T) {
	src := "# Outage on 2024-12-04\n\n## Timeline\n\nAll times are UTC.\n\n## 19:34 - Alert fired\n\nThe checkout alert went off.\n\n## 19:50 - Resolved\n\n## Root cause\n\nA bad deploy.\n"
	rep, err := Import("h.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rep.Doc.Timeline); n != 2 || rep.Doc.RootCause != "A bad deploy." {
		t.Errorf("headings as entries: %d entries, root cause %q", n, rep.Doc.RootCause)
	}
	src = "# Outage\n\n## Timeline\n\n| Date | Time (UTC) | What happened |\n| --- | --- | --- |\n| 2024-12-04 | 23:50 | Errors start |\n| 2024-12-05 | 00:10 | Rolled back |\n\n## Later\n\nDec 5, 01:00 - not a timeline\n"
	rep, err = Import("t.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, _ := document.Resolve(rep.Doc)
	if len(r.Times) != 2 || r.Times[1].Format(time.RFC3339) != "2024-12-05T00:10:00Z" || r.Times[0].Format(time.RFC3339) != "2024-12-04T23:50:00Z" {
		t.Errorf("date and time columns: %v", r.Times)
	}
	src = "# Outage\n\n## Timeline\n\nAll times are UTC.\n\n- Dec 4, 2024, 23:50 - Errors start\n- Dec 5, 2024 00:10 - Rolled back\n"
	rep, err = Import("m.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, _ = document.Resolve(rep.Doc)
	if len(r.Times) != 2 || r.Times[1].Format(time.RFC3339) != "2024-12-05T00:10:00Z" {
		t.Errorf("inline month dates: %v %+v", r.Times, rep.Doc.Timeline)
	}
}

func TestActionItemForms(t *testing.T) {
	src := "# Outage on 2024-12-04\n\n## Follow-up tasks\n\nWe will do the following:\n\n- [ ] Add a canary (Owner: Ana, Due: 2024-12-20)\n- [x] Roll back the config\n  and document it\n- Add tests (owner: Backend team, due: 2025-12-09).\n"
	rep, err := Import("a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []document.ActionItem{
		{Description: "Add a canary", Owner: "Ana", Due: "2024-12-20"},
		{Description: "Roll back the config and document it", Status: "done"},
		{Description: "Add tests", Owner: "Backend team", Due: "2025-12-09"},
	}
	if !reflect.DeepEqual(rep.Doc.ActionItems, want) {
		t.Errorf("action items %+v, want %+v", rep.Doc.ActionItems, want)
	}
}

// BenchmarkImport imports the largest fixture report.
func BenchmarkImport(b *testing.B) {
	src, err := os.ReadFile("../../testdata/import/date-lines-mst.md")
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Import("bench.md", src); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTimelineInCodeBlock(t *testing.T) {
	src := "# Outage on 2024-12-04\n\n## Timeline (UTC)\n\n```\n19:34  alert fired\n19:40  rollback started\n```\n\n```json\n{\"at\": \"19:50\"}\n```\n"
	rep, err := Import("c.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rep.Doc.Timeline); n != 2 {
		t.Errorf("%d entries from a plain code block, want 2: %+v", n, rep.Doc.Timeline)
	}
}

// TestEverydayLabels: "Fix: ..." among action items stays an item.
func TestEverydayLabels(t *testing.T) {
	src := "Summary:\n\nThe pool ran dry.\n\nAction Items:\n\nFix: raise the pool size.\nCause: review the config diff.\n\nRoot cause: a bad default.\n"
	rep, err := Import("e.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, s := range rep.Sections {
		kinds = append(kinds, strings.Join(s.Kinds, "+"))
	}
	if got := strings.Join(kinds, " "); got != "summary action_items root_cause" || len(rep.Doc.ActionItems) != 2 || rep.Doc.RootCause != "a bad default." {
		t.Errorf("sections %q, %d action items, root cause %q", got, len(rep.Doc.ActionItems), rep.Doc.RootCause)
	}
}

// TestTimelineNotes: text in a timeline section that is no entry is kept
// as the section "Timeline notes" (a heading entry's details under its
// heading), with a note; a section with no entry whose text writes times
// gets a warning instead.
func TestTimelineNotes(t *testing.T) {
	for _, tc := range []struct {
		name, timeline, notes, diag string
	}{
		{"lead-in and remark", "All times UTC.\n\nFrom the Slack channel:\n\n- 10:00 - a\n- 10:05 - b\n\nThen we went home.\n",
			"From the Slack channel:\n\nThen we went home.", "text in the timeline that is no entry"},
		{"heading details", "All times UTC.\n\n### 10:00 - Alert\n\nThe pager went off.\n\n### 10:05 - Fixed\n",
			"**10:00 - Alert**\n\nThe pager went off.", "text in the timeline that is no entry"},
		{"prose", "The morning went badly.\n", "The morning went badly.", "text in the timeline that is no entry"},
		{"prose with times", "The deploy went out at 14:02; alarms fired at 14:09.\n",
			"The deploy went out at 14:02; alarms fired at 14:09.", "the timeline has no entry import can read"},
		{"a log excerpt beside a list", "All times UTC.\n\n- 10:00 - a\n- 10:05 - b\n\n```\n10:01:33,123 ERROR stalled\n```\n\n```log\nmore\n```\n",
			"```\n10:01:33,123 ERROR stalled\n```\n\n```log\nmore\n```", "text in the timeline that is no entry"},
	} {
		src := "# Outage 2024-05-01\n\n## Timeline\n\n" + tc.timeline + "\n## Impact\n\nSome.\n"
		rep, err := Import("n.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if tc.name == "a log excerpt beside a list" && len(rep.Doc.Timeline) != 2 {
			t.Errorf("%s: %d entries, want the list's 2", tc.name, len(rep.Doc.Timeline))
		}
		secs := rep.Doc.Sections
		if len(secs) != 1 || secs[0].Heading != "Timeline notes" || secs[0].Body != tc.notes {
			t.Errorf("%s: sections %q, want one \"Timeline notes\" with %q", tc.name, secs, tc.notes)
		}
		found := false
		for _, d := range rep.Diagnostics {
			found = found || strings.HasPrefix(d.Message, tc.diag)
		}
		if !found {
			t.Errorf("%s: no diagnostic %q in %+v", tc.name, tc.diag, rep.Diagnostics)
		}
	}
}

// TestWindowFieldClocks: impact window fields written as clock times
// are placed on the incident's date, in their zone or the report's; an
// end before the start is on the next day, whichever field comes first.
func TestWindowFieldClocks(t *testing.T) {
	for _, tc := range []struct{ fields, start, end string }{
		{"- **Date:** 2023-11-20\n- **Impact start:** 08:55 UTC\n- **Impact end:** 10:30 UTC\n", "2023-11-20T08:55:00Z", "2023-11-20T10:30:00Z"},
		{"- **Date:** 2023-11-20\n- **Impact end:** 01:10 UTC\n- **Impact start:** 23:40 UTC\n", "2023-11-20T23:40:00Z", "2023-11-21T01:10:00Z"},
		{"- **Date:** 2023-11-20\n- **Incident start:** 9:00 AM PST\n", "2023-11-20T17:00:00Z", ""},
		{"- **Impact start:** 08:55 UTC\n", "", ""}, // no date: not placed
	} {
		src := "# Billing double charges\n\n" + tc.fields + "\n## Summary\n\nSome customers were charged twice.\n"
		rep, err := Import("w.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if got := rep.Doc.Impact; got.Start != tc.start || got.End != tc.end {
			t.Errorf("%q: impact %q to %q, want %q to %q", tc.fields, got.Start, got.End, tc.start, tc.end)
		}
	}
}

// TestWindowWithoutTimeline: a report with no timeline takes the window
// its summary states as its impact, in the zone written with it; a
// report with a timeline keeps measuring from its entries.
func TestWindowWithoutTimeline(t *testing.T) {
	summary := "# Networking incident #19009\n\n## Issue summary\n\nOn Tuesday, 2 April 2019, packet loss rose for 2 hours and 13 minutes, from 13:39 to 15:52 US/Pacific.\n"
	rep, err := Import("w.md", []byte(summary))
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Doc.Impact; got.Start != "2019-04-02T20:39:00Z" || got.End != "2019-04-02T22:52:00Z" {
		t.Errorf("impact %q to %q, want 2019-04-02T20:39:00Z to 2019-04-02T22:52:00Z", got.Start, got.End)
	}
	rep, err = Import("w.md", []byte(summary+"\n## Timeline\n\n- 20:40 UTC - loss begins\n- 22:50 UTC - incident resolved\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Doc.Impact; got.End != "" {
		t.Errorf("with a timeline: impact %q to %q, want the timeline's", got.Start, got.End)
	}
}

// TestStartColumn: a timeline table whose time column is headed "Start"
// (beside an "End" column) gives each row its start.
func TestStartColumn(t *testing.T) {
	src := "# Outage\n\n## Timeline\n\n| Start (UTC) | End (UTC) | Event |\n|---|---|---|\n| 2024-03-04 14:02 | 2024-03-04 14:09 | Sender stalls |\n| 2024-03-04 14:40 | | Sender restarted |\n"
	if got, want := utcTimes(t, src), []string{"2024-03-04T14:02:00Z", "2024-03-04T14:40:00Z"}; !slices.Equal(got, want) {
		t.Errorf("times %q, want %q", got, want)
	}
}

// TestDayHeadings: a heading that names a day of the incident with its
// date ("### Day 2 (March 5, 2024)") dates the entries under it.
func TestDayHeadings(t *testing.T) {
	src := "# Multi-day outage\n\n## Timeline\n\nAll times are UTC.\n\n### Day 1 (March 4, 2024)\n\n- 22:10 - lag begins\n\n### Day 2 (March 5, 2024)\n\n- 01:30 - replica rebuilt\n\n### Tuesday, 2024-03-05\n\n- 02:00 - incident resolved\n"
	if got, want := utcTimes(t, src), []string{"2024-03-04T22:10:00Z", "2024-03-05T01:30:00Z", "2024-03-05T02:00:00Z"}; !slices.Equal(got, want) {
		t.Errorf("times %q, want %q", got, want)
	}
}

// utcTimes imports src and returns its entries' times in UTC.
func utcTimes(t *testing.T, src string) []string {
	t.Helper()
	rep, err := Import("t.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, at := range rep.Resolved.Times {
		got = append(got, at.Format(time.RFC3339))
	}
	return got
}

// TestTitleField: a report with no title heading takes its title from a
// "Title:" field; one with a heading keeps the heading and the field as
// text.
func TestTitleField(t *testing.T) {
	for src, want := range map[string]string{
		"Title: Checkout outage\nDate: 2024-03-04\n\n## Summary\n\nCheckout failed.\n":                      "Checkout outage",
		"# Payments outage\n\n**Title:** Checkout outage\n\n## Summary\n\nCheckout failed on 2024-03-04.\n": "Payments outage",
	} {
		rep, err := Import("t.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if rep.Doc.Title != want {
			t.Errorf("%q: title %q, want %q", src, rep.Doc.Title, want)
		}
	}
}
