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
// "files":[...],"summary":{...}}; "files" says, for each file read, the
// template it was judged against and how it was chosen, or why it was
// skipped. Findings are small, so they are collected.
type JSON struct {
	W        io.Writer
	findings []lint.Finding
	errors   []fileError
	files    []fileInfo
}

// fileInfo says how a file was judged: against which template, chosen
// how, or that it was skipped as not a postmortem.
type fileInfo struct {
	Path     string        `json:"path"`
	Template *templateInfo `json:"template,omitempty"`
	Skipped  string        `json:"skipped,omitempty"`
}

type templateInfo struct {
	// Name is the preset ("course", "google-sre", "none") or the
	// configured template file.
	Name string `json:"name"`
	// How is "configured", "detected" or "none".
	How string `json:"how"`
	// Score, Matched and the runner-up are detection's evidence.
	Score         float64  `json:"score,omitempty"`
	Matched       []string `json:"matched,omitempty"`
	RunnerUp      string   `json:"runner_up,omitempty"`
	RunnerUpScore float64  `json:"runner_up_score,omitempty"`
}

// templateOf is how a printer describes the template a file was judged
// against; nil when the file was not read.
func templateOf(t *lint.Template) *templateInfo {
	if t == nil {
		return nil
	}
	d := t.Detection
	ti := &templateInfo{Name: t.Preset.Name, How: t.How(), Score: d.Score, Matched: d.Matched, RunnerUpScore: d.RunnerUpScore}
	if d.RunnerUp != nil {
		ti.RunnerUp = d.RunnerUp.Name
	}
	return ti
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
	if r.Err == nil {
		j.files = append(j.files, fileInfo{Path: r.Path, Template: templateOf(r.Template), Skipped: r.Skipped})
	}
	return nil
}

func (j *JSON) Close(s Summary) error {
	out := struct {
		Version  int            `json:"version"`
		Findings []lint.Finding `json:"findings"`
		Errors   []fileError    `json:"errors"`
		Files    []fileInfo     `json:"files"`
		Summary  jsonSummary    `json:"summary"`
	}{JSONVersion, j.findings, j.errors, j.files, jsonSummary{s.Files, s.Findings(), s.Errors, s.Warnings, s.Infos, s.Unusable, s.Fixed}}
	if out.Findings == nil {
		out.Findings = []lint.Finding{}
	}
	if out.Errors == nil {
		out.Errors = []fileError{}
	}
	if out.Files == nil {
		out.Files = []fileInfo{}
	}
	enc := json.NewEncoder(j.W)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
