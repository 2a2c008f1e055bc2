package rules

import (
	"fmt"
	"strconv"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// ActionItemOwner reports open action items nobody owns.
type ActionItemOwner struct{}

func (ActionItemOwner) Doc() lint.Doc {
	return lint.Doc{
		ID:       "action-item-owner",
		Severity: lint.Warning,
		Summary:  "an open action item has no owner",
		Rationale: `An action item without an owner is a wish. Reviews and "postmortem actions" can only
chase work that has a name on it. Done and won't-do items are not checked, nor are
items marked done in the text ("[x]", a check mark, "DONE", "(done)", "(fixed ...)") or
tracked in an issue tracker they link to (the tracker holds the owner). A role
word in the description ("the service owners") is not an owner.`,
		Bad:    "1. Install the Slack integration",
		Good:   "1. Install the Slack integration (Owner: Seth Remer, Due: 2024-12-11)",
		Config: "action_items.require_owner",
	}
}

func (ActionItemOwner) Check(in *lint.Input, emit func(lint.Finding)) {
	if !in.Settings.RequireOwner {
		return
	}
	for i, a := range in.Doc.ActionItems {
		if a.IsOpen() && a.Owner == "" && !statedIn(in, i, ownerInText(), ownerInTextWords...) && !settledElsewhere(in, i) {
			l, c := in.Pos("action_items." + strconv.Itoa(i))
			emit(lint.Finding{Line: l, Column: c, Message: fmt.Sprintf("action item %d %s has no owner; add \"(Owner: NAME)\"", i+1, quote(a.Description, 40))})
		}
	}
}

// ownerInText catches an item the importer could not split, such as
// "(owner: Backend team, due: 2025-12-09)" in lower case. A role word in
// the description ("ask the service owners to review") is not an owner:
// the word must label a name ("Owner: X", "owned by X", "assigned to X").
var ownerInText = pattern(`(?i)\b(?:owners?\s*[:=]|owned by\s|assignee\s*[:=]|assigned to\s)\s*[\pL@]`)

// ownerInTextWords are words every match of ownerInText contains, in some case (see statedIn).
var ownerInTextWords = []string{"own", "assign"}
