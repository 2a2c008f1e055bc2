package document

import (
	"bytes"
	"strings"

	"gopkg.in/yaml.v3"
)

// quotedKeys hold times and dates. They are always quoted so that YAML 1.1
// readers do not turn 19:34 into the sexagesimal number 1174 or a date
// into a timestamp of their own.
var quotedKeys = map[string]bool{"time": true, "raw_time": true, "start": true, "end": true, "date": true, "due": true}

// Marshal writes the document as readable YAML: keys in the order of the
// format, prose as block scalars, times quoted.
func Marshal(doc *Document) ([]byte, error) {
	d := *doc
	if d.Version == 0 {
		d.Version = CurrentVersion
	}
	var n yaml.Node
	if err := n.Encode(&d); err != nil {
		return nil, err
	}
	styleNode(&n, "")
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&n); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func styleNode(n *yaml.Node, key string) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			styleNode(c, key)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			styleNode(n.Content[i+1], n.Content[i].Value)
		}
	case yaml.ScalarNode:
		if n.Tag != "!!str" {
			return
		}
		switch {
		case strings.Contains(n.Value, "\n") && !hasTrailingSpace(n.Value):
			n.Style = yaml.LiteralStyle
		case quotedKeys[key]:
			n.Style = yaml.DoubleQuotedStyle
		}
	}
}

// hasTrailingSpace reports lines ending in blanks, which a literal block
// cannot keep; yaml then falls back to a quoted string on its own.
func hasTrailingSpace(s string) bool {
	for _, line := range strings.Split(s, "\n") {
		if strings.HasSuffix(line, " ") || strings.HasSuffix(line, "\t") {
			return true
		}
	}
	return false
}
