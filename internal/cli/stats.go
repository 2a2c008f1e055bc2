package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/config"
	"github.com/postmortem-cli/postmortem/internal/discover"
	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/stats"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
	"github.com/postmortem-cli/postmortem/internal/vocabulary"
)

var statsFormats = []string{"table", "json", "csv", "markdown"}

func newStatsCmd(env *Env) *cobra.Command {
	var (
		by, since, until, format string
		sel                      selection
	)
	cmd := &cobra.Command{
		Use:   "stats [PATH...]",
		Short: "Incident count and time to detect, acknowledge, mitigate and resolve across postmortems",
		Long: `Aggregate every postmortem (YAML, JSON and Markdown) under the paths (default:
the paths of the nearest .postmortem.yaml, else the current folder; its
include and exclude globs apply too): the number of incidents, and for each metric the number
of incidents it could be measured on, the mean, the median and the 90th
percentile (nearest rank: the value at rank ceil(0.9 x n) of the sorted values).

Metrics (see 'postmortem help metrics'):
  impact               impact end - impact start
  time to detect       ` + "`detected`" + ` - impact start
  time to acknowledge  ` + "`acknowledged`" + ` - ` + "`detected`" + `
  time to mitigate     ` + "`mitigated`" + ` - impact start
  time to resolve      ` + "`resolved`" + ` - impact start

A postmortem that lacks the milestones for a metric is listed as not
measurable, with the reason; it is never counted as zero. Files that cannot
be loaded are listed with their error and the run goes on. A README.md (or
CHANGELOG, CONTRIBUTING, LICENSE) found in a folder is left out, with that
reason; named on the command line, it counts.

An incident's date is its impact start, else its first timeline time, else
its ` + "`date`" + `; --since and --until compare it (both inclusive), and --by month or
quarter groups by it.

--by service, trigger, factor or tag groups by the catalogue keys (see
docs/catalogue.md), most frequent first, each value under its vocabulary
name (an alias counts as its term). An incident counts once in every
service, factor or tag it names, so those groups add up to more than the
total; incidents that name none are "(none)". Each group reports its
count and the distribution of every metric (median and P90 beside the
mean: one long incident drags a mean far from the typical one).

On a terminal, a chart of incidents and median time to resolve per month
follows the table (set NO_COLOR to drop the colour).

Exit codes: 0 the report was printed (files that failed to parse are listed
in it); 2 bad flags, or no postmortems found; 3 a file or folder could not be
read (the report is still printed). See docs/stats.md.`,
		Example: `  postmortem stats postmortems/
  postmortem stats postmortems/ --by month --since 2024-01-01
  postmortem stats postmortems/ --by severity --format markdown > review.md
  postmortem stats postmortems/ --by factor --since 2024-01-01
  postmortem stats postmortems/ --format json | jq '.metrics[] | {name, median_minutes}'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(statsFormats, format) {
				return usageErrorf("--format %q: expected one of %s", format, strings.Join(statsFormats, ", "))
			}
			if by != "" && !slices.Contains(stats.Groupings, by) {
				return usageErrorf("--by %q: expected one of %s", by, strings.Join(stats.Groupings, ", "))
			}
			opt := stats.Options{By: by}
			var err error
			if opt.Since, err = parseDay("--since", since); err != nil {
				return err
			}
			if opt.Until, err = parseDay("--until", until); err != nil {
				return err
			}
			if !opt.Since.IsZero() && !opt.Until.IsZero() && opt.Until.Before(opt.Since) {
				return usageErrorf("--until %s is before --since %s", until, since)
			}
			set, err := loadPostmortems(env, args, sel)
			if err != nil {
				return err
			}
			opt.Vocabulary = set.Words
			rep := stats.Aggregate(set.Incidents, opt)
			rep.Undated = append(set.Skipped, rep.Undated...)
			var out bytes.Buffer
			switch format {
			case "json":
				err = statsJSON(&out, rep, set.Failed)
			case "csv":
				err = statsCSV(&out, rep)
				printFailures(env.Err, set.Failed)
			case "markdown":
				statsMarkdown(&out, rep, set.Failed)
			default:
				statsTable(&out, rep, set.Failed)
				if env.OutIsTerminal {
					monthly := stats.Aggregate(set.Incidents, stats.Options{By: "month", Since: opt.Since, Until: opt.Until})
					statsChart(&out, monthly, statsColor(env))
				}
			}
			return set.finish(env, out.Bytes(), err)
		},
	}
	f := cmd.Flags()
	f.StringVar(&by, "by", "", "group by `GROUPING`: "+strings.Join(stats.Groupings, ", "))
	f.StringVar(&since, "since", "", "count incidents on or after `DATE` (YYYY-MM-DD)")
	f.StringVar(&until, "until", "", "count incidents on or before `DATE` (YYYY-MM-DD)")
	f.StringVarP(&format, "format", "f", "table", "output `FORMAT`: "+strings.Join(statsFormats, ", "))
	sel.flags(cmd)
	_ = cmd.RegisterFlagCompletionFunc("by", fixedCompletion(stats.Groupings...))
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(statsFormats...))
	return cmd
}

// selection is the --include/--exclude flags shared by stats and actions.
type selection struct{ include, exclude []string }

func (s *selection) flags(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&s.include, "include", nil, "only files matching `GLOB` under a folder (repeatable; ** spans folders)")
	cmd.Flags().StringArrayVar(&s.exclude, "exclude", nil, "skip files matching `GLOB` under a folder (repeatable)")
}

func parseDay(flag, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := timeparse.ParseDate(s)
	if err != nil {
		return time.Time{}, usageErrorf("%s %q: expected a date YYYY-MM-DD, such as 2024-12-04", flag, s)
	}
	return d, nil
}

// loadFailure is a file that could not be used, and why.
type loadFailure struct {
	File string `json:"file"`
	Err  string `json:"error"`
	io   bool
}

// postmortemSet is what a folder of postmortems loaded into.
type postmortemSet struct {
	Incidents []stats.Incident
	Failed    []loadFailure
	// Skipped are the README and other project files found in a folder.
	Skipped []stats.Skipped
	// Words is the vocabulary of the configuration the run uses.
	Words *vocabulary.Vocabulary
	// Config is that configuration (the defaults when there is none).
	Config *config.Config
}

// finish writes a report on the set to standard output and ends the run:
// an error formatting it is an internal failure, otherwise set.exit says.
func (s *postmortemSet) finish(env *Env, report []byte, formatErr error) error {
	if formatErr != nil {
		return withCode(ExitInternal, formatErr)
	}
	if _, err := env.Out.Write(report); err != nil {
		return withCode(ExitInternal, err)
	}
	return s.exit()
}

// exit is the code a run over the set ends with once its report is out:
// 3 when a file could not be read at all, else 2 when nothing loaded.
func (s *postmortemSet) exit() error {
	for _, f := range s.Failed {
		if f.io {
			return silentExit(ExitInternal)
		}
	}
	if len(s.Incidents) == 0 {
		return usageErrorf("none of the %d file(s) could be loaded as a postmortem", len(s.Failed)+len(s.Skipped))
	}
	return nil
}

// loadPostmortems finds the postmortem files under paths and loads them in
// parallel (a bounded pool of GOMAXPROCS workers), keeping the order
// discover gives. Files that fail are collected, not fatal.
//
// Like lint, the nearest .postmortem.yaml (from the first path, else the
// current folder) supplies the folders to read when none are named, and
// its include/exclude globs, to which the flags add.
func loadPostmortems(env *Env, paths []string, sel selection) (*postmortemSet, error) {
	start := "stats-target"
	if len(paths) > 0 {
		start = paths[0]
		if fi, err := os.Stat(start); err == nil && fi.IsDir() {
			start = filepath.Join(start, "stats-target")
		}
	}
	conf, err := (&config.Finder{}).For(start)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	if len(paths) == 0 {
		paths = configuredPaths(conf)
	}
	defer relaxGC(env)()
	opt := discover.Options{
		Include: append(append([]string(nil), conf.Include...), sel.include...),
		Exclude: append(append([]string(nil), conf.Exclude...), sel.exclude...),
	}
	set := &postmortemSet{Words: conf.Words(), Config: conf}
	opt.OnSkip = func(path, reason string) {
		set.Skipped = append(set.Skipped, stats.Skipped{File: path, Reason: reason})
	}
	files, err := discover.Files(paths, opt)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && !errors.Is(err, fs.ErrNotExist) {
			return nil, withCode(ExitInternal, err)
		}
		return nil, usageErrorf("%v", err)
	}
	if len(files) == 0 && len(set.Skipped) == 0 {
		return nil, usageErrorf("no postmortem files (.md, .yaml, .yml, .json) under %s", strings.Join(paths, ", "))
	}
	type loaded struct {
		inc  stats.Incident
		fail *loadFailure
		skip string // why the file is not a postmortem
	}
	discover.Each(len(files), 0, func(i int) loaded {
		f := discover.Load(files[i])
		if reason := f.NotPostmortem(); reason != "" {
			return loaded{skip: reason}
		}
		if f.Err != nil {
			var pe *fs.PathError
			return loaded{fail: &loadFailure{File: files[i], Err: failureText(files[i], f.Err), io: errors.As(f.Err, &pe)}}
		}
		return loaded{inc: stats.NewIncident(files[i], f.Doc)}
	}, func(i int, l loaded) {
		switch {
		case l.skip != "":
			set.Skipped = append(set.Skipped, stats.Skipped{File: files[i], Reason: l.skip})
		case l.fail != nil:
			set.Failed = append(set.Failed, *l.fail)
		default:
			set.Incidents = append(set.Incidents, l.inc)
		}
	})
	return set, nil
}

// relaxGC makes the collector less eager while a folder loads: parsing
// makes much short-lived garbage next to a growing set of documents, and
// GOGC=400 saves about 15% CPU on 10,000 files for about 70 MB more peak
// memory. A soft memory limit of 1 GiB keeps a huge folder from growing
// without bound. GOGC or GOMEMLIMIT in the environment win. It returns the
// function that restores the previous settings.
func relaxGC(env *Env) func() {
	if env.Getenv != nil && (env.Getenv("GOGC") != "" || env.Getenv("GOMEMLIMIT") != "") {
		return func() {}
	}
	percent := debug.SetGCPercent(400)
	limit := debug.SetMemoryLimit(1 << 30)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

// failureText is the error in file:line:col form: loader errors already
// start with the file name; an I/O error gets it in front.
func failureText(file string, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return file + ": " + pe.Err.Error()
	}
	if s := err.Error(); strings.HasPrefix(s, file+":") {
		return s
	}
	return file + ": " + err.Error()
}

func printFailures(w io.Writer, failed []loadFailure) {
	for _, f := range failed {
		fmt.Fprintln(w, f.Err)
	}
}

// compact writes a duration for a table cell: "45s", "12m", "12m 30s",
// "1h 05m", "2d 3h". Seconds show only under an hour.
func compact(d time.Duration) string {
	d = d.Round(time.Second)
	if d < 0 {
		return "-" + compact(-d)
	}
	s := int64(d / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		if s%60 != 0 {
			return fmt.Sprintf("%dm %02ds", s/60, s%60)
		}
		return fmt.Sprintf("%dm", s/60)
	case s < 86400:
		m := (s + 30) / 60
		return fmt.Sprintf("%dh %02dm", m/60, m%60)
	}
	h := (s + 1800) / 3600
	return fmt.Sprintf("%dd %dh", h/24, h%24)
}

// minutes is a duration in minutes for JSON and CSV, to 0.01 minute.
func minutes(d time.Duration) float64 {
	return math.Round(d.Minutes()*100) / 100
}

func minutesText(d time.Duration) string {
	return strconv.FormatFloat(minutes(d), 'f', -1, 64)
}

func metricLabel(m document.Metric) string { return strings.ToLower(m.Name) }

func countLine(rep *stats.Report, failed []loadFailure) string {
	s := plural(rep.Incidents, "incident")
	var notes []string
	if o := rep.Options; !o.Since.IsZero() || !o.Until.IsZero() {
		from, to := "…", "…"
		if !o.Since.IsZero() {
			from = o.Since.Format(time.DateOnly)
		}
		if !o.Until.IsZero() {
			to = o.Until.Format(time.DateOnly)
		}
		notes = append(notes, "dated "+from+" to "+to)
	}
	if len(failed) > 0 {
		notes = append(notes, plural(len(failed), "file")+" could not be loaded")
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, "; ") + ")"
	}
	return s
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// groups are the rows of a report: each group, then the total.
func groups(rep *stats.Report) []stats.Group {
	return append(append([]stats.Group(nil), rep.Groups...), rep.Total)
}

// overlapNote says that groups by a many-valued key overlap, "" for
// other groupings.
func overlapNote(rep *stats.Report) string {
	if !stats.Overlapping(rep.Options.By) {
		return ""
	}
	return fmt.Sprintf("An incident counts once in each %s it names, so the groups add up to more than %d.", rep.Options.By, rep.Incidents)
}

func statsTable(w io.Writer, rep *stats.Report, failed []loadFailure) {
	fmt.Fprintln(w, countLine(rep, failed))
	if note := overlapNote(rep); note != "" {
		fmt.Fprintln(w, note)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := "METRIC\tMEASURED\tMEAN\tMEDIAN\tP90"
	if rep.Options.By != "" {
		head = strings.ToUpper(rep.Options.By) + "\tINCIDENTS\t" + head
	}
	fmt.Fprintln(tw, head)
	for _, g := range groups(rep) {
		for i, m := range g.Metrics {
			var cells []string
			if rep.Options.By != "" {
				if i == 0 {
					cells = append(cells, g.Key, strconv.Itoa(g.Incidents))
				} else {
					cells = append(cells, "", "")
				}
			}
			cells = append(cells, metricLabel(m.Metric), fmt.Sprintf("%d of %d", m.Count, g.Incidents))
			if m.Count > 0 {
				cells = append(cells, compact(m.Mean), compact(m.Median), compact(m.P90))
			} else {
				cells = append(cells, "-", "-", "-")
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		}
	}
	tw.Flush()
	if len(rep.Unmeasurable) > 0 {
		reasons := commonReasons(rep.Unmeasurable)
		if len(reasons) > 1 {
			fmt.Fprintln(w, "\nWhy metrics could not be measured (postmortems affected):")
			for _, r := range reasons {
				fmt.Fprintf(w, "  %4d  %s\n", r.files, r.reason)
			}
		}
		fmt.Fprintf(w, "\nNot measurable (%d):\n", len(rep.Unmeasurable))
		for _, line := range unmeasurableLines(rep.Unmeasurable) {
			fmt.Fprintln(w, "  "+line)
		}
	}
	if len(rep.Undated) > 0 {
		fmt.Fprintf(w, "\nLeft out (%d):\n", len(rep.Undated))
		for _, s := range rep.Undated {
			fmt.Fprintf(w, "  %s: %s\n", s.File, s.Reason)
		}
	}
	if len(failed) > 0 {
		fmt.Fprintf(w, "\nCould not load (%d):\n", len(failed))
		for _, f := range failed {
			fmt.Fprintf(w, "  %s\n", f.Err)
		}
	}
}

type reasonCount struct {
	reason string
	files  int
}

// commonReasons counts, for each distinct reason (a reason joined with
// "; " counts for each part), how many postmortems it affects, most
// frequent first: what to fix to make the most metrics measurable.
func commonReasons(list []stats.Unmeasurable) []reasonCount {
	seen := map[string]map[string]bool{}
	var order []string
	for _, u := range list {
		for _, r := range strings.Split(u.Reason, "; ") {
			if seen[r] == nil {
				seen[r] = map[string]bool{}
				order = append(order, r)
			}
			seen[r][u.File] = true
		}
	}
	out := make([]reasonCount, len(order))
	for i, r := range order {
		out[i] = reasonCount{r, len(seen[r])}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].files > out[b].files })
	return out
}

// unmeasurableLines merges a file's metrics that share a reason:
// "a.yaml: time to detect, time to acknowledge: no `detected` milestone".
func unmeasurableLines(list []stats.Unmeasurable) []string {
	var lines []string
	for i := 0; i < len(list); {
		j := i
		var names []string
		// metrics of one file arrive together, in metric order
		for ; j < len(list) && list[j].File == list[i].File; j++ {
		}
		done := make([]bool, j-i)
		for a := i; a < j; a++ {
			if done[a-i] {
				continue
			}
			names = names[:0]
			for b := a; b < j; b++ {
				if !done[b-i] && list[b].Reason == list[a].Reason {
					names = append(names, metricLabel(list[b].Metric))
					done[b-i] = true
				}
			}
			lines = append(lines, fmt.Sprintf("%s: %s: %s", list[a].File, strings.Join(names, ", "), list[a].Reason))
		}
		i = j
	}
	return lines
}

type jsonDist struct {
	Key    string   `json:"key"`
	Name   string   `json:"name"`
	Count  int      `json:"count"`
	Mean   *float64 `json:"mean_minutes"`
	Median *float64 `json:"median_minutes"`
	P90    *float64 `json:"p90_minutes"`
}

type jsonGroup struct {
	Key       string     `json:"key"`
	Incidents int        `json:"incidents"`
	Metrics   []jsonDist `json:"metrics"`
}

func jsonMetrics(g stats.Group) []jsonDist {
	out := []jsonDist{}
	for _, m := range g.Metrics {
		d := jsonDist{Key: m.Metric.Key, Name: m.Metric.Name, Count: m.Count}
		if m.Count > 0 {
			mean, median, p90 := minutes(m.Mean), minutes(m.Median), minutes(m.P90)
			d.Mean, d.Median, d.P90 = &mean, &median, &p90
		}
		out = append(out, d)
	}
	return out
}

func statsJSON(w io.Writer, rep *stats.Report, failed []loadFailure) error {
	type unmeasurable struct {
		File   string `json:"file"`
		Metric string `json:"metric"`
		Reason string `json:"reason"`
	}
	type skipped struct {
		File   string `json:"file"`
		Reason string `json:"reason"`
	}
	out := struct {
		Version      int            `json:"version"`
		Incidents    int            `json:"incidents"`
		By           *string        `json:"by"`
		Overlapping  bool           `json:"groups_overlap,omitempty"`
		Since        *string        `json:"since"`
		Until        *string        `json:"until"`
		Metrics      []jsonDist     `json:"metrics"`
		Groups       []jsonGroup    `json:"groups,omitempty"`
		Unmeasurable []unmeasurable `json:"not_measurable"`
		Undated      []skipped      `json:"left_out"`
		Failed       []loadFailure  `json:"failed"`
	}{Version: 1, Incidents: rep.Incidents, Metrics: jsonMetrics(rep.Total),
		Unmeasurable: []unmeasurable{}, Undated: []skipped{}, Failed: []loadFailure{}}
	if o := rep.Options; o.By != "" {
		out.By = &o.By
		out.Overlapping = stats.Overlapping(o.By)
	}
	day := func(t time.Time) *string {
		if t.IsZero() {
			return nil
		}
		s := t.Format(time.DateOnly)
		return &s
	}
	out.Since, out.Until = day(rep.Options.Since), day(rep.Options.Until)
	for _, g := range rep.Groups {
		out.Groups = append(out.Groups, jsonGroup{g.Key, g.Incidents, jsonMetrics(g)})
	}
	for _, u := range rep.Unmeasurable {
		out.Unmeasurable = append(out.Unmeasurable, unmeasurable{u.File, u.Metric.Key, u.Reason})
	}
	for _, s := range rep.Undated {
		out.Undated = append(out.Undated, skipped(s))
	}
	out.Failed = append(out.Failed, failed...)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// statsCSV writes one row per group and metric; the total is the group
// "all". Durations are in minutes; empty cells where nothing was measured.
func statsCSV(w io.Writer, rep *stats.Report) error {
	cw := csv.NewWriter(w)
	by := rep.Options.By
	if by == "" {
		by = "group"
	}
	_ = cw.Write([]string{by, "incidents", "metric", "measured", "mean_minutes", "median_minutes", "p90_minutes"})
	for _, g := range groups(rep) {
		for _, m := range g.Metrics {
			row := []string{g.Key, strconv.Itoa(g.Incidents), m.Metric.Key, strconv.Itoa(m.Count), "", "", ""}
			if m.Count > 0 {
				row[4], row[5], row[6] = minutesText(m.Mean), minutesText(m.Median), minutesText(m.P90)
			}
			_ = cw.Write(row)
		}
	}
	cw.Flush()
	return cw.Error()
}

// mdCell keeps a table cell on one row: pipes escaped, newlines as spaces.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", "").Replace(s)
}

func statsMarkdown(w io.Writer, rep *stats.Report, failed []loadFailure) {
	fmt.Fprintf(w, "**%s**\n\n", countLine(rep, failed))
	if note := overlapNote(rep); note != "" {
		fmt.Fprintf(w, "%s\n\n", note)
	}
	head, rule := "| Metric | Measured | Mean | Median | P90 |", "|---|---:|---:|---:|---:|"
	if rep.Options.By != "" {
		title := strings.ToUpper(rep.Options.By[:1]) + rep.Options.By[1:]
		head, rule = "| "+title+" | Incidents "+head, "|---|---:"+rule
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, rule)
	for _, g := range groups(rep) {
		for _, m := range g.Metrics {
			var cells []string
			if rep.Options.By != "" {
				cells = append(cells, mdCell(g.Key), strconv.Itoa(g.Incidents))
			}
			cells = append(cells, m.Metric.Name, fmt.Sprintf("%d of %d", m.Count, g.Incidents))
			if m.Count > 0 {
				cells = append(cells, compact(m.Mean), compact(m.Median), compact(m.P90))
			} else {
				cells = append(cells, "–", "–", "–")
			}
			fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |")
		}
	}
	fmt.Fprintln(w, "\nP90 is the 90th percentile by nearest rank.")
	list := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s (%d):\n\n", title, len(lines))
		for _, l := range lines {
			fmt.Fprintln(w, "- "+l)
		}
	}
	var um []string
	for _, l := range unmeasurableLines(rep.Unmeasurable) {
		um = append(um, mdText(l))
	}
	list("Not measurable", um)
	var lo []string
	for _, s := range rep.Undated {
		lo = append(lo, mdText(s.File+": "+s.Reason))
	}
	list("Left out", lo)
	var fl []string
	for _, f := range failed {
		fl = append(fl, mdText(f.Err))
	}
	list("Could not load", fl)
}

// mdText keeps a list item on one line and stops file names with
// underscores or stars from turning into emphasis.
func mdText(s string) string {
	return strings.NewReplacer("\n", " ", "_", `\_`, "*", `\*`, "<", "&lt;").Replace(s)
}
