package evidence

import (
	"path/filepath"
	"strings"
	"time"
)

// ogLog is one entry of GET /v2/alerts/{id}/logs.
type ogLog struct {
	Log       string `json:"log"`
	Type      string `json:"type"`
	Owner     string `json:"owner"`
	CreatedAt string `json:"createdAt"`
	Offset    string `json:"offset"`
}

// ReadOpsgenie reads an Opsgenie alert log: the JSON of
// GET /v2/alerts/{id}/logs, {"data": [...]}, or the bare array. Entries
// about recipients (notifications sent, alert viewed) are candidates but
// not in the default selection. The log's text says what happened:
// "Alert created", "acknowledged", "closed" place the milestones.
func (c *Collection) ReadOpsgenie(path string) error {
	f := osFile(path)
	f.expect = `an Opsgenie alert log, {"data": [...]} (the JSON of GET /v2/alerts/{id}/logs)`
	n := 0
	var whole struct {
		Data []ogLog `json:"data"`
	}
	err := streamObjectOrArray(f, "data", &whole, func(l *ogLog, at int64) error {
		ok, err := c.opsgenieEntry(f, l, at)
		if ok {
			n++
		}
		return err
	})
	if err != nil {
		return err
	}
	c.count("opsgenie "+filepath.Base(path), n)
	return nil
}

func (c *Collection) opsgenieEntry(f file, l *ogLog, at int64) (bool, error) {
	t, err := time.Parse(time.RFC3339Nano, l.CreatedAt)
	if err != nil {
		return false, f.at(at, "log createdAt %q is not an RFC 3339 time (such as 2024-12-04T19:36:05.123Z)", l.CreatedAt)
	}
	t = t.UTC()
	if !c.Options.Window.Contains(t) {
		return false, nil
	}
	text := strings.TrimSuffix(oneLine(l.Log), ".")
	if text == "" {
		return false, nil
	}
	owner := strings.TrimSpace(l.Owner)
	if owner != "" && !strings.EqualFold(owner, "system") && !strings.Contains(strings.ToLower(text), strings.ToLower(owner)) {
		text += " (" + owner + ")"
	}
	if strings.Contains(owner, "@") || (owner != "" && !strings.EqualFold(owner, "system")) {
		c.People.Add(owner)
	}
	// Recipients' entries (notification sent, alert viewed) are noise
	// unless asked for, and never a milestone.
	e := Entry{Time: t, Event: "Opsgenie: " + text, Kind: Opsgenie, Where: filepath.Base(f.name), Default: l.Type != "alertRecipient"}
	if e.Default {
		e.paging = opsgenieStep(l.Log)
	}
	if l.Offset != "" {
		e.Source = "opsgenie:" + l.Offset
	}
	c.add(e)
	return true, nil
}

// opsgenieStep reads what a log line did to the alert.
func opsgenieStep(log string) pagingStep {
	s := strings.ToLower(log)
	switch {
	case strings.HasPrefix(s, "alert created") || strings.HasPrefix(s, "created alert"):
		return pageTriggered
	case strings.Contains(s, "unacknowledged"):
		return notPaging
	case strings.Contains(s, "acknowledged"):
		return pageAcknowledged
	case strings.Contains(s, "closed"):
		return pageResolved
	}
	return notPaging
}
