package site

import (
	"strconv"
	"strings"
)

// writeIncident writes a postmortem's page (see page.go for why it is
// code): metadata, contributing factors, summary and detection, impact,
// metrics, the timeline in UTC, the other sections, action items and
// related incidents.
func writeIncident(p incidentPage) []byte {
	var w htmlw
	w.Grow(8 << 10)
	writeHead(&w, p.Layout)
	r := p.Row
	w.raw("<article class=\"incident\">\n")
	w.elem("h1", r.Title)
	w.raw("\n<dl class=\"meta\">\n")
	meta := func(label, value string, isTime bool) {
		if value == "" {
			return
		}
		w.raw("<div><dt>", label, "</dt><dd>")
		if isTime {
			w.raw("<time")
			w.attr("datetime", value)
			w.raw(">")
			w.text(value)
			w.raw("</time>")
		} else {
			w.text(value)
		}
		w.raw("</dd></div>\n")
	}
	meta("Date", r.Date, true)
	meta("Severity", r.Severity, false)
	meta("Status", r.Status, false)
	meta("Impact", r.Duration, false)
	meta("Services", r.ServicesText, false)
	meta("Trigger", r.Trigger, false)
	meta("Tags", strings.Join(r.Tags, ", "), false)
	meta("Authors", p.Authors, false)
	w.raw("<div><dt>Source</dt><dd><code>")
	w.text(p.Source)
	w.raw("</code></dd></div>\n</dl>\n")

	if len(p.Factors) > 0 {
		openSection(&w, "factors", "Contributing factors")
		w.raw("<ul class=\"factors\">")
		for _, f := range p.Factors {
			w.raw("<li>")
			w.elem("strong", f.Term)
			if f.Note != "" {
				w.raw(": ")
				w.text(f.Note)
			}
			if f.Description != "" {
				w.raw(` <span class="muted">(`)
				w.text(f.Description)
				w.raw(")</span>")
			}
			w.raw("</li>\n")
		}
		w.raw("</ul></section>\n")
	}
	writeSections(&w, p.Before)
	if p.Impact != "" {
		openSection(&w, "impact", "Impact")
		w.raw(string(p.Impact), "</section>\n")
	}
	writeMetrics(&w, p)
	writeTimeline(&w, p.Timeline)
	writeSections(&w, p.After)
	writeActions(&w, p)
	writeRelated(&w, p)
	w.raw("</article>\n", footHTML)
	return w.Bytes()
}

func openSection(w *htmlw, id, title string) {
	w.raw("<section")
	w.attr("aria-labelledby", id+"-h")
	w.raw("><h2")
	w.attr("id", id+"-h")
	w.raw(">")
	w.text(title)
	w.raw("</h2>\n")
}

func writeSections(w *htmlw, secs []section) {
	for _, s := range secs {
		openSection(w, s.ID, s.Title)
		w.raw(string(s.HTML), "</section>\n") // goldmark's output: text escaped, raw HTML dropped
	}
}

func writeMetrics(w *htmlw, p incidentPage) {
	openSection(w, "metrics", "Metrics")
	w.raw(`<table class="metrics">
<caption class="visually-hidden">Response metrics computed from the timeline</caption>
<thead><tr><th scope="col">Metric</th><th scope="col">Value</th><th scope="col">How it is computed</th></tr></thead>
<tbody>`)
	for _, m := range p.Metrics {
		w.raw("<tr><th scope=\"row\">")
		w.text(m.Name)
		w.raw("</th><td>")
		if m.Known {
			w.text(m.Value)
		} else {
			w.raw(`<span class="muted">not measurable</span>`)
		}
		w.raw("</td><td>", string(definitionHTML(m.Key, m.Definition)), "</td></tr>\n")
	}
	w.raw("</tbody></table></section>\n")
}

func writeTimeline(w *htmlw, entries []timelineEntry) {
	if len(entries) == 0 {
		return
	}
	openSection(w, "timeline", "Timeline")
	w.raw(`<table class="timeline">
<caption>All times are UTC.</caption>
<thead><tr><th scope="col">Time (UTC)</th><th scope="col">Event</th><th scope="col">Milestone</th></tr></thead>
<tbody>`)
	for _, e := range entries {
		w.raw("<tr><td>")
		if e.UTC != "" {
			w.raw("<time")
			w.attr("datetime", e.UTC)
			w.raw(">")
			w.text(e.Shown)
			w.raw("</time>")
		} else {
			w.text(e.Shown)
		}
		w.raw("</td><td>")
		w.text(e.Event)
		w.raw("</td><td>")
		w.text(e.Milestone)
		w.raw("</td></tr>\n")
	}
	w.raw("</tbody></table></section>\n")
}

func writeActions(w *htmlw, p incidentPage) {
	if len(p.Actions) == 0 {
		return
	}
	openSection(w, "actions", "Action items")
	w.raw(`<table class="actions">
<caption class="visually-hidden">Action items</caption>
<thead><tr><th scope="col">#</th><th scope="col">Action</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Ticket</th></tr></thead>
<tbody>`)
	for _, a := range p.Actions {
		w.raw("<tr><td>", strconv.Itoa(a.N), "</td>")
		for _, cell := range []string{a.Description, a.Owner, a.Due, a.Status, a.Ticket} {
			w.elem("td", cell)
		}
		w.raw("</tr>\n")
	}
	w.raw("</tbody></table></section>\n")
}

func writeRelated(w *htmlw, p incidentPage) {
	openSection(w, "related", "Related incidents")
	if len(p.Listed) > 0 || len(p.Missing) > 0 {
		w.raw("<h3>Listed in this postmortem</h3>\n<ul>")
		for _, l := range p.Listed {
			w.raw("<li><a")
			w.attr("href", l.Href)
			if l.External {
				w.raw(` rel="noopener noreferrer">`)
				w.text(l.Title)
				w.raw(`</a> <span class="muted">(outside this site)</span></li>`)
				continue
			}
			writeLinkRest(w, l)
			w.raw("</li>\n")
		}
		for _, m := range p.Missing {
			w.raw("<li><code>")
			w.text(m)
			w.raw("</code> <span class=\"muted\">(no postmortem of that name here)</span></li>\n")
		}
		w.raw("</ul>\n")
	}
	w.raw("<h3>Most like this one</h3>\n")
	if len(p.Similar) == 0 {
		w.raw("<p class=\"muted\">No other incident scores high enough to be called alike.</p>\n</section>\n")
		return
	}
	w.raw("<ol class=\"similar\">")
	for _, s := range p.Similar {
		w.raw("<li><a")
		w.attr("href", s.Href)
		writeLinkRest(w, s.link)
		w.raw(` <span class="score" title="similarity from 0 to 1">score `, s.Score, "</span>\n")
		if len(s.Evidence) > 0 {
			w.raw("<ul class=\"evidence\">")
			for _, e := range s.Evidence {
				w.elem("li", e)
			}
			w.raw("</ul>")
		}
		w.raw("</li>\n")
	}
	w.raw("</ol>\n</section>\n")
}

// writeLinkRest ends an <a> whose href is written: its text, and the
// incident's date after it.
func writeLinkRest(w *htmlw, l link) {
	w.raw(">")
	w.text(l.Title)
	w.raw("</a>")
	if l.Date != "" {
		w.raw(` <span class="muted">`)
		w.text(l.Date)
		w.raw("</span>")
	}
}
