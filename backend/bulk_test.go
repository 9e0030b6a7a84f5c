package backend_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain/keychaintest"
)

// bulkEvents records the bulk progress events and runs onProgress on each,
// in the run's goroutine, between two batches.
type bulkEvents struct {
	mu         sync.Mutex
	progress   []backend.BulkProgress
	exports    []backend.ExportProgress
	onProgress func(backend.BulkProgress)
}

func (e *bulkEvents) Emit(name backend.EventName, data any) {
	e.mu.Lock()
	defer e.mu.Unlock()
	switch p := data.(type) {
	case backend.BulkProgress:
		e.progress = append(e.progress, p)
		if e.onProgress != nil {
			e.onProgress(p)
		}
	case backend.ExportProgress:
		e.exports = append(e.exports, p)
	}
}

func newBulkBackend(t *testing.T, events *bulkEvents, dialogs backend.Dialogs) *backend.Backend {
	t.Helper()
	c := &clock{t: time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)}
	b, err := backend.New(backend.Config{DataDir: t.TempDir(), Actor: "dana", Now: c.now, Secrets: &keychaintest.Memory{},
		Events: events, Dialogs: dialogs})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// statusesOf counts the sub-accounts of each status.
func statusesOf(t *testing.T, b *backend.Backend, q backend.ListQuery) int {
	t.Helper()
	n, err := b.Bulk.Count(backend.Selection{All: true, Query: q})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBulkSelectionIsAQuery(t *testing.T) {
	b := newBulkBackend(t, &bulkEvents{}, nil)
	ids := createMany(t, b, 30) // "Bulk 000000" ... "Bulk 000029"
	mustCreate(t, b, "Other One")
	for _, id := range ids[:5] {
		if _, err := b.SubAccounts.Disable(id); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("all matching a search and a filter", func(t *testing.T) {
		q := backend.ListQuery{Search: "bulk 00001", Status: backend.StatusActive, Limit: 25, Offset: 25}
		if n := statusesOf(t, b, q); n != 10 {
			t.Fatalf("count = %d, want 10 (the page is ignored)", n)
		}
	})
	t.Run("ids chosen by hand", func(t *testing.T) {
		n, err := b.Bulk.Count(backend.Selection{IDs: ids[3:7]})
		if err != nil || n != 4 {
			t.Fatalf("count = %d, %v", n, err)
		}
	})
	t.Run("bad selections change nothing", func(t *testing.T) {
		_, err := b.Bulk.Run(backend.BulkInput{Action: backend.BulkDisable})
		fieldErr(t, err, backend.CodeInvalid, "ids")
		_, err = b.Bulk.Run(backend.BulkInput{Action: backend.BulkDisable, Selection: backend.Selection{All: true, IDs: ids[:1]}})
		fieldErr(t, err, backend.CodeInvalid, "ids")
		_, err = b.Bulk.Run(backend.BulkInput{Action: backend.BulkDisable, Selection: backend.Selection{All: true, Query: backend.ListQuery{Status: "paused"}}})
		fieldErr(t, err, backend.CodeInvalid, "status")
		_, err = b.Bulk.Run(backend.BulkInput{Action: "pause", Selection: backend.Selection{All: true}})
		fieldErr(t, err, backend.CodeInvalid, "action")
		if n := statusesOf(t, b, backend.ListQuery{Status: backend.StatusInactive}); n != 5 {
			t.Fatalf("inactive = %d, want 5", n)
		}
	})
}

func TestBulkDisableGoesByBatchesAuditedPerSubAccount(t *testing.T) {
	defer backend.SetBulkBatch(backend.BulkDisable, 4)()
	ev := &bulkEvents{}
	b := newBulkBackend(t, ev, nil)
	ids := createMany(t, b, 10)
	mustCreate(t, b, "Kept Active")
	if _, err := b.SubAccounts.Disable(ids[0]); err != nil {
		t.Fatal(err)
	}
	before := auditCount(t, b, backend.ActionSubAccountDisable)
	res, err := b.Bulk.Run(backend.BulkInput{Action: backend.BulkDisable, Selection: backend.Selection{All: true, Query: backend.ListQuery{Search: "bulk"}}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed != 9 || res.Unchanged != 1 || res.Total != 10 || res.Cancelled || res.Failed {
		t.Fatalf("result = %+v", res)
	}
	if want := "Disabled 9; 1 was already inactive."; res.Message != want {
		t.Fatalf("message = %q, want %q", res.Message, want)
	}
	if got := auditCount(t, b, backend.ActionSubAccountDisable) - before; got != 9 {
		t.Fatalf("%d disable entries, want one per sub-account changed (9)", got)
	}
	want := []backend.BulkProgress{{Action: "disable", Done: 4, Total: 10}, {Action: "disable", Done: 8, Total: 10}, {Action: "disable", Done: 10, Total: 10}}
	if fmt.Sprint(ev.progress) != fmt.Sprint(want) {
		t.Fatalf("progress = %v, want %v (one event a batch)", ev.progress, want)
	}
	if n := statusesOf(t, b, backend.ListQuery{Status: backend.StatusActive}); n != 1 {
		t.Fatalf("active = %d, want only the one outside the search", n)
	}
	res, err = b.Bulk.Run(backend.BulkInput{Action: backend.BulkEnable, Selection: backend.Selection{IDs: ids[:3]}})
	if err != nil || res.Changed != 3 || res.Message != "Enabled 3." {
		t.Fatalf("enable: %+v %v", res, err)
	}
}

func TestBulkCancelStopsBetweenBatches(t *testing.T) {
	defer backend.SetBulkBatch(backend.BulkDisable, 3)()
	ev := &bulkEvents{}
	b := newBulkBackend(t, ev, nil)
	createMany(t, b, 10)
	ev.onProgress = func(p backend.BulkProgress) {
		if p.Done == 6 {
			b.Bulk.Cancel()
		}
	}
	res, err := b.Bulk.Run(backend.BulkInput{Action: backend.BulkDisable, Selection: backend.Selection{All: true}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Cancelled || res.Changed != 6 {
		t.Fatalf("result = %+v, want cancelled after two batches", res)
	}
	if !strings.HasPrefix(res.Message, "Cancelled after 6 of 10: Disabled 6.") {
		t.Fatalf("message = %q", res.Message)
	}
	if n := statusesOf(t, b, backend.ListQuery{Status: backend.StatusActive}); n != 4 {
		t.Fatalf("active = %d, want the 4 after the cancel untouched", n)
	}
}

func TestBulkFailedBatchKeepsTheOnesBefore(t *testing.T) {
	defer backend.SetBulkBatch(backend.BulkEnable, 2)()
	ev := &bulkEvents{}
	b := newBulkBackend(t, ev, nil)
	ids := createMany(t, b, 6)
	res, err := b.Bulk.Run(backend.BulkInput{Action: backend.BulkDisable, Selection: backend.Selection{IDs: ids}})
	if err != nil || res.Changed != 6 {
		t.Fatalf("disable: %+v %v", res, err)
	}
	// After the first batch a read-only Access Account session begins: the
	// audit refuses the next batch's changes, so the batch rolls back.
	ev.onProgress = func(p backend.BulkProgress) {
		if p.Done == 2 {
			b.Identity.BeginAccess(backend.AccessSession{ID: 1, UserEmail: "amy@example.com", ReadOnly: true})
		}
	}
	res, err = b.Bulk.Run(backend.BulkInput{Action: backend.BulkEnable, Selection: backend.Selection{IDs: ids}})
	b.Identity.EndAccess()
	if err != nil {
		t.Fatal(err)
	}
	if !res.Failed || res.Changed != 2 {
		t.Fatalf("result = %+v", res)
	}
	if !strings.HasPrefix(res.Message, "Batch 2 failed and changed nothing: ") || !strings.Contains(res.Message, "The 2 before it were committed") {
		t.Fatalf("message = %q", res.Message)
	}
	if n := statusesOf(t, b, backend.ListQuery{Status: backend.StatusActive}); n != 2 {
		t.Fatalf("active = %d, want the first batch's 2", n)
	}
}

func TestBulkDeleteNeedsTheCountTyped(t *testing.T) {
	b := newBulkBackend(t, &bulkEvents{}, nil)
	ids := createMany(t, b, 5)
	keep := mustCreate(t, b, "Kept")
	sel := backend.Selection{All: true, Query: backend.ListQuery{Search: "bulk"}}
	_, err := b.Bulk.Run(backend.BulkInput{Action: backend.BulkDelete, Selection: sel, ConfirmCount: 4})
	if msg := fieldErr(t, err, backend.CodeInvalid, "confirmCount"); msg != "Type 5 to confirm deleting 5 sub-accounts." {
		t.Fatalf("message = %q", msg)
	}
	res, err := b.Bulk.Run(backend.BulkInput{Action: backend.BulkDelete, Selection: sel, ConfirmCount: 5})
	if err != nil || res.Changed != 5 {
		t.Fatalf("delete: %+v %v", res, err)
	}
	if _, err := b.SubAccounts.Get(ids[0]); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Fatalf("deleted one still there: %v", err)
	}
	if _, err := b.SubAccounts.Get(keep.ID); err != nil {
		t.Fatal(err)
	}
	if got := auditCount(t, b, backend.ActionSubAccountDelete); got != 5 {
		t.Fatalf("%d delete entries, want 5", got)
	}
}

func TestBulkPermissionsAndPlans(t *testing.T) {
	b := newBulkBackend(t, &bulkEvents{}, nil)
	ids := createMany(t, b, 4)
	if _, err := b.Permissions.SetVisible(ids[0], "phone_numbers", false); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Permissions.Publish(ids[0]); err != nil {
		t.Fatal(err)
	}
	res, err := b.Bulk.Run(backend.BulkInput{Action: backend.BulkPermissions, SourceID: ids[0], Selection: backend.Selection{All: true}})
	if err != nil || res.Changed != 3 || res.Message != "Published the permission set to 3; 1 skipped (the set's own sub-account, or gone since they were selected)." {
		t.Fatalf("permissions: %+v %v", res, err)
	}
	if ok, _ := b.Permissions.IsVisible(ids[3], "phone_numbers"); ok {
		t.Fatal("the set did not reach the others")
	}
	basic, pro := mustPlan(t, b, "Basic"), mustPlan(t, b, "Pro")
	mustOffer(t, b, ids[1], pro.ID)
	res, err = b.Bulk.Run(backend.BulkInput{Action: backend.BulkOffer, PlanIDs: []int64{pro.ID, basic.ID}, Selection: backend.Selection{IDs: ids[:2]}})
	if err != nil || res.Changed != 2 {
		t.Fatalf("offer: %+v %v", res, err)
	}
	if got := offeredNames(mustView(t, b, ids[0])); got != "Pro, Basic" {
		t.Fatalf("offered = %q, want the first of the set first", got)
	}
	_, err = b.Bulk.Run(backend.BulkInput{Action: backend.BulkOffer, Selection: backend.Selection{IDs: ids[:2]}})
	fieldErr(t, err, backend.CodeInvalid, "planIds")
}

func TestListExportIsTheQueryInItsSortGuarded(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "list.csv")
	ev := &bulkEvents{}
	b := newBulkBackend(t, ev, fixedDialog(path))
	mustCreate(t, b, "Alpha")
	mustCreate(t, b, "=HYPERLINK(1)")
	mustCreate(t, b, "Beta")
	res, err := b.Bulk.ExportCSV(backend.Selection{All: true, Query: backend.ListQuery{Sort: "name", Desc: true}})
	if err != nil || res.Rows != 3 {
		t.Fatalf("export: %+v %v", res, err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range recs[1:] {
		names = append(names, r[0]+"|"+r[1])
	}
	if got := strings.Join(names, ","); got != "Beta|Active,Alpha|Active,'=HYPERLINK(1)|Active" {
		t.Fatalf("rows = %s", got)
	}
	if last := ev.exports[len(ev.exports)-1]; last.Written != 3 || last.Total != 3 {
		t.Fatalf("last progress = %+v", last)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("files left beside the export: %v", entries)
	}
}
