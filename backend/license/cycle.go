// Package license holds the minute arithmetic of a sub-account's license:
// monthly cycles counted from the license start in the customer's time zone,
// grants that can only add, and a ledger replayed from the grants and the
// synced calls. It is pure: no database, no clock, standard library only.
package license

import "time"

// CycleStart returns the instant cycle index begins for a license that
// started at start. Cycle 0 begins at start itself; cycle i begins i months
// later on the start's day of the month at the start's local clock time, in
// start's Location. A start on the 29th-31st falls on a shorter month's last
// day. Each boundary is computed from start, so boundaries never drift
// (Jan 31 → Feb 28 → Mar 31). A local clock time that a DST change skips on
// the boundary's day is resolved by time.Date (moved forward by the gap); the
// boundary's day never changes.
func CycleStart(start time.Time, index int) time.Time {
	loc := start.Location()
	y, m, d := start.Date()
	hh, mm, ss := start.Clock()
	months := int(m) - 1 + index
	year := y + floorDiv(months, 12)
	month := time.Month(months - floorDiv(months, 12)*12 + 1)
	if last := daysIn(year, month); d > last {
		d = last
	}
	return time.Date(year, month, d, hh, mm, ss, start.Nanosecond(), loc)
}

// CycleAt returns the cycle containing t: its index (negative before start)
// and its half-open span [from, until).
func CycleAt(start, t time.Time) (index int, from, until time.Time) {
	local := t.In(start.Location())
	i := (local.Year()-start.Year())*12 + int(local.Month()) - int(start.Month())
	for CycleStart(start, i).After(t) {
		i--
	}
	for !CycleStart(start, i+1).After(t) {
		i++
	}
	return i, CycleStart(start, i), CycleStart(start, i+1)
}

// daysIn returns the number of days of month in year.
func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// floorDiv divides rounding towards minus infinity.
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
