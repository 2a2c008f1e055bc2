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
