package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/stats"
)

// statsColor says whether terminal output may carry ANSI colour: only on a
// terminal, never with NO_COLOR set (https://no-color.org) or TERM=dumb.
func statsColor(env *Env) bool {
	if !env.OutIsTerminal {
		return false
	}
	if env.Getenv == nil {
		return true
	}
	return env.Getenv("NO_COLOR") == "" && env.Getenv("TERM") != "dumb"
}

const (
	chartWidth  = 24 // cells of the longest bar
	chartMonths = 24 // the most recent months shown
)

var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// bar draws value/max as a horizontal bar of at most width cells, in
// eighths of a cell; a non-zero value always shows at least a sliver.
func bar(value, max float64, width int) string {
	if max <= 0 || value <= 0 {
		return ""
	}
	n := int(value/max*float64(width*8) + 0.5)
	if n < 1 {
		n = 1
	}
	return strings.Repeat("█", n/8) + eighths[n%8]
}

var sparks = []rune("▁▂▃▄▅▆▇█")

// sparkline draws one character per value, scaled to the largest; a
// missing value (negative) is a space.
func sparkline(values []float64) string {
	max := 0.0
	for _, v := range values {
		if v > max {
			max = v
		}
	}
	var b strings.Builder
	for _, v := range values {
		switch {
		case v < 0:
			b.WriteRune(' ')
		case max == 0:
			b.WriteRune(sparks[0])
		default:
			b.WriteRune(sparks[int(v/max*float64(len(sparks)-1)+0.5)])
		}
	}
	return b.String()
}

// statsChart draws incidents and median time to resolve per month, the
// months without incidents included so that gaps show. monthly is a report
// grouped by month.
func statsChart(w io.Writer, monthly *stats.Report, color bool) {
	byKey := map[string]stats.Group{}
	var first, last time.Time
	for _, g := range monthly.Groups {
		t, err := time.Parse("2006-01", g.Key)
		if err != nil {
			continue // (no date)
		}
		byKey[g.Key] = g
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	if first.IsZero() {
		return
	}
	if earliest := last.AddDate(0, -(chartMonths - 1), 0); first.Before(earliest) {
		first = earliest
	}
	type row struct {
		month   string
		count   int
		resolve time.Duration
		known   bool
	}
	var rows []row
	maxCount, maxResolve := 0, time.Duration(0)
	for t := first; !t.After(last); t = t.AddDate(0, 1, 0) {
		k := t.Format("2006-01")
		r := row{month: k}
		if g, ok := byKey[k]; ok {
			r.count = g.Incidents
			for _, m := range g.Metrics {
				if m.Metric.Key == "time_to_resolve" && m.Count > 0 {
					r.resolve, r.known = m.Median, true
				}
			}
		}
		maxCount = max(maxCount, r.count)
		if r.known {
			maxResolve = max(maxResolve, r.resolve)
		}
		rows = append(rows, r)
	}
	paint := func(code, s string) string {
		if !color || s == "" {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	counts, resolves := make([]float64, len(rows)), make([]float64, len(rows))
	for i, r := range rows {
		counts[i] = float64(r.count)
		resolves[i] = -1
		if r.known {
			resolves[i] = r.resolve.Minutes()
		}
	}
	fmt.Fprintf(w, "\nPer month, %s to %s   incidents %s   median time to resolve %s\n\n",
		rows[0].month, rows[len(rows)-1].month, paint("36", sparkline(counts)), paint("33", sparkline(resolves)))
	countCol := chartWidth/2 + 5
	for _, r := range rows {
		c := bar(float64(r.count), float64(maxCount), chartWidth/2)
		left := fmt.Sprintf("%s %d", c, r.count)
		pad := countCol - len([]rune(left))
		res := "–"
		if r.known {
			res = paint("33", bar(float64(r.resolve), float64(maxResolve), chartWidth)) + " " + compact(r.resolve)
			if r.resolve == 0 {
				res = compact(0)
			}
		}
		fmt.Fprintf(w, "  %s  %s%s%s\n", r.month, paint("36", c), strings.TrimPrefix(left, c), strings.Repeat(" ", max(pad, 1))+res)
	}
}
