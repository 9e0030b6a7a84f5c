package backend_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"switchboard/backend"
	"switchboard/db"
)

// progressEvents records the permission progress events.
type progressEvents struct {
	mu   sync.Mutex
	seen []backend.PermissionProgress
}

func (p *progressEvents) Emit(name backend.EventName, data any) {
	if pp, ok := data.(backend.PermissionProgress); ok && name == backend.EventPermissionsProgress {
		p.mu.Lock()
		p.seen = append(p.seen, pp)
		p.mu.Unlock()
	}
}

func auditCount(t *testing.T, b *backend.Backend, action backend.Action) int {
	t.Helper()
	var n int
	if err := b.Store.SQL().QueryRow("SELECT count(*) FROM audit_log WHERE action = ?", action.Code).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func versionCount(t *testing.T, b *backend.Backend, id int64) int {
	t.Helper()
	var n int
	if err := b.Store.SQL().QueryRow("SELECT count(*) FROM permission_versions WHERE sub_account_id = ?", id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestNewSubAccountsStartFromTheDefaults(t *testing.T) {
	b, _ := newBackend(t)
	before := mustCreate(t, b, "Before Defaults")
	d, err := b.Permissions.SetDefaultVisible("billing", false)
	if err != nil || strings.Join(d.Hidden, ",") != "billing.invoices,billing.payment_method,billing.plans" || d.Nodes[7].State != backend.PermissionHidden {
		t.Fatalf("defaults: %+v %v", d, err)
	}
	if _, err := b.Permissions.SetDefaultVisible("billing.plans", false); err != nil { // already hidden: no audit
		t.Fatal(err)
	}
	_, err = b.Permissions.SetDefaultVisible("nope", false)
	fieldErr(t, err, backend.CodeInvalid, "key")
	if n := auditCount(t, b, backend.ActionPermissionsDefaults); n != 1 {
		t.Errorf("%d defaults audit rows, want 1", n)
	}
	page, _ := b.Audit.List(backend.AuditQuery{Search: "Default permissions"})
	if page.Total != 1 || page.Items[0].SubAccountID != 0 || page.Items[0].Summary != "Default permissions: hid Billing" {
		t.Errorf("defaults audit: %+v", page.Items)
	}

	after := mustCreate(t, b, "After Defaults")
	v, err := b.Permissions.Get(after.ID)
	if err != nil || v.Version != 1 || v.Dirty || states(v)["billing"] != "hidden/hidden" || states(v)["reports"] != "shown/shown" {
		t.Errorf("new sub-account: %+v %v", v, err)
	}
	if ok, _ := b.Permissions.IsVisible(after.ID, "billing.plans"); ok {
		t.Error("the new sub-account's customer sees a feature hidden by default")
	}
	h, _ := b.Permissions.History(after.ID)
	if len(h) != 1 || len(h[0].Changes) != 1 || h[0].Changes[0].Key != "billing" || h[0].Actor != "dana" {
		t.Errorf("version 1: %+v", h)
	}
	if ok, _ := b.Permissions.IsVisible(before.ID, "billing.plans"); !ok {
		t.Error("changing the defaults changed an existing sub-account")
	}
	if d, err := b.Permissions.Defaults(); err != nil || len(d.Hidden) != 3 || d.Nodes[7].Children[0].State != backend.PermissionHidden {
		t.Errorf("Defaults: %+v %v", d, err)
	}
}

func TestApplyToOthersPublishesTheSourcesPublishedSet(t *testing.T) {
	b, _ := newBackend(t)
	src := mustCreate(t, b, "Source")
	a, same, c := mustCreate(t, b, "Alpha"), mustCreate(t, b, "Same Already"), mustCreate(t, b, "Charlie Draft")
	other := mustCreate(t, b, "Untouched")
	for _, id := range []int64{src.ID, same.ID} {
		mustSet(t, b, id, "reports", false)
		mustPublish(t, b, id)
	}
	mustSet(t, b, src.ID, "agents", false) // the source's draft does not travel
	mustSet(t, b, c.ID, "dashboard", false)
	for _, id := range []int64{a.ID, c.ID} { // cached before: the cache must follow
		if ok, _ := b.Permissions.IsVisible(id, "reports.calls"); !ok {
			t.Fatal("reports hidden before applying")
		}
	}

	refusals := []struct {
		name, field string
		in          backend.ApplyInput
	}{
		{"nothing chosen", "ids", backend.ApplyInput{}},
		{"ids and all", "ids", backend.ApplyInput{All: true, IDs: []int64{a.ID}}},
		{"an id that does not exist", "ids", backend.ApplyInput{IDs: []int64{a.ID, 999}}},
		{"a bad filter", "status", backend.ApplyInput{All: true, Query: backend.ListQuery{Status: "gone"}}},
		{"a bad sort", "sort", backend.ApplyInput{All: true, Query: backend.ListQuery{Sort: "secret"}}},
	}
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			_, err := b.Permissions.ApplyToOthers(src.ID, tc.in)
			fieldErr(t, err, backend.CodeInvalid, tc.field)
		})
	}
	if _, err := b.Permissions.ApplyToOthers(999, backend.ApplyInput{IDs: []int64{a.ID}}); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("missing source: %v", err)
	}
	if n := auditCount(t, b, backend.ActionPermissionsApply); n != 0 || versionCount(t, b, a.ID) != 1 {
		t.Fatalf("refused applies changed something: %d audit rows", n)
	}

	res, err := b.Permissions.ApplyToOthers(src.ID, backend.ApplyInput{IDs: []int64{a.ID, same.ID, c.ID, src.ID, a.ID}})
	if err != nil || res != (backend.ApplyResult{Applied: 2, Unchanged: 1}) {
		t.Fatalf("apply: %+v %v", res, err)
	}
	for _, id := range []int64{a.ID, c.ID} {
		v, _ := b.Permissions.Get(id)
		if v.Version != 2 || v.Dirty || states(v)["reports"] != "hidden/hidden" || states(v)["agents"] != "shown/shown" {
			t.Errorf("target %d: %+v", id, states(v))
		}
		if ok, _ := b.Permissions.IsVisible(id, "reports.calls"); ok {
			t.Errorf("target %d still sees reports", id)
		}
	}
	if versionCount(t, b, src.ID) != 2 || versionCount(t, b, same.ID) != 2 || versionCount(t, b, other.ID) != 1 {
		t.Error("the source, an equal target or an unchosen sub-account got a version")
	}
	page, _ := b.Audit.List(backend.AuditQuery{Search: "permissions.apply"})
	if page.Total != 2 || auditCount(t, b, backend.ActionPermissionsApply) != 2 {
		t.Fatalf("apply audit: %+v", page.Items)
	}
	for _, e := range page.Items {
		if (e.SubAccountID != a.ID && e.SubAccountID != c.ID) || e.Summary != "Version 2 from “Source”: hid Reports" {
			t.Errorf("apply audit entry %+v", e)
		}
	}

	// All that match a filter (its page ignored): the search finds "Untouched".
	res, err = b.Permissions.ApplyToOthers(src.ID, backend.ApplyInput{All: true, Query: backend.ListQuery{Search: "ouch", Limit: 1, Offset: 3}})
	if err != nil || res != (backend.ApplyResult{Applied: 1}) || versionCount(t, b, other.ID) != 2 {
		t.Errorf("apply to all matching: %+v %v", res, err)
	}
}

func TestLargeBatchesReportProgress(t *testing.T) {
	ev := &progressEvents{}
	b := openBackendAt(t, t.TempDir(), &clock{t: time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)}, ev)
	ids := createMany(t, b, 1200)
	mustSet(t, b, ids[0], "settings.api_keys", false)
	mustPublish(t, b, ids[0])
	res, err := b.Permissions.ApplyToOthers(ids[0], backend.ApplyInput{All: true})
	if err != nil || res.Applied != 1199 {
		t.Fatalf("apply: %+v %v", res, err)
	}
	got := fmt.Sprint(ev.seen)
	if got != "[{500 1199} {1000 1199} {1199 1199}]" {
		t.Errorf("progress %s", got)
	}
}

// createMany creates n sub-accounts in one transaction, the way the demo
// loader does, and returns their ids.
func createMany(t testing.TB, b *backend.Backend, n int) []int64 {
	t.Helper()
	ctx := context.Background()
	ids := make([]int64, 0, n)
	err := b.Store.InTx(ctx, func(tx *db.Tx) error {
		for i := range n {
			sub, err := b.SubAccountTx.Create(ctx, tx, backend.CreateSubAccountInput{Name: fmt.Sprintf("Bulk %06d", i)})
			if err != nil {
				return err
			}
			ids = append(ids, sub.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestDriftAndAlignWithTheDefault(t *testing.T) {
	b, _ := newBackend(t)
	old1, old2 := mustCreate(t, b, "Old One"), mustCreate(t, b, "Old Two")
	if _, err := b.Permissions.SetDefaultVisible("outbound", false); err != nil {
		t.Fatal(err)
	}
	fresh := mustCreate(t, b, "Fresh")
	mustSet(t, b, fresh.ID, "dashboard", false) // a draft is no drift
	page, err := b.Permissions.Drift(backend.DriftQuery{})
	if err != nil || page.Total != 2 || len(page.Items) != 2 || page.Limit != 100 {
		t.Fatalf("drift: %+v %v", page, err)
	}
	r := page.Items[0]
	if r.SubAccountID != old1.ID || r.Name != "Old One" || r.Version != 1 || len(r.Differences) != 1 ||
		r.Differences[0] != (backend.PermissionChange{Key: "outbound", Label: "Outbound Calling", From: "hidden", To: "shown"}) {
		t.Errorf("drift row %+v", r)
	}
	if p, _ := b.Permissions.Drift(backend.DriftQuery{Offset: 1, Limit: 1}); p.Total != 2 || len(p.Items) != 1 || p.Items[0].SubAccountID != old2.ID {
		t.Errorf("second page %+v", p)
	}
	for _, q := range []backend.DriftQuery{{Limit: 501}, {Limit: -1}, {Offset: -1}} {
		_, err := b.Permissions.Drift(q)
		if backend.ErrorCode(err) != backend.CodeInvalid {
			t.Errorf("drift %+v: %v", q, err)
		}
	}

	for _, ids := range [][]int64{nil, {old1.ID, 999}} {
		_, err := b.Permissions.AlignWithDefault(ids)
		fieldErr(t, err, backend.CodeInvalid, "ids")
	}
	if versionCount(t, b, old1.ID) != 1 {
		t.Fatal("a refused align published")
	}
	if ok, _ := b.Permissions.IsVisible(old1.ID, "outbound.campaigns"); !ok { // cached before aligning
		t.Fatal("outbound hidden before aligning")
	}
	b.Identity.BeginAccess(backend.AccessSession{ID: 9, UserEmail: "owner@old.example"})
	res, err := b.Permissions.AlignWithDefault([]int64{old1.ID, fresh.ID})
	b.Identity.EndAccess()
	if err != nil || res != (backend.ApplyResult{Applied: 1, Unchanged: 1}) {
		t.Fatalf("align: %+v %v", res, err)
	}
	if h, _ := b.Permissions.History(old1.ID); len(h) != 2 || h[0].Actor != "dana as customer user owner@old.example (session 9)" {
		t.Errorf("aligned version: %+v", h)
	}
	if ok, _ := b.Permissions.IsVisible(old1.ID, "outbound.campaigns"); ok {
		t.Error("the aligned sub-account still sees outbound calling")
	}
	page, _ = b.Permissions.Drift(backend.DriftQuery{})
	if page.Total != 1 || page.Items[0].SubAccountID != old2.ID {
		t.Errorf("drift after align: %+v", page)
	}
	audit, _ := b.Audit.List(backend.AuditQuery{SubAccountID: old1.ID, Search: "permissions.align"})
	if audit.Total != 1 || audit.Items[0].Action != backend.ActionPermissionsAlign.Code || audit.Items[0].Actor != "dana" ||
		audit.Items[0].AsUser != "owner@old.example" || audit.Items[0].AccessSessionID != 9 || audit.Items[0].SubjectName != "Version 2" ||
		audit.Items[0].Summary != "Version 2 from the default: hid Outbound Calling" {
		t.Errorf("align audit: %+v", audit.Items)
	}
}

func TestTheDatabaseKeepsVersionsImmutable(t *testing.T) {
	b, _ := newBackend(t)
	sub, keep := mustCreate(t, b, "Acme Dental"), mustCreate(t, b, "Keep Me")
	mustSet(t, b, sub.ID, "reports", false)
	mustPublish(t, b, sub.ID)
	cases := []struct{ name, stmt, want string }{
		{"update a version", "UPDATE permission_versions SET hidden = '[]' WHERE sub_account_id = ?", "published permission versions cannot change"},
		{"update an actor", "UPDATE permission_versions SET actor = 'mallory' WHERE sub_account_id = ?", "published permission versions cannot change"},
		{"delete a live version", "DELETE FROM permission_versions WHERE sub_account_id = ? AND version = 2", "published permission versions cannot change"},
		{"replace a version", "INSERT OR REPLACE INTO permission_versions (sub_account_id, version, hidden, actor, published_at) VALUES (?, 2, '[]', 'x', 1)", "permission versions are numbered one after another"},
		{"skip a number", "INSERT INTO permission_versions (sub_account_id, version, hidden, actor, published_at) VALUES (?, 4, '[]', 'x', 1)", "permission versions are numbered one after another"},
		{"hidden not an array", "UPDATE permission_drafts SET hidden = '{}' WHERE sub_account_id = ?", "CHECK constraint failed"},
		{"draft of nobody", "INSERT INTO permission_drafts (sub_account_id, hidden, updated_at) VALUES (? + 1000, '[]', 1)", "FOREIGN KEY constraint failed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := b.Store.SQL().Exec(tc.stmt, sub.ID)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
	if versionCount(t, b, sub.ID) != 2 {
		t.Fatal("a refused statement changed the versions")
	}

	if err := b.SubAccounts.Delete(sub.ID, "Acme Dental"); err != nil {
		t.Fatalf("deleting a sub-account with versions: %v", err)
	}
	var drafts int
	b.Store.SQL().QueryRow("SELECT count(*) FROM permission_drafts WHERE sub_account_id = ?", sub.ID).Scan(&drafts)
	if versionCount(t, b, sub.ID) != 0 || drafts != 0 {
		t.Errorf("the deleted sub-account's versions or draft remain (%d drafts)", drafts)
	}
	if _, err := b.Permissions.IsVisible(sub.ID, "reports"); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("IsVisible of a deleted sub-account: %v", err)
	}
	if versionCount(t, b, keep.ID) != 1 {
		t.Error("deleting one sub-account touched another's versions")
	}
}

func TestUnknownStoredKeysAreIgnored(t *testing.T) {
	b, _ := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	// A later version added "ai" and "reports.forecasts", and stored "call_logs"
	// as a menu's own key: this build shows what it does not know, and reads
	// a menu's key as all of its features.
	if _, err := b.Store.SQL().Exec(`INSERT INTO permission_versions (sub_account_id, version, hidden, actor, published_at)
		VALUES (?, 2, '["ai", "reports.forecasts", "reports.usage", 7, "call_logs"]', 'future', 1)`, sub.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Store.SQL().Exec(`UPDATE permission_drafts SET hidden = '["ai.chat", "dashboard"]' WHERE sub_account_id = ?`, sub.ID); err != nil {
		t.Fatal(err)
	}
	v, err := b.Permissions.Get(sub.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := states(v)
	if got["reports"] != "shown/partial" || got["reports.usage"] != "shown/hidden" || got["call_logs"] != "shown/hidden" ||
		got["dashboard"] != "hidden/shown" || v.Version != 2 {
		t.Errorf("states %v", got)
	}
	if ok, _ := b.Permissions.IsVisible(sub.ID, "call_logs.recordings"); ok {
		t.Error("a stored menu key did not hide its features")
	}
	r := mustPublish(t, b, sub.ID)
	var hidden string
	b.Store.SQL().QueryRow("SELECT hidden FROM permission_versions WHERE sub_account_id = ? AND version = 3", sub.ID).Scan(&hidden)
	if !r.Published || hidden != `["dashboard"]` {
		t.Errorf("published %v, stored %s", r.Published, hidden)
	}
}

// TestMigrationPublishesVersionOneForExistingSubAccounts migrates a
// database of version 5 with sub-accounts in it.
func TestMigrationPublishesVersionOneForExistingSubAccounts(t *testing.T) {
	dir := t.TempDir()
	store, err := db.Open(filepath.Join(dir, db.FileName))
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, store.SQL(), db.Migrations())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(context.Background(), 5); err != nil {
		t.Fatal(err)
	}
	if _, err := store.SQL().Exec(`INSERT INTO sub_accounts (name, name_key, created_at, updated_at) VALUES ('Old One', 'old one', 1, 1), ('Old Two', 'old two', 1, 1)`); err != nil {
		t.Fatal(err)
	}
	store.Close()
	b := openBackendAt(t, dir, &clock{t: time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)}, nil)
	page, _ := b.SubAccounts.List(backend.ListQuery{})
	for _, s := range page.Items {
		v, err := b.Permissions.Get(s.ID)
		if err != nil || v.Version != 1 || v.PublishedBy != "system" || v.Dirty || v.PublishedAt == 0 {
			t.Errorf("%s: %+v %v", s.Name, v, err)
		}
		h, _ := b.Permissions.History(s.ID)
		if len(h) != 1 || len(h[0].Changes) != 0 {
			t.Errorf("%s history %+v", s.Name, h)
		}
	}
	if d, err := b.Permissions.Defaults(); err != nil || len(d.Hidden) != 0 {
		t.Errorf("defaults after migrating: %+v %v", d, err)
	}
}
