package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/config"
	"github.com/postmortem-cli/postmortem/internal/discover"
	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/interview"
	"github.com/postmortem-cli/postmortem/internal/preset"
	"github.com/postmortem-cli/postmortem/internal/render"
	"github.com/postmortem-cli/postmortem/internal/safefile"
	"github.com/postmortem-cli/postmortem/internal/vocabulary"
)

// interviewFlags are shared by new and edit.
type interviewFlags struct {
	output, template  string
	force, accessible bool
	// words is the configuration's vocabulary (nil: the built-in one).
	words *vocabulary.Vocabulary
	// configured is the configuration's template (nil: none named).
	configured *preset.Preset
}

// preset is the template --template or the configuration names, when it
// is a preset or a template file read as one; nil otherwise (every
// section is asked).
func (f *interviewFlags) preset() *preset.Preset {
	if p, ok := preset.Lookup(f.template); ok && !p.IsNone() {
		return p
	}
	if p := f.configured; p != nil && p.Custom() && (p.Name == f.template || strings.HasSuffix(filepath.ToSlash(f.template), filepath.ToSlash(p.Name))) {
		return p
	}
	return nil
}

// kinds are the document fields the interview asks: the template's
// sections (nil: every one).
func (f *interviewFlags) kinds() []string {
	if p := f.preset(); p != nil {
		return p.Kinds()
	}
	return nil
}

// requiredKinds are the sections --no-input insists on: the template's
// required ones (nil: every one the interview requires).
func (f *interviewFlags) requiredKinds() []string {
	if p := f.preset(); p != nil {
		return p.RequiredKinds()
	}
	return nil
}

func (f *interviewFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVarP(&f.output, "output", "o", "", "where to save: a `PATH` ending in .yaml or .md (the other file gets the same name), or a directory")
	fl.BoolVar(&f.force, "force", false, "replace files that already exist")
	fl.BoolVar(&f.accessible, "accessible", false, "ask one plain line at a time (screen readers; also when TERM=dumb or stdin is not a terminal)")
	fl.StringVarP(&f.template, "template", "t", render.DefaultTemplate, "template `NAME` or PATH for the Markdown report ("+strings.Join(templateNames(), ", ")+"); a preset's name also picks the sections asked")
	_ = cmd.RegisterFlagCompletionFunc("template", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return templateNames(), cobra.ShellCompDirectiveDefault
	})
}

// fromConfig takes defaults from the nearest .postmortem.yaml (the one
// `postmortem init` writes): reports go in its first folder when that
// is a real sub-folder, rendered with its template, unless -o or -t say
// otherwise. A broken config is a usage error, as it is for lint.
func (f *interviewFlags) fromConfig(cmd *cobra.Command) error {
	c, err := (&config.Finder{}).For(config.FileName)
	if err != nil {
		return usageErrorf("%v", err)
	}
	if c.Path == "" {
		return nil
	}
	f.words = c.Words()
	f.configured = c.Settings().Preset
	if !cmd.Flags().Changed("output") {
		if p := configuredPaths(c)[0]; filepath.Clean(p) != "." && isDir(p) {
			f.output = p + string(filepath.Separator)
		}
	}
	if !cmd.Flags().Changed("template") && c.Template != "" {
		f.template = c.Template
		if strings.ContainsAny(c.Template, `/\`) || strings.HasSuffix(c.Template, ".tmpl") {
			if !filepath.IsAbs(c.Template) {
				f.template = filepath.Join(c.Dir, c.Template)
			}
		}
	}
	return nil
}

func newNewCmd(env *Env) *cobra.Command {
	var (
		f               interviewFlags
		resume, noInput bool
		from            string
		evidence        evidenceFlags
	)
	cmd := &cobra.Command{
		Use:   "new [-o PATH] [--from ANSWERS] | new --resume [DRAFT]",
		Short: "Write a postmortem by answering questions, section by section",
		Long: `Walk through a postmortem in the report's order: title, severity and
authors; summary; detection; impact; the timeline, event by event; response;
root cause; services, trigger and contributing factors; resolution;
prevention; action items. Each time is checked as it is typed, said back in
UTC, and refused when it is earlier than the event before it. Before saving you see the computed metrics (impact, time to
detect, acknowledge, mitigate and resolve) and a preview of the report, and
can go back to any section.

Saving writes two files and prints their paths:
  postmortems/2024-12-04-pizza-factory-begins-returning-500.yaml  the document
  postmortems/2024-12-04-pizza-factory-begins-returning-500.md    the report
named after the incident's UTC date and its title (else the event marked
'started', else the summary). -o chooses: a .yaml or .md path, or a
directory. Existing files are never replaced without --force.

Nothing is lost: the draft is saved after every section (and every timeline
event and action item) in .drafts/ inside the reports' directory, e.g.
postmortems/.drafts/new-2024-12-05T000000Z.yaml. Ctrl-C saves it and exits
with 130; 'postmortem new --resume' continues the latest draft where it
stopped, 'postmortem new --resume DRAFT' a given one.

Long prose: the full-screen form has multi-line fields, and ctrl+e opens
$VISUAL or $EDITOR. In accessible mode, type """ alone to write several
lines (end with """), :edit to use the editor, and - to clear a field; an
empty answer keeps the value shown.

From the evidence: --timeline-from SOURCE (a Slack export, a PagerDuty or
Opsgenie log, a git repository, an events file; repeatable) fills the
timeline before the interview, which shows it; --channel, --since, --until,
--all and the other flags of 'postmortem timeline' narrow it.

Without a terminal:
  --from FILE   a document (YAML or JSON) with the answers you have; only the
                rest is asked
  --no-input    never ask; fail (exit 2) naming every missing field
  piped stdin   answers are read line by line, in accessible mode
--accessible (or TERM=dumb) asks one plain line at a time, for screen
readers. The questions go to stderr; stdout only gets the saved paths.

Exit status: 0 saved (or stopped at the review, draft kept), 1 the
answers have problems (--no-input), 2 usage or missing answers, 3 I/O
failure, 130 interrupted or input ended (the draft is saved).`,
		Example: `  # The interview, full-screen in a terminal
  postmortem new

  # Save as report.yaml + report.md in the current directory
  postmortem new -o report.md

  # Carry on after Ctrl-C
  postmortem new --resume

  # answers.yaml lacks only root_cause: one piped line answers it, and
  # an empty line takes the review's default, Save
  printf 'A chaos test\n\n' | postmortem new --from answers.yaml

  # In CI: never ask, fail naming what is missing
  postmortem new --from answers.yaml --no-input

  # Start with the incident channel's pinned messages and the pager's log
  postmortem new --timeline-from export.zip --channel inc-checkout --timeline-from pd-PINC42.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if resume {
				return argsBetween(0, 1, "at most one DRAFT to resume")(cmd, args)
			}
			return argsBetween(0, 0, "no arguments (a DRAFT goes with --resume)")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if from != "" && resume {
				return usageErrorf("--from and --resume: a draft already holds its answers; give one of them")
			}
			if evidence.given() && resume {
				return usageErrorf("--timeline-from and --resume: a draft already holds its timeline; add entries with 'postmortem timeline --into'")
			}
			if f.output == "-" {
				return usageErrorf("-o -: new saves files; to print a report use 'postmortem render FILE'")
			}
			if err := f.fromConfig(cmd); err != nil {
				return err
			}
			tmpl, err := loadTemplate(env, f.template)
			if err != nil {
				return err
			}
			run := &interviewRun{env: env, flags: f, tmpl: tmpl, start: interview.Sections[0]}
			switch {
			case resume:
				path := ""
				if len(args) == 1 {
					path = args[0]
				} else if path, err = interview.LatestDraft(interview.ReportDir(f.output, isDir(f.output))); err != nil {
					return usageErrorf("%v; start one with 'postmortem new'", err)
				}
				draft, doc, err := interview.LoadDraft(path)
				if err != nil {
					return usageErrorf("%v", err)
				}
				if f.output == "" {
					run.flags.output = draft.Output
				}
				run.doc, run.draft, run.start, run.edits = doc, draft, draft.Next, draft.Edits
				fmt.Fprintf(env.Err, "Resuming %s at: %s\n", path, interview.SectionTitle(draft.Next))
			case from != "":
				doc, err := loadDocument(env, from)
				if err != nil {
					return err
				}
				run.doc = doc
				if doc.Source != nil {
					src := doc.Source
					run.given = func(path string) bool { _, ok := src.Positions[path]; return ok }
				}
			default:
				run.doc = &document.Document{Version: document.CurrentVersion}
			}
			if err := evidence.startInterview(cmd, env, run.doc, &run.given); err != nil {
				return err
			}
			if noInput {
				return run.finish(true)
			}
			if run.doc.Date == "" && (run.given == nil || !run.given("date")) && len(run.doc.Timeline) == 0 {
				run.doc.Date = env.Now().UTC().Format("2006-01-02") // the default answer; the responder confirms it
			}
			return run.interview("new-")
		},
	}
	f.register(cmd)
	fl := cmd.Flags()
	fl.BoolVar(&resume, "resume", false, "continue a saved draft (the latest one, or DRAFT)")
	fl.StringVar(&from, "from", "", "take the answers in `FILE` (a postmortem document) and ask only for the rest")
	fl.BoolVar(&noInput, "no-input", false, "never prompt; fail naming each missing field")
	evidence.registerTimelineFrom(fl)
	return cmd
}

// interviewRun is one `new` or `edit`: the document, where it is saved,
// and the draft that keeps it safe meanwhile.
type interviewRun struct {
	env   *Env
	flags interviewFlags
	tmpl  *render.Template
	doc   *document.Document
	draft *interview.Draft
	start string
	edits string // the file `edit` opened, which saving may replace
	given func(string) bool
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

func (run *interviewRun) interview(prefix string) error {
	env := run.env
	if run.given == nil {
		run.given = func(string) bool { return false }
	}
	accessible := run.flags.accessible || env.Getenv("TERM") == "dumb" || !env.InIsTerminal || !env.ErrIsTerminal
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ui := &interview.UI{
		Ctx: ctx, In: interview.NewInput(ctx, env.In), Terminal: env.In, Out: env.Err,
		Accessible: accessible,
		Theme:      interview.Styles(env.Err, accessible, env.Getenv),
		Editor:     strings.Fields(editorCommand(env)),
	}
	if env.InIsTerminal && len(ui.Editor) > 0 {
		ui.EditText = func(text string) (string, error) { return runEditor(env, ui.Editor, text) }
	}
	if run.draft == nil {
		dir := interview.ReportDir(run.flags.output, isDir(run.flags.output))
		if run.edits != "" {
			dir = filepath.Dir(run.edits)
		}
		run.draft = &interview.Draft{
			Path:   interview.NewDraftPath(dir, prefix, env.Now()),
			Next:   run.start,
			Output: run.flags.output,
			Edits:  run.edits,
		}
		// Saved at once: the name is taken (two interviews started in the
		// same second get two drafts) and the line below is true.
		if err := run.draft.Save(run.doc); err != nil {
			return withCode(ExitInternal, fmt.Errorf("saving the draft: %w", err))
		}
		fmt.Fprintf(env.Err, "Your answers are saved as you go in %s\n", run.draft.Path)
	}
	if accessible {
		fmt.Fprintln(env.Err, "Press Enter to keep a value shown; type - to clear one.")
	}
	sess := &interview.Session{
		Doc: run.doc, UI: ui, Template: run.tmpl,
		Destination: func(r *document.Resolved) string {
			y, m := run.paths(r)
			return y + " and " + m
		},
		Given:      func(p string) bool { return run.given(p) },
		Vocabulary: run.flags.words,
		Kinds:      run.flags.kinds(),
		SaveDraft: func(doc *document.Document, next string) error {
			run.draft.Next = next
			return run.draft.Save(doc)
		},
	}
	err := sess.Run(run.start)
	switch {
	case errors.Is(err, interview.ErrAborted), errors.Is(err, interview.ErrInputEnded):
		why := "interrupted"
		if errors.Is(err, interview.ErrInputEnded) {
			why = "input ended"
		}
		fmt.Fprintf(env.Err, "\n%s: your answers are saved in %s\nresume with: postmortem new --resume %s\n", why, run.draft.Path, run.draft.Path)
		return silentExit(ExitAborted)
	case errors.Is(err, interview.ErrStopped):
		fmt.Fprintf(env.Err, "stopped: your answers are saved in %s\nresume with: postmortem new --resume %s\n", run.draft.Path, run.draft.Path)
		return nil
	case err != nil:
		return withCode(ExitInternal, err)
	}
	return run.finish(false)
}

// finish checks the document and saves it: YAML normalised to UTC and
// the rendered Markdown, never replacing a file without --force (except
// the document `edit` opened, which is the point of editing it).
func (run *interviewRun) finish(noInput bool) error {
	env, doc := run.env, run.doc
	if missing := interview.MissingIn(doc, run.flags.requiredKinds()); noInput && len(missing) > 0 {
		src := "<answers>"
		if doc.Source != nil && doc.Source.Name != "" {
			src = doc.Source.Name
		}
		for _, m := range missing {
			fmt.Fprintf(env.Err, "%s: missing %s\n", src, m)
		}
		return usageErrorf("--no-input: %d required field(s) missing: %s (give them in --from FILE, or run without --no-input to be asked)", len(missing), strings.Join(missing, ", "))
	}
	r, probs := document.Validate(doc)
	if printProblems(env, doc, probs) {
		return &exitError{Code: ExitProblems, Err: fmt.Errorf("%d problem(s) in the answers; nothing saved", len(probs))}
	}
	yamlData, err := document.Marshal(document.Normalize(doc, r))
	if err != nil {
		return withCode(ExitInternal, err)
	}
	md, err := run.tmpl.Markdown(doc, r, render.Options{})
	if err != nil {
		return withCode(ExitUsage, err)
	}
	yamlPath, mdPath := run.paths(r)
	replaceYAML := run.flags.force || (run.edits != "" && samePath(yamlPath, run.edits))
	replaceMD := run.flags.force || run.mdIsStale(mdPath)
	var notes []string
	if !replaceYAML && exists(yamlPath) {
		return usageErrorf("%s: file exists (use --force to replace it, or -o to choose another name); your answers are kept in %s", yamlPath, run.draftPath())
	}
	if !replaceMD && exists(mdPath) {
		if run.edits == "" {
			return usageErrorf("%s: file exists (use --force to replace it, or -o to choose another name); your answers are kept in %s", mdPath, run.draftPath())
		}
		if samePath(mdPath, run.edits) {
			notes = append(notes, fmt.Sprintf("kept %s, the report you opened, as it was; to replace it with the re-rendered report: postmortem render %s -o %s --force", mdPath, yamlPath, mdPath))
		} else {
			notes = append(notes, fmt.Sprintf("kept %s as it was: it is not what %s rendered to before (edited by hand?); replace it with: postmortem render %s -o %s --force", mdPath, run.edits, yamlPath, mdPath))
		}
		mdPath = ""
	}
	if err := safefile.Write(yamlPath, yamlData, replaceYAML); err != nil {
		return withCode(ExitInternal, err)
	}
	if mdPath != "" {
		if err := safefile.Write(mdPath, md, replaceMD); err != nil {
			return withCode(ExitInternal, err)
		}
	}
	if run.draft != nil {
		_ = os.Remove(run.draft.Path)               // saved for good; the draft has done its job
		_ = os.Remove(filepath.Dir(run.draft.Path)) // and the drafts directory, if that was the last one
	}
	fmt.Fprintln(env.Out, yamlPath)
	if mdPath != "" {
		fmt.Fprintln(env.Out, mdPath)
	}
	for _, n := range notes {
		fmt.Fprintln(env.Err, "note: "+n)
	}
	return nil
}

func (run *interviewRun) draftPath() string {
	if run.draft == nil {
		return "your --from file"
	}
	return run.draft.Path
}

func (run *interviewRun) paths(r *document.Resolved) (string, string) {
	out := run.flags.output
	if out == "" && run.edits != "" {
		if discover.IsMarkdown(run.edits) {
			return strings.TrimSuffix(run.edits, filepath.Ext(run.edits)) + ".yaml", run.edits
		}
		return interview.ReportPaths(run.edits, false, "")
	}
	dir := isDir(out)
	name := interview.ReportName(run.doc, r, run.env.Now())
	y, m := interview.ReportPaths(out, dir, name)
	generated := out == "" || dir || strings.HasSuffix(out, "/")
	// A generated name that is taken (two incidents on one day with the
	// same first event) gets a counter rather than an error at the end
	// of the interview; a name given with -o is the user's to choose.
	for i := 2; generated && !run.flags.force && (exists(y) || exists(m)); i++ {
		y, m = interview.ReportPaths(out, dir, fmt.Sprintf("%s-%d", name, i))
	}
	return y, m
}

// mdIsStale reports whether the Markdown next to an edited document may
// be replaced: it is missing, or exactly what the document rendered to
// before the edit (so nobody changed it by hand).
func (run *interviewRun) mdIsStale(mdPath string) bool {
	if run.edits == "" || discover.IsMarkdown(run.edits) {
		return false
	}
	old, err := os.ReadFile(mdPath)
	if err != nil {
		return errors.Is(err, os.ErrNotExist)
	}
	_, data, err := readInput(run.env, run.edits)
	if err != nil {
		return false
	}
	orig, err := document.Parse(run.edits, data)
	if err != nil {
		return false
	}
	r, probs := document.Validate(orig)
	if len(probs) > 0 {
		return false
	}
	md, err := run.tmpl.Markdown(orig, r, render.Options{})
	return err == nil && bytes.Equal(md, old)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func samePath(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

// editorCommand is $VISUAL, else $EDITOR, as git and crontab read them.
func editorCommand(env *Env) string {
	if v := strings.TrimSpace(env.Getenv("VISUAL")); v != "" {
		return v
	}
	return strings.TrimSpace(env.Getenv("EDITOR"))
}

// runEditor lets the responder write text in their editor, on the
// terminal, and returns what they saved.
func runEditor(env *Env, editor []string, text string) (string, error) {
	tmp, err := os.CreateTemp("", "postmortem-*.md")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(text); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	c := exec.Command(editor[0], append(editor[1:], tmp.Name())...)
	c.Stdin, c.Stdout, c.Stderr = env.In, env.Err, env.Err
	if err := c.Run(); err != nil {
		return "", err
	}
	data, err := os.ReadFile(tmp.Name())
	return string(data), err
}
