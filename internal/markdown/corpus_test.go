package markdown

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// TestCorpusLabels imports every report of ../shared/corpus and compares
// what it read with the facts labelled by hand in
// testdata/corpus-labels.tsv. It prints the score and every miss; it fails
// below 95%.
func TestCorpusLabels(t *testing.T) {
	root := sharedPath("corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skip("../shared/corpus is not present")
	}
	f, err := os.Open("testdata/corpus-labels.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var header []string
	right, total := 0, 0
	var misses []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if header == nil {
			header = cols
			continue
		}
		want := map[string]string{}
		for i, h := range header {
			if i < len(cols) {
				want[h] = cols[i]
			}
		}
		data, err := os.ReadFile(filepath.Join(root, want["file"]))
		if err != nil {
			t.Errorf("%s: %v", want["file"], err)
			continue
		}
		rep, err := Import(filepath.Base(want["file"]), data)
		if err != nil {
			t.Errorf("%s: %v", want["file"], err)
			continue
		}
		got := facts(rep)
		for _, k := range []string{"sections", "extra", "entries", "first", "last", "zone", "leftovers", "date"} {
			if want[k] == "-" {
				continue
			}
			total++
			if got[k] == want[k] {
				right++
			} else {
				misses = append(misses, want["file"]+": "+k+": want "+strconv.Quote(want[k])+", got "+strconv.Quote(got[k]))
			}
		}
	}
	if total == 0 {
		t.Fatal("no labels read")
	}
	score := float64(right) / float64(total) * 100
	t.Logf("corpus label score: %d/%d facts right (%.1f%%)", right, total, score)
	for _, m := range misses {
		t.Log("miss: " + m)
	}
	if score < 95 {
		t.Errorf("score %.1f%% is below the 95%% target", score)
	}
}

// facts reads the labelled facts off an import.
func facts(rep *Report) map[string]string {
	f := map[string]string{}
	kinds := map[string]bool{}
	extra := 0
	for _, s := range rep.Sections {
		if len(s.Kinds) == 0 {
			extra++
		}
		for _, k := range s.Kinds {
			kinds[k] = true
		}
	}
	var ks []string
	for _, k := range document.Sections {
		if kinds[k] {
			ks = append(ks, k)
		}
	}
	f["sections"] = strings.Join(ks, " ")
	f["extra"] = strconv.Itoa(extra)
	f["entries"] = strconv.Itoa(len(rep.Doc.Timeline))
	r, _ := document.Resolve(rep.Doc)
	first, last := r.Span()
	f["first"], f["last"] = "none", "none"
	if !first.IsZero() {
		f["first"], f["last"] = first.Format("15:04"), last.Format("15:04")
	}
	f["zone"] = "none"
	if rep.Zone != nil {
		f["zone"] = rep.Zone.Name
	}
	f["leftovers"] = "no"
	if len(rep.Leftovers) > 0 {
		f["leftovers"] = "yes"
	}
	f["date"] = rep.Doc.Date
	if f["date"] == "" {
		f["date"] = "none"
	}
	return f
}
