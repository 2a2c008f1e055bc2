package timeparse

import (
	"fmt"
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
