package markdown

import (
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// frontMatter is what a static-site generator's YAML front matter
// (Jekyll, Hugo) says that the document has a place for. Its title is
// read with the title (readTitle).
type frontMatter struct {
	Date     any `yaml:"date"`
	Severity any `yaml:"severity"`
	Author   any `yaml:"author"`
	Authors  any `yaml:"authors"`
	Tags     any `yaml:"tags"`
	Services any `yaml:"services"`
}

// readFrontMatter reads the front matter into the document: severity,
// authors, tags and services. Its date, which such sites use for the
// day a post is published, is returned for the date reader to rank
// with the file name's; zero when there is none. Front matter that is
// not YAML is passed over: the title reader and the body do not need
// it.
func readFrontMatter(lines []line, out *Report) time.Time {
	var b strings.Builder
	for _, l := range lines {
		if l.kind != kFront {
			break
		}
		if t := strings.TrimSpace(l.raw); t != "---" && t != "..." {
			b.WriteString(l.raw + "\n")
		}
	}
	var fm frontMatter
	if b.Len() == 0 || yaml.Unmarshal([]byte(b.String()), &fm) != nil {
		return time.Time{}
	}
	doc := out.Doc
	if s := scalar(fm.Severity); s != "" {
		doc.Severity = s
		out.set("severity", 1, 1)
	}
	doc.Authors = append(doc.Authors, append(list(fm.Author), list(fm.Authors)...)...)
	doc.Tags = append(doc.Tags, list(fm.Tags)...)
	doc.Services = append(doc.Services, list(fm.Services)...)
	switch d := fm.Date.(type) {
	case time.Time:
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	case string:
		if day, _, ok := findDate(timeparse.Lex(d), 0); ok {
			return day
		}
	}
	return time.Time{}
}

// scalar is a front matter value written as one word or number.
func scalar(v any) string {
	switch v.(type) {
	case string, int, float64:
		return strings.TrimSpace(fmt.Sprint(v))
	}
	return ""
}

// list is a front matter value written as a list or as one string,
// commas separating its items.
func list(v any) []string {
	var out []string
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			if s := scalar(x); s != "" {
				out = append(out, s)
			}
		}
	case string:
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}
