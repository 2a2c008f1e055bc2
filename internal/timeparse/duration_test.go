package timeparse_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/lint/bench"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// durationSeeds are real lines (fixtures, the corpus, synthetic reports),
// windows of them as statedSpans cuts them, and hand-written edge cases of
// durationPart's preferences.
func durationSeeds() []string {
	seeds := []string{"13 minutes", "6hrs 30mins", "1 hour and 5 minutes", "1.5 hours", "1. 5 hours", "an hour", "a  minute",
		"half an hour", "HALF A Day", "half  an hour", "5 - minutes", "5-min", "5 -\tm", "3dayso", "3 days, 4 hours, and 2 mins",
		"2 h 3 h", "2 m 3 h", "x5 minutes", "_5 minutes", "é5 minutes", "5 minutes_", "5 minuteś", "ten seconds and one sec",
		"A N hour", "and hour", "a and 5 minutes", "10secs,and 3 ms", "1.2.3 hours", "5.minutes", "99999999999999999999 days",
		"for about 13 minutes", "(70 minutes total)", "one hourly", "an hrs", "two h", "the seven days", "seven\fdays", "5\vminutes",
		"ſix hours 5 minutes", "5 ſecs"}
	texts := bench.Texts(40, "../../testdata/*.yaml", "../*/testdata/*.md", "../*/testdata/*/*.md", "../lint/*/testdata/*/*.md",
		"../../../shared/corpus/*.md", "../../../shared/corpus/*/*.md", "../../../shared/reference/*.md")
	for _, text := range texts {
		for _, l := range strings.Split(text, "\n") {
			if !strings.ContainsAny(l, "0123456789") && !strings.Contains(strings.ToLower(l), "hour") {
				continue
			}
			seeds = append(seeds, l)
			for at := 0; at < len(l); at += 17 {
				seeds = append(seeds, l[at:min(len(l), at+40)], l[max(0, at-30):at])
			}
		}
	}
	return seeds
}

func checkDurations(t *testing.T, s string) {
	t.Helper()
	if strings.Contains(s, "ſ") {
		return // FindDurations hands such text to the pattern
	}
	got, want := timeparse.ScanDurations(s), timeparse.FindDurationsRE(s)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("scanDurations(%q) = %+v\nthe pattern finds %+v", s, got, want)
	}
	// Appended after spans of other text ("1 hour" then " 5 minutes"
	// would glue), they are the same spans, and the others stay as they were.
	prefix := timeparse.FindDurations("for 1 hour")
	all := timeparse.AppendDurations(prefix[:len(prefix):len(prefix)], s)
	found := timeparse.FindDurations(s)
	if !reflect.DeepEqual(all[:len(prefix)], timeparse.FindDurations("for 1 hour")) || len(all[len(prefix):]) != len(found) || len(found) > 0 && !reflect.DeepEqual(all[len(prefix):], found) {
		t.Errorf("AppendDurations(%+v, %q) = %+v", prefix, s, all)
	}
}

func TestScanDurationsAgreesWithPattern(t *testing.T) {
	for _, s := range durationSeeds() {
		checkDurations(t, s)
	}
}

// FuzzScanDurations: the scanner finds what durationPart and
// durationGlue find, on any bytes (statedSpans cuts lines mid-rune).
func FuzzScanDurations(f *testing.F) {
	for _, s := range durationSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 400 {
			return
		}
		checkDurations(t, s)
	})
}
