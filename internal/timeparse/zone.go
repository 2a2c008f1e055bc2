// Package timeparse turns the ways incident responders write times into UTC
// instants, and refuses, with a reason, the ones a careful reader could not
// place on the clock. It knows nothing of documents, files or terminals.
//
// Two readers share one zone table (this file): Lex reads the times,
// dates, durations and zone declarations of a line of prose; Scan and
// Parse read one time value, such as a document's "19:34 MST".
package timeparse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// zoneTable is every zone postmortem knows by name, in one place: the
// importer, the linter and the document format all read zones through
// it. A name is looked up in capitals.
//
//   - offset: an abbreviation whose offset does not depend on the date.
//     Daylight-saving variants are listed separately because responders
//     write what their clock showed ("MDT" in summer), and that is a
//     fixed offset.
//   - iana: a region's civil time named without saying whether daylight
//     saving applies ("MT", "Mountain"); the IANA zone decides from the
//     date.
//   - ambiguous: an abbreviation used for more than one offset; where.
var zoneTable = []zoneEntry{
	{names: []string{"UTC", "GMT", "Z", "ZULU"}, offset: 0},
	{names: []string{"EST"}, offset: -5}, {names: []string{"EDT"}, offset: -4},
	{names: []string{"CST"}, offset: -6}, {names: []string{"CDT"}, offset: -5},
	{names: []string{"MST"}, offset: -7}, {names: []string{"MDT"}, offset: -6},
	{names: []string{"PST"}, offset: -8}, {names: []string{"PDT"}, offset: -7},
	{names: []string{"AKST"}, offset: -9}, {names: []string{"AKDT"}, offset: -8},
	{names: []string{"HST"}, offset: -10},
	{names: []string{"BST"}, offset: 1}, {names: []string{"WET"}, offset: 0}, {names: []string{"WEST"}, offset: 1},
	{names: []string{"CET"}, offset: 1}, {names: []string{"CEST"}, offset: 2},
	{names: []string{"EET"}, offset: 2}, {names: []string{"EEST"}, offset: 3},
	{names: []string{"JST"}, offset: 9}, {names: []string{"KST"}, offset: 9},
	{names: []string{"AEST"}, offset: 10}, {names: []string{"AEDT"}, offset: 11},
	{names: []string{"NZST"}, offset: 12}, {names: []string{"NZDT"}, offset: 13},

	{names: []string{"ET", "EASTERN"}, iana: "America/New_York"},
	{names: []string{"CT", "CENTRAL"}, iana: "America/Chicago"},
	{names: []string{"MT", "MOUNTAIN"}, iana: "America/Denver"},
	{names: []string{"PT", "PACIFIC"}, iana: "America/Los_Angeles"},

	{names: []string{"IST"}, ambiguous: "India, Ireland and Israel"},
	{names: []string{"AST"}, ambiguous: "Atlantic and Arabia"},
}

type zoneEntry struct {
	names     []string
	offset    int // hours east of UTC
	iana      string
	ambiguous string
}

// zoneNames maps each name of zoneTable to its entry, made on first use.
var zoneNames = sync.OnceValue(func() map[string]*zoneEntry {
	m := map[string]*zoneEntry{}
	for i := range zoneTable {
		for _, n := range zoneTable[i].names {
			m[n] = &zoneTable[i]
		}
	}
	return m
})

// knownZone reports whether the table has a name, written in capitals.
func knownZone(name string) bool {
	_, ok := zoneNames()[name]
	return ok
}

// zoneLinePattern finds "All times are UTC", "All times in MST", "(all
// times UTC-07:00)", "Times are in Mountain Time", "Time zone: MST" at
// the start of the text; group 1 is the zone: an offset, an IANA name or
// a word, which ParseZone reads (so the table decides what is a zone).
var zoneLinePattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(?:all\s+(?:times|timestamps)\s+(?:(?:are|listed|shown|given|below|here|above|in\s+this\s+(?:report|document))\s+)*(?:(?:are|is|in)\s+)*|(?:times|timestamps)\s+(?:(?:are|listed|shown|given|below)\s+)*in\s+|time\s*zone\s*:\s*)(?:the\s+)?[*_` + "`" + `]*` +
		`(UTC\s*[+\-−]\s*\d{1,2}(?::?\d{2})?|GMT\s*[+\-−]\s*\d{1,2}(?::?\d{2})?|[A-Za-z]+/[A-Za-z_]+|[A-Za-z]+)`)
})

var offsetZone = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?i:UTC|GMT)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?$`)
})

// Zone is a parsed time zone: where it came from and how to apply it.
type Zone struct {
	// Name is the zone as it should be reported: "UTC", "MST",
	// "UTC-07:00" or an IANA name such as "America/Denver".
	Name string
	// Location applies the zone to a civil date and clock time.
	Location *time.Location
}

// IsUTC reports whether the zone is UTC at every instant.
func (z Zone) IsUTC() bool {
	if z.Location == nil || z.Location == time.UTC {
		return true
	}
	_, off := time.Date(2000, 1, 1, 0, 0, 0, 0, z.Location).Zone()
	_, off2 := time.Date(2000, 7, 1, 0, 0, 0, 0, z.Location).Zone()
	return off == 0 && off2 == 0
}

// UTC is the zone every document is stored in.
var UTC = Zone{Name: "UTC", Location: time.UTC}

// ParseZone reads a zone written as a name the table knows (UTC, MST,
// MT, Mountain), an offset (UTC-7, UTC-07:00, +02:00, GMT+1) or an IANA
// name (America/Denver). Names are read in any case.
func ParseZone(s string) (Zone, error) {
	name := strings.TrimSpace(s)
	name = strings.Trim(name, "()[]")
	if name == "" {
		return Zone{}, fmt.Errorf("empty time zone")
	}
	up := strings.ToUpper(name)
	if e, ok := zoneNames()[up]; ok {
		return e.zone(name, up)
	}
	if m := offsetZone().FindStringSubmatch(name); m != nil {
		h, _ := strconv.Atoi(m[2])
		mins := 0
		if m[3] != "" {
			mins, _ = strconv.Atoi(m[3])
		}
		if h > 14 || mins > 59 {
			return Zone{}, fmt.Errorf("time zone offset %q is out of range (at most ±14:00)", name)
		}
		off := h*3600 + mins*60
		if m[1] != "+" {
			off = -off
		}
		if off == 0 {
			return UTC, nil
		}
		return Zone{Name: FormatOffset(off), Location: time.FixedZone(FormatOffset(off), off)}, nil
	}
	if strings.Contains(name, "/") && !strings.HasPrefix(name, "/") && !strings.Contains(name, "..") {
		if loc, err := time.LoadLocation(name); err == nil {
			return Zone{Name: loc.String(), Location: loc}, nil
		}
	}
	return Zone{}, fmt.Errorf("unknown time zone %q (expected UTC, an abbreviation such as MST, an offset such as UTC-07:00, or an IANA name such as America/Denver)", name)
}

// zone is the entry's Zone, named up (the name as written, in capitals).
func (e *zoneEntry) zone(name, up string) (Zone, error) {
	switch {
	case e.ambiguous != "":
		return Zone{}, fmt.Errorf("time zone %q is ambiguous (used in %s); write an offset such as UTC+05:30", name, e.ambiguous)
	case e.iana != "":
		loc, err := time.LoadLocation(e.iana)
		if err != nil {
			return Zone{}, fmt.Errorf("time zone %q needs the zone database entry %s: %v", name, e.iana, err)
		}
		return Zone{Name: up, Location: loc}, nil
	case e.offset == 0:
		return UTC, nil
	}
	return Zone{Name: up, Location: time.FixedZone(up, e.offset*3600)}, nil
}

// FormatOffset writes an offset in seconds east of UTC as "UTC-07:00".
func FormatOffset(seconds int) string {
	sign := '+'
	if seconds < 0 {
		sign = '-'
		seconds = -seconds
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, seconds/3600, seconds%3600/60)
}
