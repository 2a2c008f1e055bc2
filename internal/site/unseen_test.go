package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/discover"
	"github.com/postmortem-cli/postmortem/internal/document"
)

// TestSiteOfReportsNeverSeen builds the site of the real postmortems in
// ../shared (many organisations and templates, written by people who
// never heard of this tool; skipped when absent): every report that
// loads gets its page, and no page, whatever the report wrote (images,
// HTML, links), loads anything from outside the site.
func TestSiteOfReportsNeverSeen(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared")
	var roots []string
	for _, d := range []string{"real-world", "corpus"} {
		if fi, err := os.Stat(filepath.Join(shared, d)); err == nil && fi.IsDir() {
			roots = append(roots, filepath.Join(shared, d))
		}
	}
	if len(roots) == 0 {
		t.Skip("../shared is not here")
	}
	files, err := discover.Files(roots, discover.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var incs []Incident
	for _, f := range files {
		if !discover.IsMarkdown(f) {
			continue // labels.json and the like
		}
		l := discover.Load(f)
		if l.Err != nil {
			t.Errorf("%s: %v", f, l.Err)
			continue
		}
		r, _ := document.Resolve(l.Doc)
		incs = append(incs, Incident{File: f, Doc: l.Doc, R: r})
	}
	if len(incs) < 30 {
		t.Fatalf("only %d reports read", len(incs))
	}
	dir := buildTo(t, incs)
	pages, _ := filepath.Glob(filepath.Join(dir, "incidents", "*.html"))
	if len(pages) != len(incs) {
		t.Errorf("%d pages for %d reports", len(pages), len(incs))
	}
	for _, p := range append(pages, filepath.Join(dir, "index.html"), filepath.Join(dir, "trends.html"), filepath.Join(dir, "actions.html")) {
		html := read(t, p)
		if ext := externalResources(html); len(ext) > 0 {
			t.Errorf("%s loads from outside the site: %q", filepath.Base(p), ext)
		}
		if strings.Contains(html, "<script>") || strings.Contains(html, "<iframe") {
			t.Errorf("%s carries a report's script or frame", filepath.Base(p))
		}
	}
}
