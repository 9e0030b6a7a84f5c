//go:build bench

package backend_test

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/db"
	"switchboard/db/gen"
)

// auditRows is how many entries the audit benchmarks read.
var auditRows = int64(envInt("SWITCHBOARD_BENCH_AUDIT", 1_000_000))

// fillAuditTo appends realistic entries (the sub-accounts' own names, the
// areas' actions, some under an access session) until the log holds n.
func fillAuditTo(t *testing.T, b *backend.Backend, n int64) {
	ctx := context.Background()
	have, err := b.Store.CountAuditEntries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if have >= n {
		return
	}
	rows, err := b.Store.SQL().Query("SELECT id, name FROM sub_accounts ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	type ref struct {
		id   int64
		name string
	}
	var subs []ref
	for rows.Next() {
		var r ref
		rows.Scan(&r.id, &r.name)
		subs = append(subs, r)
	}
	rows.Close()
	rng := rand.New(rand.NewPCG(7, 11))
	actions := []struct{ code, summary string }{
		{"sub_account.disable", "Disabled: users can no longer sign in"},
		{"sub_account.enable", "Enabled: users can sign in"},
		{"provider.save", "Saved Retell AI credentials: Connected"},
		{"concurrency.save", "Concurrent calls: limit 20 (entered), 12 outbound, 8 reserved for inbound"},
		{"provider.disconnect", "Removed Vapi: credentials, settings, sync state and concurrency settings; 1204 past calls kept"},
	}
	actors := []string{"dana", "lee", "morgan", "sam"}
	start := time.Now()
	for have < n {
		batch := min(n-have, 20_000)
		err := b.Store.InTx(ctx, func(tx *db.Tx) error {
			for range batch {
				a := actions[rng.IntN(len(actions))]
				row := gen.CreateAuditEntryParams{At: 1_700_000_000_000 + have*1000, Actor: actors[rng.IntN(len(actors))],
					Action: a.code, Summary: a.summary}
				if rng.IntN(10) > 0 {
					s := subs[rng.IntN(len(subs))]
					row.SubAccountID, row.SubAccountName = &s.id, s.name
				} else {
					row.SubjectKind, row.SubjectID, row.SubjectName = "plan", fmt.Sprint(rng.IntN(40)), fmt.Sprintf("Plan %d", rng.IntN(40))
					row.Action, row.Summary = "plan.save", "Price changed to 49.00 USD a month"
				}
				if rng.IntN(50) == 0 {
					row.AsUser, row.AccessSessionID = "owner@customer.example", ptr(int64(rng.IntN(500)+1))
				}
				if err := tx.CreateAuditEntry(ctx, row); err != nil {
					return err
				}
				have++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	fmt.Printf("bench: audit_fill_s %.1f s\n", time.Since(start).Seconds())
}

// TestBenchAuditFigures prints the audit log figures: searches and pages
// (the newest, deep ones, the oldest, and back) at a million entries, with
// the OFFSET paging it replaced as the comparator.
func TestBenchAuditFigures(t *testing.T) {
	be := benchBackend(t)
	fillAuditTo(t, be, auditRows)
	const runs = 31
	total, _ := be.Store.CountAuditEntries(context.Background())
	fmt.Printf("bench: audit_rows %d rows\n", total)

	list := func(q backend.AuditQuery) backend.AuditPage {
		p, err := be.Audit.List(q)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	searches := []string{"dental", "Harbor Roofing", "credentials", "owner@customer", "Plan 3", "zzz-no-match"}
	var medians []time.Duration
	for _, s := range searches {
		d := median(runs, func() { list(backend.AuditQuery{Search: s}) })
		fmt.Printf("bench: audit_search_case_ms %s ms (%q: %d matches counted)\n", ms(d), s, list(backend.AuditQuery{Search: s}).Total)
		medians = append(medians, d)
	}
	slices.Sort(medians)
	fmt.Printf("bench: audit_search_median_ms %s ms\n", ms(medians[len(medians)/2]))
	fmt.Printf("bench: audit_search_worst_median_ms %s ms\n", ms(medians[len(medians)-1]))
	short := median(5, func() { list(backend.AuditQuery{Search: "da"}) })
	fmt.Printf("bench: audit_search_two_chars_ms %s ms (a scan: the trigram index needs three)\n", ms(short))

	newest := list(backend.AuditQuery{})
	oldest := list(backend.AuditQuery{Oldest: true})
	middle := newest.Items[0].ID / 2
	pages := map[string]backend.AuditQuery{
		"newest":       {},
		"deep":         {Before: middle},
		"oldest":       {Oldest: true},
		"last-by-next": {Before: oldest.Items[len(oldest.Items)-1].ID + 50},
		"back":         {After: middle},
		"sub-account":  {SubAccountID: newest.Items[0].SubAccountID + 1},
	}
	var worst time.Duration
	var worstName string
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for n := range pages {
			if !yield(n) {
				return
			}
		}
	}) {
		q := pages[name]
		if d := median(runs, func() { list(q) }); d > worst {
			worst, worstName = d, name
		}
	}
	fmt.Printf("bench: audit_page_median_ms %s ms (worst page: %s)\n", ms(worst), worstName)
	deep := median(runs, func() { list(backend.AuditQuery{Search: "credentials", Before: middle}) })
	fmt.Printf("bench: audit_search_deep_page_ms %s ms (a page in the middle of a search's matches, count included)\n", ms(deep))
	// The comparator: the last page read with OFFSET, as the log was paged before.
	offset := median(5, func() {
		rows, err := be.Store.SQL().Query("SELECT id, summary FROM audit_log ORDER BY id DESC LIMIT 100 OFFSET ?", total-100)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
		}
		rows.Close()
	})
	fmt.Printf("bench: audit_page_offset_last_ms %s ms (OFFSET paging, for comparison)\n", ms(offset))
}

// TestBenchAuditFill tops the bench database's audit log up to a million
// entries; tests/bench.sh runs it once when it builds its cached database.
func TestBenchAuditFill(t *testing.T) {
	fillAuditTo(t, benchBackend(t), auditRows)
}

// TestBenchAuditFilterFigures prints the filters' figures at a million
// entries: each filter alone (its page with its count, newest and deep),
// the worst median of them, a filter with a search, the facets against the
// DISTINCT they replace, and the CSV export's speed over the whole log.
func TestBenchAuditFilterFigures(t *testing.T) {
	be := benchBackend(t)
	fillAuditTo(t, be, auditRows)
	const runs = 31
	ctx := context.Background()
	// The ranges: a day from the time of the middle entry, and the first day.
	var lo, mid, maxID int64
	sqlDB := be.Store.SQL()
	if err := sqlDB.QueryRow("SELECT min(at), max(id) FROM audit_log").Scan(&lo, &maxID); err != nil {
		t.Fatal(err)
	}
	if err := sqlDB.QueryRow("SELECT at FROM audit_log WHERE id >= ? ORDER BY id LIMIT 1", maxID/2).Scan(&mid); err != nil {
		t.Fatal(err)
	}
	iso := func(ms int64) string { return time.UnixMilli(ms).UTC().Format(time.RFC3339) }
	day := int64(24 * time.Hour / time.Millisecond)
	list := func(q backend.AuditQuery) backend.AuditPage {
		p, err := be.Audit.List(q)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	filters := map[string]backend.AuditQuery{
		"actor":            {Actor: "lee"},
		"as-user":          {AsUser: "owner@customer.example"},
		"outside-sessions": {AsUser: backend.OutsideSessions},
		"action":           {Action: "provider.save"},
		"action-rare":      {Action: "plan.save"},
		"session":          {AccessSessionID: 77},
		"day":              {From: iso(mid), To: iso(mid + day)},
		"from":             {From: iso(mid)},
		"to":               {To: iso(lo + day)},
		"actor-deep":       {Actor: "lee", Before: maxID / 2},
		"day-oldest":       {From: iso(mid), To: iso(mid + day), Oldest: true},
	}
	var worst time.Duration
	var worstName string
	for _, name := range slices.Sorted(maps.Keys(filters)) {
		q := filters[name]
		d := median(runs, func() { list(q) })
		p := list(q)
		capped := ""
		if p.TotalCapped {
			capped = "+"
		}
		fmt.Printf("bench: audit_filter_case_ms %s ms (%s: %d%s matches counted)\n", ms(d), name, p.Total, capped)
		if d > worst {
			worst, worstName = d, name
		}
	}
	fmt.Printf("bench: audit_filter_worst_median_ms %s ms (worst filter alone: %s)\n", ms(worst), worstName)
	combined := median(runs, func() {
		list(backend.AuditQuery{Actor: "lee", Action: "provider.save", From: iso(mid), To: iso(mid + day)})
	})
	fmt.Printf("bench: audit_filter_combined_ms %s ms (actor, action and a day)\n", ms(combined))
	searched := median(runs, func() { list(backend.AuditQuery{Actor: "lee", Search: "credentials"}) })
	fmt.Printf("bench: audit_filter_search_ms %s ms (an actor's entries searched)\n", ms(searched))

	facets := median(runs, func() {
		if _, err := be.Audit.Facets(); err != nil {
			t.Fatal(err)
		}
	})
	distinct := median(5, func() {
		for _, c := range []string{"actor", "as_user", "action"} {
			rows, err := be.Store.SQL().Query("SELECT DISTINCT " + c + " FROM audit_log")
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
			}
			rows.Close()
		}
	})
	fmt.Printf("bench: audit_facets_ms %s ms (the three DISTINCTs they replace: %s ms)\n", ms(facets), ms(distinct))

	path := filepath.Join(t.TempDir(), "audit.csv")
	exporter := backend.NewAuditService(ctx, be.Store, backend.AuditPorts{Dialogs: benchSave(path), Events: backend.NopEvents{}})
	start := time.Now()
	res, err := exporter.ExportCSV(backend.AuditQuery{})
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	fi, _ := os.Stat(path)
	fmt.Printf("bench: audit_export_rows_per_s %.0f rows/s (%d rows, %.1f s, %d MB)\n",
		float64(res.Rows)/elapsed.Seconds(), res.Rows, elapsed.Seconds(), fi.Size()>>20)
}

// benchSave is a save dialog that always answers its path.
type benchSave string

func (p benchSave) SaveFile(string, string) (string, error) { return string(p), nil }
