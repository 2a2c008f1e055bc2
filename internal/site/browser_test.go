package site

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The browser tests open the built site in real headless Chromium
// (Debian's chromium; .ci/run.d/site.sh installs it), driven by its own
// --dump-dom and --screenshot: the DOM after the page's script ran, and
// what it looks like. A dozen browser starts take half a minute, so they
// run when POSTMORTEM_BROWSER_TESTS is set (.ci/run.d/site.sh sets it)
// and skip otherwise; they skip when no Chromium is found, unless
// POSTMORTEM_REQUIRE_CHROMIUM is set (site.sh sets that too).

// chromiumFlags keep a headless Chromium from touching anything but the
// page: no sandbox (tests may run as root), no GPU, no first-run, sync,
// component updates or background requests, a resolver that resolves
// nothing, and a fresh profile each run.
var chromiumFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
	"--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
	"--no-default-browser-check", "--disable-domain-reliability", "--no-pings", "--hide-scrollbars",
	"--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,MediaRouter",
	"--host-resolver-rules=MAP * ~NOTFOUND",
}

func chromium(t *testing.T) string {
	t.Helper()
	if os.Getenv("POSTMORTEM_BROWSER_TESTS") == "" {
		t.Skip("browser tests run with POSTMORTEM_BROWSER_TESTS=1 (.ci/run.d/site.sh)")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("POSTMORTEM_REQUIRE_CHROMIUM") != "" {
		t.Fatal("no chromium on PATH, and POSTMORTEM_REQUIRE_CHROMIUM is set (apt-get install chromium)")
	}
	t.Skip("no chromium on PATH (apt-get install chromium); browser tests skipped")
	return ""
}

// browse runs Chromium on a URL with extra flags and returns its
// standard output; netlog, when not empty, receives Chromium's record of
// every network request.
func browse(t *testing.T, url string, netlog string, extra ...string) []byte {
	t.Helper()
	bin := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := append(append([]string{}, chromiumFlags...), "--user-data-dir="+t.TempDir())
	if netlog != "" {
		args = append(args, "--log-net-log="+netlog)
	}
	args = append(append(args, extra...), url)
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", url, err, stderr.String())
	}
	return stdout.Bytes()
}

func fileURL(path string) string {
	abs, _ := filepath.Abs(path)
	return "file://" + filepath.ToSlash(abs)
}

// pageRequests lists the network requests a page started, from
// Chromium's net log: those with an origin as initiator. The browser's
// own background requests ("not an origin") are not the page's.
func pageRequests(t *testing.T, netlog string) []string {
	t.Helper()
	data, err := os.ReadFile(netlog)
	if err != nil {
		t.Fatalf("no net log: %v", err)
	}
	var log struct {
		Events []struct {
			Params map[string]any `json:"params"`
		} `json:"events"`
	}
	// Chromium may end the log without closing it when it exits.
	if err := json.Unmarshal(data, &log); err != nil {
		fixed := strings.TrimRight(strings.TrimSpace(string(data)), ",") + "]}"
		if err := json.Unmarshal([]byte(fixed), &log); err != nil {
			t.Fatalf("net log: %v", err)
		}
	}
	var out []string
	for _, e := range log.Events {
		u, _ := e.Params["url"].(string)
		init, hasInit := e.Params["initiator"].(string)
		if u != "" && hasInit && init != "not an origin" {
			out = append(out, u+" (from "+init+")")
		}
	}
	return out
}

var visibleRow = regexp.MustCompile(`<tr data-search="[^"]*"[^>]*?( hidden="")?>`)

// rowsShown counts the index's rows, and those the script left visible.
func rowsShown(dom string) (all, shown int) {
	for _, m := range visibleRow.FindAllStringSubmatch(dom, -1) {
		all++
		if m[1] == "" {
			shown++
		}
	}
	return all, shown
}

func TestBrowserIndexSearchAndFilters(t *testing.T) {
	chromium(t)
	t.Parallel()
	incs := fixture()
	dir := buildTo(t, incs)
	index := filepath.Join(dir, "index.html")
	netlog := filepath.Join(t.TempDir(), "net.json")
	dom := string(browse(t, fileURL(index), netlog, "--dump-dom"))
	if all, shown := rowsShown(dom); all != len(incs) || shown != len(incs) {
		t.Errorf("the index shows %d of %d rows, want all %d", shown, all, len(incs))
	}
	if !strings.Contains(dom, fmt.Sprintf("Showing all %d incidents.", len(incs))) {
		t.Error("the script did not run: no count of the incidents shown")
	}
	if strings.Contains(dom, `id="filters" class="filters" role="search" aria-label="Search and filter incidents" hidden`) {
		t.Error("the script did not show the filters")
	}
	if reqs := pageRequests(t, netlog); len(reqs) > 0 {
		t.Errorf("the index requested %q", reqs)
	}

	// Search, then a filter with it: the rows left are the ones whose
	// text has the words and whose service is the one chosen.
	s := newSite(incs, Options{Today: today}.withDefaults())
	want := func(words []string, service string) int {
		n := 0
		for _, r := range s.rows {
			ok := service == "" || strings.Contains(r.ServiceKeys, "|"+service+"|")
			for _, w := range words {
				ok = ok && strings.Contains(r.Search, w)
			}
			if ok {
				n++
			}
		}
		return n
	}
	for _, c := range []struct {
		hash    string
		words   []string
		service string
	}{
		{"#q=card%20Checkout", []string{"card", "checkout"}, ""},
		{"#q=card&service=payments", []string{"card"}, "payments"},
	} {
		dom := string(browse(t, fileURL(index)+c.hash, "", "--dump-dom"))
		n := want(c.words, c.service)
		if n == 0 || n == len(incs) {
			t.Fatalf("%s: the fixture must keep some rows and drop others (%d of %d)", c.hash, n, len(incs))
		}
		if _, shown := rowsShown(dom); shown != n {
			t.Errorf("%s: %d rows shown, want %d", c.hash, shown, n)
		}
		if !strings.Contains(dom, fmt.Sprintf("Showing %d of %d incidents.", n, len(incs))) {
			t.Errorf("%s: the count does not say %d of %d", c.hash, n, len(incs))
		}
	}
}

func TestBrowserIncidentPage(t *testing.T) {
	chromium(t)
	t.Parallel()
	dir := buildTo(t, fixture())
	netlog := filepath.Join(t.TempDir(), "net.json")
	dom := string(browse(t, fileURL(filepath.Join(dir, "incidents", "2025-03-04-queue-stalls.html")), netlog, "--dump-dom"))
	for _, want := range []string{
		`<caption>All times are UTC.</caption>`,
		`<time datetime="2025-03-04T10:00:00Z">2025-03-04 10:00</time>`,
		`<time datetime="2025-03-04T11:30:00Z">2025-03-04 11:30</time>`,
		`<th scope="row">Time to detect</th><td>7 minutes</td>`,
		`<h2 id="related-h">Related incidents</h2>`,
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("the page's DOM lacks %s", want)
		}
	}
	if ext := externalResources(dom); len(ext) > 0 {
		t.Errorf("the page's DOM loads from outside: %q", ext)
	}
	if reqs := pageRequests(t, netlog); len(reqs) > 0 {
		t.Errorf("the page requested %q", reqs)
	}
}

// TestBrowserChartRenders takes a screenshot of the trends page and
// finds the bars of its first chart in it: the SVG is drawn, in the
// stylesheet's colour (so the stylesheet loaded under the page's
// Content-Security-Policy, from file://).
func TestBrowserChartRenders(t *testing.T) {
	chromium(t)
	t.Parallel()
	dir := buildTo(t, fixture())
	shot := filepath.Join(t.TempDir(), "trends.png")
	netlog := filepath.Join(t.TempDir(), "net.json")
	browse(t, fileURL(filepath.Join(dir, "trends.html")), netlog, "--screenshot="+shot, "--window-size=1200,900")
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if n := countColour(img, 0x2f, 0x6f, 0xbf); n < 2000 {
		t.Errorf("%d pixels of the bars' colour in the screenshot; the chart did not render", n)
	}
	if reqs := pageRequests(t, netlog); len(reqs) > 0 {
		t.Errorf("the trends page requested %q", reqs)
	}
}

func countColour(img image.Image, r, g, b uint8) int {
	n := 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if near(cr>>8, r) && near(cg>>8, g) && near(cb>>8, b) {
				n++
			}
		}
	}
	return n
}

func near(a uint32, b uint8) bool { return a+6 >= uint32(b) && a <= uint32(b)+6 }

// TestBrowserDetectsOutsideRequests is the check's own check: a page
// without the policy that loads an image from elsewhere is caught by the
// net log, and the same page with the site's policy requests nothing.
func TestBrowserDetectsOutsideRequests(t *testing.T) {
	chromium(t)
	t.Parallel()
	dir := t.TempDir()
	leaky := `<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><img alt="" src="http://cdn.example.com/x.png"></body></html>`
	guarded := strings.Replace(leaky, "<title>", `<meta http-equiv="Content-Security-Policy" content="`+csp+`"><title>`, 1)
	for _, c := range []struct {
		name, html string
		leaks      bool
	}{{"leaky.html", leaky, true}, {"guarded.html", guarded, false}} {
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, []byte(c.html), 0o644); err != nil {
			t.Fatal(err)
		}
		netlog := filepath.Join(dir, c.name+".json")
		browse(t, fileURL(p), netlog, "--dump-dom")
		if reqs := pageRequests(t, netlog); (len(reqs) > 0) != c.leaks {
			t.Errorf("%s: requests %q; want a request: %v", c.name, reqs, c.leaks)
		}
	}
}
