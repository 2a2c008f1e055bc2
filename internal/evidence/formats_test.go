package evidence

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// Spreadsheets save a BOM, CRLF line ends, quoted line breaks, a
// "sep=" line, semicolons, trailing empty columns and empty rows; the
// lines reported stay the file's.
func TestEventsSpreadsheetShapes(t *testing.T) {
	c := NewCollection(Options{})
	in := "\xef\xbb\xbfsep=;\r\nTIME;Event;;\r\n2024-11-03T04:00:00Z;\"two\r\nlines\";;\r\n;;;\r\n2024-11-03T04:01:00Z;next;;\r\n"
	got, err := parse(c, "e.csv", in)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Event != "two lines" || got[1].Event != "next" || got[0].Where != "e.csv:3" || got[1].Where != "e.csv:6" {
		t.Fatalf("got %+v", got)
	}
	for in, want := range map[string]string{
		"time;event\n2024-11-03T04:00:00Z;x;y\n":   "e.csv:2:1: 3 fields, but the header names 2 columns",
		"sep=;\ntime;event\nsoon;x\n":              `e.csv:3:1: time "soon"`,
		"time,event,\n2024-11-03T04:00:00Z,x,y\n":  `e.csv:2:24: a value, "y", in a column the header does not name`,
		"\xff\xfet\x00i\x00m\x00e\x00":             "e.csv:1:1: the file is UTF-16",
		"sep=;":                                    "e.csv:1:1: empty file",
		"time\tevent\n2024-11-03T04:00:00Z\t\"x\n": `e.csv:2:25: invalid CSV: extraneous or missing " in quoted-field`,
	} {
		_, err := parse(c, "e.csv", in)
		var ee *Error
		if err == nil || !errors.As(err, &ee) || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: got %v, want %q...", in, err, want)
		}
	}
}

func TestCSVSeparator(t *testing.T) {
	for in, want := range map[string]rune{
		"time,event\n": ',', "time;event\n": ';', "time\tevent\n": '\t', "time;event,x\n": ',', "SEP=|\r\ntime|event\n": '|', "": ',',
	} {
		if got := csvRowsSeparator("e.csv", in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
	if got := csvRowsSeparator("e.tsv", "time,event\n"); got != '\t' {
		t.Errorf(".tsv: got %q", got)
	}
}

func csvRowsSeparator(name, in string) rune {
	sep, _ := csvSeparator(name, bufio.NewReader(strings.NewReader(in)))
	return sep
}

// JSON lines may give the time as a number; 13 digits are milliseconds.
func TestEventsNumericTimes(t *testing.T) {
	c := NewCollection(Options{})
	got, err := parse(c, "e.jsonl", `{"time": 1730606531, "event": "a"}`+"\n"+`{"time": 1730606531250, "event": "b"}`+"\n"+`{"time": "1730606531.5", "event": "c"}`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2024-11-03T04:02:11Z", "2024-11-03T04:02:11.25Z", "2024-11-03T04:02:11.5Z"}
	for i, w := range want {
		if got[i].Time.Format(time.RFC3339Nano) != w {
			t.Errorf("%d: %s, want %s", i, got[i].Time.Format(time.RFC3339Nano), w)
		}
	}
	if _, err := parse(c, "e.jsonl", `{"time": 1.7e9, "event": "a"}`); err == nil || !strings.HasPrefix(err.Error(), `e.jsonl:1:2: time "1.7e9"`) {
		t.Errorf("exponent: %v", err)
	}
}

func TestOpsgenieTime(t *testing.T) {
	for in, want := range map[string]string{
		`"2024-11-03T04:02:20.123Z"`:      "2024-11-03T04:02:20.123Z",
		`"2024-11-03T00:02:20.123-04:00"`: "2024-11-03T04:02:20.123Z",
		`1730606540123`:                   "2024-11-03T04:02:20.123Z",
		`"1730606540123"`:                 "2024-11-03T04:02:20.123Z",
		`"yesterday"`:                     "",
		`1730606540`:                      "",
		`null`:                            "",
		``:                                "",
	} {
		got, ok := opsgenieTime([]byte(in))
		if s := got.Format(time.RFC3339Nano); ok != (want != "") || (ok && s != want) {
			t.Errorf("%s: got %s %v, want %q", in, s, ok, want)
		}
	}
}

// Messages composed with blocks alone: rich text renders every inline
// element, an app's section and context render their markup, and
// shapes the timeline does not read (a button's text object, an image)
// neither fail nor show.
func TestBlocksText(t *testing.T) {
	x := &slackExport{byID: map[string]string{"C0GEN": "general"}, users: map[string]*slackPerson{"U0ANA": {name: "Ana Lima"}}}
	blocks := `[
	 {"type": "rich_text", "elements": [
	  {"type": "rich_text_section", "elements": [
	   {"type": "user", "user_id": "U0ANA"}, {"type": "text", "text": " rolled back <v4.2> & "},
	   {"type": "link", "url": "https://ci.acme.dev/1"}, {"type": "text", "text": " in "},
	   {"type": "channel", "channel_id": "C0GEN"}, {"type": "text", "text": " "}, {"type": "broadcast", "range": "here"},
	   {"type": "text", "text": " "}, {"type": "usergroup", "usergroup_id": "S0ONCALL"}, {"type": "text", "text": " "},
	   {"type": "emoji", "name": "white_check_mark", "unicode": "2705"}, {"type": "text", "text": " at "},
	   {"type": "date", "timestamp": 1730606531, "format": "{time}", "fallback": "04:02"}, {"type": "text", "text": " "},
	   {"type": "color", "value": "#FF0000"}]},
	  {"type": "rich_text_list", "style": "ordered", "elements": [
	   {"type": "rich_text_section", "elements": [{"type": "text", "text": "one"}]},
	   {"type": "rich_text_section", "elements": [{"type": "text", "text": "two"}]}]},
	  {"type": "rich_text_preformatted", "elements": [{"type": "text", "text": "kubectl\nrollout undo"}]},
	  {"type": "rich_text_quote", "elements": [{"type": "text", "text": "quoted"}]}]},
	 {"type": "divider"},
	 {"type": "image", "image_url": "https://x/y.png", "alt_text": "graph"},
	 {"type": "header", "text": {"type": "plain_text", "text": "Incident #42"}},
	 {"type": "section", "text": {"type": "mrkdwn", "text": "*Severity* &gt; SEV2 <@U0ANA>"}, "fields": [{"type": "mrkdwn", "text": "*Service* checkout"}], "accessory": {"type": "button", "text": {"type": "plain_text", "text": "Ack"}}},
	 {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Resolve"}}]},
	 {"type": "context", "elements": [{"type": "mrkdwn", "text": "via PagerDuty"}, {"type": "image", "alt_text": "logo"}]}
	]`
	want := "@Ana Lima rolled back <v4.2> & https://ci.acme.dev/1 in #general @here @S0ONCALL :white_check_mark: at 04:02 #FF0000 one; two kubectl rollout undo quoted " +
		"Incident #42 *Severity* > SEV2 @Ana Lima *Service* checkout via PagerDuty"
	if got := blocksText([]byte(blocks), x); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, odd := range []string{``, `null`, `{}`, `[1]`, `"text"`, `[{"type": "rich_text", "elements": {}}]`} {
		if got := blocksText([]byte(odd), x); got != "" {
			t.Errorf("%s: got %q", odd, got)
		}
	}
}

// A ts written without its six decimals is the same message: the pin
// (written with them) keeps it, and source and link use Slack's form.
func TestSlackShortTS(t *testing.T) {
	x := &slackExport{byID: map[string]string{}, users: map[string]*slackPerson{}}
	day := `[{"type": "message", "user": "U0X", "text": "pinned", "ts": "1730606400", "thread_ts": "1730606280.1", "user_profile": {"display_name": "", "real_name": "Cai Nguyen"}}]`
	fl := file{name: "day.json", open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(day)), nil }}
	var whole []slackMessage
	var got []Entry
	err := streamArray(fl, decoder(strings.NewReader(day)), &whole, func(m *slackMessage, at int64) error {
		e, ok, err := x.message(Options{}, slackChannel{ID: "C0", Name: "inc"}, map[string]bool{"1730606400.000000": true}, fl, m, at)
		if ok {
			got = append(got, e)
		}
		return err
	})
	if err != nil || len(got) != 1 {
		t.Fatalf("got %+v, %v", got, err)
	}
	e := got[0]
	if !e.Default || e.Event != "Cai Nguyen: pinned" || e.Source != "slack:C0/1730606400.000000" || e.Link != "/archives/C0/p1730606400000000?thread_ts=1730606280.100000&cid=C0" {
		t.Errorf("got %+v", e)
	}
}
