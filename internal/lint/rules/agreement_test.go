package rules_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// reading is a time or zone as a reader took it from a line: the clock
// (on the 24-hour clock), its seconds, and its zone as written.
type reading struct {
	hour, minute, second int
	zone                 string
}

func readingOf(t timeparse.Token) reading {
	return reading{t.Hour, t.Minute, t.Second, t.Zone}
}

// TestImporterAndLinterAgree runs the importer and the linter over every
// report in ../shared/corpus (and ../shared/real-world) and fails where they read a different time
// or zone from the same line: each timeline entry's time (the importer's
// RawTime) must be the clock the linter's lexed line holds at the
// entry's column, and the zone the importer says the report declares
// must be one the linter reads on the declaring line.
func TestImporterAndLinterAgree(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedFile(t, "corpus"), "*", "*.md"))
	for _, glob := range []string{"corpus/*.md", "real-world/*.md"} {
		more, _ := filepath.Glob(filepath.Join(shared, glob))
		files = append(files, more...)
	}
	entries, zones := 0, 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		in, err := lint.Load(filepath.Base(path), src, lint.DefaultSettings())
		if err != nil {
			t.Fatal(err)
		}
		rep := in.Report
		for _, e := range rep.Entries {
			if e.RawTime == "" {
				continue
			}
			imported := firstClock(timeparse.Lex(e.RawTime))
			if imported == nil {
				continue // a date-only entry ("01-31-2024") or an offset ("+10 minutes"): no clock to agree on
			}
			entries++
			text, col, toks := linterLine(in, e.Line)
			at := byteOffset(text, e.Col-col+1)
			// a table row's entry is where its time cell is
			table := strings.HasPrefix(strings.TrimSpace(in.Line(e.Line)), "|")
			var linted *timeparse.Token
			for _, tok := range toks {
				if (tok.Start == at || table && imported != nil && readingOf(tok) == readingOf(*imported)) && (tok.Kind == timeparse.Clock || tok.Kind == timeparse.DateTime) {
					linted = &tok
					break
				}
			}
			if imported == nil || linted == nil || readingOf(*imported) != readingOf(*linted) {
				t.Errorf("%s:%d: the importer reads %q, the linter %v", path, e.Line, e.RawTime, linted)
			}
		}
		if z := rep.Zone; z != nil {
			zones++
			found := false
			_, _, toks := linterLine(in, z.Line)
			for _, tok := range toks {
				found = found || tok.Stamp.Zone != nil && tok.Stamp.Zone.Name == z.Name
			}
			if !found {
				t.Errorf("%s:%d: the importer reads zone %s, the linter does not", path, z.Line, z.Name)
			}
		}
		// The linter checks the importer's resolution of the timeline:
		// it must be the document's.
		r, probs := document.Resolve(in.Doc)
		if !reflect.DeepEqual(r, rep.Resolved) || !reflect.DeepEqual(probs, rep.Problems) {
			t.Errorf("%s: the importer's resolution is not the document's", path)
		}
	}
	if entries == 0 || zones == 0 {
		t.Fatalf("no entries (%d) or zones (%d) compared", entries, zones)
	}
	t.Logf("%d reports, %d entries, %d zone declarations", len(files), entries, zones)
}

// linterLine is line n as the linter reads it: its prose line's text,
// column and tokens, or the line lexed.
func linterLine(in *lint.Input, n int) (string, int, []timeparse.Token) {
	for _, p := range in.Prose {
		if p.Line == n {
			return p.Text, p.Col, p.Tokens
		}
	}
	return in.Line(n), 1, timeparse.Lex(in.Line(n))
}

func firstClock(toks []timeparse.Token) *timeparse.Token {
	for _, t := range toks {
		if t.Kind == timeparse.Clock || t.Kind == timeparse.DateTime {
			return &t
		}
	}
	return nil
}

// byteOffset is the byte offset of 1-based rune column col in s.
func byteOffset(s string, col int) int {
	off := 0
	for i := 1; i < col && off < len(s); i++ {
		_, size := utf8.DecodeRuneInString(s[off:])
		off += size
	}
	return off
}
