package document

import (
	"bytes"
	"reflect"
	"strconv"
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
	// The tree is built by hand: yaml.v3's Node.Encode round-trips through
	// its own emitter and parser and fails on prose such as "\tcode".
	n := toNode(reflect.ValueOf(d))
	styleNode(n, "")
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
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
		multiline := strings.Contains(n.Value, "\n")
		switch {
		case multiline && !hasTrailingSpace(n.Value) && !strings.HasPrefix(n.Value, " ") && !strings.HasPrefix(n.Value, "\t"):
			n.Style = yaml.LiteralStyle
		case multiline || quotedKeys[key]:
			// Trailing blanks and an indented first line do not survive a
			// literal block in yaml.v3 (it writes no indentation indicator);
			// such prose stays a quoted string, exact if less pretty.
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

// toNode turns the document's structs, strings, ints and slices into a
// YAML tree, keys in field order, honouring the yaml tags' omitempty.
func toNode(v reflect.Value) *yaml.Node {
	switch v.Kind() {
	case reflect.Pointer:
		return toNode(v.Elem())
	case reflect.Struct:
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			tag := t.Field(i).Tag.Get("yaml")
			name, opts, _ := strings.Cut(tag, ",")
			if name == "-" || !t.Field(i).IsExported() {
				continue
			}
			fv := v.Field(i)
			if opts == "omitempty" && (fv.IsZero() || (fv.Kind() == reflect.Slice && fv.Len() == 0)) {
				continue
			}
			m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name}, toNode(fv))
		}
		return m
	case reflect.Slice:
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := 0; i < v.Len(); i++ {
			seq.Content = append(seq.Content, toNode(v.Index(i)))
		}
		return seq
	case reflect.Int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v.Int(), 10)}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v.String()}
}
