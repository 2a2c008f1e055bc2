package evidence

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/render"
)

// The writers stream: an export's 50,000 entries are written one by one,
// never built into one value (yaml.v3's tree of them took 8 s and 700 MB).

// AsEvents are the entries as document timeline events, times in RFC
// 3339 UTC to the second.
func AsEvents(entries []Entry) []document.Event {
	out := make([]document.Event, len(entries))
	for i, e := range entries {
		out[i] = document.Event{Time: stamp(e.Time), Event: e.Event, Milestone: e.Milestone, Source: e.Source, Link: e.Link}
	}
	return out
}

func stamp(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

const suggestedNote = " (a page resolving is not always the impact ending)"

// WriteYAML writes the entries as a document's `timeline:` block, ready to
// paste into one. A suggested milestone is a comment on its entry.
func WriteYAML(w io.Writer, entries []Entry) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if len(entries) == 0 {
		bw.WriteString("timeline: []\n")
		return bw.Flush()
	}
	bw.WriteString("timeline:\n")
	for _, e := range entries {
		comment := ""
		if e.Suggested != "" {
			comment = "suggested milestone: " + e.Suggested + suggestedNote
		}
		writeItem(bw, "  ", document.Event{Time: stamp(e.Time), Event: e.Event, Milestone: e.Milestone, Source: e.Source, Link: e.Link}, comment, "\n")
	}
	return bw.Flush()
}

// writeItem writes one timeline entry as a YAML sequence item, its dash
// after indent, in the document format's style: the time quoted, the
// rest plain where YAML reads it back as the same string.
func writeItem(w *bufio.Writer, indent string, ev document.Event, comment, nl string) {
	w.WriteString(indent + "- time: " + yamlQuoted(ev.Time) + nl)
	w.WriteString(indent + "  event: " + yamlString(ev.Event))
	if comment != "" {
		w.WriteString(" # " + comment)
	}
	w.WriteString(nl)
	for _, kv := range [][2]string{{"milestone", ev.Milestone}, {"source", ev.Source}, {"link", ev.Link}} {
		if kv[1] != "" {
			w.WriteString(indent + "  " + kv[0] + ": " + yamlString(kv[1]) + nl)
		}
	}
}

// yamlString writes s as a YAML scalar: plain when every YAML reader
// (1.1 ones too) reads it back as this very string, else single-quoted
// (as yaml.v3 writes documents), else, for text with control or
// invisible characters, double-quoted with escapes.
func yamlString(s string) string {
	switch {
	case plainSafe(s):
		return s
	case printable(s):
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return yamlQuoted(s)
}

func printable(s string) bool {
	for _, r := range s {
		if r == '\ufeff' || r == utf8.RuneError || !unicode.IsPrint(r) && r != ' ' {
			return false
		}
	}
	return true
}

// plainSafe is deliberately narrow: a letter or a slash first (no
// number, date, anchor or indicator), printable characters with no tab, no ": " or
// " #" (a mapping or a comment), no ':' at the end, and not a word some
// reader takes for a boolean or null.
func plainSafe(s string) bool {
	if s == "" || s != strings.TrimSpace(s) || !utf8.ValidString(s) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsLetter(r) && r != '/' {
		return false
	}
	if len(s) <= len("false") {
		for _, word := range []string{"true", "false", "yes", "no", "on", "off", "y", "n", "null"} {
			if strings.EqualFold(s, word) {
				return false
			}
		}
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	return printable(s)
}

// yamlQuoted writes a double-quoted YAML scalar. YAML's escapes are a
// superset of the ones used here (\\ \" \n \t \r \xHH \uHHHH \UHHHHHHHH),
// and invalid UTF-8, which YAML cannot hold, becomes U+FFFD.
func yamlQuoted(s string) string {
	s = strings.ToValidUTF8(s, "\ufffd")
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x` + hex2(int(r)))
		case r == '\ufeff' || (r > 0x7f && !unicode.IsPrint(r) && r != ' '):
			q := strconv.QuoteRuneToASCII(r) // '\u2028' or '\U0001f600'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func hex2(n int) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[n>>4], digits[n&15]})
}

type jsonEntry struct {
	Time      string `json:"time"`
	Event     string `json:"event"`
	Milestone string `json:"milestone,omitempty"`
	Suggested string `json:"suggested_milestone,omitempty"`
	Source    string `json:"source,omitempty"`
	Link      string `json:"link,omitempty"`
}

// WriteJSON writes {"timeline": [...]}: each entry's time (RFC 3339 UTC),
// event, milestone, suggested_milestone, source and link.
func WriteJSON(w io.Writer, entries []Entry) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if len(entries) == 0 {
		bw.WriteString("{\n  \"timeline\": []\n}\n")
		return bw.Flush()
	}
	bw.WriteString("{\n  \"timeline\": [\n")
	// Each entry is encoded alone into buf, then written with the comma
	// that separates it from the next.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "error rate > 5%" stays readable
	enc.SetIndent("    ", "  ")
	for i, e := range entries {
		buf.Reset()
		if err := enc.Encode(jsonEntry{stamp(e.Time), e.Event, e.Milestone, e.Suggested, e.Source, e.Link}); err != nil {
			return err
		}
		bw.WriteString("    ")
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		if i < len(entries)-1 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("  ]\n}\n")
	return bw.Flush()
}

// WriteMarkdown writes the entries as a report's timeline list, the way
// the default template does: clock times on the first entry's day, others
// with their date, each with its link.
func WriteMarkdown(w io.Writer, entries []Entry) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	home := ""
	if len(entries) > 0 {
		home = entries[0].Time.UTC().Format(time.DateOnly)
		bw.WriteString("All times are UTC (" + home + ").\n\n")
	}
	for _, e := range entries {
		bw.WriteString("- _" + clockOn(e.Time, home) + "_ - " + render.Inline(e.Event) + render.EvidenceRef(e.Source, e.Link) + "\n")
	}
	return bw.Flush()
}

// clockOn is the time as a report writes it: 19:34, 19:34:05 when the
// seconds are not zero, with the date when it is not the report's day.
func clockOn(t time.Time, home string) string {
	t = t.UTC().Truncate(time.Second)
	layout := "15:04"
	if t.Second() != 0 {
		layout = "15:04:05"
	}
	if t.Format(time.DateOnly) != home {
		layout = "2006-01-02 " + layout
	}
	return t.Format(layout)
}
