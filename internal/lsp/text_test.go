package lsp

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Positions on lines with emoji (two UTF-16 units each), accented
// letters (one unit, two bytes) and CJK (one unit, three bytes).
func TestPositionsInUTF16(t *testing.T) {
	tx := newText("café 🍕 ok\r\n日本🚨x\nlast")
	if tx.lines() != 3 || tx.line(0) != "café 🍕 ok" || tx.line(1) != "日本🚨x" {
		t.Fatalf("lines: %d %q %q", tx.lines(), tx.line(0), tx.line(1))
	}
	tests := []struct {
		line, runeCol int
		char          int    // UTF-16
		rest          string // the text from there
	}{
		{1, 1, 0, "café"},
		{1, 4, 3, "é 🍕"},
		{1, 6, 5, "🍕 ok"},
		{1, 7, 7, " ok"},
		{2, 3, 2, "🚨x"},
		{2, 4, 4, "x"},
		{3, 5, 4, ""},
	}
	for _, tt := range tests {
		p := tx.at(tt.line, tt.runeCol)
		if p != (Position{tt.line - 1, tt.char}) {
			t.Errorf("at(%d, %d) = %+v, want character %d", tt.line, tt.runeCol, p, tt.char)
		}
		off := tx.offset(p)
		if !strings.HasPrefix(tx.s[off:], tt.rest) {
			t.Errorf("offset(%+v) points at %q, want %q", p, tx.s[off:], tt.rest)
		}
		if back := tx.position(off); back != p {
			t.Errorf("position(%d) = %+v, want %+v", off, back, p)
		}
		if c := tx.runeCol(p); c != tt.runeCol {
			t.Errorf("runeCol(%+v) = %d, want %d", p, c, tt.runeCol)
		}
	}
	// Past the end of a line: the line's end (before \r\n); past the
	// last line: the text's end; inside a surrogate pair: after it.
	if off := tx.offset(Position{0, 99}); tx.s[off:off+2] != "\r\n" {
		t.Errorf("character past the line end lands on %q", tx.s[off:])
	}
	if off := tx.offset(Position{9, 0}); off != len(tx.s) {
		t.Errorf("line past the end: %d", off)
	}
	if off := tx.offset(Position{0, 6}); tx.s[off:] != " ok\r\n日本🚨x\nlast" {
		t.Errorf("inside a surrogate pair: %q", tx.s[off:])
	}
	if tx.lineEnd(0) != (Position{0, 10}) {
		t.Errorf("lineEnd(0) = %+v", tx.lineEnd(0))
	}
}

// Incremental edits in UTF-16 ranges, applied in order, as a client
// sends them.
func TestApplyChanges(t *testing.T) {
	tx := newText("- _19:34_ - 🍕 oven fails\n- _19:47_ - résolu\n")
	got := tx.apply([]contentChange{
		{Range: &Range{Position{0, 12}, Position{0, 14}}, Text: "🔥"},                // replace the emoji
		{Range: &Range{Position{1, 12}, Position{1, 18}}, Text: "resolved"},         // replace an accented word
		{Range: &Range{Position{2, 0}, Position{2, 0}}, Text: "- _19:50_ - done\n"}, // append a line
		{Range: &Range{Position{0, 15}, Position{0, 20}}, Text: ""},                 // delete "oven "
	})
	want := "- _19:34_ - 🔥 fails\n- _19:47_ - resolved\n- _19:50_ - done\n"
	if got.s != want {
		t.Errorf("got %q\nwant %q", got.s, want)
	}
	if full := got.apply([]contentChange{{Text: "new"}}); full.s != "new" || full.lines() != 1 {
		t.Errorf("full change: %q", full.s)
	}
	if tx.s == got.s {
		t.Error("apply changed the text in place; snapshots must stay as they were")
	}
}

// FuzzPositions: for any text and position, offsets stay inside the
// text, on a rune boundary, and position(offset(p)) is p clamped.
func FuzzPositions(f *testing.F) {
	f.Add("café 🍕\n日本", 0, 6)
	f.Add("\r\n\r\n", 1, 3)
	f.Add("x", -1, -5)
	f.Fuzz(func(t *testing.T, s string, line, char int) {
		if !utf8.ValidString(s) {
			return
		}
		tx := newText(s)
		off := tx.offset(Position{line, char})
		if off < 0 || off > len(s) || off < len(s) && !utf8.RuneStart(s[off]) {
			t.Fatalf("offset %d for %d:%d in %q", off, line, char, s)
		}
		p := tx.position(off)
		// A "\r" ending a line is no character of it: offsets at
		// either side of it are the line's end.
		nearCR := strings.HasPrefix(s[off:], "\r") || off > 0 && s[off-1] == '\r'
		if tx.offset(p) != off && !nearCR {
			t.Fatalf("offset(position(%d)) = %d in %q", off, tx.offset(p), s)
		}
	})
}
