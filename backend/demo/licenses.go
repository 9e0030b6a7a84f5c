package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"switchboard/backend"
	"switchboard/db"
)

// demoRemarks are the internal remarks of the demo's license additions.
var demoRemarks = []string{
	"Annual renewal, invoice INV-2041",
	"Goodwill minutes after the October outage",
	"Upgrade to the Growth bundle",
	"Trial extended by sales",
	"Top-up requested by the customer's admin",
}

// Clock is the demo backend's clock: the real time, or a moment in the past
// while the demo starts a license weeks ago, so that its ledger has closed
// cycles, expiries and usage to show.
type Clock struct {
	mu sync.Mutex
	at time.Time
}

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.at.IsZero() {
		return time.Now()
	}
	return c.at
}

func (c *Clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = t
}

// addLicense gives the i-th shaped sub-account a license with one to three
// additions: a validity a year or so ahead, then free and add-on minutes.
// Every seventh has none, so the empty state shows too. With a clock the
// license starts 35 to 55 days ago, its additions a week apart, and the
// sub-account then syncs calls made since: the earlier cycle's come late,
// as after days offline.
func addLicense(b *backend.Backend, rng *rand.Rand, id int64, i int, now time.Time, clock *Clock) error {
	if i%7 == 5 {
		return nil
	}
	start := now
	if clock != nil {
		start = now.Add(-time.Duration(35+rng.IntN(20)) * 24 * time.Hour)
	}
	until := now.AddDate(0, 3+rng.IntN(10), 0)
	additions := []backend.LicenseAddition{{
		ValidUntil: until.Format(time.DateOnly), FreeMinutes: int64(100 * (1 + rng.IntN(4))),
		Remarks: demoRemarks[rng.IntN(len(demoRemarks))],
	}}
	for k := 0; k < i%3; k++ {
		add := backend.LicenseAddition{AddOnMinutes: int64(250 * (1 + rng.IntN(8))), Remarks: demoRemarks[rng.IntN(len(demoRemarks))]}
		if k == 1 {
			until = until.AddDate(1, 0, 0)
			add.ValidUntil = until.Format(time.DateOnly)
		}
		additions = append(additions, add)
	}
	for k, a := range additions {
		if clock != nil {
			clock.set(start.Add(time.Duration(k) * 7 * 24 * time.Hour))
		}
		if _, err := b.Licenses.AddToLicense(id, a); err != nil {
			return fmt.Errorf("license of %d: %w", id, err)
		}
	}
	if clock == nil {
		return nil
	}
	clock.set(time.Time{})
	return licensedCalls(b, rng, id, start, now)
}

// licensedCalls stores 20 to 60 calls made since the license started, as a
// sync does (each charged to the license).
func licensedCalls(b *backend.Backend, rng *rand.Rand, id int64, start, now time.Time) error {
	ctx := context.Background()
	sub, err := b.Store.GetSubAccountByID(ctx, id)
	if err != nil {
		return err
	}
	p := sub.Provider
	if p == "" {
		p = "retell"
	}
	span := now.Add(-time.Hour).Sub(start)
	var calls []db.CallRow
	for k := range 20 + rng.IntN(40) {
		c := demoCall(rng, id, p, k, now)
		c.ProviderCallID = fmt.Sprintf("demo-lic-%d-%d", id, k)
		c.StartedAt = start.Add(time.Duration(rng.Int64N(int64(span)))).UnixMilli()
		end := c.StartedAt + c.DurationS*1000
		c.EndedAt = &end
		calls = append(calls, c)
	}
	return b.Store.InTx(ctx, func(tx *db.Tx) error {
		if err := b.StoreCalls(ctx, tx, calls); err != nil {
			return err
		}
		return tx.RefreshLastCall(ctx, id)
	})
}
