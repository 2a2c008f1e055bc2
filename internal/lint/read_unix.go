//go:build linux || darwin

package lint

import (
	"io"
	"io/fs"
	"syscall"
)

// rawFile reads a file through its descriptor alone. os.Open offers
// every file to the runtime's poller, which refuses regular files: on
// Linux that is an epoll_ctl and four fcntl calls per file, more system
// calls than opening, reading and closing it. A postmortem is a regular
// file read once from start to end, so it needs none of that. Errors are
// *fs.PathError, worded as the os package words them.
type rawFile struct {
	fd   int
	path string
}

func open(path string) (openFile, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return rawFile{fd, path}, nil
	}
}

func (r rawFile) size() (int64, error) {
	var st syscall.Stat_t
	for {
		err := syscall.Fstat(r.fd, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, &fs.PathError{Op: "stat", Path: r.path, Err: err}
		}
		return st.Size, nil
	}
}

func (r rawFile) read(p []byte) (int, error) {
	for {
		n, err := syscall.Read(r.fd, p)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, &fs.PathError{Op: "read", Path: r.path, Err: err}
		}
		if n == 0 && len(p) > 0 {
			return 0, io.EOF
		}
		return n, nil
	}
}

func (r rawFile) close() error { return syscall.Close(r.fd) }
