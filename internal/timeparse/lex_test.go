package timeparse

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// show writes tokens as "kind[text] h:m zone ..." for comparison.
func show(s string, toks []Token) string {
	var parts []string
	for _, t := range toks {
		p := fmt.Sprintf("%s[%s]", t.Kind, s[t.Start:t.End])
		switch t.Kind {
		case Clock, DateTime:
			p += fmt.Sprintf(" %02d:%02d", t.Hour, t.Minute)
			if t.Kind == DateTime {
				p += fmt.Sprintf(" %04d-%02d-%02d", t.Year, t.Month, t.Day)
			}
		case Date:
			p += fmt.Sprintf(" %04d-%02d-%02d", t.Year, t.Month, t.Day)
		case Duration:
			p += " " + t.Duration.String()
		}
		if t.Zone != "" {
			p += " zone=" + t.Zone
			if t.Stamp.Zone == nil {
				p += "?"
			}
		}
		if t.Err != nil {
			p += " err"
		}
		if t.Note != "" {
			p += " note"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " | ")
}

func TestLex(t *testing.T) {
	for in, want := range map[string]string{
		"- _19:34_ - Pizza factory begins returning 500 errors":                        "clock[19:34] 19:34",
		"For 13 minutes between 19:34 UTC and 19:47 UTC, pizzas could not be ordered.": "duration[13 minutes] 13m0s | range word[between] | clock[19:34 UTC] 19:34 zone=UTC | range word[and] | clock[19:47 UTC] 19:47 zone=UTC",
		"**10:30 AM**: c":                                   "clock[10:30 AM] 10:30",
		"11:41 am MST, 10:00 UTC-7":                         "clock[11:41 am MST] 11:41 zone=MST | clock[10:00 UTC-7] 10:00 zone=UTC-7",
		"at 19:34:00Z and 7:34 p.m.":                        "clock[19:34:00Z] 19:34 zone=Z | range word[and] | clock[7:34 p.m.] 19:34",
		"_2:35 PM_ UTC":                                     "clock[2:35 PM_ UTC] 14:35 zone=UTC",
		"19:34 IST":                                         "clock[19:34 IST] 19:34 zone=IST?",
		"19:34 ALERT fired":                                 "clock[19:34] 19:34",
		"2024-12-04T19:34:00Z":                              "date-time[2024-12-04T19:34:00Z] 19:34 2024-12-04 zone=Z",
		"12/04/24 at 7 PM":                                  "date-time[12/04/24 at 7 PM] 19:00 2024-12-04",
		"Incident: 2024-12-04 19-47-00":                     "date-time[2024-12-04 19-47-00] 19:47 2024-12-04",
		"Dec 5:":                                            "date[Dec 5] 0000-12-05",
		"December 4th, 2024 and 4 Dec 2024":                 "date[December 4th, 2024] 2024-12-04 | date[4 Dec 2024] 2024-12-04",
		"04.12.2024":                                        "date[04.12.2024] 2024-12-04",
		"1400 hrs - deploy starts":                          "clock[1400 hrs] 14:00",
		"14:20h - rollback, after 72 hrs":                   "clock[14:20h] 14:20 | duration[72 hrs] 72h0m0s",
		"from 13:39 to 15:52 US/Pacific":                    "range word[from] | clock[13:39] 13:39 | range word[to] | clock[15:52 US/Pacific] 15:52 zone=US/Pacific",
		"at 10:00 A/B tests began":                          "clock[10:00] 10:00",
		`Outage 2024\-03\-05 14:02`:                         `date-time[2024\-03\-05 14:02] 14:02 2024-03-05`,
		`v1\.8\.0`:                                          "",
		"it may 5 minutes":                                  "duration[5 minutes] 5m0s",
		"lasted 6hrs 30mins":                                "duration[6hrs 30mins] 6h30m0s",
		"half an hour, then 1 hour and 5 minutes":           "duration[half an hour] 30m0s | duration[1 hour and 5 minutes] 1h5m0s",
		"about an hour and a half, then 2 and a half hours": "duration[an hour and a half] 1h30m0s | duration[2 and a half hours] 2h30m0s",
		"two and a half hours, and a half-day":              "duration[two and a half hours] 2h30m0s",
		"2024-01-18 14:03:22 +0000 - deploy":                "date-time[2024-01-18 14:03:22 +0000] 14:03 2024-01-18 zone=+0000",
		"1403Z deploy, 1410 UTC alert":                      "clock[1403Z] 14:03 zone=Z | clock[1410 UTC] 14:10 zone=UTC",
		"2024 users, 1403 PST, 0960 UTC":                    "",
		"14:03 -0700 deploy, 14:05 -10 users":               "clock[14:03 -0700] 14:03 zone=-0700 | clock[14:05] 14:05",
		"19:34-19:47":                                       "clock[19:34] 19:34 | range word[-] | clock[19:47] 19:47",
		"19:34 - Pizza":                                     "clock[19:34] 19:34",
		"from the hour of 10:00 to 11:00":                   "range word[from] | clock[10:00] 10:00 | range word[to] | clock[11:00] 11:00",
		"25:00 and 13:05 PM":                                "clock[25:00] 25:00 err | range word[and] | clock[13:05 PM] 13:05 note",
		"14:00 PM PST Saturday Oct 30th:":                   "clock[14:00 PM PST] 14:00 zone=PST note | date[Oct 30th] 0000-10-30",
		"01-10-2024 and 25/12/2024":                         "date[01-10-2024] 2024-01-10 | date[25/12/2024] 2024-12-25",
		"02-13-2025 11:00 pm - Mempool":                     "date-time[02-13-2025 11:00 pm] 23:00 2025-02-13",
		"- 2022-02-02 1625: smartcontracts":                 "date-time[2022-02-02 1625] 16:25 2022-02-02",
		"1099 employee, block 11792183, 2021":               "",
		"10.42: the app became unavailable":                 "clock[10.42] 10:42",
		"starting at 10.42am, at approximately 10.16":       "clock[10.42am] 10:42 | clock[10.16] 10:16",
		"version 1.2.11 and 2.5.1, 857.49 ETH":              "",
		"Jan 14, 10:18 AM":                                  "date-time[Jan 14, 10:18 AM] 10:18 0000-01-14",
		"**Date:** January 14-19, 2026":                     "date[January 14-19, 2026] 2026-01-14",
		"All times in UC/Pacific":                           "zone line[All times in UC/Pacific] zone=UC/Pacific note",
		"(all times ETC, asc order)":                        "zone line[all times ETC] zone=ETC? note",
		"## Timeline (UTC-3 Chile Time)":                    "zone[(UTC-3 Chile Time)] zone=UTC-3",
		"(all times in PST/PDT)":                            "zone line[all times in PST/PDT] zone=PST/PDT",
		"All times are Central European Time.":              "zone line[All times are Central European Time] zone=Central European Time",
		"*(All times US/Pacific, 24-hour clock.)*":          "zone line[All times US/Pacific] zone=US/Pacific | duration[24-hour] 24h0m0s",
		"All times are UTC.":                                "zone line[All times are UTC] zone=UTC",
		"All times are **MST**.":                            "zone line[All times are **MST] zone=MST",
		"Times are in Mountain Time":                        "zone line[Times are in Mountain Time] zone=Mountain Time",
		"Times below are CEST.":                             "zone line[Times below are CEST] zone=CEST",
		"Times are approximate.":                            "",
		"Timestamps are in IST (UTC+5:30).":                 "zone line[Timestamps are in IST (UTC+5:30)] zone=UTC+5:30",
		"All times are IST.":                                "zone line[All times are IST] zone=IST? note",
		"All times are in Coordinated Universal Time.":      "zone line[All times are in Coordinated Universal Time] zone=Coordinated Universal Time",
		"All times are estimated":                           "zone line[All times are estimated] zone=estimated?",
		"| Time (UTC) | Event |":                            "zone[(UTC)] zone=UTC",
		"(API) Timeline (MST)":                              "zone[(MST)] zone=MST",
		"x19:34 v1.2.3 12345 19.34":                         "",
		"ſeconds: 5 ſeconds":                                "duration[5 ſeconds] 5s",
	} {
		if got := show(in, Lex(in)); got != want {
			t.Errorf("Lex(%q)\n got %s\nwant %s", in, got, want)
		}
	}
}

// Lex's tokens are in order, inside the line, and do not overlap.
func FuzzLex(f *testing.F) {
	for _, s := range []string{"19:34 UTC", "between 9:00 and 9:30 PM.", "2024-12-04T19:34:00+02:00", "Dec 31st, 2024 at 11:59 pm EST", "an hour and 5 mins", "All times are UTC-07:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		end := 0
		for _, tok := range Lex(s) {
			if tok.Start < end || tok.End <= tok.Start || tok.End > len(s) {
				t.Fatalf("Lex(%q): token %+v out of order or outside the line", s, tok)
			}
			if tok.Kind == Duration && tok.Duration < 0 {
				t.Fatalf("Lex(%q): negative duration %v", s, tok.Duration)
			}
			end = tok.End
		}
	})
}

func TestFindDurationsSpans(t *testing.T) {
	got := FindDurations("took 90 min to resolve and 45 seconds to detect")
	if len(got) != 2 || got[0].Duration != 90*time.Minute || got[1].Text != "45 seconds" {
		t.Fatalf("FindDurations = %+v", got)
	}
}

// LexLines reads each line as Lex does: a line's tokens never see the
// line before's (a range after a clock, a zone after a clock), and a
// line's tokens stay its own when a later line's are added.
func TestLexLinesIsLexOfEachLine(t *testing.T) {
	lines := []string{
		"19:34 UTC - alert fired",
		"- 19:50 recovered",
		"",
		"UTC and then to 20:10",
		"between 10:00 and 10:30 PST, 2024-12-04 19:34, for 13 minutes",
		"All times are UTC.",
		"no time here",
		"until 11am",
		"at 10:00",        // a clock ending at byte 8...
		"abcdefgh- 11:00", // ...is not before this dash
	}
	got := LexLines(lines)
	if len(got) != len(lines) {
		t.Fatalf("LexLines returned %d lines, want %d", len(got), len(lines))
	}
	for i, s := range lines {
		if want := Lex(s); !reflect.DeepEqual(got[i], want) {
			t.Errorf("line %q: LexLines %+v, Lex %+v", s, got[i], want)
		}
	}
	if n := len(got[0]); n > 0 {
		if _ = append(got[0], Token{Kind: Clock}); !reflect.DeepEqual(got[1], Lex(lines[1])) {
			t.Errorf("appending to a line's tokens changed the next line's")
		}
	}
}
