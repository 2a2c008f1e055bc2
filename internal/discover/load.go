package discover

import (
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

// Parse turns the bytes of one file into a document: Markdown through the
// importer, anything else through the strict YAML/JSON loader.
func Parse(name string, data []byte) File {
	f := File{Path: name}
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
