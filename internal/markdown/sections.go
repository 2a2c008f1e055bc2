package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// sectionNames maps a normalised heading (lower case, letters, digits and
// single spaces) to the document field it fills. Headings are matched
// whole after parentheses, numbering and emphasis are removed, so that
// "2. Root Cause(s)" and "**Root cause:**" both find root_cause.
var sectionNames = map[string]string{
	"summary": "summary", "executive summary": "summary", "incident summary": "summary",
	"overview": "summary", "tl dr": "summary", "tldr": "summary", "abstract": "summary",
	"description": "summary", "incident description": "summary", "what happened": "summary",

	"detection": "detection", "detected": "detection", "how was it detected": "detection",
	"how it was detected": "detection", "incident detection": "detection", "detection and response": "detection",

	"impact": "impact", "customer impact": "impact", "user impact": "impact", "business impact": "impact",
	"impact assessment": "impact", "impact summary": "impact", "scope and impact": "impact",

	"timeline": "timeline", "timeline of events": "timeline", "incident timeline": "timeline",
	"sequence of events": "timeline", "chronology": "timeline", "event timeline": "timeline",
	"detailed timeline": "timeline", "timeline of the incident": "timeline", "events": "timeline",

	"response": "response", "incident response": "response", "responders": "response",
	"who responded": "response", "response and recovery": "response",

	"root cause": "root_cause", "root causes": "root_cause", "root cause s": "root_cause",
	"root cause analysis": "root_cause", "rca": "root_cause", "five whys": "root_cause",
	"5 whys": "root_cause", "the five whys": "root_cause", "cause": "root_cause", "causes": "root_cause",
	"root cause and trigger": "root_cause", "contributing factors": "root_cause",

	"resolution": "resolution", "recovery": "resolution", "mitigation": "resolution",
	"resolution and recovery": "resolution", "remediation": "resolution", "how it was resolved": "resolution",
	"resolution and mitigation": "resolution", "recovery and resolution": "resolution",
	"mitigation and resolution": "resolution", "fix": "resolution",

	"prevention": "prevention", "preventive measures": "prevention", "preventative measures": "prevention",
	"prevention measures": "prevention", "how to prevent": "prevention", "future prevention": "prevention",

	"action items": "action_items", "action item": "action_items", "actions": "action_items",
	"corrective actions": "action_items", "corrective action": "action_items", "follow up": "action_items",
	"follow ups": "action_items", "followups": "action_items", "follow up items": "action_items",
	"follow up actions": "action_items", "next steps": "action_items", "action plan": "action_items",
	"todo": "action_items", "to do": "action_items", "corrective and preventative actions": "action_items",
	"follow up tasks": "action_items", "follow up items and actions": "action_items", "remediation items": "action_items",
	"action items and follow ups": "action_items", "remediation actions": "action_items", "tasks": "action_items",
	"preventive actions": "action_items", "preventative actions": "action_items",
	"mitigation steps": "resolution", "resolution steps": "resolution", "recovery steps": "resolution",
	"incident overview": "summary", "background and summary": "summary", "timeline and response": "timeline",
}

var (
	parenthetical = regexp.MustCompile(`\([^()]*\)`)
	leadingNumber = regexp.MustCompile(`^(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)]|[a-z][.)])\s+`)
	mergeSplit    = regexp.MustCompile(`\s*(?:,\s*and\s+|,\s*&\s*|,|&|\band\b|/|\+)\s*`)
)

// trimLeadingNumber removes "2. ", "iv) ", "b. " (leadingNumber) from
// the start of s; the pattern runs only when s starts as it must: a
// digit, a letter then "." or ")", or a run of i, v, x then "." or ")".
func trimLeadingNumber(s string) string {
	if s == "" {
		return s
	}
	i := 0
	for i < len(s) && (s[i] == 'i' || s[i] == 'v' || s[i] == 'x') {
		i++
	}
	may := isDigit(s[0]) ||
		i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') ||
		len(s) > 1 && s[0] >= 'a' && s[0] <= 'z' && (s[1] == '.' || s[1] == ')')
	if !may {
		return s
	}
	if m := leadingNumber.FindStringIndex(s); m != nil {
		return s[m[1]:]
	}
	return s
}

// firstSeparator returns where mergeSplit's first separator starts (a
// comma, "&", "/", "+" or the word "and" between \b boundaries, which are
// ASCII), or -1 if s has none.
func firstSeparator(s string) int {
	at := strings.IndexAny(s, ",&/+")
	for i := 0; ; {
		j := strings.Index(s[i:], "and")
		if j < 0 || at >= 0 && i+j >= at {
			return at
		}
		i += j
		if (i == 0 || !isASCIIWord(s[i-1])) && (i+3 == len(s) || !isASCIIWord(s[i+3])) {
			return i
		}
		i++
	}
}

// normHeading lower-cases a heading and keeps its words: emphasis,
// punctuation, emoji, numbering and parentheticals go.
func normHeading(s string) string {
	return normHeadingOf(headingText(s))
}

// headingText is a heading lower-cased without parentheticals, emphasis
// and numbering, before its words are normalised (classifyHeading splits
// merged headings at its commas and "and"s).
func headingText(s string) string {
	if strings.Contains(s, "(") {
		s = parenthetical.ReplaceAllString(s, " ")
	}
	if isASCII(s) {
		s = lowerStripASCII(s)
	} else {
		s = strings.ToLower(stripEmphasis(s))
	}
	s = strings.TrimSpace(s)
	return trimLeadingNumber(s)
}

// lowerStripASCII is strings.ToLower(stripEmphasisASCII(s)) in one pass
// and at most one copy: which bytes stay depends on letters and digits
// around them, in either case alike.
func lowerStripASCII(s string) string {
	i := 0
	for i < len(s) && keepEmphasisASCII(s, i) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, i, len(s))
	copy(b, s[:i])
	for ; i < len(s); i++ {
		if keepEmphasisASCII(s, i) {
			b = append(b, lowerASCII(s[i]))
		}
	}
	return string(b)
}

// keepEmphasisASCII is stripEmphasisASCII's test: byte i of s stays.
func keepEmphasisASCII(s string, i int) bool {
	switch s[i] {
	case '*', '`':
		return false
	case '_':
		return i > 0 && isAlnum(s[i-1]) && i+1 < len(s) && isAlnum(s[i+1])
	}
	return true
}

func normHeadingOf(text string) string {
	w := normWords(text)
	// "1️⃣ Summary", "Step 2 timeline": a number left in front goes too
	for {
		first, rest, ok := strings.Cut(w, " ")
		if !ok || strings.Trim(first, "0123456789") != "" {
			return w
		}
		w = rest
	}
}

// normWords keeps letters and digits, separated by single spaces.
func normWords(s string) string {
	if !isASCII(s) {
		return normWordsUnicode(s)
	}
	// ASCII, the usual case: the same, a byte at a time
	return string(appendNormWordsASCII(make([]byte, 0, len(s)), s))
}

// appendNormWordsASCII appends normWords(s) of ASCII s to b.
func appendNormWordsASCII(b []byte, s string) []byte {
	space := false
	start := len(b)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if space && len(b) > start {
				b = append(b, ' ')
			}
			space = false
			b = append(b, c)
		} else {
			space = true
		}
	}
	return b
}

func normWordsUnicode(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// stripEmphasis removes Markdown emphasis and code marks.
func stripEmphasis(s string) string {
	if isASCII(s) {
		return stripEmphasisASCII(s)
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '*', '`':
			return -1
		}
		return r
	}, trimUnderscores(s))
}

// stripEmphasisASCII is stripEmphasis for ASCII text (the usual case) in
// one pass over bytes, allocating only when something goes: an
// underscore stays between two letters or digits of the original text,
// as trimUnderscores decides before * and ` are removed.
func stripEmphasisASCII(s string) string {
	keep := func(i int) bool {
		switch s[i] {
		case '*', '`':
			return false
		case '_':
			return i > 0 && isAlnum(s[i-1]) && i+1 < len(s) && isAlnum(s[i+1])
		}
		return true
	}
	i := 0
	for i < len(s) && keep(i) {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, i, len(s))
	copy(b, s[:i])
	for ; i < len(s); i++ {
		if keep(i) {
			b = append(b, s[i])
		}
	}
	return string(b)
}

func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// trimUnderscores removes _ used as emphasis (at word edges), keeping
// snake_case words whole.
func trimUnderscores(s string) string {
	if !strings.Contains(s, "_") {
		return s
	}
	rs := []rune(s)
	out := rs[:0:0]
	for i, r := range rs {
		if r == '_' {
			prevWord := i > 0 && (unicode.IsLetter(rs[i-1]) || unicode.IsDigit(rs[i-1]))
			nextWord := i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1]))
			if prevWord && nextWord {
				out = append(out, r)
			}
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// edgeNouns are the section names recognised at either end of a short
// heading, with the affixes spelled out once.
var edgeNouns = func() (out []struct{ name, end, on, of, for_ string }) {
	for _, k := range []string{"impact", "timeline", "root cause", "root causes", "action items"} {
		out = append(out, struct{ name, end, on, of, for_ string }{k, " " + k, k + " on ", k + " of ", k + " for "})
	}
	return out
}()

// kindLists holds a one-kind list for each kind sectionNames names.
var kindLists = func() map[string][]string {
	m := map[string][]string{}
	for _, k := range sectionNames {
		m[k] = []string{k}
	}
	return m
}()

// oneKind is []string{k}, shared: a heading's kinds are only read (a
// section's Kinds is never written in place, and an append to a list of
// capacity one copies it).
func oneKind(k string) []string {
	if l, ok := kindLists[k]; ok {
		return l[:1:1]
	}
	return []string{k}
}

// classifyHeading returns the kinds a heading stands for: one for
// "Root Cause Analysis", several for "Root cause, Prevention, and
// Resolution", none for a heading the format does not know.
func classifyHeading(text string) []string {
	if !mayNameSection(text) {
		return nil
	}
	clean := headingText(text)
	if isASCII(clean) {
		return classifyHeadingASCII(clean)
	}
	n := normHeadingOf(clean)
	if n == "" {
		return nil
	}
	if k, ok := sectionNames[n]; ok {
		return []string{k}
	}
	// "Data loss impact", "Impact on GitLab itself", "Timeline of the
	// outage": unambiguous nouns at either end of a short heading.
	if strings.Count(n, " ") < 5 { // at most five words (n is single-spaced)
		for _, key := range edgeNouns {
			if strings.HasSuffix(n, key.end) || strings.HasPrefix(n, key.on) || strings.HasPrefix(n, key.of) || strings.HasPrefix(n, key.for_) {
				return []string{sectionNames[key.name]}
			}
		}
	}
	// mergeSplit's first part is the text before the first separator: a
	// line of prose ("this incident affected 64 customers, who...") fails
	// on it, without the pattern running.
	at := firstSeparator(clean)
	if at < 0 {
		return nil // mergeSplit would find nothing to split at
	}
	if w := normWords(clean[:at]); w != "" && sectionNames[w] == "" {
		return nil
	}
	return mergedKinds(clean)
}

// mergedKinds is the kinds of a heading that names several sections
// ("Root cause, prevention and resolution"), nil unless every part is one.
func mergedKinds(clean string) []string {
	parts := mergeSplit.Split(clean, -1)
	if len(parts) > 1 {
		var kinds []string
		for _, p := range parts {
			w := normWords(p)
			if w == "" {
				continue
			}
			k, ok := sectionNames[w]
			if !ok {
				return nil
			}
			if !slices.Contains(kinds, k) {
				kinds = append(kinds, k)
			}
		}
		return kinds
	}
	return nil
}

// headingVocab holds every word of sectionNames' keys, and "and" (which
// joins the names in a merged heading).
var headingVocab = func() map[string]bool {
	v := map[string]bool{"and": true}
	for k := range sectionNames {
		for _, w := range strings.Fields(k) {
			v[w] = true
		}
	}
	return v
}()

// mayNameSection is a cheap test that classifyHeading(text) can find a
// kind, for ASCII text without a parenthesis (other text passes). The
// heading's normalised words (normHeadingOf) are the last words of the
// text's own, lower-cased with its emphasis stripped: headingText and
// normHeadingOf only take words off the front. A name, or every part of
// a merged heading, is made of headingVocab's words, so the last word is
// one; an edge noun at the end is one too; one at the front ("Impact on
// ...") is followed by "on", "of" or "for".
func mayNameSection(text string) bool {
	if !isASCII(text) || strings.IndexByte(text, '(') >= 0 {
		return true
	}
	var buf, last [24]byte
	n, long := 0, false // the word so far; long: longer than any in headingVocab
	lastN := -1         // the last word's length in last, -1 for none or too long
	pair, prevEdge := false, false
	end := func() {
		if n == 0 && !long {
			return
		}
		w := buf[:n]
		if long {
			w = nil
		}
		if prevEdge && (string(w) == "on" || string(w) == "of" || string(w) == "for") {
			pair = true
		}
		prevEdge = string(w) == "impact" || string(w) == "timeline" || string(w) == "cause" || string(w) == "causes" || string(w) == "items"
		if lastN = n; long {
			lastN = -1
		}
		last = buf
		n, long = 0, false
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if lc := hashByte[c]; lc != 0 { // a letter or digit, lower case
			if n < len(buf) {
				buf[n] = lc
				n++
			} else {
				long = true
			}
			continue
		}
		if !keepEmphasisASCII(text, i) {
			continue // stripped: the letters either side join
		}
		end()
	}
	end()
	// the vocabulary is looked up for the last word only
	return pair || lastN >= 0 && headingVocab[string(last[:lastN])]
}

// classifyHeadingASCII is classifyHeading's answer for an ASCII
// headingText, clean: the same steps, with the normalised words written
// into a buffer on the stack rather than a new string for each.
func classifyHeadingASCII(clean string) []string {
	var buf [128]byte
	n := appendNormWordsASCII(buf[:0], clean)
	// normHeadingOf: a number left in front goes, unless it is all
	for {
		sp := bytes.IndexByte(n, ' ')
		if sp < 0 || !allDigits(n[:sp]) {
			break
		}
		n = n[sp+1:]
	}
	if len(n) == 0 {
		return nil
	}
	if k, ok := sectionNames[string(n)]; ok {
		return oneKind(k)
	}
	if bytes.Count(n, []byte{' '}) < 5 {
		for _, key := range edgeNouns {
			if hasSuffixBytes(n, key.end) || hasPrefixBytes(n, key.on) || hasPrefixBytes(n, key.of) || hasPrefixBytes(n, key.for_) {
				return oneKind(sectionNames[key.name])
			}
		}
	}
	at := firstSeparator(clean)
	if at < 0 {
		return nil
	}
	var buf2 [128]byte
	if w := appendNormWordsASCII(buf2[:0], clean[:at]); len(w) > 0 && sectionNames[string(w)] == "" {
		return nil
	}
	return mergedKinds(clean)
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func hasSuffixBytes(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[len(b)-len(s):]) == s
}

func hasPrefixBytes(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[:len(s)]) == s
}

// labelLine matches a line that starts a section without a heading:
// "Summary:", "**Root cause:** text", "_Action items_", or a bare
// "Timeline" on a line of its own (plain-text reports). rest is any text
// after the label on the same line.

func labelLine(text string, classify func(string) []string) (kinds []string, label, rest string, ok bool) {
	t := strings.TrimSpace(text)
	if t == "" || len(t) > 400 {
		return nil, "", "", false
	}
	// Label with text after it: "Root Cause: the ..." needs a colon.
	if i := labelEnd(t); i > 0 {
		label = t[:i]
		rest = strings.TrimSpace(strings.TrimLeft(t[i:], ":*_ "))
		colon := strings.Contains(t[:min(len(t), i+4)], ":") || strings.Contains(label, ":")
		lbl := strings.TrimRight(strings.TrimSpace(stripEmphasis(label)), ":")
		ks := classify(lbl)
		if len(ks) == 0 {
			return nil, "", "", false
		}
		if rest != "" && !colon {
			return nil, "", "", false
		}
		return ks, lbl, rest, true
	}
	return nil, "", "", false
}

// labelEnd returns where a label ends: after "**Label:**", "Label:",
// "**Label**" or the whole line when it is only a label.
func labelEnd(t string) int {
	for _, mark := range []string{"**", "__"} {
		if strings.HasPrefix(t, mark) {
			if j := strings.Index(t[2:], mark); j > 0 {
				end := 2 + j + 2
				if end < len(t) && t[end] == ':' {
					end++
				}
				return end
			}
		}
	}
	for _, mark := range []string{"*", "_"} {
		if strings.HasPrefix(t, mark) && !strings.HasPrefix(t, mark+mark) {
			if j := strings.Index(t[1:], mark); j > 0 {
				end := 1 + j + 1
				if end < len(t) && t[end] == ':' {
					end++
				}
				return end
			}
		}
	}
	if i := strings.IndexByte(t, ':'); i > 0 && i < 60 {
		return i + 1
	}
	if len(t) <= 60 {
		return len(t)
	}
	return 0
}
