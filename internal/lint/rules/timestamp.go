package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// Timestamp reports times that cannot be read or are ambiguous, and
// timeline entries without a time.
type Timestamp struct{}

func (Timestamp) Doc() lint.Doc {
	return lint.Doc{
		ID:       "timestamp",
		Severity: lint.Error,
		Summary:  "a time cannot be read, is ambiguous (7:34 without AM/PM), or a timeline entry has none",
		Rationale: `Every metric (time to detect, to mitigate, impact) is computed from the timeline's
times. "7:34" may be morning or evening, "19:34 IST" is three different zones, and an
entry without a time cannot be placed. See 'postmortem help times' for what is
accepted.`,
		Bad:  "- _7:34_ - Pizza factory begins returning 500 errors",
		Good: "- _19:34_ - Pizza factory begins returning 500 errors",
	}
}

func (Timestamp) Check(in *lint.Input, emit func(lint.Finding)) {
	reported := map[string]bool{}
	for _, p := range in.Problems {
		if problemRule(p) == "timestamp" {
			reported[p.Path] = true
		}
	}
	problemsFor(in, "timestamp", emit)
	// "2:35" reads as 02:35 but is as likely 14:35 written on a 12-hour
	// clock; a reviewer asks which.
	for i, ev := range in.Doc.Timeline {
		raw := ev.RawTime // as written; Time may be normalised ("02:35")
		if raw == "" {
			raw = ev.Time
		}
		if raw == "" {
			continue
		}
		path := "timeline." + strconv.Itoa(i) + ".time"
		if reported[path] {
			continue
		}
		if st, ok := writtenClock(raw); ok && st.ShortHour && st.Meridiem == "" && st.Hour < 10 {
			l, c := in.Pos(path)
			emit(lint.Finding{Line: l, Column: c, Message: fmt.Sprintf("time %q is ambiguous: a one-digit hour without AM/PM may be %02d:%02d or %02d:%02d; write the hour with two digits or add AM/PM", raw, st.Hour, st.Minute, st.Hour+12, st.Minute)})
		}
	}
	if in.IsMarkdown() {
		for _, e := range in.Report.Entries {
			if strings.TrimSpace(e.RawTime) == "" {
				emit(lint.Finding{Line: e.Line, Column: max(e.Col, 1), Message: fmt.Sprintf("timeline entry %s has no time; start it with one (\"- _19:34_ - ...\")", quote(e.Text, 40))})
			}
		}
	}
}

// writtenClock is the clock a timeline entry's time is written with (the
// start of a range), as the lexer reads it.
func writtenClock(raw string) (timeparse.Stamp, bool) {
	for _, t := range timeparse.Lex(raw) {
		if isClock(t) && t.Err == nil {
			return t.Stamp, true
		}
	}
	return timeparse.Stamp{}, false
}
