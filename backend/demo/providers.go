package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"switchboard/db"
	"switchboard/db/gen"
)

// notVerified is the state of every demo connection: demo data writes nothing
// to the keychain, so there is no secret to check until the admin saves one.
const notVerified = "not_verified"

// connect gives a sub-account a provider connection (non-secret settings
// only), a sync state, sometimes a concurrency split, and synced calls.
// The calls are appended to calls; the caller stores them with its batch.
func connect(ctx context.Context, q *db.Tx, rng *rand.Rand, id int64, provider string, now time.Time, avgCalls int, calls *[]db.CallRow) error {
	ms := now.UnixMilli()
	if _, err := q.UpsertProviderConnection(ctx, gen.UpsertProviderConnectionParams{
		SubAccountID: id, Provider: provider, Settings: demoSettings(rng, provider), State: notVerified,
		StateReason: "Demo data: save real credentials to connect.", CreatedAt: ms, UpdatedAt: ms,
		Accepted: 1, // demo accounts have synced calls: their provider accepted them once
	}); err != nil {
		return err
	}
	if err := q.EnsureSyncState(ctx, id); err != nil {
		return err
	}
	if rng.IntN(100) < 70 {
		if err := q.SetAutoSync(ctx, gen.SetAutoSyncParams{AutoSync: 1, SubAccountID: id}); err != nil {
			return err
		}
	}
	if rng.IntN(100) < 40 {
		limit := int64(5 + rng.IntN(46))
		outbound := rng.Int64N(limit + 1)
		if _, err := q.UpsertConcurrencySettings(ctx, gen.UpsertConcurrencySettingsParams{
			SubAccountID: id, LimitTotal: &limit, LimitSource: "manual", Outbound: outbound, UpdatedAt: ms,
		}); err != nil {
			return err
		}
	}
	if avgCalls == 0 {
		return nil
	}
	n := rng.IntN(2*avgCalls + 1)
	if n == 0 {
		return nil
	}
	synced := now.Add(-time.Duration(rng.IntN(300)) * time.Minute)
	for i := range n { // every call before the last sync
		*calls = append(*calls, demoCall(rng, id, provider, i, synced))
	}
	at := synced.UnixMilli()
	return q.FinishSyncRun(ctx, gen.FinishSyncRunParams{At: &at, SubAccountID: id})
}

func demoSettings(rng *rand.Rand, provider string) string {
	switch provider {
	case "twilio":
		return fmt.Sprintf(`{"accountSid":"AC%016x%016x"}`, rng.Uint64(), rng.Uint64())
	case "telnyx":
		return fmt.Sprintf(`{"accountSid":"demo-%08x"}`, rng.Uint32())
	}
	return "{}"
}

var (
	directions = []string{"in", "in", "out", "out", "out", "web"}
	statuses   = []string{"completed", "completed", "completed", "completed", "no_answer", "busy", "failed"}
)

// demoCall is one call of the 30 days before until: a few minutes long,
// costing around 10 US cents a minute.
func demoCall(rng *rand.Rand, id int64, provider string, i int, until time.Time) db.CallRow {
	start := until.Add(-time.Hour - time.Duration(rng.Int64N(int64(30*24*time.Hour)))).UnixMilli()
	status := statuses[rng.IntN(len(statuses))]
	dur := int64(0)
	if status == "completed" {
		dur = 20 + rng.Int64N(600)
	}
	end := start + dur*1000
	c := db.CallRow{
		SubAccountID: &id, Provider: provider, ProviderCallID: fmt.Sprintf("demo-%d-%d", id, i),
		Direction: directions[rng.IntN(len(directions))], Status: status, StatusRaw: status,
		StartedAt: start, EndedAt: &end, DurationS: dur, CostMicros: dur * (80_000 + rng.Int64N(50_000)) / 60, Currency: "USD",
	}
	if c.Direction != "web" {
		c.FromNumber = fmt.Sprintf("+1%03d555%04d", 200+rng.IntN(700), rng.IntN(10000))
		c.ToNumber = fmt.Sprintf("+1%03d555%04d", 200+rng.IntN(700), rng.IntN(10000))
	}
	return c
}
