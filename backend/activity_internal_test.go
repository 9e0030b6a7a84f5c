package backend

import (
	"testing"

	"switchboard/backend/keychain/keychaintest"
)

// TestTheWindowsListReadsMakeASyncRest: a sync rests between pages only
// while the window reads lists; each list the window reads marks it in use,
// for the sync's own copy of the signal.
func TestTheWindowsListReadsMakeASyncRest(t *testing.T) {
	b, err := New(Config{DataDir: t.TempDir(), Actor: "dana", Secrets: &keychaintest.Memory{}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.Sync.run.activity.recent() {
		t.Fatal("in use before the window read anything")
	}
	reads := map[string]func() error{
		"sub-accounts": func() error { _, err := b.SubAccounts.List(ListQuery{}); return err },
		"audit log":    func() error { _, err := b.Audit.List(AuditQuery{}); return err },
		"calls": func() error {
			sub, err := b.SubAccounts.Create(CreateSubAccountInput{Name: "Acme Dental"})
			if err != nil {
				return err
			}
			_, err = b.Calls.List(CallQuery{SubAccountID: sub.ID})
			return err
		},
	}
	for name, read := range reads {
		b.Sync.run.activity.last.Store(0)
		if err := read(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !b.Sync.run.activity.recent() {
			t.Errorf("reading the %s did not mark the window in use for the sync", name)
		}
	}
}
