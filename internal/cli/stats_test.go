package cli

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/stats"
)

// A run over a folder ends 0 when something loaded (parse failures are
// listed in the report), 2 when nothing did, 3 when a file could not be read.
func TestPostmortemSetExit(t *testing.T) {
	one := []stats.Incident{{File: "a.yaml"}}
	parse := loadFailure{File: "b.yaml", Err: "b.yaml:1:1: unknown key"}
	read := loadFailure{File: "c.yaml", Err: "c.yaml: permission denied", io: true}
	for _, tc := range []struct {
		name string
		set  postmortemSet
		want int
	}{
		{"ok", postmortemSet{Incidents: one}, ExitOK},
		{"parse failure listed", postmortemSet{Incidents: one, Failed: []loadFailure{parse}}, ExitOK},
		{"nothing loaded", postmortemSet{Failed: []loadFailure{parse}}, ExitUsage},
		{"only a README", postmortemSet{Skipped: []stats.Skipped{{File: "README.md"}}}, ExitUsage},
		{"unreadable file", postmortemSet{Incidents: one, Failed: []loadFailure{parse, read}}, ExitInternal},
	} {
		err := tc.set.exit()
		got := ExitOK
		if err != nil {
			got = codeOf(err)
		}
		if got != tc.want {
			t.Errorf("%s: exit %d, want %d (%v)", tc.name, got, tc.want, err)
		}
	}
}

func TestFailureText(t *testing.T) {
	if got := failureText("x.yaml", &fs.PathError{Op: "open", Path: "x.yaml", Err: fs.ErrPermission}); got != "x.yaml: permission denied" {
		t.Errorf("path error: %q", got)
	}
	if got := failureText("x.yaml", errors.New("x.yaml:3:1: unknown key")); got != "x.yaml:3:1: unknown key" {
		t.Errorf("positioned error: %q", got)
	}
	if got := failureText("x.yaml", errors.New("boom")); got != "x.yaml: boom" {
		t.Errorf("bare error: %q", got)
	}
}
