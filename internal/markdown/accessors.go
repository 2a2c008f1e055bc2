package markdown

// Accessors the linter and the template presets use to read headings
// and template text the way the importer does (SectionKinds is in
// kinds.go).

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
