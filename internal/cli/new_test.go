package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/postmortem-cli/postmortem/internal/interview"
)

func interviewEnv(in io.Reader, errOut io.Writer) *Env {
	now := time.Date(2024, 12, 5, 0, 0, 0, 0, time.UTC)
	return &Env{
		In: in, Out: io.Discard, Err: errOut,
		Now:    func() time.Time { return now },
		Getenv: func(k string) string { return map[string]string{"TERM": "dumb", "NO_COLOR": "1"}[k] },
	}
}

// The exit codes scripts rely on: 130 when the answers run out (the
// draft is saved), 2 when --no-input lacks answers.
func TestNewExitCodes(t *testing.T) {
	t.Chdir(t.TempDir())
	var errOut lockedBuffer
	if got := Main([]string{"new"}, interviewEnv(strings.NewReader("Title only\n"), &errOut)); got != ExitAborted {
		t.Fatalf("EOF mid-way: exit %d, want %d; stderr:\n%s", got, ExitAborted, errOut.String())
	}
	_, doc, err := interview.LoadDraft(filepath.Join("postmortems", ".drafts", "new-2024-12-05T000000Z.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Title only" {
		t.Errorf("draft title = %q; the answer typed before EOF was lost", doc.Title)
	}
	if got := Main([]string{"new", "--no-input"}, interviewEnv(strings.NewReader(""), io.Discard)); got != ExitUsage {
		t.Errorf("--no-input without answers: exit %d, want %d", got, ExitUsage)
	}
	if got := Main([]string{"new", "extra"}, interviewEnv(strings.NewReader(""), io.Discard)); got != ExitUsage {
		t.Errorf("stray argument: exit %d, want %d", got, ExitUsage)
	}
}

// A real SIGINT while a prompt waits for a line (accessible mode, where
// the terminal is not raw and Ctrl-C is a signal) saves the draft with
// what was answered and exits 130 with the line that resumes.
func TestNewInterruptSavesDraft(t *testing.T) {
	t.Chdir(t.TempDir())
	pr, pw := io.Pipe()
	defer pw.Close()
	var errOut lockedBuffer
	code := make(chan int, 1)
	go func() { code <- Main([]string{"new"}, interviewEnv(pr, &errOut)) }()
	if _, err := io.WriteString(pw, "Checkout outage\n2\nAna, Ben\n"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(errOut.String(), "Date (UTC)") {
		if time.Now().After(deadline) {
			t.Fatalf("no date prompt; stderr:\n%s", errOut.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Skipf("cannot signal ourselves: %v", err)
	}
	select {
	case got := <-code:
		if got != ExitAborted {
			t.Fatalf("exit %d, want %d; stderr:\n%s", got, ExitAborted, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the interview did not stop on SIGINT")
	}
	if !strings.Contains(errOut.String(), "resume with: postmortem new --resume postmortems/.drafts/new-2024-12-05T000000Z.yaml") {
		t.Errorf("no resume line; stderr:\n%s", errOut.String())
	}
	d, doc, err := interview.LoadDraft(filepath.Join("postmortems", ".drafts", "new-2024-12-05T000000Z.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Checkout outage" || doc.Severity != "SEV-1" || strings.Join(doc.Authors, "|") != "Ana|Ben" || d.Next != "basics" {
		t.Errorf("draft = title %q severity %q authors %q next %q; want the three answers and next basics", doc.Title, doc.Severity, doc.Authors, d.Next)
	}
}
