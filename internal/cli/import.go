package cli

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/markdown"
)

var importFormats = []string{"yaml", "json"}

func newImportCmd(env *Env) *cobra.Command {
	var (
		out, format            string
		force, strict, verbose bool
	)
	cmd := &cobra.Command{
		Use:   "import FILE.md",
		Short: "Read a Markdown postmortem into the structured document",
		Long: `Read a Markdown postmortem (a file, or - for standard input) into the
postmortem document, and print it as YAML (default) or JSON.

Import reads reports in the shapes people write them: sections found by
heading text at any level and in any order (and by label lines such as
"Summary:"), timeline entries in every common form (- _19:34_ - text,
**10:30 AM**: text, bare "13:00 — text" lines, tables, date lines), and the
zone from "All times are MST." or "Timeline (UTC-07:00)". Every time is
converted to UTC. Template leftovers (instructions, EXAMPLE blocks,
{PLACEHOLDER} tokens) are dropped and reported; any other text is kept:
what in a timeline or an action items section is no entry or item (a
lead-in, links, a closing remark) becomes a section of its own, "Timeline
notes" or "Action item notes".

Where import had to guess or could not read something, it prints a warning
as FILE:LINE:COL: warning: message on standard error; --strict makes those
errors (exit 1). Milestones are inferred from the words of the timeline
("alert fired", "rolled back", "incident resolved", "<END OF OUTAGE>");
--verbose prints a note at each, FILE:LINE:COL: note: ..., so that a
reviewer can reject it. See docs/import.md for every rule.

Formats:
  yaml  the document normalised: times in UTC, keys in order (loads back
        with 'postmortem render')
  json  times as RFC 3339 UTC (null where unreadable) with raw_time as
        written, the declared timezone, and the computed metrics

Exit codes: 0 imported, 1 warnings with --strict (nothing written),
2 unusable input (binary, not UTF-8, over 4 MiB, missing) or bad usage,
3 I/O failure.`,
		Example: `  postmortem import postmortems/2024-12-04.md
  postmortem import report.md --format json | jq .timeline
  postmortem import report.md -o report.yaml
  postmortem import report.md --strict
  postmortem import report.md -o report.yaml && postmortem render report.yaml`,
		Args: argsBetween(1, 1, "one Markdown report (FILE.md or -)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(importFormats, format) {
				return usageErrorf("--format %q: expected one of %s", format, strings.Join(importFormats, ", "))
			}
			name, data, err := readInput(env, args[0])
			if err != nil {
				return err
			}
			rep, err := markdown.Import(name, data)
			if err != nil {
				return withCode(ExitUsage, err)
			}
			level := "warning"
			if strict {
				level = "error"
			}
			type note struct {
				line, col int
				level     string
				msg       string
			}
			var notes []note
			warnings := len(rep.Leftovers)
			for _, d := range rep.Diagnostics {
				if d.Note {
					// what import inferred, for a reviewer: never an error
					if verbose {
						notes = append(notes, note{d.Line, d.Col, "note", d.Message})
					}
					continue
				}
				notes = append(notes, note{d.Line, d.Col, level, d.Message})
				warnings++
			}
			for _, l := range rep.Leftovers {
				notes = append(notes, note{l.Line, l.Col, level, leftoverMessage(l)})
			}
			sort.SliceStable(notes, func(i, j int) bool {
				return notes[i].line < notes[j].line || notes[i].line == notes[j].line && notes[i].col < notes[j].col
			})
			for _, n := range notes {
				fmt.Fprintf(env.Err, "%s:%d:%d: %s: %s\n", name, n.line, n.col, n.level, n.msg)
			}
			if strict && warnings > 0 {
				return &exitError{Code: ExitProblems, Err: fmt.Errorf("%s: %d warning(s), errors with --strict; nothing written", name, warnings)}
			}
			r, _ := document.Resolve(rep.Doc)
			var outData []byte
			switch format {
			case "json":
				outData, err = document.MarshalJSON(rep.Doc, r)
				outData = append(outData, '\n')
			default:
				outData, err = document.Marshal(document.Normalize(rep.Doc, r))
			}
			if err != nil {
				return withCode(ExitInternal, err)
			}
			return writeOutput(env, out, outData, force)
		},
	}
	withOutputFlags(cmd, &out, &force)
	cmd.Flags().StringVarP(&format, "format", "f", "yaml", "output `FORMAT`: yaml or json")
	cmd.Flags().BoolVar(&strict, "strict", false, "treat warnings (guesses, leftovers) as errors: exit 1 and write nothing")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "also print notes on what import inferred (milestones, an impact start taken from detection)")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(importFormats...))
	return cmd
}

// leftoverMessage says what template text was left in and that it was
// not imported.
func leftoverMessage(l markdown.Leftover) string {
	what := map[string]string{
		"instruction": "template instructions",
		"example":     "template example",
		"placeholder": "template placeholder",
		"title":       "template title",
	}[l.Kind]
	if what == "" {
		what = "template text"
	}
	where := ""
	if l.EndLine > l.Line {
		where = fmt.Sprintf(" (to line %d)", l.EndLine)
	}
	text := l.Text
	if r := []rune(text); len(r) > 60 {
		text = string(r[:57]) + "..."
	}
	return fmt.Sprintf("%s left in%s, not imported: %q", what, where, text)
}
