package document

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("schema.json")
	if err != nil {
		t.Fatalf("schema does not compile: %v", err)
	}
	return s
}

// asJSONValue reads YAML the way an editor's schema check does: as plain
// JSON values, every scalar typed by YAML 1.2 rules.
func asJSONValue(t *testing.T, src []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSchemaAcceptsTheExamples(t *testing.T) {
	s := compileSchema(t)
	files, _ := filepath.Glob("../../testdata/*.yaml")
	if len(files) < 2 {
		t.Fatalf("expected example documents in testdata, found %v", files)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(asJSONValue(t, src)); err != nil {
			t.Errorf("%s: schema rejects a valid example: %v", f, err)
		}
		if _, err := Parse(f, src); err != nil {
			t.Errorf("%s: loader rejects it: %v", f, err)
		}
	}
}

// TestSchemaAndLoaderRejectTheSame keeps the hand-written schema honest:
// every broken document is refused by both (the loader either fails or
// Validate reports a problem).
func TestSchemaAndLoaderRejectTheSame(t *testing.T) {
	s := compileSchema(t)
	broken := map[string]string{
		"unknown key":         "version: 1\nsumary: x\n",
		"unknown event key":   "version: 1\ntimeline:\n  - time: \"19:34\"\n    event: x\n    who: y\n",
		"wrong version":       "version: 2\n",
		"no version":          "summary: x\n",
		"timeline not a list": "version: 1\ntimeline: x\n",
		"status not in list":  "version: 1\nstatus: done\n",
		"bad milestone":       "version: 1\ndate: \"2024-12-04\"\ntimeline:\n  - time: \"19:34\"\n    event: x\n    milestone: fixed\n",
		"tickets not number":  "version: 1\nimpact:\n  support_tickets: many\n",
		"bad due date":        "version: 1\naction_items:\n  - description: x\n    due: next week\n",
		"bad action status":   "version: 1\naction_items:\n  - description: x\n    status: closed\n",
		"event without text":  "version: 1\ntimeline:\n  - time: \"19:34\"\n",
		"bad date":            "version: 1\ndate: 12/04/24\n",
		"link not a web page": "version: 1\ntimeline:\n  - time: 2024-12-04T19:34:00Z\n    event: x\n    link: javascript:alert(1)\n",
		"link with a blank":   "version: 1\ntimeline:\n  - time: 2024-12-04T19:34:00Z\n    event: x\n    link: https://a.example/x y\n",
		"source on two lines": "version: 1\ntimeline:\n  - time: 2024-12-04T19:34:00Z\n    event: x\n    source: \"a\\nb\"\n",
	}
	for name, src := range broken {
		if err := s.Validate(asJSONValue(t, []byte(src))); err == nil {
			t.Errorf("%s: schema accepts it", name)
		}
		doc, err := Parse("f.yaml", []byte(src))
		if err != nil {
			continue
		}
		if _, probs := Validate(doc); len(probs) == 0 {
			t.Errorf("%s: loader and validation accept it", name)
		}
	}
}

// An entry taken from the evidence carries its source and link; both the
// schema and the loader accept them, and they survive saving.
func TestEvidenceSourceAndLink(t *testing.T) {
	src := []byte("version: 1\ntimeline:\n  - time: 2024-12-04T19:36:05Z\n    event: \"Ana Lima: rolling back\"\n    source: slack:C0INC/1733340965.000200\n    link: https://acme.slack.com/archives/C0INC/p1733340965000200\n  - time: 2024-12-04T19:37:00Z\n    event: page\n    link: /archives/C0INC/p1733341020000100\n")
	if err := compileSchema(t).Validate(asJSONValue(t, src)); err != nil {
		t.Fatalf("schema rejects source and link: %v", err)
	}
	doc, err := Parse("e.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	if _, probs := Validate(doc); len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	ev := doc.Timeline[0]
	if ev.Source != "slack:C0INC/1733340965.000200" || ev.Link != "https://acme.slack.com/archives/C0INC/p1733340965000200" {
		t.Fatalf("read %+v", ev)
	}
	out, err := Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse("out.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	if back.Timeline[0] != doc.Timeline[0] || back.Timeline[1] != doc.Timeline[1] {
		t.Fatalf("saving lost them:\n%s", out)
	}
	r, _ := Resolve(doc)
	j, err := MarshalJSON(doc, r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(j, []byte(`"source": "slack:C0INC/1733340965.000200"`)) || !bytes.Contains(j, []byte(`"link": "/archives/C0INC/p1733341020000100"`)) {
		t.Fatalf("JSON lacks them:\n%s", j)
	}
}
