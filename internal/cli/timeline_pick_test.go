package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/postmortem-cli/postmortem/internal/evidence"
)

// The checklist ticks the default selection (or everything with --all).
func TestPickFormTicksTheDefaults(t *testing.T) {
	es := []evidence.Entry{{Event: "a", Default: true}, {Event: "b"}, {Event: "c", Default: true}}
	_, chosen := pickForm(es, false)
	if got := *chosen; len(got) != 2 || got[0] != 0 || got[1] != 2 {
		t.Fatalf("ticked %v, want [0 2]", got)
	}
	_, chosen = pickForm(es, true)
	if len(*chosen) != 3 {
		t.Fatalf("--all ticked %v", *chosen)
	}
	if l := pickLabel(evidence.Entry{Time: time.Date(2024, 11, 3, 4, 2, 11, 0, time.UTC), Where: "#inc-checkout", Event: strings.Repeat("x", 120)}); !strings.HasPrefix(l, "11-03 04:02:11  #inc-checkout   xxx") || !strings.HasSuffix(l, "…") {
		t.Fatalf("label %q", l)
	}
}

// --pick on a real terminal: untick the first entry, keep the rest.
func TestTimelinePickPTY(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a terminal")
	}
	ptmx, tty, screen := openPTY(t, 40, 160)
	var out bytes.Buffer
	env := &Env{
		In: tty, Out: &out, Err: tty, InIsTerminal: true, ErrIsTerminal: true,
		Now:    func() time.Time { return time.Date(2024, 12, 5, 0, 0, 0, 0, time.UTC) },
		Getenv: func(k string) string { return map[string]string{"TERM": "xterm-256color", "NO_COLOR": "1"}[k] },
	}
	pd := filepath.Join("..", "..", "testdata", "timeline", "pagerduty-PINC42.json")
	code := make(chan int, 1)
	go func() { code <- Main([]string{"timeline", "--pagerduty", pd, "--pick", "--format", "json"}, env) }()

	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(ansi.ReplaceAllString(screen.String(), ""), "Timeline entries (UTC)") {
		if time.Now().After(deadline) {
			t.Fatalf("no checklist; screen:\n%s", ansi.ReplaceAllString(screen.String(), ""))
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	for _, k := range []string{" ", "\r"} { // untick the trigger, accept
		if _, err := ptmx.Write([]byte(k)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	select {
	case c := <-code:
		if c != ExitOK {
			t.Fatalf("exit %d; screen:\n%s", c, ansi.ReplaceAllString(screen.String(), ""))
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("pick did not finish; screen:\n%s", ansi.ReplaceAllString(screen.String(), ""))
	}
	got := out.String()
	if strings.Contains(got, "R01TRIGGER") || !strings.Contains(got, "R03ACK") || !strings.Contains(got, "R05RESOLVE") || strings.Contains(got, "R02NOTIFY") {
		t.Fatalf("picked:\n%s", got)
	}
}
