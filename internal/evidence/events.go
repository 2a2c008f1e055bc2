package evidence

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// eventColumns are the columns (CSV) or keys (JSON lines) of an events
// file; time and event are required.
var eventColumns = []string{"time", "event", "source", "link", "milestone"}

// eventRow is one event as written, with where it was written.
type eventRow struct {
	line, col int // of the row, and of its time
	timeCol   int
	fields    map[string]string
}

// ReadEvents reads a file of events people wrote or a tool exported: CSV
// with a header naming its columns (time,event[,source,link,milestone],
// in any order), or JSON lines (.jsonl, .ndjson: one object per line with
// the same keys). Times are read by the time engine in any form it reads;
// those that name no zone are in Options.Zone, and clock-only ones on
// Options.Date. Every entry is in the default selection.
func (c *Collection) ReadEvents(path string) error {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return errorf(path, 0, 0, "no such file")
		}
		return err
	}
	defer f.Close()
	n := 0
	err = c.parseEvents(path, f, func(e Entry) {
		if c.Options.Window.Contains(e.Time) {
			c.add(e)
			n++
		}
	})
	if err != nil {
		return err
	}
	c.count("events "+filepath.Base(path), n)
	return nil
}

// parseEvents reads the events in r, one row at a time: CSV, or JSON
// lines when the name or the first byte says so.
func (c *Collection) parseEvents(path string, r io.Reader, each func(Entry)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3) // spreadsheets write a BOM
	}
	if bom, _ := br.Peek(2); bytes.Equal(bom, []byte("\xff\xfe")) || bytes.Equal(bom, []byte("\xfe\xff")) {
		return errorf(path, 1, 1, "the file is UTF-16 (a spreadsheet's \"Unicode text\"); save it as CSV UTF-8")
	}
	row := func(r eventRow) error {
		e, err := c.eventEntry(path, r)
		if err == nil {
			each(e)
		}
		return err
	}
	if isJSONLines(path, firstByte(br)) {
		return jsonLines(path, br, row)
	}
	return csvRows(path, br, row)
}

// csvSeparator finds the separator of a CSV file from its first line:
// a spreadsheet's "sep=;" line says it (and is consumed), else the
// header has commas, or else semicolons (spreadsheets where the comma
// is the decimal mark) or tabs. skip is 1 when a "sep=" line was read.
func csvSeparator(path string, br *bufio.Reader) (sep rune, skip int) {
	line, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimRight(line, "\r")
	if rest, ok := bytes.CutPrefix(bytes.ToLower(line), []byte("sep=")); ok && len(rest) == 1 {
		br.Discard(len(line))
		if b, _ := br.Peek(2); bytes.HasPrefix(b, []byte("\r\n")) {
			br.Discard(2)
		} else if len(b) > 0 && b[0] == '\n' {
			br.Discard(1)
		}
		return rune(rest[0]), 1
	}
	switch {
	case strings.ToLower(filepath.Ext(path)) == ".tsv":
		return '\t', 0
	case bytes.IndexByte(line, ',') >= 0:
		return ',', 0
	case bytes.IndexByte(line, ';') >= 0:
		return ';', 0
	case bytes.IndexByte(line, '\t') >= 0:
		return '\t', 0
	}
	return ',', 0
}

func isJSONLines(path string, first byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson", ".json":
		return true
	case ".csv", ".tsv":
		return false
	}
	return first == '{'
}

func (c *Collection) eventEntry(path string, r eventRow) (Entry, error) {
	raw := strings.TrimSpace(r.fields["time"])
	text := oneLine(r.fields["event"])
	switch {
	case raw == "":
		return Entry{}, errorf(path, r.line, r.col, "the event has no time")
	case text == "":
		return Entry{}, errorf(path, r.line, r.col, "the event at %q has no text", raw)
	}
	t, err := c.eventTime(raw)
	if err != nil {
		return Entry{}, errorf(path, r.line, r.timeCol, "%v", err)
	}
	if note := localTimeNote(raw, t, c.Options); note != "" {
		c.warn("%s:%d:%d: %s", path, r.line, r.timeCol, note)
	}
	e := Entry{
		Time: t, Event: text, Kind: Events, Default: true,
		Source: strings.TrimSpace(r.fields["source"]), Link: strings.TrimSpace(r.fields["link"]),
		Milestone: strings.ToLower(strings.TrimSpace(r.fields["milestone"])),
		Where:     fmt.Sprintf("%s:%d", filepath.Base(path), r.line),
	}
	if e.Milestone != "" && !slices.Contains(document.Milestones, e.Milestone) {
		return Entry{}, errorf(path, r.line, r.col, "milestone %q is not one of %s", e.Milestone, strings.Join(document.Milestones, ", "))
	}
	if e.Link != "" && !document.IsLink(e.Link) {
		return Entry{}, errorf(path, r.line, r.col, "link %q is not a web address (expected https://...)", e.Link)
	}
	return e, nil
}

// eventTime reads a time through the time engine: RFC 3339, 2024-12-04
// 19:34, 7:34 PM MST, 19:34 on the document's date, ...; and epoch
// seconds (1730606531, 1730606531.000150) or milliseconds
// (1730606531000), which tools export.
func (c *Collection) eventTime(raw string) (time.Time, error) {
	if len(raw) == len("1730606531000") && allDigits(raw) {
		ms, _ := strconv.ParseInt(raw, 10, 64)
		return time.UnixMilli(ms).UTC(), nil
	}
	if t, ok := parseTS(raw); ok && len(raw) >= len("100000000") {
		return t, nil
	}
	ctx := timeparse.Context{Date: c.Options.Date}
	if c.Options.Zone != nil {
		ctx.Zone = &timeparse.Zone{Name: c.Options.ZoneName, Location: c.Options.Zone}
	}
	t, err := timeparse.Parse(raw, ctx)
	if err != nil {
		var te *timeparse.Error
		if errors.As(err, &te) {
			if te.Kind == timeparse.NoDate {
				return t, fmt.Errorf("time %q has no date; write the date too (2024-12-04 19:34), or merge --into a document that has one", raw)
			}
			return t, fmt.Errorf("time %q: %s", raw, te.Reason)
		}
		return t, err
	}
	return t.UTC(), nil
}

// localTimeNote warns about a zoneless time that a daylight-saving change
// makes ambiguous (01:30 when clocks fall back happens twice) or
// impossible (02:30 when they spring forward).
func localTimeNote(raw string, t time.Time, opt Options) string {
	st, err := timeparse.Scan(raw)
	if err != nil || st.Zone != nil || opt.Zone == nil || opt.Zone == time.UTC {
		return ""
	}
	local := t.In(opt.Zone)
	if local.Hour() != st.Hour || local.Minute() != st.Minute {
		return fmt.Sprintf("%s does not exist in %s (clocks jumped forward); read as %s", raw, opt.ZoneName, t.Format(time.RFC3339))
	}
	for _, d := range []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour} {
		for _, other := range []time.Time{t.Add(-d), t.Add(d)} {
			o := other.In(opt.Zone)
			if o.Hour() == st.Hour && o.Minute() == st.Minute && o.Day() == local.Day() {
				_, off := local.Zone()
				return fmt.Sprintf("%s happens twice in %s (clocks fell back); read as %s (%s); write the offset to choose", raw, opt.ZoneName, timeparse.FormatOffset(off), t.Format(time.RFC3339))
			}
		}
	}
	return ""
}

// csvRows reads a CSV (or semicolon- or tab-separated) events file: a
// header naming the columns, then a row per event. A spreadsheet's
// columns without a name (trailing separators) must stay empty; rows
// with nothing in them are skipped.
func csvRows(path string, in *bufio.Reader, each func(eventRow) error) error {
	sep, skip := csvSeparator(path, in)
	r := csv.NewReader(in)
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = sep != '\t'
	r.ReuseRecord = true
	header, err := r.Read()
	if err == io.EOF {
		return errorf(path, 1, 1, "empty file; expected a header line: time,event[,source,link,milestone]")
	}
	if err != nil {
		return csvError(path, skip, err)
	}
	cols, err := csvHeader(path, 1+skip, header)
	if err != nil {
		return err
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvError(path, skip, err)
		}
		row, err := csvRow(path, skip, r, cols, rec)
		if err != nil {
			return err
		}
		if row.fields == nil {
			continue
		}
		if err := each(row); err != nil {
			return err
		}
	}
}

// csvHeader reads the header's column names; "" is a column without a
// name.
func csvHeader(path string, line int, header []string) ([]string, error) {
	cols := make([]string, len(header))
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if h != "" && !slices.Contains(eventColumns, h) {
			return nil, errorf(path, line, 0, "unknown column %q; expected a header naming time, event and optionally source, link, milestone", header[i])
		}
		if h != "" && slices.Contains(cols[:i], h) {
			return nil, errorf(path, line, 0, "column %q appears twice", h)
		}
		cols[i] = h
	}
	if !slices.Contains(cols, "time") || !slices.Contains(cols, "event") {
		return nil, errorf(path, line, 1, "the header needs the columns time and event (found %s)", strings.Join(cols, ","))
	}
	return cols, nil
}

// csvRow places one record's fields under their columns; a record with
// nothing in it gives a row without fields.
func csvRow(path string, skip int, r *csv.Reader, cols, rec []string) (eventRow, error) {
	line, col := r.FieldPos(0)
	line += skip
	if len(rec) > len(cols) {
		return eventRow{}, errorf(path, line, col, "%d fields, but the header names %d columns", len(rec), len(cols))
	}
	if !slices.ContainsFunc(rec, func(v string) bool { return strings.TrimSpace(v) != "" }) {
		return eventRow{}, nil
	}
	row := eventRow{line: line, col: col, timeCol: col, fields: map[string]string{}}
	for i, v := range rec {
		_, at := r.FieldPos(i)
		switch {
		case cols[i] == "" && strings.TrimSpace(v) != "":
			return eventRow{}, errorf(path, line, at, "a value, %q, in a column the header does not name", v)
		case cols[i] == "time":
			row.timeCol = at
		}
		row.fields[cols[i]] = v
	}
	return row, nil
}

func csvError(path string, skip int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return errorf(path, pe.Line+skip, pe.Column, "invalid CSV: %v", pe.Err)
	}
	return errorf(path, 0, 0, "invalid CSV: %v", err)
}

// maxEventLine bounds one JSON line: an event is a sentence, and a
// line this long is not one.
const maxEventLine = 4 << 20

// jsonLines reads one JSON object per line; blank lines are skipped.
func jsonLines(path string, in io.Reader, each func(eventRow) error) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), maxEventLine)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var obj map[string]any
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.UseNumber() // an epoch time as written, not as a float
		if err := dec.Decode(&obj); err != nil {
			return lineJSONError(path, n, line, err)
		}
		if dec.More() {
			return errorf(path, n, int(dec.InputOffset())+1, "more than one JSON value on the line; expected one object per line")
		}
		row := eventRow{line: n, col: 1, timeCol: 1, fields: map[string]string{}}
		keys := slices.Sorted(maps.Keys(obj))
		for _, k := range keys {
			v := obj[k]
			if !slices.Contains(eventColumns, k) {
				return errorf(path, n, 1, "unknown key %q; expected time, event and optionally source, link, milestone", k)
			}
			s, ok := v.(string)
			if n, isNumber := v.(json.Number); isNumber && k == "time" {
				s, ok = n.String(), true
			}
			if !ok && v != nil {
				return errorf(path, n, 1, "%s: expected a string, found %s", k, jsonKind(v))
			}
			row.fields[k] = s
		}
		if i := bytes.Index(line, []byte(`"time"`)); i >= 0 {
			row.timeCol = i + 1
		}
		if err := each(row); err != nil {
			return err
		}
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return errorf(path, n+1, 0, "a line longer than %d MiB; expected one event per line", maxEventLine>>20)
	}
	return sc.Err()
}

func lineJSONError(path string, n int, line []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// A single-line value decoded from its own reader: offsets are
		// exact, just past the byte at fault.
		_, col := lineCol(line, int(max(se.Offset-1, 0)))
		return errorf(path, n, col, "invalid JSON: %v", se)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return errorf(path, n, 1, "expected a JSON object per line, found %s", te.Value)
	}
	_, col := lineCol(line, len(line))
	return errorf(path, n, col, "invalid JSON: the line ends in the middle of a value")
}

func jsonKind(v any) string {
	switch v.(type) {
	case float64, json.Number:
		return "a number"
	case bool:
		return "true or false"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "a value"
}
