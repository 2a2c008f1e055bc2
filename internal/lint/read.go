package lint

import (
	"fmt"
	"io"
	"os"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// readFile reads a file, refusing one too large to be a postmortem
// before reading it: a stray log named .md must not fill the memory.
// It sizes the buffer from the open file's own stat (one path lookup per
// file, not the two a stat before os.ReadFile costs), and still stops at
// the limit if the file grows while it reads.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	tooLarge := func(size int64) error {
		return fmt.Errorf("%s: file is %d bytes; the limit is %d (is this a postmortem?)", path, size, document.MaxSize)
	}
	if fi.Size() > document.MaxSize {
		return nil, tooLarge(fi.Size())
	}
	// One byte more than the size, so that a file which has not changed
	// is read to its end without growing the buffer.
	data := make([]byte, 0, fi.Size()+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if len(data) > document.MaxSize {
			return nil, tooLarge(int64(len(data)))
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
