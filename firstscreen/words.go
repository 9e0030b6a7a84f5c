package firstscreen

import (
	"math"
	"strconv"
	"time"
)

// The words of frontend/src/lib/format.ts and time.ts, in English as the UI is
// (UI_LOCALE "en"). tests/e2e/firstscreen.test.mjs checks them against the
// app's own on a whole page of rows, at a fixed moment.

// formatCount is formatCount: 100000 → "100,000".
func formatCount(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// pluralTotal is pluralTotal: "1,234 sub-accounts", "1 sub-account", "1,000+ sub-accounts".
func pluralTotal(n int64, capped bool, singular string) string {
	switch {
	case capped:
		return formatCount(n) + "+ " + singular + "s"
	case n == 1:
		return "1 " + singular
	default:
		return formatCount(n) + " " + singular + "s"
	}
}

// rangeText is rangeText: "1–100 of 100,000", "0 of 0", "of 1,000+".
func rangeText(offset, count int, total int64, capped bool) string {
	t := formatCount(total)
	if capped {
		t += "+"
	}
	if count <= 0 {
		return "0 of " + t
	}
	return formatCount(int64(offset)+1) + "–" + formatCount(int64(offset+count)) + " of " + t
}

// relative is formatRelative: "3 hours ago", "yesterday", "in 5 minutes",
// "now"; "never" for ""; an unparsable value as it is.
func relative(iso string, now time.Time) string {
	if iso == "" {
		return "never"
	}
	t, err := time.Parse(time.RFC3339Nano, iso)
	if err != nil {
		return iso
	}
	diff := t.Sub(now)
	abs := diff.Abs()
	const day = 24 * time.Hour
	switch {
	case abs < 45*time.Second:
		return "now"
	case abs < 45*time.Minute:
		return phrase(diff, time.Minute, "minute", "", "")
	case abs < 22*time.Hour:
		return phrase(diff, time.Hour, "hour", "", "")
	case abs < 26*day:
		return phrase(diff, day, "day", "yesterday", "tomorrow")
	case abs < 320*day:
		return phrase(diff, time.Duration(30.4375*float64(day)), "month", "last month", "next month")
	default:
		return phrase(diff, time.Duration(365.25*float64(day)), "year", "last year", "next year")
	}
}

// phrase is Intl.RelativeTimeFormat("en", {numeric: "auto"}) for a whole
// number of units (at least one), with its words for one unit back and ahead.
func phrase(diff, unit time.Duration, name, last, next string) string {
	n := max(1, int(math.Round(math.Abs(float64(diff))/float64(unit))))
	switch {
	case n == 1 && diff < 0 && last != "":
		return last
	case n == 1 && diff > 0 && next != "":
		return next
	}
	words := strconv.Itoa(n) + " " + name
	if n != 1 {
		words += "s"
	}
	if diff < 0 {
		return words + " ago"
	}
	return "in " + words
}
