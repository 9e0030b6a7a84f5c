package backend

import (
	"time"
	_ "time/tzdata" // every IANA zone, also where the OS has no zone database (Windows)
)

// dayRange turns a picked range of calendar days in a time zone into the
// instants that bound it, Unix milliseconds: from the first day's midnight
// (inclusive) to the midnight after the last day (exclusive). Going through
// the calendar, not adding 24 hours, keeps days of 23 or 25 hours right; a
// midnight that a clock change skips becomes the first instant of the day.
// "" leaves a bound open. Broken rules are added to v on fromDate, toDate
// or timeZone.
func dayRange(fromDate, toDate, zone string, v Validation) (since, until *int64) {
	loc, err := time.LoadLocation(zone) // "" is UTC
	if err != nil {
		v.Add("timeZone", "The time zone must be an IANA name such as Europe/Berlin.")
		return nil, nil
	}
	day := func(field, s string, add int) *int64 {
		if s == "" {
			return nil
		}
		d, err := time.Parse(time.DateOnly, s) // the calendar day alone; midnight places it in loc
		if err != nil {
			v.Add(field, "Dates must be calendar days (YYYY-MM-DD).")
			return nil
		}
		ms := midnight(d.Year(), d.Month(), d.Day()+add, loc).UnixMilli()
		return &ms
	}
	since, until = day("fromDate", fromDate, 0), day("toDate", toDate, 1)
	if since != nil && until != nil && *until <= *since {
		v.Add("toDate", "The last day cannot be before the first.")
	}
	return since, until
}

// midnight is the first instant of a calendar day in loc (time.Date may
// place a skipped midnight on the day before: then the day starts when the
// clock change happens).
func midnight(year int, month time.Month, day int, loc *time.Location) time.Time {
	t := time.Date(year, month, day, 0, 0, 0, 0, loc)
	want := time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	if t.Format(time.DateOnly) != want {
		_, end := t.ZoneBounds()
		t = end
	}
	return t
}
