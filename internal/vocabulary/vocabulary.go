// Package vocabulary is the shared language of a catalogue of incidents:
// the services a team runs, the triggers that set incidents off and the
// contributing factors behind them. Trends across reports only mean
// something when every report names the same cause the same way, so a
// term is matched by its canonical name or an alias, case and spelling
// of separators aside, and a near miss gets a did-you-mean.
//
// A repository sets its own lists in .postmortem.yaml (vocabulary:);
// without one, factors and triggers come from the built-in lists drawn
// from published taxonomies (see Builtin and docs/catalogue.md).
package vocabulary

import (
	"slices"
	"strings"
	"unicode"

	"github.com/postmortem-cli/postmortem/internal/didyoumean"
)

// Kinds of list, as .postmortem.yaml names them under vocabulary:.
const (
	Services = "services"
	Triggers = "triggers"
	Factors  = "factors"
)

// Term is one entry of a list.
type Term struct {
	// Name is the canonical spelling documents should use.
	Name string
	// Description says what the term covers, for help texts and the site.
	Description string
	// Aliases are other ways people write it; they match, and import uses
	// them to file free text under the term.
	Aliases []string
	// Source credits the taxonomy a built-in term comes from.
	Source string
}

// List is the terms of one kind, with an index by normalised spelling.
type List struct {
	Terms []Term
	// Builtin is true for a list this package supplied, not a
	// configuration.
	Builtin bool
	index   map[string]int
	// spellings are the index's keys, sorted; phrases the same as
	// stemmed words, longest first (Classify tries long phrases before
	// short ones).
	spellings []string
	phrases   []phrase
}

type phrase struct {
	words string // " single point of failure "
	term  int
}

// NewList indexes terms by name and alias. A later duplicate spelling
// keeps the first term's meaning.
func NewList(terms []Term) *List {
	l := &List{Terms: terms, index: map[string]int{}}
	for i, t := range terms {
		for _, s := range append([]string{t.Name}, t.Aliases...) {
			if k := Key(s); k != "" {
				if _, dup := l.index[k]; !dup {
					l.index[k] = i
					l.spellings = append(l.spellings, k)
					l.phrases = append(l.phrases, phrase{" " + stemWords(k) + " ", i})
				}
			}
		}
	}
	slices.Sort(l.spellings) // a tie in Suggest goes the same way every run
	slices.SortFunc(l.phrases, func(a, b phrase) int {
		if len(a.words) != len(b.words) {
			return len(b.words) - len(a.words)
		}
		return strings.Compare(a.words, b.words)
	})
	return l
}

// Len is the number of terms; 0 for a nil list.
func (l *List) Len() int {
	if l == nil {
		return 0
	}
	return len(l.Terms)
}

// Names are the canonical names, in list order.
func (l *List) Names() []string {
	if l == nil {
		return nil
	}
	out := make([]string, len(l.Terms))
	for i, t := range l.Terms {
		out[i] = t.Name
	}
	return out
}

// Lookup finds the term a spelling names: its name or an alias, compared
// by Key. ok is false for a nil list or no match.
func (l *List) Lookup(s string) (Term, bool) {
	if l == nil {
		return Term{}, false
	}
	i, ok := l.index[Key(s)]
	if !ok {
		return Term{}, false
	}
	return l.Terms[i], true
}

// Suggest is the canonical name a misspelling most likely meant (within
// a third of its length in edits, at most 3), or "".
func (l *List) Suggest(s string) string {
	if l.Len() == 0 {
		return ""
	}
	k := Key(s)
	best := didyoumean.Closest(k, l.spellings, min(3, max(1, len(k)/3)))
	if best == "" {
		return ""
	}
	return l.Terms[l.index[best]].Name
}

// Classify files free text ("A single point of failure introduced during
// setup") under the term whose name or alias occurs in it first, as
// whole words (plurals folded): a factor's text names its point first
// ("No canary for configuration changes" is about the canary). At one
// place the longer phrase wins ("configuration push" over
// "configuration"). ok is false when nothing matches.
func (l *List) Classify(text string) (Term, bool) {
	if l.Len() == 0 {
		return Term{}, false
	}
	words := " " + stemWords(Key(text)) + " "
	best, at := -1, len(words)
	for _, p := range l.phrases { // longest first: a tie keeps the longer
		if i := strings.Index(words, p.words); i >= 0 && i < at {
			best, at = p.term, i
		}
	}
	if best < 0 {
		return Term{}, false
	}
	return l.Terms[best], true
}

// stemWords turns a key into its words with a plural "s" taken off
// ("configuration changes" matches "configuration change").
func stemWords(key string) string {
	words := strings.Split(key, "-")
	for i, w := range words {
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			words[i] = w[:len(w)-1]
		}
	}
	return strings.Join(words, " ")
}

// Key normalises a spelling for comparison: lower case, letters and
// digits kept, every run of anything else (spaces, _, -, /) one "-",
// none at the ends. "Config Push", "config_push" and "config-push" are
// one key.
func Key(s string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if sep && b.Len() > 0 {
				b.WriteByte('-')
			}
			sep = false
			b.WriteRune(r)
			continue
		}
		if r == '\'' || r == '’' {
			continue // "can't" stays one word
		}
		sep = true
	}
	return b.String()
}

// Vocabulary is the three lists one repository uses. A nil list means
// the kind has no vocabulary: any value is accepted.
type Vocabulary struct {
	Services, Triggers, Factors *List
}

// List returns the list of a kind (Services, Triggers or Factors).
func (v *Vocabulary) List(kind string) *List {
	if v == nil {
		return nil
	}
	switch kind {
	case Services:
		return v.Services
	case Triggers:
		return v.Triggers
	case Factors:
		return v.Factors
	}
	return nil
}

// Default is the vocabulary without configuration: the built-in factors
// and triggers, no service list.
func Default() *Vocabulary {
	return &Vocabulary{Triggers: builtinTriggers(), Factors: builtinFactors()}
}

// Builtin returns the built-in list of a kind, nil for services.
func Builtin(kind string) *List {
	switch kind {
	case Triggers:
		return builtinTriggers()
	case Factors:
		return builtinFactors()
	}
	return nil
}
