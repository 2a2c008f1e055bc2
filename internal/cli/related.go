package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/config"
	"github.com/postmortem-cli/postmortem/internal/discover"
	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/related"
	"github.com/postmortem-cli/postmortem/internal/report"
	"github.com/postmortem-cli/postmortem/internal/stats"
)

var relatedFormats = []string{"text", "json"}

type relatedFlags struct {
	in        []string
	top       int
	later     bool
	minScore  float64
	check     bool
	threshold float64
	formats   []string
	failOn    string
	sel       selection
}

func newRelatedCmd(env *Env) *cobra.Command {
	var fl relatedFlags
	cmd := &cobra.Command{
		Use:   "related FILE... | related --check [PATH...]",
		Short: "The earlier incidents most like a postmortem, ranked with the evidence; --check in CI",
		Long: `Rank the earlier postmortems by how much they are like FILE, each with why:
the services, contributing factors and trigger both name, and the words of
the root cause, trigger and summary that weigh most in both.

The score runs from 0 to 1. It is BM25 over the root cause, trigger and
summary (stop words dropped, words stemmed, the report's 15 most telling
words) as a share of the report's own score, weighed 0.55, with the share
of its services (0.15) and contributing factors (0.20) the other names and
a same trigger (0.10); parts the report does not have leave the score.
Computed locally from the files; docs/catalogue.md has the details.

The postmortems searched are those under --in (repeatable; default: the
paths of the nearest .postmortem.yaml, else the current folder), dated on
or before FILE's day unless --all.

--check is for CI: each postmortem named (a folder: every one under it;
none: every one searched) whose strongest earlier match scores at least
--threshold and is not listed under its related key gets a finding
(related-unlisted), printed as lint prints them: --format text, json, sarif
or github, NAME=FILE to write one to a file.

Exit codes: 0 ok; 1 (--check) findings at or above --fail-on; 2 bad usage
or no postmortems; 3 a file or folder could not be read.`,
		Example: `  postmortem related postmortems/2025-07-01-checkout-timeouts.yaml
  postmortem related report.md --in postmortems/ --top 3 --format json
  postmortem related --check postmortems/ --format github
  postmortem related --check new-report.md --threshold 0.6`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if fl.check {
				return runRelatedCheck(env, fl, args)
			}
			if len(args) == 0 {
				return usageErrorf("related: expected FILE (the postmortem to find incidents like), or --check")
			}
			return runRelated(env, fl, args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&fl.in, "in", nil, "search the postmortems under `PATH` (repeatable; default: the configured paths)")
	f.IntVar(&fl.top, "top", 5, "show at most `N` matches per file")
	f.BoolVar(&fl.later, "all", false, "also match incidents dated after FILE")
	f.Float64Var(&fl.minScore, "min-score", 0.2, "leave out matches scoring under `SCORE` (0 to 1)")
	f.BoolVar(&fl.check, "check", false, "report postmortems whose strong earlier match is not listed in related")
	f.Float64Var(&fl.threshold, "threshold", related.DefaultThreshold, "with --check, the `SCORE` a match must reach to be expected in related")
	f.StringArrayVarP(&fl.formats, "format", "f", nil, "output format: text or json; with --check also sarif and github, NAME=FILE to a file")
	f.StringVar(&fl.failOn, "fail-on", "warning", "with --check, the lowest severity that fails the run: error, warning or info")
	fl.sel.flags(cmd)
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion("text", "json", "sarif", "github"))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", fixedCompletion("error", "warning", "info"))
	return cmd
}

// relatedSearch is a loaded catalogue ready for searches.
type relatedSearch struct {
	set      *postmortemSet
	cat      *related.Catalogue
	resolver *related.Resolver
	byFile   map[string]int
}

// loadRelated loads the postmortems under paths (default: configured)
// and indexes them.
func loadRelated(env *Env, paths []string, sel selection) (*relatedSearch, error) {
	set, err := loadPostmortems(env, paths, sel)
	if err != nil {
		return nil, err
	}
	rs := &relatedSearch{set: set, byFile: map[string]int{}}
	incs := make([]related.Incident, len(set.Incidents))
	files := make([]string, len(set.Incidents))
	abs := discover.NewAbs()
	for i, in := range set.Incidents {
		incs[i] = relatedIncident(in, set)
		files[i] = in.File
		rs.byFile[abs.Or(in.File)] = i
	}
	rs.cat = related.New(incs)
	rs.resolver = related.NewResolver(files)
	rs.resolver.Exists = fileExists
	return rs, nil
}

func relatedIncident(in stats.Incident, set *postmortemSet) related.Incident {
	day, _ := in.Date()
	inc := related.FromDocument(in.File, in.Doc, day, set.Words)
	inc.Title = in.Title()
	return inc
}

func absOrSame(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// query is the incident a named file holds: the catalogue's own when it
// is in it, else the file loaded on its own.
func (rs *relatedSearch) query(name string) (related.Incident, error) {
	if i, ok := rs.byFile[absOrSame(name)]; ok {
		return rs.cat.Incidents[i], nil
	}
	f := discover.Load(name)
	if f.Err != nil {
		var code = ExitUsage
		if _, statErr := os.Stat(name); statErr != nil && !os.IsNotExist(statErr) {
			code = ExitInternal
		}
		return related.Incident{}, withCode(code, fmt.Errorf("%s", failureText(name, f.Err)))
	}
	inc := relatedIncident(stats.NewIncident(name, f.Doc), rs.set)
	inc.ID = absOrSame(name) // never equal to a catalogue file's path as found
	return inc, nil
}

func relatedPaths(fl relatedFlags) []string { return fl.in }

func runRelated(env *Env, fl relatedFlags, files []string) error {
	format := "text"
	if len(fl.formats) > 1 || len(fl.formats) == 1 && !slices.Contains(relatedFormats, fl.formats[0]) {
		return usageErrorf("--format: expected text or json (sarif and github go with --check)")
	} else if len(fl.formats) == 1 {
		format = fl.formats[0]
	}
	if fl.top < 1 {
		return usageErrorf("--top %d: expected 1 or more", fl.top)
	}
	for _, name := range files {
		if fi, err := os.Stat(name); err == nil && fi.IsDir() {
			return usageErrorf("related %s: a folder; expected one postmortem FILE (to search a folder: --in %s; to check every postmortem in it: --check %s)", name, name, name)
		}
	}
	rs, err := loadRelated(env, relatedPaths(fl), fl.sel)
	if err != nil {
		return err
	}
	type result struct {
		file    string
		matches []related.Match
		listed  []string
	}
	var results []result
	for _, name := range files {
		q, err := rs.query(name)
		if err != nil {
			return err
		}
		ms := rs.cat.Similar(q, related.Options{Limit: fl.top, Later: fl.later, MinScore: fl.minScore})
		res := result{file: displayPath(name), matches: ms}
		for _, m := range ms {
			target := rs.cat.Incidents[m.Index].ID
			if rs.resolver.Lists(name, q.Listed, target) {
				res.listed = append(res.listed, target)
			}
		}
		results = append(results, res)
	}
	var out bytes.Buffer
	if format == "json" {
		type jsonMatch struct {
			File     string   `json:"file"`
			Title    string   `json:"title"`
			Date     *string  `json:"date"`
			Score    float64  `json:"score"`
			Text     float64  `json:"text_score"`
			Services []string `json:"services"`
			Factors  []string `json:"factors"`
			Trigger  string   `json:"trigger,omitempty"`
			Words    []string `json:"words"`
			Listed   bool     `json:"listed"`
		}
		type jsonResult struct {
			File    string      `json:"file"`
			Matches []jsonMatch `json:"matches"`
		}
		doc := struct {
			Version int          `json:"version"`
			Results []jsonResult `json:"results"`
		}{Version: 1, Results: []jsonResult{}}
		for _, r := range results {
			jr := jsonResult{File: r.file, Matches: []jsonMatch{}}
			for _, m := range r.matches {
				in := rs.cat.Incidents[m.Index]
				jm := jsonMatch{File: displayPath(in.ID), Title: in.Title, Score: m.Score, Text: round2(m.Text),
					Services: orEmpty(m.Services), Factors: orEmpty(m.Factors), Trigger: m.Trigger, Words: orEmpty(m.Words),
					Listed: slices.Contains(r.listed, in.ID)}
				if !in.Date.IsZero() {
					d := in.Date.Format(time.DateOnly)
					jm.Date = &d
				}
				jr.Matches = append(jr.Matches, jm)
			}
			doc.Results = append(doc.Results, jr)
		}
		enc := json.NewEncoder(&out)
		enc.SetIndent("", "  ")
		err = enc.Encode(doc)
	} else {
		for i, r := range results {
			if i > 0 {
				fmt.Fprintln(&out)
			}
			what := "earlier incidents"
			if fl.later {
				what = "incidents"
			}
			if len(r.matches) == 0 {
				fmt.Fprintf(&out, "%s: no %s like this one (none scores %.2f or more)\n", r.file, what, fl.minScore)
				continue
			}
			fmt.Fprintf(&out, "%s: %s like this one\n", r.file, plural(len(r.matches), strings.TrimSuffix(what, "s")))
			for _, m := range r.matches {
				in := rs.cat.Incidents[m.Index]
				head := fmt.Sprintf("\n  %.2f  %s", m.Score, displayPath(in.ID))
				if in.Title != "" {
					head += "  " + oneLine(in.Title, 60)
				}
				if !in.Date.IsZero() {
					head += " (" + in.Date.Format(time.DateOnly) + ")"
				}
				if slices.Contains(r.listed, in.ID) {
					head += "  [listed in related]"
				}
				fmt.Fprintln(&out, head)
				for _, line := range evidenceLines(m) {
					fmt.Fprintln(&out, "        "+line)
				}
			}
		}
	}
	return rs.set.finish(env, out.Bytes(), err)
}

func evidenceLines(m related.Match) []string {
	var lines, same []string
	for _, r := range m.Reasons() {
		if r.What == "words" {
			lines = append(lines, fmt.Sprintf("similar words (text %.2f): %s", m.Text, r.Detail))
			continue
		}
		same = append(same, r.What+": "+r.Detail)
	}
	if len(same) > 0 {
		lines = append([]string{"same " + strings.Join(same, " · ")}, lines...)
	}
	return lines
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// runRelatedCheck is --check: findings for postmortems whose strong
// earlier match is not listed, in lint's printers.
func runRelatedCheck(env *Env, fl relatedFlags, args []string) error {
	failOn, err := lint.ParseSeverity(fl.failOn)
	if err != nil || failOn == lint.Off {
		return usageErrorf("--fail-on %q: expected error, warning or info", fl.failOn)
	}
	if fl.threshold <= 0 || fl.threshold > 1 {
		return usageErrorf("--threshold %v: expected a score above 0 and at most 1", fl.threshold)
	}
	stdout := bufio.NewWriter(env.Out)
	defer stdout.Flush()
	outs, err := lintOutputs(stdout, fl.formats, false, false, []lint.Doc{related.CheckDoc})
	if err != nil {
		return err
	}
	paths := fl.in
	if len(paths) == 0 && len(args) > 0 {
		// the named folders are searched too, beside the configured ones
		paths = append(configuredPathsFor(args[0]), args...)
	}
	rs, err := loadRelated(env, paths, fl.sel)
	if err != nil {
		return err
	}
	var checked []string
	if len(args) == 0 {
		for _, in := range rs.set.Incidents {
			checked = append(checked, in.File)
		}
	} else if checked, err = discover.Files(args, discover.Options{Include: fl.sel.include, Exclude: fl.sel.exclude}); err != nil {
		return usageErrorf("%v", err)
	}
	sum := report.Summary{}
	worst := ExitOK
	var writeErr error
	for _, name := range checked {
		q, err := rs.query(name)
		res := lint.Result{Path: displayPath(name)}
		if err != nil {
			res.Err = fmt.Errorf("%s", strings.TrimPrefix(err.Error(), name+": "))
			worst = max(worst, ExitUsage)
		} else if m, ok := rs.cat.Unlisted(q, rs.resolver, fl.threshold); ok {
			res.Findings = append(res.Findings, unlistedFinding(rs, name, q, m))
		}
		sum.Add(res)
		for _, f := range res.Findings {
			if f.Severity >= failOn {
				worst = max(worst, ExitProblems)
			}
		}
		for _, o := range outs {
			if err := o.p.File(res); err != nil && writeErr == nil {
				writeErr = withCode(ExitInternal, err)
			}
		}
	}
	if err := closeOutputs(outs, sum, stdout); err != nil && writeErr == nil {
		writeErr = withCode(ExitInternal, err)
	}
	if writeErr != nil {
		return writeErr
	}
	printFailures(env.Err, rs.set.Failed)
	return silentExit(worst)
}

// unlistedFinding is the finding for a report and its unlisted match, at
// its related entries when it has some, else at its title.
func unlistedFinding(rs *relatedSearch, name string, q related.Incident, m related.Match) lint.Finding {
	target := rs.cat.Incidents[m.Index]
	line, col := 1, 1
	if doc := rs.docOf(name); doc != nil && doc.Source != nil {
		key := "title"
		if len(doc.Related) > 0 {
			key = "related"
		}
		p := doc.Source.Pos(key)
		line, col = max(p.Line, 1), max(p.Column, 1)
	}
	title := ""
	if target.Title != "" {
		title = fmt.Sprintf(" %q", oneLine(target.Title, 60))
	}
	return lint.Finding{Rule: related.CheckDoc.ID, Severity: related.CheckDoc.Severity, Path: displayPath(name), Line: line, Column: col,
		Message: fmt.Sprintf("the earlier incident%s in %s is like this one (score %.2f: %s) but related does not list it; add %q to related, or raise --threshold if they differ",
			title, displayPath(target.ID), m.Score, related.Evidence(m), related.Stem(target.ID))}
}

// docOf is the document of a file searched or checked.
func (rs *relatedSearch) docOf(name string) *document.Document {
	if i, ok := rs.byFile[absOrSame(name)]; ok {
		return rs.set.Incidents[i].Doc
	}
	if f := discover.Load(name); f.Err == nil {
		return f.Doc
	}
	return nil
}

// configuredPathsFor is the configured paths of the configuration that
// applies where a path is.
func configuredPathsFor(start string) []string {
	if fi, err := os.Stat(start); err == nil && fi.IsDir() {
		start = filepath.Join(start, "related-target")
	}
	c, err := (&config.Finder{}).For(start)
	if err != nil {
		return nil
	}
	return configuredPaths(c)
}

// relatedProblems is lint's resolver of related entries for the files a
// configuration governs (lint.Catalogue.ResolveRelated): the postmortems
// under its paths, listed once, on the first entry asked about; an ID not
// among them may still name a file beside the report.
func relatedProblems(c *config.Config) func(path, entry string) string {
	var once sync.Once
	var r *related.Resolver
	return func(path, entry string) string {
		once.Do(func() {
			files, _ := discover.Files(configuredPaths(c), discover.Options{Include: c.Include, Exclude: c.Exclude})
			r = related.NewResolver(files)
			r.Exists = fileExists
		})
		problem := r.Problem(path, entry)
		if problem != "" && !strings.ContainsAny(entry, `/\`) {
			for _, ext := range []string{".yaml", ".yml", ".json", ".md", ".markdown"} {
				if fileExists(filepath.Join(filepath.Dir(path), entry+ext)) {
					return ""
				}
			}
		}
		return problem
	}
}
