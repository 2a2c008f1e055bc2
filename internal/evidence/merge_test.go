package evidence

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func merge(t *testing.T, src string, entries ...Entry) (string, *Merged) {
	t.Helper()
	doc, err := document.Parse("doc.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m, err := MergeInto(doc, []byte(src), entries)
	if err != nil {
		t.Fatal(err)
	}
	if m.Data == nil {
		return src, m
	}
	out := string(m.Data)
	back, err := document.Parse("doc.yaml", m.Data)
	if err != nil {
		t.Fatalf("merged file does not load: %v\n%s", err, out)
	}
	if _, probs := document.Validate(back); len(probs) > 0 {
		t.Fatalf("merged file has problems %v:\n%s", probs, out)
	}
	again, err := MergeInto(back, m.Data, entries)
	if err != nil || again.Data != nil {
		t.Fatalf("merging again changes the file (%v):\n%s", err, again.Data)
	}
	return out, m
}

// Lines are inserted, none changed: comments, quoting and blank lines
// stay; each entry goes before the first later one; a merge twice adds
// nothing.
func TestMergeKeepsTheFile(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(fixtures, "postmortem.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	out, m := merge(t, string(src),
		Entry{Time: at("2024-11-03T03:58:00Z"), Event: "Ana Lima: Deploying v4.2", Source: "slack:C0/1730606280.000100", Link: "/archives/C0/p1730606280000100"},
		Entry{Time: at("2024-11-03T04:02:30Z"), Event: "PagerDuty: Triggered", Source: "pagerduty:R01", Milestone: "detected"},
		Entry{Time: at("2024-11-03T04:40:00Z"), Event: "Error rate back to normal"},
		Entry{Time: at("2024-11-03T06:35:00Z"), Event: "PagerDuty: Resolved", Source: "pagerduty:R05", Suggested: "resolved"},
	)
	for _, line := range strings.Split(string(src), "\n") {
		if !strings.Contains(out, line) {
			t.Errorf("line %q is gone", line)
		}
	}
	want := `timeline:
  - time: "03:58"
    event: 'Ana Lima: Deploying v4.2'
    source: slack:C0/1730606280.000100
    link: /archives/C0/p1730606280000100
  # From memory; times in UTC.
  - time: "04:02"
    event: Grafana alert fires for the checkout error rate
    milestone: detected
  - time: "04:02:30"
    event: 'PagerDuty: Triggered'
    source: pagerduty:R01
  - time: "04:40"
    event: Error rate back to normal   # checked on the dashboard
    milestone: mitigated
  - time: "06:35"
    event: 'PagerDuty: Resolved'
    source: pagerduty:R05

# Written after the review meeting.
`
	if !strings.Contains(out, want) {
		t.Errorf("merged:\n%s\nwant the timeline:\n%s", out, want)
	}
	if m.Present != 1 || len(m.Added) != 3 || len(m.Notes) != 1 || !strings.Contains(m.Notes[0], "without the milestone detected") {
		t.Errorf("present %d, added %d, notes %q", m.Present, len(m.Added), m.Notes)
	}
}

// Times are written so that the document reads them as meant: clock
// times where the day is the day in effect, else RFC 3339 in the
// document's zone, so that the clock-only entries after it keep their day.
func TestMergeWritesTimesTheDocumentReads(t *testing.T) {
	src := "version: 1\ndate: \"2024-11-03\"\ntimezone: America/New_York\ntimeline:\n  - time: \"23:50\"\n    event: late\n  - time: 2024-11-04T00:20:00-05:00\n    event: after midnight\n  - time: \"00:30\"\n    event: later still\n"
	if _, err := time.LoadLocation("America/New_York"); err != nil {
		t.Skip("no zone database")
	}
	out, _ := merge(t, src,
		Entry{Time: at("2024-11-04T04:55:00Z"), Event: "before late"},         // 23:55 EST Nov 3
		Entry{Time: at("2024-11-04T05:10:00Z"), Event: "just after midnight"}, // 00:10 EST Nov 4
		Entry{Time: at("2024-11-04T05:25:00Z"), Event: "between"},             // 00:25 EST Nov 4
	)
	for _, want := range []string{
		"  - time: \"23:55\"\n    event: before late\n",
		"  - time: \"2024-11-04T00:10:00-05:00\"\n    event: just after midnight\n  - time: 2024-11-04T00:20:00-05:00\n",
		"  - time: \"00:25\"\n    event: between\n  - time: \"00:30\"\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("merged:\n%s\nwant %q", out, want)
		}
	}
}

func TestMergeLayouts(t *testing.T) {
	e := Entry{Time: at("2024-11-03T04:02:30Z"), Event: "PagerDuty: Triggered", Source: "pagerduty:R01"}
	for name, tc := range map[string]struct{ src, want string }{
		"no timeline": {"version: 1\ntitle: T\n", "version: 1\ntitle: T\ntimeline:\n  - time: \"2024-11-03T04:02:30Z\"\n"},
		"empty list":  {"version: 1\ntimeline: []\n", "timeline:\n  - time: \"2024-11-03T04:02:30Z\"\n"},
		"crlf": {"version: 1\r\ndate: \"2024-11-03\"\r\ntimeline:\r\n  - time: \"05:00\"\r\n    event: x\r\n",
			"timeline:\r\n  - time: \"04:02:30\"\r\n    event: 'PagerDuty: Triggered'\r\n    source: pagerduty:R01\r\n  - time: \"05:00\"\r\n"},
		"dashes at the key's column": {"version: 1\ndate: \"2024-11-03\"\ntimeline:\n- time: \"05:00\"\n  event: x\n",
			"timeline:\n- time: \"04:02:30\"\n  event: 'PagerDuty: Triggered'\n  source: pagerduty:R01\n- time: \"05:00\"\n"},
		"no date, clock times": {"version: 1\ntimeline:\n  - time: \"05:00\"\n    event: x\n  - time: 2024-11-03T05:10:00Z\n    event: y\n",
			"version: 1\ndate: \"2024-11-03\"\ntimeline:\n  - time: \"04:02:30\"\n"},
	} {
		t.Run(name, func(t *testing.T) {
			out, _ := merge(t, tc.src, e)
			if !strings.Contains(out, tc.want) {
				t.Errorf("merged:\n%q\nwant %q", out, tc.want)
			}
		})
	}
}

// new --timeline-from: the entries start the document's timeline, on
// the first entry's day.
func TestAddTo(t *testing.T) {
	doc := &document.Document{Version: 1}
	m := AddTo(doc, []Entry{
		{Time: at("2024-11-03T23:58:00Z"), Event: "a", Milestone: "detected"},
		{Time: at("2024-11-04T00:02:11Z"), Event: "b"},
		{Time: at("2024-11-04T00:02:11Z"), Event: "b"},
	})
	if doc.Date != "2024-11-03" || len(m.Added) != 2 || m.Present != 1 {
		t.Fatalf("date %q, added %d, present %d", doc.Date, len(m.Added), m.Present)
	}
	if doc.Timeline[0].Time != "23:58" || doc.Timeline[1].Time != "2024-11-04T00:02:11Z" || doc.Timeline[0].Milestone != "detected" {
		t.Fatalf("timeline %+v", doc.Timeline)
	}
}
