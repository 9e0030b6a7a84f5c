//go:build bench

package backend_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"switchboard/backend"
)

// TestBenchBulkFigures prints the bulk figures on the bench database: every
// sub-account disabled through "Select all matching" (batches of 1,000, one
// transaction and one audit entry each), and the whole list exported as CSV.
func TestBenchBulkFigures(t *testing.T) {
	be := benchBackend(t)
	all := backend.Selection{All: true}
	// Untimed: every sub-account active, so that the timed run changes all of them.
	if _, err := be.Bulk.Run(backend.BulkInput{Action: backend.BulkEnable, Selection: all}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := be.Bulk.Run(backend.BulkInput{Action: backend.BulkDisable, Selection: all})
	took := time.Since(start)
	if err != nil || res.Failed || res.Changed != res.Total {
		t.Fatalf("disable: %+v %v", res, err)
	}
	fmt.Printf("bench: bulk_disable_%dk_s %.2f s (%d sub-accounts, each audited)\n", res.Total/1000, took.Seconds(), res.Changed)
	if _, err := be.Bulk.Run(backend.BulkInput{Action: backend.BulkEnable, Selection: all}); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	rows, err := backend.ExportSubAccounts(t.Context(), be.Store, filepath.Join(t.TempDir(), "list.csv"),
		backend.Selection{All: true, Query: backend.ListQuery{Sort: "lastCall", Desc: true}}, func(backend.ExportProgress) {})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("bench: list_export_%dk_s %.2f s (sorted by last call)\n", rows/1000, time.Since(start).Seconds())
}
