package license

import (
	"testing"
	"time"
)

// TestValidityStates: expired from the validity instant on; expiring soon
// within 7 days before it.
func TestValidityStates(t *testing.T) {
	until := at(6, 30, 12, 0)
	cases := []struct {
		name              string
		now               time.Time
		expired, expiring bool
	}{
		{"well before", at(6, 1, 0, 0), false, false},
		{"8 days before", until.Add(-8 * 24 * time.Hour), false, false},
		{"exactly 7 days before", until.Add(-7 * 24 * time.Hour), false, true},
		{"an hour before", until.Add(-time.Hour), false, true},
		{"at the instant", until, true, false},
		{"after", until.Add(time.Hour), true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := Replay(Terms{Start: jan1, ValidUntil: until}, nil, nil, c.now)
			if st.Now.Expired != c.expired || st.Now.ExpiringSoon != c.expiring || !st.Now.ValidUntil.Equal(until) {
				t.Fatalf("now %+v", st.Now)
			}
		})
	}
	extended := Replay(Terms{Start: jan1, ValidUntil: until}, []Grant{{At: at(6, 29, 0, 0), ValidUntil: tp(until.AddDate(1, 0, 0))}}, nil, until)
	if extended.Now.Expired || extended.Now.ExpiringSoon || len(entriesOf(extended, KindGrantValidity)) != 1 {
		t.Fatalf("extended: %+v", extended.Now)
	}
}

// TestNowFiguresForTheOpenCycle: used minutes count only calls of the
// current cycle.
func TestNowFiguresForTheOpenCycle(t *testing.T) {
	grants := []Grant{{At: jan1, FreePerCycle: 100, AddOn: 20}}
	calls := []Call{call("jan", at(1, 5, 0, 0), 50), call("feb", at(2, 5, 0, 0), 30), call("feb2", at(2, 6, 0, 0), 5)}
	st := Replay(terms(), grants, calls, at(2, 10, 0, 0))
	n := st.Now
	if n.Cycle != 1 || !n.CycleFrom.Equal(at(2, 1, 0, 0)) || !n.CycleUntil.Equal(at(3, 1, 0, 0)) ||
		n.UsedThisCycle != 35 || n.FreeLeft != 65 || n.AddOnLeft != 20 || n.FreePerCycle != 100 {
		t.Fatalf("now %+v", n)
	}
}

// TestForecastAtLast30DaysRate: the day minutes run out if calls go on at the
// last 30 days' rate, with free minutes renewing each cycle.
func TestForecastAtLast30DaysRate(t *testing.T) {
	day := 24 * time.Hour
	tenADay := func(from time.Time, days int) []Call { // 10 minutes a day
		var cs []Call
		for i := 0; i < days; i++ {
			cs = append(cs, call(from.Add(time.Duration(i)*day).Format("c0102"), from.Add(time.Duration(i)*day), 10))
		}
		return cs
	}
	cases := []struct {
		name   string
		grants []Grant
		calls  []Call
		now    time.Time
		want   *time.Time // nil: never
	}{
		{"no usage: no forecast", []Grant{{At: jan1, AddOn: 100}}, nil, at(1, 31, 0, 0), nil},
		{"add-on only: 300 left at 10 a day", []Grant{{At: jan1, AddOn: 600}}, tenADay(jan1, 30), at(1, 31, 0, 0), tp(at(3, 2, 0, 0))},
		{"free minutes cover the rate: never", []Grant{{At: jan1, FreePerCycle: 1000}}, tenADay(jan1, 30), at(1, 31, 0, 0), nil},
		{"free minutes renew, then run out mid-cycle", []Grant{{At: jan1, FreePerCycle: 100}}, tenADay(at(1, 2, 0, 0), 30), at(2, 1, 0, 0), tp(at(2, 11, 0, 0))},
		{"already run out", []Grant{{At: jan1, AddOn: 100}}, tenADay(jan1, 20), at(1, 25, 0, 0), tp(at(1, 25, 0, 0))},
		{"a younger license uses its own age", []Grant{{At: jan1, AddOn: 200}}, tenADay(jan1, 10), at(1, 11, 0, 0), tp(at(1, 21, 0, 0))},
		{"whole seconds, rounded up", []Grant{{At: jan1, AddOn: 8}}, []Call{call("x", at(1, 2, 0, 0), 7)}, at(1, 31, 0, 0),
			tp(at(1, 31, 0, 0).Add(370286 * time.Second))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := Replay(terms(), c.grants, c.calls, c.now)
			got := st.Now.Forecast
			switch {
			case c.want == nil && got != nil:
				t.Fatalf("forecast %v, want none", got)
			case c.want != nil && (got == nil || !got.Equal(*c.want)):
				t.Fatalf("forecast %v, want %v", got, c.want)
			}
		})
	}
}
