package evidence

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ogLog is one entry of GET /v2/alerts/{id}/logs, or of
// GET /v2/alerts/{id}/notes (which has note where a log has log).
type ogLog struct {
	// Log and Note are pointers to tell an empty text from none: an
	// entry with neither is not a log's (an alert, from GET /v2/alerts).
	Log   *string `json:"log"`
	Note  *string `json:"note"`
	Type  string  `json:"type"`
	Owner string  `json:"owner"`
	// CreatedAt is RFC 3339 in the API, epoch milliseconds in webhook
	// payloads and some exports.
	CreatedAt json.RawMessage `json:"createdAt"`
	Offset    string          `json:"offset"`
}

// opsgenieTime reads createdAt: an RFC 3339 string, or epoch
// milliseconds (a number or a string of digits).
func opsgenieTime(raw json.RawMessage) (time.Time, bool) {
	s := strings.Trim(string(raw), `"`)
	if allDigits(s) && len(s) >= 12 && len(s) <= 14 {
		ms, err := strconv.ParseInt(s, 10, 64)
		return time.UnixMilli(ms).UTC(), err == nil
	}
	if len(raw) == 0 || raw[0] != '"' {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return t.UTC(), err == nil
}

// ReadOpsgenie reads an Opsgenie alert log: the JSON of
// GET /v2/alerts/{id}/logs, {"data": [...]}, or the bare array. Entries
// about recipients (notifications sent, alert viewed) are candidates but
// not in the default selection. The log's text says what happened:
// "Alert created", "acknowledged", "closed" place the milestones.
func (c *Collection) ReadOpsgenie(path string) error {
	f := osFile(path)
	f.expect = `an Opsgenie alert log, {"data": [...]} (the JSON of GET /v2/alerts/{id}/logs, or of its notes)`
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
	if l.Log == nil && l.Note == nil {
		return false, f.at(at, `an entry with no "log" (nor "note"); expected %s`, f.expect)
	}
	t, ok := opsgenieTime(l.CreatedAt)
	if !ok {
		return false, f.at(at, "createdAt %s; expected an RFC 3339 time (such as \"2024-12-04T19:36:05.123Z\") or epoch milliseconds (1733340965123)", describeRaw(l.CreatedAt))
	}
	if !c.Options.Window.Contains(t) {
		return false, nil
	}
	text, source := "", "opsgenie:"+l.Offset
	if l.Log != nil {
		text = strings.TrimSuffix(oneLine(*l.Log), ".")
	} else if note := oneLine(*l.Note); note != "" {
		text, source = "Note added: "+note, "opsgenie:note/"+l.Offset
	}
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
	if e.Default && l.Log != nil {
		e.paging = opsgenieStep(*l.Log)
	}
	if l.Offset != "" {
		e.Source = source
	}
	c.add(e)
	return true, nil
}

// describeRaw says what a value that could not be read was.
func describeRaw(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "is missing"
	}
	return string(raw) + " is not a time"
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
