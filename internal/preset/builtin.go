package preset

import "sync"

// generic is the detection weight of a section every template has
// (Summary, Impact, Timeline, Root cause, Resolution, Action items,
// Lessons learned): finding one says little about which template a
// report follows. Distinctive sections weigh 1 to 2.
const generic = 0.25

// courseEntry writes an entry the course template's way.
func courseEntry(time, text string) string { return "- _" + time + "_ - " + text }

// The presets, made once. Sources: the course template (v1 and v2, in
// ../shared/corpus), the SRE book's example postmortem (Google),
// PagerDuty's published template (response.pagerduty.com) and
// Atlassian's incident handbook template. docs/templates.md shows each.
var builtins = sync.OnceValue(func() []*Preset {
	course := func(name, summary string, rootLevel int) *Preset {
		return &Preset{
			Name:    name,
			Summary: summary,
			family:  "course",
			Sections: []Section{
				{Key: "summary", Kind: "summary", Heading: "Summary", Level: 2, Required: true, Weight: generic},
				{Key: "detection", Kind: "detection", Heading: "Detection", Level: 2, Required: true, Weight: 1},
				{Key: "impact", Kind: "impact", Heading: "Impact", Level: 2, Required: true, Weight: generic},
				{Key: "timeline", Kind: "timeline", Heading: "Timeline", Level: 2, Required: true, Weight: generic},
				{Key: "response", Kind: "response", Heading: "Response", Level: 2, Required: true, Weight: 1.5},
				{Key: "root_cause", Kind: "root_cause", Heading: "Root cause", Level: rootLevel, Required: true, Weight: generic},
				{Key: "resolution", Kind: "resolution", Heading: "Resolution", Level: 2, Required: true, Weight: generic},
				{Key: "prevention", Kind: "prevention", Heading: "Prevention", Level: rootLevel, Required: true, Weight: 1.5},
				{Key: "action_items", Kind: "action_items", Heading: "Action items", Level: rootLevel, Required: true, Weight: generic},
			},
			Title: TitleForm{
				Example:  "Incident: YYYY-MM-DD HH-mm-ss",
				Pattern:  courseTitle,
				Dated:    datedTitle,
				Required: true,
				Mark:     courseTitleMark,
				Weight:   1.5,
			},
			Timeline:     TimelineForm{Example: "- _19:34_ - Alert fired", Entry: courseEntry},
			RequireOwner: true,
			RequireDue:   true,
			Render:       map[int]string{1: "default", 2: "course-v2"}[rootLevel],
		}
	}
	return []*Preset{
		course("course", "the course template: Root cause, Prevention and Action items at level 1", 1),
		course("course-v2", "the course template's second version: every section at level 2", 2),
		googleSRE(),
		pagerDuty(),
		atlassian(),
		None,
	}
})

// googleSRE is the layout of the example postmortem in Google's SRE book
// (appendix D), which Flutter's, Envoy's and etcd's templates follow.
func googleSRE() *Preset {
	return &Preset{
		Name:    "google-sre",
		Summary: "the layout of the example postmortem in Google's SRE book",
		family:  "google-sre",
		Sections: []Section{
			{Key: "date", Heading: "Date", Also: []string{"Incident date", "Incident dates"}, Level: 2, Weight: 1.5},
			{Key: "authors", Heading: "Authors", Level: 2, Weight: 1.5},
			{Key: "status", Heading: "Status", Level: 2, Weight: generic},
			{Key: "summary", Kind: "summary", Heading: "Summary", Level: 2, Required: true, Weight: generic},
			{Key: "impact", Kind: "impact", Heading: "Impact", Level: 2, Required: true, Weight: generic},
			{Key: "root_cause", Kind: "root_cause", Heading: "Root Causes", Also: []string{"Root Cause"}, Level: 2, Required: true, Weight: generic},
			{Key: "trigger", Heading: "Trigger", Level: 2, Weight: 2},
			{Key: "resolution", Kind: "resolution", Heading: "Resolution", Level: 2, Required: true, Weight: generic},
			{Key: "detection", Kind: "detection", Heading: "Detection", Level: 2, Required: true, Weight: 1},
			{Key: "action_items", Kind: "action_items", Heading: "Action Items", Level: 2, Required: true, Weight: generic},
			{Key: "lessons", Heading: "Lessons Learned", Also: []string{"Lessons learnt"}, Level: 2, Weight: generic,
				Children: []Child{{"What went well", 0}, {"What went wrong", 0}, {"Where we got lucky", 2}}},
			{Key: "timeline", Kind: "timeline", Heading: "Timeline", Level: 2, Required: true, Weight: generic},
			{Key: "supporting", Heading: "Supporting Information", Level: 2, Weight: 2},
		},
		Title: TitleForm{
			Example:  "Service Postmortem (incident #465)",
			Required: true,
			Mark:     sreTitleMark,
			Weight:   1.5,
		},
		Timeline:     TimelineForm{Example: "| 14:54 | **OUTAGE BEGINS** -- Search backends start melting down |"},
		RequireOwner: true,
		Render:       "google-sre",
	}
}

// pagerDuty is PagerDuty's postmortem template.
func pagerDuty() *Preset {
	return &Preset{
		Name:    "pagerduty",
		Summary: "PagerDuty's postmortem template",
		family:  "pagerduty",
		Sections: []Section{
			{Key: "overview", Kind: "summary", Heading: "Overview", Level: 2, Required: true, Weight: 1.5},
			{Key: "what_happened", Kind: "summary", Heading: "What Happened", Level: 2, Weight: 1.5},
			{Key: "root_cause", Kind: "root_cause", Heading: "Contributing Factors", Also: []string{"Root Causes"}, Level: 2, Required: true, Weight: 1.5},
			{Key: "resolution", Kind: "resolution", Heading: "Resolution", Level: 2, Required: true, Weight: generic},
			{Key: "impact", Kind: "impact", Heading: "Impact", Level: 2, Required: true, Weight: generic},
			{Key: "response", Kind: "response", Heading: "Responders", Level: 2, Weight: 2},
			{Key: "timeline", Kind: "timeline", Heading: "Timeline", Level: 2, Required: true, Weight: generic},
			{Key: "howd", Heading: "How'd We Do?", Also: []string{"How did we do"}, Level: 2, Weight: 2,
				Children: []Child{{"What Went Well?", 0}, {"What Didn't Go So Well?", 2}}},
			{Key: "action_items", Kind: "action_items", Heading: "Action Items", Level: 2, Required: true, Weight: generic},
			{Key: "messaging", Heading: "Messaging", Level: 2, Weight: 2,
				Children: []Child{{"Internal Email", 1}, {"External Message", 1}}},
		},
		Timeline:     TimelineForm{Example: "| 14:54 | Alert fires for checkout errors | (link) |"},
		RequireOwner: true,
		Render:       "pagerduty",
	}
}

// atlassian is the template of Atlassian's incident handbook.
func atlassian() *Preset {
	return &Preset{
		Name:    "atlassian",
		Summary: "the template of Atlassian's incident handbook",
		family:  "atlassian",
		Sections: []Section{
			{Key: "summary", Kind: "summary", Heading: "Incident summary", Also: []string{"Summary"}, Level: 2, Required: true, Weight: generic},
			{Key: "leadup", Heading: "Leadup", Also: []string{"Lead up", "Lead-up"}, Level: 2, Weight: 2},
			{Key: "fault", Heading: "Fault", Level: 2, Weight: 2},
			{Key: "impact", Kind: "impact", Heading: "Impact", Level: 2, Required: true, Weight: generic},
			{Key: "detection", Kind: "detection", Heading: "Detection", Level: 2, Required: true, Weight: 1},
			{Key: "response", Kind: "response", Heading: "Response", Level: 2, Required: true, Weight: 1},
			{Key: "resolution", Kind: "resolution", Heading: "Recovery", Level: 2, Required: true, Weight: 1.5},
			{Key: "timeline", Kind: "timeline", Heading: "Timeline", Level: 2, Required: true, Weight: generic},
			{Key: "whys", Heading: "Five whys", Also: []string{"Whys", "5 whys"}, Level: 2, Weight: 2},
			{Key: "root_cause", Kind: "root_cause", Heading: "Root cause", Level: 2, Required: true, Weight: generic},
			{Key: "backlog", Heading: "Backlog check", Level: 2, Weight: 2},
			{Key: "recurrence", Heading: "Recurrence", Level: 2, Weight: 2},
			{Key: "lessons", Heading: "Lessons learned", Level: 2, Weight: generic},
			{Key: "action_items", Kind: "action_items", Heading: "Corrective actions", Level: 2, Required: true, Weight: 1.5},
		},
		Timeline:     TimelineForm{Example: "| 2022-04-20 19:48 | foel_prod.service fails |"},
		RequireOwner: true,
		Render:       "atlassian",
	}
}

var (
	// courseTitle is the course template's title.
	courseTitle = pattern(`^Incident: \d{4}-\d{2}-\d{2} \d{2}-\d{2}-\d{2}$`)
	// datedTitle is a title that gives a date or a clock time, so it
	// tries to be in a dated form.
	datedTitle = pattern(`\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/]\d{1,2}[-/]\d{2,4}|\b\d{1,2}[:.-]\d{2}(?:[:.-]\d{2})?\b|YYYY|HH-mm`)
	// courseTitleMark recognises the course's title, filled in or not.
	courseTitleMark = pattern(`(?i)^incident:?\s+(?:\d{4}-\d{2}-\d{2}|YYYY)`)
	// sreTitleMark recognises Google's "(incident #465)".
	sreTitleMark = pattern(`(?i)\(incident\s*#\s*\d*\)`)
)
