// Package site builds a static HTML site of a folder of postmortems: an
// index with search and filters, one page per postmortem, the overdue
// action items and the trends, as inline SVG charts drawn here. Every
// page works from file:// and from any static host, readable without
// JavaScript (search and filters need it), and loads nothing from outside
// the site: no CDN, no web fonts, no external scripts, a
// Content-Security-Policy that says so. The package writes through a
// Writer; where files land, and that nothing lands outside the output
// folder, is output.go's business.
package site

import (
	"embed"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/postmortem-cli/postmortem/internal/discover"
	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/related"
	"github.com/postmortem-cli/postmortem/internal/render"
	"github.com/postmortem-cli/postmortem/internal/stats"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
	"github.com/postmortem-cli/postmortem/internal/vocabulary"
)

//go:embed assets/*
var assets embed.FS

//go:embed templates/*.html
var templateFS embed.FS

// pages are the html/template pages, parsed on first use.
var pages = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(template.FuncMap{
		"head": head,
		"foot": foot,
	}).ParseFS(templateFS, "templates/*.html"))
})

// Incident is one postmortem to publish.
type Incident struct {
	// File is the path it was read from, as the user named it.
	File string
	Doc  *document.Document
	R    *document.Resolved
}

// Options shape the site.
type Options struct {
	// Title names the site ("Postmortems" when empty).
	Title string
	// Today is the UTC day action items are overdue against.
	Today time.Time
	// Vocabulary names the catalogue's terms (nil: the built-in one).
	Vocabulary *vocabulary.Vocabulary
	// Similar is how many similar incidents a page shows (0: 3);
	// MinScore the score they need (0: 0.35).
	Similar  int
	MinScore float64
	// Workers bounds parallelism (0: GOMAXPROCS).
	Workers int
}

func (opt Options) withDefaults() Options {
	if opt.Title == "" {
		opt.Title = "Postmortems"
	}
	if opt.Vocabulary == nil {
		opt.Vocabulary = vocabulary.Default()
	}
	if opt.Similar == 0 {
		opt.Similar = 3
	}
	if opt.MinScore == 0 {
		opt.MinScore = 0.35
	}
	return opt
}

// Writer receives the site's files by slash-separated name relative to
// the site's root ("incidents/x.html"). It must be safe for concurrent
// use.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Result is what a build wrote.
type Result struct {
	// Files are the names written, in order.
	Files []string
	// Incidents is the number of postmortem pages.
	Incidents int
}

// Build writes the whole site.
func Build(incs []Incident, opt Options, w Writer) (*Result, error) {
	opt = opt.withDefaults()
	s := newSite(incs, opt)
	res := &Result{Incidents: len(incs)}
	write := func(name string, data []byte) error {
		res.Files = append(res.Files, name)
		return w.WriteFile(name, data)
	}
	for _, name := range []string{"assets/site.css", "assets/site.js"} {
		data, _ := assets.ReadFile(name)
		if err := write(name, data); err != nil {
			return res, err
		}
	}
	// The index, actions and trends pages are made beside the incident
	// pages, so that no core waits while one makes them.
	type single struct {
		name string
		data []byte
		err  error
	}
	singles := make(chan []single, 1)
	go func() {
		var out []single
		out = append(out, single{"index.html", writeIndex(s.indexPage()), nil},
			single{"actions.html", writeOverdue(s.actionsPage()), nil})
		data, err := execute("trends.html", s.trendsPage())
		out = append(out, single{"trends.html", data, err})
		singles <- out
	}()
	// Incident pages are made in parallel (a related search and a page
	// each) and written one after the other, in input order, as each is
	// next: files created side by side in one folder wait on the folder's
	// lock, and the kernel spins for it, which cost a build into a new
	// folder a tenth of its time.
	var firstErr error
	discover.Each(len(incs), opt.Workers, func(i int) []byte {
		return writeIncident(s.incidentPage(i))
	}, func(i int, page []byte) {
		if err := write(s.rows[i].Href, page); err != nil && firstErr == nil {
			firstErr = fmt.Errorf("%s: %w", s.rows[i].Href, err)
		}
	})
	for _, p := range <-singles {
		if p.err == nil {
			p.err = write(p.name, p.data)
		}
		if p.err != nil && firstErr == nil {
			firstErr = p.err
		}
	}
	return res, firstErr
}

// site is what every page is built from, computed once.
type site struct {
	opt      Options
	incs     []Incident
	rows     []row
	cat      *related.Catalogue
	resolver *related.Resolver
	byFile   map[string]int
}

// row is one postmortem as the index lists it.
type row struct {
	Href, Title, Date, Year, Severity, Status, Duration, Trigger string
	Services, Factors, Tags                                      []string
	// Search is the lower-cased text the search box matches.
	Search  string
	Summary string
	// The lists as the index writes them, joined once here rather than
	// by the template for each of 10,000 rows.
	ServicesText, FactorsText, ServiceKeys, FactorKeys string
	day                                                time.Time
	ttr                                                *time.Duration
}

func newSite(incs []Incident, opt Options) *site {
	s := &site{opt: opt, incs: incs, rows: make([]row, len(incs)), byFile: map[string]int{}}
	relIncs := make([]related.Incident, len(incs))
	// Each row is its own: made in parallel, then named in order, so that
	// two reports of the same name get their pages in the same order on
	// every build.
	slugs := make([]string, len(incs))
	discover.Each(len(incs), opt.Workers, func(i int) struct{} {
		s.rows[i], relIncs[i] = newRow(incs[i], opt.Vocabulary)
		slugs[i] = slugOf(incs[i].File)
		return struct{}{}
	}, func(int, struct{}) {})
	files := make([]string, len(incs))
	taken := map[string]bool{}
	for i, in := range incs {
		slug := slugs[i]
		for base, n := slug, 2; taken[slug]; n++ {
			slug = fmt.Sprintf("%s-%d", base, n)
		}
		taken[slug] = true
		s.rows[i].Href = "incidents/" + slug + ".html"
		s.byFile[in.File] = i
		files[i] = in.File
	}
	s.cat = related.New(relIncs)
	s.resolver = related.NewResolver(files)
	return s
}

// newRow is how the index lists a postmortem, and what related knows of
// it.
func newRow(in Incident, words *vocabulary.Vocabulary) (row, related.Incident) {
	si := stats.NewIncidentResolved(in.File, in.Doc, in.R)
	day, _ := si.Date()
	r := row{Title: si.Title(), Severity: stats.Severity(in.Doc.Severity), Status: in.Doc.Status, day: day}
	if r.Severity == stats.NoSeverity {
		r.Severity = ""
	}
	if !day.IsZero() {
		r.Date, r.Year = day.Format(time.DateOnly), day.Format("2006")
	}
	r.Services = related.Normalize(in.Doc.Services, words.Services)
	r.Factors = related.Normalize(document.FactorTerms(in.Doc.ContributingFactors), words.Factors)
	r.Tags = related.Normalize(in.Doc.Tags, nil)
	r.Trigger = strings.TrimSpace(in.Doc.Trigger)
	if t, ok := words.Triggers.Lookup(r.Trigger); ok {
		r.Trigger = t.Name
	}
	m := in.R.Metrics()
	if m.Impact != nil && *m.Impact >= 0 {
		r.Duration = minutes(m.Impact.Minutes())
	}
	r.ttr = m.Resolve
	r.Summary = snippet(in.Doc.Summary, 240)
	r.ServicesText, r.FactorsText = strings.Join(r.Services, ", "), strings.Join(r.Factors, ", ")
	r.ServiceKeys, r.FactorKeys = "|"+strings.Join(r.Services, "|")+"|", "|"+strings.Join(r.Factors, "|")+"|"
	r.Search = strings.ToLower(strings.Join([]string{r.Title, r.Date, r.Severity, strings.Join(r.Services, " "),
		strings.Join(r.Factors, " "), strings.Join(r.Tags, " "), r.Trigger, r.Summary}, " "))
	rel := related.FromDocument(in.File, in.Doc, day, words)
	rel.Title = r.Title
	return r, rel
}

var unsafeSlug = pattern(`[^a-z0-9]+`)

// slugOf names a postmortem's page after its file: lower-case letters,
// digits and single hyphens, so that a page name can never climb out of
// the site or mean anything to a shell.
func slugOf(file string) string {
	s := strings.Trim(unsafeSlug().ReplaceAllString(strings.ToLower(related.Stem(file)), "-"), "-")
	if s == "" {
		s = "postmortem"
	}
	if len(s) > 80 {
		s = strings.Trim(s[:80], "-")
	}
	return s
}

// markup is the Markdown a snippet leaves out.
var markup = strings.NewReplacer("*", "", "_", "", "`", "", "#", "")

// snippet is the first n bytes of prose as one line, cut at a word.
func snippet(s string, n int) string {
	s = strings.Join(strings.Fields(markup.Replace(s)), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
	}
	return strings.TrimRight(s[:cut], ",;:") + "…"
}

// Layout is what every page's frame needs.
type Layout struct {
	SiteTitle, PageTitle string
	// Root leads from the page to the site's root ("" or "../").
	Root string
	// Current names the navigation entry of this page.
	Current string
}

func (s *site) layout(title, current, root string) Layout {
	return Layout{SiteTitle: s.opt.Title, PageTitle: title, Root: root, Current: current}
}

// counted is a value with how many incidents have it, for filters.
type counted struct {
	Value string
	Count int
}

func countValues(rows []row, get func(row) []string, byValue bool) []counted {
	n := map[string]int{}
	for _, r := range rows {
		for _, v := range get(r) {
			if v != "" {
				n[v]++
			}
		}
	}
	out := make([]counted, 0, len(n))
	for v, c := range n {
		out = append(out, counted{v, c})
	}
	sort.Slice(out, func(i, j int) bool {
		if !byValue && out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	return out
}

type indexPage struct {
	Layout
	Rows                                 []row
	Services, Severities, Factors, Years []counted
	Total                                int
}

func (s *site) indexPage() indexPage {
	rows := slices.Clone(s.rows)
	// newest first; undated last
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].day.IsZero() != rows[j].day.IsZero() {
			return rows[j].day.IsZero()
		}
		return rows[i].day.After(rows[j].day)
	})
	p := indexPage{Layout: s.layout("Incidents", "index", ""), Rows: rows, Total: len(rows)}
	p.Services = countValues(rows, func(r row) []string { return r.Services }, false)
	p.Factors = countValues(rows, func(r row) []string { return r.Factors }, false)
	p.Severities = countValues(rows, func(r row) []string { return []string{r.Severity} }, true)
	p.Years = countValues(rows, func(r row) []string { return []string{r.Year} }, true)
	slices.Reverse(p.Years)
	return p
}

type overdue struct {
	Href, Incident, Description, Owner, Due, Ticket string
	Days                                            int
}

type actionsPage struct {
	Layout
	Today       string
	Overdue     []overdue
	Open, Total int
}

func (s *site) actionsPage() actionsPage {
	p := actionsPage{Layout: s.layout("Overdue action items", "actions", ""), Today: s.opt.Today.UTC().Format(time.DateOnly)}
	hrefOf := map[string]string{}
	sis := make([]stats.Incident, len(s.incs))
	for i, in := range s.incs {
		sis[i] = stats.NewIncidentResolved(in.File, in.Doc, in.R)
		hrefOf[in.File] = s.rows[i].Href
	}
	for _, a := range stats.Actions(sis, s.opt.Today, stats.ActionFilter{}) {
		p.Total++
		if a.Open {
			p.Open++
		}
		if !a.Overdue {
			continue
		}
		o := overdue{Href: hrefOf[a.File], Incident: a.Incident, Description: a.Description, Owner: a.Owner, Due: a.Due, Ticket: a.Ticket}
		if due, err := timeparse.ParseDate(a.Due); err == nil {
			o.Days = int(s.opt.Today.UTC().Truncate(24*time.Hour).Sub(due).Hours() / 24)
		}
		p.Overdue = append(p.Overdue, o)
	}
	sort.SliceStable(p.Overdue, func(i, j int) bool { return p.Overdue[i].Due < p.Overdue[j].Due })
	return p
}

func execute(name string, data any) ([]byte, error) {
	var b strings.Builder
	if err := pages().ExecuteTemplate(&b, name, data); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// viewOf is the renderer's view of a postmortem: the computed impact
// sentences, the timeline in UTC, the metrics and the action items.
func viewOf(in Incident) *render.View {
	return render.NewView(in.Doc, in.R, render.Options{})
}

// pattern compiles a regular expression on first use: package
// initialisation does no work, so a run that never needs it (postmortem
// --version) does not pay for it.
func pattern(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
