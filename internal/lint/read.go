package lint

import (
	"fmt"
	"os"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// readFile reads a file, refusing one too large to be a postmortem
// before reading it: a stray log named .md must not fill the memory.
func readFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() > document.MaxSize {
		return nil, fmt.Errorf("%s: file is %d bytes; the limit is %d (is this a postmortem?)", path, fi.Size(), document.MaxSize)
	}
	return os.ReadFile(path)
}
