package rules

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/lint/bench"
)

// The patterns the hand-written scanners of this package replace; the
// tests below hold the scanners to them.
var (
	// zonedTime is what findZonedTimes replaces.
	zonedTime = regexp.MustCompile(`\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[aApP]\.?[mM]\.?)?\s+(UTC[+-]\d{1,2}(?::?\d{2})?|GMT[+-]\d{1,2}(?::?\d{2})?|[A-Z]{2,5})\b`)
)

// scanSeeds are real lines (rule fixtures, the corpus, synthetic
// reports) and hand-written edge cases of the patterns' preferences.
func scanSeeds() []string {
	seeds := []string{"11:41 am MST", "19:35 UTC", "10:00 UTC-7", "10:00 UTC-07:00", "10:00 UTC+0530", "10:00 UTC+123", "10:00 UTC+5x",
		"10:00 GMT-1", "10:00 UTC+", "11:41 AM", "11:41 AM.", "11:41 a.m. PDT", "11:41 a.m.PDT", "11:41a.m. PDT", "11:41 \t\fPM  EST",
		"11:41\nUTC", "11:41:05 UTC", "11:41:5 UTC", "11:41: UTC", "1:41 UTC", "111:41 UTC", "x11:41 UTC", "_11:41 UTC", "é11:41 UTC",
		"11:41 UTCX", "11:41 ABCDEF", "11:41 AB_", "11:41 A", "11:41 pm", "11:41 pmUTC", "11:41 pm UTC 12:00 MST", "11:41 p.M. CET",
		"11:41 P.m.. CET", "11:41 am. MST", "Between 08:03 and 08:46 UTC on 2025-06-09", "the 19:34 Z", "19:34 UTC+1:30", "19:34 GMT+01:3"}
	var files []string
	for _, glob := range []string{"testdata/*/*.md", "testdata/*/*.yaml", "../testdata/*/*.md", "../../markdown/testdata/*/*.md",
		"../../../../shared/corpus/*.md", "../../../../shared/corpus/*/*.md", "../../../../shared/reference/*.md"} {
		fs, _ := filepath.Glob(glob)
		files = append(files, fs...)
	}
	var texts []string
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			texts = append(texts, string(data))
		}
	}
	for i := 0; i < 64; i++ {
		texts = append(texts, string(bench.Report(i)))
	}
	for _, text := range texts {
		seeds = append(seeds, strings.Split(text, "\n")...)
	}
	return seeds
}

func checkScanners(t *testing.T, s string) {
	t.Helper()
	var want [][4]int
	for _, m := range zonedTime.FindAllStringSubmatchIndex(s, -1) {
		want = append(want, [4]int(m))
	}
	if got := findZonedTimes(s); !reflect.DeepEqual(got, want) {
		t.Errorf("findZonedTimes(%q) = %v, zonedTime finds %v", s, got, want)
	}
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
