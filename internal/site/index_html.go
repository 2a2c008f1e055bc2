package site

import (
	"strconv"
	"strings"
)

// The index and the overdue actions are written by code too (page.go):
// in a site of 10,000 postmortems the template engine's reflection over
// the index's rows cost as much CPU as the pages of a thousand
// incidents. They were html/template pages, and are written byte for
// byte as the engine wrote them (TestIndexAsTemplate runs the old
// templates beside them): every value through tmplText, the escaping
// html/template gives text and quoted attribute values, which also
// escapes "+" and turns NUL into U+FFFD; the links are the site's own
// page names, which its URL filter leaves as they are.

var tmplEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// tmplText writes s escaped as html/template escapes text and quoted
// attribute values.
func (w *htmlw) tmplText(s string) { tmplEscaper.WriteString(w, s) }

func (w *htmlw) tmplAttr(name, value string) {
	w.raw(" ", name, `="`)
	w.tmplText(value)
	w.WriteByte('"')
}

// tmplTime writes <time datetime="day">day</time>.
func (w *htmlw) tmplTime(day string) {
	w.raw("<time")
	w.tmplAttr("datetime", day)
	w.raw(">")
	w.tmplText(day)
	w.raw("</time>")
}

// writeIndex writes the index: every incident, newest first, with the
// search form and its filters' choices.
func writeIndex(p indexPage) []byte {
	var w htmlw
	w.Grow(len(p.Rows)*700 + 8<<10)
	writeHead(&w, p.Layout)
	w.raw("\n<h1>Incidents</h1>\n<p id=\"summary\">", strconv.Itoa(p.Total), ` postmortems, newest first.</p>
<form id="filters" class="filters" role="search" aria-label="Search and filter incidents" hidden>
<div class="field field-wide"><label for="q">Search</label>
<input id="q" name="q" type="search" autocomplete="off" placeholder="words from the title, summary, services, factors"></div>
`)
	filter(&w, "service", "Service", "Any service", p.Services)
	filter(&w, "severity", "Severity", "Any severity", p.Severities)
	filter(&w, "factor", "Contributing factor", "Any factor", p.Factors)
	filter(&w, "year", "Year", "Any year", p.Years)
	w.raw(`<div class="field"><button type="reset">Clear</button></div>
</form>
<p id="count" role="status" aria-live="polite"></p>
<div class="table-wrap">
<table id="incidents">
<caption class="visually-hidden">All postmortems</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Incident</th><th scope="col">Severity</th><th scope="col">Services</th><th scope="col">Contributing factors</th><th scope="col">Impact</th></tr></thead>
<tbody>
`)
	for i := range p.Rows {
		indexRow(&w, &p.Rows[i])
	}
	w.raw(`</tbody>
</table>
</div>
<p id="none" class="empty" hidden>No incident matches. <a href="#" id="clear">Clear the search and filters</a>.</p>
<script src="assets/site.js"></script>
`, footHTML, "\n")
	return w.Bytes()
}

// filter writes one of the search form's choices, each value with how
// many incidents have it.
func filter(w *htmlw, id, label, any string, values []counted) {
	w.raw(`<div class="field"><label for="`, id, `">`, label, "</label>\n",
		`<select id="`, id, `" name="`, id, `"><option value="">`, any, "</option>\n")
	for _, v := range values {
		w.raw("<option")
		w.tmplAttr("value", v.Value)
		w.raw(">")
		w.tmplText(v.Value)
		w.raw(" (", strconv.Itoa(v.Count), ")</option>\n")
	}
	w.raw("</select></div>\n")
}

func indexRow(w *htmlw, r *row) {
	w.raw("<tr")
	w.tmplAttr("data-search", r.Search)
	w.tmplAttr("data-service", r.ServiceKeys)
	w.tmplAttr("data-severity", r.Severity)
	w.tmplAttr("data-factor", r.FactorKeys)
	w.tmplAttr("data-year", r.Year)
	w.raw(">\n<td>")
	if r.Date != "" {
		w.tmplTime(r.Date)
	} else {
		w.raw("–")
	}
	w.raw("</td>\n<td><a")
	w.tmplAttr("href", r.Href)
	w.raw(">")
	w.tmplText(r.Title)
	w.raw("</a>")
	if r.Summary != "" {
		w.raw(`<span class="snippet">`)
		w.tmplText(r.Summary)
		w.raw("</span>")
	}
	for _, cell := range []string{r.Severity, r.ServicesText, r.FactorsText, r.Duration} {
		w.raw("</td>\n<td>")
		w.tmplText(cell)
	}
	w.raw("</td>\n</tr>\n")
}

// writeOverdue writes the overdue action items, oldest due date first.
func writeOverdue(p actionsPage) []byte {
	var w htmlw
	w.Grow(len(p.Overdue)*400 + 8<<10)
	writeHead(&w, p.Layout)
	w.raw("\n<h1>Overdue action items</h1>\n<p>", strconv.Itoa(len(p.Overdue)), " overdue of ", strconv.Itoa(p.Open),
		" open action items (", strconv.Itoa(p.Total), " in all), as of ")
	w.tmplText(p.Today)
	w.raw(" (UTC). An item is overdue when it is open or in progress and its due date has passed.</p>\n")
	if len(p.Overdue) == 0 {
		w.raw(`<p class="empty">Nothing is overdue.</p>`)
	} else {
		w.raw(`<div class="table-wrap">
<table class="actions">
<caption class="visually-hidden">Overdue action items, oldest due date first</caption>
<thead><tr><th scope="col">Due</th><th scope="col">Days late</th><th scope="col">Action</th><th scope="col">Owner</th><th scope="col">Ticket</th><th scope="col">Incident</th></tr></thead>
<tbody>`)
		for _, o := range p.Overdue {
			w.raw("<tr><td>")
			w.tmplTime(o.Due)
			w.raw("</td><td>", strconv.Itoa(o.Days), "</td><td>")
			w.tmplText(o.Description)
			w.raw("</td><td>")
			if o.Owner != "" {
				w.tmplText(o.Owner)
			} else {
				w.raw(`<span class="muted">nobody</span>`)
			}
			w.raw("</td><td>")
			w.tmplText(o.Ticket)
			w.raw("</td><td><a")
			w.tmplAttr("href", o.Href)
			w.raw(">")
			w.tmplText(o.Incident)
			w.raw("</a></td></tr>\n")
		}
		w.raw("</tbody></table></div>")
	}
	w.raw("\n", footHTML, "\n")
	return w.Bytes()
}
