// Package timeparse turns the ways incident responders write times into UTC
// instants, and refuses, with a reason, the ones a careful reader could not
// place on the clock. It knows nothing of documents, files or terminals.
package timeparse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// fixedZones are abbreviations whose offset does not depend on the date.
// Daylight-saving variants are listed separately because responders write
// what their clock showed ("MDT" in summer), and that is a fixed offset.
var fixedZones = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0, "ZULU": 0,
	"EST": -5 * 3600, "EDT": -4 * 3600,
	"CST": -6 * 3600, "CDT": -5 * 3600,
	"MST": -7 * 3600, "MDT": -6 * 3600,
	"PST": -8 * 3600, "PDT": -7 * 3600,
	"AKST": -9 * 3600, "AKDT": -8 * 3600,
	"HST": -10 * 3600,
	"BST": 1 * 3600, "WET": 0, "WEST": 1 * 3600,
	"CET": 1 * 3600, "CEST": 2 * 3600,
	"EET": 2 * 3600, "EEST": 3 * 3600,
	"JST": 9 * 3600, "KST": 9 * 3600,
	"AEST": 10 * 3600, "AEDT": 11 * 3600,
	"NZST": 12 * 3600, "NZDT": 13 * 3600,
}

// genericZones name a region's civil time without saying whether daylight
// saving applies ("MT", "Mountain"); the IANA zone decides from the date.
var genericZones = map[string]string{
	"ET": "America/New_York", "EASTERN": "America/New_York",
	"CT": "America/Chicago", "CENTRAL": "America/Chicago",
	"MT": "America/Denver", "MOUNTAIN": "America/Denver",
	"PT": "America/Los_Angeles", "PACIFIC": "America/Los_Angeles",
}

// ambiguousZones are abbreviations used for more than one offset.
var ambiguousZones = map[string]string{
	"IST": "India, Ireland and Israel",
	"AST": "Atlantic and Arabia",
}

var offsetZone = regexp.MustCompile(`^(?i:UTC|GMT)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?$`)

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

// ParseZone reads a zone written as an abbreviation (UTC, MST, MT), an
// offset (UTC-7, UTC-07:00, +02:00, GMT+1) or an IANA name (America/Denver).
func ParseZone(s string) (Zone, error) {
	name := strings.TrimSpace(s)
	name = strings.Trim(name, "()[]")
	if name == "" {
		return Zone{}, fmt.Errorf("empty time zone")
	}
	up := strings.ToUpper(name)
	if off, ok := fixedZones[up]; ok {
		if off == 0 {
			return UTC, nil
		}
		return Zone{Name: up, Location: time.FixedZone(up, off)}, nil
	}
	if iana, ok := genericZones[up]; ok {
		loc, err := time.LoadLocation(iana)
		if err != nil {
			return Zone{}, fmt.Errorf("time zone %q needs the zone database entry %s: %v", name, iana, err)
		}
		return Zone{Name: up, Location: loc}, nil
	}
	if where, ok := ambiguousZones[up]; ok {
		return Zone{}, fmt.Errorf("time zone %q is ambiguous (used in %s); write an offset such as UTC+05:30", name, where)
	}
	if m := offsetZone.FindStringSubmatch(name); m != nil {
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

// FormatOffset writes an offset in seconds east of UTC as "UTC-07:00".
func FormatOffset(seconds int) string {
	sign := '+'
	if seconds < 0 {
		sign = '-'
		seconds = -seconds
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, seconds/3600, seconds%3600/60)
}
