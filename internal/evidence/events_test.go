package evidence

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func nyOptions(t testing.TB) Options {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skipf("no zone database here: %v", err)
	}
	return Options{Zone: loc, ZoneName: "America/New_York", Date: time.Date(2024, 11, 3, 0, 0, 0, 0, time.UTC)}
}

func TestEvents(t *testing.T) {
	c := NewCollection(nyOptions(t))
	csv := "Event,TIME,milestone\n" +
		"Deploy starts,2024-11-02 23:58,\n" +
		"\"Alert: \"\"checkout\"\" errors\",00:02,detected\n" +
		"Second 01:30 of the night,2024-11-03T01:30:00-05:00,\n"
	got, err := parse(c, "e.csv", "\xef\xbb\xbf"+csv)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ at, text, milestone string }{
		{"2024-11-03T03:58:00Z", "Deploy starts", ""},
		{"2024-11-03T04:02:00Z", `Alert: "checkout" errors`, "detected"},
		{"2024-11-03T06:30:00Z", "Second 01:30 of the night", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d entries", len(got))
	}
	for i, w := range want {
		if g := got[i]; g.Time.Format(time.RFC3339) != w.at || g.Event != w.text || g.Milestone != w.milestone || !g.Default {
			t.Errorf("entry %d: %+v, want %+v", i, g, w)
		}
	}

	jsonl := `{"time": "2024-11-03 01:30", "event": "Status page updated", "link": "https://status.acme.dev/42", "source": "statuspage"}` + "\n\n" +
		`{"time": "2024-03-10 02:30", "event": "During the spring jump"}`
	got, err = parse(c, "e.jsonl", jsonl)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Source != "statuspage" || got[0].Link != "https://status.acme.dev/42" || got[1].Where != "e.jsonl:3" {
		t.Fatalf("got %+v", got)
	}
	if w := strings.Join(c.Warnings, "\n"); !strings.Contains(w, "e.jsonl:1:2: 2024-11-03 01:30 happens twice in America/New_York") ||
		!strings.Contains(w, "e.jsonl:3:2: 2024-03-10 02:30 does not exist in America/New_York") {
		t.Errorf("warnings:\n%s", w)
	}
}

func TestEventsErrors(t *testing.T) {
	c := NewCollection(Options{})
	for in, want := range map[string]string{
		"e.csv:time\n":                                                                   `e.csv:1:1: the header needs the columns time and event (found time)`,
		"e.csv:time,event,who\n":                                                         `e.csv:1: unknown column "who"`,
		"e.csv:time,event\n19:34,x\n":                                                    `e.csv:2:1: time "19:34" has no date`,
		"e.csv:time,event\n2024-12-04 25:00,x\n":                                         `e.csv:2:1: time "2024-12-04 25:00": hours go up to 23`,
		"e.csv:event,time\nx,2024-12-04 19:34,y\n":                                       `e.csv:2:1: 3 fields, but the header names 2 columns`,
		"e.csv:time,event,milestone\n2024-12-04T19:34:00Z,x,fixed\n":                     `e.csv:2:1: milestone "fixed" is not one of`,
		"e.csv:time,event,link\n2024-12-04T19:34:00Z,x,javascript:alert(1)\n":            `e.csv:2:1: link "javascript:alert(1)" is not a web address`,
		"e.csv:time,event\n2024-12-04T19:34:00Z,\n":                                      `e.csv:2:1: the event at "2024-12-04T19:34:00Z" has no text`,
		"e.jsonl:{\"time\": \"2024-12-04T19:34:00Z\", \"event\": \"x\", \"who\": \"y\"}": `e.jsonl:1:1: unknown key "who"`,
		"e.jsonl:\n{\"time\": \"2024-12-04T19:34:00Z\", \"event\": 3}":                   `e.jsonl:2:1: event: expected a string, found a number`,
		"e.jsonl:{\"time\": \"2024-12-04T19:34:00Z\" \"event\": \"x\"}":                  `e.jsonl:1:33: invalid JSON`,
		"e.jsonl:{\"time\": \"2024-12-04T19:34:00Z\"":                                    `e.jsonl:1:32: invalid JSON: the line ends in the middle of a value`,
		"e.jsonl:[1]": `e.jsonl:1:1: expected a JSON object per line, found array`,
	} {
		name, data, _ := strings.Cut(in, ":")
		_, err := parse(c, name, data)
		var ee *Error
		if err == nil || !errors.As(err, &ee) || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: got %v, want %q...", in, err, want)
		}
	}
}

// FuzzEvents: CSV and JSON lines of any shape give entries or an error
// at a position in the file, never a panic.
func FuzzEvents(f *testing.F) {
	f.Add("e.csv", "time,event,source,link,milestone\n2024-12-04 19:34,Alert,grafana,https://g.example/x,detected\n")
	f.Add("e.csv", "event,time\n\"a, \"\"b\"\"\",2024-12-04T19:34:00-07:00\n")
	f.Add("e.jsonl", `{"time": "2024-12-04 7:34 PM MST", "event": "x", "milestone": "started"}`)
	f.Add("e.jsonl", "{\"time\": \"19:34\", \"event\": \"clock only\"}\n\n{}")
	f.Add("e", "{\"time\": 1}")
	f.Fuzz(func(t *testing.T, name, data string) {
		c := NewCollection(Options{Date: time.Date(2024, 12, 4, 0, 0, 0, 0, time.UTC)})
		entries, err := parse(c, name, data)
		if err != nil {
			var ee *Error
			if !errors.As(err, &ee) {
				t.Fatalf("error without a position: %v", err)
			}
			if lines := strings.Count(data, "\n") + 1; ee.Line > lines {
				t.Fatalf("error on line %d of %d: %v", ee.Line, lines, err)
			}
			return
		}
		for _, e := range entries {
			if e.Event == "" || e.Time.IsZero() || strings.ContainsAny(e.Event, "\r\n") {
				t.Fatalf("bad entry %+v", e)
			}
		}
	})
}

// Tools export epoch seconds; short numbers are not taken for them.
func TestEventsEpochSeconds(t *testing.T) {
	c := NewCollection(Options{})
	got, err := parse(c, "e.csv", "time,event\n1730606531.000150,a\n1730606531,b\n")
	if err != nil || len(got) != 2 || got[0].Time.Format(time.RFC3339Nano) != "2024-11-03T04:02:11.00015Z" || !got[1].Time.Equal(at("2024-11-03T04:02:11Z")) {
		t.Fatalf("got %+v, %v", got, err)
	}
	if _, err := parse(c, "e.csv", "time,event\n1934,a\n"); err == nil {
		t.Fatal("1934 read as a time")
	}
}

// parse reads events from text, as ReadEvents reads a file.
func parse(c *Collection, name, data string) ([]Entry, error) {
	var out []Entry
	err := c.parseEvents(name, strings.NewReader(data), func(e Entry) { out = append(out, e) })
	return out, err
}
