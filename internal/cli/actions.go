package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/stats"
)

var actionsFormats = []string{"table", "json", "csv"}

func newActionsCmd(env *Env) *cobra.Command {
	var (
		format string
		filter stats.ActionFilter
		sel    selection
	)
	cmd := &cobra.Command{
		Use:   "actions [PATH...]",
		Short: "List the action items of every postmortem, with owner, due date, status and where they are written",
		Long: `List every action item of the postmortems (YAML, JSON and Markdown) under the
paths (default: the paths of the nearest .postmortem.yaml, else the current
folder), with its owner, due date, status, ticket
and the file and line it comes from.

An item is open when its status is open (the default) or in-progress, and
overdue when it is open and its due date is before today (UTC). --owner
matches a name case-insensitively, ignores a leading @, and matches one
owner of a list such as "Ana, Bo" or "Ana and Bo".

JSON and CSV carry the same fields for import into a tracker.

Exit codes: 0 ok (also when no item matches); 2 bad flags or no postmortems
found; 3 a file or folder could not be read.`,
		Example: `  postmortem actions postmortems/
  postmortem actions postmortems/ --overdue
  postmortem actions postmortems/ --open --owner ana
  postmortem actions postmortems/ --format csv > action-items.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(actionsFormats, format) {
				return usageErrorf("--format %q: expected one of %s", format, strings.Join(actionsFormats, ", "))
			}
			if cmd.Flags().Changed("owner") && strings.TrimSpace(filter.Owner) == "" {
				return usageErrorf("--owner: expected a name")
			}
			set, err := loadPostmortems(env, args, sel)
			if err != nil {
				return err
			}
			today := env.Now().UTC()
			list := stats.Actions(set.Incidents, today, filter)
			var out bytes.Buffer
			switch format {
			case "json":
				err = actionsJSON(&out, list, today, set.Failed)
			case "csv":
				err = actionsCSV(&out, list)
				printFailures(env.Err, set.Failed)
			default:
				actionsTable(&out, list, set.Failed, env.OutIsTerminal)
			}
			return set.finish(env, out.Bytes(), err)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&filter.Open, "open", false, "only open and in-progress items")
	f.BoolVar(&filter.Overdue, "overdue", false, "only open items whose due date has passed")
	f.StringVar(&filter.Owner, "owner", "", "only items owned by `NAME`")
	f.StringVarP(&format, "format", "f", "table", "output `FORMAT`: "+strings.Join(actionsFormats, ", "))
	sel.flags(cmd)
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(actionsFormats...))
	return cmd
}

func location(a stats.Action) string {
	if a.Line > 0 {
		return a.File + ":" + strconv.Itoa(a.Line)
	}
	return a.File
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// oneLine keeps a table row on one line and, on a terminal, short.
func oneLine(s string, limit int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); limit > 0 && len(r) > limit {
		return string(r[:limit-1]) + "…"
	}
	return s
}

func actionsTable(w io.Writer, list []stats.Action, failed []loadFailure, terminal bool) {
	open, overdue := 0, 0
	for _, a := range list {
		if a.Open {
			open++
		}
		if a.Overdue {
			overdue++
		}
	}
	fmt.Fprintf(w, "%s: %d open, %d overdue\n", plural(len(list), "action item"), open, overdue)
	if len(list) > 0 {
		fmt.Fprintln(w)
		limit := 0
		if terminal {
			limit = 72
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "LOCATION\tSTATUS\tDUE\tOWNER\tTICKET\tDESCRIPTION")
		for _, a := range list {
			status := a.Status
			if a.Overdue {
				status += ", overdue"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", location(a), status, orDash(a.Due),
				orDash(oneLine(a.Owner, 0)), orDash(oneLine(a.Ticket, 0)), oneLine(a.Description, limit))
		}
		tw.Flush()
	}
	if len(failed) > 0 {
		fmt.Fprintf(w, "\nCould not load (%d):\n", len(failed))
		for _, f := range failed {
			fmt.Fprintf(w, "  %s\n", f.Err)
		}
	}
}

type jsonAction struct {
	File        string `json:"file"`
	Line        int    `json:"line"`
	Incident    string `json:"incident"`
	Description string `json:"description"`
	Owner       string `json:"owner"`
	Due         string `json:"due"`
	Status      string `json:"status"`
	Ticket      string `json:"ticket"`
	Overdue     bool   `json:"overdue"`
}

func actionsJSON(w io.Writer, list []stats.Action, today time.Time, failed []loadFailure) error {
	out := struct {
		Version int           `json:"version"`
		Today   string        `json:"today"`
		Actions []jsonAction  `json:"actions"`
		Failed  []loadFailure `json:"failed"`
	}{Version: 1, Today: today.Format(time.DateOnly), Actions: []jsonAction{}, Failed: []loadFailure{}}
	for _, a := range list {
		out.Actions = append(out.Actions, jsonAction{a.File, a.Line, a.Incident, a.Description, a.Owner, a.Due, a.Status, a.Ticket, a.Overdue})
	}
	out.Failed = append(out.Failed, failed...)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func actionsCSV(w io.Writer, list []stats.Action) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"file", "line", "incident", "description", "owner", "due", "status", "ticket", "overdue"})
	for _, a := range list {
		_ = cw.Write([]string{a.File, strconv.Itoa(a.Line), a.Incident, a.Description, a.Owner, a.Due, a.Status, a.Ticket, strconv.FormatBool(a.Overdue)})
	}
	cw.Flush()
	return cw.Error()
}
