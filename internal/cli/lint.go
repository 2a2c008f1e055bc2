package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/config"
	"github.com/postmortem-cli/postmortem/internal/discover"
	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/rules"
	"github.com/postmortem-cli/postmortem/internal/report"
	"github.com/postmortem-cli/postmortem/internal/safefile"
)

// rulesDocURI is where SARIF help links point; each rule is an anchor.
const rulesDocURI = "https://github.com/postmortem-cli/postmortem/blob/main/docs/rules.md"

type lintFlags struct {
	configPath       string
	formats          []string
	failOn           string
	enable, disable  []string
	include, exclude []string
	fix, diff        bool
	jobs             int
	stdinName        string
	color            string
	verbose          bool
}

func newLintCmd(env *Env) *cobra.Command {
	var fl lintFlags
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check postmortems in CI: leftovers, times, durations, owners, secrets",
		Long: `Check Markdown postmortems and YAML/JSON documents the way a careful reviewer
would: template text left in, missing or empty sections, the time zone, unreadable
or out-of-order times, durations in the prose that disagree with the timeline,
windows that end before they start, action items without owner or due date,
heading levels, credentials pasted from a curl command. 'postmortem help rules'
describes every rule; docs/rules.md has examples.

Templates: the structure rules (required-section, heading-level, title-format,
timeline-format, action-item-due) judge a report against its template: the one
.postmortem.yaml names (template: course, google-sre, pagerduty, atlassian,
none, or a file), else the one the report names in a comment or its headings
show. A report that follows no known template gets only the rules that hold for
any report; a Markdown file that is not a postmortem is skipped. -v says which
template each file was judged against ('postmortem help templates').

PATH is a file, a folder, or - for standard input (named by --stdin-filename,
for editors). Folders are searched recursively for .md, .markdown, .yaml, .yml
and .json files; hidden folders, node_modules, vendor, README/CHANGELOG-style
project files and a .md rendered beside its .yaml are skipped unless named.
Without PATH, the folders listed under 'paths' in .postmortem.yaml are linted,
else the current folder.

Configuration: the nearest .postmortem.yaml in each file's folder or above it
('postmortem init' writes a commented one), or --config FILE for every file.
An unknown key or rule ID in it is an error (exit 2).

Suppressions, in Markdown comments:
  <!-- postmortem-disable-next-line secret -->   the next line only
  <!-- postmortem-disable template-leftover -->  until postmortem-enable
  <!-- postmortem-enable -->                     (no rule: every rule)
A suppression that silences nothing is reported (unused-suppression).

Output: --format text (default) prints "path:line:col: severity: message
[rule]" and a summary line; json prints {"version":1,"findings":[...]}; sarif
prints SARIF 2.1.0 for GitHub code scanning; github prints workflow commands
that annotate the pull request. --format NAME=FILE writes that format to FILE
instead of standard output (text still goes to standard output unless another
format is asked for there); repeat --format to write several in one run.

--fix applies the mechanical repairs (deletes template instructions, adds the
configured time zone's line where a report states none, fixes heading levels
and timeline entry markup toward the report's own template), writes the files
and reports what is left. --diff shows those repairs as a unified diff
and changes nothing.

Exit codes: 0 no findings at or above --fail-on; 1 findings at or above
--fail-on (or, with --diff, files that --fix would change); 2 bad usage, a bad
configuration, or a file that cannot be read as a postmortem; 3 an I/O failure.`,
		Example: `  # Lint every postmortem under postmortems/
  postmortem lint postmortems/

  # In CI: annotations in the log and SARIF for code scanning, failing on errors only
  postmortem lint --format github --format sarif=postmortem.sarif --fail-on error .

  # Repair what can be repaired mechanically, after looking at the changes
  postmortem lint --diff postmortems/2024-12-04.md
  postmortem lint --fix postmortems/2024-12-04.md

  # Turn on the blameful-language rule, turn off heading-level
  postmortem lint --enable blameful-language --disable heading-level .

  # Which template each report was judged against
  postmortem lint -v postmortems/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLint(env, fl, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.configPath, "config", "", "use this configuration for every file instead of the nearest .postmortem.yaml")
	f.StringArrayVarP(&fl.formats, "format", "f", nil, "output format: text, json, sarif or github; NAME=FILE writes to FILE (repeatable)")
	f.StringVar(&fl.failOn, "fail-on", "", "lowest severity that makes the run fail: error, warning or info (default from config, else warning)")
	f.StringSliceVar(&fl.enable, "enable", nil, "turn on rules by ID (repeatable or comma-separated)")
	f.StringSliceVar(&fl.disable, "disable", nil, "turn off rules by ID (repeatable or comma-separated)")
	f.StringArrayVar(&fl.include, "include", nil, "lint only files matching this glob in the folders given (repeatable)")
	f.StringArrayVar(&fl.exclude, "exclude", nil, "skip files matching this glob (repeatable), e.g. 'archive/**'")
	f.BoolVar(&fl.fix, "fix", false, "apply mechanical fixes to the files and report what is left")
	f.BoolVar(&fl.diff, "diff", false, "print the fixes --fix would make as a unified diff; change nothing")
	f.IntVarP(&fl.jobs, "jobs", "j", 0, "files linted in parallel (default: the number of CPUs)")
	f.StringVar(&fl.color, "color", "auto", "colour the text output: auto (a terminal without NO_COLOR or TERM=dumb), always or never")
	f.BoolVarP(&fl.verbose, "verbose", "v", false, "say on standard error which template each file was judged against (configured, detected with its score, or none) and which files were skipped")
	f.StringVar(&fl.stdinName, "stdin-filename", "stdin.md", "with PATH -, the name standard input is linted as (its extension picks Markdown or YAML; its folder, the configuration)")
	ids := rules.IDs()
	_ = cmd.RegisterFlagCompletionFunc("enable", fixedCompletion(ids...))
	_ = cmd.RegisterFlagCompletionFunc("disable", fixedCompletion(ids...))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", fixedCompletion("error", "warning", "info"))
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(report.Formats...))
	_ = cmd.RegisterFlagCompletionFunc("color", fixedCompletion("auto", "always", "never"))
	cmd.MarkFlagsMutuallyExclusive("fix", "diff")
	return cmd
}

// output is one printer and where it writes.
type output struct {
	format string
	path   string // "" for standard output
	buf    *bytes.Buffer
	p      report.Printer
}

func runLint(env *Env, fl lintFlags, args []string) error {
	finder, here, failOn, err := lintConfig(fl, args)
	if err != nil {
		return err
	}
	color, err := lintColor(env, fl.color)
	if err != nil {
		return err
	}
	// One write per finding to an unbuffered stdout was 23,000 system
	// calls on 10,000 reports. Output is buffered, and flushed after each
	// file on a terminal so that a person sees progress.
	stdout := bufio.NewWriterSize(env.Out, 64<<10)
	defer stdout.Flush()
	outs, err := lintOutputs(stdout, fl.formats, fl.diff, color, rules.Docs())
	if err != nil {
		return err
	}
	files, read, err := lintFiles(env, fl, here, args)
	if err != nil {
		return err
	}
	// Read every configuration up front: a broken one stops the run
	// before any output, as a usage error.
	for _, f := range files {
		if _, err := finder.For(f); err != nil {
			return usageErrorf("%v", err)
		}
	}
	settings := settingsFor(finder, fl)

	// Linting allocates short-lived garbage per file and keeps little, so
	// it collects only when the heap nears a soft limit (GOGC off with a
	// memory limit, the configuration the Go GC guide gives for a known
	// memory budget): 0.95x the CPU of GOGC=400 under the same limit, and
	// the peak stays near 38 MB, loaded machine or not (with a 64 MB limit
	// it reached 40-52 MB under load). A single file of megabytes keeps
	// more than the limit alive; the runtime then caps the collector's
	// share of the CPU, and such a file lints about 1.5 times slower than
	// with a higher limit.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(30 << 20))

	run := &lintRun{env: env, fl: fl, stdout: stdout, outs: outs, failOn: failOn, sum: report.Summary{FixMode: fl.fix, DiffMode: fl.diff}}
	lint.New(rules.All()).Run(files, lint.Options{Settings: settings, Fix: fl.fix || fl.diff, Workers: fl.jobs, Read: read}, run.file)
	return run.finish()
}

// lintConfig reads the configuration: --config for every file, else the
// nearest one; fail_on, include and exclude come from the configuration
// that applies where linting starts (the first PATH, else here).
func lintConfig(fl lintFlags, args []string) (*config.Finder, *config.Config, lint.Severity, error) {
	finder := &config.Finder{}
	if fl.configPath != "" {
		c, err := config.Load(fl.configPath)
		if err != nil {
			return nil, nil, 0, usageErrorf("%v", err)
		}
		finder.Fixed = c
	}
	for _, id := range append(append([]string(nil), fl.enable...), fl.disable...) {
		if _, ok := rules.Lookup(id); !ok {
			return nil, nil, 0, usageErrorf("unknown rule %q (rules: %s; see 'postmortem help rules')", id, strings.Join(rules.IDs(), ", "))
		}
	}
	start := "lint-target"
	if len(args) > 0 {
		start = args[0]
		if fi, err := os.Stat(start); err == nil && fi.IsDir() {
			start = filepath.Join(start, "lint-target")
		}
	}
	here, err := finder.For(start)
	if err != nil {
		return nil, nil, 0, usageErrorf("%v", err)
	}
	failOn := here.FailOnSeverity()
	if fl.failOn != "" {
		sev, err := lint.ParseSeverity(fl.failOn)
		if err != nil || sev == lint.Off {
			return nil, nil, 0, usageErrorf("--fail-on %q: expected error, warning or info", fl.failOn)
		}
		failOn = sev
	}
	return finder, here, failOn, nil
}

// lintColor reads --color.
func lintColor(env *Env, flag string) (bool, error) {
	switch flag {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return env.OutIsTerminal && env.Getenv("NO_COLOR") == "" && env.Getenv("TERM") != "dumb", nil
	}
	return false, usageErrorf("--color %q: expected auto, always or never", flag)
}

// lintFiles lists the files to lint and how to read them: standard
// input alone, or the files under the paths (the configured ones when
// none is given).
func lintFiles(env *Env, fl lintFlags, here *config.Config, args []string) ([]string, func(string) ([]byte, error), error) {
	paths := args
	if len(paths) == 0 {
		paths = configuredPaths(here)
	}
	if slices.Contains(paths, "-") {
		if len(paths) > 1 || fl.fix {
			return nil, nil, usageErrorf("- (standard input) must be the only PATH, and cannot be used with --fix (use --diff)")
		}
		data, err := io.ReadAll(io.LimitReader(env.In, document.MaxSize+1))
		if err != nil {
			return nil, nil, withCode(ExitInternal, fmt.Errorf("<stdin>: %w", err))
		}
		return []string{fl.stdinName}, func(string) ([]byte, error) { return data, nil }, nil
	}
	opt := discover.Options{Include: append(append([]string(nil), here.Include...), fl.include...), Exclude: append(append([]string(nil), here.Exclude...), fl.exclude...)}
	if fl.verbose {
		opt.OnSkip = func(path, reason string) { fmt.Fprintf(env.Err, "%s: skipped: %s\n", displayPath(path), reason) }
	}
	files, err := discover.Files(paths, opt)
	if err != nil {
		return nil, nil, usageErrorf("%v", err)
	}
	if len(files) == 0 {
		// A new repository's folder (postmortem init) is empty until
		// the first incident; that is not a failure. A path that does
		// not exist is, and discover.Files said so above.
		fmt.Fprintf(env.Err, "note: no postmortems in %s yet (looked for .md, .markdown, .yaml, .yml, .json); nothing to lint\n", strings.Join(paths, ", "))
	}
	return files, nil, nil
}

// lintRun is one lint run's outputs and outcome, file by file.
type lintRun struct {
	env      *Env
	fl       lintFlags
	stdout   *bufio.Writer
	outs     []*output
	failOn   lint.Severity
	sum      report.Summary
	worst    int
	changed  int
	writeErr error
}

// fail keeps the first error writing output.
func (run *lintRun) fail(err error) {
	if err != nil && run.writeErr == nil {
		run.writeErr = withCode(ExitInternal, err)
	}
}

// file reports one file's result: fixes written or shown, findings
// printed, the exit code raised.
func (run *lintRun) file(r lint.Result) {
	fl := run.fl
	disk := r.Path
	r.Path = displayPath(r.Path)
	for i := range r.Findings {
		r.Findings[i].Path = r.Path
	}
	if r.Err != nil {
		run.worst = max(run.worst, unusableCode(r.Err))
		r.Err = errors.New(strings.TrimPrefix(strings.TrimPrefix(r.Err.Error(), disk), ": "))
	}
	if r.Fixed != nil {
		run.changed++
		switch {
		case fl.diff:
			fmt.Fprint(run.stdout, lint.UnifiedDiff(r.Path, r.Original, r.Fixed))
		case fl.fix:
			run.fail(safefile.Write(disk, r.Fixed, true))
		}
	}
	if fl.verbose {
		fmt.Fprintln(run.env.Err, describeTemplate(r))
	}
	run.sum.Add(r)
	for _, f := range r.Findings {
		if f.Severity >= run.failOn {
			run.worst = max(run.worst, ExitProblems)
		}
	}
	for _, o := range run.outs {
		run.fail(o.p.File(r))
	}
	if run.env.OutIsTerminal {
		run.fail(run.stdout.Flush())
	}
}

// describeTemplate is --verbose's line for a file: the template it was
// judged against and how it was chosen, or why it was not judged.
func describeTemplate(r lint.Result) string {
	switch {
	case r.Err != nil:
		return r.Path + ": not read"
	case r.Skipped != "":
		return r.Path + ": skipped: " + r.Skipped
	case r.Template == nil:
		return r.Path + ": no template"
	}
	t := r.Template
	d := t.Detection
	var b strings.Builder
	fmt.Fprintf(&b, "%s: template %s (", r.Path, t.Preset.Name)
	switch t.How() {
	case "configured":
		b.WriteString("configured")
	case "named":
		b.WriteString("named in the report")
	case "detected":
		fmt.Fprintf(&b, "detected, score %.2f: %s", d.Score, strings.Join(d.Matched, ", "))
	default:
		b.WriteString("no known template: universal rules only")
	}
	if t.How() == "detected" || t.How() == "none" {
		if d.RunnerUp != nil {
			label := "runner-up"
			if t.Preset.IsNone() {
				label = "closest"
			}
			fmt.Fprintf(&b, "; %s %s %.2f", label, d.RunnerUp.Name, d.RunnerUpScore)
		}
	}
	b.WriteString(")")
	return b.String()
}

// finish closes the outputs and says how the run ends.
func (run *lintRun) finish() error {
	run.fail(closeOutputs(run.outs, run.sum, run.stdout))
	if run.fl.diff {
		fmt.Fprintln(run.env.Err, run.sum.Line())
		if run.changed > 0 {
			run.worst = max(run.worst, ExitProblems)
		}
	}
	if run.writeErr != nil {
		return run.writeErr
	}
	return silentExit(run.worst)
}

// closeOutputs ends every printer with the run's summary, writes the
// ones that go to files, and flushes standard output; it returns the
// first failure.
func closeOutputs(outs []*output, sum report.Summary, stdout *bufio.Writer) error {
	var errs []error
	for _, o := range outs {
		errs = append(errs, o.p.Close(sum))
		if o.path != "" {
			errs = append(errs, safefile.Write(o.path, o.buf.Bytes(), true))
		}
	}
	errs = append(errs, stdout.Flush())
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// lintOutputs builds the printers: at most one on standard output (text
// unless told otherwise; none with --diff, which prints the diff there).
// docs describe the checks that can report (SARIF lists them as rules).
func lintOutputs(stdout io.Writer, formats []string, diff, color bool, docs []lint.Doc) ([]*output, error) {
	toFiles := 0
	for _, f := range formats {
		if strings.Contains(f, "=") {
			toFiles++
		}
	}
	// Text goes to the log unless a format was asked for there, so that
	// --format sarif=FILE alone still shows the findings.
	if toFiles == len(formats) && !diff {
		formats = append([]string{"text"}, formats...)
	}
	var outs []*output
	toStdout := 0
	seenPath := map[string]bool{}
	for _, spec := range formats {
		name, path, _ := strings.Cut(spec, "=")
		o := &output{format: name, path: path}
		w := stdout
		if path != "" {
			if seenPath[path] {
				return nil, usageErrorf("--format %s: %s is already an output", spec, path)
			}
			seenPath[path] = true
			o.buf = &bytes.Buffer{}
			w = o.buf
		} else {
			toStdout++
			if toStdout > 1 || diff {
				return nil, usageErrorf("--format %s: only one format can go to standard output%s; write the others to files with NAME=FILE", spec, map[bool]string{true: " (--diff prints the diff there)"}[diff])
			}
		}
		p, err := report.New(name, w, report.Options{Version: Version(), Docs: docs, HelpURI: rulesDocURI, Color: color && path == ""})
		if err != nil {
			return nil, usageErrorf("--format: %v", err)
		}
		o.p = p
		outs = append(outs, o)
	}
	return outs, nil
}

// configuredPaths are the config's paths relative to its folder, else ".".
func configuredPaths(c *config.Config) []string {
	if len(c.Paths) == 0 {
		return []string{"."}
	}
	var out []string
	for _, p := range c.Paths {
		if !filepath.IsAbs(p) && c.Dir != "" {
			p = filepath.Join(c.Dir, p)
		}
		out = append(out, p)
	}
	return out
}

// settingsFor applies --enable and --disable on top of each file's
// configuration, once per configuration.
func settingsFor(finder *config.Finder, fl lintFlags) func(string) (*lint.Settings, error) {
	var mu sync.Mutex
	cache := map[*config.Config]*lint.Settings{}
	return func(path string) (*lint.Settings, error) {
		c, err := finder.For(path)
		if err != nil {
			return nil, err
		}
		mu.Lock()
		defer mu.Unlock()
		if s, ok := cache[c]; ok {
			return s, nil
		}
		s := *c.Settings()
		s.Severity = map[string]lint.Severity{}
		for k, v := range c.Settings().Severity {
			s.Severity[k] = v
		}
		for _, id := range fl.enable {
			d, _ := rules.Lookup(id)
			if sev := s.SeverityOf(d); sev == lint.Off {
				s.Severity[id] = d.Severity
			}
		}
		for _, id := range fl.disable {
			s.Severity[id] = lint.Off
		}
		s.Catalogue.ResolveRelated = relatedProblems(c) // related.go
		cache[c] = &s
		return &s, nil
	}
}

// displayPath is a path relative to the working folder with forward
// slashes: what editors, CI logs and SARIF expect.
func displayPath(p string) string {
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
				p = r
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// unusableCode is the exit code for a file that could not be linted: 2
// for input that is not a postmortem, 3 for an I/O failure or a bug.
func unusableCode(err error) int {
	var pe *fs.PathError
	if errors.As(err, &pe) && !errors.Is(err, fs.ErrNotExist) || errors.Is(err, lint.ErrInternal) {
		return ExitInternal
	}
	return ExitUsage
}

// rulesHelpTopic is `postmortem help rules`: every rule with its ID,
// default severity, whether --fix repairs it, summary and rationale.
func rulesHelpTopic() *cobra.Command {
	var b strings.Builder
	b.WriteString(`Rules of 'postmortem lint'. Each has a stable ID, used in .postmortem.yaml,
in --enable/--disable, in suppression comments and as the SARIF ruleId.
Re-level or disable a rule in .postmortem.yaml:

  rules:
    heading-level: off
    blameful-language: warning

docs/rules.md has a bad and a good example for each rule.
`)
	for _, d := range rules.Docs() {
		sev := d.Severity.String()
		if d.Disabled {
			sev = "off (" + sev + " when enabled)"
		}
		fix := ""
		if d.Fixable {
			fix = ", fixable"
		}
		fmt.Fprintf(&b, "\n%s (%s%s)\n  %s\n", d.ID, sev, fix, d.Summary)
		for _, l := range strings.Split(d.Rationale, "\n") {
			b.WriteString("    " + l + "\n")
		}
		if d.Config != "" {
			fmt.Fprintf(&b, "    Configured by: %s\n", d.Config)
		}
	}
	return &cobra.Command{Use: "rules", Short: "The lint rules: what each checks and why", Long: strings.TrimRight(b.String(), "\n")}
}
