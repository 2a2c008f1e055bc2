package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// lockedBuffer collects what the program draws on the terminal.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// openPTY opens a pseudo-terminal of rows x cols and collects what is
// drawn on it; the test is skipped where none can be opened.
func openPTY(t *testing.T, rows, cols uint16) (ptmx, tty *os.File, screen *lockedBuffer) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	_ = pty.Setsize(ptmx, &pty.Winsize{Rows: rows, Cols: cols})
	screen = &lockedBuffer{}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			screen.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	return ptmx, tty, screen
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[=>]`)

// TestNewFullScreenPTY drives the full-screen interview to its end with
// raw key bytes through a pseudo-terminal: every group's form, the
// timeline and the review, then checks the saved report. Each step waits
// for its question to be drawn, and every wait has a timeout, so the test
// fails instead of hanging; it skips where no pty can be opened.
func TestNewFullScreenPTY(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a terminal for a few seconds")
	}
	ptmx, tty, screen := openPTY(t, 60, 140)

	dir := t.TempDir()
	var out bytes.Buffer
	now := time.Date(2024, 12, 5, 0, 0, 0, 0, time.UTC)
	env := &Env{
		In: tty, Out: &out, Err: tty,
		InIsTerminal: true, ErrIsTerminal: true,
		Now: func() time.Time { return now },
		Getenv: func(k string) string {
			return map[string]string{"TERM": "xterm-256color", "NO_COLOR": "1"}[k]
		},
	}
	code := make(chan int, 1)
	go func() { code <- Main([]string{"new", "-o", filepath.Join(dir, "smoke.md")}, env) }()

	seen := 0
	waitFor := func(text string) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for time.Now().Before(deadline) {
			plain := ansi.ReplaceAllString(screen.String(), "")
			if i := strings.Index(plain[min(seen, len(plain)):], text); i >= 0 {
				seen += i + len(text)
				return
			}
			select {
			case c := <-code:
				t.Fatalf("new exited with %d while waiting for %q; screen:\n%s", c, text, plain)
			case <-time.After(20 * time.Millisecond):
			}
		}
		t.Fatalf("timed out waiting for %q; screen:\n%s", text, ansi.ReplaceAllString(screen.String(), ""))
	}
	send := func(keys string) {
		t.Helper()
		time.Sleep(100 * time.Millisecond) // let the form take the terminal
		for _, k := range splitKeys(keys) {
			if _, err := ptmx.Write([]byte(k)); err != nil {
				t.Fatal(err)
			}
			// huh moves focus through a command that runs after the
			// key: a key sent at once after Enter may reach the field
			// being left. People are slower than this; so is the test,
			// with room for a CI machine busy compiling other packages.
			if k == "\r" {
				time.Sleep(200 * time.Millisecond)
			} else {
				time.Sleep(5 * time.Millisecond)
			}
		}
	}

	steps := []struct{ want, keys string }{
		{"Title, severity and authors", "Smoke test\r\r\r\r"},
		{"What happened, in a few sentences", "The checkout broke.\r"},
		{"How did the team find out", "An alert fired.\r"},
		{"Impact start", "\r\r\r\r\rUsers could not pay.\r"},
		{"Event 1", "19:34\rCheckout fails\rstarted\r"},
		{"Add another event?", "y"},
		{"Event 2", "19:47\rCheckout works again\rresolved\r"},
		{"Add another event?", "n"},
		{"Who responded", "Ana.\r"},
		{"The underlying cause", "A bad deploy.\r"},
		{"The services users saw fail", "checkout\rbinary-push\rsoftware-bug (a nil map)\r\r\r"},
		{"What stopped the impact", "Rolled back.\r"},
		{"What would stop this", "Canary deploys.\r"},
		{"Add an action item?", "n"},
		{"Save it?", "\r"},
	}
	for _, s := range steps {
		waitFor(s.want)
		send(s.keys)
	}
	select {
	case c := <-code:
		if c != ExitOK {
			t.Fatalf("exit %d; screen:\n%s", c, ansi.ReplaceAllString(screen.String(), ""))
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("new did not finish; screen:\n%s", ansi.ReplaceAllString(screen.String(), ""))
	}
	md, err := os.ReadFile(filepath.Join(dir, "smoke.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Smoke test", "For 13 minutes", "Checkout works again", "Canary deploys.", "**Services:** checkout", "**Contributing factors:** software-bug (a nil map)"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	if got := out.String(); !strings.Contains(got, "smoke.yaml") {
		t.Errorf("stdout = %q, want the saved paths", got)
	}
}

// splitKeys sends text a key at a time, so each byte arrives as the
// terminal would send a keystroke.
func splitKeys(s string) []string {
	var keys []string
	for _, r := range s {
		keys = append(keys, string(r))
	}
	return keys
}
