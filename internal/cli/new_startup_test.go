package cli

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// postmortemBinary builds the real binary once, so start-up is measured
// as a user sees it: process start, package initialisation, first prompt.
func postmortemBinary(b *testing.B) string {
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "postmortem-bench")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "postmortem")
		out, err := exec.Command("go", "build", "-o", binPath, "../../cmd/postmortem").CombinedOutput()
		if err != nil {
			binErr = err
			b.Logf("%s", out)
		}
	})
	if binErr != nil {
		b.Skipf("cannot build the binary: %v", binErr)
	}
	return binPath
}

// waitOutput reads r until it holds want, answering a terminal's status
// queries when answer is set (as a terminal emulator would), and returns
// how long that took.
func waitOutput(b *testing.B, r io.Reader, answer io.Writer, want string, start time.Time) time.Duration {
	var seen bytes.Buffer
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		seen.Write(buf[:n])
		if answer != nil {
			chunk := string(buf[:n])
			if strings.Contains(chunk, "\x1b]11;?") {
				io.WriteString(answer, "\x1b]11;rgb:0000/0000/0000\x1b\\")
			}
			if strings.Contains(chunk, "\x1b[6n") {
				io.WriteString(answer, "\x1b[1;1R")
			}
		}
		if strings.Contains(ansi.ReplaceAllString(seen.String(), ""), want) {
			return time.Since(start)
		}
		if err != nil {
			b.Fatalf("no %q before %v; got %q", want, err, seen.String())
		}
	}
}

// BenchmarkNewFirstPrompt measures the time from starting `postmortem new`
// to its first question: with answers piped (accessible mode, the case
// that must never wait for a terminal), and on a pseudo-terminal that
// answers colour queries like a terminal emulator (full-screen form).
// Quoted in docs/interview.md.
func BenchmarkNewFirstPrompt(b *testing.B) {
	bin := postmortemBinary(b)
	b.Run("piped", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			dir := b.TempDir()
			cmd := exec.Command(bin, "new")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=")
			stdin, _ := cmd.StdinPipe()
			stderr, _ := cmd.StderrPipe()
			start := time.Now()
			if err := cmd.Start(); err != nil {
				b.Fatal(err)
			}
			d := waitOutput(b, stderr, nil, "Title", start)
			b.ReportMetric(float64(d.Microseconds())/1000, "ms-to-prompt")
			stdin.Close()
			_ = cmd.Wait()
		}
	})
	b.Run("pty", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			dir := b.TempDir()
			cmd := exec.Command(bin, "new")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=")
			start := time.Now()
			ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
			if err != nil {
				b.Skipf("no pty: %v", err)
			}
			d := waitOutput(b, ptmx, ptmx, "Title", start)
			b.ReportMetric(float64(d.Microseconds())/1000, "ms-to-prompt")
			ptmx.Write([]byte{3}) // ctrl+c: the draft is saved, exit 130
			done := make(chan struct{})
			go func() { _ = cmd.Wait(); close(done) }()
			go io.Copy(io.Discard, ptmx)
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				_ = cmd.Process.Kill()
			}
			ptmx.Close()
		}
	})
}
