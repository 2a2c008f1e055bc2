// Package document is the postmortem document, format version 1: the model,
// strict loading with positions, readable saving, validation and the
// metrics computed from the timeline. The key names are a public contract
// (docs/document-format.md); they change only with a new version.
package document

// CurrentVersion is the format version this build reads and writes.
const CurrentVersion = 1

// Document is one postmortem.
type Document struct {
	Version  int      `yaml:"version" json:"version"`
	Title    string   `yaml:"title,omitempty" json:"title,omitempty"`
	Severity string   `yaml:"severity,omitempty" json:"severity,omitempty"`
	Status   string   `yaml:"status,omitempty" json:"status,omitempty"`
	Authors  []string `yaml:"authors,omitempty" json:"authors,omitempty"`
	Date     string   `yaml:"date,omitempty" json:"date,omitempty"`
	Timezone string   `yaml:"timezone,omitempty" json:"timezone"`
	// Services, Tags, Trigger, ContributingFactors and Related place the
	// incident in the catalogue (docs/catalogue.md); all optional.
	Services            []string     `yaml:"services,omitempty" json:"services,omitempty"`
	Tags                []string     `yaml:"tags,omitempty" json:"tags,omitempty"`
	Trigger             string       `yaml:"trigger,omitempty" json:"trigger,omitempty"`
	ContributingFactors []Factor     `yaml:"contributing_factors,omitempty" json:"contributing_factors,omitempty"`
	Related             []string     `yaml:"related,omitempty" json:"related,omitempty"`
	Summary             string       `yaml:"summary,omitempty" json:"summary,omitempty"`
	Detection           string       `yaml:"detection,omitempty" json:"detection,omitempty"`
	Impact              Impact       `yaml:"impact,omitempty" json:"impact"`
	Timeline            []Event      `yaml:"timeline,omitempty" json:"timeline"`
	Response            string       `yaml:"response,omitempty" json:"response,omitempty"`
	RootCause           string       `yaml:"root_cause,omitempty" json:"root_cause,omitempty"`
	Resolution          string       `yaml:"resolution,omitempty" json:"resolution,omitempty"`
	Prevention          string       `yaml:"prevention,omitempty" json:"prevention,omitempty"`
	ActionItems         []ActionItem `yaml:"action_items,omitempty" json:"action_items"`
	Sections            []Section    `yaml:"sections,omitempty" json:"sections,omitempty"`

	// Source says where each field was read from; it is not serialised.
	Source *Source `yaml:"-" json:"-"`
}

// Impact is who was hurt, for how long and how badly.
type Impact struct {
	Start            string `yaml:"start,omitempty" json:"start,omitempty"`
	End              string `yaml:"end,omitempty" json:"end,omitempty"`
	Description      string `yaml:"description,omitempty" json:"description,omitempty"`
	Affected         string `yaml:"affected,omitempty" json:"affected,omitempty"`
	SupportTickets   *int   `yaml:"support_tickets,omitempty" json:"support_tickets,omitempty"`
	SocialMediaPosts *int   `yaml:"social_media_posts,omitempty" json:"social_media_posts,omitempty"`
}

// IsZero lets yaml omit an empty impact block.
func (i Impact) IsZero() bool { return i == Impact{} }

// Event is one timeline entry. Time is as written: a clock time on the
// document's date, or RFC 3339 with Z or an offset. Source and Link say
// where an entry taken from the evidence came from (`postmortem
// timeline`): "slack:C024BE91L/1701720000.000100" and the message's
// address; entries typed by hand have neither.
type Event struct {
	Time      string `yaml:"time,omitempty" json:"time"`
	RawTime   string `yaml:"raw_time,omitempty" json:"raw_time,omitempty"`
	Event     string `yaml:"event" json:"event"`
	Milestone string `yaml:"milestone,omitempty" json:"milestone,omitempty"`
	Source    string `yaml:"source,omitempty" json:"source,omitempty"`
	Link      string `yaml:"link,omitempty" json:"link,omitempty"`
}

// ActionItem is one follow-up.
type ActionItem struct {
	Description string `yaml:"description" json:"description"`
	Owner       string `yaml:"owner,omitempty" json:"owner,omitempty"`
	Due         string `yaml:"due,omitempty" json:"due,omitempty"`
	Ticket      string `yaml:"ticket,omitempty" json:"ticket,omitempty"`
	Status      string `yaml:"status,omitempty" json:"status,omitempty"`
}

// Section is any further section, kept in order.
type Section struct {
	Heading string `yaml:"heading" json:"heading"`
	Body    string `yaml:"body,omitempty" json:"body,omitempty"`
}

// Sections are the keys of the report's sections, in the order the format
// and the reports list them.
var Sections = []string{"summary", "detection", "impact", "timeline", "response", "root_cause", "resolution", "prevention", "action_items"}

// Statuses of a document, in the order a document moves through them.
var Statuses = []string{"draft", "in-review", "final"}

// ActionStatuses of an action item; "open" is the default.
var ActionStatuses = []string{"open", "in-progress", "done", "wont-do"}

// Milestones of a timeline, in the order they must happen.
var Milestones = []string{"started", "detected", "acknowledged", "investigating", "identified", "mitigated", "resolved"}

// orderedMilestones are the ones whose order validation enforces; the
// investigating/identified phases may interleave with acknowledgement.
var orderedMilestones = []string{"started", "detected", "acknowledged", "mitigated", "resolved"}

// ActionStatus is the item's status with the default applied.
func (a ActionItem) ActionStatus() string {
	if a.Status == "" {
		return "open"
	}
	return a.Status
}

// IsOpen reports whether the item still needs work.
func (a ActionItem) IsOpen() bool {
	s := a.ActionStatus()
	return s == "open" || s == "in-progress"
}
