package timeparse

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	day := time.Date(2024, 12, 4, 0, 0, 0, 0, time.UTC)
	mst, _ := ParseZone("MST")
	denver, _ := ParseZone("America/Denver")
	cases := []struct {
		in   string
		ctx  Context
		want string // RFC 3339 UTC
	}{
		{"19:34", Context{Date: day}, "2024-12-04T19:34:00Z"},
		{"19:34:05", Context{Date: day}, "2024-12-04T19:34:05Z"},
		{"07:34", Context{Date: day}, "2024-12-04T07:34:00Z"},
		{"00:05", Context{Date: day}, "2024-12-04T00:05:00Z"},
		{"7:34 PM", Context{Date: day}, "2024-12-04T19:34:00Z"},
		{"7:34pm", Context{Date: day}, "2024-12-04T19:34:00Z"},
		{"7:34 p.m.", Context{Date: day}, "2024-12-04T19:34:00Z"},
		{"12:05 AM", Context{Date: day}, "2024-12-04T00:05:00Z"},
		{"12:05 PM", Context{Date: day}, "2024-12-04T12:05:00Z"},
		{"11 am", Context{Date: day}, "2024-12-04T11:00:00Z"},
		{"2024-12-04 19:34", Context{}, "2024-12-04T19:34:00Z"},
		{"2024-12-04T19:34:00Z", Context{}, "2024-12-04T19:34:00Z"},
		{"2024-12-04T19:34:00.250Z", Context{}, "2024-12-04T19:34:00Z"},
		{"2024-12-04T12:34:00-07:00", Context{}, "2024-12-04T19:34:00Z"},
		{"2024-12-05T01:04:00+05:30", Context{}, "2024-12-04T19:34:00Z"},
		{"19:34 UTC", Context{Date: day}, "2024-12-04T19:34:00Z"},
		{"19:34Z", Context{Date: day}, "2024-12-04T19:34:00Z"},
		{"12:34 MST", Context{Date: day}, "2024-12-04T19:34:00Z"},
		{"12:34 mst", Context{Date: day}, "2024-12-04T19:34:00Z"},
		{"12:34 UTC-7", Context{Date: day}, "2024-12-04T19:34:00Z"},
		{"12:34 UTC-07:00", Context{Date: day}, "2024-12-04T19:34:00Z"},
		{"12:34 GMT-0700", Context{Date: day}, "2024-12-04T19:34:00Z"},
		{"12:34 America/Denver", Context{Date: day}, "2024-12-04T19:34:00Z"},
		{"12:34 (MST)", Context{Date: day}, "2024-12-04T19:34:00Z"},
		{"12:34", Context{Date: day, Zone: &mst}, "2024-12-04T19:34:00Z"},
		{"12:34", Context{Date: time.Date(2024, 7, 4, 0, 0, 0, 0, time.UTC), Zone: &denver}, "2024-07-04T18:34:00Z"}, // MDT in July
		{"12:34 MT", Context{Date: time.Date(2024, 7, 4, 0, 0, 0, 0, time.UTC)}, "2024-07-04T18:34:00Z"},
		{"23:30 MST", Context{Date: day}, "2024-12-05T06:30:00Z"}, // crosses the UTC date
		{"7:34", Context{Date: day, Assume24h: true}, "2024-12-04T07:34:00Z"},
		{"  19:34  ", Context{Date: day}, "2024-12-04T19:34:00Z"},
	}
	for _, c := range cases {
		got, err := Parse(c.in, c.ctx)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if s := got.Format(time.RFC3339); s != c.want {
			t.Errorf("Parse(%q) = %s, want %s", c.in, s, c.want)
		}
		if got.Location() != time.UTC {
			t.Errorf("Parse(%q) not in UTC: %v", c.in, got.Location())
		}
	}
}

func TestParseRefuses(t *testing.T) {
	day := time.Date(2024, 12, 4, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		in     string
		ctx    Context
		kind   Kind
		reason string
	}{
		{"7:34", Context{Date: day}, Ambiguous12h, "12-hour time without AM/PM"},
		{"19:34", Context{}, NoDate, "clock time with no date"},
		{"19:34 XYZ", Context{Date: day}, BadZone, "unknown time zone"},
		{"19:34 IST", Context{Date: day}, BadZone, "ambiguous"},
		{"19:34 UTC+15", Context{Date: day}, BadZone, "out of range"},
		{"25:00", Context{Date: day}, OutOfRange, "hours go up to 23"},
		{"19:61", Context{Date: day}, OutOfRange, "minutes and seconds"},
		{"13:00 PM", Context{Date: day}, OutOfRange, "12-hour time has hours from 1 to 12"},
		{"2024-02-30 10:00", Context{}, OutOfRange, "is not a date"},
		{"noon", Context{Date: day}, Syntax, "not a time"},
		{"", Context{Date: day}, Syntax, "not a time"},
		{"19", Context{Date: day}, Syntax, "needs minutes"},
	}
	for _, c := range cases {
		_, err := Parse(c.in, c.ctx)
		var te *Error
		if !errors.As(err, &te) {
			t.Errorf("Parse(%q): want *Error, got %v", c.in, err)
			continue
		}
		if te.Kind != c.kind || !strings.Contains(te.Reason, c.reason) {
			t.Errorf("Parse(%q) = kind %d %q; want kind %d containing %q", c.in, te.Kind, te.Reason, c.kind, c.reason)
		}
	}
}

func TestParseZone(t *testing.T) {
	cases := map[string]string{
		"UTC": "UTC", "z": "UTC", "GMT": "UTC", "MST": "MST", "mdt": "MDT", "UTC-7": "UTC-07:00",
		"UTC-07:00": "UTC-07:00", "+05:30": "UTC+05:30", "GMT+1": "UTC+01:00", "UTC+0": "UTC",
		"America/Denver": "America/Denver", "MT": "MT",
	}
	for in, want := range cases {
		z, err := ParseZone(in)
		if err != nil {
			t.Errorf("ParseZone(%q): %v", in, err)
			continue
		}
		if z.Name != want {
			t.Errorf("ParseZone(%q).Name = %q, want %q", in, z.Name, want)
		}
	}
	for _, bad := range []string{"", "Mars/Olympus", "IST", "../etc/passwd", "UTC+99"} {
		if _, err := ParseZone(bad); err == nil {
			t.Errorf("ParseZone(%q): want error", bad)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	cases := map[time.Duration]string{
		0:                                "0 minutes",
		30 * time.Second:                 "30 seconds",
		time.Minute:                      "1 minute",
		13 * time.Minute:                 "13 minutes",
		13*time.Minute + 29*time.Second:  "13 minutes",
		time.Hour:                        "1 hour",
		65 * time.Minute:                 "1 hour 5 minutes",
		2*time.Hour + time.Minute:        "2 hours 1 minute",
		24 * time.Hour:                   "1 day",
		51*time.Hour + 4*time.Minute:     "2 days 3 hours",
		-13 * time.Minute:                "-13 minutes",
		6*time.Hour + 30*time.Minute + 1: "6 hours 30 minutes",
	}
	for d, want := range cases {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestFindDurations(t *testing.T) {
	cases := map[string][]time.Duration{
		"For 13 minutes between 19:34 UTC and 19:47 UTC": {13 * time.Minute},
		"For 6hrs 30mins between 20:00 and 20:30":        {6*time.Hour + 30*time.Minute},
		"lasted 1 hour and 5 minutes, then 2 days":       {65 * time.Minute, 48 * time.Hour},
		"about an hour": {time.Hour},
		"took 90 min to resolve and 45 seconds to detect": {90 * time.Minute, 45 * time.Second},
		"500 errors from 3 services":                      nil,
	}
	for text, want := range cases {
		got := FindDurations(text)
		if len(got) != len(want) {
			t.Errorf("FindDurations(%q) = %v, want %v", text, got, want)
			continue
		}
		for i := range got {
			if got[i].Duration != want[i] {
				t.Errorf("FindDurations(%q)[%d] = %v (%q), want %v", text, i, got[i].Duration, got[i].Text, want[i])
			}
			if text[got[i].Start:got[i].End] != got[i].Text {
				t.Errorf("FindDurations(%q)[%d]: span %d-%d does not match text %q", text, i, got[i].Start, got[i].End, got[i].Text)
			}
		}
	}
}

// FuzzParse checks that no input panics, that refusals carry a reason,
// and that every accepted time is a UTC instant that formats back to
// itself through RFC 3339.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"19:34", "7:34 PM", "2024-12-04T19:34:00Z", "12:34 UTC-07:00", "12:34 America/Denver", "25:61", "1:1", "2024-13-40 10:00", "00:00 +14:00", "9 p.m.", "12:00 ../../x"} {
		f.Add(s)
	}
	day := time.Date(2024, 12, 4, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Parse(s, Context{Date: day})
		if err != nil {
			var te *Error
			if !errors.As(err, &te) || te.Reason == "" {
				t.Fatalf("Parse(%q): refusal without a reason: %v", s, err)
			}
			return
		}
		if got.Location() != time.UTC {
			t.Fatalf("Parse(%q) not UTC", s)
		}
		back, err := Parse(got.Format(time.RFC3339), Context{})
		if err != nil || !back.Equal(got) {
			t.Fatalf("Parse(%q) = %v does not round-trip through RFC 3339: %v %v", s, got, back, err)
		}
	})
}

func FuzzFindDurations(f *testing.F) {
	for _, s := range []string{"13 minutes", "6hrs 30mins", "an hour and 5 minutes", "1.5 h", "half an hour"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, sp := range FindDurations(s) {
			if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End || s[sp.Start:sp.End] != sp.Text {
				t.Fatalf("bad span %+v in %q", sp, s)
			}
		}
	})
}
