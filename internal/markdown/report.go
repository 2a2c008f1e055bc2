// Package markdown reads Markdown postmortems, in every shape people write
// them, back into the structured document, using the goldmark AST for
// structure and positions. It records where it found each part and where
// it had to guess, so that the linter and the import command can point at
// file:line:col.
package markdown

import (
	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// Position is a 1-based line and column (columns count runes).
type Position struct {
	Line, Col int
}

// Report is a Markdown postmortem read into the document, with everything a
// linter needs to point at. Doc.Source.Positions holds Markdown positions
// keyed like the YAML loader's ("summary", "timeline.3.time").
type Report struct {
	Name   string
	Source []byte
	// Text is Source as a string, the copy the report's strings are
	// slices of; a linter reads lines from it rather than copy again.
	Text string
	Doc  *document.Document

	// Title is the report's first heading or title line, nil if none.
	Title *Title
	// Sections lists every section found, recognised or not, in order.
	Sections []Section
	// Zone is the time zone the report declares for its times, nil if none.
	Zone *ZoneDecl
	// Entries are the timeline entries as written, in source order.
	Entries []Entry
	// Leftovers are template text left in: instructions, examples,
	// placeholders, an unreplaced title. They are not part of Doc.
	Leftovers []Leftover
	// Diagnostics are the places import had to guess or gave up.
	Diagnostics []Diagnostic

	// Lines are the source's lines as the importer read them, by line
	// number less one.
	Lines []Line
	// FrontMatterEnd is the line that closes YAML front matter opened on
	// line 1, 0 when there is none.
	FrontMatterEnd int

	// Resolved is Doc's times placed in UTC, what document.Resolve(Doc)
	// gives, and Problems the times it could not read: the importer
	// resolves the timeline once, and the linter reads it.
	Resolved *document.Resolved
	Problems []document.Problem

	// edgeClocks are impact window fields that give a clock time and no
	// date ("**Impact start:** 08:55 UTC"): the resolution stage places
	// them on the incident's date.
	edgeClocks []edgeClock
}

// edgeClock is a window field written as a clock time: its edge ("start"
// or "end"), the clock's token and where the field is.
type edgeClock struct {
	edge  string
	clock timeparse.Token
	Position
}

// Line is a source line's content (without list markers, quote marks
// and heading marks) and what the time lexer read in it.
type Line struct {
	// Text is the content; At is its byte offset in the source line.
	Text string
	At   int
	// Tokens are Text's times, dates, durations, range words and zone
	// lines (timeparse.Lex; offsets in Text).
	Tokens []timeparse.Token
}

// Title is the report's title as written.
type Title struct {
	Text string
	Position
	// Level is the heading level, 0 for a plain first line.
	Level int
	// Placeholder is true for an unreplaced "YYYY-MM-DD HH-mm-ss".
	Placeholder bool
}

// Section is one section of the report.
type Section struct {
	// Kind is the document field it fills: "summary", "detection",
	// "impact", "timeline", "response", "root_cause", "resolution",
	// "prevention", "action_items"; "" for a section kept in
	// Doc.Sections. A merged heading ("Root cause, Prevention, and
	// Resolution") has several kinds.
	Kinds   []string
	Heading string
	Position
	// Level is the heading level; 0 for a label line ("Summary:") or a
	// bold label paragraph.
	Level int
	// BodyStart and BodyEnd are the first and last source lines of the
	// body (BodyEnd < BodyStart when the body is empty).
	BodyStart, BodyEnd int
	// Empty is true when nothing but template leftovers is in the body.
	Empty bool
}

// ZoneDecl is a declaration such as "All times are UTC." or "Timeline (MST)".
type ZoneDecl struct {
	// Name is the zone as the document's JSON reports it: "UTC", "MST",
	// "UTC-07:00".
	Name string
	Text string
	Position
}

// Entry is one timeline entry as written.
type Entry struct {
	Position
	// RawTime is the time text as written ("_19:34_" gives "19:34"); ""
	// for an entry with no time.
	RawTime string
	// Text is the event text.
	Text string
	// Index is the entry's index in Doc.Timeline.
	Index int
}

// Leftover is template text left in a report.
type Leftover struct {
	Position
	EndLine int
	// Kind is "instruction", "example", "placeholder" or "title".
	Kind string
	Text string
}

// Diagnostic is a place where import had to guess or could not read.
type Diagnostic struct {
	Position
	Message string
	// Note is true for what import inferred and a reviewer may want to
	// check (an inferred milestone), rather than a guess or a failure:
	// it is no warning, and --strict lets it pass.
	Note bool
}
