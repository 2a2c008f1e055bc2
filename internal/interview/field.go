package interview

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/huh"
)

// kind is the sort of control a question uses.
type kind int

const (
	kindLine   kind = iota // one line of text
	kindProse              // paragraphs
	kindSelect             // one of a few values
	kindYesNo              // yes or no
)

// Field is one question: what it asks, the help shown with it, and where
// the answer goes. Values are bound by pointer so a form built from the
// fields fills them in place (and a half-answered group can still be
// saved in the draft when the responder presses Ctrl-C).
type Field struct {
	Key      string // document path, also the huh field key: "impact.start"
	Title    string
	Help     string
	Kind     kind
	Value    *string
	Yes      *bool
	Options  []Option // kindSelect
	Suggest  []string // kindLine: completions offered in the full-screen form
	Required bool
	// Check validates an answer as typed; it sees the trimmed value and
	// is not called for an empty one.
	Check func(string) error
	// Echo says back what an accepted answer means ("19:34 UTC"); empty
	// when there is nothing to add.
	Echo func(string) string
}

// Option is one choice of a select.
type Option struct{ Label, Value string }

// Clear is what a responder types to empty a field in accessible mode,
// where an empty answer keeps the current value.
const Clear = "-"

// normalise trims an answer and turns the clear marker into nothing.
func normalise(s string) string {
	s = strings.TrimSpace(s)
	if s == Clear {
		return ""
	}
	return s
}

// problem is the reason an answer cannot be kept, or nil.
func (f *Field) problem() error {
	if f.Value == nil {
		return nil
	}
	v := strings.TrimSpace(*f.Value)
	if v == "" {
		if f.Required {
			return fmt.Errorf("%s is required", strings.ToLower(strings.TrimSuffix(f.Title, "?")))
		}
		return nil
	}
	if f.Check != nil {
		return f.Check(v)
	}
	return nil
}

// validator is the huh validation of the full-screen form, where a field
// cannot be left while it holds an error.
func (f *Field) validator() func(string) error {
	return func(s string) error {
		s = normalise(s)
		if s == "" {
			if f.Required {
				return errors.New("required")
			}
			return nil
		}
		if f.Check != nil {
			return f.Check(s)
		}
		return nil
	}
}

// huhField builds the huh control for the field. Descriptions carry the
// help and, in the full-screen form, the echo of the current answer.
func (f *Field) huhField(editor []string, accessible bool) huh.Field {
	switch f.Kind {
	case kindYesNo:
		return huh.NewConfirm().Key(f.Key).Title(f.Title).Description(f.Help).Value(f.Yes).Affirmative("Yes").Negative("No")
	case kindSelect:
		opts := make([]huh.Option[string], len(f.Options))
		for i, o := range f.Options {
			opts[i] = huh.NewOption(o.Label, o.Value)
		}
		return huh.NewSelect[string]().Key(f.Key).Title(f.Title).Description(f.Help).Options(opts...).Value(f.Value)
	case kindProse:
		t := huh.NewText().Key(f.Key).Title(f.Title).Value(f.Value).Lines(5).CharLimit(0)
		if !accessible {
			t = t.Validate(f.validator()).Description(f.Help + "  (ctrl+e: $EDITOR)")
			if len(editor) > 0 {
				t = t.Editor(editor...).EditorExtension("md")
			}
		}
		return t
	default:
		in := huh.NewInput().Key(f.Key).Title(f.Title).Value(f.Value).CharLimit(0)
		if !accessible {
			in = in.Validate(f.validator()).Suggestions(f.Suggest)
			value := f.Value
			in = in.DescriptionFunc(func() string {
				v := normalise(*value)
				if v != "" && f.Echo != nil && (f.Check == nil || f.Check(v) == nil) {
					if e := f.Echo(v); e != "" {
						return f.Help + "\n→ " + e
					}
				}
				return f.Help
			}, value)
		}
		return in
	}
}
