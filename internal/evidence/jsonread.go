package evidence

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// file is one JSON file of a source: its name for messages and a way to
// open it, again if an error has to be placed (a zip member cannot seek).
type file struct {
	name string
	open func() (io.ReadCloser, error)
	// expect says what the file should hold, for a file of the wrong
	// shape: "a PagerDuty log: {\"log_entries\": [...]}".
	expect string
}

func osFile(path string) file {
	return file{name: path, open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

// decoder streams the file's JSON; the buffer spares small reads from a
// zip member's decompressor.
func decoder(r io.Reader) *json.Decoder {
	return json.NewDecoder(bufio.NewReaderSize(r, 64<<10))
}

// streamFile opens f and streams the JSON array it holds (streamArray).
func streamFile[T any](f file, each func(v *T, at int64) error) error {
	rc, err := f.open()
	if err != nil {
		return err
	}
	defer rc.Close()
	var whole []T
	return streamArray(f, decoder(rc), &whole, each)
}

// streamArray decodes the JSON array in r one element at a time, so a
// large file never sits in memory whole. each gets a fresh element and
// the offset where it starts. whole is the file's shape as one value,
// used only to place a decoding error (see jsonError).
func streamArray[T any](f file, dec *json.Decoder, whole any, each func(v *T, at int64) error) error {
	if err := expectDelim(f, dec, '[', whole); err != nil {
		return err
	}
	for dec.More() {
		at := dec.InputOffset()
		var v T
		if err := dec.Decode(&v); err != nil {
			return f.jsonError(err, whole)
		}
		if err := each(&v, at); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return f.jsonError(err, whole)
	}
	return nil
}

// streamKey finds key in the JSON object in r and streams its array;
// other keys are skipped. found is false when the object has no key;
// others lists the keys it has, to say what the file is instead.
func streamKey[T any](f file, dec *json.Decoder, key string, whole any, each func(v *T, at int64) error) (found bool, others []string, err error) {
	if err := expectDelim(f, dec, '{', whole); err != nil {
		return false, nil, err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return found, others, f.jsonError(err, whole)
		}
		if k, _ := tok.(string); k == key && !found {
			found = true
			if err := streamArray(f, dec, whole, each); err != nil {
				return found, others, err
			}
			continue
		}
		if k, _ := tok.(string); len(others) < 8 {
			others = append(others, fmt.Sprintf("%q", k))
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return found, others, f.jsonError(err, whole)
		}
	}
	return found, others, nil
}

// streamObjectOrArray streams the array under key of the file's object,
// or the file itself when it is a bare array (a log saved without its
// envelope). wholeObject is the object's shape, for placing errors.
func streamObjectOrArray[T any](f file, key string, wholeObject any, each func(v *T, at int64) error) error {
	rc, err := f.open()
	if err != nil {
		return err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 64<<10)
	dec := json.NewDecoder(br)
	if firstByte(br) == '[' {
		var whole []T
		return streamArray(f, dec, &whole, each)
	}
	found, others, err := streamKey(f, dec, key, wholeObject, each)
	if err == nil && !found {
		has := "an empty object"
		if len(others) > 0 {
			has = "keys " + strings.Join(others, ", ")
		}
		return errorf(f.name, 1, 1, "no %q key (the file has %s); expected %s", key, has, f.expect)
	}
	return err
}

// firstByte is the first byte after blanks, without consuming anything.
func firstByte(br *bufio.Reader) byte {
	for n := 1; ; n++ {
		b, err := br.Peek(n)
		if len(b) < n || err != nil {
			return 0
		}
		if c := b[n-1]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return c
		}
	}
}

func expectDelim(f file, dec *json.Decoder, want json.Delim, whole any) error {
	at := dec.InputOffset()
	tok, err := dec.Token()
	if err != nil {
		return f.jsonError(err, whole)
	}
	if d, ok := tok.(json.Delim); ok && d == want {
		return nil
	}
	e := f.at(at, "expected a JSON %s, found %s", delimName(want), tokenName(tok))
	if f.expect != "" {
		e.Message += "; expected " + f.expect
	}
	return e
}

func delimName(d json.Delim) string {
	if d == '[' {
		return "array"
	}
	return "object"
}

func tokenName(tok any) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '[' || v == ']' {
			return "an array"
		}
		return "an object"
	case string:
		return "a string"
	case nil:
		return "null"
	case bool:
		return "a boolean"
	}
	return "a number"
}

// jsonError places a decoding error at its line and column. The streaming
// decoder's offsets are relative to its buffer, so the file is read again
// whole (only on this error path) and decoded into whole, whose offsets
// are exact.
func (f file) jsonError(err error, whole any) error {
	data, rerr := f.readAll()
	if rerr != nil {
		return fmt.Errorf("%s: %w", f.name, rerr)
	}
	if uerr := json.Unmarshal(data, whole); uerr != nil {
		err = uerr
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		if se.Offset >= int64(len(data)) {
			line, col := lineCol(data, len(data))
			return errorf(f.name, line, col, "invalid JSON: the file ends in the middle of a value (cut short?)")
		}
		line, col := lineCol(data, int(max(se.Offset-1, 0)))
		return errorf(f.name, line, col, "invalid JSON: %s", se.Error())
	case errors.As(err, &te):
		line, col := lineCol(data, valueStart(data, int(te.Offset)))
		field := ""
		if te.Field != "" {
			field = te.Field + ": "
		}
		return errorf(f.name, line, col, "%sexpected %s, found %s", field, jsonTypeName(te.Type.Kind().String()), jsonValueName(te.Value))
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		line, col := lineCol(data, len(data))
		return errorf(f.name, line, col, "invalid JSON: the file ends in the middle of a value (cut short?)")
	}
	return errorf(f.name, 0, 0, "invalid JSON: %v", err)
}

func jsonTypeName(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "slice":
		return "an array"
	case "struct", "map":
		return "an object"
	case "bool":
		return "true or false"
	}
	return "a number"
}

// jsonValueName names what encoding/json calls "number", "object", ...
func jsonValueName(v string) string {
	switch v {
	case "object", "array":
		return "an " + v
	case "bool":
		return "true or false"
	case "string", "number":
		return "a " + v
	}
	return v
}

// valueStart finds where the value ending at end began: the type error's
// offset is just after a scalar, or just after an object's or array's
// opening bracket.
func valueStart(data []byte, end int) int {
	end = min(max(end, 1), len(data))
	i := end - 1
	switch data[i] {
	case '{', '[':
		return i
	case '"':
		for i--; i > 0; i-- {
			if data[i] == '"' && data[i-1] != '\\' {
				return i
			}
		}
		return 0
	}
	for i > 0 && bytes.IndexByte([]byte("0123456789.+-eEtruefalsn"), data[i-1]) >= 0 {
		i--
	}
	return i
}

// position places a byte offset given by the streaming decoder (which
// counts from the start of the stream) past any separator, at the value.
func (f file) position(at int64) (int, int) {
	data, err := f.readAll()
	if err != nil {
		return 0, 0
	}
	i := int(min(at, int64(len(data))))
	for i < len(data) && bytes.IndexByte([]byte(" \t\r\n,:"), data[i]) >= 0 {
		i++
	}
	return lineCol(data, i)
}

// at makes an error about the value starting at offset at.
func (f file) at(at int64, format string, args ...any) *Error {
	e := errorf(f.name, 0, 0, format, args...)
	e.Line, e.Col = f.position(at)
	return e
}

func (f file) readAll() ([]byte, error) {
	rc, err := f.open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// lineCol turns a byte offset into a 1-based line and column (in
// characters).
func lineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, utf8.RuneCount(data[start:off]) + 1
}
