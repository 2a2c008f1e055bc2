package markdown

import (
	"strings"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// readEvidenceLinks takes back the source and link that a rendered
// report shows after an entry taken from the evidence (render.EvidenceRef,
// `postmortem timeline`), so that importing a report reads what rendering
// its document wrote: the event's text, its source and its link. Only
// the exact forms rendering writes, at the end of an entry, are read:
//
//	text ([Slack](https://acme.slack.com/archives/C0/p1701720000000100 "slack:C0/1701720000.000100"))
//	text ([link](https://status.example/incidents/42))
//	text (`git:4f2a9c1e...`)
//
// A link of a person's own ("see [the graph](https://...)") has no title
// and another label, and stays in the text.
func readEvidenceLinks(doc *document.Document) {
	for i := range doc.Timeline {
		ev := &doc.Timeline[i]
		if ev.Source != "" || ev.Link != "" {
			continue
		}
		ev.Event, ev.Source, ev.Link = splitEvidenceRef(ev.Event)
	}
}

var (
	evidenceLink = pattern(`^(.*\S)\s+\(\[((?:[^\[\]\\]|\\.)*)\]\(([^\s()<>]+)(?:\s+"((?:[^"\\]|\\.)*)")?\)\)$`)
	evidenceCode = pattern("^(.*\\S)\\s+\\(`([a-z][a-z0-9_-]*:[^`\\s]+)`\\)$")
)

var titleUnescaper = strings.NewReplacer(`\\`, `\`, `\"`, `"`, `\|`, `|`)

// splitEvidenceRef splits an entry's text into the event and the source
// and link rendering appended to it.
func splitEvidenceRef(text string) (event, source, link string) {
	// what rendering appends opens with "([" or "(`"
	if !strings.HasSuffix(text, ")") || !strings.Contains(text, "([") && !strings.Contains(text, "(`") {
		return text, "", ""
	}
	if m := evidenceLink().FindStringSubmatch(text); m != nil {
		title := titleUnescaper.Replace(m[4])
		if title != "" || m[2] == "link" {
			return m[1], title, m[3]
		}
		return text, "", ""
	}
	if m := evidenceCode().FindStringSubmatch(text); m != nil {
		return m[1], m[2], ""
	}
	return text, "", ""
}
