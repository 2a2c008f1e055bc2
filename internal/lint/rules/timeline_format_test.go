package rules

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// holdsOnlyPattern is the pattern holdsOnly replaces; the tests keep the
// two in agreement.
func holdsOnlyPattern(line, raw, text string) bool {
	re := regexp.MustCompile(`^\s*(?:[-*+•]\s*|\d+[.)]\s+)?(?:\*\*|__|\*|_|` + "`" + `)?` + regexp.QuoteMeta(raw) +
		`(?:\*\*|__|\*|_|` + "`" + `)?\s*(?:[-–—:|]\s*)?` + regexp.QuoteMeta(text) + `\s*$`)
	return re.MatchString(line)
}

var holdsOnlyCases = []struct{ line, raw, text string }{
	{"- _19:34_ - Alert fired", "19:34", "Alert fired"},
	{"*5:10* - text", "5:10", "text"},
	{"- *5:10* - text", "5:10", "text"},
	{"**10:30 AM**: text", "10:30 AM", "text"},
	{"13:00 — text", "13:00", "text"},
	{"1. 10:30 - text", "10:30", "text"},
	{"10:30 - text", "10:30", "text"},
	{"•\t10:30 text", "10:30", "text"},
	{"-\t17:30 - text  ", "17:30", "text"},
	{"* **10:10:30** - text", "10:10:30", "text"},
	{"`19:34` | text", "19:34", "text"},
	{"- _19:34_ - Alert fired, and more", "19:34", "Alert fired"},
	{"Around 19:34 alert", "19:34", "alert"},
	{"12.10 - x", "12.10", "x"},
	{"+ 19:34 x", "19:34", "x"},
	{"*19:34 x", "19:34", "x"},
}

func TestHoldsOnlyAgreesWithPattern(t *testing.T) {
	for _, c := range holdsOnlyCases {
		if got, want := holdsOnly(c.line, c.raw, c.text), holdsOnlyPattern(c.line, c.raw, c.text); got != want {
			t.Errorf("holdsOnly(%q, %q, %q) = %v, pattern says %v", c.line, c.raw, c.text, got, want)
		}
	}
}

func FuzzHoldsOnly(f *testing.F) {
	for _, c := range holdsOnlyCases {
		f.Add(c.line, c.raw, c.text)
	}
	f.Fuzz(func(t *testing.T, line, raw, text string) {
		raw, text = strings.TrimSpace(raw), strings.TrimSpace(text)
		if raw == "" || text == "" || !utf8.ValidString(line) || !utf8.ValidString(raw) || !utf8.ValidString(text) || strings.ContainsAny(line+raw+text, "\n\r\v\f\u0085\u00a0") {
			return
		}
		if got, want := holdsOnly(line, raw, text), holdsOnlyPattern(line, raw, text); got != want {
			t.Fatalf("holdsOnly(%q, %q, %q) = %v, pattern says %v", line, raw, text, got, want)
		}
	})
}
