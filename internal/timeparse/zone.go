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
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/postmortem-cli/postmortem/internal/didyoumean"
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
//   - readings: every meaning, with its offset, of an abbreviation with
//     several (ambiguous or alsoMeans), as a reader is told them.
//   - alsoMeans: an abbreviation read with its usual offset only where
//     the report settles it (Settled): its other meaning; summer, the
//     zone whose daylight saving time it names, which must be in effect.
var zoneTable = []zoneEntry{
	{names: []string{"UTC", "GMT", "Z", "ZULU", "COORDINATED UNIVERSAL TIME", "UNIVERSAL TIME", "GREENWICH MEAN TIME"}, offset: 0},
	{names: []string{"EST", "EASTERN STANDARD TIME"}, offset: -5}, {names: []string{"EDT", "EASTERN DAYLIGHT TIME"}, offset: -4},
	{names: []string{"CST"}, offset: -6, usual: "US Central Standard Time", alsoMeans: "China Standard Time, UTC+08:00",
		readings: "US Central (UTC-06:00), China (UTC+08:00) or Cuba (UTC-05:00)"}, {names: []string{"CDT", "CENTRAL DAYLIGHT TIME"}, offset: -5},
	{names: []string{"CENTRAL STANDARD TIME"}, offset: -6},
	{names: []string{"MST", "MOUNTAIN STANDARD TIME"}, offset: -7}, {names: []string{"MDT", "MOUNTAIN DAYLIGHT TIME"}, offset: -6},
	{names: []string{"PST", "PACIFIC STANDARD TIME"}, offset: -8}, {names: []string{"PDT", "PACIFIC DAYLIGHT TIME"}, offset: -7},
	{names: []string{"AKST"}, offset: -9}, {names: []string{"AKDT"}, offset: -8},
	{names: []string{"HST"}, offset: -10},
	{names: []string{"BST"}, offset: 1, usual: "British Summer Time", alsoMeans: "Bangladesh Standard Time, UTC+06:00", summer: "Europe/London",
		readings: "British Summer Time (UTC+01:00) or Bangladesh (UTC+06:00)"},
	{names: []string{"WET"}, offset: 0}, {names: []string{"WEST"}, offset: 1},
	{names: []string{"CET"}, offset: 1}, {names: []string{"CEST"}, offset: 2},
	{names: []string{"EET"}, offset: 2}, {names: []string{"EEST"}, offset: 3},
	{names: []string{"JST", "JAPAN STANDARD TIME"}, offset: 9}, {names: []string{"KST", "KOREA STANDARD TIME"}, offset: 9},
	{names: []string{"AEST"}, offset: 10}, {names: []string{"AEDT"}, offset: 11},
	{names: []string{"NZST"}, offset: 12}, {names: []string{"NZDT"}, offset: 13},

	{names: []string{"SGT", "HKT"}, offset: 8},

	// Regions, as US and European people write them: a name, the pair
	// of abbreviations of its standard and summer time, the old IANA
	// name.
	{names: []string{"ET", "EASTERN", "EASTERN TIME", "US EASTERN", "US EASTERN TIME", "US/EASTERN", "EST/EDT", "EDT/EST"}, iana: "America/New_York"},
	{names: []string{"CT", "CENTRAL", "CENTRAL TIME", "US CENTRAL", "US CENTRAL TIME", "US/CENTRAL", "CST/CDT", "CDT/CST"}, iana: "America/Chicago"},
	{names: []string{"MT", "MOUNTAIN", "MOUNTAIN TIME", "US MOUNTAIN", "US MOUNTAIN TIME", "US/MOUNTAIN", "MST/MDT", "MDT/MST"}, iana: "America/Denver"},
	{names: []string{"PT", "PACIFIC", "PACIFIC TIME", "US PACIFIC", "US PACIFIC TIME", "US/PACIFIC", "PST/PDT", "PDT/PST"}, iana: "America/Los_Angeles"},
	{names: []string{"CENTRAL EUROPEAN TIME", "CET/CEST", "CEST/CET"}, iana: "Europe/Berlin"},
	{names: []string{"EASTERN EUROPEAN TIME", "EET/EEST", "EEST/EET"}, iana: "Europe/Helsinki"},
	{names: []string{"UK TIME", "BRITISH TIME", "GMT/BST", "BST/GMT"}, iana: "Europe/London"},
	{names: []string{"CHILE TIME", "CHILE"}, iana: "America/Santiago"},
	{names: []string{"INDIA STANDARD TIME", "INDIAN STANDARD TIME", "INDIA TIME"}, iana: "Asia/Kolkata"},
	{names: []string{"AEST/AEDT", "AEDT/AEST"}, iana: "Australia/Sydney"},

	{names: []string{"IST"}, ambiguous: "India, Ireland and Israel", readings: "India (UTC+05:30), Ireland (UTC+01:00) or Israel (UTC+02:00)"},
	{names: []string{"AST"}, ambiguous: "Atlantic and Arabia", readings: "Atlantic (UTC-04:00) or Arabia (UTC+03:00)"},
}

type zoneEntry struct {
	names     []string
	offset    int // hours east of UTC
	iana      string
	ambiguous string
	usual     string
	alsoMeans string
	summer    string
	readings  string // every meaning of an abbreviation with several
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

// Settled reports whether a zone a report writes reads as the table
// says, given the report's date and the other zones it writes or
// declares (context). Most zones always do. CST is US Central Time
// unless the report's other zones are Asian (UTC+05:00 or more east),
// where it may be China Standard Time; BST is British Summer Time when
// the date is in the UK's summer time and nothing Asian is around,
// where it may be Bangladesh Standard Time. The error names both
// readings and asks for an offset.
func Settled(z Zone, date time.Time, context []Zone) error {
	e, ok := zoneNames()[z.Name]
	if !ok || e.alsoMeans == "" {
		return nil
	}
	if date.IsZero() {
		date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) // for offsets; the summer is then not checked
	}
	asian := false
	for _, c := range context {
		if c.Location != nil && c.Name != z.Name {
			_, off := time.Date(date.Year(), date.Month(), date.Day(), 12, 0, 0, 0, c.Location).Zone()
			asian = asian || off >= 5*3600
		}
	}
	summerOff := true
	if e.summer != "" && date.Year() > 2000 {
		if loc, err := time.LoadLocation(e.summer); err == nil {
			_, off := time.Date(date.Year(), date.Month(), date.Day(), 12, 0, 0, 0, loc).Zone()
			summerOff = off == e.offset*3600
		}
	}
	if !asian && summerOff {
		return nil
	}
	return fmt.Errorf("time zone %s is ambiguous here: %s (%s) or %s, and nothing in the report settles which; write an offset such as %s", z.Name, e.usual, FormatOffset(e.offset*3600), e.alsoMeans, FormatOffset(e.offset*3600))
}

// MayBeUnsettled reports whether s names, in capitals, a zone that
// Settled may refuse (CST, BST): the cheap test before reading s.
func MayBeUnsettled(s string) bool {
	for i := range zoneTable {
		if e := &zoneTable[i]; e.alsoMeans != "" && strings.Contains(s, e.names[0]) {
			return true
		}
	}
	return false
}

// zoneNameEnd reads the longest name of the table written at j: words
// of letters (and "/") joined by single spaces, such as "Central
// European Time" or "US/Pacific", in any case. It returns the end, j
// if there is none.
func zoneNameEnd(s string, j int) int {
	best, end := j, j
	for words := 0; words < 3; words++ {
		k := end
		if words > 0 {
			if k >= len(s) || s[k] != ' ' {
				break
			}
			k++
		}
		e := k
		for e < len(s) && (isLetter(s[e]) || s[e] == '/') {
			e++
		}
		if e == k {
			break
		}
		end = e
		if knownZone(strings.ToUpper(s[j:end])) {
			best = end
		}
	}
	return best
}

// suggestZone is the name of the table a zone written in a declaration
// most likely meant ("UC/Pacific" for US/Pacific): the one name one edit
// away, with ok true; or the names one edit away when there are several
// ("ETC": ET or UTC), with ok false. Only names written in capitals or
// with a "/" are guessed at, so a word ("approximate") is never read as
// a zone.
func suggestZone(name string) (names []string, ok bool) {
	if len(name) < 3 || name != strings.ToUpper(name) && !strings.Contains(name, "/") {
		return nil, false
	}
	up := strings.ToUpper(name)
	for _, e := range zoneTable {
		for _, n := range e.names {
			if didyoumean.Closest(up, []string{n}, 1) != "" && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	return names, len(names) == 1
}

// Ambiguous reports whether name is an abbreviation used for more than
// one offset, which nothing in a report settles ("IST"), and where it
// is used ("India, Ireland and Israel").
func Ambiguous(name string) (string, bool) {
	e, ok := zoneNames()[strings.ToUpper(trimSpace(name))]
	if !ok || e.ambiguous == "" {
		return "", false
	}
	return e.ambiguous, true
}

// Readings is every meaning, with its offset, of an abbreviation that
// has several ("IST": India, Ireland or Israel; "CST", "BST", "AST");
// ok is false for any other name.
func Readings(name string) (string, bool) {
	e, ok := zoneNames()[strings.ToUpper(trimSpace(name))]
	if !ok || e.readings == "" {
		return "", false
	}
	return e.readings, true
}

// declaredZone reads a zone written in a declaration ("All times in
// X", "Timeline (X)"): the zone, and a note when the name is not the
// table's and was read as the one name it is a typo of, or could not be
// read.
func declaredZone(name string) (*Zone, string) {
	z, err := ParseZone(name)
	if err == nil {
		return &z, ""
	}
	if _, ok := Ambiguous(name); ok {
		return nil, err.Error()
	}
	names, ok := suggestZone(trimSpace(name))
	switch {
	case ok:
		if z, err := ParseZone(names[0]); err == nil {
			return &z, fmt.Sprintf("unknown time zone %q; read as %s", name, names[0])
		}
	case len(names) > 1:
		return nil, fmt.Sprintf("unknown time zone %q (did you mean %s?); write one the table knows, or an offset such as UTC-04:00", name, strings.Join(names, " or "))
	}
	return nil, ""
}

// zoneLinePattern finds "All times are UTC", "All times in MST", "(all
// times UTC-07:00)", "Times are in Mountain Time", "Time zone: MST",
// "Times below are CEST" at the start of the text; group 2 is the zone:
// an offset, an IANA name or a word, which ParseZone reads (so the table
// decides what is a zone). Group 1 is set for the loosest form, "Times
// below are X", which declares only a zone the table knows.
var zoneLinePattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(?:all\s+(?:times|timestamps)\s+(?:(?:are|listed|shown|given|below|here|above|in\s+this\s+(?:report|document))\s+)*(?:(?:are|is|in)\s+)*|(?:times|timestamps)\s+(?:(?:are|listed|shown|given|below)\s+)*in\s+|time\s*zone\s*:\s*|((?:times|timestamps)\s+(?:(?:listed|shown|given|below|here|above)\s+)*(?:are|is)\s+))(?:the\s+)?[*_` + "`" + `]*` +
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
		if strings.ContainsAny(up, " /") {
			up = e.iana // "US/Pacific", "PST/PDT", "Pacific Time": America/Los_Angeles
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
