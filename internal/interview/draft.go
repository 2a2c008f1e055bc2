package interview

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/safefile"
)

// A draft is an ordinary postmortem document (render and validate read
// it) with two comment lines on top that say where the interview stopped
// and where the report is to be saved.
const (
	draftNext   = "# postmortem-draft next: "
	draftOutput = "# postmortem-draft output: "
	draftEdits  = "# postmortem-draft edits: "
)

// DraftDir is where drafts live, inside the reports' directory: next to
// the work, easy to find, and hidden from `ls`.
const DraftDir = ".drafts"

// Draft is a saved, unfinished interview.
type Draft struct {
	Path   string
	Next   string // the section to resume at, or Review
	Output string // the -o given to `new`, if any
	// Edits is the file `edit` opened; saving may replace it.
	Edits string
}

// Save writes the draft atomically (a crash leaves the previous draft).
func (d *Draft) Save(doc *document.Document) error {
	data, err := document.Marshal(doc)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s%s\n", draftNext, d.Next)
	if d.Output != "" {
		fmt.Fprintf(&b, "%s%s\n", draftOutput, d.Output)
	}
	if d.Edits != "" {
		fmt.Fprintf(&b, "%s%s\n", draftEdits, d.Edits)
	}
	fmt.Fprintf(&b, "# Resume with: postmortem new --resume %s\n", d.Path)
	b.Write(data)
	return safefile.Write(d.Path, b.Bytes(), true)
}

// LoadDraft reads a draft back.
func LoadDraft(path string) (*Draft, *document.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("%s: no such draft", path)
		}
		return nil, nil, err
	}
	d := &Draft{Path: path, Next: Sections[0]}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "#") {
			break
		}
		if v, ok := strings.CutPrefix(line, draftNext); ok {
			d.Next = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, draftOutput); ok {
			d.Output = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, draftEdits); ok {
			d.Edits = strings.TrimSpace(v)
		}
	}
	if d.Next != Review && indexOf(Sections, d.Next) < 0 {
		return nil, nil, fmt.Errorf("%s:1:1: unknown section %q to resume at (expected one of %s, or %s)", path, d.Next, strings.Join(Sections, ", "), Review)
	}
	doc, err := document.Parse(path, data)
	if err != nil {
		return nil, nil, err
	}
	return d, doc, nil
}

// NewDraftPath names a new draft after the moment the interview began,
// with a counter when that name is taken.
func NewDraftPath(dir, prefix string, now time.Time) string {
	base := filepath.Join(dir, DraftDir, prefix+now.UTC().Format("2006-01-02T150405Z"))
	path := base + ".yaml"
	for i := 2; ; i++ {
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			return path
		}
		path = fmt.Sprintf("%s-%d.yaml", base, i)
	}
}

// LatestDraft is the most recently saved draft in dir's draft directory.
func LatestDraft(dir string) (string, error) {
	draftDir := filepath.Join(dir, DraftDir)
	entries, err := os.ReadDir(draftDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	var best string
	var bestTime time.Time
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		if best == "" || info.ModTime().After(bestTime) || (info.ModTime().Equal(bestTime) && e.Name() > filepath.Base(best)) {
			best, bestTime = filepath.Join(draftDir, e.Name()), info.ModTime()
		}
	}
	if best == "" {
		return "", fmt.Errorf("no draft in %s to resume", draftDir)
	}
	return best, nil
}
