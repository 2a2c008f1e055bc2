package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/lint/bench"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// The patterns the hand-written scanners of this package replace; the
// tests below hold the scanners to them.
var (
	// zonedTime is what findZonedTimes replaces.
	zonedTime = regexp.MustCompile(`\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[aApP]\.?[mM]\.?)?\s+(UTC[+-]\d{1,2}(?::?\d{2})?|GMT[+-]\d{1,2}(?::?\d{2})?|[A-Z]{2,5})\b`)
	// atxHeading is what splitATX replaces.
	atxHeading = regexp.MustCompile(`^( {0,3})(#{1,6})([ \t]+.*)?$`)
	// canonicalTitle and titleDate are what isCanonicalTitle and
	// findTitleDate replace.
	canonicalTitle = regexp.MustCompile(`^Incident: (\d{4}-\d{2}-\d{2}) \d{2}-\d{2}-\d{2}$`)
	titleDate      = regexp.MustCompile(`\b(\d{4}-\d{2}-\d{2})\b`)
)

// scanSeeds are real lines (rule fixtures, the corpus, synthetic
// reports) and hand-written edge cases of the patterns' preferences.
func scanSeeds() []string {
	seeds := []string{"11:41 am MST", "19:35 UTC", "10:00 UTC-7", "10:00 UTC-07:00", "10:00 UTC+0530", "10:00 UTC+123", "10:00 UTC+5x",
		"10:00 GMT-1", "10:00 UTC+", "11:41 AM", "11:41 AM.", "11:41 a.m. PDT", "11:41 a.m.PDT", "11:41a.m. PDT", "11:41 \t\fPM  EST",
		"11:41\nUTC", "11:41:05 UTC", "11:41:5 UTC", "11:41: UTC", "1:41 UTC", "111:41 UTC", "x11:41 UTC", "_11:41 UTC", "é11:41 UTC",
		"11:41 UTCX", "11:41 ABCDEF", "11:41 AB_", "11:41 A", "11:41 pm", "11:41 pmUTC", "11:41 pm UTC 12:00 MST", "11:41 p.M. CET",
		"11:41 P.m.. CET", "11:41 am. MST", "Between 08:03 and 08:46 UTC on 2025-06-09", "the 19:34 Z", "19:34 UTC+1:30", "19:34 GMT+01:3",
		"# T", "#", "   ###### x", "    # x", "####### x", "##\tx", "##x", "## x\ny", "## \xff", " # ", "#\r",
		"Incident: 2024-12-04 19-47-00", "Incident: 2024-12-04 19-47-00 ", "Incident:  2024-12-04 19-47-00", "Incident: 2024-12-4 19-47-000",
		"x2024-12-04 2024-12-05", "2024-12-045 2024-12-06", "_2024-12-04", "2024-12-04_", "é2024-12-04é", "12024-12-04", "2024-12-04-05",
		"about ", "ABOUT\t", " about", "~", "~~", "almoſt ", "Approximately  \n", "roughlyx", "nearly\v", "around the",
		"-----BEGIN", "----BEGIN", "BEGIN-----BEGIN", "x-----BEGIN RSA", ":", "1:", "1:2", "1:23", "1:23 A", "a:12 T", "1:23 pm", "1:23 pmT", ":12:34 UTC",
		"between 10:00", "BETWEEN  10:00", "xbetween 10:00", "from the hour of 10:00", "From The Hour Of  10:00", "İbetween 10:00", "betweİn 10:00",
		"the hour of 10", "frOm\xe2 10", "for 5 minutes", "before 5", "for  for 5", "lasted 5, lasting 6", "lasting 1 lasted 2 lasting 3 lasted 4", "subtotal of 5 min total of 6 min", "lastlasted 5", "blasted 5 lasting", "the outage of  5", "for", "for x", "fore ",
		"-----BEGIN RSA PRIVATE KEY-----\nMIIabc\n-----END", "a\n-----BEGIN\nb-----BEGIN", "aaaaaaaaaaaaaaa\naaaaaaaaaaaaaaaa\n", "token=abcdefghijklmnopqrstuvwxyz0123456789 and ghp_0123456789abcdefghij\nok",
		"\r\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n-----BEGI\nN", "       abcdefghijklmnop", "   abcdefghijklmno", "abcdefghijklmno\tp", "abcdefgh\x7fijklmnopq", "abcdefg\x80hijklmnopqrstuvw",
		"x abcdefghijklmnop\nyy abcdefghijklmnopqrs\n", "\x00\x01\x1f\x20\x21abcdefghijklmnop", "short words only\nhere",
		"(Owner: Sam)", "OWNED BY x", "assigned to: @bob", "AssigneE=Al", "owner:", "aſſignee: Bo", "Due: 2025-01-01", "DEADLINE = x", "target DATE: y", "due date:z",
		"For 5 minutes", "LASTED 3 HRS", "Total of 5 min", "subTOTAL 5 min", "the DownTime Of  4 hours", "lasted lasting 5m", "for5 minutes",
		"xfor 5 min", "İfor 5 min", "for 5 mİn", "For 10 MİNUTES total", "a 5 Hr outage of 6 Min", "Duration Of 1 day (4 hours total)",
		" of downtime", "of downtime", "x of  downtime", " of impact of impact", "impact of impact", " of of of"}
	texts := bench.Texts(64, "testdata/*/*.md", "testdata/*/*.yaml", "../testdata/*/*.md", "../../markdown/testdata/*/*.md",
		"../../../../shared/corpus/*.md", "../../../../shared/corpus/*/*.md", "../../../../shared/reference/*.md")
	for _, text := range texts {
		for _, l := range strings.Split(text, "\n") {
			seeds = append(seeds, l, strings.TrimSpace(strings.TrimLeft(l, "#")))
		}
	}
	return seeds
}

func checkScanners(t *testing.T, s string) {
	t.Helper()
	var want [][4]int
	for _, m := range zonedTime.FindAllStringSubmatchIndex(s, -1) {
		want = append(want, [4]int(m))
	}
	if got := findZonedTimes(s, nil); !reflect.DeepEqual(got, want) {
		t.Errorf("findZonedTimes(%q) = %v, zonedTime finds %v", s, got, want)
	}
	indent, marks, rest, ok := splitATX(s)
	if m := atxHeading.FindStringSubmatch(s); (m != nil) != ok || ok && (m[1] != indent || m[2] != marks || m[3] != rest) {
		t.Errorf("splitATX(%q) = %q, %q, %q, %v; atxHeading finds %q", s, indent, marks, rest, ok, m)
	}
	if isCanonicalTitle(s) != canonicalTitle.MatchString(s) {
		t.Errorf("isCanonicalTitle(%q) = %v", s, isCanonicalTitle(s))
	}
	d, ok := findTitleDate(s)
	if m := titleDate.FindStringSubmatch(s); (m != nil) != ok || ok && m[1] != d {
		t.Errorf("findTitleDate(%q) = %q, %v; titleDate finds %q", s, d, ok, m)
	}
	for _, src := range []string{s, s + "\n" + s, "x\n" + s + "\r\n\n" + strings.Repeat("k", 16)} {
		in := &lint.Input{Source: []byte(src)}
		var want []int
		for n := 1; n <= in.LineCount(); n++ {
			if mayHoldSecretRef(in.Line(n)) {
				want = append(want, n)
			}
		}
		if got := secretLines(in); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Errorf("secretLines(%q) = %v, want %v", src, got, want)
		}
	}
	if zoneAfterClock(s) != zoneAfterClockRef(s) {
		t.Errorf("zoneAfterClock(%q) = %v", s, zoneAfterClock(s))
	}
	for at := 0; at <= len(s); at += max(1, len(s)/7) {
		if got, want := keywordBefore(s, at), keywordBeforeRef(s, at); got != want {
			t.Errorf("keywordBefore(%q, %d) = %d, want %d", s, at, got, want)
		}
	}
	lower := strings.ToLower(s)
	if ends, total := lengthWordEndsTotal(lower, nil); !reflect.DeepEqual(ends, lengthWordEnds(lower, nil)) || total != strings.Contains(lower, "total") {
		t.Errorf("lengthWordEndsTotal(%q) = %v, %v; want %v", lower, ends, total, lengthWordEnds(lower, nil))
	}
	if lower := strings.ToLower(s); !reflect.DeepEqual(lengthWordEnds(lower, nil), lengthWordEndsRef(lower)) {
		t.Errorf("lengthWordEnds(%q) = %v, want %v", lower, lengthWordEnds(lower, nil), lengthWordEndsRef(lower))
	}
	for _, c := range []struct {
		re    *regexp.Regexp
		words []string
	}{{ownerInText, ownerInTextWords}, {dueInText, dueInTextWords}} {
		if c.re.MatchString(s) && !strings.Contains(s, "ſ") && !containsAnyFold(s, c.words) {
			t.Errorf("%v matches %q, which has none of %q", c.re, s, c.words)
		}
	}
	for _, w := range []string{"downtime", "impact", "of"} {
		if containsAfter(s, w, " of ") != strings.Contains(s, " of "+w) {
			t.Errorf("containsAfter(%q, %q) = %v", s, w, containsAfter(s, w, " of "))
		}
	}
	if isHedge(s) != hedge.MatchString(s) {
		t.Errorf("isHedge(%q) = %v", s, isHedge(s))
	}
	if twoColons(s) != (strings.Count(s, ":") >= 2) {
		t.Errorf("twoColons(%q) = %v", s, twoColons(s))
	}
	for _, k := range []int{0, len(s) / 3, len(s) / 2} {
		raw, text := s[:k], s[k:]
		for _, line := range []string{s, "- _" + raw + "_ - " + text, "- _" + raw + "_ -  " + text} {
			if isCanonicalEntry(line, raw, text) != (line == "- _"+raw+"_ - "+text) {
				t.Errorf("isCanonicalEntry(%q, %q, %q) = %v", line, raw, text, isCanonicalEntry(line, raw, text))
			}
		}
	}
	got := spansOrPanic(func(s string, ws []window) []timeparse.Span { return statedSpans(s, ws, nil) }, s)
	if want := spansOrPanic(statedSpansRef, s); !reflect.DeepEqual(got, want) {
		t.Errorf("statedSpans(%q) = %v, want %v", s, got, want)
	}
	if msg, panicked := got.(string); panicked {
		t.Errorf("statedSpans(%q) %s", s, msg)
	}
	spans, _ := got.([]timeparse.Span)
	for _, sp := range spans {
		if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End || !utf8.RuneStart(s[sp.Start]) || sp.End < len(s) && !utf8.RuneStart(s[sp.End]) {
			t.Errorf("statedSpans(%q): span %d-%d cuts the text", s, sp.Start, sp.End)
		}
	}
	if l := lowerSameWidth(s); len(l) != len(s) || isASCII(s) && l != strings.ToLower(s) {
		t.Errorf("lowerSameWidth(%q) = %q", s, l)
	}
	var buf [512]byte
	if lower, ok := lowerASCII(s, &buf); ok != (isASCII(s) && len(s) <= len(buf)) || ok && lower != strings.ToLower(s) {
		t.Errorf("lowerASCII(%q) = %q, %v", s, lower, ok)
	}
	if mayHaveDuration(s) != mayHaveDurationRef(s) {
		t.Errorf("mayHaveDuration(%q) = %v", s, mayHaveDuration(s))
	}
}

// mayHoldSecretRef is the per-line test secretLines answers for a whole
// file: "-----BEGIN" or a run of 16 token bytes.
func mayHoldSecretRef(line string) bool {
	if strings.Contains(line, "-----BEGIN") {
		return true
	}
	run := 0
	for i := 0; i < len(line); i++ {
		c := line[i]
		if isLetter(c) || isDigit(c) || strings.IndexByte("_-+/=.~:?&%#@", c) >= 0 {
			run++
			if run >= 16 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

func TestScannersAgreeWithPatterns(t *testing.T) {
	for _, s := range scanSeeds() {
		checkScanners(t, s)
	}
}

// FuzzScanners: each scanner finds what the pattern it replaces finds, on
// any bytes.
func FuzzScanners(f *testing.F) {
	for _, s := range scanSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 400 {
			return // prose lines are short
		}
		checkScanners(t, s)
	})
}

// zoneAfterClockRef is zoneAfterClock before it jumped from colon to colon.
func zoneAfterClockRef(s string) bool {
	for i := 1; i+2 < len(s); i++ {
		if s[i] != ':' || !isDigit(s[i-1]) || !isDigit(s[i+1]) || !isDigit(s[i+2]) {
			continue
		}
		j := i + 3
		for j < len(s) && (isDigit(s[j]) || s[j] == ':' || s[j] == ' ' || s[j] == '.' || s[j] == 'a' || s[j] == 'p' || s[j] == 'm' || s[j] == 'A' || s[j] == 'P' || s[j] == 'M') {
			j++
		}
		if j < len(s) && s[j] >= 'A' && s[j] <= 'Z' {
			return true
		}
		if j > i+3 && j <= len(s) && j-1 >= 0 && (s[j-1] == 'M' || s[j-1] == 'T') {
			return true // "MST" swallowed by the am/pm letters above
		}
	}
	return false
}

// keywordBeforeRef is keywordBefore as it was, lower-casing the text.
func keywordBeforeRef(s string, at int) int {
	t := strings.TrimRight(s[:at], " ")
	if t == s[:at] && at > 0 {
		return -1 // a keyword needs a space before the time
	}
	lower := strings.ToLower(t)
	if strings.HasSuffix(lower, "the hour of") {
		t = strings.TrimRight(t[:len(t)-len("the hour of")], " ")
		lower = strings.ToLower(t)
	}
	for _, kw := range []string{"between", "from"} {
		if strings.HasSuffix(lower, kw) {
			i := len(t) - len(kw)
			if i == 0 || !isLetter(t[i-1]) {
				return i
			}
		}
	}
	return -1
}

// lengthWordEndsRef is lengthWordEnds as it was, finding the words alone.
func lengthWordEndsRef(lower string) []int {
	var out []int
	for _, w := range []string{"for", "lasted", "lasting", "outage of", "total of", "duration of", "downtime of"} {
		for from := 0; ; {
			i := strings.Index(lower[from:], w)
			if i < 0 {
				break
			}
			i += from
			end := i + len(w)
			from = end
			if i > 0 && isLetter(lower[i-1]) || end >= len(lower) || lower[end] != ' ' {
				continue
			}
			for end < len(lower) && lower[end] == ' ' {
				end++
			}
			out = append(out, end)
		}
	}
	return out
}

// statedSpansRef is statedSpans as it was, lower-casing each line and
// searching it once per length word.
func statedSpansRef(text string, windows []window) []timeparse.Span {
	var out []timeparse.Span
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
	lower := lowerSameWidth(text) // once: the tests below read it (see lowerSameWidth)
	if mentionsLength(lower) {
		for _, at := range lengthWordEnds(lower, nil) {
			sub := text[at:min(len(text), at+40)]
			if !startsWithNumber(sub) || !mayHaveDurationRef(sub) {
				continue
			}
			if ds := timeparse.FindDurations(sub); len(ds) > 0 && isHedge(sub[:ds[0].Start]) {
				add(at, ds[0])
			}
		}
	}
	if strings.Contains(lower, "total") || containsAfter(text, "downtime", " of ") || containsAfter(text, "impact", " of ") {
		for _, m := range totalWord.FindAllStringIndex(text, -1) {
			from := max(0, m[0]-30)
			sub := text[from:m[0]]
			if !mayHaveDurationRef(sub) {
				continue
			}
			if ds := timeparse.FindDurations(sub); len(ds) > 0 && ds[len(ds)-1].End == len(sub) {
				add(from, ds[len(ds)-1])
			}
		}
	}
	for _, w := range windows {
		from := max(0, w.off-30)
		sub := text[from:w.off]
		if !mayHaveDurationRef(sub) {
			continue
		}
		if ds := timeparse.FindDurations(sub); len(ds) > 0 && strings.TrimSpace(sub[ds[len(ds)-1].End:]) == "" {
			add(from, ds[len(ds)-1])
		}
	}
	return out
}

// mayHaveDurationRef is mayHaveDuration as it was, lower-casing s.
func mayHaveDurationRef(s string) bool {
	l := strings.ToLower(s)
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

// spansOrPanic is f(s, findWindows(s)), or what it panics with. Until
// lowerSameWidth, statedSpans read offsets of a lower-cased copy in the
// text and panicked where lower-casing changed a rune's length; the
// checks above now require it never to panic.
func spansOrPanic(f func(string, []window) []timeparse.Span, s string) (out any) {
	defer func() {
		if r := recover(); r != nil {
			out = fmt.Sprint("panic: ", r)
		}
	}()
	return f(s, findWindows(s))
}

// seedReports are the sources of every report the scanner seeds come
// from, by name.
func seedReports() map[string][]byte {
	var files []string
	for _, glob := range []string{"testdata/*/*.md", "testdata/*/*.yaml", "../testdata/*/*.md", "../../markdown/testdata/*/*.md",
		"../../../../shared/corpus/*.md", "../../../../shared/corpus/*/*.md", "../../../../shared/reference/*.md"} {
		fs, _ := filepath.Glob(glob)
		files = append(files, fs...)
	}
	srcs := map[string][]byte{}
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			srcs[f] = data
		}
	}
	for i := 0; i < 64; i++ {
		srcs[fmt.Sprint("bench", i, ".md")] = bench.Report(i)
	}
	return srcs
}

// TestProseSegments: proseSegments' pieces, read in order, are proseOf's
// lines but for Kind, on every report the scanner seeds come from.
func TestProseSegments(t *testing.T) {
	for name, src := range seedReports() {
		for _, kinds := range [][]string{{"summary", "impact"}, {"impact"}, {"timeline", "summary"}, nil} {
			in, err := lint.Load(name, src, lint.DefaultSettings())
			if err != nil {
				continue
			}
			var got []proseLine
			for _, seg := range proseSegments(in, nil, kinds...) {
				for _, l := range seg {
					l.Kind = ""
					got = append(got, l)
				}
			}
			in2, _ := lint.Load(name, src, lint.DefaultSettings())
			var want []proseLine
			for _, l := range proseOf(in2, kinds...) {
				l.Kind = ""
				want = append(want, l)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %v: proseSegments gives %v, proseOf %v", name, kinds, got, want)
			}
		}
	}
}

// TestIncidentOf: incidentOf reads what it read before it computed the
// lengths itself and kept minutes of the day, on every seed report.
func TestIncidentOf(t *testing.T) {
	n := 0
	for name, src := range seedReports() {
		in, err := lint.Load(name, src, lint.DefaultSettings())
		if err != nil {
			continue
		}
		n++
		inc, ts, known := incidentOf(in, nil, nil)
		ref, refKnown := incidentOfRef(in)
		var mins []int
		for _, t := range ref.starts {
			mins = append(mins, utcMinute(t))
		}
		if known != refKnown || inc.start != ref.start || inc.end != ref.end || fmt.Sprint(ts.instants) != fmt.Sprint(mins) ||
			inc.hasLength != (ref.length != nil) || ref.length != nil && inc.length != *ref.length || fmt.Sprint(ts.others) != fmt.Sprint(ref.others) {
			t.Errorf("%s: incidentOf = %+v %+v %v, was %+v %v", name, inc, ts, known, ref, refKnown)
		}
	}
	if n < 64 {
		t.Fatalf("only %d reports loaded", n)
	}
}

// incidentRef is incident as it was.
type incidentRef struct {
	start, end   time.Time
	starts, ends []time.Time
	length       *time.Duration
	others       []time.Duration
}

// incidentOfRef is incidentOf as it was, reading r.Metrics().
func incidentOfRef(in *lint.Input) (incidentRef, bool) {
	r := in.Resolved
	var inc incidentRef
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
	inc.starts = make([]time.Time, 0, 2+len(r.Times))
	for _, t := range [][]time.Time{{r.ImpactStart, r.ImpactEnd}, r.Times} {
		for _, t := range t {
			if !t.IsZero() {
				inc.starts = append(inc.starts, t)
			}
		}
	}
	inc.ends = inc.starts // the same instants, only read
	m := r.Metrics()
	switch {
	case m.Impact != nil:
		inc.length = m.Impact
	case !first.IsZero() && last.After(first):
		d := last.Sub(first)
		inc.length = &d
	}
	inc.others = make([]time.Duration, 0, 3) // at most these three
	for _, d := range []*time.Duration{m.Mitigate, m.Resolve} {
		if d != nil {
			inc.others = append(inc.others, *d)
		}
	}
	if !first.IsZero() && last.After(first) {
		inc.others = append(inc.others, last.Sub(first))
	}
	return inc, !inc.start.IsZero() || inc.length != nil
}

// mentionsLength (statedSpansRef's) is a cheap test for the words statedLength looks for,
// in a line lower-cased by strings.ToLower.
func mentionsLength(l string) bool {
	for _, w := range []string{"for ", "last", "outage of", "total of", "duration of", "downtime of"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// lengthWordEnds (statedSpansRef's, held to lengthWordEndsRef) returns the offsets just after each length word and the
// spaces that follow it ("lasted |13 minutes"), in a line lower-cased by
// strings.ToLower, appended to out.
func lengthWordEnds(lower string, out []int) []int {
	for _, w := range lengthWords {
		for from := 0; ; {
			i := strings.Index(lower[from:], w)
			if i < 0 {
				break
			}
			i += from
			end := i + len(w) - 1 // the word without its space
			from = end
			if i > 0 && isLetter(lower[i-1]) {
				continue
			}
			for end < len(lower) && lower[end] == ' ' {
				end++
			}
			out = append(out, end)
		}
	}
	return out
}

// lengthWords introduce a duration stated as the incident's length.
// lengthWordEnds looks for each followed by a space, as it must be:
// none of them overlaps itself, so the occurrences it finds are the ones
// of the word alone that a space follows.
var lengthWords = []string{"for ", "lasted ", "lasting ", "outage of ", "total of ", "duration of ", "downtime of "}

// TestUTCMinutes: in UTC (or no zone) a clock's UTC minute is its own,
// what time.Date and UTC() give, on any day.
func TestUTCMinutes(t *testing.T) {
	days := []time.Time{time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 30, 0, 0, 0, 0, time.UTC)}
	for _, z := range []timeparse.Zone{timeparse.UTC, {}, utcZone} {
		for _, day := range days {
			for m := 0; m < 24*60; m++ {
				c := clock{min: m}
				u := time.Date(day.Year(), day.Month(), day.Day(), m/60, m%60, 0, 0, time.UTC).UTC()
				if got := c.utcMinutes(z, day); got != u.Hour()*60+u.Minute() {
					t.Fatalf("utcMinutes(%d, %v) = %d", m, z, got)
				}
			}
		}
	}
}
