package interview

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/render"
)

// The trap this reader exists for: huh's accessible prompts each build a
// new bufio.Scanner, so a reader that hands out more than a byte lets the
// first prompt swallow every answer.
func TestInputHandsOutOneByte(t *testing.T) {
	in := NewInput(context.Background(), strings.NewReader("ab\ncd\n"))
	buf := make([]byte, 64)
	n, err := in.Read(buf)
	if n != 1 || err != nil || buf[0] != 'a' {
		t.Fatalf("Read = %d %v %q, want one byte", n, err, buf[:n])
	}
	if line, ok := in.ReadLine(); line != "b" || !ok {
		t.Fatalf("ReadLine = %q %v", line, ok)
	}
	if line, ok := in.ReadLine(); line != "cd" || !ok {
		t.Fatalf("ReadLine = %q %v", line, ok)
	}
	if in.Ended() {
		t.Fatal("ended before EOF was read")
	}
	if _, err := in.Read(buf); !errors.Is(err, io.EOF) || !in.Ended() || in.Interrupted() {
		t.Fatalf("at the end: err %v ended %v interrupted %v", err, in.Ended(), in.Interrupted())
	}
	if err := iotest.TestReader(NewInput(context.Background(), strings.NewReader("hello\nworld\n")), []byte("hello\nworld\n")); err != nil {
		t.Error(err)
	}
}

func TestInputInterrupt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	defer pw.Close()
	in := NewInput(ctx, pr)
	done := make(chan error, 1)
	go func() { _, err := in.Read(make([]byte, 1)); done <- err }()
	time.Sleep(10 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, ErrInterrupted) || !in.Interrupted() {
			t.Fatalf("err %v interrupted %v", err, in.Interrupted())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a pending read ignored the interrupt")
	}
}

// session runs an accessible interview over scripted answers.
func session(t *testing.T, answers string, doc *document.Document) (*Session, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	tmpl, err := render.Builtin("default")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ui := &UI{Ctx: ctx, In: NewInput(ctx, strings.NewReader(answers)), Out: &out, Accessible: true, Theme: Styles(io.Discard, true, func(string) string { return "" })}
	return &Session{Doc: doc, UI: ui, Template: tmpl}, &out
}

// Unit-test the answers, not the screen: each section fills the
// document, bad answers are asked again, prose blocks keep their lines.
func TestSections(t *testing.T) {
	tests := []struct {
		name, section, answers string
		check                  func(t *testing.T, d *document.Document, ui string)
	}{
		{"basics", "basics", "Checkout down\n3\nAna,  Ben ,\n2024-13-01\n2024-12-04\n", func(t *testing.T, d *document.Document, ui string) {
			if d.Title != "Checkout down" || d.Severity != "SEV-2" || strings.Join(d.Authors, "|") != "Ana|Ben" || d.Date != "2024-12-04" {
				t.Errorf("got %q %q %q %q", d.Title, d.Severity, d.Authors, d.Date)
			}
			if !strings.Contains(ui, "✗ not a date") {
				t.Errorf("bad date not refused:\n%s", ui)
			}
		}},
		{"prose block", "summary", "\"\"\"\nFirst line.\n\nSecond paragraph.\n\"\"\"\n", func(t *testing.T, d *document.Document, _ string) {
			if d.Summary != "First line.\n\nSecond paragraph.\n" {
				t.Errorf("summary = %q", d.Summary)
			}
		}},
		{"required prose", "root_cause", "\nA bad deploy.\n", func(t *testing.T, d *document.Document, ui string) {
			if d.RootCause != "A bad deploy.\n" || !strings.Contains(ui, "✗ root cause is required") {
				t.Errorf("root cause %q; ui:\n%s", d.RootCause, ui)
			}
		}},
		{"impact", "impact", "7:34 PM\n19:30\n19:50\nall users\nx\n3\n0\nNo checkout.\n", func(t *testing.T, d *document.Document, ui string) {
			if d.Impact.Start != "19:34" || d.Impact.End != "19:50" || *d.Impact.SupportTickets != 3 || *d.Impact.SocialMediaPosts != 0 {
				t.Errorf("impact = %+v", d.Impact)
			}
			for _, want := range []string{"→ 19:34 UTC", "✗ the impact cannot end (19:30 UTC) before it starts (19:34 UTC)", "impact lasted 16 minutes", "✗ expected a whole number"} {
				if !strings.Contains(ui, want) {
					t.Errorf("ui lacks %q:\n%s", want, ui)
				}
			}
		}},
		{"timeline across midnight", "timeline", "23:50\nAlert\nstarted\ny\n00:10\n2024-12-05T00:10:00Z\nFixed\nRESOLVED\nn\n", func(t *testing.T, d *document.Document, ui string) {
			if len(d.Timeline) != 2 || d.Timeline[1].Time != "2024-12-05T00:10:00Z" || d.Timeline[1].Milestone != "resolved" {
				t.Errorf("timeline = %+v", d.Timeline)
			}
			for _, want := range []string{"earlier than event 1 (23:50 UTC)", "write the full timestamp (2024-12-05T00:10:00Z)", "→ 2024-12-05 00:10 UTC; impact so far: 20 minutes"} {
				if !strings.Contains(ui, want) {
					t.Errorf("ui lacks %q:\n%s", want, ui)
				}
			}
		}},
		{"action items", "action_items", "y\nAdd a canary\nAna\nnext week\n2024-12-11\nOPS-1\nn\n", func(t *testing.T, d *document.Document, ui string) {
			want := document.ActionItem{Description: "Add a canary", Owner: "Ana", Due: "2024-12-11", Ticket: "OPS-1"}
			if len(d.ActionItems) != 1 || d.ActionItems[0] != want {
				t.Errorf("action items = %+v", d.ActionItems)
			}
			if !strings.Contains(ui, "→ Wednesday 11 December 2024") {
				t.Errorf("due date not echoed:\n%s", ui)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &document.Document{Version: 1, Date: "2024-12-04"}
			s, out := session(t, tt.answers, doc)
			if err := s.section(tt.section); err != nil {
				t.Fatalf("%v; ui:\n%s", err, out)
			}
			tt.check(t, doc, out.String())
		})
	}
}

// Enter keeps a prefilled value and "-" clears it, in accessible mode
// where an empty answer cannot mean "empty".
func TestPrefilledKeepAndClear(t *testing.T) {
	doc := &document.Document{Version: 1, Title: "Old title", Severity: "P1", Authors: []string{"Ana"}, Date: "2024-12-04"}
	s, out := session(t, "\n\n-\n\n", doc)
	if err := s.section("basics"); err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Old title" || doc.Severity != "P1" || doc.Authors != nil || doc.Date != "2024-12-04" {
		t.Errorf("got %q %q %q %q", doc.Title, doc.Severity, doc.Authors, doc.Date)
	}
	if !strings.Contains(out.String(), "Enter keeps: Old title") || !strings.Contains(out.String(), "6. P1") {
		t.Errorf("prefilled values not shown:\n%s", out)
	}
}

// Answers that end mid-group: the group reports it and keeps what was
// answered before the end.
func TestInputEndsMidGroup(t *testing.T) {
	doc := &document.Document{Version: 1}
	s, _ := session(t, "A title\n", doc)
	var saved *document.Document
	var next string
	s.SaveDraft = func(d *document.Document, n string) error { c := *d; saved, next = &c, n; return nil }
	err := s.Run("basics")
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("err = %v", err)
	}
	if saved == nil || saved.Title != "A title" || next != "basics" {
		t.Fatalf("draft %+v next %q", saved, next)
	}
}

func TestBuildForm(t *testing.T) {
	v := ""
	f := &Field{Key: "impact.start", Title: "Impact start", Kind: kindLine, Value: &v, Check: func(s string) error {
		if s != "19:34" {
			return errors.New("bad")
		}
		return nil
	}}
	form := BuildForm("Impact", "help", nil, f)
	if form == nil {
		t.Fatal("no form")
	}
	// The full-screen validator: empty is fine for an optional field,
	// the clear marker counts as empty, anything else goes through Check.
	val := f.validator()
	if val("") != nil || val(Clear) != nil || val("19:34") != nil || val("7") == nil {
		t.Error("validator does not follow the field's rules")
	}
	f.Required = true
	if f.validator()("") == nil {
		t.Error("a required field accepted nothing")
	}
}

func TestSlugAndPaths(t *testing.T) {
	for in, want := range map[string]string{
		"Pizza factory begins returning 500 errors": "pizza-factory-begins-returning-500",
		"The factory's DB fell over!":               "the-factorys-db-fell-over",
		"Überlastung des Servers":                   "berlastung-des-servers",
		"":                                          "",
		strings.Repeat("x", 60):                     strings.Repeat("x", 40),
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	for _, tt := range []struct {
		out     string
		dir     bool
		yml, md string
	}{
		{"", false, "postmortems/N.yaml", "postmortems/N.md"},
		{"r.md", false, "r.yaml", "r.md"},
		{"a/r.yml", false, "a/r.yml", "a/r.md"},
		{"reports/", false, "reports/N.yaml", "reports/N.md"},
		{"reports", true, "reports/N.yaml", "reports/N.md"},
		{"x/base", false, "x/base.yaml", "x/base.md"},
		{"r.json", false, "r.yaml", "r.md"},
	} {
		y, m := ReportPaths(tt.out, tt.dir, "N")
		if y != tt.yml || m != tt.md {
			t.Errorf("ReportPaths(%q) = %q %q, want %q %q", tt.out, y, m, tt.yml, tt.md)
		}
	}
	doc := &document.Document{Summary: "Checkout was down", Timeline: []document.Event{{Time: "19:34", Event: "Card payments fail", Milestone: "started"}}}
	if got := ReportName(doc, nil, time.Date(2024, 12, 5, 0, 0, 0, 0, time.UTC)); got != "2024-12-05-card-payments-fail" {
		t.Errorf("ReportName = %q", got)
	}
}

func TestDraftRoundTrip(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2024, 12, 5, 0, 0, 0, 0, time.UTC)
	path := NewDraftPath(dir, "new-", now)
	d := &Draft{Path: path, Next: "timeline", Output: "out/r.md", Edits: "r.yaml"}
	doc := &document.Document{Version: 1, Title: "T", Timeline: []document.Event{{Time: "19:34", Event: "e"}}}
	if err := d.Save(doc); err != nil {
		t.Fatal(err)
	}
	got, gotDoc, err := LoadDraft(path)
	if err != nil {
		t.Fatal(err)
	}
	if *got != *d || gotDoc.Title != "T" || len(gotDoc.Timeline) != 1 {
		t.Errorf("round trip: %+v %+v", got, gotDoc)
	}
	if second := NewDraftPath(dir, "new-", now); second == path || !strings.HasSuffix(second, "-2.yaml") {
		t.Errorf("second draft path %q collides with %q", second, path)
	}
	if latest, err := LatestDraft(dir); err != nil || latest != path {
		t.Errorf("LatestDraft = %q %v", latest, err)
	}
	if err := os.WriteFile(filepath.Join(dir, DraftDir, "bad.yaml"), []byte("# postmortem-draft next: nowhere\nversion: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadDraft(filepath.Join(dir, DraftDir, "bad.yaml")); err == nil || !strings.Contains(err.Error(), `unknown section "nowhere"`) {
		t.Errorf("bad draft: %v", err)
	}
}

func TestMissing(t *testing.T) {
	got := Missing(&document.Document{Summary: "s", Timeline: []document.Event{{}}})
	want := "detection impact.description response root_cause resolution prevention"
	if strings.Join(got, " ") != want {
		t.Errorf("Missing = %v, want %s", got, want)
	}
}

func TestDarkBackground(t *testing.T) {
	for in, want := range map[string]bool{"": true, "15;0": true, "0;15": false, "0;default;7": false} {
		if got := darkBackground(in); got != want {
			t.Errorf("darkBackground(%q) = %v", in, got)
		}
	}
}

// FuzzLoadDraft: any file handed to --resume is refused with an error or
// loaded, never a panic.
func FuzzLoadDraft(f *testing.F) {
	f.Add([]byte("# postmortem-draft next: timeline\n# postmortem-draft output: a.md\nversion: 1\ntitle: T\n"))
	f.Add([]byte("# postmortem-draft next: review\nversion: 1\n"))
	f.Add([]byte("#\n#postmortem-draft next:\nversion: 2\n"))
	f.Add([]byte("\x00\xff"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "d.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		d, doc, err := LoadDraft(path)
		if err == nil && (d == nil || doc == nil || (d.Next != Review && indexOf(Sections, d.Next) < 0)) {
			t.Fatalf("loaded an unusable draft: %+v", d)
		}
	})
}

// FuzzSlug: file names stay safe whatever the title.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Pizza factory 500s", "../../etc/passwd", "a\x00b", "日本語 title", strings.Repeat("ab ", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if len(got) > 40 || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Slug(%q) = %q", s, got)
		}
		for _, r := range got {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Fatalf("Slug(%q) = %q has %q", s, got, r)
			}
		}
	})
}

// :edit hands the current text to the editor and keeps what comes back;
// without an editor it says so and asks again.
func TestProseEditor(t *testing.T) {
	doc := &document.Document{Version: 1, Response: "Old.\n"}
	s, _ := session(t, ":edit\n", doc)
	var got string
	s.UI.EditText = func(text string) (string, error) {
		got = text
		return "Written in the editor.\n\nSecond paragraph.\n", nil
	}
	if err := s.section("response"); err != nil {
		t.Fatal(err)
	}
	if got != "Old.\n" || doc.Response != "Written in the editor.\n\nSecond paragraph.\n" {
		t.Errorf("editor got %q, response %q", got, doc.Response)
	}
	doc = &document.Document{Version: 1, Response: "Old.\n"}
	s, out := session(t, ":edit\nTyped instead.\n", doc)
	if err := s.section("response"); err != nil {
		t.Fatal(err)
	}
	if doc.Response != "Typed instead.\n" || !strings.Contains(out.String(), "no editor here") {
		t.Errorf("response %q; ui:\n%s", doc.Response, out)
	}
}
