package document

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/postmortem-cli/postmortem/internal/didyoumean"
)

// MaxSize is the largest document accepted; a postmortem is prose, and a
// file this large is almost certainly something else.
const MaxSize = 4 << 20

// Position is a place in a source file, 1-based.
type Position struct {
	Line, Column int
}

// Source records the file a document came from and where each field sits,
// keyed by path: "summary", "impact.start", "timeline.3.time".
type Source struct {
	Name      string
	Positions map[string]Position
}

// Pos returns where the field at path was written, or the nearest parent
// that was (a missing key is reported where its block is).
func (s *Source) Pos(path string) Position {
	if s == nil {
		return Position{}
	}
	for {
		if p, ok := s.Positions[path]; ok {
			return p
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return Position{Line: 1, Column: 1}
		}
		path = path[:i]
	}
}

// Set records where a field sits; importers use it for Markdown sources.
func (s *Source) Set(path string, p Position) {
	if s.Positions == nil {
		s.Positions = map[string]Position{}
	}
	s.Positions[path] = p
}

// Error is a problem with a source file at a position.
type Error struct {
	File string
	Position
	Message string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Message)
	return b.String()
}

// ErrUnusable marks input that is not a document at all (binary, empty,
// not YAML); callers map it to the "unusable input" exit code.
var ErrUnusable = errors.New("unusable input")

// ErrNotADocument marks YAML or JSON that is some other file (a
// mapping with none of the format's keys, or a list): a folder walk
// passes over it rather than failing on it; named on its own it is
// still unusable.
var ErrNotADocument = errors.New("not a postmortem document")

type unusableError struct{ e *Error }

func (u unusableError) Error() string   { return u.e.Error() }
func (u unusableError) Unwrap() []error { return []error{u.e, ErrUnusable} }

func unusable(file string, line, col int, format string, args ...any) error {
	return unusableError{&Error{File: file, Position: Position{line, col}, Message: fmt.Sprintf(format, args...)}}
}

// CheckText refuses input that is not text a person wrote: too large,
// binary, or not UTF-8. Markdown importers share it.
func CheckText(name string, data []byte) error {
	if len(data) > MaxSize {
		return unusable(name, 0, 0, "file is %d bytes; the limit is %d (is this a postmortem?)", len(data), MaxSize)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		return unusable(name, line, col, "binary file (NUL byte); expected a text document")
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		line, col := lineCol(data, i)
		return unusable(name, line, col, "invalid UTF-8; save the file as UTF-8 text")
	}
	return nil
}

func lineCol(data []byte, off int) (int, int) {
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, utf8.RuneCount(data[start:off]) + 1
}

// Read loads a YAML or JSON document from r; name is used in errors.
func Read(name string, r io.Reader) (*Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return Parse(name, data)
}

// Parse loads a YAML or JSON document strictly: an unknown key, a value of
// the wrong type or a bad value is an error naming the line.
func Parse(name string, data []byte) (*Document, error) {
	if err := CheckText(name, data); err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, unusable(name, 0, 0, "empty file; expected a postmortem document (see `postmortem schema`)")
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		return nil, yamlSyntaxError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, unusable(name, extra.Line, extra.Column, "more than one YAML document in the file; expected one postmortem")
	}
	body := &root
	if body.Kind == yaml.DocumentNode && len(body.Content) == 1 {
		body = body.Content[0]
	}
	if body.Kind != yaml.MappingNode {
		err := unusable(name, body.Line, body.Column, "expected a mapping of keys such as version, title, summary and timeline, found %s", describe(body))
		return nil, notADocument{err}
	}
	if !hasDocumentKey(body) {
		err := unusable(name, body.Line, body.Column, "no key of a postmortem document (version, title, summary, timeline, ...); is this a postmortem?")
		return nil, notADocument{err}
	}
	src := &Source{Name: name, Positions: map[string]Position{}}
	if err := checkShape(name, body, documentShape, "", src); err != nil {
		return nil, err
	}
	doc := &Document{}
	if err := body.Decode(doc); err != nil {
		return nil, decodeError(name, err)
	}
	doc.Source = src
	if doc.Version == 0 {
		return nil, &Error{File: name, Position: Position{body.Line, body.Column}, Message: "missing `version: 1` (the format version this document is written in)"}
	}
	if doc.Version != CurrentVersion {
		return nil, &Error{File: name, Position: src.Pos("version"), Message: fmt.Sprintf("format version %d is not supported; this build reads version %d", doc.Version, CurrentVersion)}
	}
	return doc, nil
}

// shape describes which keys a mapping may hold and the kind of each value.
type shape struct {
	kind   yaml.Kind
	scalar string // for scalars: "str", "int", or "" for any
	fields map[string]*shape
	items  *shape
	// scalarToo lets a mapping be written as a bare string, its short
	// form (a contributing factor's term alone).
	scalarToo bool
}

var (
	str      = &shape{kind: yaml.ScalarNode, scalar: "str"}
	integer  = &shape{kind: yaml.ScalarNode, scalar: "int"}
	strList  = &shape{kind: yaml.SequenceNode, items: str}
	eventSh  = &shape{kind: yaml.MappingNode, fields: map[string]*shape{"time": str, "raw_time": str, "event": str, "milestone": str, "source": str, "link": str}}
	actionSh = &shape{kind: yaml.MappingNode, fields: map[string]*shape{"description": str, "owner": str, "due": str, "ticket": str, "status": str}}
	sectSh   = &shape{kind: yaml.MappingNode, fields: map[string]*shape{"heading": str, "body": str}}
	factorSh = &shape{kind: yaml.MappingNode, fields: map[string]*shape{"term": str, "note": str}, scalarToo: true}
	impactSh = &shape{kind: yaml.MappingNode, fields: map[string]*shape{
		"start": str, "end": str, "description": str, "affected": str,
		"support_tickets": integer, "social_media_posts": integer,
	}}
	documentShape = &shape{kind: yaml.MappingNode, fields: map[string]*shape{
		"version": integer, "title": str, "severity": str, "status": str,
		"authors": strList, "date": str, "timezone": str,
		"summary": str, "detection": str, "impact": impactSh,
		"timeline": {kind: yaml.SequenceNode, items: eventSh},
		"response": str, "root_cause": str, "resolution": str, "prevention": str,
		"action_items": {kind: yaml.SequenceNode, items: actionSh},
		"sections":     {kind: yaml.SequenceNode, items: sectSh},
		"services":     strList, "tags": strList, "trigger": str, "related": strList,
		"contributing_factors": {kind: yaml.SequenceNode, items: factorSh},
	}}
)

// checkShape walks the YAML tree before decoding so that every error can
// name the key and line, and records each field's position on the way.
func checkShape(file string, n *yaml.Node, want *shape, path string, src *Source) error {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil // an empty value is the same as leaving the key out
	}
	if want.scalarToo && n.Kind == yaml.ScalarNode {
		want = str
	}
	if n.Kind != want.kind {
		return &Error{File: file, Position: Position{n.Line, n.Column}, Message: fmt.Sprintf("%s: expected %s, found %s", displayPath(path), kindName(want), describe(n))}
	}
	switch want.kind {
	case yaml.ScalarNode:
		if want.scalar == "int" {
			if _, err := strconv.Atoi(n.Value); err != nil || n.Tag != "!!int" {
				return &Error{File: file, Position: Position{n.Line, n.Column}, Message: fmt.Sprintf("%s: expected a whole number, found %q", displayPath(path), n.Value)}
			}
		}
	case yaml.SequenceNode:
		for i, item := range n.Content {
			p := path + "." + strconv.Itoa(i)
			src.Set(p, Position{item.Line, item.Column})
			if err := checkShape(file, item, want.items, p, src); err != nil {
				return err
			}
		}
	case yaml.MappingNode:
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "<<" {
				return &Error{File: file, Position: Position{k.Line, k.Column}, Message: "merge keys (<<) are not supported in postmortem documents"}
			}
			sub, ok := want.fields[k.Value]
			if !ok {
				return &Error{File: file, Position: Position{k.Line, k.Column}, Message: unknownKeyMessage(path, k.Value, want)}
			}
			if seen[k.Value] {
				return &Error{File: file, Position: Position{k.Line, k.Column}, Message: fmt.Sprintf("key %q appears twice", joinPath(path, k.Value))}
			}
			seen[k.Value] = true
			p := joinPath(path, k.Value)
			// Prose fields point at their first line of text, not the key.
			pos := Position{v.Line, v.Column}
			if v.Kind == yaml.ScalarNode && (v.Style == yaml.LiteralStyle || v.Style == yaml.FoldedStyle) {
				pos = Position{v.Line + 1, v.Column}
			}
			if v.Tag == "!!null" || v.Kind != yaml.ScalarNode {
				pos = Position{k.Line, k.Column}
			}
			src.Set(p, pos)
			if err := checkShape(file, v, sub, p, src); err != nil {
				return err
			}
		}
	}
	return nil
}

type notADocument struct{ error }

func (n notADocument) Unwrap() []error { return []error{n.error, ErrNotADocument} }

// hasDocumentKey reports whether a mapping holds at least one key of the
// format: a document with one mistyped key is a document with a mistake,
// a mapping with none is some other file.
func hasDocumentKey(m *yaml.Node) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if _, ok := documentShape.fields[m.Content[i].Value]; ok {
			return true
		}
	}
	return false
}

func unknownKeyMessage(path, key string, want *shape) string {
	keys := make([]string, 0, len(want.fields))
	for k := range want.fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	msg := fmt.Sprintf("unknown key %q", joinPath(path, key))
	if s := didyoumean.Closest(key, keys, 2); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return msg + "; expected one of " + strings.Join(keys, ", ")
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// displayPath turns "timeline.3.time" into "timeline[3].time" for people.
func displayPath(path string) string {
	if path == "" {
		return "document"
	}
	parts := strings.Split(path, ".")
	var b strings.Builder
	for i, p := range parts {
		if _, err := strconv.Atoi(p); err == nil {
			fmt.Fprintf(&b, "[%s]", p)
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

func kindName(s *shape) string {
	switch s.kind {
	case yaml.MappingNode:
		return "a mapping of keys"
	case yaml.SequenceNode:
		return "a list"
	}
	if s.scalar == "int" {
		return "a whole number"
	}
	return "text"
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if len(n.Value) > 40 {
			return fmt.Sprintf("%q...", n.Value[:40])
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "nothing"
}

var yamlLine = pattern(`^yaml: line (\d+): (.*)$`)

func yamlSyntaxError(name string, err error) error {
	msg := err.Error()
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return unusable(name, line, 0, "invalid YAML: %s", m[2])
	}
	return unusable(name, 0, 0, "invalid YAML: %s", strings.TrimPrefix(msg, "yaml: "))
}

var unmarshalLine = pattern(`line (\d+): (.*)`)

func decodeError(name string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		if m := unmarshalLine().FindStringSubmatch(te.Errors[0]); m != nil {
			line, _ := strconv.Atoi(m[1])
			return &Error{File: name, Position: Position{Line: line}, Message: m[2]}
		}
	}
	return &Error{File: name, Message: err.Error()}
}

// pattern compiles a regular expression on first use: package
// initialisation does no work, so a run that never needs it (postmortem
// --version) does not pay for it.
func pattern(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
