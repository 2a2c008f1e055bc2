package evidence

import (
	"bufio"
	"bytes"
	"errors"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// insertText adds the planned entries to the YAML file as text: lines
// are inserted, none is changed, so the responder's comments, quoting
// and line breaks stay exactly as they were.
func insertText(data []byte, plan mergePlan) ([]byte, error) {
	root, err := rootMapping(data)
	if err != nil {
		return nil, err
	}
	nl := lineEnding(data)
	lines := strings.SplitAfter(string(data), "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
		lines[n-1] += nl
	}
	key, seq, next := childOf(root, "timeline")
	// Each insertion is a line number (0-based) and the lines to put
	// there; they are applied bottom up so earlier numbers stay true.
	type edit struct {
		at   int
		text []string
	}
	var edits []edit
	switch {
	case key == nil:
		edits = append(edits, edit{len(lines), append([]string{"timeline:" + nl}, itemLines(plan.items, 2, nl)...)})
	case seq.Kind == yaml.SequenceNode && seq.Style&yaml.FlowStyle == 0 && len(seq.Content) > 0:
		indent, ok := dashIndent(lines, seq.Content[0])
		if !ok {
			return nil, errors.New("the timeline's first entry does not start on its dash's line")
		}
		for i := 0; i < len(plan.items); {
			j := i
			for j < len(plan.items) && plan.items[j].before == plan.items[i].before {
				j++
			}
			block := itemLines(plan.items[i:j], indent, nl)
			at := endOfBlock(lines, next)
			if b := plan.items[i].before; b < len(seq.Content) {
				at = commentsAbove(lines, seq.Content[b].Line-1)
			}
			edits = append(edits, edit{at, block})
			i = j
		}
	default:
		return nil, errors.New("the timeline is empty or written in flow style")
	}
	if plan.date != "" {
		v, _, _ := childOf(root, "version")
		if v == nil {
			return nil, errors.New("no version key to put the date under")
		}
		edits = append(edits, edit{v.Line, []string{strings.Repeat(" ", v.Column-1) + `date: "` + plan.date + `"` + nl}})
	}
	// Bottom up; at one line, the later edit first so the earlier one ends
	// up above it.
	slices.SortStableFunc(edits, func(a, b edit) int { return a.at - b.at })
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		lines = append(lines[:e.at], append(e.text, lines[e.at:]...)...)
	}
	return []byte(strings.Join(lines, "")), nil
}

// rootMapping parses the file's top-level mapping.
func rootMapping(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("not a YAML mapping")
	}
	return doc.Content[0], nil
}

// childOf finds key in a mapping: the key node, its value, and the key
// node that follows (nil when it is the last).
func childOf(m *yaml.Node, key string) (k, v, next *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			if i+2 < len(m.Content) {
				next = m.Content[i+2]
			}
			return m.Content[i], m.Content[i+1], next
		}
	}
	return nil, nil, nil
}

// dashIndent is the column of the dash before a sequence item, read from
// the item's own line.
func dashIndent(lines []string, item *yaml.Node) (int, bool) {
	if item.Line < 1 || item.Line > len(lines) {
		return 0, false
	}
	line := lines[item.Line-1]
	prefix := line[:min(item.Column-1, len(line))]
	d := strings.LastIndex(prefix, "-")
	if d < 0 || strings.TrimSpace(prefix[:d]) != "" {
		return 0, false
	}
	return d, true
}

// commentsAbove moves an insertion point above the comment lines right
// over an entry: they belong to it.
func commentsAbove(lines []string, at int) int {
	for at > 0 && strings.HasPrefix(strings.TrimSpace(lines[at-1]), "#") {
		at--
	}
	return at
}

// endOfBlock is where the timeline's last entry ends: above the key that
// follows it (or the end of the file), its own comments and the blank
// lines before it.
func endOfBlock(lines []string, next *yaml.Node) int {
	at := len(lines)
	if next != nil {
		at = commentsAbove(lines, next.Line-1)
	}
	for at > 0 && strings.TrimSpace(lines[at-1]) == "" {
		at--
	}
	return at
}

// itemLines writes entries as YAML sequence items with the dash at
// column indent, in the style the document format writes.
func itemLines(items []insertion, indent int, nl string) []string {
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	for _, p := range items {
		writeItem(w, strings.Repeat(" ", indent), p.ev, "", nl)
	}
	w.Flush()
	lines := strings.SplitAfter(buf.String(), nl)
	return lines[:len(lines)-1] // the empty string after the last line ending
}

func eventNode(p insertion) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k, v string, style yaml.Style) {
		if v == "" {
			return
		}
		m.Content = append(m.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k},
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Style: style})
	}
	add("time", p.ev.Time, yaml.DoubleQuotedStyle) // 19:34 must not read as a number
	add("event", p.ev.Event, 0)
	add("milestone", p.ev.Milestone, 0)
	add("source", p.ev.Source, 0)
	add("link", p.ev.Link, 0)
	return m
}

// insertTree adds the entries to the parsed YAML tree and writes it
// back: comments survive, the layout may not. Used when the text edit
// cannot be made.
func insertTree(data []byte, plan mergePlan) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("not a YAML mapping")
	}
	root := doc.Content[0]
	_, seq, _ := childOf(root, "timeline")
	if seq == nil {
		seq = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "timeline"}, seq)
	} else if seq.Kind != yaml.SequenceNode {
		*seq = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"} // timeline: (empty)
	}
	seq.Style = 0
	old := seq.Content
	var items []*yaml.Node
	next := 0
	for i := 0; i <= len(old); i++ {
		for ; next < len(plan.items) && plan.items[next].before == i; next++ {
			items = append(items, eventNode(plan.items[next]))
		}
		if i < len(old) {
			items = append(items, old[i])
		}
	}
	seq.Content = items
	if plan.date != "" {
		at := 0
		if len(root.Content) >= 2 && root.Content[0].Value == "version" {
			at = 2
		}
		root.Content = slices.Insert(root.Content, at,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "date"},
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: plan.date, Style: yaml.DoubleQuotedStyle})
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
