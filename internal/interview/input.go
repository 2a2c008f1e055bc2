package interview

import (
	"context"
	"errors"
	"io"
	"sync"
)

// ErrInterrupted is returned by Input.Read once the interview's context is
// cancelled (Ctrl-C in accessible mode, where the terminal is not raw).
var ErrInterrupted = errors.New("interrupted")

// Input is the interview's answer stream. It hands out at most one byte
// per Read because huh's accessible prompts each build a fresh
// bufio.Scanner over the reader: a scanner that could read ahead would
// swallow the answers meant for the next questions and they would
// silently keep their defaults. Reads run on a goroutine so that an
// interrupt is noticed even while a prompt waits for a line; it also
// remembers whether the stream ended, which huh does not report.
type Input struct {
	ctx context.Context
	src io.Reader

	mu          sync.Mutex
	pending     chan readResult // a read in flight, abandoned by an interrupt
	eof         bool
	interrupted bool
}

type readResult struct {
	b   byte
	n   int
	err error
}

// NewInput wraps r. Cancelling ctx makes every pending and later Read
// return ErrInterrupted.
func NewInput(ctx context.Context, r io.Reader) *Input {
	return &Input{ctx: ctx, src: r}
}

// Read returns at most one byte. Only one read of the source is ever in
// flight, and only while someone waits for it, so an editor started
// between questions gets the terminal's keys to itself.
func (in *Input) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	in.mu.Lock()
	if in.eof {
		in.mu.Unlock()
		return 0, io.EOF
	}
	ch := in.pending
	if ch == nil {
		ch = make(chan readResult, 1)
		in.pending = ch
		go func() {
			buf := make([]byte, 1)
			n, err := in.src.Read(buf)
			ch <- readResult{b: buf[0], n: n, err: err}
		}()
	}
	in.mu.Unlock()
	select {
	case <-in.ctx.Done():
		in.mu.Lock()
		in.interrupted = true
		in.mu.Unlock()
		return 0, ErrInterrupted
	case r := <-ch:
		in.mu.Lock()
		in.pending = nil
		if r.n == 0 && r.err != nil {
			in.eof = true
		}
		in.mu.Unlock()
		if r.n == 1 {
			p[0] = r.b
			return 1, nil
		}
		if r.err == nil {
			return 0, nil
		}
		if errors.Is(r.err, io.EOF) {
			return 0, io.EOF
		}
		return 0, r.err
	}
}

// Ended reports whether the stream ended or was interrupted; after that,
// huh's accessible prompts silently return their defaults, so answers
// read since the last check cannot be trusted.
func (in *Input) Ended() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.eof || in.interrupted || in.ctx.Err() != nil
}

// Interrupted reports whether the end was an interrupt rather than EOF.
func (in *Input) Interrupted() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.interrupted || in.ctx.Err() != nil
}

// ReadLine reads one line without its newline, for the multi-line blocks
// the accessible mode offers; ok is false when the stream ended first.
func (in *Input) ReadLine() (string, bool) {
	var line []byte
	b := make([]byte, 1)
	for {
		n, err := in.Read(b)
		if n == 1 {
			if b[0] == '\n' {
				return string(trimCR(line)), true
			}
			line = append(line, b[0])
		}
		if err != nil {
			return string(trimCR(line)), len(line) > 0 && !in.Interrupted()
		}
	}
}

func trimCR(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] == '\r' {
		return b[:len(b)-1]
	}
	return b
}
