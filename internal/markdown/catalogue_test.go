package markdown

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/render"
)

func TestCatalogueLabel(t *testing.T) {
	cases := []struct{ line, key, rest string }{
		{"**Services affected:** checkout, payments", "services", "checkout, payments"},
		{"**Affected Services:**  ", "services", ""},
		{"Trigger: Latent bug triggered by sudden increase in traffic.", "trigger", "Latent bug triggered by sudden increase in traffic."},
		{"__Tags__: pci\\", "tags", "pci"},
		{"Component: flutter repository<br>", "services", "flutter repository"},
		{"*Related incidents*: INC-12", "related", "INC-12"},
		{"Contributing Factors:", "contributing_factors", ""},
	}
	for _, c := range cases {
		key, rest, ok := catalogueLabel(c.line)
		if !ok || key != c.key || rest != c.rest {
			t.Errorf("catalogueLabel(%q) = %q, %q, %v; want %q, %q", c.line, key, rest, ok, c.key, c.rest)
		}
	}
	for _, line := range []string{"Root cause: a bad deploy", "The trigger was a deploy: it broke", "Service was restored at 19:47", "**Label**: `type=chaos`"} {
		if key, _, ok := catalogueLabel(line); ok {
			t.Errorf("catalogueLabel(%q) read it as %q", line, key)
		}
	}
}

func TestCatalogueFactor(t *testing.T) {
	cases := []struct {
		text  string
		want  document.Factor
		filed bool
	}{
		{"change (the timeout was lowered)", document.Factor{Term: "change", Note: "the timeout was lowered"}, false},
		{"Missing alert: nobody was paged", document.Factor{Term: "monitoring-gap", Note: "nobody was paged"}, false},
		{"config-drift", document.Factor{Term: "config-drift"}, false},
		{"**High concurrent load:** 30-50 workers", document.Factor{Term: "scale", Note: "High concurrent load: 30-50 workers"}, true},
		{"The fee was set to zero", document.Factor{Term: "other", Note: "The fee was set to zero"}, true},
	}
	for _, c := range cases {
		got, filed := catalogueFactor(c.text)
		if got != c.want || filed != c.filed {
			t.Errorf("catalogueFactor(%q) = %+v, %v; want %+v, %v", c.text, got, filed, c.want, c.filed)
		}
	}
}

func importDoc(t *testing.T, src string) *Report {
	t.Helper()
	rep, err := Import("r.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestImportCatalogueShapes(t *testing.T) {
	src := `# Checkout outage

**Severity:** SEV-2

**Affected Services:**
- **Checkout API**
- Payments

## Summary

Payments failed.<br>
Component: card-vault<br>

## Trigger

A configuration push.

## Contributing factors

We found two:

1. No canary for configuration changes
2. Lack of alerting on payment latency

## Related incidents

- [The November timeouts](2024-11-02-checkout-timeouts.md)
- INC-1234

## Root cause

A timeout was lowered.
`
	rep := importDoc(t, src)
	doc := rep.Doc
	if want := []string{"Checkout API", "Payments", "card-vault"}; !reflect.DeepEqual(doc.Services, want) {
		t.Errorf("services %q, want %q", doc.Services, want)
	}
	if doc.Trigger != "A configuration push" {
		t.Errorf("trigger %q", doc.Trigger)
	}
	want := []document.Factor{{Term: "deployment-planning", Note: "No canary for configuration changes"}, {Term: "monitoring-gap", Note: "Lack of alerting on payment latency"}}
	if !reflect.DeepEqual(doc.ContributingFactors, want) {
		t.Errorf("factors %+v", doc.ContributingFactors)
	}
	if want := []string{"2024-11-02-checkout-timeouts.md", "INC-1234"}; !reflect.DeepEqual(doc.Related, want) {
		t.Errorf("related %q", doc.Related)
	}
	// consumed: no section holds them, and the summary lost its label line
	for _, s := range doc.Sections {
		t.Errorf("left as a section: %q", s.Heading)
	}
	if strings.Contains(doc.Summary, "card-vault") || strings.TrimSpace(doc.Summary) != "Payments failed.<br>" {
		t.Errorf("summary %q", doc.Summary)
	}
	// the factors' text stays the root cause it belongs to
	if !strings.Contains(doc.RootCause, "No canary") || !strings.Contains(doc.RootCause, "A timeout was lowered.") {
		t.Errorf("root cause %q", doc.RootCause)
	}
	if p := doc.Source.Pos("contributing_factors.1"); p != (document.Position{Line: 23, Column: 4}) {
		t.Errorf("factor 2 at %v, want 23:4", p)
	}
	var diags []string
	for _, d := range rep.Diagnostics {
		diags = append(diags, d.Message)
	}
	if len(diags) != 2 || !strings.Contains(diags[0], `filed under "deployment-planning"`) {
		t.Errorf("diagnostics %q", diags)
	}
}

func TestImportLongTriggerStaysASection(t *testing.T) {
	src := "# X\n\n## Summary\n\nS.\n\n## Trigger\n\nEtcd crashed under load. It had been running out of memory for days.\n\nThe second paragraph explains more.\n"
	doc := importDoc(t, src).Doc
	if doc.Trigger != "Etcd crashed under load" {
		t.Errorf("trigger %q", doc.Trigger)
	}
	// Google's template has a "Trigger" section beside "Root Causes": its
	// text stays, as part of the root cause.
	if !strings.Contains(doc.RootCause, "second paragraph") {
		t.Errorf("the trigger section must stay: %q %+v", doc.RootCause, doc.Sections)
	}
}

func TestImportServicesSentenceIsProse(t *testing.T) {
	src := "# X\n\n## Summary\n\n* **Affected Services:** The order endpoint was down. Users could browse the menu, but not pay.\n"
	doc := importDoc(t, src).Doc
	if len(doc.Services) != 0 || !strings.Contains(doc.Summary, "order endpoint") {
		t.Errorf("services %q, summary %q", doc.Services, doc.Summary)
	}
}

// TestCatalogueRoundTrip renders documents with every mix of catalogue
// keys through both built-in templates and imports them back.
func TestCatalogueRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(14))
	services := []string{"checkout", "payments", "search-api", "Card Vault"}
	factors := []document.Factor{{Term: "change", Note: "the timeout (30s) was lowered, twice"}, {Term: "monitoring-gap"}, {Term: "config-drift", Note: "host 7"}, {Term: "scale", Note: "pool of 10"}}
	for _, name := range []string{"default", "tables"} {
		tmpl, err := render.Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 60; i++ {
			doc := &document.Document{Version: 1, Date: "2024-12-04", Title: "Checkout outage", Summary: "Payments failed.\n",
				RootCause: "A timeout.\n"}
			if rng.Intn(2) == 0 {
				doc.Severity = "SEV-2"
			}
			pick := func(n int) []int { return rng.Perm(n)[:rng.Intn(n+1)] }
			for _, k := range pick(len(services)) {
				doc.Services = append(doc.Services, services[k])
			}
			for _, k := range pick(len(factors)) {
				doc.ContributingFactors = append(doc.ContributingFactors, factors[k])
			}
			if rng.Intn(2) == 0 {
				doc.Trigger = []string{"config-push", "a cron job deleted the cache"}[rng.Intn(2)]
			}
			if rng.Intn(2) == 0 {
				doc.Tags = []string{"pci", "customer-facing"}[:1+rng.Intn(2)]
			}
			if rng.Intn(2) == 0 {
				doc.Related = []string{"2024-11-02-checkout-timeouts", "https://example.com/inc/7"}[:1+rng.Intn(2)]
			}
			r, _ := document.Resolve(doc)
			md, err := tmpl.Markdown(doc, r, render.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := importDoc(t, string(md)).Doc
			same := reflect.DeepEqual(got.Services, doc.Services) && reflect.DeepEqual(got.Tags, doc.Tags) &&
				got.Trigger == doc.Trigger && reflect.DeepEqual(got.ContributingFactors, doc.ContributingFactors) &&
				reflect.DeepEqual(got.Related, doc.Related) && got.Severity == doc.Severity &&
				strings.TrimSpace(got.Summary) == "Payments failed." && strings.TrimSpace(got.RootCause) == "A timeout."
			if !same {
				t.Fatalf("%s: round trip differs\n%s\ngot %+v", name, md, got)
			}
		}
	}
}

// FuzzCatalogueLabel: any line is read without a panic, and a label's
// values never contain the label's own markup.
func FuzzCatalogueLabel(f *testing.F) {
	for _, s := range []string{"**Services:** a, b", "Trigger: x", "__Tags__: pci\\", "Contributing factors: change (x (y)), z", "**:**", "Related:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		key, rest, ok := catalogueLabel(line)
		if !ok {
			return
		}
		if catalogueNames()[catalogueLabelKey(key)] == "" && key == "" {
			t.Fatalf("%q: ok without a key", line)
		}
		if strings.HasSuffix(rest, `\`) || strings.Contains(rest, "\n") {
			t.Fatalf("%q: rest %q keeps a line break", line, rest)
		}
		catalogueFactors([]catalogueItem{{rest, Position{1, 1}}}, true)
	})
}
