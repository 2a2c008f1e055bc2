package markdown

import "regexp"

// The patterns and functions below are no longer used by the importer:
// they are the definitions its hand-written fast paths replaced, or
// adapters that give a fast path the pattern's shape of answer, kept here
// so that the fast-path tests and fuzzers can hold the new code to them.

// simpleEntryHead is simpleEntryHeadIndex in entryHead's shape of answer.
func simpleEntryHead(t string) []int {
	if x, ok := simpleEntryHeadIndex(t); ok {
		return x[:]
	}
	return nil
}

// zoneMentions is appendZoneMentions in the pattern's shape of answer.
func zoneMentions(s string) [][]int {
	var out [][]int
	for _, m := range appendZoneMentions(nil, s) {
		out = append(out, append([]int(nil), m[:]...))
	}
	return out
}

// zoneWords are zoneMention's zone names, lower case.
var zoneWords = map[string]bool{"utc": true, "gmt": true, "mst": true, "mdt": true, "mt": true, "pst": true, "pdt": true,
	"pt": true, "est": true, "edt": true, "et": true, "cst": true, "cdt": true, "ct": true}

// wordBullet starts a list item pasted from a word processor.
var wordBullet = regexp.MustCompile(`^(?:[•◦▪●·]|o\t)`)

// sentenceSplit ends a sentence at . ? or ! followed by space.
var sentenceSplit = regexp.MustCompile(`[.?!:]+(?:\s+|$)`)

// splitSentences is eachSentence's pieces in a slice.
func splitSentences(s string) []string {
	var out []string
	eachSentence(s, func(sent string) { out = append(out, sent) })
	return out
}

// affected is the pattern fill's "This incident affected " prefix test replaced.
var affected = regexp.MustCompile(`^This incident affected ((?s).+)$`)
