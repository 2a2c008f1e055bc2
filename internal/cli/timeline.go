package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/postmortem-cli/postmortem/internal/config"
	"github.com/postmortem-cli/postmortem/internal/discover"
	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/evidence"
	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/rules"
	"github.com/postmortem-cli/postmortem/internal/safefile"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

var timelineFormats = []string{"yaml", "json", "markdown"}

// windowMargin widens a document's window when no --since or --until is
// given: the deploy that started an incident comes before its first
// entry, the all-clear after its last.
const windowMargin = time.Hour

func newTimelineCmd(env *Env) *cobra.Command {
	var (
		f            evidenceFlags
		into, format string
		force, pick  bool
	)
	cmd := &cobra.Command{
		Use:   "timeline [SOURCE...] [--slack EXPORT --channel NAME] [--pagerduty FILE] [--opsgenie FILE] [--git DIR] [--events FILE]",
		Short: "Build the timeline from the evidence: Slack exports, PagerDuty and Opsgenie logs, git history",
		Long: `Read the evidence an incident left (a Slack export, PagerDuty and Opsgenie
logs, a git repository, a file of events) and print candidate timeline
entries, sorted by their UTC instant, each with its source and a link to it;
or merge them into a postmortem document with --into.

Sources (each flag may be repeated; a SOURCE argument is detected, or named
as slack:PATH, pagerduty:PATH, opsgenie:PATH, git:PATH, events:PATH):
  --slack EXPORT      a Slack workspace export (.zip or its folder; also
                      slackdump's export-compatible zip); --channel names the
                      incident's channel
  --pagerduty FILE    the JSON of GET /incidents/{id}/log_entries
  --opsgenie FILE     the JSON of GET /v2/alerts/{id}/logs
  --git DIR           commits and tags of a local repository (--git-ref, HEAD)
  --events FILE       CSV with a header time,event[,source,link,milestone],
                      or JSON lines with the same keys

Which entries: by default the channel's pinned messages, messages with a
:pushpin: reaction (.postmortem.yaml timeline.reactions), and every entry of
the other sources but paging notifications; --all takes every one; --pick
opens a checklist of all of them, the default ones ticked (a terminal only).
Times come from the evidence itself (Slack's ts, RFC 3339 with its offset,
commit times), never from file names. The first PagerDuty/Opsgenie trigger
is marked detected, the first acknowledgement acknowledged; the last
resolution is only suggested as resolved: a page resolving is not always the
impact ending.

Window: --since and --until take any time 'postmortem help times' lists
(--timezone for those without a zone); without them, the window of the
--into document widened by an hour on each side; else everything.

--into DOC.yaml adds the entries the document lacks (same source, or same
minute and same text), keeps every entry and milestone already there, writes
the file atomically and prints what it added; running it again adds
nothing. --anonymize replaces people with Responder 1, 2, ... (the same
label for the same person in every source). Credentials in the text are
reported by the secret rule with the message that holds them.

Exit codes: 0 done, 1 the --into document has problems (--force merges
anyway), 2 bad usage or unusable evidence (file:line:col), 3 I/O failure,
130 --pick cancelled. See docs/timeline.md.`,
		Example: `  # Pinned and :pushpin: messages of #inc-checkout, and the PagerDuty log
  postmortem timeline --slack export.zip --channel inc-checkout --pagerduty pd.json

  # Every message in a window, in the team's zone
  postmortem timeline --slack export.zip --channel inc-checkout --all \
      --since "2024-12-04 11:00" --until "2024-12-04 13:00" --timezone America/Los_Angeles

  # Tick entries in a checklist and merge them into the document
  postmortem timeline export.zip pd.json --channel inc-checkout --pick --into postmortems/2024-12-04-checkout.yaml

  # Deploys and reverts, as Markdown for a report
  postmortem timeline --git . --since 2024-12-04T18:00:00Z --until 2024-12-04T21:00:00Z --format markdown`,
		RunE: func(cmd *cobra.Command, args []string) error {
			f.sources = args
			switch {
			case !f.given():
				return usageErrorf("no evidence given: name a source (--slack, --pagerduty, --opsgenie, --git, --events, or a path)")
			case !slices.Contains(timelineFormats, format):
				return usageErrorf("--format %q: expected one of %s", format, strings.Join(timelineFormats, ", "))
			case force && into == "":
				return usageErrorf("--force goes with --into (merge into a document that has problems)")
			case into != "" && cmd.Flags().Changed("format"):
				return usageErrorf("--format prints the entries; with --into they are written into the document")
			case pick && !(env.InIsTerminal && env.ErrIsTerminal):
				return usageErrorf("--pick opens a checklist and needs a terminal; without one use --all for every entry, or neither for the default selection (pinned and reacted messages, every paging entry)")
			}
			var target *intoTarget
			var doc *document.Document // gives the window, zone and date
			if into != "" {
				var err error
				if target, err = openInto(env, into, force); err != nil {
					return err
				}
				doc = target.doc
			}
			chosen, err := f.gather(env, into, doc, pick)
			if err != nil {
				return err
			}
			if target != nil {
				return target.merge(env, chosen)
			}
			return printEntries(env, chosen, format)
		},
	}
	fl := cmd.Flags()
	f.registerSources(fl)
	f.registerSelection(fl, "")
	fl.BoolVar(&pick, "pick", false, "choose the entries in a checklist, the default ones ticked (a terminal only)")
	fl.StringVar(&into, "into", "", "merge the entries into the postmortem document `DOC.yaml` instead of printing them")
	fl.BoolVar(&force, "force", false, "with --into: merge even when the document has validation problems")
	fl.StringVarP(&format, "format", "f", "yaml", "output `FORMAT`: "+strings.Join(timelineFormats, ", "))
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(timelineFormats...))
	return cmd
}

// evidenceFlags name the evidence, the window and the selection;
// `timeline` and `new --timeline-from` share them.
type evidenceFlags struct {
	slack, channels, pagerduty, opsgenie, git, events []string
	sources                                           []string // detected, or KIND:PATH
	gitRef, since, until, timezone                    string
	all, anonymize                                    bool
}

func (f *evidenceFlags) registerSources(fl *pflag.FlagSet) {
	fl.StringArrayVar(&f.slack, "slack", nil, "a Slack export: the `EXPORT`.zip or its folder")
	fl.StringArrayVar(&f.pagerduty, "pagerduty", nil, "a PagerDuty incident log: the JSON `FILE` of GET /incidents/{id}/log_entries")
	fl.StringArrayVar(&f.opsgenie, "opsgenie", nil, "an Opsgenie alert log: the JSON `FILE` of GET /v2/alerts/{id}/logs")
	fl.StringArrayVar(&f.git, "git", nil, "a git repository `DIR`: its commits and tags")
	fl.StringArrayVar(&f.events, "events", nil, "a `FILE` of events: CSV with a header time,event[,source,link,milestone], or JSON lines")
}

// selectionFlags are the flags that narrow what the sources give.
var selectionFlags = []string{"channel", "git-ref", "since", "until", "timezone", "all", "anonymize"}

// registerSelection adds the flags that narrow the evidence; prefix
// starts their help (`new` says they go with --timeline-from).
func (f *evidenceFlags) registerSelection(fl *pflag.FlagSet, prefix string) {
	fl.StringArrayVar(&f.channels, "channel", nil, prefix+"the Slack channel `NAME` (or ID) to read; repeat for more")
	fl.StringVar(&f.gitRef, "git-ref", "HEAD", prefix+"the branch, tag or commit whose history git sources read")
	fl.StringVar(&f.since, "since", "", prefix+"read evidence from `TIME` on (any form of 'postmortem help times')")
	fl.StringVar(&f.until, "until", "", prefix+"read evidence up to `TIME`")
	fl.StringVar(&f.timezone, "timezone", "", prefix+"the `ZONE` of times written without one (--since, --until, events files); default: the document's, else .postmortem.yaml's, else UTC")
	fl.BoolVar(&f.all, "all", false, prefix+"take every entry in the window, not only pinned and reacted messages and paging entries")
	fl.BoolVar(&f.anonymize, "anonymize", false, prefix+"replace people with Responder 1, 2, ... (one label per person across sources)")
}

// registerTimelineFrom adds `new`'s --timeline-from and the flags that go
// with it.
func (f *evidenceFlags) registerTimelineFrom(fl *pflag.FlagSet) {
	fl.StringArrayVar(&f.sources, "timeline-from", nil, "start the timeline with the entries of the evidence at `SOURCE`: a Slack export, a PagerDuty or Opsgenie log, a git repository or an events file, detected or named as KIND:PATH (as 'postmortem timeline' reads them)")
	f.registerSelection(fl, "with --timeline-from: ")
}

// startInterview fills a new interview's timeline from --timeline-from.
// given is narrowed so that the interview shows the timeline even when
// --from answered it. A selection flag without a source is a mistake.
func (f *evidenceFlags) startInterview(cmd *cobra.Command, env *Env, doc *document.Document, given *func(string) bool) error {
	if !f.given() {
		for _, name := range selectionFlags {
			if cmd.Flags().Changed(name) {
				return usageErrorf("--%s goes with --timeline-from (the evidence to start the timeline with)", name)
			}
		}
		return nil
	}
	if err := f.fillTimeline(env, doc); err != nil {
		return err
	}
	if g := *given; g != nil {
		*given = func(p string) bool { return p != "timeline" && g(p) }
	}
	return nil
}

func (f *evidenceFlags) given() bool {
	return len(f.slack)+len(f.pagerduty)+len(f.opsgenie)+len(f.git)+len(f.events)+len(f.sources) > 0
}

// gather reads the evidence and returns the entries chosen, telling on
// stderr what it read, what it warns about and the secrets it found.
// doc, when set, gives the window, the zone and the date.
func (f *evidenceFlags) gather(env *Env, near string, doc *document.Document, pick bool) ([]evidence.Entry, error) {
	cfgPath := config.FileName
	if near != "" {
		cfgPath = near
	}
	cfg, err := (&config.Finder{}).For(cfgPath)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	coll, err := f.collect(cfg, doc)
	if err != nil {
		return nil, err
	}
	for _, w := range coll.Warnings {
		fmt.Fprintln(env.Err, "warning: "+w)
	}
	entries := coll.Entries
	chosen := evidence.Select(entries, f.all)
	if pick {
		if chosen, err = pickEntries(env, entries, f.all); err != nil {
			return nil, err
		}
	}
	fmt.Fprintln(env.Err, summary(coll, len(chosen), f.all || pick))
	reportSecrets(env, cfg, chosen)
	return chosen, nil
}

// collect reads every source given, in the order of the flags.
func (f *evidenceFlags) collect(cfg *config.Config, doc *document.Document) (*evidence.Collection, error) {
	opt := evidence.Options{Reactions: cfg.TimelineReactions(), SlackURL: cfg.Timeline.SlackURL}
	var r *document.Resolved
	if doc != nil {
		r, _ = document.Resolve(doc)
		opt.Date = r.Date
	}
	zone, err := f.zone(cfg, doc, r)
	if err != nil {
		return nil, err
	}
	opt.Zone, opt.ZoneName = zone.Location, zone.Name
	if opt.Window, err = f.window(zone, doc, r); err != nil {
		return nil, err
	}
	c := evidence.NewCollection(opt)
	read := func(kind evidence.Kind, path string) error {
		var err error
		switch kind {
		case evidence.Slack:
			err = c.ReadSlack(path, f.channels)
		case evidence.PagerDuty:
			err = c.ReadPagerDuty(path)
		case evidence.Opsgenie:
			err = c.ReadOpsgenie(path)
		case evidence.Git:
			err = c.ReadGit(path, f.gitRef)
		case evidence.Events:
			err = c.ReadEvents(path)
		}
		return evidenceError(err)
	}
	for _, group := range []struct {
		kind  evidence.Kind
		paths []string
	}{{evidence.Slack, f.slack}, {evidence.PagerDuty, f.pagerduty}, {evidence.Opsgenie, f.opsgenie}, {evidence.Git, f.git}, {evidence.Events, f.events}} {
		for _, p := range group.paths {
			if err := read(group.kind, p); err != nil {
				return nil, err
			}
		}
	}
	for _, s := range f.sources {
		kind, p, err := evidence.SplitSource(s)
		if err != nil {
			return nil, evidenceError(err)
		}
		if err := read(kind, p); err != nil {
			return nil, err
		}
	}
	entries := c.Finish()
	if f.anonymize {
		c.People.Anonymize(entries)
	}
	return c, nil
}

// evidenceError maps a reader's error to its exit code: evidence that
// cannot be used is exit 2, anything else an I/O failure.
func evidenceError(err error) error {
	var ee *evidence.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ee), errors.Is(err, evidence.ErrNoGit), errors.Is(err, fs.ErrNotExist):
		return withCode(ExitUsage, err)
	}
	return withCode(ExitInternal, err)
}

// zone is --timezone, else the document's, else the configuration's,
// else UTC.
func (f *evidenceFlags) zone(cfg *config.Config, doc *document.Document, r *document.Resolved) (timeparse.Zone, error) {
	switch {
	case f.timezone != "":
		z, err := timeparse.ParseZone(f.timezone)
		if err != nil {
			return z, usageErrorf("--timezone: %v", err)
		}
		return z, nil
	case doc != nil && doc.Timezone != "":
		return r.Zone, nil
	case cfg.Timezone != "":
		z, err := timeparse.ParseZone(cfg.Timezone)
		if err != nil {
			return z, usageErrorf("%s: timezone: %v", cfg.Path, err)
		}
		return z, nil
	}
	return timeparse.UTC, nil
}

// window reads --since and --until through the time engine; without
// them, the document's window (docWindow), else open.
func (f *evidenceFlags) window(zone timeparse.Zone, doc *document.Document, r *document.Resolved) (evidence.Window, error) {
	var w evidence.Window
	if r != nil {
		w = docWindow(doc, r)
	}
	ctx := timeparse.Context{Zone: &zone}
	if r != nil {
		ctx.Date = r.Date
	}
	for _, b := range []struct {
		flag, value string
		into        *time.Time
	}{{"--since", f.since, &w.Since}, {"--until", f.until, &w.Until}} {
		if b.value == "" {
			continue
		}
		t, err := timeparse.Parse(b.value, ctx)
		if err != nil {
			var te *timeparse.Error
			if errors.As(err, &te) {
				return w, usageErrorf("%s %q: %s", b.flag, b.value, te.Reason)
			}
			return w, usageErrorf("%s %q: %v", b.flag, b.value, err)
		}
		*b.into = t
	}
	if !w.Since.IsZero() && !w.Until.IsZero() && w.Until.Before(w.Since) {
		return w, usageErrorf("--until (%s) is before --since (%s)", w.Until.Format(time.RFC3339), w.Since.Format(time.RFC3339))
	}
	return w, nil
}

// docWindow is the window a document states: from its earliest to its
// latest time, counting the impact and the entries the responder wrote,
// widened by windowMargin. Entries taken from the evidence do not count,
// or every merge would widen the window of the next one and running it
// twice would add more; a timeline made only of them gives their span,
// unwidened. No time at all is an open window.
func docWindow(doc *document.Document, r *document.Resolved) evidence.Window {
	var own, taken []time.Time
	own = append(own, r.ImpactStart, r.ImpactEnd)
	for i, ev := range doc.Timeline {
		if ev.Source != "" {
			taken = append(taken, r.Times[i])
		} else {
			own = append(own, r.Times[i])
		}
	}
	if first, last := span(own); !first.IsZero() {
		return evidence.Window{Since: first.Add(-windowMargin), Until: last.Add(windowMargin)}
	}
	first, last := span(taken)
	return evidence.Window{Since: first, Until: last}
}

func span(ts []time.Time) (first, last time.Time) {
	for _, t := range ts {
		if t.IsZero() {
			continue
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	return first, last
}

// summary says how many entries were kept out of what each source gave.
func summary(c *evidence.Collection, kept int, chose bool) string {
	var parts []string
	for _, n := range c.Counts {
		parts = append(parts, fmt.Sprintf("%s: %d", n.Source, n.N))
	}
	what := fmt.Sprintf("kept %d of %s", kept, entryCount(len(c.Entries)))
	if !chose && kept < len(c.Entries) {
		what += fmt.Sprintf(" (--all adds the %d left out: messages not pinned or reacted to, paging notifications; --pick chooses)", len(c.Entries)-kept)
	}
	if w := c.Options.Window; !w.IsOpen() {
		what += " between " + endText(w.Since, "the start") + " and " + endText(w.Until, "the end")
	}
	return what + "; read " + strings.Join(parts, ", ")
}

func entryCount(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}

func endText(t time.Time, open string) string {
	if t.IsZero() {
		return open
	}
	return t.Format("2006-01-02 15:04:05 UTC")
}

// reportSecrets runs the secret rule over the entries' text (unless the
// configuration turns it off) and names the message holding each one.
func reportSecrets(env *Env, cfg *config.Config, entries []evidence.Entry) {
	d, _ := rules.Lookup("secret")
	sev := cfg.Settings().SeverityOf(d)
	if sev == lint.Off {
		return
	}
	for _, s := range evidence.Secrets(entries) {
		e := entries[s.Entry]
		where := e.Source
		if where == "" {
			where = e.Where
		}
		fmt.Fprintf(env.Err, "%s (%s, %s): %s: %s [secret]\n", where, e.Where, e.Time.UTC().Format("2006-01-02 15:04:05 UTC"), sev, s.Message)
	}
}

func printEntries(env *Env, entries []evidence.Entry, format string) error {
	write := evidence.WriteYAML
	switch format {
	case "json":
		write = evidence.WriteJSON
	case "markdown":
		write = evidence.WriteMarkdown
	}
	if err := write(env.Out, entries); err != nil {
		return withCode(ExitInternal, err)
	}
	return nil
}

// intoTarget is the document --into merges into, as read.
type intoTarget struct {
	path string
	data []byte
	doc  *document.Document
}

// openInto reads the document to merge into: YAML only, because the merge
// edits its text; one with problems only with --force.
func openInto(env *Env, path string, force bool) (*intoTarget, error) {
	switch {
	case path == "-":
		return nil, usageErrorf("--into takes a document file to update, not standard input")
	case discover.IsMarkdown(path):
		return nil, usageErrorf("--into %s: a Markdown report; merge into its YAML document (postmortem import %s -o DOC.yaml)", path, path)
	}
	name, data, err := readInput(env, path)
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
		return nil, usageErrorf("--into %s: a JSON document; --into updates YAML documents (postmortem render %s --format yaml -o DOC.yaml)", path, path)
	}
	doc, err := document.Parse(name, data)
	if err != nil {
		return nil, withCode(ExitUsage, err)
	}
	if _, probs := document.Validate(doc); len(probs) > 0 && !force {
		printProblems(env, doc, probs)
		return nil, &exitError{Code: ExitProblems, Err: fmt.Errorf("%s: %d problem(s); fix them, or merge anyway with --force; nothing written", name, len(probs))}
	}
	return &intoTarget{path: path, data: data, doc: doc}, nil
}

// merge writes the entries the document lacks into it, atomically, and
// says what it added; the file is left alone when nothing is new or when
// it changed while the evidence was read.
func (t *intoTarget) merge(env *Env, entries []evidence.Entry) error {
	m, err := evidence.MergeInto(t.doc, t.data, entries)
	if err != nil {
		return withCode(ExitInternal, err)
	}
	for _, n := range m.Notes {
		fmt.Fprintln(env.Err, "note: "+n)
	}
	if m.Data == nil {
		fmt.Fprintf(env.Err, "nothing to add: %s already has the %s\n", t.path, entryCount(m.Present))
		suggestResolved(env, entries)
		return nil
	}
	if now, err := os.ReadFile(t.path); err != nil || !bytes.Equal(now, t.data) {
		return withCode(ExitInternal, fmt.Errorf("%s changed while the evidence was read; nothing written, run the command again", t.path))
	}
	if err := safefile.Write(t.path, m.Data, true); err != nil {
		return withCode(ExitInternal, err)
	}
	fmt.Fprintf(env.Err, "added %s to %s (%d already there):\n", entryCount(len(m.Added)), t.path, m.Present)
	for i, ev := range m.Added {
		line := "  + " + m.AddedAt[i].UTC().Format("2006-01-02 15:04:05 UTC") + "  " + ev.Event
		if ev.Milestone != "" {
			line += "  [" + ev.Milestone + "]"
		}
		fmt.Fprintln(env.Err, line)
	}
	suggestResolved(env, entries)
	return nil
}

// suggestResolved offers the paging tool's last resolution as the
// `resolved` milestone, without setting it.
func suggestResolved(env *Env, entries []evidence.Entry) {
	for _, e := range entries {
		if e.Suggested != "" {
			fmt.Fprintf(env.Err, "suggestion: %q (%s) may be the %s milestone; set it if the impact ended then\n",
				e.Event, e.Time.UTC().Format("2006-01-02 15:04:05 UTC"), e.Suggested)
		}
	}
}

// fillTimeline starts an interview with the evidence's entries in the
// document (`postmortem new --timeline-from`).
func (f *evidenceFlags) fillTimeline(env *Env, doc *document.Document) error {
	entries, err := f.gather(env, "", doc, false)
	if err != nil {
		return err
	}
	m := evidence.AddTo(doc, entries)
	for _, n := range m.Notes {
		fmt.Fprintln(env.Err, "note: "+n)
	}
	fmt.Fprintf(env.Err, "The timeline starts with %s from the evidence.\n", entryCount(len(m.Added)))
	suggestResolved(env, entries)
	return nil
}
