package evidence

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

const fixtures = "../../testdata/timeline"

func readExport(t *testing.T, path string, opt Options, channels ...string) []Entry {
	t.Helper()
	c := NewCollection(opt)
	if err := c.ReadSlack(path, channels); err != nil {
		t.Fatal(err)
	}
	return c.Finish()
}

// The fixture export: times from ts alone (a day file holds the next UTC
// day's messages, a reply sits in a later file than its parent), sorted
// to the microsecond, housekeeping left out, entities rendered.
func TestSlackExport(t *testing.T) {
	es := readExport(t, filepath.Join(fixtures, "export"), Options{SlackURL: "https://acme.slack.com/"}, "#inc-checkout")
	var got []string
	for _, e := range es {
		mark := " "
		if e.Default {
			mark = "*"
		}
		got = append(got, mark+" "+e.Time.Format("2006-01-02T15:04:05.000000Z")+" "+e.Event)
	}
	want := []string{
		"  2024-11-03T02:50:00.000001Z Ana Lima: Heading out, checkout v4.2 deploy is queued for midnight",
		"* 2024-11-03T03:58:00.000100Z Ana Lima: Deploying checkout v4.2 to production :rocket:",
		"  2024-11-03T04:02:11.000150Z ben: seeing 500s on checkout",
		"* 2024-11-03T04:02:11.000200Z Grafana: [FIRING:1] CheckoutErrorRate checkout-api (error rate 12% > 5%)",
		"* 2024-11-03T04:03:40.000300Z ben: @Ana Lima errors spiking since the deploy, roll back? dashboard (see #general)",
		"* 2024-11-03T04:04:30.000380Z ben: health check: curl -H 'Authorization: Bearer 8f3a9c2e7b1d4f6a9c2e7b1d4f6a0b1c' https://checkout.acme.dev/health",
		"* 2024-11-03T04:05:00.000400Z Ana Lima: Rolling back to v4.1 & watching <checkout-api>",
		"  2024-11-03T05:30:00.000500Z cai.nguyen: error graph (file: checkout error rate)",
		"* 2024-11-03T06:30:00.000600Z Ana Lima: v4.1 fully rolled out, errors back to baseline @here",
		"* 2024-11-03T07:00:00.000700Z ben: closing the incident; postmortem owner @cai.nguyen",
		"  2024-11-03T07:45:00.000800Z Ana Lima: thanks all",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	reply := es[8]
	if reply.Source != "slack:C0INC42/1730615400.000600" || reply.Link != "https://acme.slack.com/archives/C0INC42/p1730615400000600?thread_ts=1730606280.000100&cid=C0INC42" || reply.Where != "#inc-checkout" {
		t.Errorf("reply: %+v", reply)
	}
}

func TestSlackChannelChoice(t *testing.T) {
	dir := filepath.Join(fixtures, "export")
	c := NewCollection(Options{})
	for channels, want := range map[string]string{
		"":                   "the export has 2 channels; name the incident's with --channel (channels: general, inc-checkout)",
		"inc-chekout":        `no channel "inc-chekout" in the export (did you mean "inc-checkout"?); channels: general, inc-checkout`,
		"#nope":              `no channel "nope" in the export; channels: general, inc-checkout`,
		"C0GENERAL,#general": "",
	} {
		var names []string
		if channels != "" {
			names = strings.Split(channels, ",")
		}
		err := c.ReadSlack(dir, names)
		if (want == "" && err != nil) || (want != "" && (err == nil || !strings.HasSuffix(err.Error(), want))) {
			t.Errorf("--channel %q: got %v, want %q", channels, err, want)
		}
	}
	if c.Counts[len(c.Counts)-1] != (Count{"slack #general", 1}) || len(c.Counts) != 1 {
		t.Errorf("a channel named twice is read once: %v", c.Counts)
	}
}

func TestParseTS(t *testing.T) {
	for ts, want := range map[string]string{
		"1730606531.000150": "2024-11-03T04:02:11.00015Z",
		"1730606531.5":      "2024-11-03T04:02:11.5Z",
		"1730606531":        "2024-11-03T04:02:11Z",
	} {
		got, ok := parseTS(ts)
		if !ok || got.Format(time.RFC3339Nano) != want {
			t.Errorf("parseTS(%q) = %v, %v; want %s", ts, got, ok, want)
		}
	}
	for _, ts := range []string{"", "1730606531.0001501", "1.7e9", "-1", "1730606531,5", " 1730606531.1", ".5"} {
		if _, ok := parseTS(ts); ok {
			t.Errorf("parseTS(%q) accepted", ts)
		}
	}
	// Same second: microseconds order them, exactly.
	a, _ := parseTS("1730606531.000150")
	b, _ := parseTS("1730606531.000151")
	if !a.Before(b) {
		t.Error("1730606531.000150 is not before .000151")
	}
}

// FuzzSlackDayFile feeds any bytes as a channel's day file: messages or
// an error placed inside the file, never a panic.
func FuzzSlackDayFile(f *testing.F) {
	day, err := os.ReadFile(filepath.Join(fixtures, "export/inc-checkout/2024-11-03.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(day))
	f.Add(`[{"ts": "1", "text": "<@U0ANA>"}, {"ts": 2}]`)
	f.Add(`[{"ts": "1730606531.000150", "text": "x", "reactions": {}}`)
	f.Add(`{"ts": "1"}`)
	f.Add("[\n  {\"ts\": \"1.1\", \"text\": \"a\"},\n  {\"ts\" \"1.2\"}\n]")
	f.Fuzz(func(t *testing.T, data string) {
		x := &slackExport{byID: map[string]string{"C0INC42": "inc-checkout"}, users: map[string]*slackPerson{"U0ANA": {name: "Ana Lima"}}}
		c := NewCollection(Options{})
		fl := file{name: "day.json", open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(data)), nil }}
		var whole []slackMessage
		err := streamArray(fl, decoder(strings.NewReader(data)), &whole, func(m *slackMessage, at int64) error {
			e, ok, err := x.message(c.Options, slackChannel{ID: "C0INC42", Name: "inc-checkout"}, nil, fl, m, at)
			if ok {
				c.add(e)
			}
			return err
		})
		if err != nil {
			var ee *Error
			if !errors.As(err, &ee) {
				t.Fatalf("error without a position: %v", err)
			}
			if lines := strings.Count(data, "\n") + 1; ee.Line < 1 || ee.Line > lines {
				t.Fatalf("error at line %d of %d: %v", ee.Line, lines, err)
			}
		}
		for _, e := range c.Entries {
			if strings.ContainsAny(e.Event, "\n\r") || !strings.HasPrefix(e.Source, "slack:C0INC42/") {
				t.Fatalf("bad entry %+v", e)
			}
		}
	})
}
