package site

import (
	"encoding/xml"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/incidentgen"
)

var update = os.Getenv("UPDATE_GOLDEN") != ""

var today = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// hostile is a postmortem whose text tries to put markup, a script and
// an outside image into the site.
func hostile() Incident {
	doc := &document.Document{Version: 1, Date: "2025-03-04", Title: `Queue <b>stalls</b> & "drops" jobs`,
		Severity: "sev1", Services: []string{"queue", "<img src=x>"}, Trigger: "config-push",
		ContributingFactors: []document.Factor{{Term: "Missing alert", Note: "nobody was paged <script>alert(1)</script>"}},
		Related:             []string{"2022-01-01-cache-stampede-00000", "https://status.example.com/incidents/9", "no-such-report"},
		Summary:             "Jobs stalled.\n\n<script>alert('x')</script>\n\n![chart](https://cdn.example.com/chart.png) and [a link](javascript:alert(1)).\n",
		RootCause:           "A **config push** set the worker pool to `0`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		Timeline: []document.Event{{Time: "10:00", Event: "Jobs stall", Milestone: "started"},
			{Time: "10:07", Event: "Alert <fires>", Milestone: "detected"}, {Time: "2025-03-04T11:30:00Z", Event: "Pool restored", Milestone: "resolved"}},
		ActionItems: []document.ActionItem{{Description: "Alert on pool size", Owner: "Ana", Due: "2025-04-01"}, {Description: "Done one", Due: "2025-01-01", Status: "done"}}}
	r, _ := document.Resolve(doc)
	return Incident{File: "pm/2025-03-04-queue-stalls.yaml", Doc: doc, R: r}
}

// fixture is 40 generated postmortems and the hostile one.
func fixture() []Incident {
	rng := rand.New(rand.NewSource(7))
	var incs []Incident
	for i := 0; i < 40; i++ {
		doc, f := incidentgen.Doc(rng, i, 40)
		r, _ := document.Resolve(doc)
		name := doc.Date + "-" + f.Name + "-" + strings.Repeat("0", 4) + string(rune('0'+i%10))
		if i == 0 {
			name = "2022-01-01-cache-stampede-00000"
		}
		incs = append(incs, Incident{File: "pm/" + name + ".yaml", Doc: doc, R: r})
	}
	return append(incs, hostile())
}

// buildTo builds the fixture's site into a new folder.
func buildTo(t *testing.T, incs []Incident) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	d, err := OpenDir(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(incs, Options{Today: today}, d); err != nil {
		t.Fatal(err)
	}
	if err := d.Finish(); err != nil {
		t.Fatal(err)
	}
	return dir
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// resourceURL finds attributes that make a browser fetch something:
// src, a stylesheet or icon link, srcset, an SVG href, a CSS url().
var resourceURL = regexp.MustCompile(`(?i)(?:\ssrc(?:set)?\s*=\s*["']?|<link[^>]*\shref\s*=\s*["']?|<use[^>]*href\s*=\s*["']?|url\(\s*["']?)([^"'\s>)]+)`)

// externalResources lists what a page would load from outside the site.
func externalResources(html string) []string {
	var out []string
	for _, m := range resourceURL.FindAllStringSubmatch(html, -1) {
		u := strings.ToLower(m[1])
		if strings.Contains(u, "://") || strings.HasPrefix(u, "//") {
			out = append(out, m[1])
		}
	}
	return out
}

func TestSiteFilesAndSafety(t *testing.T) {
	incs := fixture()
	dir := buildTo(t, incs)
	var pages []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return nil
	})
	if want := len(incs) + 3; len(pages) != want {
		t.Fatalf("%d pages, want %d", len(pages), want)
	}
	for _, p := range pages {
		html := read(t, p)
		if !strings.Contains(html, `<meta http-equiv="Content-Security-Policy" content="default-src 'self';`) {
			t.Errorf("%s: no Content-Security-Policy", p)
		}
		if ext := externalResources(html); len(ext) > 0 {
			t.Errorf("%s loads from outside the site: %q", p, ext)
		}
		for _, bad := range []string{"<script>alert", "<b>stalls</b>", "<img src=x>", `href="javascript:`, `src="javascript:`} {
			if strings.Contains(html, bad) {
				t.Errorf("%s: %q came through unescaped", p, bad)
			}
		}
		for _, landmark := range []string{`<main id="main"`, `<nav aria-label="Site">`, `<header class="site">`, `<footer class="site">`, `<html lang="en">`, `<h1>`} {
			if !strings.Contains(html, landmark) {
				t.Errorf("%s lacks %s", p, landmark)
			}
		}
	}
	// the negative control: the detector sees an outside image
	if ext := externalResources(`<p><img alt="" src="https://cdn.example.com/a.png"></p>`); len(ext) != 1 {
		t.Errorf("externalResources misses an outside image: %q", ext)
	}
	index := read(t, filepath.Join(dir, "index.html"))
	if n := strings.Count(index, "<tr data-search="); n != len(incs) {
		t.Errorf("the index lists %d incidents, want %d", n, len(incs))
	}
	if !strings.Contains(index, `<form id="filters" class="filters" role="search" aria-label="Search and filter incidents" hidden>`) {
		t.Error("the filters must be hidden until the script shows them (the page reads without JavaScript)")
	}
	for _, label := range []string{`<label for="q">`, `<label for="service">`, `<label for="severity">`, `<label for="factor">`, `<label for="year">`} {
		if !strings.Contains(index, label) {
			t.Errorf("index lacks %s", label)
		}
	}
	page := read(t, filepath.Join(dir, "incidents", "2025-03-04-queue-stalls.html"))
	for _, want := range []string{
		`<h1>Queue &lt;b&gt;stalls&lt;/b&gt; &amp; &#34;drops&#34; jobs</h1>`,
		`<time datetime="2025-03-04T10:07:00Z">2025-03-04 10:07</time></td><td>Alert &lt;fires&gt;</td><td>detected</td>`,
		`<caption>All times are UTC.</caption>`,
		`<th scope="row">Time to resolve</th><td>1 hour 30 minutes</td>`,
		`<strong>monitoring-gap</strong>: nobody was paged &lt;script&gt;alert(1)&lt;/script&gt;`,
		`<a class="image-link" href="https://cdn.example.com/chart.png">[image: chart]</a>`,
		`<a href="../incidents/2022-01-01-cache-stampede-00000.html">`,
		`<a href="https://status.example.com/incidents/9" rel="noopener noreferrer">`,
		`<code>no-such-report</code> <span class="muted">(no postmortem of that name here)</span>`,
		`<dd>SEV-1</dd>`,
		`<table>`, // the root cause's Markdown table
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the incident page lacks %s", want)
		}
	}
	actions := read(t, filepath.Join(dir, "actions.html"))
	if !strings.Contains(actions, "Alert on pool size") || strings.Contains(actions, "Done one") {
		t.Error("the overdue page must list open items past due, and only those")
	}
}

func TestTrendsChartsAreWellFormedSVG(t *testing.T) {
	dir := buildTo(t, fixture())
	html := read(t, filepath.Join(dir, "trends.html"))
	svgs := regexp.MustCompile(`(?s)<svg.*?</svg>`).FindAllString(html, -1)
	if len(svgs) != 4 {
		t.Fatalf("%d charts, want 4", len(svgs))
	}
	for _, s := range svgs {
		if err := xml.Unmarshal([]byte(s), new(struct{})); err != nil {
			t.Errorf("a chart is not well-formed XML: %v\n%.200s", err, s)
		}
		if !strings.Contains(s, `role="img"`) || !strings.Contains(s, "<title id=") || !strings.Contains(s, "<desc id=") {
			t.Errorf("a chart lacks its role, title or description: %.200s", s)
		}
	}
	if n := strings.Count(svgs[0], `<rect class="bar"`); n == 0 {
		t.Error("incidents per month has no bars")
	}
	if !strings.Contains(svgs[1], `class="box"`) || !strings.Contains(svgs[1], `class="median"`) {
		t.Error("time to resolve per quarter draws no box plots")
	}
}

func TestGoldenIncidentPage(t *testing.T) {
	dir := buildTo(t, fixture())
	got := read(t, filepath.Join(dir, "incidents", "2025-03-04-queue-stalls.html"))
	golden := filepath.Join("testdata", "queue-stalls.html.golden")
	if update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (UPDATE_GOLDEN=1 creates it)", err)
	}
	if got != string(want) {
		t.Errorf("the incident page differs from %s (UPDATE_GOLDEN=1 rewrites it; review the diff)", golden)
	}
}

func TestOutputFolderSafety(t *testing.T) {
	root := t.TempDir()
	// a folder with someone's files is refused, kept intact with --force
	other := filepath.Join(root, "docs")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenDir(other, false); !errors.Is(err, ErrNotSite) {
		t.Fatalf("a folder with other files: %v, want ErrNotSite", err)
	}
	d, err := OpenDir(other, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"../escape.html", "/abs.html", `a\b.html`, "c:x.html", ""} {
		if err := d.WriteFile(name, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) wrote outside the site", name)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "escape.html")); err == nil {
		t.Error("a file landed outside the site")
	}
	// a symbolic link in the site is replaced, not written through
	target := filepath.Join(root, "target.txt")
	if err := os.WriteFile(target, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(other, "index.html")); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("site")); err != nil {
		t.Fatal(err)
	}
	if read(t, target) != "keep" {
		t.Error("the write followed a symbolic link out of the site")
	}
	if err := d.Finish(); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(other, "notes.txt")) != "mine" {
		t.Error("--force removed a file the site did not write")
	}
	// a site folder is rebuilt: stale pages go, nothing else does
	site := filepath.Join(root, "site")
	d, _ = OpenDir(site, false)
	_ = d.WriteFile("incidents/old.html", []byte("old"))
	// a page written again in place is cut to its new length
	_ = d.WriteFile("index.html", []byte("the first version, longer than the second"))
	if err := d.Finish(); err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(site, "CNAME"), []byte("postmortems.example.com"), 0o644)
	d, err = OpenDir(site, false)
	if err != nil {
		t.Fatalf("a site folder is refused: %v", err)
	}
	_ = d.WriteFile("index.html", []byte("v2"))
	if err := d.Finish(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(site, "incidents", "old.html")); err == nil {
		t.Error("a page of the last build that this one did not write is still there")
	}
	if read(t, filepath.Join(site, "CNAME")) == "" || read(t, filepath.Join(site, "index.html")) != "v2" {
		t.Error("rebuilding touched a file the site does not own, or did not replace its own")
	}
}

func TestSlugs(t *testing.T) {
	for in, want := range map[string]string{
		"pm/2024-12-04 Checkout.YAML": "2024-12-04-checkout", "../../etc/passwd": "passwd",
		"pm/..yaml": "postmortem", "pm/Café – déjà vu.md": "caf-d-j-vu",
	} {
		if got := slugOf(in); got != want {
			t.Errorf("slugOf(%q) = %q, want %q", in, got, want)
		}
	}
	incs := []Incident{hostile(), hostile()}
	incs[1].File = "other/2025-03-04-queue-stalls.md"
	s := newSite(incs, Options{Vocabulary: nil, Today: today}.withDefaults())
	if s.rows[0].Href == s.rows[1].Href {
		t.Errorf("two reports share the page %s", s.rows[0].Href)
	}
}
