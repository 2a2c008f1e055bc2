package markdown

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// The leftover stage: template text left in a report. It is recognised
// by features that carry over to templates and reports the tool has
// never seen:
//   - admonition blockquotes (> [!NOTE]) holding instructions;
//   - a paragraph that is only an "EXAMPLE" label;
//   - {PLACEHOLDER} tokens (braces around capitals or "e.g.");
//   - sentences of the course templates' instructions and examples, kept
//     here only as hashes of their normalised words (templateHashes),
//     because a linter has to know the template it checks against.

// leftovers is the stage's result: the kind of template text each line
// holds ("instruction", "example", "placeholder", "comment"; "" for
// content), and the leftovers to report.
type leftovers struct {
	drop  []string
	found []Leftover
}

// dropped reports whether line i (0-based) is template text or a comment.
func (lo *leftovers) dropped(i int) bool { return lo.drop[i] != "" }

var (
	// placeholder matches {DESCRIBE THE ACTION}, {XX:XX UTC}, {e.g.
	// NUMBER} and {time range of incident, e.g. 15:45}, but not JSON or
	// code.
	placeholder      = pattern(`\{([^{}\n"=;]{1,160})\}`)
	capsRun          = pattern(`(?:^|[\s(/])[A-Z]{2,}(?:[\s%:/,)]|$)`)
	admonition       = pattern(`^\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]`)
	mkdocsAdmonition = pattern(`^!!!\s+\w+`)
	// instructionVerbs open the italic help lines templates put under a
	// heading ("_Include a short description of what happened._").
	instructionVerbs = pattern(`(?i)^(include|describe|detail|note|list|explain|write|add|summarize|summarise|link|schedule|be|your|who|what|when|where|why|how|each|this is|some important|fill|provide|enter|insert|replace|delete|remove|say|state|tell|give|consider|mention|record)\b`)
)

func findLeftovers(lines []line) *leftovers {
	lo := &leftovers{drop: make([]string, len(lines))}
	lo.markBlocks(lines)
	lo.markParagraphs(lines)
	lo.markExampleZoneLines(lines)
	lo.markExampleFences(lines)
	lo.record(lines)
	return lo
}

// markBlocks marks admonition quotes that hold a template's
// instructions, HTML blocks, front matter and MkDocs admonitions. A
// quote is an admonition's as a whole, but not its lazy continuation
// lines (a "> " line followed by "All times are UTC." without a blank
// line keeps that line in the quote's paragraph). An admonition an
// author wrote ("> [!NOTE]" over "> This report was published with the
// vendor's consent.") is the report's text.
func (lo *leftovers) markBlocks(ls []line) {
	adm := map[int]bool{}
	text := map[int][]string{}
	for i := range ls {
		if ls[i].quote == 0 {
			continue
		}
		if admonition().MatchString(strings.TrimLeft(ls[i].text, "> ")) {
			adm[ls[i].quoteID] = true
		} else if strings.HasPrefix(strings.TrimSpace(ls[i].raw), ">") {
			text[ls[i].quoteID] = append(text[ls[i].quoteID], strings.TrimSpace(ls[i].text))
		}
	}
	for id := range adm {
		adm[id] = instructions(text[id])
	}
	for i := range ls {
		if ls[i].quote > 0 && adm[ls[i].quoteID] && strings.HasPrefix(strings.TrimSpace(ls[i].raw), ">") {
			lo.drop[i] = "instruction"
		}
		if ls[i].kind == kHTML || ls[i].kind == kFront {
			lo.drop[i] = "comment"
		}
		if ls[i].kind == kText && strings.HasPrefix(ls[i].raw, "!!!") && mkdocsAdmonition().MatchString(ls[i].raw) {
			for j := i; j < len(ls) && (j == i || strings.HasPrefix(ls[j].raw, "    ") || strings.HasPrefix(ls[j].raw, "\t")); j++ {
				lo.drop[j] = "instruction"
			}
		}
	}
}

// instructions reports whether an admonition's lines are a template's:
// its sentences (most of its words), or lines that each read as an
// instruction or a question to the author.
func instructions(lines []string) bool {
	if len(lines) == 0 {
		return true // "> [!NOTE]" alone
	}
	if _, share := templateMatch(strings.Join(lines, " ")); share >= 0.5 {
		return true
	}
	for _, l := range lines {
		t := strings.TrimSpace(strings.Trim(l, "*_ "))
		if t != "" && !instructionVerbs().MatchString(t) && !strings.HasSuffix(t, "?") && !strings.HasSuffix(t, ":") {
			return false
		}
	}
	return true
}

// markParagraphs marks paragraphs (or list items) of template
// sentences, placeholders and EXAMPLE labels.
func (lo *leftovers) markParagraphs(ls []line) {
	for start := 0; start < len(ls); {
		end := start + 1
		if ls[start].kind != kText || lo.dropped(start) {
			start = end
			continue
		}
		for end < len(ls) && ls[end].kind == kText && ls[end].block == ls[start].block && !ls[end].item && !lo.dropped(end) {
			end++
		}
		lo.markParagraph(ls, start, end)
		start = end
	}
}

// markParagraph judges the paragraph of lines start to end (exclusive).
func (lo *leftovers) markParagraph(ls []line, start, end int) {
	text := ls[start].text
	e, ok := ls[start].asEntry()
	if end-start > 1 {
		parts := make([]string, 0, end-start)
		for i := start; i < end; i++ {
			parts = append(parts, ls[i].text)
		}
		text = strings.Join(parts, " ")
		e, ok = parseEntry(text, timeparse.Lex(text))
	}
	if ok && e.text != "" {
		text = e.text // an example timeline entry without its time
	}
	switch {
	case isExampleLabel(text):
		lo.dropRange(start, end, "example")
		return
	case hasPlaceholder(text) && ls[start].fence != "" || strings.Count(text, "{") >= 2 && hasPlaceholder(text):
		lo.dropRange(start, end, "placeholder")
		return
	case isItalicInstruction(text), labelledInstruction(text), promptStack(ls, start, end):
		lo.dropRange(start, end, "instruction")
		return
	}
	if kind, share := templateMatch(text); share >= 0.6 {
		lo.dropRange(start, end, kind)
		return
	}
	// a line of instructions at the top of a paragraph of content
	for i := start; i < end; i++ {
		if end-start > 1 {
			if kind, share := templateMatch(ls[i].text); share >= 0.6 {
				lo.drop[i] = kind
			}
		}
		if !lo.dropped(i) && hasPlaceholder(ls[i].text) {
			lo.placeholders(&ls[i])
		}
	}
}

// placeholders records the {TOKEN}s left in a real sentence: the token
// goes (body drops it), the sentence stays.
func (lo *leftovers) placeholders(l *line) {
	for _, m := range placeholder().FindAllStringIndex(l.text, -1) {
		if hasPlaceholder(l.text[m[0]:m[1]]) {
			lo.found = append(lo.found, Leftover{Position: Position{l.n, l.col + utf8.RuneCountInString(l.text[:m[0]])}, EndLine: l.n, Kind: "placeholder", Text: l.text[m[0]:m[1]]})
		}
	}
}

// markExampleZoneLines: an EXAMPLE label followed only by leftovers
// makes the zone line it left (the example's "All times are UTC.")
// example text too.
func (lo *leftovers) markExampleZoneLines(ls []line) {
	for i := range ls {
		if lo.drop[i] != "example" || !isExampleLabel(ls[i].text) {
			continue
		}
		kept := -1
		allDropped := true
		for j := i + 1; j < len(ls) && j < i+400 && ls[j].kind != kHeading; j++ {
			if strings.TrimSpace(ls[j].raw) == "" || ls[j].kind == kUnder || lo.dropped(j) {
				continue
			}
			if kept < 0 && zoneLineIn(ls[j].tokens) != nil {
				kept = j
				continue
			}
			allDropped = false
			break
		}
		if allDropped && kept >= 0 {
			lo.drop[kept] = "example"
		}
	}
}

// markExampleFences: a Markdown fence whose content is all leftovers is
// a leftover (the v2 template's ```md example blocks).
func (lo *leftovers) markExampleFences(ls []line) {
	for i := range ls {
		if ls[i].kind != kUnder || !strings.HasPrefix(ls[i].fence, "open:") {
			continue
		}
		j := i + 1
		allDropped, any := true, false
		for j < len(ls) && !(ls[j].kind == kUnder && isFence(ls[j].raw)) {
			if strings.TrimSpace(ls[j].raw) != "" {
				any = true
				if !lo.dropped(j) && ls[j].kind != kUnder {
					allDropped = false
				}
			}
			j++
		}
		if any && allDropped && j < len(ls) {
			lo.drop[i], lo.drop[j] = "example", "example"
		}
	}
}

// record reports the leftovers, neighbouring lines of one kind merged.
func (lo *leftovers) record(ls []line) {
	for i := 0; i < len(ls); i++ {
		k := lo.drop[i]
		if k == "" || k == "comment" {
			continue
		}
		j := i
		for j+1 < len(ls) && (lo.drop[j+1] == k || strings.TrimSpace(ls[j+1].raw) == "" && j+2 < len(ls) && lo.drop[j+2] == k) {
			j++
		}
		lo.found = append(lo.found, Leftover{Position: Position{ls[i].n, ls[i].col}, EndLine: ls[j].n, Kind: k, Text: strings.TrimSpace(ls[i].text)})
		i = j
	}
	sort.SliceStable(lo.found, func(a, b int) bool { return lo.found[a].Line < lo.found[b].Line })
}

func (lo *leftovers) dropRange(a, b int, kind string) {
	for i := a; i < b; i++ {
		lo.drop[i] = kind
	}
}

func hasPlaceholder(s string) bool {
	if !strings.Contains(s, "{") {
		return false
	}
	for _, m := range placeholder().FindAllStringSubmatch(s, -1) {
		in := strings.TrimSpace(m[1])
		if strings.Contains(m[1], "e.g.") || capsRun().MatchString(m[1]) || strings.HasPrefix(in, "X") && strings.Trim(in, "X%:") == "" {
			return true
		}
	}
	return false
}

// isExampleLabel is a paragraph that only says EXAMPLE ("**EXAMPLE**:").
func isExampleLabel(s string) bool {
	if letterCount(s, 9) > 8 {
		return false // "examples" is eight letters; a paragraph is more
	}
	w := normWords(stripEmphasis(s))
	return w == "example" || w == "examples"
}

// letterCount counts the letters and digits of s, up to most.
func letterCount(s string, most int) int {
	n := 0
	for _, r := range s {
		if isWordRune(r) {
			if n++; n >= most {
				return n
			}
		}
	}
	return n
}

// templateMatch tells how much of s (by words) is sentences of the
// course templates: kind "instruction" or "example", and the share.
func templateMatch(s string) (kind string, share float64) {
	total, inst, ex := 0, 0, 0
	for _, sent := range sentences(stripEmphasis(s)) {
		h, n := sentenceHash(sent)
		if n == 0 {
			continue
		}
		total += n
		switch templateHashes[h] {
		case 'i':
			inst += n
		case 'e':
			ex += n
		}
	}
	if total == 0 {
		return "", 0
	}
	if inst >= ex {
		return "instruction", float64(inst) / float64(total)
	}
	return "example", float64(ex) / float64(total)
}

// sentences splits s after each run of . ? ! or : that is followed by
// white space or ends s.
func sentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if !isSentenceEnd(s[i]) {
			continue
		}
		j := i + 1
		for j < len(s) && isSentenceEnd(s[j]) {
			j++
		}
		k := j
		for k < len(s) && strings.IndexByte(" \t\n\f\r", s[k]) >= 0 {
			k++
		}
		if k > j || j == len(s) {
			out = append(out, s[start:i])
			start = k
		}
		i = k - 1
	}
	return append(out, s[start:])
}

func isSentenceEnd(c byte) bool { return c == '.' || c == '?' || c == '!' || c == ':' }

// fingerprint is the 64-bit FNV-1a hash of s (hash/fnv's New64a).
func fingerprint(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211

// sentenceHash is fingerprint(normWords(s)) and its number of words,
// hashed as normRunes yields it.
func sentenceHash(s string) (uint64, int) {
	h, words, inWord := uint64(fnvOffset), 0, false
	var buf [utf8.UTFMax]byte
	for r := range normRunes(s) {
		if r == ' ' {
			inWord = false
		} else if !inWord {
			inWord = true
			words++
		}
		for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
			h = (h ^ uint64(c)) * fnvPrime
		}
	}
	return h, words
}

// isItalicInstruction is a paragraph set wholly in italics (single * or
// _) that reads as an instruction or a question to the author.
func isItalicInstruction(s string) bool {
	t := strings.TrimSpace(s)
	t = strings.TrimSpace(trimBullet(t))
	if len(t) < 4 {
		return false
	}
	m := t[0]
	if (m != '_' && m != '*') || t[1] == m {
		return false
	}
	inner := strings.TrimSpace(strings.Trim(t, "_*"))
	if emphasisMarks(t, m) > 2 {
		return false // several emphasised runs, not one italic paragraph
	}
	if !strings.HasSuffix(strings.TrimRight(t, ".?!:"), string(m)) && !strings.HasSuffix(t, string(m)) {
		return false
	}
	return instructionVerbs().MatchString(inner) || strings.HasSuffix(inner, "?")
}

// promptStack is a paragraph of lines each set wholly in italics, one
// of them an instruction or a question: a template's prompts for a
// section ("_What steps were taken to resolve the issue?_" over
// "_Date/time of resolution_"), with nothing written under them.
func promptStack(ls []line, start, end int) bool {
	if end-start < 2 {
		return false
	}
	asked := false
	for i := start; i < end; i++ {
		t := strings.TrimSpace(ls[i].text)
		if len(t) < 4 || t[0] != '_' && t[0] != '*' || t[1] == t[0] || !strings.HasSuffix(t, t[:1]) || emphasisMarks(t, t[0]) > 2 {
			return false
		}
		asked = asked || isItalicInstruction(t)
	}
	return asked
}

// emphasisMarks counts the emphasis characters m in s, leaving out
// underscores inside words (sev1_YYYYMMDD) and doubled marks (**bold**).
func emphasisMarks(s string, m byte) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] != m {
			continue
		}
		if i+1 < len(s) && s[i+1] == m || i > 0 && s[i-1] == m {
			continue
		}
		if m == '_' && i > 0 && i+1 < len(s) && isWordByte(s[i-1]) && isWordByte(s[i+1]) {
			continue
		}
		n++
	}
	return n
}

// isWordByte is a letter or digit byte, or any byte of a character
// outside ASCII.
func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// labelledInstruction is a metadata line whose value is still the
// template's help: "**Postmortem Owner:** _Your name goes here._".
func labelledInstruction(s string) bool {
	t := strings.TrimSpace(s)
	if !strings.HasPrefix(t, "**") {
		return false
	}
	end := strings.Index(t[2:], "**")
	if end < 0 {
		return false
	}
	label := t[2 : 2+end]
	if !strings.HasSuffix(strings.TrimSpace(label), ":") && !strings.HasPrefix(strings.TrimSpace(t[4+end:]), ":") {
		return false
	}
	value := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t[4+end:]), ":"))
	return isItalicInstruction(value)
}

var spaceBeforePunct = pattern(`\s+([.,;:!?)])`)

// stripPlaceholders removes {TOKEN}s left from a template and tidies the
// spaces they leave.
func stripPlaceholders(s string) string {
	out := placeholder().ReplaceAllStringFunc(s, func(m string) string {
		if hasPlaceholder(m) {
			return ""
		}
		return m
	})
	if out == s {
		return s
	}
	lead := s[:len(s)-len(strings.TrimLeft(s, " \t"))]
	out = strings.Join(strings.Fields(out), " ")
	return lead + spaceBeforePunct().ReplaceAllString(out, "$1")
}
