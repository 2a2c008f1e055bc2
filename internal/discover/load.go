package discover

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync/atomic"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/markdown"
)

// File is one postmortem file, loaded.
type File struct {
	Path string
	Doc  *document.Document
	// Report is the Markdown reading of the file; nil for YAML/JSON.
	Report *markdown.Report
	// Err is why the file could not be used; Doc is nil then.
	Err error
}

// NotPostmortem says why the file is some other document that sits
// among postmortems ("" when it may be one): a Markdown file the
// importer finds no postmortem in, or YAML/JSON with none of the
// document's keys. Folder-wide commands pass over such files.
func (f File) NotPostmortem() string {
	if f.Report != nil {
		return f.Report.NotPostmortem()
	}
	if errors.Is(f.Err, document.ErrNotADocument) {
		return "not a postmortem: no key a postmortem document has"
	}
	return ""
}

// ErrInternal marks a file the program itself failed on: a bug, not the
// file's fault (exit code 3).
var ErrInternal = errors.New("internal error")

// Parse turns the bytes of one file into a document: Markdown through the
// importer, anything else through the strict YAML/JSON loader. A bug that
// panics on one file fails that file with ErrInternal, so that a folder
// of reports is still read.
func Parse(name string, data []byte) (f File) {
	defer func() {
		if p := recover(); p != nil {
			f = File{Path: name, Err: InternalError(name, p)}
		}
	}()
	f = File{Path: name}
	if IsMarkdown(name) {
		f.Report, f.Err = markdown.Import(name, data)
		if f.Err == nil {
			f.Doc = f.Report.Doc
		}
		return f
	}
	f.Doc, f.Err = document.Parse(name, data)
	return f
}

// InternalError is the error for a file the program failed on with the
// panic value p.
func InternalError(name string, p any) error {
	return fmt.Errorf("%s: %w: the program failed on this file (%v); please report it with the file at https://github.com/postmortem-cli/postmortem/issues", name, ErrInternal, p)
}

// Load reads and parses one file.
func Load(name string) File {
	data, err := os.ReadFile(name)
	if err != nil {
		return File{Path: name, Err: err}
	}
	if len(data) > document.MaxSize {
		return File{Path: name, Err: document.CheckText(name, data)}
	}
	return Parse(name, data)
}

// Each runs work on every item with a bounded number of workers and hands
// the results to emit in input order, as soon as each is next in line.
// At most Window(workers) items are taken and not yet emitted, so a
// folder of any size is processed in bounded memory. workers <= 0 means
// GOMAXPROCS.
//
// Workers take the next index from a counter rather than from a feeding
// goroutine: with two cores, the hop through a feeder on every item cost
// context switches, and a window of a few items let one slow file stall
// both workers.
func Each[T any](n, workers int, work func(i int) T, emit func(i int, v T)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > n {
		workers = n
	}
	if workers <= 1 {
		for i := 0; i < n; i++ {
			emit(i, work(i))
		}
		return
	}
	type result struct {
		i int
		v T
	}
	size := Window(workers)
	// A worker holds a token from before it takes an index until its
	// result is emitted. Indices are taken in order, so the item emit
	// waits for is always taken, and its worker never blocks on results.
	tokens := make(chan struct{}, size)
	results := make(chan result, size)
	var next atomic.Int64
	for w := 0; w < workers; w++ {
		go func() {
			for {
				tokens <- struct{}{}
				i := int(next.Add(1) - 1)
				if i >= n {
					<-tokens
					return
				}
				results <- result{i, work(i)}
			}
		}()
	}
	waiting := make([]result, size)
	ready := make([]bool, size)
	for emitted := 0; emitted < n; {
		r := <-results
		waiting[r.i%size], ready[r.i%size] = r, true
		for ready[emitted%size] {
			slot := emitted % size
			v := waiting[slot].v
			waiting[slot], ready[slot] = result{}, false
			emit(emitted, v)
			<-tokens
			emitted++
			if emitted == n {
				break
			}
		}
	}
}

// Window is how many items Each lets be in work or waiting for their turn
// with this many workers.
func Window(workers int) int { return 8 * workers }
