package render

import (
	"regexp"
	"strings"
	"sync"
)

// pattern compiles a regular expression on first use, so that a run that
// never escapes Markdown (postmortem --version) does not pay for it.
func pattern(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// User text is Markdown: people write emphasis, lists and links in their
// prose and expect them kept. What must not happen is that a line of theirs
// changes the report's structure: a "# ..." line that starts a new section,
// a "---" under a line that turns it into a heading, a code fence or HTML
// comment left open that swallows every section after it.

var (
	atxHeading = pattern(`^( {0,3})(#{1,6})([ \t]|$)`)
	setextLine = pattern(`^ {0,3}(=+|-+)[ \t]*$`)
	fenceLine  = pattern("^ {0,3}(`{3,}|~{3,})")
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
			if m := fenceLine().FindStringSubmatch(line); m != nil && m[1][0] == fence[0] && len(m[1]) >= len(fence) && strings.TrimSpace(line[strings.Index(line, m[1])+len(m[1]):]) == "" {
				fence = ""
			}
			continue
		}
		if m := fenceLine().FindStringSubmatch(line); m != nil && !(m[1][0] == '`' && strings.Contains(line[strings.Index(line, m[1])+len(m[1]):], "`")) {
			// (a backtick fence's info string cannot hold a backtick:
			// "```x`" is inline code, not a fence)
			fence = m[1]
			prevText = false
			continue
		}
		switch {
		case atxHeading().MatchString(line):
			lines[i] = atxHeading().ReplaceAllString(line, `$1\$2$3`)
		case prevText && setextLine().MatchString(line):
			j := strings.IndexAny(line, "=-")
			lines[i] = line[:j] + `\` + line[j:]
		}
		if j, ok := unclosedHTMLBlock(lines[i], strings.Join(lines[i:], "\n")); ok {
			lines[i] = lines[i][:j] + `\` + lines[i][j:]
		}
		prevText = strings.TrimSpace(line) != ""
	}
	if fence != "" {
		lines = append(lines, fence)
	}
	return strings.Join(lines, "\n")
}

// containerPrefix is what may stand before a block inside a quote or list.
var containerPrefix = pattern(`^(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)])(?:[ \t]|$))*[ \t]*`)

// htmlBlocks are the CommonMark HTML blocks that end only at a marker, not
// at a blank line; left open, they swallow the rest of the report.
// Compiled on first use, like every pattern here.
var htmlBlocks = sync.OnceValue(func() []htmlBlock {
	return []htmlBlock{
		{regexp.MustCompile(`(?i)^<(script|pre|style|textarea)(?:[ \t>]|$)`), func(tag string) string { return "</" + strings.ToLower(tag) + ">" }},
		{regexp.MustCompile(`^<!--`), func(string) string { return "-->" }},
		{regexp.MustCompile(`^<\?`), func(string) string { return "?>" }},
		{regexp.MustCompile(`^<!\[CDATA\[`), func(string) string { return "]]>" }},
		{regexp.MustCompile(`^<![A-Za-z]`), func(string) string { return ">" }},
	}
})

type htmlBlock struct {
	start *regexp.Regexp
	end   func(tag string) string
}

// unclosedHTMLBlock finds an HTML block opener on the line whose end marker
// appears nowhere after it, and returns where its "<" is.
func unclosedHTMLBlock(line, rest string) (int, bool) {
	j := len(containerPrefix().FindString(line))
	for _, hb := range htmlBlocks() {
		m := hb.start.FindStringSubmatch(line[j:])
		if m == nil {
			continue
		}
		tag := ""
		if len(m) > 1 {
			tag = m[1]
		}
		after := rest[j+len(m[0]):]
		if tag != "" {
			after = strings.ToLower(after)
		}
		return j, !strings.Contains(after, hb.end(tag))
	}
	return 0, false
}

var (
	trailingHashes = pattern(`(\s)(#+)\s*$`)
	// blockStart matches what would open a block if it began a list item
	// or a heading's text: a heading, quote, nested list, fence or HTML.
	blockStart = pattern("^(#{1,6}(?:\\s|$)|>|[-+*](?:\\s|$)|\\d{1,9}[.)](?:\\s|$)|`{3,}|~{3,}|<)")
)

// Inline makes text safe on one line: a list item, a title, a label.
func Inline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if m := blockStart().FindStringIndex(s); m != nil {
		s = `\` + s
	}
	if !strings.Contains(s, "#") {
		return s // the regexp backtracks over every space of a long line
	}
	return trailingHashes().ReplaceAllString(s, `$1\$2`)
}

// Cell makes text safe inside a Markdown table cell.
func Cell(s string) string {
	return strings.ReplaceAll(Inline(s), "|", `\|`)
}
