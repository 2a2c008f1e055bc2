package discover

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// documentBesideByStat is the definition documentBesideIn must agree
// with: stat every candidate sibling.
func documentBesideByStat(p string) string {
	if !IsMarkdown(p) {
		return ""
	}
	stem := strings.TrimSuffix(p, filepath.Ext(p))
	for _, ext := range documentExt {
		if fi, err := os.Stat(stem + ext); err == nil && fi.Mode().IsRegular() {
			return stem + ext
		}
	}
	return ""
}

func TestDocumentBesideAgreesWithStat(t *testing.T) {
	dir := t.TempDir()
	write := func(name string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []string{"plain.md", "yaml.md", "yaml.yaml", "yml.md", "yml.yml", "json.markdown", "json.json",
		"upper.md", "UPPER.yaml", "ext.md", "ext.YAML", "both.md", "both.yml", "both.json", "target.txt"} {
		write(n)
	}
	if err := os.Mkdir(filepath.Join(dir, "dir.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("dir.md")
	links := map[string]string{"link.yaml": "yaml.yaml", "dangling.yaml": "missing.yaml", "todir.yaml": "dir.yaml"}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		write(strings.TrimSuffix(name, ".yaml") + ".md")
	}
	seen := map[string]fs.DirEntry{}
	var markdown []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if IsDocument(d.Name()) {
			seen[strings.ToLower(p)] = d
		}
		if IsMarkdown(d.Name()) {
			markdown = append(markdown, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	besides := 0
	for _, p := range markdown {
		want := documentBesideByStat(p)
		if got := documentBesideIn(p, seen); got != want {
			t.Errorf("%s: documentBesideIn = %q, stat says %q", filepath.Base(p), got, want)
		}
		if want != "" {
			besides++
		}
	}
	if besides < 5 {
		t.Errorf("only %d Markdown files have a document beside them; the fixture is broken", besides)
	}
}

// BenchmarkFiles walks a folder of 2,000 reports in 4 subfolders, a
// few rendered beside their YAML documents.
func BenchmarkFiles(b *testing.B) {
	dir := b.TempDir()
	for i := 0; i < 2000; i++ {
		sub := filepath.Join(dir, "team-"+string(rune('a'+i%4)))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		name := filepath.Join(sub, "incident-"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+string(rune('a'+i/26%26))+string(rune('a'+i/676)))
		if err := os.WriteFile(name+".md", []byte("# x\n"), 0o644); err != nil {
			b.Fatal(err)
		}
		if i%50 == 0 {
			if err := os.WriteFile(name+".yaml", []byte("title: x\n"), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Files([]string{dir}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
