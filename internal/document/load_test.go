package document

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestParseErrorsNameTheLine(t *testing.T) {
	cases := []struct {
		name, src, want string
		unusable        bool
	}{
		{"unknown key", "version: 1\nsumary: x\n", `f.yaml:2:1: unknown key "sumary" (did you mean "summary"?)`, false},
		{"unknown nested key", "version: 1\nimpact:\n  begin: 19:34\n", `f.yaml:3:3: unknown key "impact.begin"`, false},
		{"unknown event key", "version: 1\ntimeline:\n  - time: \"19:34\"\n    what: x\n", `f.yaml:4:5: unknown key "timeline.0.what"`, false},
		{"wrong type", "version: 1\ntimeline: yes please\n", `f.yaml:2:11: timeline: expected a list, found "yes please"`, false},
		{"wrong scalar", "version: 1\nimpact:\n  support_tickets: many\n", `f.yaml:3:20: impact.support_tickets: expected a whole number, found "many"`, false},
		{"list item type", "version: 1\nauthors:\n  - [a, b]\n", `f.yaml:3:5: authors[0]: expected text, found a list`, false},
		{"duplicate key", "version: 1\nsummary: a\nsummary: b\n", `f.yaml:3:1: key "summary" appears twice`, false},
		{"missing version", "summary: x\n", "f.yaml:1:1: missing `version: 1`", false},
		{"future version", "version: 2\n", "f.yaml:1:10: format version 2 is not supported", false},
		{"bad yaml", "version: 1\nsummary: [unclosed\n", "f.yaml:", true},
		{"tab indentation", "version: 1\nimpact:\n\tstart: x\n", "f.yaml:3: invalid YAML", true},
		{"not a mapping", "- a\n- b\n", "f.yaml:1:1: expected a mapping of keys", true},
		{"empty", "  \n\n", "f.yaml: empty file", true},
		{"binary", "version: 1\x00\x01", "f.yaml:1:11: binary file", true},
		{"invalid utf8", "version: 1\nsummary: caf\xe9\n", "f.yaml:2:13: invalid UTF-8", true},
		{"two documents", "version: 1\n---\nversion: 1\n", "more than one YAML document", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(c.src))
			if err == nil {
				t.Fatalf("want error containing %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q\nwant it to contain %q", err, c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			if got := errors.Is(err, ErrUnusable); got != c.unusable {
				t.Errorf("errors.Is(err, ErrUnusable) = %v, want %v", got, c.unusable)
			}
		})
	}
}

func TestParseAcceptsJSON(t *testing.T) {
	doc, err := Parse("f.json", []byte(`{"version": 1, "date": "2024-12-04", "timeline": [{"time": "19:34", "event": "x", "milestone": "started"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Timeline[0].Time != "19:34" || doc.Date != "2024-12-04" {
		t.Errorf("got %+v", doc)
	}
	if p := doc.Source.Pos("timeline.0.time"); p.Line != 1 || p.Column < 40 {
		t.Errorf("position of timeline.0.time = %+v", p)
	}
}

func TestUnquotedTimesAndDatesStayAsWritten(t *testing.T) {
	doc, err := Parse("f.yaml", []byte("version: 1\ndate: 2024-12-04\nimpact:\n  start: 2024-12-04T19:34:00Z\ntimeline:\n  - time: 19:34\n    event: x\n"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Date != "2024-12-04" || doc.Impact.Start != "2024-12-04T19:34:00Z" || doc.Timeline[0].Time != "19:34" {
		t.Errorf("values changed by YAML typing: %q %q %q", doc.Date, doc.Impact.Start, doc.Timeline[0].Time)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	for _, path := range []string{"../../testdata/2024-12-04.yaml", "../../testdata/full.yaml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Parse(path, data)
		if err != nil {
			t.Fatal(err)
		}
		out, err := Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse("out.yaml", out)
		if err != nil {
			t.Fatalf("%s: saved YAML does not load: %v\n%s", path, err, out)
		}
		doc.Source, back.Source = nil, nil
		if !reflect.DeepEqual(doc, back) {
			t.Errorf("%s: round trip changed the document:\n%s", path, out)
		}
		for _, want := range []string{"summary: |\n", "time: \"19:34\"", "version: 1\n"} {
			if path == "../../testdata/2024-12-04.yaml" && !strings.Contains(string(out), want) {
				t.Errorf("saved YAML lacks %q:\n%s", want, out)
			}
		}
	}
}

func TestSourcePosFallsBackToParent(t *testing.T) {
	doc, err := Parse("f.yaml", []byte("version: 1\nimpact:\n  description: x\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p := doc.Source.Pos("impact.end"); p.Line != 2 {
		t.Errorf("missing impact.end should point at impact (line 2), got %+v", p)
	}
}

func TestMarshalKeepsIndentedProse(t *testing.T) {
	doc := &Document{Version: 1, Summary: "  indented first line\nsecond\n", Sections: []Section{{Heading: "x", Body: "\tcode\n  more\n"}}}
	out, err := Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse("out.yaml", out)
	if err != nil {
		t.Fatalf("does not load back: %v\n%s", err, out)
	}
	if back.Summary != doc.Summary || back.Sections[0].Body != doc.Sections[0].Body {
		t.Errorf("changed: %q %q\n%s", back.Summary, back.Sections[0].Body, out)
	}
}

func TestMarshalQuotesWhatYAMLWouldRetype(t *testing.T) {
	doc := &Document{Version: 1, Title: "true", Severity: "1", Authors: []string{"null", "~", "- a", "a: b", "#x"},
		Timeline: []Event{{Time: "19:34", Event: "0x1F"}, {Event: "[x]"}}, ActionItems: []ActionItem{{Description: "{a}", Owner: "@ana", Due: "2024-12-11"}}}
	out, err := Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse("out.yaml", out)
	if err != nil {
		t.Fatalf("does not load back: %v\n%s", err, out)
	}
	back.Source = nil
	if !reflect.DeepEqual(doc, back) {
		t.Errorf("round trip changed the document:\n%s", out)
	}
}
