package license

import "time"

// RateWindow is how far back the forecast looks for its usage rate.
const RateWindow = 30 * 24 * time.Hour

// forecastCycles bounds how far ahead the forecast looks (ten years).
const forecastCycles = 120

// WindowStart is where the forecast's rate window begins: 30 days before
// now, or the start when the license is younger.
func WindowStart(start, now time.Time) time.Time {
	if w := now.Add(-RateWindow); w.After(start) {
		return w
	}
	return start
}

// Forecast returns when the minutes run out if calls go on at the rate of the
// last 30 days (used minutes over the window from windowStart to now): each
// future cycle opens with the current free allowance, which is used before
// the add-on minutes. It uses integer seconds and minutes only (balances up
// to about 10^12 minutes). It returns nil when there was no usage in the
// window or the minutes last beyond ten years.
func Forecast(start, now time.Time, used int64, bal Balance, allowance int64) *time.Time {
	window := int64(now.Sub(WindowStart(start, now)) / time.Second)
	if window <= 0 || used <= 0 {
		return nil
	}
	// Minutes are scaled by window so a cycle's share of a minute carries into
	// the next: consuming for s seconds takes used*s scaled minutes.
	w := window
	t, free, addOn := now, bal.Free*w, bal.AddOn*w
	i, _, _ := CycleAt(start, now)
	for n := 0; n < forecastCycles; n++ {
		until := CycleStart(start, i+1)
		need := used * int64(until.Sub(t)/time.Second)
		if avail := free + addOn; need >= avail {
			s := (avail + used - 1) / used // the smallest s with used*s ≥ avail
			out := t.Add(time.Duration(s) * time.Second)
			return &out
		}
		addOn -= need - min(need, free)
		t, free = until, allowance*w
		i++
	}
	return nil
}

// usedIn sums the minutes of the calls that started in [from, to) and were
// known by to, each call counted once at its largest known duration.
func usedIn(calls []Call, from, to time.Time) int64 {
	most := map[string]int64{}
	for _, c := range calls {
		if c.StartedAt.Before(from) || !c.StartedAt.Before(to) || learnedAt(c).After(to) {
			continue
		}
		if m := Minutes(c.DurationSec); m > most[c.ID] {
			most[c.ID] = m
		}
	}
	var sum int64
	for _, m := range most {
		sum += m
	}
	return sum
}
