package interview

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// list asks for the entries of a list (timeline events, action items)
// one by one, and offers to add, change or remove entries once there
// are some. The draft is saved after every entry.
type list[T any] struct {
	s        *Session
	section  string // draft section: "timeline"
	noun     string // "event"
	items    *[]T
	askFirst string // asked before the first entry; "" goes straight in
	describe func(i int, it T) string
	fields   func(idx int, it *T) []*Field
	accept   func(idx int, it *T)
}

func (l *list[T]) run() error {
	ui := l.s.UI
	if len(*l.items) == 0 {
		ui.Say("")
		ui.Say("## %s", SectionTitle(l.section))
		if l.askFirst != "" {
			yes := true
			if err := ui.Ask("", "", &Field{Key: l.section, Title: l.askFirst, Kind: kindYesNo, Yes: &yes}); err != nil || !yes {
				return err
			}
		}
		return l.add()
	}
	for {
		ui.Say("")
		ui.Say("## %s", SectionTitle(l.section))
		for i, it := range *l.items {
			ui.Say("%2d. %s", i+1, l.describe(i, it))
		}
		choice := "done"
		opts := []Option{{"Add " + l.noun + "s", "add"}, {"Change " + article(l.noun), "change"}, {"Remove " + article(l.noun), "remove"}, {"Done with the " + strings.ToLower(SectionTitle(l.section)), "done"}}
		if err := ui.Ask("", "", &Field{Key: l.section, Title: "What next?", Kind: kindSelect, Value: &choice, Options: opts}); err != nil {
			return err
		}
		switch choice {
		case "done":
			return nil
		case "add":
			// "No more" after adding ends the section: that is what
			// someone resuming a half-written timeline means by it.
			return l.add()
		case "change", "remove":
			n := ""
			max := len(*l.items)
			f := &Field{Key: l.section, Title: fmt.Sprintf("Which %s (1-%d)?", l.noun, max), Kind: kindLine, Value: &n, Required: true,
				Check: func(v string) error {
					if i, err := strconv.Atoi(v); err != nil || i < 1 || i > max {
						return fmt.Errorf("expected a number from 1 to %d", max)
					}
					return nil
				}}
			if err := ui.Ask("", "", f); err != nil {
				return err
			}
			i, _ := strconv.Atoi(n)
			i--
			if choice == "remove" {
				*l.items = append((*l.items)[:i], (*l.items)[i+1:]...)
			} else {
				it := (*l.items)[i]
				if err := ui.Ask(fmt.Sprintf("%s %d", capitalise(l.noun), i+1), "", l.fields(i, &it)...); err != nil {
					return err
				}
				l.accept(i, &it)
				(*l.items)[i] = it
			}
			if err := l.s.save(l.section); err != nil {
				return err
			}
		}
	}
}

// add asks for new entries until the responder has no more.
func (l *list[T]) add() error {
	for {
		var it T
		idx := len(*l.items)
		if err := l.s.UI.Ask(fmt.Sprintf("%s %d", capitalise(l.noun), idx+1), "", l.fields(idx, &it)...); err != nil {
			return err
		}
		l.accept(idx, &it)
		*l.items = append(*l.items, it)
		if err := l.s.save(l.section); err != nil {
			return err
		}
		more := true
		if err := l.s.UI.Ask("", "", &Field{Key: l.section, Title: "Add another " + l.noun + "?", Kind: kindYesNo, Yes: &more}); err != nil || !more {
			return err
		}
	}
}

func article(noun string) string {
	if strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (s *Session) timeline() error {
	if s.given("timeline") {
		return nil
	}
	l := &list[document.Event]{
		s: s, section: "timeline", noun: "event", items: &s.Doc.Timeline,
		describe: func(i int, ev document.Event) string {
			out := ev.Time
			if t, err := s.eventTime(i, ev.Time, false); err == nil {
				out = s.stamp(t)
			} else if ev.RawTime != "" && ev.Time == "" {
				out = fmt.Sprintf("(unreadable time %q)", ev.RawTime)
			}
			out += "  " + ev.Event
			if ev.Milestone != "" {
				out += "  [" + ev.Milestone + "]"
			}
			return out
		},
		fields: func(idx int, ev *document.Event) []*Field {
			return []*Field{
				{Key: fmt.Sprintf("timeline.%d.time", idx), Title: "Time", Kind: kindLine, Value: &ev.Time, Required: true,
					Help:  "When it happened: 19:34, 7:34 PM MST, or 2024-12-05T00:10:00Z for another day. Shown back in UTC.",
					Check: func(v string) error { _, err := s.eventTime(idx, v, true); return err },
					Echo:  func(v string) string { return s.echoEvent(idx, v) }},
				{Key: fmt.Sprintf("timeline.%d.event", idx), Title: "What happened", Kind: kindLine, Value: &ev.Event, Required: true,
					Help: "One line, past or present tense: \"Grafana alert fires\", \"Rolled back release 4.2\"."},
				{Key: fmt.Sprintf("timeline.%d.milestone", idx), Title: "Milestone (optional)", Kind: kindLine, Value: &ev.Milestone,
					Suggest: document.Milestones,
					Help:    "Does this event mark a moment the metrics count from? " + strings.Join(document.Milestones, ", ") + ". Empty if not.",
					Check:   func(v string) error { return s.checkMilestone(idx, v) }},
			}
		},
		accept: func(idx int, ev *document.Event) {
			if t, err := s.eventTime(idx, ev.Time, false); err == nil {
				ev.Time = s.canonical(t, ev.Time)
			}
			ev.RawTime = ""
			ev.Milestone = strings.ToLower(ev.Milestone)
		},
	}
	return l.run()
}

// eventTime reads the time of the entry at idx as the document would:
// on the day of the last full timestamp above it, else the document's
// date. With order set it also refuses a time earlier than the entries
// before it or later than those after it.
func (s *Session) eventTime(idx int, v string, order bool) (time.Time, error) {
	ctx := s.context()
	tl := s.Doc.Timeline
	for j := 0; j < idx && j < len(tl); j++ {
		if st, err := timeparse.Scan(tl[j].Time); err == nil && st.HasDate {
			ctx.Date = time.Date(st.Year, time.Month(st.Month), st.Day, 0, 0, 0, 0, time.UTC)
		}
	}
	t, err := timeparse.Parse(v, ctx)
	if err != nil {
		return t, reason(err)
	}
	if !order {
		return t, nil
	}
	times := s.resolvedTimes()
	for j := idx - 1; j >= 0; j-- {
		if j < len(times) && !times[j].IsZero() {
			if t.Before(times[j]) {
				hint := ""
				if st, err := timeparse.Scan(v); err == nil && !st.HasDate {
					hint = fmt.Sprintf("; if it was the next day, write the full timestamp (%s)", t.Add(24*time.Hour).Format(time.RFC3339))
				}
				return t, fmt.Errorf("%s is earlier than event %d (%s): the timeline runs oldest first%s", s.stamp(t), j+1, s.stamp(times[j]), hint)
			}
			break
		}
	}
	for j := idx + 1; j < len(times); j++ {
		if !times[j].IsZero() {
			if t.After(times[j]) {
				return t, fmt.Errorf("%s is later than event %d (%s): the timeline runs oldest first", s.stamp(t), j+1, s.stamp(times[j]))
			}
			break
		}
	}
	return t, nil
}

func (s *Session) resolvedTimes() []time.Time {
	r, _ := document.Resolve(&document.Document{Date: s.Doc.Date, Timezone: s.Doc.Timezone, Timeline: s.Doc.Timeline})
	return r.Times
}

// echoEvent says the time back in UTC with the impact so far.
func (s *Session) echoEvent(idx int, v string) string {
	t, err := s.eventTime(idx, v, false)
	if err != nil {
		return ""
	}
	out := s.stamp(t)
	start := time.Time{}
	if s.Doc.Impact.Start != "" {
		start, _ = s.parseTime(s.Doc.Impact.Start)
	} else {
		times := s.resolvedTimes()
		for j, ev := range s.Doc.Timeline {
			if ev.Milestone == "started" && j < idx && j < len(times) {
				start = times[j]
				break
			}
		}
	}
	if !start.IsZero() && !t.Before(start) {
		out += "; impact so far: " + timeparse.FormatDuration(t.Sub(start))
	}
	return out
}

func (s *Session) checkMilestone(idx int, v string) error {
	v = strings.ToLower(v)
	if indexOf(document.Milestones, v) < 0 {
		return fmt.Errorf("%q is not a milestone; use one of %s, or leave it empty", v, strings.Join(document.Milestones, ", "))
	}
	for j, ev := range s.Doc.Timeline {
		if j != idx && ev.Milestone == v {
			return fmt.Errorf("event %d is already %q; each milestone marks one moment", j+1, v)
		}
	}
	return nil
}

// canonical is how an accepted time is stored: in UTC, as a clock time
// on the document's date or a full timestamp on any other day. A
// document with its own time zone keeps what was typed (rendering
// converts it).
func (s *Session) canonical(t time.Time, typed string) string {
	if s.Doc.Timezone != "" {
		return typed
	}
	if t.Format(time.DateOnly) != s.Doc.Date {
		return t.Format(time.RFC3339)
	}
	if t.Second() != 0 {
		return t.Format("15:04:05")
	}
	return t.Format("15:04")
}

func (s *Session) actionItems() error {
	if s.given("action_items") {
		return nil
	}
	l := &list[document.ActionItem]{
		s: s, section: "action_items", noun: "action item", items: &s.Doc.ActionItems,
		askFirst: "Add an action item?",
		describe: func(i int, a document.ActionItem) string {
			out := a.Description
			var extra []string
			if a.Owner != "" {
				extra = append(extra, "owner "+a.Owner)
			}
			if a.Due != "" {
				extra = append(extra, "due "+a.Due)
			}
			if a.Ticket != "" {
				extra = append(extra, a.Ticket)
			}
			if len(extra) > 0 {
				out += "  (" + strings.Join(extra, ", ") + ")"
			}
			return out
		},
		fields: func(idx int, a *document.ActionItem) []*Field {
			return []*Field{
				{Key: fmt.Sprintf("action_items.%d.description", idx), Title: "What needs doing", Kind: kindLine, Value: &a.Description, Required: true,
					Help: "One concrete change that makes a repeat less likely or shorter: \"Page the on-call via Slack as well as SMS\"."},
				{Key: fmt.Sprintf("action_items.%d.owner", idx), Title: "Owner", Kind: kindLine, Value: &a.Owner,
					Help: "The one person (or team) who makes sure it happens."},
				{Key: fmt.Sprintf("action_items.%d.due", idx), Title: "Due", Kind: kindLine, Value: &a.Due,
					Help:  "The date it should be done by, YYYY-MM-DD.",
					Check: func(v string) error { _, err := timeparse.ParseDate(v); return reason(err) },
					Echo: func(v string) string {
						d, err := timeparse.ParseDate(v)
						if err != nil {
							return ""
						}
						return d.Format("Monday 2 January 2006")
					}},
				{Key: fmt.Sprintf("action_items.%d.ticket", idx), Title: "Ticket", Kind: kindLine, Value: &a.Ticket,
					Help: "The issue key or URL that tracks it, if there is one."},
			}
		},
		accept: func(int, *document.ActionItem) {},
	}
	return l.run()
}
