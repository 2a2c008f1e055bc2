package site

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/stats"
)

// The charts are SVG drawn here, inline in the page: no script, no
// library, nothing fetched. Colours come from classes in site.css. Each
// chart has a title and description for screen readers and its numbers
// in a table beside it.

// chart is one figure of the trends page.
type chart struct {
	ID, Title, Caption string
	SVG                template.HTML
	Head               []string
	Rows               [][]string
}

type trendsPage struct {
	Layout
	Charts []chart
	Total  int
}

func (s *site) trendsPage() trendsPage {
	p := trendsPage{Layout: s.layout("Trends", "trends", ""), Total: len(s.rows)}
	p.Charts = append(p.Charts, s.perMonth(), s.resolvePerQuarter(),
		s.topValues("factors", "Top contributing factors", "factor", func(r row) []string { return r.Factors }),
		s.topValues("services", "Services with the most incidents", "service", func(r row) []string { return r.Services }))
	return p
}

const (
	chartW, chartH     = 720.0, 260.0
	padL, padR         = 56.0, 16.0
	padT, padB         = 16.0, 40.0
	plotW, plotH       = chartW - padL - padR, chartH - padT - padB
	svgOpen            = `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="%s-t %s-d" preserveAspectRatio="xMinYMin meet"><title id="%s-t">%s</title><desc id="%s-d">%s</desc>`
	noData             = `<p class="empty">No incidents to chart yet.</p>`
	barLabelW          = 180.0
	barRowH, barRowGap = 22.0, 6.0
	maxBars            = 12
	minutesPerDay      = 24 * 60
)

func svgStart(b *strings.Builder, w, h float64, id, title, desc string) {
	fmt.Fprintf(b, svgOpen, w, h, id, id, id, html.EscapeString(title), id, html.EscapeString(desc))
}

// niceMax rounds a maximum up to 1, 2 or 5 times a power of ten, so
// that axis ticks fall on round numbers.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// countAxis is a whole-number axis for counts up to top: a round step
// (1, 2 or 5 times a power of ten) and the top tick, at most five ticks.
func countAxis(top int) (step, ymax int) {
	step = int(niceMax(math.Ceil(float64(max(top, 1)) / 4)))
	ymax = step * ((max(top, 1) + step - 1) / step)
	return step, ymax
}

// perMonth draws incidents per month over the whole span, months without
// incidents included.
func (s *site) perMonth() chart {
	c := chart{ID: "per-month", Title: "Incidents per month", Head: []string{"Month", "Incidents"}}
	counts := map[string]int{}
	var first, last time.Time
	for _, r := range s.rows {
		if r.day.IsZero() {
			continue
		}
		m := time.Date(r.day.Year(), r.day.Month(), 1, 0, 0, 0, 0, time.UTC)
		counts[m.Format("2006-01")]++
		if first.IsZero() || m.Before(first) {
			first = m
		}
		if m.After(last) {
			last = m
		}
	}
	if first.IsZero() {
		c.SVG = noData
		return c
	}
	var months []time.Time
	for m := first; !m.After(last); m = m.AddDate(0, 1, 0) {
		months = append(months, m)
	}
	top := 0
	for _, n := range counts {
		top = max(top, n)
	}
	step, ymaxInt := countAxis(top)
	ymax := float64(ymaxInt)
	c.Caption = fmt.Sprintf("%d dated incidents from %s to %s; busiest month: %d.", sumCounts(counts), first.Format("January 2006"), last.Format("January 2006"), top)
	var b strings.Builder
	svgStart(&b, chartW, chartH, c.ID, c.Title, c.Caption)
	for v := 0; v <= ymaxInt; v += step {
		y := padT + plotH - plotH*float64(v)/ymax
		fmt.Fprintf(&b, `<line class="grid" x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f"/><text class="label axis" x="%.0f" y="%.1f">%d</text>`,
			padL, chartW-padR, y, y, padL-6, y+4, v)
	}
	slot := plotW / float64(len(months))
	barW := math.Min(math.Max(slot*0.8, 1), 48)
	for i, m := range months {
		n := counts[m.Format("2006-01")]
		x := padL + float64(i)*slot
		h := plotH * float64(n) / ymax
		if n > 0 {
			fmt.Fprintf(&b, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s: %d</title></rect>`,
				x+(slot-barW)/2, padT+plotH-h, barW, h, m.Format("January 2006"), n)
		}
		if m.Month() == time.January || i == 0 || len(months) <= 12 {
			label := m.Format("2006")
			if len(months) <= 24 {
				label = m.Format("Jan 06")
			}
			if len(months) <= 24 || m.Month() == time.January {
				fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.1f">%s</text>`, x, chartH-padB+16, label)
			}
		}
		c.Rows = append(c.Rows, []string{m.Format("2006-01"), fmt.Sprint(n)})
	}
	b.WriteString(`</svg>`)
	c.SVG = template.HTML(b.String())
	return c
}

func sumCounts(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// resolvePerQuarter draws the distribution of time to resolve in each
// quarter as a box plot on a log scale: the box spans the middle half
// (25th to 75th percentile), the bar inside is the median, the whiskers
// reach the 10th and 90th percentiles. A mean would hide that most
// incidents are short and a few very long.
func (s *site) resolvePerQuarter() chart {
	c := chart{ID: "resolve", Title: "Time to resolve per quarter", Head: []string{"Quarter", "Measured", "P10", "P25", "Median", "P75", "P90"}}
	byQ := map[string][]time.Duration{}
	for _, r := range s.rows {
		if r.day.IsZero() || r.ttr == nil || *r.ttr < 0 {
			continue
		}
		q := fmt.Sprintf("%d-Q%d", r.day.Year(), (int(r.day.Month())+2)/3)
		byQ[q] = append(byQ[q], *r.ttr)
	}
	if len(byQ) == 0 {
		c.SVG = template.HTML(`<p class="empty">No incident has a measured time to resolve (it needs a start and a <code>resolved</code> milestone).</p>`)
		return c
	}
	quarters := make([]string, 0, len(byQ))
	for q := range byQ {
		quarters = append(quarters, q)
	}
	sort.Strings(quarters)
	lo, hi := math.Inf(1), 0.0
	type box struct{ p10, p25, p50, p75, p90 float64 }
	boxes := make([]box, len(quarters))
	for i, q := range quarters {
		vs := byQ[q]
		sort.Slice(vs, func(a, b int) bool { return vs[a] < vs[b] })
		at := func(p int) float64 { return math.Max(vs[stats.NearestRank(p, len(vs))-1].Minutes(), 1) }
		boxes[i] = box{at(10), at(25), at(50), at(75), at(90)}
		lo, hi = math.Min(lo, boxes[i].p10), math.Max(hi, boxes[i].p90)
		c.Rows = append(c.Rows, []string{q, fmt.Sprint(len(vs)), minutes(boxes[i].p10), minutes(boxes[i].p25), minutes(boxes[i].p50), minutes(boxes[i].p75), minutes(boxes[i].p90)})
	}
	// log scale over whole ticks around the data
	ticks := []float64{1, 5, 15, 60, 240, minutesPerDay, 3 * minutesPerDay, 7 * minutesPerDay, 30 * minutesPerDay}
	ymin, ymax := 1.0, ticks[len(ticks)-1]
	for _, t := range ticks {
		if t <= lo {
			ymin = t
		}
	}
	for k := len(ticks) - 1; k >= 0; k-- {
		if ticks[k] >= hi {
			ymax = ticks[k]
		}
	}
	if ymax <= ymin {
		ymax = ymin * 5
	}
	y := func(m float64) float64 {
		return padT + plotH - plotH*(math.Log(m)-math.Log(ymin))/(math.Log(ymax)-math.Log(ymin))
	}
	c.Caption = fmt.Sprintf("Time from impact start to resolved, per quarter: the box is the middle half of incidents, the bar the median, the whiskers the 10th and 90th percentiles (log scale). %d quarters.", len(quarters))
	var b strings.Builder
	svgStart(&b, chartW, chartH, c.ID, c.Title, c.Caption)
	for _, t := range ticks {
		if t < ymin || t > ymax {
			continue
		}
		fmt.Fprintf(&b, `<line class="grid" x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f"/><text class="label axis" x="%.0f" y="%.1f">%s</text>`,
			padL, chartW-padR, y(t), y(t), padL-6, y(t)+4, minutes(t))
	}
	slot := plotW / float64(len(quarters))
	for i, q := range quarters {
		bx := boxes[i]
		cx := padL + (float64(i)+0.5)*slot
		w := math.Min(slot*0.6, 40)
		fmt.Fprintf(&b, `<g><title>%s: median %s, middle half %s to %s, %d measured</title>`, q, minutes(bx.p50), minutes(bx.p25), minutes(bx.p75), len(byQ[q]))
		fmt.Fprintf(&b, `<line class="whisker" x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/>`, cx, cx, y(bx.p10), y(bx.p90))
		fmt.Fprintf(&b, `<rect class="box" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, cx-w/2, y(bx.p75), w, math.Max(y(bx.p25)-y(bx.p75), 1))
		fmt.Fprintf(&b, `<line class="median" x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/></g>`, cx-w/2, cx+w/2, y(bx.p50), y(bx.p50))
		if len(quarters) <= 16 || strings.HasSuffix(q, "Q1") {
			fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, cx, chartH-padB+16, q)
		}
	}
	b.WriteString(`</svg>`)
	c.SVG = template.HTML(b.String())
	return c
}

// minutes writes a number of minutes as a short duration for an axis or
// a table cell: "45m", "4h", "1h 30m", "3d", "2d 4h".
func minutes(m float64) string {
	n := int(math.Round(m))
	switch {
	case n < 60:
		return fmt.Sprintf("%dm", n)
	case n < minutesPerDay:
		if n%60 == 0 {
			return fmt.Sprintf("%dh", n/60)
		}
		return fmt.Sprintf("%dh %02dm", n/60, n%60)
	}
	h := (n + 30) / 60
	if h%24 == 0 {
		return fmt.Sprintf("%dd", h/24)
	}
	return fmt.Sprintf("%dd %dh", h/24, h%24)
}

// topValues draws the most frequent values of a many-valued key as
// horizontal bars.
func (s *site) topValues(id, title, noun string, get func(row) []string) chart {
	c := chart{ID: id, Title: title, Head: []string{strings.ToUpper(noun[:1]) + noun[1:], "Incidents"}}
	all := countValues(s.rows, get, false)
	if len(all) == 0 {
		c.SVG = template.HTML(fmt.Sprintf(`<p class="empty">No postmortem names a %s yet.</p>`, noun))
		return c
	}
	top := all
	if len(top) > maxBars {
		top = top[:maxBars]
	}
	c.Caption = fmt.Sprintf("The %d most frequent of %d; an incident counts once for each %s it names.", len(top), len(all), noun)
	h := padT + float64(len(top))*(barRowH+barRowGap) + padB/2
	var b strings.Builder
	svgStart(&b, chartW, h, c.ID, c.Title, c.Caption)
	_, xmaxInt := countAxis(top[0].Count)
	xmax := float64(xmaxInt)
	width := chartW - barLabelW - padR - 40
	for i, v := range top {
		yy := padT + float64(i)*(barRowH+barRowGap)
		w := width * float64(v.Count) / xmax
		fmt.Fprintf(&b, `<text class="label" x="%.0f" y="%.1f" text-anchor="end">%s</text>`, barLabelW-8, yy+barRowH*0.7, html.EscapeString(clip(v.Value, 26)))
		fmt.Fprintf(&b, `<rect class="bar" x="%.0f" y="%.1f" width="%.1f" height="%.0f"><title>%s: %d</title></rect>`, barLabelW, yy, math.Max(w, 1), barRowH, html.EscapeString(v.Value), v.Count)
		fmt.Fprintf(&b, `<text class="label value" x="%.1f" y="%.1f">%d</text>`, barLabelW+w+6, yy+barRowH*0.7, v.Count)
	}
	b.WriteString(`</svg>`)
	c.SVG = template.HTML(b.String())
	for _, v := range all {
		c.Rows = append(c.Rows, []string{v.Value, fmt.Sprint(v.Count)})
	}
	return c
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
