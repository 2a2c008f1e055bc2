package evidence

import (
	"strings"
	"unicode"
)

// names resolves the IDs Slack writes in message text.
type names interface {
	userName(id string) (string, bool)
	channelName(id string) (string, bool)
}

// slackText turns a message's text, as Slack stores it, into one line a
// person reads: <@U024BE7LH> becomes @Ana Lima, <#C024BE91L|general>
// #general, <!here> @here, <https://x|label> the label, <https://x> the
// address; &amp; &lt; &gt; are unescaped (Slack escapes only those
// three), and line breaks and runs of blanks become one space.
func slackText(s string, ns names) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+1:], '>')
		if j < 0 {
			break
		}
		b.WriteString(unescapeSlack(s[:i]))
		b.WriteString(slackEntity(s[i+1:i+1+j], ns))
		s = s[i+j+2:]
	}
	b.WriteString(unescapeSlack(s))
	return oneLine(b.String())
}

var slackUnescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// unescapeSlack undoes Slack's escaping in one pass, so "&amp;lt;" is
// "&lt;" as the author typed it.
func unescapeSlack(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return slackUnescaper.Replace(s)
}

// slackEntity renders what stood between < and >.
func slackEntity(in string, ns names) string {
	target, label, hasLabel := strings.Cut(in, "|")
	label = unescapeSlack(label)
	switch {
	case strings.HasPrefix(target, "@"):
		return reference("@", target[1:], label, ns.userName)
	case strings.HasPrefix(target, "#"):
		return reference("#", target[1:], label, ns.channelName)
	case strings.HasPrefix(target, "!"):
		return specialEntity(target[1:], label, hasLabel)
	}
	if hasLabel && label != "" {
		return label
	}
	return unescapeSlack(strings.TrimPrefix(target, "mailto:"))
}

// reference renders a mention of a user or a channel by the name the
// export gives the ID, else the label the message carried, else the ID.
func reference(sigil, id, label string, name func(string) (string, bool)) string {
	if n, ok := name(id); ok {
		return sigil + n
	}
	if label != "" {
		return sigil + strings.TrimPrefix(label, sigil)
	}
	return sigil + id
}

// specialEntity renders <!here>, <!channel>, <!everyone>,
// <!subteam^S0|@oncall> and <!date^1392734382^{date}|Feb 18th>.
func specialEntity(target, label string, hasLabel bool) string {
	if hasLabel && label != "" {
		if strings.HasPrefix(target, "subteam^") && !strings.HasPrefix(label, "@") {
			return "@" + label
		}
		return label
	}
	name, _, _ := strings.Cut(target, "^")
	return "@" + unescapeSlack(name)
}

// oneLine collapses line breaks and runs of blanks into single spaces and
// trims the ends: a timeline entry is one line.
func oneLine(s string) string {
	blank := func(r rune) bool { return unicode.IsSpace(r) }
	if !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && blank(r) }) && !strings.Contains(s, "  ") &&
		strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, blank), " ")
}
