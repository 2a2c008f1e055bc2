package lsp

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// inlayHints puts, after each timeline time in the range, its UTC
// instant (when it was not written in UTC) and the impact so far.
func (s *server) inlayHints(params json.RawMessage) (any, error) {
	p, snap, err := decodeDocument[inlayHintParams](s, params)
	if err != nil {
		return nil, err
	}
	out := []InlayHint{}
	if snap.an.in == nil {
		return out, nil
	}
	tl := snap.an.timeline()
	for _, tf := range tl.Times {
		line := tf.Line - 1
		if tf.Instant.IsZero() || line < p.Range.Start.Line || line > p.Range.End.Line {
			continue
		}
		label := hintLabel(tf, tl)
		if label == "" {
			continue
		}
		out = append(out, InlayHint{Position: snap.t.at(tf.Line, tf.EndCol), Label: label, PaddingLeft: true,
			Tooltip: tf.Instant.UTC().Format(time.RFC3339)})
	}
	return out, nil
}

// hintLabel is "→ 19:36 UTC; impact so far: 2 minutes", without the
// instant when the time was written in UTC already.
func hintLabel(tf timeFact, tl *timeline) string {
	var parts []string
	if !tf.WrittenInUTC {
		parts = append(parts, "→ "+utcClock(tf.Instant, tl))
	}
	if imp := impactAt(tf.Instant, tl); imp != "" {
		parts = append(parts, imp)
	}
	return strings.Join(parts, "; ")
}

// utcClock is the UTC clock time, with the date when it is not the
// report's (first) date.
func utcClock(t time.Time, tl *timeline) string {
	t = t.UTC()
	if !tl.Date.IsZero() && t.Format(time.DateOnly) != tl.Date.Format(time.DateOnly) {
		return t.Format("2006-01-02 15:04 UTC")
	}
	return t.Format("15:04 UTC")
}

// impactAt says where an instant falls in the impact window.
func impactAt(t time.Time, tl *timeline) string {
	start, end := tl.ImpactStart, tl.ImpactEnd
	switch {
	case start.IsZero():
		return ""
	case t.Before(start):
		return formatDuration(start.Sub(t)) + " before the impact"
	case !end.IsZero() && t.After(end) && !end.Before(start):
		return "after the impact (" + formatDuration(end.Sub(start)) + ")"
	}
	return "impact so far: " + formatDuration(t.Sub(start))
}

// hover explains a time (its instant in UTC and in the report's zone)
// or a milestone (the metrics it starts or ends, with their values).
func (s *server) hover(params json.RawMessage) (any, error) {
	p, snap, err := decodeDocument[textDocumentPositionParams](s, params)
	if err != nil {
		return nil, err
	}
	if snap.an.in == nil {
		return nil, nil
	}
	tl := snap.an.timeline()
	line, col := p.Position.Line+1, snap.t.runeCol(p.Position)
	for _, tf := range tl.Times {
		var b strings.Builder
		var r *Range
		switch {
		case tf.Line == line && col >= tf.Col && col < tf.EndCol:
			timeHover(&b, tf, tl)
			if tf.Milestone != "" {
				b.WriteString("\n\n")
				milestoneHover(&b, tf, tl)
			}
			r = &Range{snap.t.at(tf.Line, tf.Col), snap.t.at(tf.Line, tf.EndCol)}
		case tf.Milestone != "" && (tf.Line == line || tf.MilestoneLine == line):
			milestoneHover(&b, tf, tl)
		default:
			continue
		}
		return Hover{Contents: markupContent{Kind: "markdown", Value: b.String()}, Range: r}, nil
	}
	return nil, nil
}

func timeHover(b *strings.Builder, tf timeFact, tl *timeline) {
	if tf.Instant.IsZero() {
		fmt.Fprintf(b, "`%s` could not be read as a time (see the diagnostics).", tf.Written)
		return
	}
	u := tf.Instant.UTC()
	fmt.Fprintf(b, "**%s** (%s)\n\n", u.Format("15:04 UTC, Mon 2 Jan 2006"), u.Format(time.RFC3339))
	if tl.Location != nil {
		fmt.Fprintf(b, "In the report's zone (%s): %s\n\n", tl.Zone, tf.Instant.In(tl.Location).Format("15:04 MST, Mon 2 Jan 2006"))
	} else {
		b.WriteString("The report's zone is UTC.\n\n")
	}
	fmt.Fprintf(b, "Written as `%s`", tf.Written)
	if imp := impactAt(tf.Instant, tl); imp != "" {
		fmt.Fprintf(b, "; %s", imp)
	}
	b.WriteString(".")
}

func milestoneHover(b *strings.Builder, tf timeFact, tl *timeline) {
	fmt.Fprintf(b, "Milestone **%s** (timeline entry %d)", tf.Milestone, tf.Entry+1)
	for _, m := range tl.Metrics {
		role := ""
		switch {
		case slices.Contains(m.From, tf.Milestone) && !(tf.Milestone == "started" && tl.ImpactStartExplicit):
			role = "starts"
		case endsMetric(m, tf.Milestone, tl):
			role = "ends"
		default:
			continue
		}
		value := "not computed: a milestone it needs is missing"
		if m.Value != nil {
			value = formatDuration(*m.Value)
		}
		fmt.Fprintf(b, "\n- %s **%s**: %s", role, m.Name, value)
	}
}

// endsMetric reports whether a milestone ends a metric: the first of the
// metric's end milestones that the timeline has.
func endsMetric(m metricFact, milestone string, tl *timeline) bool {
	for _, e := range m.To {
		if tl.Milestones[e] {
			return e == milestone
		}
	}
	return false
}
