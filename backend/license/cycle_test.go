package license

import (
	"testing"
	"time"
	_ "time/tzdata" // the same zones on every OS
)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestCycleStartFollowsAnniversaryDay: boundaries fall on the start's day at
// its local clock time, on the last day of shorter months, never drifting.
func TestCycleStartFollowsAnniversaryDay(t *testing.T) {
	utc := time.UTC
	ny := zone(t, "America/New_York")
	berlin := zone(t, "Europe/Berlin")
	cases := []struct {
		name  string
		start time.Time
		index int
		want  time.Time
	}{
		{"cycle 0 is the start", time.Date(2025, 1, 31, 10, 0, 0, 0, utc), 0, time.Date(2025, 1, 31, 10, 0, 0, 0, utc)},
		{"31st falls on 28 Feb", time.Date(2025, 1, 31, 10, 0, 0, 0, utc), 1, time.Date(2025, 2, 28, 10, 0, 0, 0, utc)},
		{"31st back on 31 Mar, no drift", time.Date(2025, 1, 31, 10, 0, 0, 0, utc), 2, time.Date(2025, 3, 31, 10, 0, 0, 0, utc)},
		{"31st falls on 30 Apr", time.Date(2025, 1, 31, 10, 0, 0, 0, utc), 3, time.Date(2025, 4, 30, 10, 0, 0, 0, utc)},
		{"31st falls on 29 Feb in a leap year", time.Date(2024, 1, 31, 0, 0, 0, 0, utc), 1, time.Date(2024, 2, 29, 0, 0, 0, 0, utc)},
		{"30th falls on 29 Feb in a leap year", time.Date(2023, 12, 30, 0, 0, 0, 0, utc), 2, time.Date(2024, 2, 29, 0, 0, 0, 0, utc)},
		{"29 Feb start falls on 28 Feb next year", time.Date(2024, 2, 29, 8, 0, 0, 0, utc), 12, time.Date(2025, 2, 28, 8, 0, 0, 0, utc)},
		{"29 Feb start is back on 29 Mar", time.Date(2024, 2, 29, 8, 0, 0, 0, utc), 13, time.Date(2025, 3, 29, 8, 0, 0, 0, utc)},
		{"29 Feb start meets 29 Feb again in 2028", time.Date(2024, 2, 29, 8, 0, 0, 0, utc), 48, time.Date(2028, 2, 29, 8, 0, 0, 0, utc)},
		{"1900 is not a leap year", time.Date(1900, 1, 29, 0, 0, 0, 0, utc), 1, time.Date(1900, 2, 28, 0, 0, 0, 0, utc)},
		{"2000 is a leap year", time.Date(2000, 1, 29, 0, 0, 0, 0, utc), 1, time.Date(2000, 2, 29, 0, 0, 0, 0, utc)},
		{"crosses the year end", time.Date(2025, 11, 15, 0, 0, 0, 0, utc), 3, time.Date(2026, 2, 15, 0, 0, 0, 0, utc)},
		{"negative index before the start", time.Date(2025, 3, 31, 0, 0, 0, 0, utc), -1, time.Date(2025, 2, 28, 0, 0, 0, 0, utc)},
		{"New York: March DST keeps 09:00 local", time.Date(2026, 1, 15, 9, 0, 0, 0, ny), 2, time.Date(2026, 3, 15, 9, 0, 0, 0, ny)},
		{"New York: November DST keeps 09:00 local", time.Date(2026, 10, 15, 9, 0, 0, 0, ny), 1, time.Date(2026, 11, 15, 9, 0, 0, 0, ny)},
		{"Berlin: boundary on the DST day keeps 10:00 local", time.Date(2026, 1, 29, 10, 0, 0, 0, berlin), 2, time.Date(2026, 3, 29, 10, 0, 0, 0, berlin)},
		{"Berlin: October DST day keeps 10:00 local", time.Date(2026, 1, 25, 10, 0, 0, 0, berlin), 9, time.Date(2026, 10, 25, 10, 0, 0, 0, berlin)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CycleStart(c.start, c.index)
			if !got.Equal(c.want) {
				t.Fatalf("CycleStart(%v, %d) = %v, want %v", c.start, c.index, got, c.want)
			}
			if hh, mm, _ := got.Clock(); hh != c.start.Hour() || mm != c.start.Minute() {
				t.Fatalf("local clock %02d:%02d, want the start's %02d:%02d", hh, mm, c.start.Hour(), c.start.Minute())
			}
		})
	}
}

// TestCycleStartDSTShiftsUTCNotLocal: across DST the UTC instant moves by the
// offset change while the local time stays.
func TestCycleStartDSTShiftsUTCNotLocal(t *testing.T) {
	ny := zone(t, "America/New_York")
	berlin := zone(t, "Europe/Berlin")
	cases := []struct {
		name    string
		start   time.Time
		index   int
		wantUTC time.Time
	}{
		{"New York EST in February", time.Date(2026, 1, 15, 9, 0, 0, 0, ny), 1, time.Date(2026, 2, 15, 14, 0, 0, 0, time.UTC)},
		{"New York EDT in March", time.Date(2026, 1, 15, 9, 0, 0, 0, ny), 2, time.Date(2026, 3, 15, 13, 0, 0, 0, time.UTC)},
		{"New York EST again in November", time.Date(2026, 1, 15, 9, 0, 0, 0, ny), 10, time.Date(2026, 11, 15, 14, 0, 0, 0, time.UTC)},
		{"Berlin CET in March before DST", time.Date(2026, 1, 29, 10, 0, 0, 0, berlin), 1, time.Date(2026, 2, 28, 9, 0, 0, 0, time.UTC)},
		{"Berlin CEST on the DST day", time.Date(2026, 1, 29, 10, 0, 0, 0, berlin), 2, time.Date(2026, 3, 29, 8, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := CycleStart(c.start, c.index); !got.Equal(c.wantUTC) {
				t.Fatalf("got %v, want %v", got.UTC(), c.wantUTC)
			}
		})
	}
}

// TestCycleStartInDSTGap: a start clock time that the DST change skips stays
// on the right day and is back to normal the month after.
func TestCycleStartInDSTGap(t *testing.T) {
	ny := zone(t, "America/New_York")
	start := time.Date(2026, 1, 8, 2, 30, 0, 0, ny) // 8 Mar 2026 02:00-03:00 does not exist
	gap := CycleStart(start, 2)
	if y, m, d := gap.Date(); y != 2026 || m != 3 || d != 8 {
		t.Fatalf("gap boundary on %v, want 8 Mar 2026", gap)
	}
	prev, next := CycleStart(start, 1), CycleStart(start, 3)
	if !prev.Before(gap) || !gap.Before(next) {
		t.Fatalf("boundaries not increasing: %v %v %v", prev, gap, next)
	}
	if hh, mm, _ := next.Clock(); hh != 2 || mm != 30 {
		t.Fatalf("April boundary at %v, want 02:30", next)
	}
}

// TestCycleAtFindsTheHalfOpenSpan: a cycle includes its start and excludes its end.
func TestCycleAtFindsTheHalfOpenSpan(t *testing.T) {
	ny := zone(t, "America/New_York")
	start := time.Date(2025, 1, 31, 9, 0, 0, 0, ny)
	cases := []struct {
		name  string
		t     time.Time
		index int
	}{
		{"at the start", start, 0},
		{"a nanosecond before the first boundary", time.Date(2025, 2, 28, 9, 0, 0, 0, ny).Add(-1), 0},
		{"at the first boundary", time.Date(2025, 2, 28, 9, 0, 0, 0, ny), 1},
		{"1 March is still cycle 1", time.Date(2025, 3, 1, 0, 0, 0, 0, ny), 1},
		{"after DST, just before 31 Mar 09:00 EDT", time.Date(2025, 3, 31, 8, 59, 0, 0, ny), 1},
		{"31 Mar 09:00 EDT", time.Date(2025, 3, 31, 9, 0, 0, 0, ny), 2},
		{"given in UTC, same instant", time.Date(2025, 3, 31, 13, 0, 0, 0, time.UTC), 2},
		{"an hour earlier in UTC is cycle 1", time.Date(2025, 3, 31, 12, 0, 0, 0, time.UTC), 1},
		{"next year", time.Date(2026, 2, 1, 0, 0, 0, 0, ny), 12},
		{"before the start", start.Add(-time.Hour), -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			i, from, until := CycleAt(start, c.t)
			if i != c.index {
				t.Fatalf("index %d, want %d", i, c.index)
			}
			if c.t.Before(from) || !c.t.Before(until) {
				t.Fatalf("%v not in [%v, %v)", c.t, from, until)
			}
			if !from.Equal(CycleStart(start, i)) || !until.Equal(CycleStart(start, i+1)) {
				t.Fatalf("span [%v, %v) is not cycle %d", from, until, i)
			}
		})
	}
}
