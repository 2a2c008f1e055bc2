package evidence

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// People is everyone the sources name, each known by several aliases:
// a Slack ID, display and real names, an email, a git author name. Two
// sources naming one alias name one person, so "Ana Lima" in Slack, in
// PagerDuty's "Acknowledged by Ana Lima" and as a git author is one
// responder.
type People struct {
	byAlias map[string]int // lower-cased alias -> person
	parent  []int          // union-find over persons
}

// Add records the aliases of one person and returns it.
func (p *People) Add(aliases ...string) int {
	if p.byAlias == nil {
		p.byAlias = map[string]int{}
	}
	id := -1
	for _, a := range aliases {
		a = strings.ToLower(strings.TrimSpace(a))
		if utf8.RuneCountInString(a) < 2 {
			continue
		}
		other, ok := p.byAlias[a]
		switch {
		case !ok:
			if id < 0 {
				id = len(p.parent)
				p.parent = append(p.parent, id)
			}
			p.byAlias[a] = id
		case id < 0:
			id = p.find(other)
		default:
			p.union(id, other)
		}
	}
	return id
}

func (p *People) find(i int) int {
	for p.parent[i] != i {
		p.parent[i] = p.parent[p.parent[i]]
		i = p.parent[i]
	}
	return i
}

func (p *People) union(a, b int) {
	if ra, rb := p.find(a), p.find(b); ra != rb {
		p.parent[max(ra, rb)] = min(ra, rb)
	}
}

// alias is one way a person is written, found by its first word.
type alias struct {
	text   string // lower-cased
	person int
}

// Anonymize replaces every person the entries name (as an author, a
// mention, a PagerDuty agent, a git author, an email) with a role label,
// "Responder 1", "Responder 2", numbered in order of first appearance in
// the entries. The same person gets the same label in every source, and
// the same entries get the same labels on every run. Names are matched
// as whole words, ignoring case; a first name alone, when it is not
// someone's display name, is not recognised.
func (p *People) Anonymize(entries []Entry) {
	if len(p.byAlias) == 0 {
		return
	}
	byFirst := map[string][]alias{}
	for text, person := range p.byAlias {
		w := firstWord(text)
		byFirst[w] = append(byFirst[w], alias{text, p.find(person)})
	}
	for _, as := range byFirst {
		// Longest first: "Ana Lima" before "Ana".
		slices.SortFunc(as, func(a, b alias) int {
			return cmp.Or(cmp.Compare(len(b.text), len(a.text)), strings.Compare(a.text, b.text))
		})
	}
	labels := map[int]string{}
	label := func(person int) string {
		l, ok := labels[person]
		if !ok {
			l = "Responder " + strconv.Itoa(len(labels)+1)
			labels[person] = l
		}
		return l
	}
	for i := range entries {
		entries[i].Event = replacePeople(entries[i].Event, byFirst, label)
	}
}

// replacePeople rewrites s, one word start at a time: a word that begins
// an alias is replaced with the person's label when the whole alias
// follows and ends at a word boundary.
func replacePeople(s string, byFirst map[string][]alias, label func(int) string) string {
	var b strings.Builder
	done := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) || (i > 0 && isWordRune(lastRune(s[:i]))) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) {
				break
			}
			j += n
		}
		matched := 0
		for _, a := range byFirst[strings.ToLower(s[i:j])] {
			end := i + len(a.text)
			if end <= len(s) && strings.EqualFold(s[i:end], a.text) && (end == len(s) || !isWordRune(firstRune(s[end:]))) {
				b.WriteString(s[done:i])
				b.WriteString(label(a.person))
				done, matched = end, end
				break
			}
		}
		if matched > 0 {
			i = matched
		} else {
			i = j
		}
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

func firstWord(s string) string {
	for i, r := range s {
		if !isWordRune(r) {
			return s[:i]
		}
	}
	return s
}

func isWordRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
