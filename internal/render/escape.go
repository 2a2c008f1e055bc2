package render

import (
	"regexp"
	"strings"
)

// User text is Markdown: people write emphasis, lists and links in their
// prose and expect them kept. What must not happen is that a line of theirs
// changes the report's structure: a "# ..." line that starts a new section,
// a "---" under a line that turns it into a heading, a code fence or HTML
// comment left open that swallows every section after it.

var (
	atxHeading = regexp.MustCompile(`^( {0,3})(#{1,6})([ \t]|$)`)
	setextLine = regexp.MustCompile(`^ {0,3}(=+|-+)[ \t]*$`)
	fenceLine  = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
)

// Block makes multi-line prose safe to place under a heading.
func Block(s string) string {
	s = strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), " \t\n")
	s = strings.TrimLeft(s, "\n")
	if s == "" {
		return ""
	}
	lines := strings.Split(s, "\n")
	var fence string // the open fence's marker, or ""
	prevText := false
	for i, line := range lines {
		if fence != "" {
			if m := fenceLine.FindStringSubmatch(line); m != nil && m[1][0] == fence[0] && len(m[1]) >= len(fence) && strings.TrimSpace(line[strings.Index(line, m[1])+len(m[1]):]) == "" {
				fence = ""
			}
			continue
		}
		if m := fenceLine.FindStringSubmatch(line); m != nil {
			fence = m[1]
			prevText = false
			continue
		}
		switch {
		case atxHeading.MatchString(line):
			lines[i] = atxHeading.ReplaceAllString(line, `$1\$2$3`)
		case prevText && setextLine.MatchString(line):
			j := strings.IndexAny(line, "=-")
			lines[i] = line[:j] + `\` + line[j:]
		}
		if j := strings.LastIndex(lines[i], "<!--"); j >= 0 && !strings.Contains(strings.Join(lines[i:], "\n")[j:], "-->") {
			// An unclosed comment would hide every section after it.
			lines[i] = strings.ReplaceAll(lines[i], "<!--", `\<!--`)
		}
		prevText = strings.TrimSpace(line) != ""
	}
	if fence != "" {
		lines = append(lines, fence)
	}
	return strings.Join(lines, "\n")
}

var (
	trailingHashes = regexp.MustCompile(`(\s)(#+)\s*$`)
	// blockStart matches what would open a block if it began a list item
	// or a heading's text: a heading, quote, nested list, fence or HTML.
	blockStart = regexp.MustCompile("^(#{1,6}(?:\\s|$)|>|[-+*](?:\\s|$)|\\d{1,9}[.)](?:\\s|$)|`{3,}|~{3,}|<)")
)

// Inline makes text safe on one line: a list item, a title, a label.
func Inline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if m := blockStart.FindStringIndex(s); m != nil {
		s = `\` + s
	}
	return trailingHashes.ReplaceAllString(s, `$1\$2`)
}

// Cell makes text safe inside a Markdown table cell.
func Cell(s string) string {
	return strings.ReplaceAll(Inline(s), "|", `\|`)
}
