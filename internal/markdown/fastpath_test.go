package markdown

import (
	"hash/fnv"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// The importer tests cheaply whether a pattern can match before running
// it, and matches some patterns in a cheaper form. Each test must be a
// true precondition and each cheaper form must give what the pattern
// gives, or import results would change; these check both on every line
// of the fixtures (and the corpus, when present) and under fuzzing.

func checkFastPaths(t *testing.T, s string) {
	t.Helper()
	if want := zoneMention.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(zoneMentions(s), want) {
		t.Errorf("zoneMentions(%q) = %v, want %v", s, zoneMentions(s), want)
	}
	if usDate.MatchString(s) && !strings.Contains(s, "/") || dotDate.MatchString(s) && !strings.Contains(s, ".20") {
		t.Errorf("findDate skips a usDate or dotDate in %q", s)
	}
	if (monthDate.MatchString(s) || dayMonth.MatchString(s)) && isASCII(s) && !monthAtWordStart(s) {
		t.Errorf("monthAtWordStart(%q) = false, a month pattern matches", s)
	}
	if metaField.MatchString(s) && !mayHoldMetaField(s) {
		t.Errorf("mayHoldMetaField(%q) = false, metaField matches", s)
	}
	if timeOnly.MatchString(s) && !onlyTimeLetters(s) {
		t.Errorf("onlyTimeLetters(%q) = false, timeOnly matches", s)
	}
	if (timeOnly.MatchString(s) || entryPattern.MatchString(s)) && !isDigit(strings.TrimLeft(s, "*_`~[]")[0]) {
		t.Errorf("%q matches an entry pattern without a digit after the emphasis", s)
	}
	if !strings.Contains(s, "\n") {
		want := entryPattern.FindStringSubmatch(s)
		var got []string
		if x := entryHead.FindStringSubmatchIndex(s); x != nil {
			got = make([]string, 7)
			for g := 0; g <= 5; g++ {
				if x[2*g] >= 0 {
					got[g] = s[x[2*g]:x[2*g+1]]
				}
			}
			got[0], got[6] = s, s[x[1]:]
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("entryHead on %q: %q, entryPattern: %q", s, got, want)
		}
	}
	if x := simpleEntryHead(s); x != nil && !strings.Contains(s, "\n") {
		if want := entryHead.FindStringSubmatchIndex(s); !reflect.DeepEqual(x, want) {
			t.Errorf("simpleEntryHead(%q) = %v, entryHead: %v", s, x, want)
		}
		if timeOnly.MatchString(s) {
			t.Errorf("simpleEntryHead(%q) matches, but timeOnly comes first", s)
		}
	}
	if want := bulletPrefix.ReplaceAllString(s, ""); trimBullet(s) != want {
		t.Errorf("trimBullet(%q) = %q, want %q", s, trimBullet(s), want)
	}
	if want := approxPrefix.ReplaceAllString(s, "$1"); trimApprox(s) != want {
		t.Errorf("trimApprox(%q) = %q, want %q", s, trimApprox(s), want)
	}
	if want := leadingNumber.ReplaceAllString(s, ""); trimLeadingNumber(s) != want {
		t.Errorf("trimLeadingNumber(%q) = %q, want %q", s, trimLeadingNumber(s), want)
	}
	if parts, at := mergeSplit.Split(s, -1), firstSeparator(s); len(parts) > 1 != (at >= 0) || at >= 0 && normWords(parts[0]) != normWords(s[:at]) {
		t.Errorf("firstSeparator(%q) = %d; mergeSplit gives %q", s, at, parts)
	}
	if want := actionDetails.FindStringSubmatchIndex(s); !reflect.DeepEqual(findActionDetails(s), want) {
		t.Errorf("findActionDetails(%q) = %v, want %v", s, findActionDetails(s), want)
	}
	strip := func(r rune) rune {
		if r == '*' || r == '`' {
			return -1
		}
		return r
	}
	if want := strings.Map(strip, trimUnderscores(s)); stripEmphasis(s) != want {
		t.Errorf("stripEmphasis(%q) = %q, want %q", s, stripEmphasis(s), want)
	}
	h := fnv.New64a()
	h.Write([]byte(s))
	if fingerprint(s) != h.Sum64() {
		t.Errorf("fingerprint(%q) is not FNV-1a", s)
	}
	if w := normWords(s); w != "" {
		if h, n := sentenceHash(s); h != fingerprint(w) || n != len(strings.Fields(w)) {
			t.Errorf("sentenceHash(%q) = %d, %d words; normWords gives %q", s, h, n, w)
		}
	} else if _, n := sentenceHash(s); n != 0 {
		t.Errorf("sentenceHash(%q) counts %d words, normWords none", s, n)
	}
	checkFastPaths2(t, s)
	if mayMentionTime(s) != strings.Contains(strings.ToLower(s), "time") {
		t.Errorf("mayMentionTime(%q) = %v", s, mayMentionTime(s))
	}
	if submitted.MatchString(s) && isASCII(s) && !strings.Contains(strings.ToLower(s), "submitted") {
		t.Errorf("submitted matches %q without the word", s)
	}
	if isDetailPart(s) != detailPart.MatchString(s) {
		t.Errorf("isDetailPart(%q) = %v", s, isDetailPart(s))
	}
	if isASCII(s) {
		for _, w := range []string{"between", "submitted", "sev", "status", "author", "date", "priority", "a", "0:"} {
			if got, want := indexFoldASCII(s, w), strings.Index(strings.ToLower(s), w); got != want {
				t.Errorf("indexFoldASCII(%q, %q) = %d, want %d", s, w, got, want)
			}
		}
	}
	if got, want := collapseSpaces(s), strings.Join(strings.Fields(s), " "); got != want {
		t.Errorf("collapseSpaces(%q) = %q, want %q", s, got, want)
	}
	if got, want := unescapeBlock(s), blockEscape.ReplaceAllString(s, "$1$2"); got != want {
		t.Errorf("unescapeBlock(%q) = %q, want %q", s, got, want)
	}
	for _, mw := range milestoneWords {
		for _, text := range []string{s, strings.ToLower(s)} {
			want := mw.re.MatchString(text)
			if want && !containsAnyOf(text, mw.any) {
				t.Errorf("milestone %s matches %q without any of %q", mw.name, text, mw.any)
			}
			if got := mw.match(text); got != want {
				t.Errorf("milestone %s match(%q) = %v, want %v", mw.name, text, got, want)
			}
		}
	}
	if got, want := classifyHeading(s), classifyHeadingRef(s); !reflect.DeepEqual(got, want) {
		t.Errorf("classifyHeading(%q) = %q, want %q", s, got, want)
	}
	if isASCII(s) {
		if got, want := lowerStripASCII(s), strings.ToLower(stripEmphasis(s)); got != want {
			t.Errorf("lowerStripASCII(%q) = %q, want %q", s, got, want)
		}
	}
	if isASCII(s) {
		var got, want [][2]uint64
		eachSentenceHashASCII(s, false, func(h uint64, n int) { got = append(got, [2]uint64{h, uint64(n)}) })
		for _, sent := range splitSentences(s) { // the split templateMatch used
			h, n := sentenceHash(sent)
			want = append(want, [2]uint64{h, uint64(n)})
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("eachSentenceHashASCII(%q) = %v, want %v", s, got, want)
		}
	}
	if isASCII(s) {
		var got, want [][2]uint64
		eachSentenceHashASCII(s, true, func(h uint64, n int) { got = append(got, [2]uint64{h, uint64(n)}) })
		eachSentenceHashASCII(stripEmphasisASCII(s), false, func(h uint64, n int) { want = append(want, [2]uint64{h, uint64(n)}) })
		if !reflect.DeepEqual(got, want) {
			t.Errorf("eachSentenceHashASCII(%q, strip) = %v, want %v", s, got, want)
		}
	}
	{
		want := isoDate.FindAllStringSubmatchIndex(s, 2)
		ms, k := isoDates(s)
		var got [][]int
		for _, m := range ms[:k] {
			got = append(got, m[:])
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("isoDates(%q) = %v, want %v", s, got, want)
		}
	}
	if at := indexFoldASCII(s, "between"); at >= 0 && isASCII(s) {
		want := -1
		if m := windowDate.FindStringSubmatchIndex(s); m != nil {
			want = m[2]
		}
		if got := windowDateAt(s, at); got != want {
			t.Errorf("windowDateAt(%q) = %d, want %d", s, got, want)
		}
	}
	if rest, ok := strings.CutPrefix(s, "This incident affected "); ok {
		if m := affected.FindStringSubmatch(s); (m != nil) != (rest != "") || m != nil && m[1] != rest {
			t.Errorf("affected on %q: %q, cut: %q", s, m, rest)
		}
	} else if affected.MatchString(s) {
		t.Errorf("affected matches %q without its prefix", s)
	}
	if isASCII(s) {
		if got, want := submittedASCII(s), submitted.FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
			t.Errorf("submittedASCII(%q) = %q, want %q", s, got, want)
		}
	}
	for n := 2; n <= 3 && n <= len(s); n++ {
		var w [3]byte
		copy(w[:], s[:n])
		if isZoneWord(w, n) != zoneWords[s[:n]] {
			t.Errorf("isZoneWord(%q) = %v", s[:n], !zoneWords[s[:n]])
		}
	}
	if isASCII(s) {
		if got, want := dateLineTextLen(s), len(strings.TrimSpace(strings.Trim(stripEmphasis(s), " :#-–—"))); got != want {
			t.Errorf("dateLineTextLen(%q) = %d, want %d", s, got, want)
		}
	}
	if n, l := countAlnum(s), len(strings.TrimSpace(strings.Trim(stripEmphasis(s), " :#-–—"))); n > l {
		t.Errorf("countAlnum(%q) = %d, more than the %d bytes dateLine measures", s, n, l)
	}
	if hasTitlePlaceholder(s) != titlePlaceholder.MatchString(s) {
		t.Errorf("hasTitlePlaceholder(%q) = %v", s, hasTitlePlaceholder(s))
	}
	if hasWordBullet(s) != wordBullet.MatchString(s) {
		t.Errorf("hasWordBullet(%q) = %v", s, hasWordBullet(s))
	}
	if a, b, c := byte('x'), byte('x'), byte('x'); len(s) >= 3 {
		a, b, c = s[0], s[1], s[2]
		_, want := months[string([]byte{a, b, c})]
		if isMonth3(a, b, c) != want {
			t.Errorf("isMonth3(%q) = %v", s[:3], !want)
		}
	}
	// mayHoldMetaField now also asks where a name stands (metaField's
	// own test, above, proves that loses no match); it stays within the
	// first form's answer.
	if mayHoldMetaField(s) && !mayHoldMetaFieldLower(s) {
		t.Errorf("mayHoldMetaField(%q) = true, its first form false", s)
	}
	if isASCII(s) != (strings.IndexFunc(s, func(r rune) bool { return r >= utf8.RuneSelf }) < 0) {
		t.Errorf("isASCII(%q) = %v", s, isASCII(s))
	}
	if hasMeridiem(s) != meridiemRe.MatchString(s) {
		t.Errorf("hasMeridiem(%q) = %v", s, hasMeridiem(s))
	}
	{
		var want []string
		if m := detailPart.FindStringSubmatch(s); m != nil {
			want = []string{strings.ToLower(m[1]), m[2]}
		}
		var got []string
		if k, v, ok := parseDetailPart(s); ok {
			got = []string{k, v}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("parseDetailPart(%q) = %q, want %q", s, got, want)
		}
	}
	if hasEntrySpace(s) != strings.ContainsAny(s, "\t\u00a0\u202f\u2007") {
		t.Errorf("hasEntrySpace(%q) = %v", s, hasEntrySpace(s))
	}
	if indexDigit(s) != strings.IndexAny(s, "0123456789") {
		t.Errorf("indexDigit(%q) = %d", s, indexDigit(s))
	}
	if mayStartWithClock(s) != mayStartWithClockPattern(s) {
		t.Errorf("mayStartWithClock(%q) = %v", s, mayStartWithClock(s))
	}
	if normWords(s) != normWordsUnicode(s) {
		t.Errorf("normWords(%q) = %q, want %q", s, normWords(s), normWordsUnicode(s))
	}
}

// meridiemRe is the pattern hasMeridiem reads by hand.
var meridiemRe = regexp.MustCompile(`(?i)[ap]\.?m`)

// classifyHeadingRef is classifyHeading as first written, on strings.
func classifyHeadingRef(text string) []string {
	s := text
	if strings.Contains(s, "(") {
		s = parenthetical.ReplaceAllString(s, " ")
	}
	clean := trimLeadingNumber(strings.TrimSpace(strings.ToLower(stripEmphasis(s))))
	n := normHeadingOf(clean)
	if n == "" {
		return nil
	}
	if k, ok := sectionNames[n]; ok {
		return []string{k}
	}
	if strings.Count(n, " ") < 5 {
		for _, key := range edgeNouns {
			if strings.HasSuffix(n, key.end) || strings.HasPrefix(n, key.on) || strings.HasPrefix(n, key.of) || strings.HasPrefix(n, key.for_) {
				return []string{sectionNames[key.name]}
			}
		}
	}
	parts := mergeSplit.Split(clean, -1)
	if len(parts) > 1 {
		var kinds []string
		for _, p := range parts {
			w := normWords(p)
			if w == "" {
				continue
			}
			k, ok := sectionNames[w]
			if !ok {
				return nil
			}
			if !slices.Contains(kinds, k) {
				kinds = append(kinds, k)
			}
		}
		return kinds
	}
	return nil
}

// mayHoldMetaFieldLower is mayHoldMetaField as first written.
func mayHoldMetaFieldLower(s string) bool {
	if !strings.Contains(s, ":") {
		return false
	}
	if !isASCII(s) {
		return true
	}
	lower := strings.ToLower(s)
	for _, w := range []string{"sev", "status", "author", "date", "priority"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// mayStartWithClockPattern is mayStartWithClock as first written.
func mayStartWithClockPattern(s string) bool {
	i := strings.IndexAny(s, "0123456789")
	if i < 0 || i > 40 {
		return false
	}
	return strings.ContainsAny(s[i:min(len(s), i+24)], ":mM")
}

func fastPathSeeds() []string {
	seeds := []string{"- _19:34_ - a", "*5:10* b", "**10:30 AM**: c", "13:00 — d", "~ 10:30 UTC - x", "approx. 9 pm MST: y",
		"2024-12-05 00:10 - text", "12/04/24 at 19:34 until 19:47 MDT | z", "iv) Root cause", "b. timeline", "12.3) Impact and x",
		"Root cause, prevention & resolution", "band/brand", "**Severity:** SEV-2 · **Status:** draft", "Dec 4th, 2024", "4 ſep 2024",
		"On 04.12.2024 at 11:00 a.m. (MT)", "the 2:35 PM mſt page", "x10:00 UTC", "At 9 am (PT) and 10:30 pm MT or 3 cst.", "PT 1 PT", "_10:05_ - Engineers look", "**9:05** - x", "10:05 - 10:07 x", "_10:05_ -  _x_", "10:05__ - PM x", "1:05 - UTC down", "x2024-12-04 and 2024-13-01 then 2025/1/2", "_2024-12-04_", "120241-2-3 2024.1.2", "2024-12-045 2024-1-2x 2024-01-02_ 2024-01-02.", "on 2024-12-04 and 2024-12-05 and 2024-12-06", " Due : 2025-01-02", "All TiMes", "xbetween 10:00 and 11:00 on Dec 4", "Between a and b between 10 on 2024-12-04", "3 support tickets and 1 social media post WERE SUBMITTED.", "tim", "TIME", "ti\x0dme", "OWNER:x", "status", "due\t:", "owners: a",
		"Add a check (owner: a, due: b).", "x (y) \t(Owner: Sam)  ", "[x] done (status: done)", "snake_case _word_ *b* `c`", "a\u00a0b", "\u202f10:30", "x\u2007", "\u2008\u00a1\t", "\u00e2\u0080", "a.m", "P.M.", "xa.", "owner:  a b \t", "DUE : x\ny", "Status:\n", "ticket:x\n ", "ſtatus: x", "\towner\n: v", "   \\# x", "\\---", "    \\# x", "  \\<!-- c", "a  b", " a", "a\u00a0b", "a\u0085b", "a\vb", "BETWEEN", "PRIORITY:", "x: the problem has been fully resolved", "the outage was over.", "it resolved", "resolved", "an incident ended well", "the on-call engineer paged bob", "we paged", "ops team paged", "i paged", "pizzas were recovered", "systems working very normally", "began investigating", "ack: acknowledged", "chaos test began", "first known customer impact", "the site responded to the page", "\u00e9incident resolved", "x\u00e9 incident is resolved", "failover ended", "xincident resolved", "sep", "Sept 4", "jul", "JUL", "Around 10:00", "at 9", "by 10:00", "ca. 10", "approximately 10:00", "aBOUT 10", "batch 10:00", "cat 10:00", "One. Two? Three! Four: five", "Dots... then more.", "v1.2 stays whole. Yes", "a.\n b", "end.  ", "x:y z.", "Incident YYYY-MM-DD HH:mm", "yyyy-mm-dd", "YYYY-MM-D", "yyyy-MM-dd thh-MM-SS", "• x", "◦x", "▪", "● y", "·z", "o\tx", "o x", "\u2023 x", "ttime", "tiTIME", "timtime", "xxxtime", "TIMe", "tim e", "mtime", "itime", "timetime", "atimx", "**December 4, 2024**", "## Dec 5:", "\t:x", ": \t*x* -", "_-_ 2024-01-02 _:_", "-- \v--", "*", "a_ _b", "utc", "gmt", "mst", "mdt", "mt", "pst", "pdt", "pt", "est", "edt", "et", "cst", "cdt", "ct", "ut", "cdx", "10 UTC", "10am(PT)", "10:30 a.m. MT", "10:30a.m.MT", "9 pm ( EST", "at 10:00 (MDT), 11 ET", "10:3 UTC", "100 UTC", "1:00 MSTX MT", "10 amUTC", "10 am UTC", "10 A.M ct", "7 P.M. cdt.", "3 pmt", "12:00\tgmt", "1 (UTC)", "x1 UTC 2 UTC", "10 UTC \u00e9 11 PT", "10 \u017fT", "7 support tickets and 4 social media posts were submitted.", "1 SUPPORT TICKET was submitted", " and 2 social media posts were submitted.", " were submitted", "3 support tickets were submitted..", "3 support ticketsand 2 social media post was submitted", "3 support tickets 2 social media posts were submitted", "12 social media posts WAS SUBMITTED.", "This incident affected ", "This incident affected x\ny.", "Fix it (OWNER : sam, due: x).; ", "Fix (a) (due:x)", "Fix (due:x) y", "Fix (status: done)\n", "Fix(ticket:(x)", "(due :)", "x (due: a) ;", "between 10:00 and 11:00 on Dec 4, 2024", "Between 10 and 11 on 12/04/24", "between x on\nMonday, 4", "betweenon 4", "between on  4", "between on,4", "between  on x, 5", "between xon 4 on Tuesday  7", "between 10:00 and 11:00 UTC on 2025-05-10, users", "abetween on 4 between on 5", "2024-12-4 2024-1-12 2024/01/02x 2024.1.2.3 20245-1-2 ", "2024-001-02", "x_2024-01-02", "2024-01-02-03", "**Sum**mary", "Root_cause", "_Root_ *cause*", "x. summary", "iv. impact", "b) timeline", "12.3 root cause", "Impact *on* us", "impact_on us", "end.* Next", "a*.* b", "x:_ y", "_._ ", "a.`", "Timeline for the day", "causes of the outage", "!\f", "a.\rb. c", "the system is recovered", "orders were recovered", "back to normal", "operating quite normally", "responded to the alert", "came online", "started to investigate", "it is over", "_it is over", "\u00e9it was closed", "incident ends", "incidents ended", "alerted by grafana", "alerts were firing", "page was sent", "alarm fired", "mitigation applied", "restored", "chaos event triggered", "first user failed login", "impact starts", "outage began", "x resolved", "itresolved", "2. Root Cause(s)", "**Root cause:**", "1 2 Summary", "12", "Impact on GitLab itself", "Timeline of the outage", "Root cause, Prevention, and Resolution", "Data loss impact", "root cause and trigger", "Root cause & fix & nothing", "_Action_ *Items*", "snake_case timeline", "Summary/Impact", "\u00c9v\u00e9nements, impact",
		"All times are UTC.", "_All times are UTC._", "All time**s** are in MST", "all times listed here are pacific", "Times are in Mountain Time", "(all times UTC-07:00)", "Time zone: America/Denver", "time  \tzone : PST", "TIMEZONE:utc", "time. All ti*mes are UTC", "All timeſ are UTC", "timestamps in GMT+1", "Time\nzone: x", "time` `s in UTC", "ti_mes in UTC", "all_times in UTC", "## Timeline (MST)", "How could we improve time-to-detection?",
		"Incident: 2025-11-20 17-55-00", "x2024-01-0212024-01-02", "12024-1-02 2024-01-02T10:00Z", "2024-01-0", "٢٠٢٤-01-02 2024-01-02", "2024-12-04_outage.md", "24.12.04-x.md", "r.md",
		"| Status: x", "a | **Date**: b", "x|__severity__ : 2", " \t** sev:1", "**Incident Date:** 2024", "Owner | Priority: P1", "note: the date: x", "|| \f__ AUTHORS :a", "*Status: x", "_ _date: x", "x ·Status: y", "**Severity:** SEV-2 | **Status:** draft"}
	for _, glob := range []string{"../../testdata/import/*.md", "../../../shared/corpus/*.md", "../../../shared/corpus/*/*.md", "../../../shared/reference/*.md"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			for _, l := range strings.Split(string(data), "\n") {
				seeds = append(seeds, strings.TrimSpace(l), strings.ToLower(strings.TrimSpace(l)))
			}
		}
	}
	return seeds
}

// TestClock24 compares clock24 with the concatenation it replaces.
func TestClock24(t *testing.T) {
	for h := -11; h <= 111; h++ {
		for m := -1; m <= 101; m += 3 {
			for _, s := range []int{-1, 0, 5, 9, 10, 59, 60, 99, 100} {
				for _, secs := range []bool{false, true} {
					want := twoDigits(h) + ":" + twoDigits(m)
					if secs {
						want += ":" + twoDigits(s)
					}
					if got := clock24(h, m, s, secs); got != want {
						t.Fatalf("clock24(%d, %d, %d, %v) = %q, want %q", h, m, s, secs, got, want)
					}
				}
			}
		}
	}
}

// findZoneBefore is findZone as it was before timeThenSOrZ ruled lines
// out ahead of zoneLine.
func findZoneBefore(s string) (timeparse.Zone, string, bool) {
	if !mayMentionTime(s) {
		return timeparse.Zone{}, "", false
	}
	m := zoneLine.FindStringSubmatch(stripEmphasis(s))
	if m == nil {
		return timeparse.Zone{}, "", false
	}
	z, err := timeparse.ParseZone(strings.TrimSpace(m[1]))
	if err != nil {
		return timeparse.Zone{}, "", false
	}
	return z, m[0], true
}

func TestFastPathsAgreeWithPatterns(t *testing.T) {
	for _, s := range fastPathSeeds() {
		checkFastPaths(t, s)
	}
}

func FuzzFastPaths(f *testing.F) {
	for _, s := range fastPathSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 400 {
			return // Import refuses invalid UTF-8; lines are short
		}
		checkFastPaths(t, s)
	})
}

// TestLowerEvents compares lowerEvents with lower-casing each event.
func TestLowerEvents(t *testing.T) {
	var evs []document.Event
	for _, s := range fastPathSeeds() {
		evs = append(evs, document.Event{Event: s})
	}
	evs = append(evs, document.Event{Event: "ÉTAPE İ K ."}, document.Event{Event: ". . "}, document.Event{})
	got := lowerEvents(evs)
	for i, ev := range evs {
		if want := strings.ToLower(strings.TrimRight(ev.Event, ". ")); got[i] != want {
			t.Errorf("lowerEvents: %q, want %q", got[i], want)
		}
	}
}

// TestWordBytes compares the word-byte table with \w.
func TestWordBytes(t *testing.T) {
	w := regexp.MustCompile(`^\w$`)
	for c := 0; c < 256; c++ {
		if got, want := isASCIIWord(byte(c)), c < 0x80 && w.MatchString(string(rune(c))); got != want {
			t.Errorf("isASCIIWord(%#x) = %v", c, got)
		}
	}
}

// FuzzZoneLines checks this round's fast paths alone (zoneMentions by
// zone name, checkFastPaths2), so that fuzzing spends its time on them
// rather than on every pattern checkFastPaths runs.
func FuzzZoneLines(f *testing.F) {
	for _, s := range []string{"All times are UTC.", "at 10:00 (MDT), 11 ET", "Between 16:59 and 17:55 UTC on 2025-11-20, users", "10 UTC 11 pt x12:00 cst", "time zone: PST", "Timeline", "all ti*mes in MT", "9 pm ( EST", "10 am UTC", "utc 10 utc", "1 tt 2 ut 3 etc 4 edt", "Incident: 2025-11-20 17-55-00", "2024-12-04_outage.md", "a | **Date**: b", " \t** sev:1", "x|__severity__ : 2", "**EXAMPLE**:", "_Examples_", "EX*AMPLE", "ex_ample", "EXAMPLE 2", "Éxample", "e x a m p l e", "EXAMPLESS", "`example`:", "__example__", "x_example", "T\u0130ME", "t\u0130me zone: UTC", "TIMEİ", "\u212aTIME", "a\u00a0b", "\u202f10:30", "x\u2007", "\u00c2\u00e2\u0080", "é\tx", "10 UTC \u00e9 11 PT", "\u00e910:00 UTC", "10:00\u00a0UTC", "1 m\u017ft", "é 9 pm (EST)é", "When did the team detect the incident? How did they know it was happening?", "When did the team détect the incident? How did they know it was happening?", "Describe the impact. é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 400 {
			return
		}
		if want := zoneMention.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(zoneMentions(s), want) {
			t.Errorf("zoneMentions(%q) = %v, want %v", s, zoneMentions(s), want)
		}
		checkFastPaths2(t, s)
	})
}

// checkFastPaths2 holds the checks of the second round of import tuning.
func checkFastPaths2(t *testing.T, s string) {
	t.Helper()
	if z, txt, ok := findZone(s); true {
		wz, wtxt, wok := findZoneBefore(s)
		if ok != wok || txt != wtxt || z.Name != wz.Name {
			t.Errorf("findZone(%q) = %q, %q, %v; before the timeThenSOrZ test: %q, %q, %v", s, z.Name, txt, ok, wz.Name, wtxt, wok)
		}
	}
	if p, x := titleStampAt(s), titleStamp.FindStringSubmatchIndex(s); x == nil && p >= 0 || x != nil && (p != x[2] || x[3] != p+4 || x[4] != p+5 || x[5] != p+7 || x[6] != p+8 || x[7] != p+10) {
		t.Errorf("titleStampAt(%q) = %d, titleStamp gives %v", s, p, x)
	}
	if metaField.MatchString(s) && !mayHoldMetaField(s) {
		t.Errorf("mayHoldMetaField(%q) = false, metaField matches", s)
	}
	if got, w := isExampleLabel(s), normWords(stripEmphasis(s)); got != (len(s) <= 40 && (w == "example" || w == "examples")) {
		t.Errorf("isExampleLabel(%q) = %v, normWords gives %q", s, got, w)
	}
	if mayMentionTime(s) != strings.Contains(strings.ToLower(s), "time") {
		t.Errorf("mayMentionTime(%q) = %v", s, mayMentionTime(s))
	}
	if hasEntrySpace(s) != strings.ContainsAny(s, "\t\u00a0\u202f\u2007") {
		t.Errorf("hasEntrySpace(%q) = %v", s, hasEntrySpace(s))
	}
	if k, share := templateMatch(s); true {
		if wk, wshare := templateMatchBefore(s); k != wk || share != wshare {
			t.Errorf("templateMatch(%q) = %q, %v; before: %q, %v", s, k, share, wk, wshare)
		}
	}
	if fileDate.MatchString(s) && countDigits(s) < 6 {
		t.Errorf("fileDate matches %q with %d digits", s, countDigits(s))
	}
}

// TestClassifyRemembered: the remembered answers are classifyHeading's,
// the first time and from the map.
func TestClassifyRemembered(t *testing.T) {
	im := &importer{sc: new(scratch)}
	for round := 0; round < 2; round++ {
		for _, s := range fastPathSeeds() {
			if got, want := im.classify(s), classifyHeading(s); !reflect.DeepEqual(got, want) {
				t.Fatalf("classify(%q) = %q, want %q (round %d)", s, got, want, round)
			}
		}
	}
}

// TestLowerIntoASCII lists the runes outside ASCII that unicode.ToLower
// (what strings.ToLower applies) turns into ASCII: mayMentionTime relies
// on "İ" being the only one that gives a letter of "time".
func TestLowerIntoASCII(t *testing.T) {
	var got []rune
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if l := unicode.ToLower(r); l < utf8.RuneSelf {
			got = append(got, r)
		}
	}
	if want := []rune{'\u0130', '\u212a'}; !slices.Equal(got, want) {
		t.Errorf("runes lower-cased into ASCII: %U, want %U", got, want)
	}
	if !strings.Contains(strings.ToLower("T\u0130ME"), "time") || !mayMentionTime("T\u0130ME") {
		t.Error("\"TİME\" lower-cases to \"time\"")
	}
}

// templateMatchBefore is templateMatch as it was before the hashing pass
// became its ASCII test.
func templateMatchBefore(s string) (kind string, share float64) {
	total, inst, ex := 0, 0, 0
	count := func(h uint64, n int) {
		if n == 0 {
			return
		}
		total += n
		switch templateHashes[h] {
		case 'i':
			inst += n
		case 'e':
			ex += n
		}
	}
	if isASCII(s) {
		eachSentenceHashASCII(s, true, count)
	} else {
		eachSentence(stripEmphasis(s), func(sent string) { count(sentenceHash(sent)) })
	}
	if total == 0 {
		return "", 0
	}
	if inst >= ex {
		return "instruction", float64(inst) / float64(total)
	}
	return "example", float64(ex) / float64(total)
}
