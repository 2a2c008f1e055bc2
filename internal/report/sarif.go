package report

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// SARIF prints a SARIF 2.1.0 log with one run, every rule described in
// tool.driver.rules (so code scanning can show help), stable rule IDs and
// URIs relative to the repository root (%SRCROOT%).
type SARIF struct {
	W io.Writer
	Options
	results []sarifResult
	files   []sarifNotification
}

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool sarifTool `json:"tool"`
	// ColumnKind says columns count Unicode code points, as lint's do
	// (SARIF's default is UTF-16 code units).
	ColumnKind         string                   `json:"columnKind"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
	Invocations        []sarifInvocation        `json:"invocations"`
	Results            []sarifResult            `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      sarifText       `json:"fullDescription"`
	Help                 sarifText       `json:"help"`
	HelpURI              string          `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	Properties           map[string]any  `json:"properties,omitempty"`
}

type sarifRuleConfig struct {
	Enabled bool   `json:"enabled"`
	Level   string `json:"level"`
}

type sarifArtifact struct {
	URI string `json:"uri,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
}

// SARIFLevel maps a severity to SARIF's level names.
func SARIFLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	case lint.Info:
		return "note"
	}
	return "none"
}

func (s *SARIF) File(r lint.Result) error {
	loc := func(line, col, end int) []sarifLocation {
		p := sarifPhysical{ArtifactLocation: sarifArtifactLocation{URI: uriOf(r.Path), URIBaseID: "%SRCROOT%"}}
		if line > 0 {
			p.Region = &sarifRegion{StartLine: line, StartColumn: max(col, 1)}
			if end > line {
				p.Region.EndLine = end
			}
		}
		return []sarifLocation{{PhysicalLocation: p}}
	}
	if r.Err != nil {
		s.files = append(s.files, sarifNotification{Level: "error", Message: sarifText{Text: r.Err.Error()}, Locations: loc(0, 0, 0)})
	}
	for _, f := range r.Findings {
		s.results = append(s.results, sarifResult{
			RuleID: f.Rule, RuleIndex: s.ruleIndex(f.Rule), Level: SARIFLevel(f.Severity),
			Message: sarifText{Text: f.Message}, Locations: loc(f.Line, f.Column, f.EndLine),
		})
	}
	return nil
}

func (s *SARIF) ruleIndex(id string) int {
	for i, d := range s.Docs {
		if d.ID == id {
			return i
		}
	}
	return -1
}

// uriOf makes a relative path a URI reference: forward slashes, and the
// characters URIs reserve percent-encoded.
func uriOf(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	r := strings.NewReplacer("%", "%25", " ", "%20", "#", "%23", "?", "%3F", "[", "%5B", "]", "%5D")
	return r.Replace(strings.TrimPrefix(p, "./"))
}

func (s *SARIF) Close(sum Summary) error {
	rules := make([]sarifRule, 0, len(s.Docs))
	for _, d := range s.Docs {
		level := SARIFLevel(d.Severity)
		help := d.Summary + "\n\n" + d.Rationale
		md := "**" + d.ID + "**: " + d.Summary + "\n\n" + d.Rationale
		if d.Bad != "" {
			md += "\n\nBad:\n\n```markdown\n" + d.Bad + "\n```"
		}
		if d.Good != "" {
			md += "\n\nGood:\n\n```markdown\n" + d.Good + "\n```"
		}
		r := sarifRule{
			ID: d.ID, Name: ruleName(d.ID),
			ShortDescription:     sarifText{Text: d.Summary},
			FullDescription:      sarifText{Text: d.Rationale},
			Help:                 sarifText{Text: help, Markdown: md},
			DefaultConfiguration: sarifRuleConfig{Enabled: !d.Disabled, Level: level},
			Properties:           map[string]any{"tags": []string{"postmortem"}, "fixable": d.Fixable},
		}
		if s.HelpURI != "" {
			r.HelpURI = s.HelpURI + "#" + d.ID
		}
		rules = append(rules, r)
	}
	results := s.results
	if results == nil {
		results = []sarifResult{}
	}
	log := sarifLog{
		Schema: sarifSchema, Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{Name: "postmortem", Version: s.Version,
				InformationURI: "https://github.com/postmortem-cli/postmortem", Rules: rules}},
			ColumnKind:  "unicodeCodePoints",
			Invocations: []sarifInvocation{{ExecutionSuccessful: sum.Unusable == 0, ToolExecutionNotifications: s.files}},
			Results:     results,
		}},
	}
	enc := json.NewEncoder(s.W)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// ruleName is a rule ID in PascalCase, SARIF's convention for names:
// "template-leftover" gives "TemplateLeftover".
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}
