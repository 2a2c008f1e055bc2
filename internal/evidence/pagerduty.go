package evidence

import (
	"path/filepath"
	"strings"
	"time"
)

// pdLogEntry is one entry of GET /incidents/{id}/log_entries.
type pdLogEntry struct {
	ID        string  `json:"id"`
	Type      string  `json:"type"`
	Summary   string  `json:"summary"`
	CreatedAt string  `json:"created_at"`
	HTMLURL   *string `json:"html_url"`
	Agent     *struct {
		Type    string `json:"type"`
		Summary string `json:"summary"`
	} `json:"agent"`
	Channel *struct {
		Summary string `json:"summary"`
	} `json:"channel"`
	Incident *struct {
		ID      string `json:"id"`
		Summary string `json:"summary"`
		HTMLURL string `json:"html_url"`
	} `json:"incident"`
}

// pagerDutyText is the entry's summary and what it is about: a trigger
// adds the incident's title, else what its channel (an email's subject,
// an API event's or a monitor's summary) said; a note or a status update
// adds its text.
func pagerDutyText(kind string, le *pdLogEntry) string {
	text := strings.TrimSuffix(oneLine(le.Summary), ".")
	if text == "" {
		text = strings.ReplaceAll(kind, "_", " ")
	}
	about := ""
	if le.Incident != nil && kind == "trigger" {
		about = oneLine(le.Incident.Summary)
	}
	if le.Channel != nil && about == "" && (kind == "trigger" || kind == "annotate" || kind == "status_update") {
		about = oneLine(le.Channel.Summary)
	}
	if about != "" && !strings.Contains(text, about) {
		text += ": " + about
	}
	return text
}

// ReadPagerDuty reads a PagerDuty incident log: the JSON of
// GET /incidents/{id}/log_entries, {"log_entries": [...]}, or the bare
// array. created_at is RFC 3339 with whatever offset the account's zone
// gave it; only the instant is kept. Notifications are candidates but not
// in the default selection.
func (c *Collection) ReadPagerDuty(path string) error {
	f := osFile(path)
	f.expect = `a PagerDuty incident log, {"log_entries": [...]} (the JSON of GET /incidents/{id}/log_entries)`
	n := 0
	each := func(le *pdLogEntry, at int64) error {
		ok, err := c.pagerDutyEntry(f, le, at)
		if ok {
			n++
		}
		return err
	}
	var whole struct {
		LogEntries []pdLogEntry `json:"log_entries"`
	}
	if err := streamObjectOrArray(f, "log_entries", &whole, each); err != nil {
		return err
	}
	c.count("pagerduty "+filepath.Base(path), n)
	return nil
}

func (c *Collection) pagerDutyEntry(f file, le *pdLogEntry, at int64) (bool, error) {
	if le.ID == "" || le.Type == "" {
		return false, f.at(at, "a log entry needs an id and a type (such as trigger_log_entry)")
	}
	t, err := time.Parse(time.RFC3339Nano, le.CreatedAt)
	if err != nil {
		return false, f.at(at, "log entry %s: created_at %q is not an RFC 3339 time (such as 2024-12-04T11:36:05-08:00)", le.ID, le.CreatedAt)
	}
	t = t.UTC()
	if !c.Options.Window.Contains(t) {
		return false, nil
	}
	// "trigger_log_entry" (v2), "trigger_log_entry_reference" (an
	// overview) and "trigger" (the v1 API) are one kind.
	kind := strings.TrimSuffix(strings.TrimSuffix(le.Type, "_reference"), "_log_entry")
	e := Entry{Time: t, Kind: PagerDuty, Default: true, Source: "pagerduty:" + le.ID, Where: filepath.Base(f.name)}
	switch kind {
	case "trigger":
		e.paging = pageTriggered
	case "acknowledge":
		e.paging = pageAcknowledged
	case "resolve":
		e.paging = pageResolved
	case "notify":
		e.Default = false
	}
	if le.Incident != nil {
		e.Link = le.Incident.HTMLURL
	}
	if le.HTMLURL != nil && *le.HTMLURL != "" {
		e.Link = *le.HTMLURL
	}
	e.Event = "PagerDuty: " + pagerDutyText(kind, le)
	if le.Agent != nil && strings.HasPrefix(le.Agent.Type, "user") {
		c.People.Add(le.Agent.Summary)
	}
	c.add(e)
	return true, nil
}
