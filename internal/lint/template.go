package lint

import (
	"strings"
)

var templateHeading = pattern(`(?m)^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$`)

// LevelsFromTemplate reads the heading level of each known section from a
// template's text (a .md.tmpl or a plain Markdown template): "# Root
// cause" gives root_cause: 1. The first level-1 heading that is not a
// section is the title.
func LevelsFromTemplate(text string) map[string]int {
	levels := map[string]int{}
	for _, m := range templateHeading().FindAllStringSubmatch(text, -1) {
		level := len(m[1])
		kinds := KindsOf(m[2])
		if len(kinds) == 0 {
			key := "title" // the first heading that is not a section
			if _, ok := levels["title"]; ok {
				key = "other" // a heading for the document's extra sections
			}
			if _, ok := levels[key]; !ok {
				levels[key] = level
			}
			continue
		}
		for _, k := range kinds {
			if _, ok := levels[k]; !ok {
				levels[k] = level
			}
		}
	}
	if _, ok := levels["title"]; !ok {
		levels["title"] = 1
	}
	if _, ok := levels["other"]; !ok {
		levels["other"] = levels["title"] + 1
	}
	return levels
}

var kindWords = []struct {
	kind  string
	words []string
}{
	{"summary", []string{"summary", "overview", "executive summary", "tl;dr", "tldr"}},
	{"detection", []string{"detection"}},
	{"impact", []string{"impact"}},
	{"timeline", []string{"timeline"}},
	{"response", []string{"response"}},
	{"root_cause", []string{"root cause", "root causes", "root cause analysis", "cause"}},
	{"resolution", []string{"resolution", "recovery"}},
	{"prevention", []string{"prevention"}},
	{"action_items", []string{"action items", "action item", "follow-ups", "follow ups", "corrective actions"}},
}

var nonWord = pattern(`[^a-z;]+`)

// KindsOf maps a heading to the section kinds it fills: "Root Cause" gives
// root_cause; "Root cause, Prevention, and Resolution" gives three; an
// unknown heading gives none. Template markup ({{...}}) is ignored.
func KindsOf(heading string) []string {
	h := strings.ToLower(heading)
	if i := strings.Index(h, "{{"); i >= 0 {
		h = h[:i]
	}
	if i := strings.IndexByte(h, '('); i > 0 {
		h = h[:i]
	}
	h = strings.TrimSpace(nonWord().ReplaceAllString(strings.ReplaceAll(h, "-", " "), " "))
	for _, kw := range kindWords {
		for _, w := range kw.words {
			if h == w {
				return []string{kw.kind}
			}
		}
	}
	// A merged heading: "root cause prevention and resolution".
	if strings.Count(h, " ") >= 2 {
		var kinds []string
		rest := " " + h + " "
		for _, kw := range kindWords {
			for _, w := range kw.words {
				if w != "cause" && strings.Contains(rest, " "+w+" ") {
					kinds = append(kinds, kw.kind)
					rest = strings.Replace(rest, " "+w+" ", " ", 1)
					break
				}
			}
		}
		if len(kinds) >= 2 && len(strings.Fields(strings.ReplaceAll(rest, " and ", " "))) == 0 {
			return kinds
		}
	}
	return nil
}
