package rules

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// DurationMismatch compares the durations and windows stated in the
// Summary and Impact with each other and with the timeline.
type DurationMismatch struct{}

func (DurationMismatch) Doc() lint.Doc {
	return lint.Doc{
		ID:       "duration-mismatch",
		Severity: lint.Warning,
		Summary:  "a duration or window stated in the prose disagrees with the timeline or with itself",
		Rationale: `"For 13 minutes" in the summary is what most readers remember, so it has to agree
with the timeline the metrics are computed from. When the prose says 45 minutes and
the timeline 13, one of them is wrong; when a sentence says "6hrs 30mins between
20:00 and 20:30", it contradicts itself. Times without a zone are read in the
timeline's zone. The summary, the impact and a header field ("**Duration:** 45
minutes" under the title) are read; a length written as approximate ("~2 hours")
may be a fifth off, another a little less.`,
		Bad:  "For 45 minutes between 19:34 UTC and 19:47 UTC, pizzas could not be ordered.",
		Good: "For 13 minutes between 19:34 UTC and 19:47 UTC, pizzas could not be ordered.",
	}
}

// incident is the impact as the timeline tells it.
type incident struct {
	start, end time.Time // the impact window, for messages
	length     time.Duration
	hasLength  bool
	// instants are the UTC minutes of the day of the moments a stated
	// window may start or end at: the impact's ends and every entry.
	instants []int
	// others are other computed durations a sentence may mean: to
	// mitigation, to resolution, the timeline's span.
	others []time.Duration
	// written are the timeline's clock times as written (minutes of the
	// day, 24-hour), for prose that uses the same local clock; timeline
	// is the timeline until they are read (writtenTimes).
	written  []int
	timeline []document.Event
}

// incidentOf reads the incident from in, reporting whether anything is
// known.
func incidentOf(in *lint.Input) (*incident, bool) {
	r := in.Resolved
	inc := &incident{start: r.ImpactStart, end: r.ImpactEnd}
	first, last := r.Span()
	if inc.start.IsZero() {
		inc.start = first
	}
	if inc.end.IsZero() {
		inc.end = last
	}
	// A stated window may name any moment the timeline records (onset,
	// mitigation, resolution), but not one it does not.
	for _, t := range append([]time.Time{r.ImpactStart, r.ImpactEnd}, r.Times...) {
		if !t.IsZero() {
			inc.instants = append(inc.instants, utcMinute(t))
		}
	}
	m := r.Metrics()
	switch {
	case m.Impact != nil:
		inc.length, inc.hasLength = *m.Impact, true
	case !r.ImpactEnd.IsZero() && !first.IsZero() && r.ImpactEnd.After(first):
		// An end milestone without a start: from the first entry.
		inc.length, inc.hasLength = r.ImpactEnd.Sub(first), true
	}
	// Without an end milestone nothing says when the impact ended: the
	// last entry may be a follow-up days later, so the first-to-last
	// span is not the incident's length (a duration matching it is
	// still accepted, below).
	for _, d := range []*time.Duration{m.Mitigate, m.Resolve} {
		if d != nil {
			inc.others = append(inc.others, *d)
		}
	}
	if !first.IsZero() && last.After(first) {
		inc.others = append(inc.others, last.Sub(first))
	}
	inc.timeline = in.Doc.Timeline
	return inc, !inc.start.IsZero() || inc.hasLength
}

// writtenTimes are the timeline's clock times as written (minutes of the
// day), read when a window first needs them: most match an instant.
func (inc *incident) writtenTimes() []int {
	if inc.timeline != nil {
		for _, ev := range inc.timeline {
			raw := ev.RawTime
			if raw == "" {
				raw = ev.Time
			}
			if st, ok := writtenClock(raw); ok {
				inc.written = append(inc.written, st.Hour*60+st.Minute)
			}
		}
		inc.timeline = nil
	}
	return inc.written
}

// utcMinute is t's minute of the day in UTC.
func utcMinute(t time.Time) int {
	u := t.UTC()
	return u.Hour()*60 + u.Minute()
}

// tolerance allows for rounding: "10 minutes" for 8, not for 13; a
// length written as approximate ("~2 hours", "about 2 hours") a fifth
// either way, 2 hours 30 minutes for "~2 hours", still not 13 minutes
// for "about 10".
func tolerance(d time.Duration, approximate bool) time.Duration {
	if approximate {
		return max(2*time.Minute, d/5)
	}
	return max(2*time.Minute, d*15/100)
}

func near(a, b time.Duration) bool { return nearAs(a, b, false) }

func nearAs(a, b time.Duration, approximate bool) bool {
	diff := a - b
	if diff < 0 {
		diff = -diff
	}
	return diff <= tolerance(max(a, b), approximate)
}

// approximately reports whether the duration at text[start:] is written
// as approximate: "~2 hours", "about 2 hours". Words, not a pattern, for
// the reason otherLength gives.
func approximately(text string, start int) bool {
	before := strings.ToLower(strings.TrimRight(text[max(0, start-16):start], " \t"))
	for _, w := range approxWords {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

var approxWords = []string{"about", "around", "approximately", "approx.", "approx", "roughly", "nearly", "almost", "~", "≈"}

func (DurationMismatch) Check(in *lint.Input, emit func(lint.Finding)) {
	inc, known := incidentOf(in)
	zone := in.Resolved.Zone
	day := in.Resolved.Date
	if day.IsZero() {
		day = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	ps := slices.DeleteFunc(proseOf(in, "summary", "impact", "lead"), func(p lint.ProseLine) bool {
		// of a report's header, only the length it states: "**Duration:** 45 minutes"
		return p.Kind == "lead" && !durationField().MatchString(p.Text)
	})
	for i, p := range ps {
		windows := windowsOf(p.Text, p.Tokens)
		if len(windows) == 0 && besideWindow(ps, i) {
			// "Duration: ~9 hours" under "Date: 11:30 - 20:30": the
			// length of the window beside it (a phase, perhaps), which
			// that line is checked for; not the incident's
			continue
		}
		checkDurations(p, windows, inc, known, zone, day, emit)
	}
}

// besideWindow reports whether prose line i is a field line ("Duration:
// ...") next to a line that states a window: two date-times, or two
// clocks joined by a range word.
func besideWindow(ps []lint.ProseLine, i int) bool {
	if !fieldLine().MatchString(ps[i].Text) {
		return false
	}
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(ps) || ps[j].Line != ps[i].Line+j-i {
			continue
		}
		dates := 0
		for _, t := range ps[j].Tokens {
			if t.Kind == timeparse.DateTime {
				dates++
			}
		}
		if dates >= 2 || len(windowsOf(ps[j].Text, ps[j].Tokens)) > 0 {
			return true
		}
	}
	return false
}

// fieldLine is a line that is a label and its value: "Duration: ~9
// hours", "* **Duration:** 2h".
// durationField is a header field that states the incident's length:
// "**Duration:** 45 minutes", "Total downtime: 1h 12m".
var durationField = pattern(`(?i)^[-*+|\s]*(?:\*\*|__)?(?:total |outage |incident |impact )?(?:duration|downtime)(?:\*\*|__)?\s*(?::|\|)`)

var fieldLine = pattern(`^[-*+\s]*(?:\*\*|__)?[A-Za-z][A-Za-z ]{0,30}:(?:\*\*|__)?\s`)

// checkDurations checks one line of the Summary or Impact, whose
// windows are given.
func checkDurations(p lint.ProseLine, windows []window, inc *incident, known bool, zone timeparse.Zone, day time.Time, emit func(lint.Finding)) {
	spans := statedSpans(p.Text, p.Tokens, windows)
	covered := make([]bool, len(spans)) // judged against a window
	for _, w := range windows {
		length := w.length()
		if length < 0 {
			continue // impossible-window reports it
		}
		// A duration stated in the same sentence as the window must match it.
		for i, s := range spans {
			if !sameSentence(p.Text, s.Start, w.off) {
				continue
			}
			covered[i] = true
			if !near(s.Duration, length) {
				emit(lint.Finding{Line: p.Line, Column: p.Col + col(p.Text, s.Start) - 1,
					Message: fmt.Sprintf("%q disagrees with the window %q in the same sentence, which is %s", s.Text, w.text, timeparse.FormatDuration(length))})
			}
		}
		if !known || len(inc.instants) == 0 {
			continue
		}
		startOK := matchesAny(w.start.utcMinutes(zone, day), inc.instants) || (w.start.zone == nil && matchesAny(w.start.min, inc.writtenTimes()))
		endOK := matchesAny(w.end.utcMinutes(zone, day), inc.instants) || (w.end.zone == nil && matchesAny(w.end.min, inc.writtenTimes()))
		if !startOK || !endOK {
			emit(lint.Finding{Line: p.Line, Column: p.Col + col(p.Text, w.off) - 1,
				Message: fmt.Sprintf("the window %q disagrees with the timeline, where the impact runs %s-%s %s", w.text, clockIn(inc.start, zone), clockIn(inc.end, zone), zone.Name)})
		}
	}
	if !inc.hasLength {
		return
	}
	for i, s := range spans {
		if covered[i] {
			continue
		}
		approx := approximately(p.Text, s.Start)
		if !nearAs(s.Duration, inc.length, approx) && !slices.ContainsFunc(inc.others, func(o time.Duration) bool { return nearAs(s.Duration, o, approx) }) {
			emit(lint.Finding{Line: p.Line, Column: p.Col + col(p.Text, s.Start) - 1,
				Message: fmt.Sprintf("%q disagrees with the timeline, where the impact lasts %s", s.Text, timeparse.FormatDuration(inc.length))})
		}
	}
}

var (
	// lengthBefore is what stands before a duration stated as the
	// incident's length: a length word ("for", "lasted", "total of"),
	// spaces and an optional hedge ("for about 13 minutes").
	lengthBefore = pattern(`(?i)(?:^|[^a-z])(?:for|lasted|lasting|outage of|total of|duration of|downtime of|(?:total |outage |incident |impact )?(?:duration|downtime):?(?:\*\*|__)?) +(?:about|around|approximately|roughly|nearly|almost|~|\\~)?\s*$`)
	// totalAfter follows a duration stated as the length: "(70 minutes
	// total)", "2 hours of downtime".
	totalAfter = pattern(`(?i)^\s+(?:total|in total|of downtime|of impact)\b`)
)

// statedSpans finds the durations a line states as the incident's
// length: right after "for", "lasted" and the like ("for about 13
// minutes"), right before "total" ("70 minutes total"), or right before
// a window ("6hrs 30mins between 20:00 and 20:30"), unless words around
// it make it another length (retention, an SLA, a timeout, uptime). The
// durations are the line's Duration tokens; the words around each are
// read in a few bytes before and after it.
func statedSpans(text string, toks []timeparse.Token, windows []window) []timeparse.Span {
	var out []timeparse.Span
	for _, t := range toks {
		if t.Kind != timeparse.Duration || t.Duration <= 0 {
			continue
		}
		stated := lengthBefore().MatchString(text[max(0, t.Start-60):t.Start]) ||
			totalAfter().MatchString(text[t.End:min(len(text), t.End+20)]) ||
			slices.ContainsFunc(windows, func(w window) bool {
				return t.End <= w.off && t.Start >= w.off-30 && strings.TrimSpace(text[t.End:w.off]) == ""
			})
		if stated && !otherLength(text[max(0, t.Start-40):min(len(text), t.End+25)]) {
			out = append(out, timeparse.Span{Start: t.Start, End: t.End, Text: text[t.Start:t.End], Duration: t.Duration})
		}
	}
	return out
}

// matchesAny reports whether a minute of the day is within two minutes
// of one of the given minutes.
func matchesAny(minute int, minutes []int) bool {
	return slices.ContainsFunc(minutes, func(m int) bool { return minutesApart(minute, m) <= 2 })
}

func clockIn(t time.Time, z timeparse.Zone) string {
	if z.Location != nil {
		t = t.In(z.Location)
	}
	return t.Format("15:04")
}

// sameSentence reports whether byte offsets a and b of s fall in one
// sentence (no ". " between them).
func sameSentence(s string, a, b int) bool {
	if a > b {
		a, b = b, a
	}
	for i := a; i+1 < b && i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && (s[i+1] == ' ' || s[i+1] == '\t') {
			return false
		}
	}
	return true
}

// otherLengthWords are words near a duration that make it some other
// length than the incident's: a retention period, an SLA, a timeout, an
// uptime figure, a schedule ("kept for 3 weeks", "a 1-hour lock TTL",
// "every 30 seconds", "within 48 hours"). A word ending in "*" matches
// as a prefix ("expires", "cached").
var otherLengthWords = []string{"uptime", "retention", "retain*", "kept", "keep", "keeps", "stored", "history",
	"sla", "slas", "slo", "slos", "ttl", "ttls", "timeout*", "time-out*", "expir*", "cach*", "every", "within",
	"backoff", "interval*", "lock", "locked", "locks", "grace", "budget", "warranty", "trial",
	"active"} // "5 hours 26 minutes of active impact": a part of the incident

// otherLength reports whether a stretch of text around a duration holds
// one of otherLengthWords: words, not regular expressions, because this
// runs on every stated duration and a dozen alternatives with word
// boundaries cost a backtracking match each.
func otherLength(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		w = strings.ToLower(w)
		for _, o := range otherLengthWords {
			if stem, ok := strings.CutSuffix(o, "*"); ok && strings.HasPrefix(w, stem) || w == o {
				return true
			}
		}
	}
	return false
}
