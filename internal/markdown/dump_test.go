package markdown

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// TestDump prints what import read from the files in DUMP (space
// separated); a development aid.
func TestDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip("set DUMP=file.md to print what import reads")
	}
	for _, f := range strings.Fields(os.Getenv("DUMP")) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Import(f, data)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(summarize(rep))
	}
}

func summarize(rep *Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "== %s\n", rep.Name)
	if rep.Title != nil {
		fmt.Fprintf(&b, "title: %q placeholder=%v\n", rep.Title.Text, rep.Title.Placeholder)
	}
	for _, s := range rep.Sections {
		fmt.Fprintf(&b, "  sec %d L%d %v %q empty=%v\n", s.Line, s.Level, s.Kinds, s.Heading, s.Empty)
	}
	if rep.Zone != nil {
		fmt.Fprintf(&b, "zone: %s (%q line %d)\n", rep.Zone.Name, rep.Zone.Text, rep.Zone.Line)
	}
	fmt.Fprintf(&b, "date: %s\n", rep.Doc.Date)
	if d := rep.Doc; d.Severity != "" || d.Status != "" || len(d.Authors) > 0 {
		fmt.Fprintf(&b, "meta: severity=%q status=%q authors=%q\n", d.Severity, d.Status, d.Authors)
	}
	if s := rep.Doc.Summary; s != "" {
		fmt.Fprintf(&b, "summary: %.70q\n", s)
	}
	var fields []string
	for _, k := range document.Sections {
		if k != "timeline" && k != "action_items" && k != "impact" && *proseField(rep.Doc, k) != "" {
			fields = append(fields, k)
		}
	}
	if rep.Doc.Impact.Description != "" {
		fields = append(fields, "impact")
	}
	if len(fields) > 0 {
		fmt.Fprintf(&b, "fields: %s\n", strings.Join(fields, " "))
	}
	r, _ := document.Resolve(rep.Doc)
	if !r.ImpactStart.IsZero() && rep.Doc.Impact.Start != "" {
		fmt.Fprintf(&b, "impact start: %s\n", r.ImpactStart.Format(time.RFC3339))
	}
	for i, ev := range rep.Doc.Timeline {
		ts := "null"
		switch {
		case !r.Times[i].IsZero():
			ts = r.Times[i].Format(time.RFC3339)
		case !r.Days[i].IsZero():
			ts = "day " + r.Days[i].Format(time.DateOnly)
		}
		fmt.Fprintf(&b, "  tl %-22s raw=%-18q %-12s %.70s\n", ts, ev.RawTime, ev.Milestone, ev.Event)
	}
	for _, a := range rep.Doc.ActionItems {
		fmt.Fprintf(&b, "  ai %.90s | %s %s", a.Description, a.Owner, a.Due)
		if a.Status != "" {
			fmt.Fprintf(&b, " [%s]", a.Status)
		}
		b.WriteString("\n")
	}
	for _, l := range rep.Leftovers {
		fmt.Fprintf(&b, "  left %d-%d %s %.50q\n", l.Line, l.EndLine, l.Kind, l.Text)
	}
	for _, d := range rep.Diagnostics {
		fmt.Fprintf(&b, "  diag %d:%d %s\n", d.Line, d.Col, d.Message)
	}
	return b.String()
}
