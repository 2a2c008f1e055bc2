package rules

import (
	"encoding/binary"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

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
timeline's zone.`,
		Bad:  "For 45 minutes between 19:34 UTC and 19:47 UTC, pizzas could not be ordered.",
		Good: "For 13 minutes between 19:34 UTC and 19:47 UTC, pizzas could not be ordered.",
	}
}

// incident is the impact as the timeline tells it.
type incident struct {
	start, end time.Time // the impact window, for messages
	// written are the timeline's clock times as written (minutes of the
	// day, 24-hour), for prose that uses the same local clock.
	written     []int
	writtenRead bool // written is filled in by writtenTimes
	length      time.Duration
	hasLength   bool
}

// incidentTimes are the slices incidentOf fills, kept apart from the
// incident so that they can stay in the caller's stack buffers: the
// messages read the incident's times, which escape analysis would let
// take its slices to the heap.
type incidentTimes struct {
	// instants are the UTC minutes of the day of the instants a stated
	// window may start or end at (what matchesAny compares).
	instants []int
	others   []time.Duration // other computed durations a sentence may mean
}

// incidentOf reads the incident from in, reporting whether anything is
// known; its instants and others are appended to the buffers given (the
// caller's, on its stack).
// The lengths are r.Metrics()'s Impact, Mitigate and Resolve, computed
// as Metrics does (between ImpactStart and the moment, when both are
// set), without its other two and the allocations of all five.
func incidentOf(in *lint.Input, instants []int, others []time.Duration) (incident, incidentTimes, bool) {
	r := in.Resolved
	var inc incident
	var ts incidentTimes
	first, last := r.Span()
	inc.start, inc.end = r.ImpactStart, r.ImpactEnd
	if inc.start.IsZero() {
		inc.start = first
	}
	if inc.end.IsZero() {
		inc.end = last
	}
	// A stated window may name any moment the timeline records (onset,
	// mitigation, resolution), but not one it does not.
	ts.instants = instants
	for _, t := range [2]time.Time{r.ImpactStart, r.ImpactEnd} {
		if !t.IsZero() {
			ts.instants = append(ts.instants, utcMinute(t))
		}
	}
	for _, t := range r.Times {
		if !t.IsZero() {
			ts.instants = append(ts.instants, utcMinute(t))
		}
	}
	between := func(a, b time.Time) (time.Duration, bool) {
		if a.IsZero() || b.IsZero() {
			return 0, false
		}
		return b.Sub(a), true
	}
	switch impact, ok := between(r.ImpactStart, r.ImpactEnd); {
	case ok:
		inc.length, inc.hasLength = impact, true
	case !first.IsZero() && last.After(first):
		inc.length, inc.hasLength = last.Sub(first), true
	}
	ts.others = others // at most these three
	for _, name := range [2]string{"mitigated", "resolved"} {
		if d, ok := between(r.ImpactStart, r.Milestones[name]); ok {
			ts.others = append(ts.others, d)
		}
	}
	if !first.IsZero() && last.After(first) {
		ts.others = append(ts.others, last.Sub(first))
	}
	return inc, ts, !inc.start.IsZero() || inc.hasLength
}

// utcMinute is t's minute of the day in UTC.
func utcMinute(t time.Time) int {
	u := t.UTC()
	return u.Hour()*60 + u.Minute()
}

// writtenTimes returns inc.written, reading the timeline's clock times
// the first time a window needs them: most windows match an instant
// first, and then they are never read.
func (inc *incident) writtenTimes(in *lint.Input) []int {
	if inc.writtenRead {
		return inc.written
	}
	inc.writtenRead = true
	inc.written = make([]int, 0, len(in.Doc.Timeline))
	for _, ev := range in.Doc.Timeline {
		raw := ev.RawTime
		if raw == "" {
			raw = ev.Time
		}
		if st, err := timeparse.Scan(raw); err == nil {
			h := st.Hour
			switch strings.ToLower(st.Meridiem) {
			case "pm":
				h = h%12 + 12
			case "am":
				h %= 12
			}
			inc.written = append(inc.written, h*60+st.Minute)
		}
	}
	return inc.written
}

// tolerance allows for rounding: "about 10 minutes" for 8, not for 13.
func tolerance(d time.Duration) time.Duration {
	return max(2*time.Minute, d*15/100)
}

func near(a, b time.Duration) bool {
	diff := a - b
	if diff < 0 {
		diff = -diff
	}
	return diff <= tolerance(max(a, b))
}

func (DurationMismatch) Check(in *lint.Input, emit func(lint.Finding)) {
	var instants [16]int
	var others [3]time.Duration
	inc, ts, known := incidentOf(in, instants[:0], others[:0])
	zone := in.Resolved.Zone
	day := in.Resolved.Date
	if day.IsZero() {
		day = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var segBuf [4][]proseLine
	var wm *windowMemo // fetched at the first line that may hold a window
	for _, seg := range proseSegments(in, segBuf[:0], "summary", "impact") {
		for _, p := range seg {
			var windows []window // windowsOf: none without two colons
			if twoColons(p.Text) {
				if wm == nil {
					wm = windowMemoOf(in)
				}
				windows = wm.windows(p.Text)
			}
			checkDurations(in, p, windows, &inc, ts, known, zone, day, emit)
		}
	}
}

// checkDurations checks one line of the Summary or Impact, whose
// windows are given.
func checkDurations(in *lint.Input, p proseLine, windows []window, inc *incident, ts incidentTimes, known bool, zone timeparse.Zone, day time.Time, emit func(lint.Finding)) {
	var spansBuf [4]timeparse.Span
	spans := statedSpans(p.Text, windows, spansBuf[:0])
	// covered[i]: spans[i] is judged against a window (a map from span
	// index to true before, seeded and hashed for every line).
	var coveredBuf [8]bool
	covered := coveredBuf[:]
	if len(spans) > len(coveredBuf) {
		covered = make([]bool, len(spans))
	}
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
		if !known || len(ts.instants) == 0 {
			continue
		}
		startOK := matchesAny(w.start.utcMinutes(zone, day), ts.instants) || (w.start.zone == nil && matchesMinute(w.start.min, inc.writtenTimes(in)))
		endOK := matchesAny(w.end.utcMinutes(zone, day), ts.instants) || (w.end.zone == nil && matchesMinute(w.end.min, inc.writtenTimes(in)))
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
		ok := near(s.Duration, inc.length)
		for _, o := range ts.others {
			ok = ok || near(s.Duration, o)
		}
		if !ok {
			emit(lint.Finding{Line: p.Line, Column: p.Col + col(p.Text, s.Start) - 1,
				Message: fmt.Sprintf("%q disagrees with the timeline, where the impact lasts %s", s.Text, timeparse.FormatDuration(inc.length))})
		}
	}
}

// lengthWord introduces a duration stated as the incident's length.
var (
	// totalWord follows a duration stated as the length: "(70 minutes total)".
	totalWord = regexp.MustCompile(`(?i)\s+(?:total|in total|of downtime|of impact)\b`)
	hedge     = regexp.MustCompile(`(?i)^(?:about|around|approximately|roughly|nearly|almost|~)?\s*$`)
	hedges    = []string{"about", "around", "approximately", "roughly", "nearly", "almost", "~"}
)

// statedSpans finds the durations a line states as a length: right after
// "for", "lasted" and the like ("for about 13 minutes"), or right before a
// window ("6hrs 30mins between 20:00 and 20:30"). Only short pieces of
// the line go through timeparse.FindDurations, which keeps this cheap.
// The spans go in out, an empty buffer of the caller's (add compares
// each with those already in it).
func statedSpans(text string, windows []window, out []timeparse.Span) []timeparse.Span {
	add := func(base int, s timeparse.Span) {
		s.Start += base
		s.End += base
		for _, o := range out {
			if o.Start == s.Start {
				return
			}
		}
		if s.Duration > 0 {
			out = append(out, s)
		}
	}
	var buf [512]byte
	lower, ascii := lowerASCII(text, &buf) // once: the tests below read it
	if !ascii {
		lower = lowerSameWidth(text)
	}
	// mayDur is mayHaveDuration(text[a:b]): for ASCII text the piece of
	// lower at the same offsets is that piece lower-cased.
	mayDur := func(a, b int) bool {
		if ascii {
			return mayHaveDurationLower(lower[a:b])
		}
		return mayHaveDuration(text[a:b])
	}
	var endsBuf [8]int
	var ends []int
	// The spans of each piece are read here and dropped: they go in a
	// buffer on the stack; add copies the one kept.
	var dsBuf [4]timeparse.Span
	ends, total := lengthWordEndsTotal(lower, endsBuf[:0])
	for _, at := range ends {
		sub := text[at:min(len(text), at+40)]
		if !startsWithNumber(sub) || !mayDur(at, min(len(text), at+40)) {
			continue
		}
		if ds := append(dsBuf[:0], timeparse.FindDurations(sub)...); len(ds) > 0 && isHedge(sub[:ds[0].Start]) {
			add(at, ds[0])
		}
	}
	if total || containsAfter(text, "downtime", " of ") || containsAfter(text, "impact", " of ") {
		for _, m := range totalWord.FindAllStringIndex(text, -1) {
			from := max(0, m[0]-30)
			sub := text[from:m[0]]
			if !mayDur(from, m[0]) {
				continue
			}
			if ds := append(dsBuf[:0], timeparse.FindDurations(sub)...); len(ds) > 0 && ds[len(ds)-1].End == len(sub) {
				add(from, ds[len(ds)-1])
			}
		}
	}
	for _, w := range windows {
		from := max(0, w.off-30)
		sub := text[from:w.off]
		if !mayDur(from, w.off) {
			continue
		}
		if ds := append(dsBuf[:0], timeparse.FindDurations(sub)...); len(ds) > 0 && strings.TrimSpace(sub[ds[len(ds)-1].End:]) == "" {
			add(from, ds[len(ds)-1])
		}
	}
	return out
}

// matchesMinute reports whether a minute of the day is within two minutes
// of one of the written clock times.
func matchesMinute(minute int, written []int) bool {
	for _, w := range written {
		if minutesApart(minute, w) <= 2 {
			return true
		}
	}
	return false
}

// matchesAny reports whether a minute of the day is within two minutes
// of one of the instants' (utcMinute).
func matchesAny(minute int, instants []int) bool {
	for _, m := range instants {
		if minutesApart(minute, m) <= 2 {
			return true
		}
	}
	return false
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
	for i := a; i+1 < b+1 && i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && (s[i+1] == ' ' || s[i+1] == '\t') && i+1 < b {
			return false
		}
	}
	return true
}

// mayHaveDuration is a cheap test before timeparse.FindDurations: a
// duration needs a unit word or a digit followed by a unit letter.
func mayHaveDuration(s string) bool {
	return mayHaveDurationLower(strings.ToLower(s))
}

// mayHaveDurationLower is mayHaveDuration on s lower-cased already.
func mayHaveDurationLower(l string) bool {
	for _, u := range []string{"min", "hour", "hr", "sec", "day"} {
		if strings.Contains(l, u) {
			return true
		}
	}
	for i := 0; i+1 < len(l); i++ {
		if l[i] >= '0' && l[i] <= '9' {
			j := i + 1
			if j < len(l) && l[j] == ' ' {
				j++
			}
			if j < len(l) && (l[j] == 'h' || l[j] == 'm' || l[j] == 's' || l[j] == 'd') {
				return true
			}
		}
	}
	return false
}

// lengthWordEndsTotal finds the words that introduce a duration stated
// as the incident's length: it is lengthWordEnds(lower, out) and
// strings.Contains(lower, "total") (both kept in scan_test.go), with fewer searches: "lasted " and
// "lasting " are both found from "last", "total of " from "total", and
// mentionsLength (a test before lengthWordEnds) is not needed, since
// every length word contains one of its words. None of the words
// searched for overlaps itself, so going on after each occurrence finds
// them all, as lengthWordEnds does; the ends are appended in its order,
// word by word.
func lengthWordEndsTotal(lower string, out []int) ([]int, bool) {
	// end is the offset after the length word of n bytes (its space
	// included) at i and the spaces after it, ok false when a letter
	// comes before it.
	end := func(i, n int) (int, bool) {
		if i > 0 && isLetter(lower[i-1]) {
			return 0, false
		}
		e := i + n - 1
		for e < len(lower) && lower[e] == ' ' {
			e++
		}
		return e, true
	}
	for from := 0; ; { // "for "
		i := strings.Index(lower[from:], "for ")
		if i < 0 {
			break
		}
		i += from
		if e, ok := end(i, len("for ")); ok {
			out = append(out, e)
		}
		from = i + len("for ")
	}
	var lastingBuf [4]int
	lasting := lastingBuf[:0]
	for from := 0; ; { // "lasted ", then "lasting "
		i := strings.Index(lower[from:], "last")
		if i < 0 {
			break
		}
		i += from
		switch rest := lower[i+len("last"):]; {
		case strings.HasPrefix(rest, "ed "):
			if e, ok := end(i, len("lasted ")); ok {
				out = append(out, e)
			}
		case strings.HasPrefix(rest, "ing "):
			if e, ok := end(i, len("lasting ")); ok {
				lasting = append(lasting, e)
			}
		}
		from = i + len("last")
	}
	out = append(out, lasting...)
	out = appendWordEnds(lower, "outage of ", out, end)
	total := false
	for from := 0; ; { // "total", and "total of "
		i := strings.Index(lower[from:], "total")
		if i < 0 {
			break
		}
		i += from
		total = true
		if strings.HasPrefix(lower[i:], "total of ") {
			if e, ok := end(i, len("total of ")); ok {
				out = append(out, e)
			}
		}
		from = i + len("total")
	}
	out = appendWordEnds(lower, "duration of ", out, end)
	out = appendWordEnds(lower, "downtime of ", out, end)
	return out, total
}

// appendWordEnds appends end(i, len(w)) for each occurrence i of w in
// lower that end accepts.
func appendWordEnds(lower, w string, out []int, end func(i, n int) (int, bool)) []int {
	for from := 0; ; {
		i := strings.Index(lower[from:], w)
		if i < 0 {
			return out
		}
		i += from
		if e, ok := end(i, len(w)); ok {
			out = append(out, e)
		}
		from = i + len(w)
	}
}

var numberWords = []string{"a ", "an ", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "half", "about", "around", "approximately", "roughly", "nearly", "almost", "~"}

// startsWithNumber is a cheap test that a duration may start here: a
// digit, a number word, or a hedge before one.
func startsWithNumber(s string) bool {
	if s == "" {
		return false
	}
	if isDigit(s[0]) {
		return true
	}
	l := strings.ToLower(s[:min(len(s), 14)])
	for _, w := range numberWords {
		if strings.HasPrefix(l, w) {
			return true
		}
	}
	return false
}

// isHedge is hedge.MatchString: nothing but spaces, or one hedge word and
// spaces. The pattern's (?i) also lets a long s (U+017F) stand for "s",
// so text that is not ASCII goes to the pattern itself.
func isHedge(s string) bool {
	t := strings.TrimRight(s, " \t\n\f\r")
	if t == "" {
		return true
	}
	for i := 0; i < len(t); i++ {
		if t[i] >= utf8.RuneSelf {
			return hedge.MatchString(s)
		}
	}
	for _, h := range hedges {
		if strings.EqualFold(t, h) {
			return true
		}
	}
	return false
}

// containsAfter is strings.Contains(s, before+word), searching for word:
// the spaces before+word starts with are everywhere in prose.
func containsAfter(s, word, before string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], word)
		if i < 0 {
			return false
		}
		if at := off + i; strings.HasSuffix(s[:at], before) {
			return true
		}
		off += i + 1
	}
}

// lowerSameWidth lower-cases s rune by rune, keeping every rune whose
// lower case is longer or shorter in UTF-8 ("Ⱥ" becomes the longer "ⱥ",
// the Kelvin sign a one-byte "k"), so that an offset found in the result
// is the same offset in s. Offsets from strings.ToLower shifted after such
// a rune, and slicing s with them panicked or cut the wrong text. The
// words searched for are ASCII, so a kept rune can only hide a Kelvin
// sign spelling "weeks" or "took", which no one writes.
func lowerSameWidth(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if l := unicode.ToLower(r); r != utf8.RuneError && utf8.RuneLen(l) == size {
			b.WriteRune(l)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// lowerASCII is strings.ToLower(s) for ASCII s that fits in buf, written
// into buf; ok is false, and nothing is returned, for other s. On ASCII
// strings.ToLower maps A-Z to a-z and keeps every other byte, which is
// what the eight-byte steps do: with every byte below 0x80, adding
// 0x80-'A' (and 0x80-'Z'-1) to a byte sets its top bit exactly when it is
// at least 'A' (above 'Z') and never carries into the next byte.
// The string returned shares buf: the caller keeps buf as it is while
// it reads the string, and lets neither outlive the call.
func lowerASCII(s string, buf *[512]byte) (string, bool) {
	if len(s) > len(buf) {
		return "", false
	}
	const ones, high = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if x&high != 0 {
			return "", false
		}
		upper := (x + ones*(0x80-'A')) &^ (x + ones*(0x80-'Z'-1)) & high
		binary.LittleEndian.PutUint64(buf[i:], x|upper>>2)
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return "", false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	if len(s) == 0 {
		return "", true
	}
	return unsafe.String(&buf[0], len(s)), true
}
