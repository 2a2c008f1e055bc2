package markdown

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Template leftovers are recognised by features that carry over to
// templates and reports the tool has never seen:
//   - admonition blockquotes (> [!NOTE]) holding instructions;
//   - a paragraph that is only an "EXAMPLE" label;
//   - {PLACEHOLDER} tokens (braces around capitals or "e.g.");
//   - sentences of the course templates' instructions and examples, kept
//     here only as hashes of their normalised words (templateHashes),
//     because a linter has to know the template it checks against.

// placeholder matches {DESCRIBE THE ACTION}, {XX:XX UTC}, {e.g. NUMBER}
// and {time range of incident, e.g. 15:45}, but not JSON or code.
var placeholder = regexp.MustCompile(`\{([^{}\n"=;]{1,160})\}`)

func hasPlaceholder(s string) bool {
	if !strings.Contains(s, "{") {
		return false
	}
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		in := m[1]
		if strings.Contains(in, "e.g.") || capsRun.MatchString(in) || strings.HasPrefix(strings.TrimSpace(in), "X") && strings.Trim(strings.TrimSpace(in), "X%:") == "" {
			return true
		}
	}
	return false
}

var capsRun = regexp.MustCompile(`(?:^|[\s(/])[A-Z]{2,}(?:[\s%:/,)]|$)`)

// exampleLabel is a paragraph that only says EXAMPLE ("**EXAMPLE**:").
func isExampleLabel(s string) bool {
	if len(s) > 40 {
		return false // a label, not a paragraph: skip the normalising
	}
	if !isASCII(s) {
		w := normWords(stripEmphasis(s))
		return w == "example" || w == "examples"
	}
	// normWords(stripEmphasisASCII(s)) is "example" or "examples" when the
	// bytes stripEmphasis keeps hold exactly one run of letters and
	// digits, and that run is the word in any case; read without writing
	// either string (c|0x20 lower-cases a letter and keeps a digit).
	var run [8]byte
	runs, n, in := 0, 0, false
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c == '*' || c == '`' || c == '_') && !keepEmphasisASCII(s, i) {
			continue
		}
		if c := s[i]; isAlnum(c) {
			if !in {
				if runs++; runs > 1 {
					return false // a second word
				}
				n, in = 0, true
			}
			if n == len(run) {
				return false // longer than "examples"
			}
			run[n] = c | 0x20
			n++
		} else {
			in = false
		}
	}
	return runs == 1 && (n == 7 && string(run[:7]) == "example" || n == 8 && string(run[:]) == "examples")
}

var admonition = regexp.MustCompile(`^\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]`)

// eachSentence calls f on each piece of s cut after . ? ! or : followed
// by a space (or the end), in order: what sentenceSplit.Split(s, -1)
// gives (the pattern is in the tests), without a regular expression or
// building a slice (templateMatch runs on every paragraph).
func eachSentence(s string, f func(string)) {
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', '?', '!', ':':
			j := i + 1
			for j < len(s) && strings.IndexByte(".?!:", s[j]) >= 0 {
				j++
			}
			if j == len(s) || s[j] == ' ' || s[j] == '\t' || s[j] == '\n' {
				f(s[start:i])
				for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
					j++
				}
				start, i = j, j-1
			}
		}
	}
	f(s[start:])
}

// eachSentenceHashASCII calls f with sentenceHashASCII of each of
// splitSentences(s), in order, for ASCII s, in one pass: a sentence ends
// only at one of . ? ! :, which are not letters or digits, so the words
// hashed up to it are the sentence's. With strip, s is read as
// stripEmphasisASCII(s) would write it, skipping the bytes it drops
// (which it decides from s itself). It stops and returns false at a byte
// outside ASCII (the sentences given to f so far are then void).
func eachSentenceHashASCII(s string, strip bool, f func(uint64, int)) bool {
	const offset64, prime64 = 14695981039346656037, 1099511628211
	dropped := func(i int) bool {
		c := s[i]
		return strip && (c == '*' || c == '`' || c == '_') && !keepEmphasisASCII(s, i)
	}
	next := func(i int) int { // the first byte kept at or after i
		for i < len(s) && dropped(i) {
			i++
		}
		return i
	}
	h, n, space := uint64(offset64), 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if lc := hashByte[c]; lc != 0 {
			// a letter or digit (the common case): part of a word
			if n == 0 || space {
				if n > 0 {
					h = (h ^ ' ') * prime64
				}
				n++
			}
			space = false
			h = (h ^ uint64(lc)) * prime64
			continue
		}
		if c >= utf8.RuneSelf {
			return false
		}
		if dropped(i) {
			continue
		}
		switch c {
		case '.', '?', '!', ':':
			j := next(i + 1)
			for j < len(s) && (s[j] == '.' || s[j] == '?' || s[j] == '!' || s[j] == ':') {
				j = next(j + 1)
			}
			if j == len(s) || s[j] == ' ' || s[j] == '\t' || s[j] == '\n' {
				f(h, n)
				h, n, space = offset64, 0, false
				for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
					j = next(j + 1)
				}
				i = j - 1 // the loop goes on from j, a kept byte
				continue
			}
		}
		space = true // any other byte kept separates words
	}
	f(h, n)
	return true
}

// hashByte maps an ASCII letter or digit to what sentenceHash hashes for
// it (lower case), and every other byte to 0.
var hashByte = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	return t
}()

// fingerprint is the 64-bit FNV-1a hash of s (hash/fnv's New64a,
// computed in place: no allocation per sentence).
func fingerprint(s string) uint64 {
	const offset64, prime64 = 14695981039346656037, 1099511628211
	h := uint64(offset64)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	return h
}

// sentenceHash is fingerprint(normWords(s)) and the number of words, for
// ASCII text computed as normWords would write it, without writing it.
func sentenceHash(s string) (uint64, int) {
	if !isASCII(s) {
		w := normWords(s)
		if w == "" {
			return 0, 0
		}
		return fingerprint(w), strings.Count(w, " ") + 1 // single spaces between words
	}
	return sentenceHashASCII(s)
}

// sentenceHashASCII is sentenceHash for ASCII s.
func sentenceHashASCII(s string) (uint64, int) {
	const offset64, prime64 = 14695981039346656037, 1099511628211
	h, n, space := uint64(offset64), 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if n == 0 || space {
				if n > 0 {
					h = (h ^ ' ') * prime64
				}
				n++
			}
			space = false
			h = (h ^ uint64(c)) * prime64
		} else {
			space = true
		}
	}
	return h, n
}

// templateMatch tells how much of s (by words) is sentences of the
// course templates: kind "instruction" or "example", and the share.
func templateMatch(s string) (kind string, share float64) {
	total, inst, ex := 0, 0, 0
	count := func(h uint64, n int) {
		if n == 0 {
			return
		}
		total += n
		switch templateHashes[h] {
		case 'i':
			inst += n
		case 'e':
			ex += n
		}
	}
	// ASCII text stays ASCII without its emphasis, and so do its
	// sentences: the hashing pass is the ASCII test too, and text it
	// finds otherwise is counted again from nothing.
	if !eachSentenceHashASCII(s, true, count) {
		total, inst, ex = 0, 0, 0
		eachSentence(stripEmphasis(s), func(sent string) { count(sentenceHash(sent)) })
	}
	if total == 0 {
		return "", 0
	}
	if inst >= ex {
		return "instruction", float64(inst) / float64(total)
	}
	return "example", float64(ex) / float64(total)
}

var mkdocsAdmonition = regexp.MustCompile(`^!!!\s+\w+`)

// instructionVerbs open the italic help lines templates put under a
// heading ("_Include a short description of what happened._").
var instructionVerbs = regexp.MustCompile(`(?i)^(include|describe|detail|note|list|explain|write|add|summarize|summarise|link|schedule|be|your|who|what|when|where|why|how|each|this is|some important|fill|provide|enter|insert|replace|delete|remove)\b`)

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
	return instructionVerbs.MatchString(inner) || strings.HasSuffix(inner, "?")
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
