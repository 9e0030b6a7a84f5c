//go:build bench

package backend_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain/keychaintest"
	"switchboard/db"
)

// These benchmarks run on a large database made by `switchboard demo`
// (tests/bench.sh): SWITCHBOARD_BENCH_DIR names its data directory.

func benchDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("SWITCHBOARD_BENCH_DIR")
	if dir == "" {
		tb.Fatal("SWITCHBOARD_BENCH_DIR is not set: run make bench")
	}
	return dir
}

func benchBackend(tb testing.TB) *backend.Backend {
	tb.Helper()
	b, err := backend.New(backend.Config{DataDir: benchDir(tb), Actor: "bench", Secrets: &keychaintest.Memory{}})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { b.Close() })
	return b
}

// benchFilters are the list view's filters, one at a time.
var benchFilters = map[string]backend.ListQuery{
	"all":             {},
	"active":          {Status: backend.StatusActive},
	"inactive":        {Status: backend.StatusInactive},
	"provider-retell": {Provider: "retell"},
	"provider-rare":   {Provider: "elevenlabs"},
	"provider-none":   {Provider: backend.ProviderNone},
}

var benchSearches = []string{"dental", "Harbor Roofing", "of tampa", "zzz-no-match", "Sol", "ac"}

func combos() []backend.ListQuery {
	var out []backend.ListQuery
	for _, k := range db.SubAccountSort.Keys() {
		for _, desc := range []bool{false, true} {
			for _, name := range slices.Sorted(func(yield func(string) bool) {
				for n := range benchFilters {
					if !yield(n) {
						return
					}
				}
			}) {
				q := benchFilters[name]
				q.Sort, q.Desc, q.Limit = string(k), desc, backend.DefaultPageSize
				out = append(out, q)
			}
		}
	}
	return out
}

func label(q backend.ListQuery) string {
	dir := "asc"
	if q.Desc {
		dir = "desc"
	}
	return fmt.Sprintf("sort=%s-%s/status=%s/provider=%s/search=%q", q.Sort, dir, q.Status, q.Provider, q.Search)
}

func BenchmarkListPage(b *testing.B) {
	be := benchBackend(b)
	for _, q := range combos() {
		b.Run(label(q), func(b *testing.B) {
			for b.Loop() {
				if _, err := be.SubAccounts.List(q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSearch(b *testing.B) {
	be := benchBackend(b)
	for _, s := range benchSearches {
		b.Run(s, func(b *testing.B) {
			for b.Loop() {
				if _, err := be.SubAccounts.List(backend.ListQuery{Search: s, Sort: "name", Limit: 100}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// median runs fn n times and returns the median duration.
func median(n int, fn func()) time.Duration {
	d := make([]time.Duration, n)
	for i := range d {
		start := time.Now()
		fn()
		d[i] = time.Since(start)
	}
	return medianOf(d)
}

// timedWhile times fn again and again until done is closed, one call every
// 20 ms (a reader's pace, not a wait for anything), and returns the times.
func timedWhile(done <-chan struct{}, fn func()) []time.Duration {
	var samples []time.Duration
	for {
		select {
		case <-done:
			return samples
		default:
			s := time.Now()
			fn()
			samples = append(samples, time.Since(s))
			time.Sleep(20 * time.Millisecond)
		}
	}
}

func medianOf(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	d = slices.Clone(d)
	slices.Sort(d)
	return d[len(d)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.3f", float64(d.Microseconds())/1000) }

// rawPage runs the same list and count SQL on the driver and scans the rows
// into plain variables: the floor for what the service can do.
func rawPage(tb testing.TB, store *db.Store, q backend.ListQuery) {
	p := db.ListSubAccountsParams{Sort: db.SortKey(q.Sort), Desc: q.Desc, Status: q.Status, Limit: q.Limit}
	if q.Provider == backend.ProviderNone {
		p.ProviderNone = true
	} else {
		p.Provider = q.Provider
	}
	query, args, err := db.ListSubAccountsSQL(p)
	if err != nil {
		tb.Fatal(err)
	}
	rows, err := store.SQL().Query(query, args...)
	if err != nil {
		tb.Fatal(err)
	}
	var id, created, updated int64
	var name, key, status, provider string
	var login, call, left, capacity, until, customerLogin *int64
	var loginAdmin string
	for rows.Next() {
		if err := rows.Scan(&id, &name, &key, &status, &provider, &login, &call, &created, &updated, &left, &capacity, &until,
			&loginAdmin, &customerLogin); err != nil {
			tb.Fatal(err)
		}
	}
	rows.Close()
	countSQL, countArgs := db.CountSubAccountsSQL(p)
	var n int64
	if err := store.SQL().QueryRow(countSQL, countArgs...).Scan(&n); err != nil {
		tb.Fatal(err)
	}
}

// TestBenchFigures prints the figures `make bench` reports.
func TestBenchFigures(t *testing.T) {
	be := benchBackend(t)
	spreadMinutesLeft(t, be.Store)
	const runs = 31
	var worst time.Duration
	var worstQ backend.ListQuery
	for _, q := range combos() {
		if d := median(runs, func() {
			if _, err := be.SubAccounts.List(q); err != nil {
				t.Fatal(err)
			}
		}); d > worst {
			worst, worstQ = d, q
		}
	}
	raw := median(runs, func() { rawPage(t, be.Store, worstQ) })
	service := median(runs, func() { be.SubAccounts.List(worstQ) })
	var searches []time.Duration
	for _, s := range benchSearches {
		d := median(runs, func() {
			if _, err := be.SubAccounts.List(backend.ListQuery{Search: s, Sort: "name", Limit: 100}); err != nil {
				t.Fatal(err)
			}
		})
		t.Logf("search %q: median %s ms", s, ms(d))
		searches = append(searches, d)
	}
	slices.Sort(searches)
	total, _ := be.Store.CountSubAccounts(context.Background())
	fmt.Printf("bench: list_rows %d rows\n", total)
	fmt.Printf("bench: list_page_worst_median_ms %s ms\n", ms(worst))
	fmt.Printf("bench: list_page_worst_case %s\n", label(worstQ))
	fmt.Printf("bench: list_page_raw_sqlite_ratio %.2f x\n", float64(service)/float64(raw))
	fmt.Printf("bench: search_median_ms %s ms\n", ms(searches[len(searches)/2]))
	fmt.Printf("bench: search_worst_median_ms %s ms\n", ms(searches[len(searches)-1]))
}

// spreadMinutesLeft gives two thirds of the copy's sub-accounts a license
// balance (the demo licenses only its first few), so the "Minutes left"
// sort is measured over many distinct values with no-license rows mixed in,
// as a reseller's list has them. The column is what a sync page or a grant
// writes; here it is set directly on the bench's copy of the database.
func spreadMinutesLeft(t *testing.T, store *db.Store) {
	t.Helper()
	_, err := store.SQL().Exec(`UPDATE sub_accounts SET minutes_left = (id * 7919) % 5000, minutes_capacity = 5000,
		license_valid_until = 1900000000000 + id WHERE id % 3 <> 0 AND minutes_left IS NULL`)
	if err != nil {
		t.Fatal(err)
	}
}
