//go:build bench

package backend_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"switchboard/backend"
)

// bulkTargets is how many sub-accounts the bulk publish reaches.
const bulkTargets = 10_000

// benchSubAccountIDs returns the ids of the first n sub-accounts of the
// bench database, creating what is missing (a small database also serves).
func benchSubAccountIDs(t testing.TB, b *backend.Backend, n int) []int64 {
	t.Helper()
	rows, err := b.Store.SQL().Query("SELECT id FROM sub_accounts ORDER BY id LIMIT ?", n)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	if missing := n - len(ids); missing > 0 {
		ids = append(ids, createMany(t, b, missing)...)
	}
	return ids
}

// benchSets are the two sets the source alternates between, so that every
// timed run changes all of its targets (the demo data never hides these
// nodes, so no target already has either set).
var benchSets = [][]string{{"phone_numbers", "call_logs.recordings"}, {"billing.plans", "call_logs.transcripts"}}

// publishBenchSet makes the source's published set benchSets[i].
func publishBenchSet(t testing.TB, b *backend.Backend, source int64, i int) {
	t.Helper()
	for _, node := range b.Permissions.Tree() {
		if _, err := b.Permissions.SetVisible(source, node.Key, true); err != nil {
			t.Fatal(err)
		}
	}
	for _, key := range benchSets[i] {
		if _, err := b.Permissions.SetVisible(source, key, false); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Permissions.Publish(source); err != nil {
		t.Fatal(err)
	}
}

// TestBenchPermissionFigures prints the permission figures: publishing one
// sub-account's set to 10,000 others (one transaction, a version and an
// audit entry each), a page of drift from the default, and the Access
// Account check, warm and cold.
func TestBenchPermissionFigures(t *testing.T) {
	be := benchBackend(t)
	ids := benchSubAccountIDs(t, be, bulkTargets+1)
	source, targets := ids[0], ids[1:]
	var runs []time.Duration
	for i := range 3 {
		publishBenchSet(t, be, source, i%2)
		start := time.Now()
		res, err := be.Permissions.ApplyToOthers(source, backend.ApplyInput{IDs: targets})
		runs = append(runs, time.Since(start))
		if err != nil || res.Applied != bulkTargets {
			t.Fatalf("apply: %+v %v", res, err)
		}
	}
	fmt.Printf("bench: bulk_publish_10k_ms %s ms\n", ms(medianOf(runs)))
	drift := median(5, func() {
		if _, err := be.Permissions.Drift(backend.DriftQuery{}); err != nil {
			t.Fatal(err)
		}
	})
	fmt.Printf("bench: permission_drift_page_ms %s ms (first page, every sub-account compared)\n", ms(drift))

	keys := leafAndMenuKeys(be)
	rng := rand.New(rand.NewPCG(3, 5))
	// Cold: the first check of each sub-account reads its published set.
	var cold []time.Duration
	for _, id := range targets[:1000] {
		key := keys[rng.IntN(len(keys))]
		start := time.Now()
		if _, err := be.Permissions.IsVisible(id, key); err != nil {
			t.Fatal(err)
		}
		cold = append(cold, time.Since(start))
	}
	// Warm: the checks a session makes again and again.
	var warm []time.Duration
	for range 20_000 {
		id, key := targets[rng.IntN(1000)], keys[rng.IntN(len(keys))]
		start := time.Now()
		if _, err := be.Permissions.IsVisible(id, key); err != nil {
			t.Fatal(err)
		}
		warm = append(warm, time.Since(start))
	}
	fmt.Printf("bench: permission_check_us %.2f us\n", float64(medianOf(warm).Nanoseconds())/1000)
	fmt.Printf("bench: permission_check_cold_us %.2f us (first check of a sub-account: reads the database)\n",
		float64(medianOf(cold).Nanoseconds())/1000)
}

func leafAndMenuKeys(b *backend.Backend) []string {
	var keys []string
	for _, m := range b.Permissions.Tree() {
		keys = append(keys, m.Key)
		for _, f := range m.Children {
			keys = append(keys, f.Key)
		}
	}
	return keys
}

func BenchmarkPermissionIsVisible(b *testing.B) {
	be := benchBackend(b)
	ids := benchSubAccountIDs(b, be, 100)
	keys := leafAndMenuKeys(be)
	i := 0
	for b.Loop() {
		if _, err := be.Permissions.IsVisible(ids[i%len(ids)], keys[i%len(keys)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
