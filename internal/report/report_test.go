package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/rules"
)

func sample() []lint.Result {
	return []lint.Result{
		{Path: "postmortems/2024-12-04 report.md", Findings: []lint.Finding{
			{Rule: "template-leftover", Severity: lint.Error, Path: "postmortems/2024-12-04 report.md", Line: 17, Column: 1, EndLine: 18, Message: "template instruction left in"},
			{Rule: "action-item-owner", Severity: lint.Warning, Path: "postmortems/2024-12-04 report.md", Line: 69, Column: 1, Message: "action item 1 has no owner, see: 100%\nnext"},
			{Rule: "timeline-format", Severity: lint.Info, Path: "postmortems/2024-12-04 report.md", Line: 34, Column: 1, Message: "entry"},
		}},
		{Path: "b.yaml"},
		{Path: "bad.md", Err: errors.New("bad.md: binary file (NUL byte); expected a text document")},
	}
}

func run(t *testing.T, p Printer) {
	t.Helper()
	var s Summary
	for _, r := range sample() {
		s.Add(r)
		if err := p.File(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(s); err != nil {
		t.Fatal(err)
	}
}

func TestText(t *testing.T) {
	var b bytes.Buffer
	run(t, &Text{W: &b})
	want := `postmortems/2024-12-04 report.md:17:1: error: template instruction left in [template-leftover]
postmortems/2024-12-04 report.md:69:1: warning: action item 1 has no owner, see: 100%
next [action-item-owner]
postmortems/2024-12-04 report.md:34:1: info: entry [timeline-format]
bad.md: error: bad.md: binary file (NUL byte); expected a text document [unusable]
3 findings in 3 files (1 error, 1 warning, 1 info); 1 file could not be read
`
	if b.String() != want {
		t.Errorf("text output:\n%s\nwant:\n%s", b.String(), want)
	}
	if got := (Summary{Files: 2}).Line(); got != "no findings in 2 files" {
		t.Errorf("clean summary %q", got)
	}
}

func TestJSONIsVersionedAndStable(t *testing.T) {
	var b bytes.Buffer
	run(t, &JSON{W: &b})
	var out struct {
		Version  int              `json:"version"`
		Findings []map[string]any `json:"findings"`
		Errors   []map[string]any `json:"errors"`
		Summary  map[string]int   `json:"summary"`
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if out.Version != 1 || len(out.Findings) != 3 || len(out.Errors) != 1 || out.Summary["findings"] != 3 || out.Summary["unusable"] != 1 {
		t.Fatalf("json: %s", b.String())
	}
	f := out.Findings[0]
	for _, k := range []string{"rule", "severity", "path", "line", "column", "message"} {
		if _, ok := f[k]; !ok {
			t.Errorf("finding lacks %q: %v", k, f)
		}
	}
	if f["severity"] != "error" || f["end_line"] != float64(18) {
		t.Errorf("finding %v", f)
	}
	b.Reset()
	(&JSON{W: &b}).Close(Summary{})
	if !strings.Contains(b.String(), `"findings": []`) {
		t.Errorf("empty run must give an empty array, got %s", b.String())
	}
}

func TestGitHubEscapes(t *testing.T) {
	var b bytes.Buffer
	run(t, &GitHub{W: &b})
	lines := strings.Split(b.String(), "\n")
	if lines[0] != "::error file=postmortems/2024-12-04 report.md,line=17,col=1,title=template-leftover::template instruction left in [template-leftover]" {
		t.Errorf("line 0: %q", lines[0])
	}
	if lines[1] != "::warning file=postmortems/2024-12-04 report.md,line=69,col=1,title=action-item-owner::action item 1 has no owner, see: 100%25%0Anext [action-item-owner]" {
		t.Errorf("line 1: %q", lines[1])
	}
	if !strings.HasPrefix(lines[2], "::notice ") {
		t.Errorf("info must be a notice: %q", lines[2])
	}
	if got := EscapeProperty("a:b,c%d\r\n"); got != "a%3Ab%2Cc%25d%0D%0A" {
		t.Errorf("EscapeProperty = %q", got)
	}
}

// TestSARIFValidatesAgainstSchema checks the output against the official
// SARIF 2.1.0 JSON schema (testdata/sarif-2.1.0-rtm.5.json, see README).
func TestSARIFValidatesAgainstSchema(t *testing.T) {
	var b bytes.Buffer
	run(t, &SARIF{W: &b, Options: Options{Version: "1.2.3", Docs: rules.Docs(), HelpURI: "https://example.com/rules.md"}})

	f, err := os.Open("testdata/sarif-2.1.0-rtm.5.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("SARIF output is not valid: %v\n%s", err, b.String())
	}
	// The check can fail: a result without a message is invalid.
	broken, _ := jsonschema.UnmarshalJSON(strings.NewReader(strings.Replace(b.String(), `"level": "warning",`, `"level": "fatal",`, 1)))
	if err := sch.Validate(broken); err == nil {
		t.Fatal("schema accepted a result with level \"fatal\"; the check proves nothing")
	}

	// What GitHub code scanning needs beyond the schema.
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID, HelpURI          string
						ShortDescription     struct{ Text string }
						Help                 struct{ Text string }
						DefaultConfiguration struct{ Level string }
					}
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run0 := log.Runs[0]
	if len(run0.Tool.Driver.Rules) != len(rules.Docs()) {
		t.Fatalf("rules: %d, want %d", len(run0.Tool.Driver.Rules), len(rules.Docs()))
	}
	for _, r := range run0.Tool.Driver.Rules {
		if r.ShortDescription.Text == "" || r.Help.Text == "" || !strings.HasSuffix(r.HelpURI, "#"+r.ID) {
			t.Errorf("rule %s is not described: %+v", r.ID, r)
		}
	}
	if len(run0.Results) != 3 {
		t.Fatalf("results: %d", len(run0.Results))
	}
	for _, r := range run0.Results {
		if run0.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("ruleIndex %d does not point at %s", r.RuleIndex, r.RuleID)
		}
		l := r.Locations[0].PhysicalLocation
		if l.Region.StartColumn < 1 || l.Region.StartLine < 1 {
			t.Errorf("region %+v", l.Region)
		}
		if l.ArtifactLocation.URI != "postmortems/2024-12-04%20report.md" {
			t.Errorf("uri %q", l.ArtifactLocation.URI)
		}
	}
	if run0.Results[2].Level != "note" {
		t.Errorf("info must be a note, got %s", run0.Results[2].Level)
	}
}
