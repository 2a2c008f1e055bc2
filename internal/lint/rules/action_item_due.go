package rules

import (
	"fmt"
	"strconv"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// ActionItemDue reports open action items without a due date.
type ActionItemDue struct{}

func (ActionItemDue) Doc() lint.Doc {
	return lint.Doc{
		ID:       "action-item-due",
		Severity: lint.Warning,
		Summary:  "an open action item has no due date",
		Rationale: `Without a due date an action item competes with every other task and loses; the
same class of incident then happens again. Only templates that ask for due dates
(the course's) are checked; Google's, PagerDuty's and Atlassian's keep them in the
tracker. Done and won't-do items, items marked done in the text and items that link
to an issue tracker are not checked.`,
		Bad:    "1. Install the Slack integration (Owner: Seth Remer)",
		Good:   "1. Install the Slack integration (Owner: Seth Remer, Due: 2024-12-11)",
		Config: "action_items.require_due",
	}
}

func (ActionItemDue) Check(in *lint.Input, emit func(lint.Finding)) {
	problemsFor(in, "action-item-due", emit) // a due date that is not a date
	if !in.RequireDue() {
		return
	}
	for i, a := range in.Doc.ActionItems {
		if a.IsOpen() && a.Due == "" && !statedIn(in, i, dueInText(), dueInTextWords...) && !settledElsewhere(in, i) {
			l, c := in.Pos("action_items." + strconv.Itoa(i))
			emit(lint.Finding{Line: l, Column: c, Message: fmt.Sprintf("action item %d %s has no due date; add \"(Due: YYYY-MM-DD)\"", i+1, quote(a.Description, 40))})
		}
	}
}

// dueInText catches an item the importer could not split, such as
// "(owner: Backend team, due: 2025-12-09)" in lower case.
var dueInText = pattern(`(?i)\b(?:due(?: date)?|deadline|target date)\s*[:=]\s*\S`)

// dueInTextWords are words every match of dueInText contains, in some case (see statedIn).
var dueInTextWords = []string{"due", "deadline", "target date"}
