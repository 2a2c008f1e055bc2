package evidence

import (
	"path/filepath"
	"strings"
	"testing"
)

// One person across sources gets one label; labels follow first
// appearance; whole words only.
func TestAnonymize(t *testing.T) {
	var p People
	p.Add("U0ANA", "Ana Lima", "ana.lima", "ana.lima@acme.dev")
	p.Add("U0BEN", "ben", "Ben Ortiz")
	p.Add("Ana Lima")                     // PagerDuty's agent
	p.Add("Ana Lima", "ana@home.example") // a git author with another email: the same person
	es := []Entry{
		{Event: "ben: @Ana Lima errors spiking"},
		{Event: "PagerDuty: Acknowledged by ANA LIMA"},
		{Event: "Opsgenie: Alert closed (ana.lima@acme.dev)"},
		{Event: "Commit 1a2b3c4 by Ana Lima <ana@home.example>: Revert"},
		{Event: "benchmarks by Benjamin are fine; ben."},
		{Event: "U0ANA: raw id"},
	}
	p.Anonymize(es)
	want := []string{
		"Responder 1: @Responder 2 errors spiking",
		"PagerDuty: Acknowledged by Responder 2",
		"Opsgenie: Alert closed (Responder 2)",
		"Commit 1a2b3c4 by Responder 2 <Responder 2>: Revert",
		"benchmarks by Benjamin are fine; Responder 1.",
		"Responder 2: raw id",
	}
	for i, w := range want {
		if es[i].Event != w {
			t.Errorf("entry %d: %q, want %q", i, es[i].Event, w)
		}
	}
}

// Labels are stable across runs and sources: reading the fixtures twice
// gives the same text.
func TestAnonymizeStable(t *testing.T) {
	run := func() string {
		c := NewCollection(Options{})
		if err := c.ReadSlack(filepath.Join(fixtures, "export"), []string{"inc-checkout"}); err != nil {
			t.Fatal(err)
		}
		if err := c.ReadPagerDuty(filepath.Join(fixtures, "pagerduty-PINC42.json")); err != nil {
			t.Fatal(err)
		}
		if err := c.ReadOpsgenie(filepath.Join(fixtures, "opsgenie-alert.json")); err != nil {
			t.Fatal(err)
		}
		es := c.Finish()
		c.People.Anonymize(es)
		var b strings.Builder
		for _, e := range es {
			b.WriteString(e.Event + "\n")
		}
		return b.String()
	}
	a, b := run(), run()
	if a != b {
		t.Fatalf("two runs differ:\n%s\n---\n%s", a, b)
	}
	for _, name := range []string{"Ana", "Lima", "ben", "cai.nguyen", "ana.lima@acme.dev"} {
		if strings.Contains(a, name) {
			t.Errorf("%q left in:\n%s", name, a)
		}
	}
	if !strings.Contains(a, "PagerDuty: Acknowledged by Responder 1\n") || !strings.Contains(a, "Responder 1: Deploying checkout") {
		t.Errorf("Ana is not Responder 1 in every source:\n%s", a)
	}
}
