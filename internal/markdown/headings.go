package markdown

import (
	"iter"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/fold"
)

// sectionNames maps a normalised heading (folded, letters, digits and
// single spaces) to the document field it fills: the one list of section
// names and their synonyms. Headings are matched whole after
// parentheses, numbering and emphasis are removed, so that "2. Root
// Cause(s)" and "**Root cause:**" both find root_cause.
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

	// Names real teams' reports and the published templates (Google SRE,
	// PagerDuty, Atlassian) use.
	"issue summary": "summary", "introduction": "summary", "summary of events": "summary",
	"summary of the incident": "summary",
	"impact analysis":         "impact", "incident impact": "impact", "impact and scope": "impact",
	"timeline of the events": "timeline", "incident log": "timeline",
	"response team": "response", "incident responders": "response",
	"diagnosis": "root_cause", "the vulnerability": "root_cause", "vulnerability": "root_cause",
	"trigger": "root_cause", "fault": "root_cause", "whys": "root_cause", "5 whys analysis": "root_cause",
	"technical cause": "root_cause", "primary cause": "root_cause", "why it happened": "root_cause",
	"contributing factors and root cause": "root_cause", "what went wrong and why": "root_cause",
	"details of mitigation": "resolution", "details of fix": "resolution", "details of the fix": "resolution",
	"how it was fixed": "resolution", "how we fixed it": "resolution", "resolution details": "resolution",
	"immediate resolution": "resolution", "recovery and lessons learned": "resolution",
	"remediation and recovery": "resolution", "fix and recovery": "resolution",
	"corrective and preventative measures": "prevention", "corrective and preventative measure": "prevention",
	"corrective and preventive measures": "prevention", "corrective and preventive measure": "prevention",
	"preventive enhancements": "prevention", "preventative enhancements": "prevention",
	"remediation and architectural lessons": "prevention", "preventing recurrence": "prevention",
	"how we will prevent this": "prevention", "prevention and follow up": "prevention",
	"open follow ups": "action_items", "what we re doing to fix this": "action_items",
	"what we are doing to fix this": "action_items", "what we re doing differently": "action_items",
	"what we are doing differently": "action_items", "recommendations": "action_items",
	"planned actions": "action_items", "action points": "action_items", "follow up work": "action_items",
	"corrective actions and follow ups": "action_items", "remediation plan": "action_items",
	"short term improvements": "action_items", "long term improvements": "action_items",
	"planned improvements": "action_items", "future improvements": "action_items", "improvements": "action_items",
	"short term actions": "action_items", "long term actions": "action_items", "next actions": "action_items",
	"actions planned": "action_items", "action planned": "action_items", "planned action": "action_items",
	"actions taken": "action_items", "action taken": "action_items",

	// The questions blog-style and public status reports ask as headings.
	"who was affected": "impact", "what was the impact": "impact", "who was impacted": "impact",
	"how we responded": "response", "how did we respond": "response",
	"why did this happen": "root_cause", "why did it happen": "root_cause", "what caused this": "root_cause",
	"what caused the outage": "root_cause", "what caused the incident": "root_cause",
	"how did we fix it": "resolution", "how we fixed this": "resolution", "steps taken to resolve": "resolution",
	"what are we doing about it": "action_items", "what we re doing about it": "action_items",
	"what we are doing about it": "action_items", "what we re doing to prevent this": "action_items",
	"what we are doing to prevent this": "action_items", "follow up steps": "action_items",
	"next steps and follow up": "action_items", "remediation and follow up steps": "action_items",
	"remediation and next steps": "action_items", "remediation and follow ups": "action_items",
	// Azure's post incident reviews, Google Cloud's incident reports
	"how are we making incidents like this less likely or less impactful": "action_items",
	"how are we making incidents like this less likely":                   "action_items",
	"detailed description of impact":                                      "impact",
}

// neutralParts are the parts of a merged heading that name no section of
// the document ("Recovery and Lessons Learned" is the recovery): they are
// left out when the other parts all name one.
var neutralParts = map[string]bool{"lessons learned": true, "lessons learnt": true, "lessons": true,
	"learnings": true, "takeaways": true, "key takeaways": true}

// edgeNouns are the section names recognised at either end of a short
// heading: "Data loss impact", "Impact on GitLab itself", "Timeline of
// the outage".
var edgeNouns = []string{"impact", "timeline", "root cause", "root causes", "action items", "recommendations"}

// weakLabels are section names that are also everyday words; followed by
// text on the same line they are prose ("Fix: ..."), alone they label.
var weakLabels = map[string]bool{"fix": true, "cause": true, "causes": true, "events": true, "tasks": true,
	"actions": true, "description": true, "overview": true, "mitigation": true, "recovery": true, "todo": true,
	"to do": true, "detected": true, "what happened": true, "abstract": true}

// metaHeadings are headings that hold metadata rather than a section
// (Google's template): "## Date", "## Authors".
var metaHeadings = map[string]string{"date": "date", "incident date": "date", "authors": "authors", "author": "authors",
	"owner": "authors", "owners": "authors", "status": "status", "severity": "severity", "incident severity": "severity"}

var (
	parenthetical = pattern(`\([^()]*\)`)
	leadingNumber = pattern(`^(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)]|[a-z][.)])\s+`)
	mergeSplit    = pattern(`\s*(?:,\s*and\s+|,\s*&\s*|,|&|\band\b|/|\+)\s*`)
)

// classifyHeading returns the kinds a heading stands for: one for
// "Root Cause Analysis", several for "Root cause, Prevention, and
// Resolution", none for a heading the format does not know.
func classifyHeading(text string) []string {
	clean := headingText(text)
	n := normHeadingOf(clean)
	if n == "" {
		return nil
	}
	if k, ok := sectionNames[n]; ok {
		return []string{k}
	}
	if strings.Count(n, " ") < 5 { // at most five words (n is single-spaced)
		for _, noun := range edgeNouns {
			if strings.HasSuffix(n, " "+noun) || strings.HasPrefix(n, noun+" on ") || strings.HasPrefix(n, noun+" of ") || strings.HasPrefix(n, noun+" for ") {
				return []string{sectionNames[noun]}
			}
		}
	}
	if kinds := mergedKinds(clean, n); kinds != nil {
		return kinds
	}
	return qualifiedKinds(text)
}

// qualifiedKinds is the kind of a heading that is a section's name with a
// qualifier after it: "Timeline (all times PST) 01/16/2024 - 02/28/2024.
// All times approximations", "Timeline: December 4", "Impact - EU
// region". The name must come first and be followed by a parenthesis, a
// colon, a dash or a number; nil otherwise.
func qualifiedKinds(text string) []string {
	s := strings.TrimSpace(text)
	if s != "" && (isDigitByte(s[0]) || s[0] == '*' || s[0] == '_') {
		s = strings.TrimSpace(stripEmphasis(s))
		if m := leadingNumber().FindStringIndex(s); s != "" && isDigitByte(s[0]) && m != nil {
			s = s[m[1]:]
		}
	}
	i := strings.IndexAny(s, "(:0123456789-–—")
	if i > 40 {
		return nil // a section's name is a few words
	}
	if i <= 0 || s[i] == '-' && (i+1 >= len(s) || s[i+1] != ' ' || s[i-1] != ' ') {
		return nil // "Follow-ups" is a word, not a name and its qualifier
	}
	name := normWords(stripEmphasis(s[:i])) // normWords folds
	if k, ok := sectionNames[name]; ok && !weakLabels[name] {
		return []string{k}
	}
	return nil
}

// mergedKinds is the kinds of a heading that names several sections
// ("Root cause, prevention and resolution"), nil unless every part is one.
func mergedKinds(clean, words string) []string {
	if !strings.ContainsAny(clean, ",&/+") && !strings.Contains(clean, "and") {
		return nil // none of mergeSplit's separators
	}
	for w := range strings.SplitSeq(words, " ") {
		if !mergedWords()[w] {
			return nil // a word no part can hold
		}
	}
	parts := mergeSplit().Split(clean, -1)
	if len(parts) < 2 {
		return nil
	}
	var kinds []string
	for _, p := range parts {
		w := normWords(p)
		if w == "" || neutralParts[w] {
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

// mergedWords are the words a merged heading's parts are made of: those
// of section names and neutral parts, and "and".
var mergedWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{"and": true}
	for _, names := range []iter.Seq[string]{maps.Keys(sectionNames), maps.Keys(neutralParts)} {
		for name := range names {
			for w := range strings.SplitSeq(name, " ") {
				m[w] = true
			}
		}
	}
	return m
})

// normHeading folds a heading and keeps its words: emphasis,
// punctuation, emoji, numbering and parentheticals go.
func normHeading(s string) string {
	return normHeadingOf(headingText(s))
}

// headingText is a heading folded without parentheticals, emphasis and
// numbering, before its words are normalised (classifyHeading splits
// merged headings at its commas and "and"s).
func headingText(s string) string {
	for strings.Contains(s, "(") { // inner ones first: "(see [here](https://...))"
		t := parenthetical().ReplaceAllString(s, " ")
		if t == s {
			break
		}
		s = t
	}
	s = strings.TrimSpace(fold.String(stripEmphasis(s)))
	// every leading number starts with a digit or holds a . or ) soon
	if s != "" && (isDigitByte(s[0]) || strings.ContainsAny(s[:min(len(s), 8)], ".)")) {
		if m := leadingNumber().FindStringIndex(s); m != nil {
			return s[m[1]:]
		}
	}
	return s
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

// normWords keeps the letters and digits of s, folded, separated by
// single spaces.
func normWords(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for r := range normRunes(s) {
		b.WriteRune(r)
	}
	return b.String()
}

// normRunes yields normWords(s) rune by rune, without writing it.
func normRunes(s string) iter.Seq[rune] {
	return func(yield func(rune) bool) {
		words, space := 0, false
		for _, r := range s {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				space = true
				continue
			}
			if space && words > 0 && !yield(' ') {
				return
			}
			if space || words == 0 {
				words++
			}
			space = false
			if !yield(fold.Rune(r)) {
				return
			}
		}
	}
}

// stripEmphasis removes Markdown emphasis and code marks; an underscore
// between two letters or digits (snake_case) stays.
func stripEmphasis(s string) string {
	if !strings.ContainsAny(s, "*`_") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '`':
			continue
		case '_':
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if i == 0 || i+1 == len(s) || !isWordRune(prev) || !isWordRune(next) {
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// labelLine matches a line that starts a section without a heading:
// "Summary:", "**Root cause:** text", "_Action items_", or a bare
// "Timeline" on a line of its own (plain-text reports). rest is any text
// after the label on the same line.
func labelLine(text string) (kinds []string, label, rest string, ok bool) {
	t := strings.TrimSpace(text)
	if t == "" || len(t) > 400 {
		return nil, "", "", false
	}
	i := labelEnd(t)
	if i <= 0 {
		return nil, "", "", false
	}
	label = t[:i]
	rest = strings.TrimSpace(strings.TrimLeft(t[i:], ":*_ "))
	colon := strings.Contains(t[:min(len(t), i+4)], ":") || strings.Contains(label, ":")
	lbl := strings.TrimRight(strings.TrimSpace(stripEmphasis(label)), ":")
	ks := classifyHeading(lbl)
	if len(ks) == 0 || rest != "" && !colon || !colon && lbl != "" && isDigitByte(lbl[0]) {
		// "**5. Incident Response**" is a numbered sub-title, not a label
		return nil, "", "", false
	}
	return ks, lbl, rest, true
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

// looksLikeHeading is a short Title Case line with no end punctuation,
// the way a report pasted from a word processor writes its headings.
func looksLikeHeading(s string) bool {
	t := strings.TrimSpace(s)
	words := strings.Fields(t)
	if len(words) == 0 || len(words) > 5 || strings.ContainsAny(t[len(t)-1:], ".,;:!?") {
		return false
	}
	if !strings.ContainsFunc(t, unicode.IsLetter) {
		return false
	}
	for _, w := range words {
		r := []rune(w)[0]
		if !unicode.IsUpper(r) && len(w) > 3 {
			return false
		}
	}
	return true
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }
