package stats

import (
	"fmt"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// Action is one action item with the file and line it was written on.
type Action struct {
	File string
	Line int
	// Incident is the title of the postmortem it belongs to.
	Incident    string
	Description string
	Owner       string
	Due         string
	Status      string // with the default applied: open when unset
	Ticket      string
	Open        bool
	// Overdue is true for an open item whose due date is before today.
	Overdue bool
}

// ActionFilter selects action items; zero values select everything.
type ActionFilter struct {
	Open    bool   // only open or in-progress items
	Overdue bool   // only overdue items (which are open by definition)
	Owner   string // only items of this owner (see OwnerMatches)
}

// Actions lists the action items of every incident, in input order, that
// pass the filter. today is the UTC day overdue is measured against: an
// item due on today is not overdue yet.
func Actions(incidents []Incident, today time.Time, f ActionFilter) []Action {
	y, m, d := today.UTC().Date()
	today = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var out []Action
	for _, in := range incidents {
		title := in.Title()
		for i, a := range in.Doc.ActionItems {
			act := Action{
				File: in.File, Incident: title,
				Description: strings.TrimSpace(a.Description), Owner: strings.TrimSpace(a.Owner),
				Due: strings.TrimSpace(a.Due), Status: a.ActionStatus(), Ticket: strings.TrimSpace(a.Ticket),
				Open: a.IsOpen(),
			}
			if in.Doc.Source != nil {
				act.Line = in.Doc.Source.Pos(fmt.Sprintf("action_items.%d", i)).Line
			}
			if due, err := timeparse.ParseDate(act.Due); err == nil && act.Open && due.Before(today) {
				act.Overdue = true
			}
			if (f.Open && !act.Open) || (f.Overdue && !act.Overdue) || (f.Owner != "" && !OwnerMatches(act.Owner, f.Owner)) {
				continue
			}
			out = append(out, act)
		}
	}
	return out
}

// OwnerMatches compares an owner with a name asked for: case-insensitive,
// ignoring a leading @ (a GitHub handle), and matching any one owner of a
// list written "Ana, Bo" or "Ana and Bo".
func OwnerMatches(owner, want string) bool {
	norm := func(s string) string { return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), "@")) }
	w := norm(want)
	if w == "" {
		return false
	}
	if norm(owner) == w {
		return true
	}
	for _, part := range strings.FieldsFunc(strings.ReplaceAll(owner, " and ", ","), func(r rune) bool { return r == ',' || r == '/' || r == '&' || r == ';' }) {
		if norm(part) == w {
			return true
		}
	}
	return false
}
