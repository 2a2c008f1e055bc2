package lint

import "github.com/postmortem-cli/postmortem/internal/vocabulary"

// Catalogue is what the rules know of the repository a file belongs to,
// beyond the file itself: the vocabulary its catalogue keys use and the
// other postmortems its `related` entries may name. It is a field of
// Settings; the zero value means the built-in vocabulary and no
// knowledge of other files.
type Catalogue struct {
	// Vocabulary is the configured lists (.postmortem.yaml vocabulary:);
	// nil means vocabulary.Default().
	Vocabulary *vocabulary.Vocabulary
	// ResolveRelated says why a `related` entry of the file at path names
	// no postmortem ("" when it does). Nil: entries are checked for their
	// form only, as nothing is known of the files around.
	ResolveRelated func(path, entry string) (problem string)
}

// Words returns the vocabulary in force: the configured one, else the
// built-in default.
func (c Catalogue) Words() *vocabulary.Vocabulary {
	if c.Vocabulary == nil {
		return vocabulary.Default()
	}
	return c.Vocabulary
}
