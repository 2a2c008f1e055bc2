package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixtures imports every report in testdata/import (modelled on the
// shapes real reports take) and compares a summary of what import read
// (sections, zone, date, entries in UTC, milestones, action items,
// leftovers, diagnostics) with its .golden file. UPDATE_GOLDEN=1 rewrites
// the golden files; review the diff.
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob("../../testdata/import/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			got := summarize(importFixture(t, file))
			golden := strings.TrimSuffix(file, ".md") + ".golden"
			if os.Getenv("UPDATE_GOLDEN") == "1" {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
			}
			if got != string(want) {
				t.Errorf("import of %s changed:\n--- got\n%s\n--- want\n%s", file, got, want)
			}
		})
	}
}

// importFixture imports the fixture report at path.
func importFixture(t *testing.T, path string) *Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Import(filepath.Base(path), data)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}
