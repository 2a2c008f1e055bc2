package evidence

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// PagerDuty renders created_at in the account's zone (here New York, on
// the night clocks fall back: -04:00 then -05:00); only the instant
// counts. The earliest trigger is detected, the earliest acknowledgement
// acknowledged, the last resolution only suggested; notifications are
// left out of the default selection.
func TestPagingLogs(t *testing.T) {
	c := NewCollection(Options{})
	if err := c.ReadPagerDuty(filepath.Join(fixtures, "pagerduty-PINC42.json")); err != nil {
		t.Fatal(err)
	}
	if err := c.ReadOpsgenie(filepath.Join(fixtures, "opsgenie-alert.json")); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range c.Finish() {
		line := e.Time.Format("15:04:05") + " " + e.Event
		if e.Milestone != "" {
			line += " [" + e.Milestone + "]"
		}
		if e.Suggested != "" {
			line += " [" + e.Suggested + "?]"
		}
		if !e.Default {
			line += " (not default)"
		}
		got = append(got, line)
	}
	want := []string{
		"04:02:20 Opsgenie: Alert created via API with message [CheckoutErrorRate] checkout-api [detected]",
		"04:02:25 Opsgenie: Sent [SMS] notification to ana.lima@acme.dev (not default)",
		"04:02:30 PagerDuty: Triggered through the API: [#4242] Checkout error rate above 5%",
		"04:02:35 PagerDuty: Notified Ana Lima by SMS (not default)",
		"04:04:05 Opsgenie: Alert acknowledged via web (ana.lima@acme.dev) [acknowledged]",
		"04:04:10 PagerDuty: Acknowledged by Ana Lima",
		"05:20:00 PagerDuty: Note added: Rollback done, watching the error rate",
		"06:35:00 PagerDuty: Resolved by Ana Lima",
		"06:36:00 Opsgenie: Alert closed via web (ana.lima@acme.dev) [resolved?]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDetect(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "e.zip"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]Kind{
		filepath.Join(fixtures, "export"):                Slack,
		filepath.Join(dir, "e.zip"):                      Slack,
		filepath.Join(fixtures, "pagerduty-PINC42.json"): PagerDuty,
		filepath.Join(fixtures, "opsgenie-alert.json"):   Opsgenie,
		filepath.Join(fixtures, "events.csv"):            Events,
		filepath.Join(fixtures, "events.jsonl"):          Events,
		"../..":                                          Git,
	} {
		got, err := Detect(path)
		if err != nil && want == Git {
			continue // a source tarball without .git
		}
		if err != nil || got != want {
			t.Errorf("Detect(%s) = %q, %v; want %q", path, got, err, want)
		}
	}
	if _, err := Detect(filepath.Join(fixtures, "postmortem.yaml")); err == nil || !strings.Contains(err.Error(), "name it: slack:PATH") {
		t.Errorf("a document detected as evidence: %v", err)
	}
	if k, p, err := SplitSource("opsgenie:" + filepath.Join(fixtures, "events.csv")); k != Opsgenie || err != nil || !strings.HasSuffix(p, "events.csv") {
		t.Errorf("SplitSource: %q %q %v", k, p, err)
	}
}

func TestSecrets(t *testing.T) {
	es := []Entry{
		{Event: "ben: looks fine"},
		{Event: "ben: curl -H 'Authorization: Bearer 8f3a9c2e7b1d4f6a9c2e7b1d4f6a0b1c' https://checkout.acme.dev"},
		{Event: "ana: token is $TOKEN"},
	}
	got := Secrets(es)
	if len(got) != 1 || got[0].Entry != 1 || !strings.Contains(got[0].Message, "bearer token") || strings.Contains(got[0].Message, "8f3a") {
		t.Fatalf("secrets %+v", got)
	}
}

// Entries past the first chunk are reported at their own index.
func TestSecretsInLaterChunks(t *testing.T) {
	es := make([]Entry, secretChunk+3)
	for i := range es {
		es[i].Event = "fine"
	}
	es[secretChunk+1].Event = "token: ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"
	if got := Secrets(es); len(got) != 1 || got[0].Entry != secretChunk+1 {
		t.Fatalf("secrets %+v", got)
	}
}

// The v1 API's log entries name their kind without "_log_entry".
func TestPagerDutyV1Types(t *testing.T) {
	p := filepath.Join(t.TempDir(), "v1.json")
	data := `{"log_entries": [{"id": "A", "type": "trigger", "created_at": "2013-03-06T15:28:51Z", "summary": ""},` +
		`{"id": "B", "type": "acknowledge", "created_at": "2013-03-06T15:30:00-05:00"}, {"id": "C", "type": "notify", "created_at": "2013-03-06T15:28:52Z"}]}`
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	c := NewCollection(Options{})
	if err := c.ReadPagerDuty(p); err != nil {
		t.Fatal(err)
	}
	es := c.Finish()
	if len(es) != 3 || es[0].Milestone != "detected" || es[0].Event != "PagerDuty: trigger" || es[1].Default || es[2].Milestone != "acknowledged" {
		t.Fatalf("entries %+v", es)
	}
}
