package document

import (
	"reflect"
	"strings"
	"testing"
)

func TestCatalogueKeysLoadSaveAndValidate(t *testing.T) {
	src := `version: 1
date: "2024-12-04"
services: [checkout, payments]
tags: [pci]
trigger: config-push
contributing_factors:
  - term: deployment-planning
    note: no canary
  - monitoring-gap
related: [2024-11-02-checkout-timeouts]
`
	doc, err := Parse("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Factor{{"deployment-planning", "no canary"}, {"monitoring-gap", ""}}
	if !reflect.DeepEqual(doc.ContributingFactors, want) || doc.Trigger != "config-push" || len(doc.Services) != 2 {
		t.Fatalf("loaded %+v", doc)
	}
	if p := doc.Source.Pos("contributing_factors.1"); p.Line != 9 || p.Column != 5 {
		t.Errorf("factor 2 is at %v, want 9:5", p)
	}
	if _, probs := Validate(doc); len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	out, err := Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Parse("g.yaml", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !reflect.DeepEqual(again.ContributingFactors, want) || !reflect.DeepEqual(again.Related, doc.Related) {
		t.Errorf("round trip lost something:\n%s", out)
	}
}

func TestCatalogueKeysAreChecked(t *testing.T) {
	cases := map[string]string{
		"version: 1\nservices: checkout\n":                           `f.yaml:2:11: services: expected a list, found "checkout"`,
		"version: 1\ncontributing_factors:\n  - {note: x}\n":         "", // loads; validation names it
		"version: 1\ncontributing_factors:\n  - {term: x, why: y}\n": `f.yaml:3:15: unknown key "contributing_factors.0.why"; expected one of note, term`,
		"version: 1\ntrigger: [a]\n":                                 "trigger: expected text, found a list",
	}
	for src, want := range cases {
		_, err := Parse("f.yaml", []byte(src))
		if want == "" {
			if err != nil {
				t.Errorf("%q: %v", src, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", src, err, want)
		}
	}
	doc := &Document{Version: 1, Services: []string{"checkout", "Checkout", " "}, Trigger: "a\nb",
		ContributingFactors: []Factor{{Note: "x"}}, Related: []string{"a", "a"}}
	_, probs := Validate(doc)
	var got []string
	for _, p := range probs {
		got = append(got, p.Path+": "+p.Message)
	}
	want := []string{
		`services.1: service "Checkout" is already listed as service 1`,
		"services.2: service 3 is empty",
		`related.1: related entry "a" is already listed as related entry 1`,
		"trigger: the trigger is one line: a vocabulary term or a short phrase; explain it in root_cause",
		"contributing_factors.0: contributing factor 1 has no term (write `term: NAME`, with an optional `note`)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseFactors(t *testing.T) {
	cases := map[string][]Factor{
		"change (the timeout (30s) was lowered), monitoring-gap": {{"change", "the timeout (30s) was lowered"}, {"monitoring-gap", ""}},
		"scale: pool too small, dependency - AWS":                {{"scale", "pool too small"}, {"dependency", "AWS"}},
		" , ,":          nil,
		"(only a note)": {{"(only a note)", ""}},
	}
	for in, want := range cases {
		if got := ParseFactors(in); !reflect.DeepEqual(got, want) {
			t.Errorf("ParseFactors(%q) = %q, want %q", in, got, want)
		}
	}
	fs := []Factor{{"change", "a, b (c)"}, {"scale", ""}}
	if got := ParseFactors(FormatFactors(fs)); !reflect.DeepEqual(got, fs) {
		t.Errorf("FormatFactors does not read back: %q", FormatFactors(fs))
	}
}

// FuzzParseFactors: whatever the text, parsing never fails, every factor
// has a term, and writing the factors and reading them again gives them
// back.
func FuzzParseFactors(f *testing.F) {
	for _, s := range []string{"change (x), scale", "a: b, c - d", "((", "x (y (z)), w)", "a,,b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fs := ParseFactors(s)
		for _, fa := range fs {
			if strings.TrimSpace(fa.Term) == "" {
				t.Fatalf("%q: a factor without a term: %q", s, fs)
			}
		}
		again := ParseFactors(FormatFactors(fs))
		if len(again) != len(fs) {
			t.Fatalf("%q: %q reads back as %q", s, FormatFactors(fs), again)
		}
	})
}
