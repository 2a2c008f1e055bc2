// Package evidence reads what an incident left behind (a Slack export,
// PagerDuty and Opsgenie logs, a git repository, a file of events) into
// candidate timeline entries with exact UTC instants, selects the ones a
// postmortem usually keeps, and merges them into a document.
//
// Every source says when things happened as an instant (Slack's ts in
// epoch seconds, RFC 3339 with an offset, git's commit time), so nothing
// here guesses a zone; only the generic events file, written by people,
// goes through the time engine.
package evidence

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Kind is the kind of source an entry came from.
type Kind string

// The kinds of source, as they prefix an entry's Source.
const (
	Slack     Kind = "slack"
	PagerDuty Kind = "pagerduty"
	Opsgenie  Kind = "opsgenie"
	Git       Kind = "git"
	Events    Kind = "events"
)

// Entry is one candidate timeline entry.
type Entry struct {
	// Time is the exact instant, in UTC (Slack's microseconds kept).
	Time  time.Time
	Event string
	// Source names the evidence: slack:C024BE91L/1701720000.000100,
	// pagerduty:R2ZTF5XN4A1T2D, opsgenie:OFFSET, git:SHA, git:tag/NAME,
	// or what an events file says.
	Source string
	Link   string
	// Milestone is inferred from a paging tool (detected, acknowledged);
	// Suggested is one only offered (resolved: a page resolving is not
	// always the impact ending).
	Milestone, Suggested string
	Kind                 Kind
	// Default is true for the entries kept without --all or --pick:
	// pinned messages, messages with a configured reaction, and every
	// entry of the other sources except notifications.
	Default bool
	// Where says where in the evidence it is, for people: "#inc-checkout",
	// "pd-incident.json", "events.csv:4".
	Where string

	paging pagingStep // what a paging entry did, for the milestones
	seq    int        // reading order, the last tie-breaker
}

// pagingStep is what a paging tool's entry did to the incident.
type pagingStep int

const (
	notPaging pagingStep = iota
	pageTriggered
	pageAcknowledged
	pageResolved
)

// Window bounds the instants read, both ends included; a zero end is open.
type Window struct {
	Since, Until time.Time
}

// Contains reports whether t is inside the window.
func (w Window) Contains(t time.Time) bool {
	return (w.Since.IsZero() || !t.Before(w.Since)) && (w.Until.IsZero() || !t.After(w.Until))
}

// IsOpen reports whether the window bounds nothing.
func (w Window) IsOpen() bool { return w.Since.IsZero() && w.Until.IsZero() }

// Error is a problem with a source file at a position (line and column
// are 0 when unknown). The file of a zip member is "export.zip/path".
type Error struct {
	File      string
	Line, Col int
	Message   string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Message)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	}
	return e.File + ": " + e.Message
}

func errorf(file string, line, col int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Col: col, Message: fmt.Sprintf(format, args...)}
}

// Options are what every reader needs to know.
type Options struct {
	Window Window
	// Reactions mark a Slack message as kept (default: pushpin).
	Reactions []string
	// SlackURL is the workspace's address (https://acme.slack.com); without
	// it links are paths (/archives/C024BE91L/p1701720000000100).
	SlackURL string
	// Zone reads the events file's times that name no zone; nil is UTC.
	Zone *time.Location
	// ZoneName is Zone as the user wrote it, for messages.
	ZoneName string
	// Date places the events file's clock-only times; zero refuses them.
	Date time.Time
}

// Collection gathers the entries of every source read, the people they
// name (for --anonymize) and the warnings worth telling.
type Collection struct {
	Options  Options
	Entries  []Entry
	Warnings []string
	People   People
	// Counts says how many entries each source gave, in reading order,
	// for the summary line: "slack #inc-checkout: 412 messages".
	Counts []Count
}

// Count is how many candidates one source gave.
type Count struct {
	Source string
	N      int
}

// NewCollection starts an empty collection.
func NewCollection(opt Options) *Collection {
	if len(opt.Reactions) == 0 {
		opt.Reactions = []string{"pushpin"}
	}
	return &Collection{Options: opt}
}

func (c *Collection) warn(format string, args ...any) {
	c.Warnings = append(c.Warnings, fmt.Sprintf(format, args...))
}

func (c *Collection) add(e Entry) {
	e.seq = len(c.Entries)
	c.Entries = append(c.Entries, e)
}

func (c *Collection) count(source string, n int) {
	c.Counts = append(c.Counts, Count{source, n})
}

// Finish sorts the entries by instant (ties by source, then reading
// order, so output is stable), drops an entry whose source was already
// read (the same log given twice), and places the paging milestones: the
// first trigger is `detected`, the first acknowledgement `acknowledged`,
// the last resolution a suggested `resolved`.
func (c *Collection) Finish() []Entry {
	es := c.Entries
	slices.SortStableFunc(es, func(a, b Entry) int {
		if n := a.Time.Compare(b.Time); n != 0 {
			return n
		}
		if n := cmp.Compare(a.Source, b.Source); n != 0 {
			return n
		}
		return cmp.Compare(a.seq, b.seq)
	})
	seen := make(map[string]bool, len(es))
	out := es[:0]
	for _, e := range es {
		if e.Source != "" {
			if seen[e.Source] {
				continue
			}
			seen[e.Source] = true
		}
		out = append(out, e)
	}
	first := func(step pagingStep) int {
		return slices.IndexFunc(out, func(e Entry) bool { return e.paging == step })
	}
	if i := first(pageTriggered); i >= 0 {
		out[i].Milestone = "detected"
	}
	if i := first(pageAcknowledged); i >= 0 {
		out[i].Milestone = "acknowledged"
	}
	for i := len(out) - 1; i >= 0; i-- {
		if out[i].paging == pageResolved {
			out[i].Suggested = "resolved"
			break
		}
	}
	c.Entries = out
	return out
}

// Select returns the entries to keep: all of them, or the default
// selection.
func Select(entries []Entry, all bool) []Entry {
	if all {
		return entries
	}
	var out []Entry
	for _, e := range entries {
		if e.Default {
			out = append(out, e)
		}
	}
	return out
}
