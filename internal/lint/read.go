package lint

import (
	"fmt"
	"io"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// openFile is what readFile asks of an open file. read returns io.EOF
// at the end, as os.File does.
type openFile interface {
	size() (int64, error)
	read(p []byte) (int, error)
	close() error
}

// readFile reads a file, refusing one too large to be a postmortem
// before reading it: a stray log named .md must not fill the memory.
// It sizes the buffer from the open file's own stat (one path lookup per
// file, not the two a stat before os.ReadFile costs), and stops when it
// has the bytes the stat promised, without the read that would only say
// EOF. A file still being written is read as it was when opened; one
// whose stat says nothing (size 0, as in /proc) is read to its end.
func readFile(path string) ([]byte, error) {
	f, err := open(path)
	if err != nil {
		return nil, err
	}
	defer f.close()
	size, err := f.size()
	if err != nil {
		return nil, err
	}
	tooLarge := func(size int64) error {
		return fmt.Errorf("%s: file is %d bytes; the limit is %d (is this a postmortem?)", path, size, document.MaxSize)
	}
	if size > document.MaxSize {
		return nil, tooLarge(size)
	}
	// One byte more than the size, so that a file which grew since the
	// stat is noticed without growing the buffer first.
	data := make([]byte, 0, size+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if len(data) > document.MaxSize {
			return nil, tooLarge(int64(len(data)))
		}
		if err == io.EOF || err == nil && size > 0 && int64(len(data)) == size {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
