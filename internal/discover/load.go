package discover

import (
	"os"
	"runtime"
	"sync"

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
// At most 2*workers results wait in memory, so a folder of any size is
// processed in bounded memory. workers <= 0 means GOMAXPROCS.
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
	jobs := make(chan int)
	results := make(chan result, workers)
	window := make(chan struct{}, 2*workers) // bounds results held out of order
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results <- result{i, work(i)}
			}
		}()
	}
	go func() {
		for i := 0; i < n; i++ {
			window <- struct{}{}
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	pending := map[int]T{}
	next := 0
	for r := range results {
		pending[r.i] = r.v
		for {
			v, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			emit(next, v)
			<-window
			next++
		}
	}
}
