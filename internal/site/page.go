package site

import (
	"bytes"
	"html"
	"html/template"
)

// The frame of every page, and the postmortem pages themselves, are
// written by code rather than html/template: ten thousand pages spent a
// third of a build in the template engine's reflection. Every piece of
// text goes through htmlw.text or htmlw.attr (html.EscapeString, which
// escapes <, >, &, ' and "), and markup only through htmlw.raw with
// constants, so nothing a report says can become markup.

// csp is the Content-Security-Policy of every page: its own stylesheet
// and script only, nothing from anywhere else, no forms, no frames.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; font-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"

type htmlw struct{ bytes.Buffer }

func (w *htmlw) raw(parts ...string) {
	for _, p := range parts {
		w.WriteString(p)
	}
}

func (w *htmlw) text(s string) { w.WriteString(html.EscapeString(s)) }

// attr writes a quoted attribute value.
func (w *htmlw) attr(name, value string) {
	w.raw(" ", name, `="`)
	w.text(value)
	w.WriteByte('"')
}

// elem writes <tag>text</tag>, text escaped.
func (w *htmlw) elem(tag, text string) {
	w.raw("<", tag, ">")
	w.text(text)
	w.raw("</", tag, ">")
}

var navItems = []struct{ page, file, label string }{
	{"index", "index.html", "Incidents"}, {"actions", "actions.html", "Overdue actions"}, {"trends", "trends.html", "Trends"},
}

// writeHead writes a page's head, the skip link, the site header with
// its navigation, and opens <main>.
func writeHead(w *htmlw, l Layout) {
	w.raw(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="`, csp, `">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="postmortem">
<title>`)
	w.text(l.PageTitle + " · " + l.SiteTitle)
	w.raw("</title>\n<link rel=\"stylesheet\"")
	w.attr("href", l.Root+"assets/site.css")
	w.raw(">\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header class=\"site\">\n<p class=\"brand\"><a")
	w.attr("href", l.Root+"index.html")
	w.raw(">")
	w.text(l.SiteTitle)
	w.raw("</a></p>\n<nav aria-label=\"Site\">\n<ul>\n")
	for _, n := range navItems {
		w.raw("<li><a")
		w.attr("href", l.Root+n.file)
		if n.page == l.Current {
			w.raw(` aria-current="page"`)
		}
		w.raw(">", n.label, "</a></li>\n")
	}
	w.raw("</ul>\n</nav>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n")
}

const footHTML = `</main>
<footer class="site">
<p>Built by <code>postmortem site</code> from the postmortems in this repository. Times are UTC.</p>
</footer>
</body>
</html>
`

// head and foot give the frame to the html/template pages.
func head(l Layout) template.HTML {
	var w htmlw
	writeHead(&w, l)
	return template.HTML(w.String())
}

func foot() template.HTML { return template.HTML(footHTML) }
