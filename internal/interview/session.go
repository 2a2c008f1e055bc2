// Package interview walks a responder through a postmortem, section by
// section in the report's order, checking times as they are typed and
// saving a draft after every group so that nothing typed is lost.
//
// Questions are plain Field values bound to the document being written;
// UI turns them into huh forms (full-screen, or accessible line by line
// for screen readers, dumb terminals and piped answers).
package interview

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/render"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
	"github.com/postmortem-cli/postmortem/internal/vocabulary"
)

// Sections in the order of the report, with the catalogue questions
// after the root cause; a draft records the next one.
var Sections = func() []string {
	out := []string{"basics"}
	for _, s := range document.Sections {
		out = append(out, s)
		if s == "root_cause" {
			out = append(out, "catalogue")
		}
	}
	return out
}()

// Review is the step after the last section: metrics, preview, confirm.
const Review = "review"

// SectionTitle names a section in menus and headings.
func SectionTitle(name string) string {
	switch name {
	case "basics":
		return "Title, severity and authors"
	case "summary":
		return "Summary"
	case "detection":
		return "Detection"
	case "impact":
		return "Impact"
	case "timeline":
		return "Timeline"
	case "response":
		return "Response"
	case "root_cause":
		return "Root cause"
	case "catalogue":
		return "Services, trigger and contributing factors"
	case "resolution":
		return "Resolution"
	case "prevention":
		return "Prevention"
	case "action_items":
		return "Action items"
	}
	return name
}

// Session is one interview over one document.
type Session struct {
	Doc      *document.Document
	UI       *UI
	Template *render.Template
	// Given reports whether a field was supplied up front (--from) and
	// must not be asked; nil asks everything.
	Given func(path string) bool
	// Destination says where saving will write, for the review; nil
	// says nothing.
	Destination func(r *document.Resolved) string
	// SaveDraft stores the document and the section to resume at.
	SaveDraft func(doc *document.Document, next string) error
	// Vocabulary offers and checks the catalogue's terms; nil is the
	// built-in one.
	Vocabulary *vocabulary.Vocabulary
	// Kinds are the document fields the team's template has (its
	// preset's sections): the sections asked. Nil asks every one.
	Kinds []string
}

// Asks reports whether the interview asks a section: every step that is
// not a document field, and the fields the template has.
func (s *Session) Asks(name string) bool {
	return s.Kinds == nil || indexOf(document.Sections, name) < 0 || indexOf(s.Kinds, name) >= 0
}

// given reports whether a question is already answered up front. An
// optional field inside a block the answers do have (impact.affected
// when there is an impact block) counts as answered: the author chose
// what to say about the impact. A required field is asked when missing.
func (s *Session) given(path string) bool {
	if s.Given == nil {
		return false
	}
	if s.Given(path) {
		return true
	}
	if i := strings.IndexByte(path, '.'); i > 0 && indexOf(Required, path) < 0 {
		return s.Given(path[:i])
	}
	return false
}

func (s *Session) save(next string) error {
	if s.SaveDraft == nil {
		return nil
	}
	if err := s.SaveDraft(s.Doc, next); err != nil {
		return fmt.Errorf("saving the draft: %w", err)
	}
	return nil
}

// Run asks every section from start (a section name, or Review) in
// order, saving the draft after each, then reviews. It returns nil when
// the responder chose to save, ErrAborted/ErrInputEnded when they
// stopped (the draft is up to date), ErrStopped when they chose to stop.
func (s *Session) Run(start string) error {
	i := indexOf(Sections, start)
	if start == Review {
		i = len(Sections)
	}
	if i < 0 {
		return fmt.Errorf("unknown section %q (expected one of %s, or %s)", start, strings.Join(Sections, ", "), Review)
	}
	for ; i < len(Sections); i++ {
		if !s.Asks(Sections[i]) {
			continue
		}
		if err := s.section(Sections[i]); err != nil {
			return s.stop(Sections[i], err)
		}
		next := Review
		for j := i + 1; j < len(Sections); j++ {
			if s.Asks(Sections[j]) {
				next = Sections[j]
				break
			}
		}
		if err := s.save(next); err != nil {
			return err
		}
	}
	return s.review()
}

// ErrStopped means the responder chose to stop at the review and keep
// the draft.
var ErrStopped = errors.New("stopped at the review; the draft is kept")

// stop saves what the interrupted section already holds (answers are
// bound to the document, so a half-typed group survives Ctrl-C) and
// passes the reason on.
func (s *Session) stop(section string, err error) error {
	if errors.Is(err, ErrAborted) || errors.Is(err, ErrInputEnded) {
		if serr := s.save(section); serr != nil {
			return errors.Join(err, serr)
		}
	}
	return err
}

func (s *Session) section(name string) error {
	switch name {
	case "basics":
		return s.basics()
	case "summary":
		return s.prose("summary", &s.Doc.Summary, "What happened, in a few sentences: when users were hurt, what they saw, what caused it, how it ended. Someone reading only this should know the story.")
	case "detection":
		return s.prose("detection", &s.Doc.Detection, "How did the team find out: which alert, dashboard or person, and when? Could it have been noticed sooner?")
	case "impact":
		return s.impact()
	case "timeline":
		return s.timeline()
	case "response":
		return s.prose("response", &s.Doc.Response, "Who responded, when they came online, and what they did first. Mention anything that slowed them down.")
	case "root_cause":
		return s.prose("root_cause", &s.Doc.RootCause, "The underlying cause, not the symptom: why did it happen? Ask why until the answer is something you can change.")
	case "catalogue":
		return s.catalogue()
	case "resolution":
		return s.prose("resolution", &s.Doc.Resolution, "What stopped the impact and how the service was brought back to normal.")
	case "prevention":
		return s.prose("prevention", &s.Doc.Prevention, "What would stop this, or anything like it, from happening again, or make it shorter next time?")
	case "action_items":
		return s.actionItems()
	}
	return fmt.Errorf("unknown section %q", name)
}

func (s *Session) prose(path string, value *string, help string) error {
	if s.given(path) {
		return nil
	}
	f := &Field{Key: path, Title: SectionTitle(path), Help: help, Kind: kindProse, Value: value, Required: true}
	err := s.UI.Ask(SectionTitle(path), "", f)
	// Sections end in a newline, so the YAML keeps them as readable
	// literal blocks (`summary: |`), as people write them by hand.
	if *value != "" && !strings.HasSuffix(*value, "\n") {
		*value += "\n"
	}
	return err
}

// Severities offered; a document may use its own scheme, which is kept.
var Severities = []string{"SEV-1", "SEV-2", "SEV-3", "SEV-4"}

func (s *Session) basics() error {
	d := s.Doc
	authors := strings.Join(d.Authors, ", ")
	var fields []*Field
	if !s.given("title") {
		fields = append(fields, &Field{Key: "title", Title: "Title", Kind: kindLine, Value: &d.Title,
			Help: "A short name for the incident, such as \"Pizza factory returns 500s\". Leave it empty for \"Incident: \" and the time it was resolved."})
	}
	if !s.given("severity") {
		opts := []Option{{"none", ""}}
		for _, v := range Severities {
			opts = append(opts, Option{v, v})
		}
		if d.Severity != "" && indexOf(Severities, d.Severity) < 0 {
			opts = append(opts, Option{d.Severity, d.Severity})
		}
		fields = append(fields, &Field{Key: "severity", Title: "Severity", Kind: kindSelect, Value: &d.Severity, Options: opts,
			Help: "How bad it was, on your team's scale (SEV-1 is the worst)."})
	}
	if !s.given("authors") {
		fields = append(fields, &Field{Key: "authors", Title: "Authors", Kind: kindLine, Value: &authors,
			Help: "Who writes this report, separated by commas."})
	}
	if !s.given("date") {
		fields = append(fields, &Field{Key: "date", Title: "Date (UTC)", Kind: kindLine, Value: &d.Date, Required: true,
			Help:  "The UTC day the incident happened, YYYY-MM-DD; times typed as HH:MM below belong to it.",
			Check: func(v string) error { _, err := timeparse.ParseDate(v); return reason(err) }})
	}
	if len(fields) == 0 {
		return nil
	}
	err := s.UI.Ask(SectionTitle("basics"), "", fields...)
	d.Authors = splitList(authors)
	return err
}

func (s *Session) impact() error {
	d := s.Doc
	tickets, posts := countString(d.Impact.SupportTickets), countString(d.Impact.SocialMediaPosts)
	var fields []*Field
	if !s.given("impact.start") {
		fields = append(fields, &Field{Key: "impact.start", Title: "Impact start", Kind: kindLine, Value: &d.Impact.Start,
			Help:  "When users were first hurt (19:34, 7:34 PM MST, 2024-12-04T19:34:00Z). Leave empty to use the timeline's `started` event.",
			Check: s.checkTime, Echo: s.echoTime})
	}
	if !s.given("impact.end") {
		fields = append(fields, &Field{Key: "impact.end", Title: "Impact end", Kind: kindLine, Value: &d.Impact.End,
			Help:  "When the impact was over. Leave empty to use the timeline's `resolved` (else `mitigated`) event.",
			Check: s.checkImpactEnd, Echo: s.echoImpactEnd})
	}
	if !s.given("impact.affected") {
		fields = append(fields, &Field{Key: "impact.affected", Title: "Who was affected", Kind: kindLine, Value: &d.Impact.Affected,
			Help: "Who and how many; the report says \"This incident affected …\": \"12% of checkout users\", \"1 customer\"."})
	}
	if !s.given("impact.support_tickets") {
		fields = append(fields, &Field{Key: "impact.support_tickets", Title: "Support tickets", Kind: kindLine, Value: &tickets,
			Help: "How many support tickets were filed about it (a number; empty if unknown).", Check: checkCount})
	}
	if !s.given("impact.social_media_posts") {
		fields = append(fields, &Field{Key: "impact.social_media_posts", Title: "Social media posts", Kind: kindLine, Value: &posts,
			Help: "How many public posts complained about it (a number; empty if unknown).", Check: checkCount})
	}
	if !s.given("impact.description") {
		fields = append(fields, &Field{Key: "impact.description", Title: "Impact", Kind: kindProse, Value: &d.Impact.Description, Required: true,
			Help: "What users could not do, in plain words. The report adds the duration from the times: \"For 13 minutes between 19:34 UTC and 19:47 UTC on 12/04/24, customers could not pay.\""})
	}
	if len(fields) == 0 {
		return nil
	}
	err := s.UI.Ask(SectionTitle("impact"), "", fields...)
	d.Impact.SupportTickets, d.Impact.SocialMediaPosts = parseCount(tickets), parseCount(posts)
	for _, v := range []*string{&d.Impact.Start, &d.Impact.End} {
		if t, perr := s.parseTime(*v); *v != "" && perr == nil {
			*v = s.canonical(t, *v)
		}
	}
	return err
}

// context is what a typed time is read against: the document's date and
// zone.
func (s *Session) context() timeparse.Context {
	r, _ := document.Resolve(&document.Document{Date: s.Doc.Date, Timezone: s.Doc.Timezone})
	return timeparse.Context{Date: r.Date, Zone: &r.Zone}
}

func (s *Session) parseTime(v string) (time.Time, error) {
	t, err := timeparse.Parse(v, s.context())
	return t, reason(err)
}

func (s *Session) checkTime(v string) error { _, err := s.parseTime(v); return err }

func (s *Session) echoTime(v string) string {
	t, err := s.parseTime(v)
	if err != nil {
		return ""
	}
	return s.stamp(t)
}

func (s *Session) checkImpactEnd(v string) error {
	end, err := s.parseTime(v)
	if err != nil {
		return err
	}
	if s.Doc.Impact.Start != "" {
		if start, err := s.parseTime(s.Doc.Impact.Start); err == nil && end.Before(start) {
			return fmt.Errorf("the impact cannot end (%s) before it starts (%s)", s.stamp(end), s.stamp(start))
		}
	}
	return nil
}

func (s *Session) echoImpactEnd(v string) string {
	end, err := s.parseTime(v)
	if err != nil {
		return ""
	}
	out := s.stamp(end)
	if start, err := s.parseTime(s.Doc.Impact.Start); err == nil {
		out += "; impact lasted " + timeparse.FormatDuration(end.Sub(start))
	}
	return out
}

// stamp writes an instant in UTC, with the date when it is not the
// document's.
func (s *Session) stamp(t time.Time) string {
	layout := "15:04 UTC"
	if t.Second() != 0 {
		layout = "15:04:05 UTC"
	}
	if t.Format(time.DateOnly) != s.Doc.Date {
		layout = "2006-01-02 " + layout
	}
	return t.UTC().Format(layout)
}

func reason(err error) error {
	var te *timeparse.Error
	if errors.As(err, &te) {
		return errors.New(te.Reason)
	}
	return err
}

func checkCount(v string) error {
	if n, err := strconv.Atoi(v); err != nil || n < 0 {
		return errors.New("expected a whole number such as 0 or 12")
	}
	return nil
}

func countString(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func parseCount(s string) *int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return nil
	}
	return &n
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// Required are the fields a finished report cannot do without; the rest
// (title, severity, authors, impact numbers, action items) are optional.
var Required = []string{"summary", "detection", "impact.description", "timeline", "response", "root_cause", "resolution", "prevention"}

// Missing lists the required fields the document leaves empty.
func Missing(doc *document.Document) []string { return MissingIn(doc, nil) }

// MissingIn lists the required fields of a template's sections (kinds;
// nil for every section) the document leaves empty.
func MissingIn(doc *document.Document, kinds []string) []string {
	var out []string
	for _, path := range Required {
		if kind, _, _ := strings.Cut(path, "."); kinds != nil && indexOf(kinds, kind) < 0 {
			continue
		}
		empty := false
		switch path {
		case "summary":
			empty = strings.TrimSpace(doc.Summary) == ""
		case "detection":
			empty = strings.TrimSpace(doc.Detection) == ""
		case "impact.description":
			empty = strings.TrimSpace(doc.Impact.Description) == ""
		case "timeline":
			empty = len(doc.Timeline) == 0
		case "response":
			empty = strings.TrimSpace(doc.Response) == ""
		case "root_cause":
			empty = strings.TrimSpace(doc.RootCause) == ""
		case "resolution":
			empty = strings.TrimSpace(doc.Resolution) == ""
		case "prevention":
			empty = strings.TrimSpace(doc.Prevention) == ""
		}
		if empty {
			out = append(out, path)
		}
	}
	return out
}
