package interview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/huh"
)

// ErrAborted means the responder pressed Ctrl-C; ErrInputEnded that the
// answers ran out (Ctrl-D, or the end of piped input) before the
// interview was over. Either way the draft holds everything answered.
var (
	ErrAborted    = errors.New("interview interrupted")
	ErrInputEnded = errors.New("input ended before the interview was finished")
)

// BlockMarker starts and ends a multi-line answer in accessible mode,
// where a prompt reads a single line.
const BlockMarker = `"""`

// EditMarker asks for the section to be written in $VISUAL/$EDITOR.
const EditMarker = ":edit"

// UI asks questions, full-screen or in huh's accessible (line by line)
// mode. It never writes to standard output: the product goes there.
type UI struct {
	Ctx        context.Context
	In         *Input    // answers in accessible mode
	Terminal   io.Reader // the terminal, for the full-screen form
	Out        io.Writer // where questions are drawn (stderr)
	Accessible bool
	Theme      *huh.Theme
	// Editor is $VISUAL or $EDITOR split into words; nil when neither is set.
	Editor []string
	// EditText opens the editor on text and returns the result; nil
	// when there is no terminal to run an editor on.
	EditText func(text string) (string, error)
}

// Say prints a line of the conversation.
func (u *UI) Say(format string, args ...any) {
	fmt.Fprintf(u.Out, format+"\n", args...)
}

// Ask puts a group of questions: full-screen, one form for the group;
// accessible, one prompt at a time so that every answer is checked and
// echoed before the next question.
func (u *UI) Ask(title, help string, fields ...*Field) error {
	if u.Accessible {
		if title != "" {
			u.Say("\n## %s", title)
			if help != "" {
				u.Say("%s", help)
			}
		}
		for _, f := range fields {
			if err := u.askOne(f); err != nil {
				return err
			}
		}
		return nil
	}
	return u.askForm(title, help, fields)
}

// BuildForm is the full-screen form for a group of fields: a pure
// function of the fields, so tests can inspect it without a terminal.
func BuildForm(title, help string, editor []string, fields ...*Field) *huh.Form {
	hf := make([]huh.Field, 0, len(fields))
	for _, f := range fields {
		hf = append(hf, f.huhField(editor, false))
	}
	g := huh.NewGroup(hf...)
	if title != "" {
		g = g.Title(title).Description(help)
	}
	// huh turns on accessible mode by itself when the process has
	// TERM=dumb; the caller has already decided, from its own Env.
	return huh.NewForm(g).WithShowHelp(true).WithAccessible(false)
}

func (u *UI) askForm(title, help string, fields []*Field) error {
	for {
		form := BuildForm(title, help, u.Editor, fields...).WithInput(u.Terminal).WithOutput(u.Out)
		if u.Theme != nil {
			form = form.WithTheme(u.Theme)
		}
		err := form.RunWithContext(u.Ctx)
		if errors.Is(err, huh.ErrUserAborted) || u.Ctx.Err() != nil {
			return ErrAborted
		}
		if err != nil {
			return err
		}
		bad := false
		for _, f := range fields {
			if f.Value != nil {
				*f.Value = normalise(*f.Value)
			}
			if err := f.problem(); err != nil {
				u.Say("✗ %s: %v", f.Title, err)
				bad = true
			}
		}
		if !bad {
			u.recap(title, fields)
			return nil
		}
	}
}

// recap leaves the answers of a finished full-screen group on the
// screen (huh clears its form), so the scrollback reads like a
// transcript and times stay visible in UTC.
func (u *UI) recap(title string, fields []*Field) {
	if title != "" {
		u.Say("✓ %s", title)
	}
	for _, f := range fields {
		if f.Value == nil || *f.Value == "" || f.Kind == kindYesNo {
			continue
		}
		v := preview(*f.Value)
		if f.Kind == kindSelect {
			for _, o := range f.Options {
				if o.Value == *f.Value {
					v = o.Label
				}
			}
		}
		if f.Echo != nil {
			if e := f.Echo(*f.Value); e != "" {
				v += "  → " + e
			}
		}
		u.Say("  %s: %s", f.Title, v)
	}
}

// askOne asks one question in accessible mode until the answer is usable.
func (u *UI) askOne(f *Field) error {
	prev := ""
	if f.Value != nil {
		prev = *f.Value
	}
	for {
		if f.Help != "" {
			u.Say("%s", f.Help)
		}
		switch {
		case f.Kind == kindProse:
			u.Say("(one line; or %s alone to write several lines and %s again to finish; %s opens $EDITOR; %s clears)", BlockMarker, BlockMarker, EditMarker, Clear)
			if prev != "" {
				u.Say("Enter keeps: %s", preview(prev))
			}
		case f.Kind == kindLine && prev != "":
			u.Say("Enter keeps: %s  (%s clears)", preview(prev), Clear)
		case f.Kind == kindSelect:
			for _, o := range f.Options {
				if o.Value == prev {
					u.Say("Enter keeps: %s", o.Label)
				}
			}
		}
		form := huh.NewForm(huh.NewGroup(f.huhField(nil, true))).
			WithAccessible(true).WithInput(u.In).WithOutput(u.Out).WithShowHelp(false)
		if u.Theme != nil {
			form = form.WithTheme(u.Theme)
		}
		runAccessible(form, u.In) // accessible mode reports nothing; the input says what happened
		if u.In.Ended() {
			if f.Value != nil {
				*f.Value = prev
			}
			if u.In.Interrupted() {
				return ErrAborted
			}
			return ErrInputEnded
		}
		if f.Value == nil {
			return nil
		}
		v := normalise(*f.Value)
		if f.Kind == kindProse && v == EditMarker && u.EditText == nil {
			u.Say("✗ no editor here: set $VISUAL or $EDITOR, and run in a terminal; type the text instead")
			*f.Value = prev
			continue
		}
		if f.Kind == kindProse {
			var err error
			if v, err = u.prose(v, prev); err != nil {
				*f.Value = prev
				return err
			}
		}
		*f.Value = v
		if err := f.problem(); err != nil {
			u.Say("✗ %v", err)
			*f.Value = prev
			continue
		}
		if f.Echo != nil && v != "" {
			if e := f.Echo(v); e != "" {
				u.Say("→ %s", e)
			}
		}
		return nil
	}
}

// prose handles the accessible mode's ways to write more than a line.
func (u *UI) prose(v, prev string) (string, error) {
	switch v {
	case BlockMarker:
		var lines []string
		for {
			line, ok := u.In.ReadLine()
			if !ok {
				if u.In.Interrupted() {
					return "", ErrAborted
				}
				return "", ErrInputEnded
			}
			if strings.TrimSpace(line) == BlockMarker {
				return strings.TrimSpace(strings.Join(lines, "\n")), nil
			}
			lines = append(lines, line)
		}
	case EditMarker:
		text, err := u.EditText(prev)
		if err != nil {
			u.Say("✗ editor: %v", err)
			return prev, nil
		}
		return strings.TrimSpace(text), nil
	}
	return v, nil
}

// preview shortens a value to one line for "Enter keeps: ...".
func preview(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	if r := []rune(s); len(r) > 70 {
		s = string(r[:69]) + "…"
	}
	return s
}

// runAccessible runs one accessible prompt. huh v1.0.0's select prompt
// indexes its options with -1, and panics, when its input ends before a
// valid number is given; the end of the input is ours to report (the
// caller checks in.Ended), so only that panic is absorbed.
func runAccessible(form *huh.Form, in *Input) {
	defer func() {
		if p := recover(); p != nil && !in.Ended() {
			panic(p)
		}
	}()
	_ = form.Run()
}
