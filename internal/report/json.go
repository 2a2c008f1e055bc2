package report

import (
	"encoding/json"
	"io"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// JSONVersion is the version of the JSON output; field names are stable
// within a version.
const JSONVersion = 1

// JSON prints one object: {"version":1,"findings":[...],"errors":[...],
// "summary":{...}}. Findings are small, so they are collected.
type JSON struct {
	W        io.Writer
	findings []lint.Finding
	errors   []fileError
}

type fileError struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

type jsonSummary struct {
	Files    int `json:"files"`
	Findings int `json:"findings"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	Unusable int `json:"unusable"`
	Fixed    int `json:"fixed,omitempty"`
}

func (j *JSON) File(r lint.Result) error {
	if r.Err != nil {
		j.errors = append(j.errors, fileError{r.Path, r.Err.Error()})
	}
	j.findings = append(j.findings, r.Findings...)
	return nil
}

func (j *JSON) Close(s Summary) error {
	out := struct {
		Version  int            `json:"version"`
		Findings []lint.Finding `json:"findings"`
		Errors   []fileError    `json:"errors"`
		Summary  jsonSummary    `json:"summary"`
	}{JSONVersion, j.findings, j.errors, jsonSummary{s.Files, s.Findings(), s.Errors, s.Warnings, s.Infos, s.Unusable, s.Fixed}}
	if out.Findings == nil {
		out.Findings = []lint.Finding{}
	}
	if out.Errors == nil {
		out.Errors = []fileError{}
	}
	enc := json.NewEncoder(j.W)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
