package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/postmortem-cli/postmortem/internal/discover"
	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/safefile"
)

// readInput reads a file, or standard input for "-". The returned name is
// what error messages call it.
func readInput(env *Env, path string) (string, []byte, error) {
	if path == "-" {
		data, err := io.ReadAll(io.LimitReader(env.In, document.MaxSize+1))
		if err != nil {
			return "<stdin>", nil, withCode(ExitInternal, fmt.Errorf("<stdin>: %w", err))
		}
		return "<stdin>", data, nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return path, nil, usageErrorf("%s: no such file", path)
		}
		return path, nil, withCode(ExitInternal, err)
	}
	if fi.IsDir() {
		return path, nil, usageErrorf("%s: is a directory; expected a postmortem file", path)
	}
	if fi.Size() > document.MaxSize {
		return path, nil, usageErrorf("%s: file is %d bytes; the limit is %d (is this a postmortem?)", path, fi.Size(), document.MaxSize)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return path, nil, withCode(ExitInternal, err)
	}
	return path, data, nil
}

// loadDocument reads a postmortem: Markdown through the importer, YAML
// or JSON through the strict loader (discover.Parse decides, as it does
// for folders). Any error is a usage error (exit 2): the input cannot be
// used at all.
func loadDocument(env *Env, path string) (*document.Document, error) {
	name, data, err := readInput(env, path)
	if err != nil {
		return nil, err
	}
	f := discover.Parse(name, data)
	if f.Err != nil {
		return nil, withCode(ExitUsage, f.Err)
	}
	return f.Doc, nil
}

// printProblems prints document problems as file:line:col: message, one
// per line, and reports whether there were any.
func printProblems(env *Env, doc *document.Document, probs []document.Problem) bool {
	name := "<input>"
	if doc.Source != nil {
		name = doc.Source.Name
	}
	errs := make([]*document.Error, len(probs))
	for i, p := range probs {
		errs[i] = &document.Error{File: name, Position: doc.Source.Pos(p.Path), Message: p.Message}
	}
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i].Position, errs[j].Position
		return a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column)
	})
	for _, e := range errs {
		fmt.Fprintln(env.Err, e)
	}
	return len(probs) > 0
}

// writeOutput writes the product to -o FILE (safely, never replacing an
// existing file without --force) or to standard output.
func writeOutput(env *Env, path string, data []byte, force bool) error {
	if path == "" || path == "-" {
		_, err := env.Out.Write(data)
		return err
	}
	if err := safefile.Write(path, data, force); err != nil {
		if errors.Is(err, safefile.ErrExists) {
			return usageErrorf("%v", err)
		}
		return withCode(ExitInternal, err)
	}
	return nil
}
