package cli

import (
	"errors"
	"fmt"
	"slices"

	"github.com/charmbracelet/huh"

	"github.com/postmortem-cli/postmortem/internal/evidence"
	"github.com/postmortem-cli/postmortem/internal/interview"
)

// pickEntries shows every candidate in a checklist, the default ones (or
// all, with --all) ticked, and returns those the responder keeps.
func pickEntries(env *Env, entries []evidence.Entry, all bool) ([]evidence.Entry, error) {
	if len(entries) == 0 {
		return nil, nil
	}
	form, chosen := pickForm(entries, all)
	form = form.WithInput(env.In).WithOutput(env.Err).WithTheme(interview.Styles(env.Err, false, env.Getenv))
	if err := form.Run(); err != nil {
		if errors.Is(err, huh.ErrUserAborted) {
			fmt.Fprintln(env.Err, "cancelled; nothing written")
			return nil, silentExit(ExitAborted)
		}
		return nil, withCode(ExitInternal, err)
	}
	slices.Sort(*chosen)
	out := make([]evidence.Entry, 0, len(*chosen))
	for _, i := range *chosen {
		out = append(out, entries[i])
	}
	return out, nil
}

// pickForm builds the checklist: one line per entry with its UTC time,
// where it is and its text.
func pickForm(entries []evidence.Entry, all bool) (*huh.Form, *[]int) {
	chosen := make([]int, 0, len(entries))
	opts := make([]huh.Option[int], len(entries))
	for i, e := range entries {
		opts[i] = huh.NewOption(pickLabel(e), i).Selected(all || e.Default)
		if all || e.Default {
			chosen = append(chosen, i)
		}
	}
	ms := huh.NewMultiSelect[int]().
		Title("Timeline entries (UTC)").
		Description("space ticks or unticks, / filters, enter keeps the ticked ones").
		Options(opts...).
		Value(&chosen).
		Filterable(true).
		Height(min(len(entries)+4, 24))
	return huh.NewForm(huh.NewGroup(ms)).WithShowHelp(true).WithAccessible(false), &chosen
}

func pickLabel(e evidence.Entry) string {
	text := []rune(e.Event)
	if len(text) > 100 {
		text = append(text[:99], '…')
	}
	return fmt.Sprintf("%s  %-14s  %s", e.Time.UTC().Format("01-02 15:04:05"), e.Where, string(text))
}
