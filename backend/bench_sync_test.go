//go:build bench

package backend_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain/keychaintest"
	"switchboard/backend/provider/fake"
	"switchboard/db"
)

// ingestCalls is how many calls the ingest benchmark syncs.
var ingestCalls = envInt("SWITCHBOARD_BENCH_INGEST", 1_000_000)

// denseRetell is a fake Retell holding n calls one every 5 s, ending an
// hour before now, so that a first sync reads them all.
func denseRetell(n int, now time.Time) *fake.RetellServer {
	calls := fake.RetellCalls(n, 9)
	first := now.Add(-time.Hour - time.Duration(n)*5*time.Second).UnixMilli()
	for i := range calls {
		c := &calls[i]
		c.CallID = fmt.Sprintf("call_%07d", i)
		start := first + int64(i)*5000
		c.EndTimestamp, c.StartTimestamp = start+c.EndTimestamp-c.StartTimestamp, start
	}
	return fake.NewRetell(retellKey, calls)
}

// benchSync boots a backend on dir whose Retell is srvURL, connects a new
// sub-account and returns it with a function that syncs it to the end.
func benchSync(t *testing.T, dir, srvURL, name string, now time.Time) (*backend.Backend, func() backend.SyncProgress) {
	b, sync, _ := benchSyncClock(t, dir, srvURL, name, now)
	return b, sync
}

// benchSyncClock is benchSync with the backend's clock and the sub-account
// at hand (the licensed ingest moves the clock back to start the license
// before the calls).
func benchSyncClock(t *testing.T, dir, srvURL, name string, now time.Time) (*backend.Backend, func() backend.SyncProgress, *benchClock) {
	t.Helper()
	rec := &recorder{done: make(chan backend.SyncProgress, 4)}
	clock := &benchClock{}
	clock.set(now)
	b, err := backend.New(backend.Config{
		DataDir: dir, Actor: "bench", Now: clock.now, Secrets: &keychaintest.Memory{},
		Events: rec, ProviderBaseURLs: map[string]string{"retell": srvURL}, SyncPagePause: backend.DefaultSyncPagePause,
	})
	if err != nil {
		t.Fatal(err)
	}
	sub := mustCreate(t, b, name)
	clock.sub = sub.ID
	if _, err := b.Providers.SaveCredentials(sub.ID, backend.SaveCredentialsInput{Provider: "retell", Fields: map[string]string{"apiKey": retellKey}}); err != nil {
		t.Fatal(err)
	}
	return b, func() backend.SyncProgress {
		if err := b.Sync.SyncNow(sub.ID); err != nil {
			t.Fatal(err)
		}
		p := rec.waitDoneWithin(t, 10*time.Minute)
		if p.Error != nil {
			t.Fatalf("sync: %+v", p)
		}
		return p
	}, clock
}

// bulkInsert copies the calls of src into a fresh database (same schema,
// same indexes) the fastest plain way this driver offers: multi-row INSERT
// statements, one transaction per 10,000 rows. It tries a few statement
// sizes and returns the best time, so the sync is compared with the best
// bulk load of the very same rows, measured in the same run.
func bulkInsert(t *testing.T, src *db.Store) time.Duration {
	t.Helper()
	cols := strings.Join(db.InsertCallColumns, ", ")
	rows, err := src.SQL().Query("SELECT " + cols + " FROM calls ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	var all [][]any
	for rows.Next() {
		r := make([]any, len(db.InsertCallColumns))
		ptrs := make([]any, len(r))
		for i := range r {
			ptrs[i] = &r[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	rows.Close()
	best := time.Duration(0)
	for _, perStatement := range []int{100, 500, 1000} {
		if took := bulkInsertOnce(t, all, cols, perStatement); best == 0 || took < best {
			best = took
		}
	}
	return best
}

func bulkInsertOnce(t *testing.T, all [][]any, cols string, perStatement int) time.Duration {
	t.Helper()
	dst, err := db.OpenMigrated(context.Background(), filepath.Join(t.TempDir(), db.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if _, err := dst.SQL().Exec("INSERT INTO sub_accounts (id, name, name_key, created_at, updated_at) VALUES (?, 'Bulk', 'bulk', 0, 0)", all[0][0]); err != nil {
		t.Fatal(err)
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(db.InsertCallColumns)), ", ") + ")"
	sqlFor := func(n int) string {
		return "INSERT INTO calls (" + cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
	}
	const perTx = 10_000
	start := time.Now()
	args := make([]any, 0, perStatement*len(db.InsertCallColumns))
	for lo := 0; lo < len(all); lo += perTx {
		tx, err := dst.SQL().Begin()
		if err != nil {
			t.Fatal(err)
		}
		stmts := map[int]*sql.Stmt{}
		chunk := all[lo:min(lo+perTx, len(all))]
		for i := 0; i < len(chunk); i += perStatement {
			part := chunk[i:min(i+perStatement, len(chunk))]
			st, ok := stmts[len(part)]
			if !ok {
				if st, err = tx.Prepare(sqlFor(len(part))); err != nil {
					t.Fatal(err)
				}
				stmts[len(part)] = st
			}
			args = args[:0]
			for _, r := range part {
				args = append(args, r...)
			}
			if _, err := st.Exec(args...); err != nil {
				t.Fatal(err)
			}
		}
		for _, st := range stmts {
			st.Close()
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	return time.Since(start)
}

// poolMembers is how many sub-accounts share the pool benchmark's account.
const poolMembers = 10

// benchPoolSync syncs a Retell account of n calls, a tenth each by ten
// agents, shared by ten sub-accounts that own one agent each: one
// sub-account's sync reads the account once and routes every call. It
// returns the rate and checks that every call landed with its agent's owner.
func benchPoolSync(t *testing.T, n int, now time.Time) float64 {
	t.Helper()
	retell := denseRetell(n, now)
	for i := range retell.Calls {
		retell.Calls[i].AgentID = fmt.Sprintf("agent_%d", i%poolMembers)
	}
	for k := range poolMembers {
		prompt := fmt.Sprintf("You answer for practice %d.", k)
		id := fmt.Sprintf("agent_%d", k)
		retell.Agents = append(retell.Agents, fake.RetellAgent{AgentID: id, AgentName: "Desk " + id, Channel: "voice",
			Engine: fake.RetellEngine{Type: "retell-llm", LLMID: "llm_" + id}})
		retell.LLMs = append(retell.LLMs, fake.RetellLLM{LLMID: "llm_" + id, GeneralPrompt: &prompt})
	}
	retell.Prepare() // the provider's own encoding is not the sync's
	srv := httptest.NewServer(retell)
	defer srv.Close()
	b, sync := benchSync(t, t.TempDir(), srv.URL, "Pool 0", now)
	defer b.Close()
	first, _ := b.SubAccounts.List(backend.ListQuery{Limit: 25})
	owners := []int64{first.Items[0].ID}
	for k := 1; k < poolMembers; k++ {
		sub := mustCreate(t, b, fmt.Sprintf("Pool %d", k))
		if _, err := b.Providers.SaveCredentials(sub.ID, backend.SaveCredentialsInput{Provider: "retell", Fields: map[string]string{"apiKey": retellKey}}); err != nil {
			t.Fatal(err)
		}
		owners = append(owners, sub.ID)
	}
	view, err := b.Agents.Refresh(owners[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range view.Agents {
		var k int
		fmt.Sscanf(a.AgentID, "agent_%d", &k)
		if _, err := b.Agents.Assign(backend.AgentAssignment{SubAccountID: owners[0], AgentRowID: a.ID, OwnerID: owners[k]}); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	p := sync()
	took := time.Since(start)
	if p.Calls+p.Shared != n || p.Unassigned != 0 {
		t.Fatalf("pool sync %+v, want %d calls routed", p, n)
	}
	var wrong int
	if err := b.Store.SQL().QueryRow(`SELECT count(*) FROM calls c JOIN provider_agents a ON a.agent_id = c.agent_id
		WHERE c.sub_account_id IS NOT a.sub_account_id`).Scan(&wrong); err != nil || wrong != 0 {
		t.Fatalf("%d calls with another owner than their agent's (%v)", wrong, err)
	}
	return float64(n) / took.Seconds()
}

// blandBenchCalls is how many calls the Bland benchmark syncs: each takes a
// detail request, so at 20 ms a request this is a sync of several seconds.
const blandBenchCalls = 4000

// benchBlandSync syncs blandBenchCalls calls from a Bland fake that takes
// 20 ms to answer each request (the list pages and every call's detail),
// through the real sync path, and returns calls per second.
func benchBlandSync(t *testing.T) float64 {
	t.Helper()
	const key = "sk-bench-0123456789abcdef01"
	fake.BlandEpoch = time.Now().Add(-30 * 24 * time.Hour).UTC().Truncate(time.Hour)
	bland := fake.NewBland(key, fake.BlandCalls(blandBenchCalls, 11))
	bland.Latency = 20 * time.Millisecond
	srv := httptest.NewServer(bland)
	defer srv.Close()
	rec := &recorder{done: make(chan backend.SyncProgress, 4)}
	b, err := backend.New(backend.Config{
		DataDir: t.TempDir(), Actor: "bench", Secrets: &keychaintest.Memory{}, Events: rec,
		ProviderBaseURLs: map[string]string{"bland": srv.URL}, SyncPagePause: backend.DefaultSyncPagePause,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	sub := mustCreate(t, b, "Bland ingest")
	if _, err := b.Providers.SaveCredentials(sub.ID, backend.SaveCredentialsInput{Provider: "bland", Fields: map[string]string{"apiKey": key}}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := b.Sync.SyncNow(sub.ID); err != nil {
		t.Fatal(err)
	}
	p := rec.waitDoneWithin(t, 10*time.Minute)
	took := time.Since(start)
	if p.Error != nil || p.Calls < blandBenchCalls*9/10 || p.Requests <= p.Calls {
		t.Fatalf("bland sync %+v", p)
	}
	fmt.Printf("bench: sync_ingest_bland_requests %d requests for %d calls\n", p.Requests, p.Calls)
	return float64(p.Calls) / took.Seconds()
}

// TestBenchSyncFigures prints the sync figures `make bench` reports.
func TestBenchSyncFigures(t *testing.T) {
	now := time.Now()
	retell := denseRetell(ingestCalls, now)
	retell.Prepare() // the provider's own encoding is not the sync's
	srv := httptest.NewServer(retell)
	defer srv.Close()

	b, sync := benchSync(t, t.TempDir(), srv.URL, "Ingest", now)
	start := time.Now()
	p := sync()
	took := time.Since(start)
	if p.Calls != ingestCalls {
		t.Fatalf("synced %d calls", p.Calls)
	}
	bulk := bulkInsert(t, b.Store)
	b.Close()
	rate := float64(ingestCalls) / took.Seconds()
	// With usage accounting against without it, side by side: fresh
	// databases, unlicensed, licensed, licensed, unlicensed (ABBA, so that
	// neither gains from running later), each kind's best.
	plain := max(benchPlainSync(t, srv.URL, now), 0)
	licensed := max(benchLicensedSync(t, srv.URL, now), benchLicensedSync(t, srv.URL, now))
	plain = max(plain, benchPlainSync(t, srv.URL, now))
	bulkRate := float64(ingestCalls) / bulk.Seconds()
	fmt.Printf("bench: sync_ingest_calls_per_s %.0f calls/s\n", rate)
	fmt.Printf("bench: sync_ingest_bulk_inserts_per_s %.0f rows/s\n", bulkRate)
	fmt.Printf("bench: sync_ingest_bulk_ratio %.2f x\n", rate/bulkRate)
	fmt.Printf("bench: sync_ingest_with_usage_calls_per_s %.0f calls/s (a licensed sub-account: every page charged in its transaction)\n", licensed)
	fmt.Printf("bench: sync_ingest_without_usage_calls_per_s %.0f calls/s (the same sync, unlicensed)\n", plain)
	fmt.Printf("bench: sync_ingest_with_usage_ratio %.2f x (best of two each, ABBA)\n", licensed/plain)
	fmt.Printf("bench: sync_ingest_bland_calls_per_s %.0f calls/s (list and detail requests, 20 ms each)\n", benchBlandSync(t))
	pool := benchPoolSync(t, ingestCalls, now)
	fmt.Printf("bench: pool_sync_calls_per_s %.0f calls/s (%d sub-accounts on one account, read once)\n", pool, poolMembers)
	fmt.Printf("bench: pool_sync_vs_single_ratio %.2f x\n", pool/rate)

	// The list's slowest page, idle and while a sync writes, on the large
	// database of `make bench`.
	big, during := benchSync(t, benchDir(t), srv.URL, fmt.Sprintf("Bench sync %d", now.UnixNano()), now)
	defer big.Close()
	q := backend.ListQuery{Sort: "provider", Status: backend.StatusActive, Limit: backend.DefaultPageSize}
	page := func() {
		if _, err := big.SubAccounts.List(q); err != nil {
			t.Fatal(err)
		}
	}
	idle := median(31, page)
	done := make(chan struct{})
	go func() { during(); close(done) }()
	samples := timedWhile(done, page)
	busy := medianOf(samples)
	fmt.Printf("bench: list_page_idle_median_ms %s ms\n", ms(idle))
	fmt.Printf("bench: list_page_during_sync_median_ms %s ms (%d samples)\n", ms(busy), len(samples))
	fmt.Printf("bench: list_page_during_sync_ratio %.2f x\n", float64(busy)/float64(idle))
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// benchClock is a settable clock for a bench backend.
type benchClock struct {
	mu  sync.Mutex
	t   time.Time
	sub int64
}

func (c *benchClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *benchClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// benchPlainSync is the ingest sync of an unlicensed sub-account in a fresh
// database: the comparator of benchLicensedSync.
func benchPlainSync(t *testing.T, srvURL string, now time.Time) float64 {
	t.Helper()
	b, sync := benchSync(t, t.TempDir(), srvURL, "Ingest unlicensed", now)
	defer b.Close()
	start := time.Now()
	if p := sync(); p.Calls != ingestCalls {
		t.Fatalf("synced %d calls", p.Calls)
	}
	return float64(ingestCalls) / time.Since(start).Seconds()
}

// benchLicensedSync is the ingest sync again, of a sub-account whose license
// started before the first call, so every page's calls are charged to it
// (usage accounting) in the page's transaction; it returns calls per second
// and checks that every minute was charged.
func benchLicensedSync(t *testing.T, srvURL string, now time.Time) float64 {
	t.Helper()
	b, sync, clock := benchSyncClock(t, t.TempDir(), srvURL, "Ingest licensed", now)
	defer b.Close()
	clock.set(now.Add(-time.Hour - time.Duration(ingestCalls)*5*time.Second - time.Hour))
	if _, err := b.Licenses.AddToLicense(clock.sub, backend.LicenseAddition{ValidUntil: now.AddDate(1, 0, 0).Format(time.DateOnly),
		FreeMinutes: 1000, AddOnMinutes: 9_000_000}); err != nil {
		t.Fatal(err)
	}
	clock.set(now)
	start := time.Now()
	p := sync()
	took := time.Since(start)
	if p.Calls != ingestCalls {
		t.Fatalf("synced %d calls", p.Calls)
	}
	var stored, charged int64
	if err := b.Store.SQL().QueryRow("SELECT coalesce(sum(most_minutes), 0) FROM calls WHERE parent_call_id = ''").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if err := b.Store.SQL().QueryRow("SELECT coalesce(sum(-minutes), 0) FROM license_ledger WHERE kind IN ('usage', 'adjustment')").Scan(&charged); err != nil {
		t.Fatal(err)
	}
	if stored == 0 || charged != stored {
		t.Fatalf("charged %d minutes of the %d the calls took", charged, stored)
	}
	return float64(ingestCalls) / took.Seconds()
}
