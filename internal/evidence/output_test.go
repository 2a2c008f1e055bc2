package evidence

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// FuzzYAMLString: whatever the text, YAML reads back the same string.
func FuzzYAMLString(f *testing.F) {
	for _, s := range []string{"Ana Lima: rolling back", "yes", "No", "19:34", "2024-11-03", "- item", "# not a comment", "a #b", "end:", "it's", `"quoted"`, "tab\there", "line\nbreak", "\u2028", "\ufeff", "  padded ", "@here", "/archives/C0/p1", "https://a.example/x?y=1#z", "ümlaut", "~", "null", ".inf", "*alias", "&anchor", "!tag", "%directive", "{a: 1}", "[1]", "a: b: c", "\x00\x7f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.ToValidUTF8(s, "\ufffd")
		if !utf8.ValidString(s) {
			return // sources give valid UTF-8; yamlQuoted replaces the rest
		}
		var got map[string]any
		src := "k: " + yamlString(s) + "\n"
		if err := yaml.Unmarshal([]byte(src), &got); err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if v, ok := got["k"].(string); !ok || v != want {
			t.Fatalf("%q read back as %#v, want %q", src, got["k"], want)
		}
	})
}

func TestWriters(t *testing.T) {
	es := []Entry{
		{Time: at("2024-11-03T23:58:00Z"), Event: "Ana Lima: # deploy", Source: "slack:C0/1", Link: "https://acme.slack.com/archives/C0/p1"},
		{Time: at("2024-11-04T00:02:11Z"), Event: "yes", Milestone: "detected"},
		{Time: at("2024-11-04T00:03:00Z"), Event: "PagerDuty: Resolved", Suggested: "resolved", Source: "pagerduty:R5"},
	}
	var y bytes.Buffer
	if err := WriteYAML(&y, es); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Timeline []map[string]string `yaml:"timeline"`
	}
	if err := yaml.Unmarshal(y.Bytes(), &doc); err != nil || len(doc.Timeline) != 3 || doc.Timeline[0]["event"] != "Ana Lima: # deploy" || doc.Timeline[1]["event"] != "yes" || doc.Timeline[1]["milestone"] != "detected" {
		t.Fatalf("YAML reads back as %v (%v):\n%s", doc, err, y.String())
	}
	if !strings.Contains(y.String(), "    event: 'PagerDuty: Resolved' # suggested milestone: resolved") {
		t.Errorf("no suggestion comment:\n%s", y.String())
	}
	var j bytes.Buffer
	if err := WriteJSON(&j, es); err != nil {
		t.Fatal(err)
	}
	var back struct{ Timeline []jsonEntry }
	if err := json.Unmarshal(j.Bytes(), &back); err != nil || len(back.Timeline) != 3 || back.Timeline[2].Suggested != "resolved" || back.Timeline[0].Time != "2024-11-03T23:58:00Z" {
		t.Fatalf("JSON reads back as %+v (%v):\n%s", back, err, j.String())
	}
	var m bytes.Buffer
	if err := WriteMarkdown(&m, es); err != nil {
		t.Fatal(err)
	}
	want := "All times are UTC (2024-11-03).\n\n" +
		"- _23:58_ - Ana Lima: # deploy ([Slack](https://acme.slack.com/archives/C0/p1 \"slack:C0/1\"))\n" +
		"- _2024-11-04 00:02:11_ - yes\n" +
		"- _2024-11-04 00:03_ - PagerDuty: Resolved (`pagerduty:R5`)\n"
	if m.String() != want {
		t.Errorf("Markdown:\n%s\nwant\n%s", m.String(), want)
	}
	for _, w := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return WriteYAML(b, nil) },
		func(b *bytes.Buffer) error { return WriteJSON(b, nil) },
	} {
		var b bytes.Buffer
		if err := w(&b); err != nil || !strings.Contains(b.String(), "[]") {
			t.Errorf("no entries: %q %v", b.String(), err)
		}
	}
}
