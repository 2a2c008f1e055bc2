package render

import (
	"strings"
)

// EvidenceRef is what a report shows after an entry taken from the
// evidence (`postmortem timeline`), so a reader can open the message,
// the page or the commit it came from:
//
//	link and source  ([Slack](https://acme.slack.com/archives/C0/p1701720000000100 "slack:C0/1701720000.000100"))
//	link only        ([link](https://status.example/incidents/42))
//	source only      (`git:4f2a9c1e...`)
//
// The source rides in the link's title, invisible in the text and read
// back by `postmortem import`. The result starts with a space, or is
// empty when the entry has neither, and is safe in a list item and in a
// table cell.
func EvidenceRef(source, link string) string {
	switch {
	case link != "" && source != "":
		return " ([" + escapeLabel(evidenceLabel(source)) + "](" + linkDestination(link) + ` "` + escapeTitle(source) + `"))`
	case link != "":
		return " ([link](" + linkDestination(link) + "))"
	case source != "":
		return " (" + codeSpan(source) + ")"
	}
	return ""
}

// evidenceLabel names the kind of evidence a source is.
func evidenceLabel(source string) string {
	kind, id, ok := strings.Cut(source, ":")
	if !ok {
		return source
	}
	switch kind {
	case "slack":
		return "Slack"
	case "pagerduty":
		return "PagerDuty"
	case "opsgenie":
		return "Opsgenie"
	case "git":
		if tag, ok := strings.CutPrefix(id, "tag/"); ok {
			return "tag " + tag
		}
		return "commit " + id[:min(7, len(id))]
	}
	return source
}

// linkDestination keeps a link one Markdown destination: blanks, angle
// brackets, parentheses and table pipes are percent-encoded, which
// browsers read as the same address.
func linkDestination(link string) string { return destinationEscaper.Replace(link) }

func escapeLabel(s string) string { return labelEscaper.Replace(s) }

func escapeTitle(s string) string { return titleEscaper.Replace(s) }

var (
	destinationEscaper = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "|", "%7C")
	labelEscaper       = strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`, "|", `\|`, "\n", " ", "\r", " ")
	titleEscaper       = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "|", `\|`, "\n", " ", "\r", " ")
	codeEscaper        = strings.NewReplacer("\n", " ", "\r", " ", "|", `\|`)
)

// codeSpan writes s as inline code, with a longer fence when s holds
// backticks (CommonMark's rule).
func codeSpan(s string) string {
	s = codeEscaper.Replace(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}
