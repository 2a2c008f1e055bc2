package lsp

import (
	"strings"
	"unicode/utf8"
)

// text is a document's content with its line table. It is the one
// boundary between the protocol's positions (zero-based lines, a
// character offset in the negotiated encoding's code units) and the
// linter's (one-based lines, columns in runes): every conversion goes
// through it.
type text struct {
	s      string
	starts []int // byte offset of each line's start
	enc    encoding
}

// newText is a text whose positions count UTF-16 code units, the
// protocol's default; in picks another encoding.
func newText(s string) *text { return newTextIn(s, encUTF16) }

func newTextIn(s string, enc encoding) *text {
	t := &text{s: s, starts: make([]int, 1, 1+strings.Count(s, "\n")), enc: enc}
	for off := 0; ; {
		i := strings.IndexByte(s[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		t.starts = append(t.starts, off)
	}
	return t
}

// lines is the number of lines; a final newline ends the last line
// rather than starting an empty one.
func (t *text) lines() int {
	n := len(t.starts)
	if n > 1 && t.starts[n-1] == len(t.s) {
		n--
	}
	return n
}

// line returns zero-based line n without its line ending.
func (t *text) line(n int) string {
	if n < 0 || n >= len(t.starts) {
		return ""
	}
	end := len(t.s)
	if n+1 < len(t.starts) {
		end = t.starts[n+1] - 1
	}
	return strings.TrimSuffix(t.s[t.starts[n]:end], "\r")
}

// offset is the byte offset of a protocol position. A character past
// the end of its line means the line's end, and a line past the end of
// the text means the text's end, as the specification says.
func (t *text) offset(p Position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(t.starts) {
		return len(t.s)
	}
	l := t.line(p.Line)
	return t.starts[p.Line] + t.enc.byteAt(l, p.Character)
}

// position is the protocol position of a byte offset.
func (t *text) position(off int) Position {
	off = min(max(off, 0), len(t.s))
	n := 0
	for n+1 < len(t.starts) && t.starts[n+1] <= off {
		n++
	}
	l := t.line(n)
	return Position{Line: n, Character: t.enc.units(l[:min(off-t.starts[n], len(l))])}
}

// at is the protocol position of a linter position: line one-based,
// col one-based in runes.
func (t *text) at(line, col int) Position {
	n := max(line-1, 0)
	l := t.line(n)
	i := 0
	for c := 1; c < col && i < len(l); c++ {
		_, size := utf8.DecodeRuneInString(l[i:])
		i += size
	}
	return Position{Line: n, Character: t.enc.units(l[:i])}
}

// lineEnd is the position after the last character of zero-based line n.
func (t *text) lineEnd(n int) Position {
	return Position{Line: n, Character: t.enc.units(t.line(n))}
}

// runeCol is the linter column (one-based, in runes) of a protocol
// position on its line.
func (t *text) runeCol(p Position) int {
	l := t.line(p.Line)
	return utf8.RuneCountInString(l[:t.enc.byteAt(l, p.Character)]) + 1
}

// apply makes the edits of a didChange, in order: a change without a
// range replaces the whole text.
func (t *text) apply(changes []contentChange) *text {
	cur := t
	for _, c := range changes {
		if c.Range == nil {
			cur = newTextIn(c.Text, t.enc)
			continue
		}
		a, b := cur.offset(c.Range.Start), cur.offset(c.Range.End)
		if b < a {
			a, b = b, a
		}
		cur = newTextIn(cur.s[:a]+c.Text+cur.s[b:], t.enc)
	}
	return cur
}

// encoding is what a position's character offset counts: the
// positionEncoding the client and the server agreed on.
type encoding int

const (
	encUTF16 encoding = iota // the protocol's default, which every client supports
	encUTF8
	encUTF32
)

// encodings by their names in the protocol.
var encodingNames = map[string]encoding{"utf-16": encUTF16, "utf-8": encUTF8, "utf-32": encUTF32}

func (e encoding) String() string {
	switch e {
	case encUTF8:
		return "utf-8"
	case encUTF32:
		return "utf-32"
	}
	return "utf-16"
}

// units is the length of s in the encoding's code units.
func (e encoding) units(s string) int {
	switch e {
	case encUTF8:
		return len(s)
	case encUTF32:
		return utf8.RuneCountInString(s)
	}
	return utf16Len(s)
}

// byteAt is the byte offset in line l of offset u in the encoding's
// code units, clamped to the line; an offset inside a character (a
// UTF-8 sequence or a surrogate pair) moves past it.
func (e encoding) byteAt(l string, u int) int {
	if e == encUTF8 {
		i := min(max(u, 0), len(l))
		for i < len(l) && !utf8.RuneStart(l[i]) {
			i++
		}
		return i
	}
	n := 0
	for i, r := range l {
		if n >= u {
			return i
		}
		n++
		if e == encUTF16 && r >= 0x10000 {
			n++
		}
	}
	return len(l)
}

// utf16Len counts the UTF-16 code units of s: two for a rune outside
// the Basic Multilingual Plane (most emoji), one otherwise.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
