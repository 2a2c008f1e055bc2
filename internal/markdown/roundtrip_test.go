package markdown

import (
	"fmt"
	"math/rand"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/render"
)

// words the generator writes prose from: no section names, no times, no
// Markdown that would change the structure.
var genWords = strings.Fields(`pizza factory returned errors for every order while the queue kept growing ` +
	`engineers checked dashboards logs traces and found a stale cache entry on one replica ` +
	`customers saw slow pages retries helped little until the config was rolled back carefully`)

func genSentence(rng *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = genWords[rng.Intn(len(genWords))]
	}
	ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
	return strings.Join(ws, " ")
}

func genProse(rng *rand.Rand) string {
	var paras []string
	for p := 0; p < 1+rng.Intn(3); p++ {
		var lines []string
		for l := 0; l < 1+rng.Intn(2); l++ {
			lines = append(lines, genSentence(rng, 3+rng.Intn(10))+".")
		}
		if rng.Intn(6) == 0 {
			lines = append(lines, "- "+genSentence(rng, 3), "- "+genSentence(rng, 4))
		}
		paras = append(paras, strings.Join(lines, "\n"))
	}
	return strings.Join(paras, "\n\n")
}

// genDocument makes a valid document in UTC with times on its date, a
// timeline in order (possibly crossing midnight with a full timestamp),
// milestones in order, and any mix of the optional fields.
func genDocument(rng *rand.Rand) *document.Document {
	day := time.Date(2023+rng.Intn(3), time.Month(1+rng.Intn(12)), 1+rng.Intn(28), 0, 0, 0, 0, time.UTC)
	doc := &document.Document{Version: 1, Date: day.Format(time.DateOnly)}
	if rng.Intn(2) == 0 {
		doc.Title = "Checkout " + genWords[rng.Intn(len(genWords))] + " outage " + day.Format(time.DateOnly)
	}
	if rng.Intn(2) == 0 {
		doc.Severity = fmt.Sprintf("SEV-%d", 1+rng.Intn(3))
	}
	if rng.Intn(2) == 0 {
		doc.Status = document.Statuses[rng.Intn(len(document.Statuses))]
	}
	for i := 0; i < rng.Intn(3); i++ {
		doc.Authors = append(doc.Authors, []string{"Seth Remer", "Ana Li", "Bo Chen"}[i])
	}
	for _, f := range []*string{&doc.Summary, &doc.Detection, &doc.Response, &doc.RootCause, &doc.Resolution, &doc.Prevention} {
		if rng.Intn(4) != 0 {
			*f = genProse(rng)
		}
	}
	// timeline
	at := day.Add(time.Duration(8+rng.Intn(14))*time.Hour + time.Duration(rng.Intn(60))*time.Minute)
	miles := []string{"started", "detected", "acknowledged", "investigating", "identified", "mitigated", "resolved"}
	mi := 0
	for i, n := 0, rng.Intn(8); i < n; i++ {
		ev := document.Event{Event: genSentence(rng, 2+rng.Intn(8))}
		if rng.Intn(8) != 0 {
			secs := rng.Intn(5) == 0
			if secs {
				at = at.Add(time.Duration(rng.Intn(60)) * time.Second)
			}
			layout := "15:04"
			if secs || at.Second() != 0 {
				layout = "15:04:05"
			}
			if at.Format(time.DateOnly) != doc.Date {
				layout = time.RFC3339
			}
			ev.Time = at.Format(layout)
			at = at.Add(time.Duration(rng.Intn(200)) * time.Minute)
			if mi < len(miles) && rng.Intn(2) == 0 {
				mi += rng.Intn(2)
				// The renderer writes bare clock times on the impact's start
				// day (render.homeDay), so the generator keeps that day the
				// document's date.
				if mi < len(miles) && (miles[mi] != "started" || at.Format(time.DateOnly) == doc.Date) {
					ev.Milestone = miles[mi]
					mi++
				}
			}
		}
		doc.Timeline = append(doc.Timeline, ev)
	}
	if rng.Intn(3) != 0 {
		start := day.Add(time.Duration(6+rng.Intn(10)) * time.Hour)
		end := start.Add(time.Duration(1+rng.Intn(2000)) * time.Minute)
		doc.Impact.Start = start.Format("15:04")
		doc.Impact.End = end.Format(time.RFC3339)
		if end.Format(time.DateOnly) == doc.Date {
			doc.Impact.End = end.Format("15:04")
		}
	}
	if rng.Intn(2) == 0 {
		doc.Impact.Description = genSentence(rng, 6) + "."
	}
	if rng.Intn(2) == 0 {
		doc.Impact.Affected = "about " + fmt.Sprint(rng.Intn(500)) + " customers, who saw errors"
	}
	if rng.Intn(2) == 0 {
		n := rng.Intn(3)
		doc.Impact.SupportTickets = &n
	}
	if rng.Intn(2) == 0 {
		n := rng.Intn(3)
		doc.Impact.SocialMediaPosts = &n
	}
	for i := 0; i < rng.Intn(4); i++ {
		a := document.ActionItem{Description: genSentence(rng, 4+rng.Intn(6))}
		if rng.Intn(2) == 0 {
			a.Owner = []string{"Ana Li", "platform team"}[rng.Intn(2)]
		}
		if rng.Intn(2) == 0 {
			a.Due = day.AddDate(0, 0, 7).Format(time.DateOnly)
		}
		if rng.Intn(3) == 0 {
			a.Ticket = fmt.Sprintf("OPS-%d", 100+rng.Intn(900))
		}
		if rng.Intn(3) == 0 {
			a.Status = []string{"in-progress", "done", "wont-do"}[rng.Intn(3)]
		}
		doc.ActionItems = append(doc.ActionItems, a)
	}
	for i := 0; i < rng.Intn(3); i++ {
		doc.Sections = append(doc.Sections, document.Section{Heading: []string{"Lessons learned", "Appendix", "Glossary"}[i], Body: genProse(rng)})
	}
	return doc
}

// comparable is a document reduced to what a round trip must keep: times
// normalised to UTC, the impact window as the instants it resolves to, the
// title as shown (a default title and the same text written out are equal).
func comparable(doc *document.Document, milestones bool) (*document.Document, []document.Problem) {
	r, probs := document.Validate(doc)
	n := document.Normalize(doc, r)
	n.Source = nil
	n.Title = document.TitleOf(doc, r) // a computed title is the same title
	n.Impact.Start, n.Impact.End = "", ""
	if !r.ImpactStart.IsZero() {
		n.Impact.Start = r.ImpactStart.Format(time.RFC3339)
	}
	if !r.ImpactEnd.IsZero() {
		n.Impact.End = r.ImpactEnd.Format(time.RFC3339)
	}
	if !milestones {
		n.Timeline = append([]document.Event(nil), n.Timeline...)
		for i := range n.Timeline {
			n.Timeline[i].Milestone = ""
		}
	}
	return n, probs
}

// TestRoundTrip renders generated documents with each built-in template
// and imports them back: the same document (with `default`, which does
// not write milestones, the same except milestones; the impact window is
// compared as the instants it resolves to).
func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		template   string
		milestones bool
	}{{"tables", true}, {"default", false}} {
		tmpl, err := render.Builtin(tc.template)
		if err != nil {
			t.Skipf("template %s: %v", tc.template, err)
		}
		rng := rand.New(rand.NewSource(1))
		for i := 0; i < roundTripCount(); i++ {
			doc := genDocument(rng)
			r, probs := document.Validate(doc)
			if len(probs) > 0 {
				continue // the generator made an impossible impact window
			}
			if tc.template == "default" && !strings.Contains(document.TitleOf(doc, r), doc.Date) {
				// default writes the date nowhere else when the title
				// has none and there is no impact window: give it one.
				doc.Title = "Outage on " + doc.Date
			}
			md, err := tmpl.Markdown(doc, r, render.Options{})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Import("rt.md", md)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := comparable(doc, tc.milestones)
			got, probs := comparable(rep.Doc, tc.milestones)
			if !tc.milestones && (want.Impact.Start == "" || want.Impact.End == "") {
				// Without milestones in the Markdown, a window the
				// renderer could not state (one end missing) is lost.
				want.Impact.Start, want.Impact.End = "", ""
				got.Impact.Start, got.Impact.End = "", ""
			}
			if !reflect.DeepEqual(want, got) || len(probs) > 0 {
				wy, _ := document.Marshal(want)
				gy, _ := document.Marshal(got)
				t.Fatalf("%s #%d: round trip changed the document %v\n--- markdown\n%s\n--- want\n%s\n--- got\n%s", tc.template, i, probs, md, wy, gy)
			}
		}
	}
}

// TestReferenceRoundTrip: importing the 2024-12-04 report and rendering
// it with the default template gives exactly the clean reference.
func TestReferenceRoundTrip(t *testing.T) {
	src, err := os.ReadFile(sharedPath("reference/2024-12-04-incident-report.md"))
	if err != nil {
		t.Skip("../shared/reference is not present")
	}
	want, err := os.ReadFile(sharedPath("reference/2024-12-04-incident-report.clean.md"))
	if err != nil {
		t.Skip(err)
	}
	rep, err := Import("2024-12-04-incident-report.md", src)
	if err != nil {
		t.Fatal(err)
	}
	r, probs := document.Validate(rep.Doc)
	if len(probs) > 0 {
		t.Fatalf("imported reference does not validate: %v", probs)
	}
	tmpl, _ := render.Builtin("default")
	got, err := tmpl.Markdown(rep.Doc, r, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("import then render differs from the clean reference:\n%s", got)
	}
}

// roundTripCount is 300 documents per template, or ROUNDTRIP_N.
func roundTripCount() int {
	if n, err := strconv.Atoi(os.Getenv("ROUNDTRIP_N")); err == nil && n > 0 {
		return n
	}
	return 300
}
