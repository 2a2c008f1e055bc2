package evidence

import (
	"bytes"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/rules"
)

// Secret is a credential the `secret` rule found in an entry's text.
type Secret struct {
	Entry   int // index in the entries given
	Message string
}

// secretChunk is how many entries the rule reads at a time: an export's
// 50,000 messages as one text would be held three times over by the
// rule's input (bytes, string, line table) for no gain.
const secretChunk = 4096

// Secrets runs the lint rule `secret` over the entries' text, one entry
// per line, so that a token pasted in the incident channel is reported
// with the message it came from before it lands in a report.
func Secrets(entries []Entry) []Secret {
	var out []Secret
	var buf bytes.Buffer
	for lo := 0; lo < len(entries); lo += secretChunk {
		chunk := entries[lo:min(lo+secretChunk, len(entries))]
		buf.Reset()
		for _, e := range chunk {
			buf.WriteString(e.Event)
			buf.WriteByte('\n')
		}
		in := lint.NewInput("evidence", buf.Bytes(), nil, &document.Document{Version: document.CurrentVersion}, nil)
		rules.Secret{}.Check(in, func(f lint.Finding) {
			if f.Line >= 1 && f.Line <= len(chunk) {
				out = append(out, Secret{Entry: lo + f.Line - 1, Message: f.Message})
			}
		})
	}
	return out
}
