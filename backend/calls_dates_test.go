package backend

import (
	"testing"
	"time"
)

func TestDayRangeFollowsTheCalendarOfTheZone(t *testing.T) {
	ms := func(s string) int64 {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v.UnixMilli()
	}
	tests := []struct {
		name, from, to, zone string
		since, until         string
	}{
		{"UTC when no zone", "2026-03-01", "2026-03-01", "", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"},
		{"a zone east of UTC", "2026-03-02", "2026-03-02", "Pacific/Noumea", "2026-03-01T13:00:00Z", "2026-03-02T13:00:00Z"},
		{"a zone west of UTC", "2026-03-01", "2026-03-01", "America/New_York", "2026-03-01T05:00:00Z", "2026-03-02T05:00:00Z"},
		// Berlin moves its clocks forward on 29 March 2026: that day has 23 hours.
		{"a 23-hour day", "2026-03-29", "2026-03-29", "Europe/Berlin", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"},
		// ...and back on 25 October: 25 hours.
		{"a 25-hour day", "2026-10-25", "2026-10-25", "Europe/Berlin", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"},
		// São Paulo skipped midnight on 4 November 2018: the day began at 01:00 (-02:00).
		{"a skipped midnight", "2018-11-04", "2018-11-03", "America/Sao_Paulo", "2018-11-04T03:00:00Z", "2018-11-04T03:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := Validation{}
			since, until := dayRange(tc.from, tc.to, tc.zone, v)
			if tc.name == "a skipped midnight" { // the range is empty: only its bounds are checked
				delete(v, "toDate")
			}
			if len(v) > 0 || since == nil || until == nil {
				t.Fatalf("errors %v, since %v, until %v", v, since, until)
			}
			if *since != ms(tc.since) || *until != ms(tc.until) {
				t.Errorf("got %s .. %s, want %s .. %s", time.UnixMilli(*since).UTC().Format(time.RFC3339),
					time.UnixMilli(*until).UTC().Format(time.RFC3339), tc.since, tc.until)
			}
		})
	}
}

func TestDayRangeRefusesBadInput(t *testing.T) {
	for field, in := range map[string][3]string{
		"fromDate": {"03/01/2026", "", ""},
		"toDate":   {"2026-03-02", "2026-03-01", "UTC"},
		"timeZone": {"2026-03-01", "", "Not/AZone"},
	} {
		v := Validation{}
		dayRange(in[0], in[1], in[2], v)
		if v[field] == "" || len(v) != 1 {
			t.Errorf("%s: errors %v", field, v)
		}
	}
}
