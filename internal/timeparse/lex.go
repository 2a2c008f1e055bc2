package timeparse

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/postmortem-cli/postmortem/internal/fold"
)

// The prose lexer. Everything in postmortem that reads times out of a
// line of text (the importer's timeline entries, zone lines and dates,
// the linter's windows and zoned times) asks Lex, so that a line reads
// the same to all of them.
//
// It is written the way Go's text/template/parse lexer is: one pass over
// the line, a position, state functions that each read one kind of thing
// and say which state comes next, and typed tokens with byte offsets.
// What it reads, all of it in one place below:
//
//	clock      19:34  19:34:05  19:34:05.250  7:34 PM  7:34 p.m.  11am
//	           14:20h  1403Z  1403 UTC  1400 hrs
//	           each with an optional zone: 19:34 UTC, 11:41 am MST,
//	           10:00 UTC-7, 10:00 (MST), 19:34:00Z, 19:34:00+02:00,
//	           13:39 US/Pacific
//	date       2024-12-04  2024/12/04  12/04/24  04.12.2024
//	           Dec 4  Dec 4, 2024  December 4th 2024  4 Dec 2024
//	date-time  a date then T, a space, a comma or "at", then a clock:
//	           2024-12-04T19:34:00Z  2024-12-04 19:34  12/04/24 at 7 PM
//	           (and the course title's 2024-12-04 19-47-00)
//	duration   13 minutes  6hrs 30mins  1 hour and 5 minutes  an hour
//	range word between/from before a clock; and, to, until, till,
//	           through or a dash between two clocks
//	zone       a zone in parentheses: "Timeline (MST)", "Time (UTC)"
//	zone line  "All times are UTC.", "Times are in Mountain Time",
//	           "Time zone: UTC-07:00"
//
// Markdown emphasis marks (* _ `) around and between the parts of a time
// are not part of it: "_19:34_ UTC" is a clock in UTC. A number or word
// starts a token only where no letter or digit comes right before it.
// Zones are the ones zone.go's table knows, written in capitals in prose
// (a capital word after a clock that the table does not know is not a
// zone); an ambiguous one (IST) is kept as written with no Location.

// TokenKind is what a token is.
type TokenKind uint8

// The kinds of token, in the order the package comment lists them.
const (
	Clock TokenKind = iota + 1
	Date
	DateTime
	Duration
	RangeWord
	ZoneName
	ZoneLine
)

var kindNames = [...]string{Clock: "clock", Date: "date", DateTime: "date-time", Duration: "duration",
	RangeWord: "range word", ZoneName: "zone", ZoneLine: "zone line"}

func (k TokenKind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "unknown"
}

// Token is one thing Lex read, at input[Start:End].
type Token struct {
	Kind       TokenKind
	Start, End int
	// Stamp is what a Clock, Date or DateTime says; Year is 0 for a date
	// written without one ("Dec 5"), and Stamp.Zone is set when the zone
	// written with a clock is one the table reads without doubt.
	Stamp
	// TimeAt and TimeEnd are where the clock of a Clock or DateTime is
	// written (with its meridiem, without its zone); for a DateTime the
	// date is input[Start:TimeAt] less the separator.
	TimeAt, TimeEnd int
	// DateEnd is where the date of a Date or DateTime ends.
	DateEnd int
	// Zone is the zone as written: after a clock, or the zone of a
	// ZoneName or ZoneLine token; ZoneAt is where it starts.
	Zone   string
	ZoneAt int
	// Err is set on a Clock, Date or DateTime written in the shape of
	// one but out of range ("25:00", "13:05 PM"): it says why.
	Err *Error
	// Note says where the reading is a guess a reader should check
	// ("13:55 PM" read as 13:55, "UC/Pacific" read as US/Pacific); ""
	// when there is none.
	Note string
	// Duration is a Duration token's length.
	Duration time.Duration
	// Word is a RangeWord, lower-cased ("between", "-").
	Word string
}

// Lex reads the times, dates, durations, range words and zone
// declarations of one line of prose, in order. Tokens do not overlap.
func Lex(line string) []Token {
	return (&lexer{}).line(line)
}

// LexLines is Lex of each of lines (nil for ""), the tokens of all of
// them in one array: a report's lines hold fewer than one token each on
// average, so one token a line is room enough, allocated once.
func LexLines(lines []string) [][]Token {
	out := make([][]Token, len(lines))
	room := 0
	for _, s := range lines {
		if s != "" {
			room++
		}
	}
	l := &lexer{tokens: make([]Token, 0, room)}
	for i, s := range lines {
		if s == "" {
			continue
		}
		out[i] = l.line(s)
	}
	return out
}

// line lexes s after the tokens already emitted and returns its own,
// capped so that appending to them never reaches another line's; nil
// when it has none.
func (l *lexer) line(s string) []Token {
	l.input, l.pos, l.first = s, 0, len(l.tokens)
	for state := lexText; state != nil; {
		state = state(l)
	}
	if len(l.tokens) == l.first {
		return nil
	}
	return l.tokens[l.first:len(l.tokens):len(l.tokens)]
}

// FindDurations returns the durations stated in prose ("13 minutes",
// "6hrs 30mins", "1 hour and 5 minutes"): Lex's Duration tokens as spans.
func FindDurations(text string) []Span {
	var out []Span
	for _, t := range Lex(text) {
		if t.Kind == Duration {
			out = append(out, Span{Start: t.Start, End: t.End, Text: text[t.Start:t.End], Duration: t.Duration})
		}
	}
	return out
}

// Span is a duration found in prose, with its byte range in the text.
type Span struct {
	Start, End int
	Text       string
	Duration   time.Duration
}

type lexer struct {
	input  string
	pos    int
	tokens []Token
	// first is where the line's tokens start in tokens (LexLines lexes
	// every line into one array).
	first int
}

// stateFn reads from l.pos and returns the next state (nil at the end).
type stateFn func(*lexer) stateFn

func (l *lexer) emit(t Token) {
	l.tokens = append(l.tokens, t)
	l.pos = t.End
}

// last returns the last token emitted, nil if none.
func (l *lexer) last() *Token {
	if len(l.tokens) == l.first {
		return nil
	}
	return &l.tokens[len(l.tokens)-1]
}

// lexText passes over text that holds nothing, up to where a token may
// start: a digit or a letter that starts a word, a dash after a clock, a
// parenthesis.
func lexText(l *lexer) stateFn {
	s := l.input
	for l.pos < len(s) {
		c := s[l.pos]
		switch {
		case isDigit(c):
			if !l.afterWordChar() {
				return lexNumber
			}
			l.pos = skipDigits(s, l.pos)
		case c < utf8.RuneSelf && isLetter(c) || c >= utf8.RuneSelf && startsLetter(s[l.pos:]):
			end := wordEnd(s, l.pos)
			if !l.afterWordChar() && l.wordMayStart(end) {
				return lexWord
			}
			l.pos = end
		case c == '(':
			return lexParen
		case c == '-' || c >= utf8.RuneSelf:
			if l.rangeDash() {
				continue
			}
			_, size := utf8.DecodeRuneInString(s[l.pos:])
			l.pos += size
		default:
			l.pos++
		}
	}
	return nil
}

// afterWordChar reports whether a letter or digit comes right before pos.
func (l *lexer) afterWordChar() bool {
	if l.pos == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(l.input[:l.pos])
	return r < utf8.RuneSelf && (isLetter(byte(r)) || isDigit(byte(r))) || r >= utf8.RuneSelf && unicode.IsLetter(r)
}

// rangeDash emits a dash ("-", "–", "—") between two clocks as a range
// word.
func (l *lexer) rangeDash() bool {
	s := l.input
	for _, d := range [...]string{"-", "–", "—"} {
		if len(s)-l.pos >= len(d) && s[l.pos:l.pos+len(d)] == d && l.between(l.pos, l.pos+len(d)) {
			l.emit(Token{Kind: RangeWord, Start: l.pos, End: l.pos + len(d), Word: d})
			return true
		}
	}
	return false
}

// between reports whether input[at:end] stands between two clocks: the
// last token is a clock, and only spaces and emphasis marks stand
// between it and at, and between end and a clock.
func (l *lexer) between(at, end int) bool {
	t := l.last()
	return t != nil && (t.Kind == Clock || t.Kind == DateTime) && gapEnd(l.input, t.End) == at && clockAt(l.input, gapEnd(l.input, end))
}

// gapEnd passes over spaces and emphasis marks from i.
func gapEnd(s string, i int) int {
	return skipSpace(s, skipEmphasis(s, skipSpace(s, i)))
}

// clockAt reports whether a clock (or a date-time) starts at i.
func clockAt(s string, i int) bool {
	if i >= len(s) || !isDigit(s[i]) || i > 0 && isWordByte(s[i-1]) {
		return false
	}
	if d, ok := readDate(s, i); ok {
		_, ok = readDateTime(s, d)
		return ok
	}
	_, ok := readClock(s, i)
	return ok
}

// lexNumber reads what starts with a digit: a date (and a date-time), a
// clock, or a duration; anything else is passed over whole.
func lexNumber(l *lexer) stateFn {
	s, p := l.input, l.pos
	if t, ok := readDate(s, p); ok {
		if dt, ok := readDateTime(s, t); ok {
			t = dt
		}
		l.emit(t)
		return lexText
	}
	if t, ok := readClock(s, p); ok {
		l.emit(t)
		return lexText
	}
	if t, ok := readMilitaryClock(s, p); ok {
		l.emit(t) // before durations: "1400 hrs" is a time
		return lexText
	}
	if t, ok := readDuration(s, p); ok {
		l.emit(t)
		return lexText
	}
	l.pos = skipDigits(s, p)
	return lexText
}

// lexWord reads what starts with a word: a date written with a month's
// name, a duration counted in words, a zone line, a range word. Any other
// word is passed over.
func lexWord(l *lexer) stateFn {
	s, p := l.input, l.pos
	end := wordEnd(s, p)
	if dayFollows(s, end) {
		if t, ok := readMonthDate(s, p, end); ok {
			if dt, ok := readDateTime(s, t); ok {
				t = dt
			}
			l.emit(t)
			return lexText
		}
	}
	switch key, kind := wordOf(s[p:end]); kind {
	case numberWord:
		if t, ok := readDuration(s, p); ok {
			l.emit(t)
			return lexText
		}
	case zoneLineWord:
		if t, ok := readZoneLine(s, p); ok {
			l.emit(t)
			return lexText
		}
	case rangeStartWord:
		if rangeStartsAt(s, end) {
			l.emit(Token{Kind: RangeWord, Start: p, End: end, Word: key})
			return lexText
		}
	case rangeWord:
		if l.between(p, end) {
			l.emit(Token{Kind: RangeWord, Start: p, End: end, Word: key})
			return lexText
		}
	}
	l.pos = end
	return lexText
}

// wordMayStart reports whether the word at l.pos, ending at end, may
// start a token: a month's name before a day, or a word of lexWords.
func (l *lexer) wordMayStart(end int) bool {
	if dayFollows(l.input, end) {
		return true
	}
	if !l.mayStart(end) {
		return false
	}
	_, kind := wordOf(l.input[l.pos:end])
	return kind != otherWord
}

// mayStart is the cheap test before a word at l.pos, ending at end, is
// looked up: a number word needs a unit after it ("half" an article),
// "between" and "from" a time, "and" and "to" a clock before them, and a
// zone line starts with "all" or "time".
func (l *lexer) mayStart(end int) bool {
	s := l.input
	if t := l.last(); t != nil && (t.Kind == Clock || t.Kind == DateTime) {
		return true
	}
	if next := skipSpace(s, end); next > end && next < len(s) {
		switch c := s[next]; {
		case isDigit(c), c >= utf8.RuneSelf, strings.IndexByte("dDhHmMsSaA*_`tT", c) >= 0:
			return true
		}
	}
	switch s[l.pos] {
	case 'a', 'A', 't', 'T':
		return true
	}
	return s[l.pos] >= utf8.RuneSelf
}

// The words lexWord looks up, by what they may start.
const (
	otherWord = iota
	numberWord
	zoneLineWord
	rangeStartWord
	rangeWord
)

// lexWords are the words lexWord looks for, and what each may start.
var lexWords = []struct {
	word string
	kind int
}{
	{"a", numberWord}, {"an", numberWord}, {"one", numberWord}, {"two", numberWord}, {"three", numberWord},
	{"four", numberWord}, {"five", numberWord}, {"six", numberWord}, {"seven", numberWord}, {"eight", numberWord},
	{"nine", numberWord}, {"ten", numberWord}, {"half", numberWord},
	{"all", zoneLineWord}, {"time", zoneLineWord}, {"times", zoneLineWord}, {"timestamps", zoneLineWord}, {"timezone", zoneLineWord},
	{"between", rangeStartWord}, {"from", rangeStartWord},
	{"and", rangeWord}, {"to", rangeWord}, {"until", rangeWord}, {"till", rangeWord}, {"through", rangeWord},
}

// wordOf looks a word up in lexWords, folded: the word as the table
// writes it and its kind (otherWord for one it does not hold).
func wordOf(w string) (string, int) {
	var buf [len("timestamps")]byte
	n, ok := lowerInto(buf[:], w)
	if !ok {
		return "", otherWord
	}
	for _, e := range lexWords {
		if string(buf[:n]) == e.word {
			return e.word, e.kind
		}
	}
	return "", otherWord
}

// lowerInto writes w folded (fold.String) into buf and returns its
// length; ok is false when it does not fit.
func lowerInto(buf []byte, w string) (int, bool) {
	if !isASCII(w) {
		w = fold.String(w) // a letter outside ASCII may fold into one (ſ into s)
	}
	if len(w) > len(buf) {
		return 0, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if isUpper(c) {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return len(w), true
}

// oneOf returns the word of words (lower case) that w is, folded; "" if
// none.
func oneOf(w string, words ...string) string {
	for _, k := range words {
		if n, ok := fold.HasPrefix(w, k); ok && n == len(w) {
			return k
		}
	}
	return ""
}

// dayFollows reports whether a day may follow a month's name ending at
// i: an optional dot, spaces, a digit.
func dayFollows(s string, i int) bool {
	if i < len(s) && s[i] == '.' {
		i++
	}
	j := skipSpace(s, i)
	return j > i && j < len(s) && isDigit(s[j])
}

// lexParen reads a zone in parentheses, "(MST)", "( UTC-07:00 )".
func lexParen(l *lexer) stateFn {
	if t, ok := readParenZone(l.input, l.pos); ok {
		l.emit(t)
		return lexText
	}
	l.pos++
	return lexText
}

// rangeStartsAt reports whether a time follows "between" or "from" that
// ends at i: spaces, an optional "the hour of", emphasis, a clock.
func rangeStartsAt(s string, i int) bool {
	j := skipSpace(s, i)
	if j == i {
		return false
	}
	if n, ok := fold.HasPrefix(s[j:], "the hour of"); ok {
		k := skipSpace(s, j+n)
		if k == j+n {
			return false
		}
		j = k
	}
	return clockAt(s, skipEmphasis(s, j))
}

// ------------------------------------------------------------- bytes

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }

// isWordByte is a letter or a digit: what may not touch a token's ends.
func isWordByte(c byte) bool { return isLetter(c) || isDigit(c) }

func isDateSep(c byte) bool { return c == '-' || c == '/' || c == '.' }

// wordEndsAt reports whether no letter or digit stands at i.
func wordEndsAt(s string, i int) bool { return i >= len(s) || !isWordByte(s[i]) }

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\v'
}

// skipSpace passes over spaces: ASCII ones and the no-break spaces
// (U+00A0, U+202F, U+2007) that word processors and chat put in times.
func skipSpace(s string, i int) int {
	for i < len(s) {
		switch {
		case isSpaceByte(s[i]):
			i++
		case len(s)-i >= 2 && s[i:i+2] == "\u00a0":
			i += 2
		case len(s)-i >= 3 && (s[i:i+3] == "\u202f" || s[i:i+3] == "\u2007"):
			i += 3
		default:
			return i
		}
	}
	return i
}

// skipEmphasis passes over Markdown emphasis marks.
func skipEmphasis(s string, i int) int {
	for i < len(s) && (s[i] == '*' || s[i] == '_' || s[i] == '`') {
		i++
	}
	return i
}

func skipDigits(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// digitsAt reads up to max digits at i as a number; it returns the
// number and where the digits end (i when there are none). A longer run
// of digits is no number here.
func digitsAt(s string, i, max int) (int, int) {
	j := skipDigits(s, i)
	if j-i > max {
		return 0, i
	}
	v := 0
	for k := i; k < j; k++ {
		v = v*10 + int(s[k]-'0')
	}
	return v, j
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// startsLetter reports whether s starts with a letter outside ASCII.
func startsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// wordEnd returns the end of the word of letters starting at i.
func wordEnd(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !isLetter(c) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			return i
		}
		i += size
	}
	return i
}

func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && isSpaceByte(s[i]) {
		i++
	}
	for j > i && isSpaceByte(s[j-1]) {
		j--
	}
	return s[i:j]
}
