// Package demo fills a database with realistic, deterministic demo data
// through the same services the window uses (sub-accounts through their
// batched path, as the CSV import), so that every row has its audit trail. The same count and seed always give the same names, statuses and
// providers; times are placed relative to the moment the data is made.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"switchboard/backend"
	"switchboard/db"
	"switchboard/db/gen"
)

// batch is how many sub-accounts are created per transaction, through the
// batched path the CSV import uses (SubAccountTx.CreateMany).
const batch = 1000

// Options control Fill.
type Options struct {
	Count int
	Seed  uint64
	// CallsPerAccount is the average number of synced calls a connected
	// sub-account gets (0: none).
	CallsPerAccount int
	// Progress, when set, is called after each batch with the number done.
	Progress func(done int)
	// Clock, when set, is the backend's clock: licenses then start weeks
	// ago and have usage (see addLicense).
	Clock *Clock
}

// Fill creates opts.Count sub-accounts with statuses, providers, last logins
// and last calls, then a plan catalog offered to the first of them and their
// published permission sets (see shape).
func Fill(ctx context.Context, b *backend.Backend, now time.Time, opts Options) error {
	if opts.Count < 1 {
		return backend.FieldError("count", "Count must be at least 1.")
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5b0a4d))
	names := newNamer(rng)
	for done := 0; done < opts.Count; {
		n := min(batch, opts.Count-done)
		var calls []db.CallRow
		err := b.Store.InTx(ctx, func(tx *db.Tx) error {
			batch := make([]backend.NewSubAccount, n)
			for i := range batch {
				batch[i] = backend.NewSubAccount{Name: names.next()}
			}
			rows, err := b.SubAccountTx.CreateMany(ctx, tx, batch)
			if err != nil {
				return err
			}
			for _, row := range rows {
				// Some were disabled since, as the admin does it (audited "Disabled").
				if rng.IntN(100) < 18 {
					if _, err := b.SubAccountTx.SetStatus(ctx, tx, row.ID, backend.StatusInactive); err != nil {
						return err
					}
				}
				if err := one(ctx, tx, rng, row, now, opts.CallsPerAccount, &calls); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil && len(calls) > 0 {
			err = b.Store.InTx(ctx, func(tx *db.Tx) error {
				if err := b.StoreCalls(ctx, tx, calls); err != nil {
					return err
				}
				for _, id := range uniqueSubAccounts(calls) {
					if err := tx.RefreshLastCall(ctx, id); err != nil {
						return err
					}
				}
				return nil
			})
		}
		if err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		done += n
		if opts.Progress != nil {
			opts.Progress(done)
		}
	}
	if err := shape(ctx, b, rng, now, opts.Clock); err != nil {
		return fmt.Errorf("demo data: %w", err)
	}
	return nil
}

// one gives a new sub-account its provider, activity and sign-in.
func one(ctx context.Context, q *db.Tx, rng *rand.Rand, row gen.SubAccount, now time.Time, avgCalls int, calls *[]db.CallRow) error {
	provider := ""
	if rng.IntN(100) >= 12 { // most are connected
		provider = providerWeights[rng.IntN(len(providerWeights))]
	}
	var lastLogin, lastCall *int64
	if rng.IntN(100) >= 8 {
		lastLogin = ago(now, rng, 45*24*time.Hour)
	}
	if provider != "" && avgCalls == 0 && rng.IntN(100) >= 10 {
		lastCall = ago(now, rng, 20*24*time.Hour)
	}
	if err := q.SetSubAccountActivity(ctx, gen.SetSubAccountActivityParams{
		Provider: provider, LastCallAt: lastCall, UpdatedAt: now.UnixMilli(), ID: row.ID,
	}); err != nil {
		return err
	}
	if lastLogin != nil { // the customer's own sign-in, as its platform reports it
		if err := q.AddSignIn(ctx, gen.AddSignInParams{SubAccountID: row.ID, UserEmail: "owner@" + emailDomain(row.Name),
			At: *lastLogin, Via: "customer"}); err != nil {
			return err
		}
	}
	if provider == "" {
		return nil
	}
	return connect(ctx, q, rng, row.ID, provider, now, avgCalls, calls)
}

func uniqueSubAccounts(calls []db.CallRow) []int64 {
	var ids []int64
	for i, c := range calls {
		if i == 0 || *c.SubAccountID != *calls[i-1].SubAccountID {
			ids = append(ids, *c.SubAccountID)
		}
	}
	return ids
}

// providerWeights makes the larger platforms more common.
var providerWeights = []string{
	"retell", "retell", "retell", "vapi", "vapi", "vapi", "bland", "bland",
	"twilio", "twilio", "telnyx",
}

// ago returns a time up to max before now, skewed towards recent.
func ago(now time.Time, rng *rand.Rand, max time.Duration) *int64 {
	f := rng.Float64()
	ms := now.Add(-time.Duration(f * f * float64(max))).UnixMilli()
	return &ms
}
