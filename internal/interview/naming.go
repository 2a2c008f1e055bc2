package interview

import (
	"path/filepath"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// DefaultDir is where `new` saves reports unless -o says otherwise.
const DefaultDir = "postmortems"

// Slug makes a file-name part from text: lower-case letters and digits
// joined by hyphens, at most five words and 40 bytes.
func Slug(text string) string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range strings.ToLower(text) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			w.WriteRune(r)
		case r == '\'' || r == '’':
			// "factory's" -> "factorys", not "factory-s"
		default:
			flush()
		}
	}
	flush()
	var out string
	for _, word := range words {
		next := word
		if out != "" {
			next = out + "-" + word
		}
		if len(next) > 40 || strings.Count(next, "-") >= 5 {
			break
		}
		out = next
	}
	if out == "" && len(words) > 0 {
		out = words[0]
		if len(out) > 40 {
			out = out[:40]
		}
	}
	return out
}

// ReportName is the base name of a report: its UTC date and a slug of
// its title, else of the event that started it, else of the summary:
// "2024-12-04-pizza-factory-begins-returning-500".
func ReportName(doc *document.Document, r *document.Resolved, now time.Time) string {
	day := doc.Date
	if day == "" && r != nil && !r.ImpactStart.IsZero() {
		day = r.ImpactStart.Format(time.DateOnly)
	}
	if day == "" {
		day = now.UTC().Format(time.DateOnly)
	}
	slug := Slug(doc.Title)
	if slug == "" {
		for _, ev := range doc.Timeline {
			if ev.Milestone == "started" {
				slug = Slug(ev.Event)
				break
			}
		}
	}
	if slug == "" {
		slug = Slug(doc.Summary)
	}
	if slug == "" {
		slug = "incident"
	}
	return day + "-" + slug
}

// ReportPaths decides where the YAML document and the Markdown report go.
// output is what -o said: empty for postmortems/NAME, a directory (an
// existing one, or a path ending in a slash), a .md or .yaml path (the
// other file takes the same name), or any other path as the base name.
func ReportPaths(output string, isDir bool, name string) (yamlPath, mdPath string) {
	base := ""
	switch {
	case output == "":
		base = filepath.Join(DefaultDir, name)
	case isDir || strings.HasSuffix(output, "/"):
		base = filepath.Join(output, name)
	default:
		ext := strings.ToLower(filepath.Ext(output))
		switch ext {
		case ".md", ".markdown":
			return strings.TrimSuffix(output, filepath.Ext(output)) + ".yaml", output
		case ".yaml", ".yml":
			return output, strings.TrimSuffix(output, filepath.Ext(output)) + ".md"
		case ".json":
			// The document is saved as YAML; a JSON file is never
			// overwritten with it.
			base := strings.TrimSuffix(output, filepath.Ext(output))
			return base + ".yaml", base + ".md"
		}
		base = output
	}
	return base + ".yaml", base + ".md"
}

// ReportDir is the directory reports (and so drafts) go to for an -o.
func ReportDir(output string, isDir bool) string {
	switch {
	case output == "":
		return DefaultDir
	case isDir || strings.HasSuffix(output, "/"):
		return filepath.Clean(output)
	}
	return filepath.Dir(output)
}
