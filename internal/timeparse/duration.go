package timeparse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// FormatDuration writes a duration the way reports state them: "13 minutes",
// "1 hour 5 minutes", "2 days 3 hours". It rounds to the minute and keeps the
// two largest units, because nobody reads "2 days 3 hours 4 minutes" aloud.
func FormatDuration(d time.Duration) string {
	if d < 0 {
		return "-" + FormatDuration(-d)
	}
	if d > 0 && d < time.Minute {
		return plural(int(d.Round(time.Second)/time.Second), "second")
	}
	mins := int(d.Round(time.Minute) / time.Minute)
	days, hours, minutes := mins/(24*60), mins/60%24, mins%60
	switch {
	case days > 0 && hours > 0:
		return plural(days, "day") + " " + plural(hours, "hour")
	case days > 0:
		return plural(days, "day")
	case hours > 0 && minutes > 0:
		return plural(hours, "hour") + " " + plural(minutes, "minute")
	case hours > 0:
		return plural(hours, "hour")
	}
	return plural(minutes, "minute")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

var (
	durationPart = regexp.MustCompile(`(?i)\b(?:(\d+(?:\.\d+)?)\s*-?\s*|(an?|one|two|three|four|five|six|seven|eight|nine|ten|half an?)\s+)(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b`)
	durationGlue = regexp.MustCompile(`(?i)^[\s,]*(and)?[\s,]*$`)
	wordNumbers  = map[string]float64{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "half a": 0.5, "half an": 0.5}
)

// Span is a duration found in prose, with its byte range in the text.
type Span struct {
	Start, End int
	Text       string
	Duration   time.Duration
}

// FindDurations returns the durations stated in prose ("13 minutes",
// "6hrs 30mins", "1 hour and 5 minutes"); adjacent parts join into one.
func FindDurations(text string) []Span {
	var out []Span
	for _, loc := range durationPart.FindAllStringSubmatchIndex(text, -1) {
		var numText string
		if loc[2] >= 0 {
			numText = text[loc[2]:loc[3]]
		} else {
			numText = strings.ToLower(text[loc[4]:loc[5]])
		}
		unit := strings.ToLower(text[loc[6]:loc[7]])
		n, ok := wordNumbers[numText]
		if !ok {
			n, _ = strconv.ParseFloat(numText, 64)
		}
		d := time.Duration(n * float64(unitOf(unit)))
		if len(out) > 0 {
			prev := &out[len(out)-1]
			if durationGlue.MatchString(text[prev.End:loc[0]]) && unitOf(unit) < prev.smallestUnit() {
				prev.End = loc[1]
				prev.Text = text[prev.Start:prev.End]
				prev.Duration += d
				continue
			}
		}
		out = append(out, Span{Start: loc[0], End: loc[1], Text: text[loc[0]:loc[1]], Duration: d})
	}
	return out
}

func (s Span) smallestUnit() time.Duration {
	m := durationPart.FindAllStringSubmatch(s.Text, -1)
	return unitOf(strings.ToLower(m[len(m)-1][3]))
}

func unitOf(u string) time.Duration {
	switch {
	case strings.HasPrefix(u, "d"):
		return 24 * time.Hour
	case strings.HasPrefix(u, "h"):
		return time.Hour
	case strings.HasPrefix(u, "m"):
		return time.Minute
	}
	return time.Second
}
