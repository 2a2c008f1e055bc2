package markdown

// Accessors the linter and the template presets use to read headings
// and template text the way the importer does.

// SectionKinds maps a heading to the document fields it fills, with the
// importer's one table of section names and synonyms: "Root Cause(s)"
// gives root_cause; "Root cause, Prevention, and Resolution" gives three;
// a heading the format does not know gives none. The linter and the
// template presets classify headings through it, so that every part of
// the program agrees on what a heading means.
func SectionKinds(heading string) []string { return classifyHeading(heading) }

// NormalizeHeading is a heading as the table looks it up: folded, without
// numbering, emphasis, punctuation or parentheticals ("2. Root Cause(s)"
// gives "root cause"), words separated by single spaces.
func NormalizeHeading(heading string) string { return normHeading(heading) }

// IsTemplateText reports whether a paragraph is a known template's
// instruction or example text (the sentences of the course templates),
// the test the importer's leftover stage applies to a paragraph.
func IsTemplateText(text string) bool {
	_, share := templateMatch(text)
	return share >= 0.6
}
