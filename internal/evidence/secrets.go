package evidence

import (
	"strings"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/rules"
)

// Secret is a credential the `secret` rule found in an entry's text.
type Secret struct {
	Entry   int // index in the entries given
	Message string
}

// Secrets runs the lint rule `secret` over the entries' text, one entry
// per line, so that a token pasted in the incident channel is reported
// with the message it came from before it lands in a report.
func Secrets(entries []Entry) []Secret {
	if len(entries) == 0 {
		return nil
	}
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.Event)
		b.WriteByte('\n')
	}
	in := lint.NewInput("evidence", []byte(b.String()), nil, &document.Document{Version: document.CurrentVersion}, nil)
	var out []Secret
	rules.Secret{}.Check(in, func(f lint.Finding) {
		if f.Line >= 1 && f.Line <= len(entries) {
			out = append(out, Secret{Entry: f.Line - 1, Message: f.Message})
		}
	})
	return out
}
