package evidence

import (
	"encoding/json"
	"strings"
)

// slackBlock is one of a message's Block Kit blocks: rich_text (what
// Slack's composer writes), section, header and context (what apps
// write). They are read only for a message with no text, so they are
// kept raw while the day file is decoded and parsed here when needed.
type slackBlock struct {
	Type     string              `json:"type"`
	Text     json.RawMessage     `json:"text"`
	Fields   []json.RawMessage   `json:"fields"`
	Elements []slackBlockElement `json:"elements"`
}

// slackBlockElement is a rich-text section, list, quote or preformatted
// run (which hold elements), or an inline element: text, link, user,
// channel, usergroup, emoji, broadcast, date, color; or a context
// block's text. Text is a string in most, an object in a button.
type slackBlockElement struct {
	Type        string              `json:"type"`
	Text        json.RawMessage     `json:"text"`
	URL         string              `json:"url"`
	UserID      string              `json:"user_id"`
	ChannelID   string              `json:"channel_id"`
	UsergroupID string              `json:"usergroup_id"`
	Name        string              `json:"name"`
	Range       string              `json:"range"`
	Fallback    string              `json:"fallback"`
	Value       string              `json:"value"`
	Elements    []slackBlockElement `json:"elements"`
}

// blocksText renders the blocks a message carries as one line: rich
// text as its author wrote it, an app's section, header, fields and
// context texts as Slack markup. Blocks of other kinds (images,
// buttons, dividers) say nothing a timeline needs; blocks that are not
// an array of objects render as nothing.
func blocksText(raw json.RawMessage, ns names) string {
	if len(raw) == 0 {
		return ""
	}
	var blocks []slackBlock
	if json.Unmarshal(raw, &blocks) != nil {
		return ""
	}
	var b strings.Builder
	for _, bl := range blocks {
		switch bl.Type {
		case "rich_text":
			for _, el := range bl.Elements {
				richText(&b, el, ns)
				b.WriteByte(' ')
			}
		case "section", "header", "context":
			b.WriteString(slackText(rawText(bl.Text), ns))
			for _, f := range bl.Fields {
				b.WriteString(" " + slackText(rawText(f), ns))
			}
			for _, el := range bl.Elements {
				if el.Type == "mrkdwn" || el.Type == "plain_text" {
					b.WriteString(" " + slackText(rawText(el.Text), ns))
				}
			}
			b.WriteByte(' ')
		}
	}
	return oneLine(b.String())
}

// richText writes a rich-text element. Its text is what the author typed,
// not escaped as a message's text is.
func richText(b *strings.Builder, el slackBlockElement, ns names) {
	switch el.Type {
	case "text":
		b.WriteString(rawText(el.Text))
	case "link":
		b.WriteString(firstNonEmpty(rawText(el.Text), el.URL))
	case "user":
		b.WriteString(reference("@", el.UserID, "", ns.userName))
	case "channel":
		b.WriteString(reference("#", el.ChannelID, "", ns.channelName))
	case "usergroup":
		b.WriteString("@" + el.UsergroupID)
	case "broadcast":
		b.WriteString("@" + el.Range)
	case "emoji":
		b.WriteString(":" + el.Name + ":")
	case "date":
		b.WriteString(el.Fallback)
	case "color":
		b.WriteString(el.Value)
	default: // sections, lists, quotes, preformatted runs
		for i, child := range el.Elements {
			if i > 0 && el.Type == "rich_text_list" {
				b.WriteString("; ")
			}
			richText(b, child, ns)
		}
	}
}

// rawText is a text field that is a string, or a text object's text.
func rawText(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if raw[0] == '"' {
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		return ""
	}
	var obj struct {
		Text string `json:"text"`
	}
	if json.Unmarshal(raw, &obj) == nil {
		return obj.Text
	}
	return ""
}
