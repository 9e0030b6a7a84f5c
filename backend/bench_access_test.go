//go:build bench

package backend_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain/keychaintest"
	"switchboard/db"
)

// accessCalls is how many calls the Access Account benchmark's sub-account has.
const accessCalls = 100_000

// TestBenchAccessFigures prints access_open_ms: opening Access Account on a
// licensed sub-account with 100,000 calls this cycle (Open, then View with
// the dashboard's figures and usage chart), median of 21, on the bench
// database (100,000 sub-accounts).
func TestBenchAccessFigures(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	clock := &benchClock{}
	clock.set(now.Add(-2 * 24 * time.Hour)) // the license starts before the calls
	be, err := backend.New(backend.Config{DataDir: benchDir(t), Actor: "bench", Now: clock.now, Secrets: &keychaintest.Memory{}})
	if err != nil {
		t.Fatal(err)
	}
	defer be.Close()
	sub := mustCreate(t, be, fmt.Sprintf("Access bench %d", now.UnixNano()))
	mustUser(t, be, userIn(sub.ID, "Ann Admin", "ann@bench.example", backend.RoleAdmin, "America/New_York"))
	if _, err := be.Licenses.AddToLicense(sub.ID, backend.LicenseAddition{ValidUntil: now.AddDate(1, 0, 0).Format(time.DateOnly),
		FreeMinutes: 1000, AddOnMinutes: 9_000_000}); err != nil {
		t.Fatal(err)
	}
	clock.set(now)
	calls := make([]db.CallRow, accessCalls)
	for i := range calls {
		start := now.Add(-time.Duration(accessCalls-i) * time.Second).UnixMilli() // the last 28 hours
		calls[i] = db.CallRow{SubAccountID: &sub.ID, Provider: "retell", ProviderCallID: fmt.Sprintf("acc_%d", i), Direction: "in",
			Status: "completed", StartedAt: start, DurationS: int64(30 + i%600)}
	}
	if err := be.Store.InTx(ctx, func(tx *db.Tx) error { return be.StoreCalls(ctx, tx, calls) }); err != nil {
		t.Fatal(err)
	}
	var figures backend.CustomerView
	d := median(21, func() {
		s, err := be.Access.Open(backend.AccessInput{SubAccountID: sub.ID})
		if err != nil {
			t.Fatal(err)
		}
		if figures, err = be.Access.View(s.ID); err != nil {
			t.Fatal(err)
		}
	})
	be.Access.Close()
	if figures.Dashboard.CallsThisCycle == 0 {
		t.Fatalf("dashboard without calls: %+v", figures.Dashboard)
	}
	fmt.Printf("bench: access_open_ms %s ms (Open and View, %d calls this cycle)\n", ms(d), figures.Dashboard.CallsThisCycle)
}
