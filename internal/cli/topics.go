package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// helpTopics are commands without a Run: cobra lists them under
// "Additional help topics" and `postmortem help NAME` prints them.
func helpTopics() []*cobra.Command {
	return []*cobra.Command{
		{Use: "metrics", Short: "How impact and response metrics are computed", Long: metricsHelp()},
		{Use: "format", Short: "The postmortem document: every key, with an example", Long: formatHelp},
		{Use: "times", Short: "How to write times, and how they become UTC", Long: timesHelp},
		{Use: "exit-codes", Short: "What each exit code means", Long: exitCodesHelp},
		rulesHelpTopic(),
		templatesHelpTopic(),
	}
}

func metricsHelp() string {
	var b strings.Builder
	b.WriteString(`Metrics are computed from the timeline's milestones and the impact window;
nobody types them. A metric whose milestones are missing is absent (not
zero): it is left out of JSON and shown as "not measurable" in reports.

`)
	for _, m := range document.MetricDefinitions {
		fmt.Fprintf(&b, "  %-20s %s\n", m.Name, m.Definition)
		fmt.Fprintf(&b, "  %-20s JSON key: %s_minutes\n\n", "", m.Key)
	}
	b.WriteString(`Milestones are set on timeline entries with "milestone:", one of
` + strings.Join(document.Milestones, ", ") + `.
Each milestone marks one moment, the first entry that carries it counts, and
they must happen in the order started <= detected <= acknowledged <=
mitigated <= resolved.

Example: for the 2024-12-04 report, 'postmortem render --format json' gives
  "metrics": {"impact_minutes": 13, "time_to_detect_minutes": 0,
              "time_to_acknowledge_minutes": 1, "time_to_mitigate_minutes": 13,
              "time_to_resolve_minutes": 13}`)
	return b.String()
}

const timesHelp = `Every time in a postmortem is stored and reported in UTC.

Accepted:
  19:34, 19:34:05           24-hour clock time on the document's ` + "`date`" + `
  7:34 PM, 7:34pm           12-hour clock time with AM/PM
  2024-12-04 19:34          date and time
  2024-12-04T19:34:00Z      RFC 3339, with Z or an offset (+02:00)
  19:34 UTC, 19:34 MST      a zone after the time: an abbreviation,
  19:34 UTC-7, 19:34 UTC-07:00   an offset,
  19:34 America/Denver      or an IANA name

Refused, with the reason:
  7:34                      a one-digit hour without AM/PM reads as a 12-hour
                            time: write 07:34 or 7:34 AM
  19:34 (no date)           a clock time needs the document's ` + "`date`" + ` or a full timestamp
  19:34 IST                 ambiguous or unknown zones

A document may set ` + "`timezone`" + ` (MST, America/Denver, UTC-07:00) for clock
times written without a zone; they are converted to UTC.

Crossing midnight: a clock time belongs to the day of the last full
timestamp above it (else ` + "`date`" + `). A time earlier than the one before it is
an ordering error; write the first entry of the next day as a full timestamp.`

const exitCodesHelp = `Exit codes:
  0    success: documents valid, no findings at or above --fail-on
  1    problems found: validation problems, lint findings at or above --fail-on
  2    usage or input error: bad flags, bad configuration, a file that cannot
       be used (missing, binary, empty, not YAML, unknown key), a file that
       would be overwritten without --force, a missing answer with --no-input
  3    internal or I/O failure
  130  interrupted (Ctrl-C); the interview saves its draft first`

const formatHelp = `A postmortem is one YAML file (or the same data as JSON), format version 1.
'postmortem schema' prints its JSON Schema for editors; docs/document-format.md
has the whole reference.

  version: 1                      # required
  title: "Checkout outage"        # default: "Incident: " + resolved time (else start)
  severity: SEV-2                 # as your team names it
  status: draft                   # draft | in-review | final
  authors: [Dana Ortiz]
  date: "2024-12-04"              # the day clock-only times belong to
  timezone: UTC                   # zone of times written without one (MST,
                                  #   UTC-07:00, America/Denver); stored as UTC
  services: [checkout, payments]  # the catalogue keys, all optional
  tags: [customer-facing]         #   ('postmortem help vocabulary')
  trigger: config-push            # a vocabulary term or a short phrase
  contributing_factors:
    - term: deployment-planning   # a vocabulary term
      note: the change skipped the canary
    - monitoring-gap              # a term alone
  related: [2024-11-02-checkout-timeouts]  # IDs (file names), paths or URLs
  summary: |                      # prose sections are Markdown
    What happened, why, how bad and for how long.
  detection: |
  impact:
    start: "19:34"                # default: the started milestone
    end: "19:47"                  # default: resolved, else mitigated
    description: |                # the report puts the computed duration first
    affected: 1 customer (100% of pizza ordering users)
    support_tickets: 0
    social_media_posts: 0
  timeline:                       # oldest first
    - time: "19:34"               # HH:MM[:SS] on date, 7:34 PM, RFC 3339, + zone
      event: Pizza factory begins returning 500 errors
      milestone: started          # started | detected | acknowledged |
                                  #   investigating | identified | mitigated | resolved
  response: |
  root_cause: |
  resolution: |
  prevention: |
  action_items:
    - description: Install the Slack integration
      owner: Seth Remer
      due: "2024-12-11"           # YYYY-MM-DD
      ticket: PIZZA-12            # key or URL
      status: open                # open | in-progress | done | wont-do
  sections:                       # further sections, kept in order
    - heading: Lessons learned
      body: |

Unknown keys, wrong types and bad values are errors naming the line. See also
'postmortem help times' and 'postmortem help metrics'.`
