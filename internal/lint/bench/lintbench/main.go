// Command lintbench supports scripts/bench-lint.sh: it writes synthetic
// reports, and it times a bare goldmark parse of a folder of Markdown
// files (read and parse, the same worker count as postmortem lint) as the
// baseline the linter is compared with.
//
//	lintbench gen DIR N     write N reports to DIR
//	lintbench parse DIR     parse every .md file under DIR with goldmark
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"

	"github.com/postmortem-cli/postmortem/internal/lint/bench"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: lintbench gen DIR N | lintbench parse DIR")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "gen":
		n, err := strconv.Atoi(os.Args[3])
		if err != nil {
			fmt.Fprintln(os.Stderr, "N:", err)
			os.Exit(2)
		}
		if err := gen(os.Args[2], n); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	case "parse":
		n, err := parse(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("parsed %d files\n", n)
	default:
		fmt.Fprintln(os.Stderr, "unknown subcommand", os.Args[1])
		os.Exit(2)
	}
}

// gen spreads reports over folders of 500, as a repository would.
func gen(dir string, n int) error {
	for i := 0; i < n; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("team-%02d", i/500))
		if i%500 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("incident-%05d.md", i)), bench.Report(i), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func parse(dir string) (int, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	jobs := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			md := goldmark.New()
			for p := range jobs {
				src, err := os.ReadFile(p)
				if err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
					continue
				}
				md.Parser().Parse(text.NewReader(src))
			}
		}()
	}
	for _, p := range files {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	return len(files), firstErr
}
