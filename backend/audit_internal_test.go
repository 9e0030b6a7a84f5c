package backend

import (
	"context"
	"testing"
	"time"

	"switchboard/backend/keychain/keychaintest"
	"switchboard/db"
)

func TestRecordWritesAgencyEntriesWithASubjectAndTheActingIdentity(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) }
	b, err := New(Config{DataDir: t.TempDir(), Actor: "dana", Now: now, Secrets: &keychaintest.Memory{}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	a := auditor{identity: b.Identity, now: now}
	planSave := Action{Code: "test.plan_save", Label: "Plan saved"} // not defined: its label is its code
	ctx := context.Background()
	b.Identity.BeginAccess(AccessSession{ID: 7, UserEmail: "ops@agency.example"})
	err = b.Store.InTx(ctx, func(tx *db.Tx) error {
		return a.record(ctx, tx, Entry{Action: planSave, Subject: Subject{Kind: "plan", ID: "gold", Name: "Gold"}, Summary: "Price 49.00 USD"})
	})
	b.Identity.EndAccess()
	if err != nil {
		t.Fatal(err)
	}
	page, _ := b.Audit.List(AuditQuery{})
	got := page.Items[0]
	want := AuditEntry{ID: got.ID, At: "2026-03-01T09:00:00Z", Actor: "dana", AsUser: "ops@agency.example", AccessSessionID: 7,
		ActorLabel: "dana as customer user ops@agency.example (session 7)", Action: "test.plan_save", ActionLabel: "test.plan_save",
		SubjectKind: "plan", SubjectID: "gold", SubjectName: "Gold", Summary: "Price 49.00 USD"}
	if got != want {
		t.Errorf("entry %+v\nwant  %+v", got, want)
	}
	if page, _ := b.Audit.List(AuditQuery{Search: "gold"}); page.Total != 1 {
		t.Errorf("the subject is not searchable: %d", page.Total)
	}
	if err := b.Store.InTx(ctx, func(tx *db.Tx) error { return a.record(ctx, tx, Entry{Summary: "no action"}) }); err == nil {
		t.Error("an entry without an action was recorded")
	}
}

func TestActionsAreDefinedOnceWithTheirLabels(t *testing.T) {
	for code, label := range map[string]string{
		"sub_account.create": "Created", "sub_account.delete": "Deleted",
		"provider.save": "Saved credentials", "concurrency.refresh": "Concurrency read",
	} {
		if got := actionLabel(code); got != label {
			t.Errorf("%s: label %q, want %q", code, got, label)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("a second definition of sub_account.create was accepted")
		}
	}()
	defineAction("sub_account.create", "Made")
}
