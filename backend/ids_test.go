package backend_test

import (
	"testing"

	"switchboard/backend"
)

// TestNewSubAccountInheritsNoDeletedHistory: deleting the newest
// sub-account frees no id, so the next one created shows only its own
// Activity, never the deleted customer's.
func TestNewSubAccountInheritsNoDeletedHistory(t *testing.T) {
	b, _ := newBackend(t)
	mustCreate(t, b, "Acme Dental")
	mustCreate(t, b, "Bee Solar")
	gone := mustCreate(t, b, "Cee Roofing")
	if _, err := b.SubAccounts.Disable(gone.ID); err != nil {
		t.Fatal(err)
	}
	if err := b.SubAccounts.Delete(gone.ID, "Cee Roofing"); err != nil {
		t.Fatal(err)
	}
	fresh := mustCreate(t, b, "Dee Plumbing")
	if fresh.ID == gone.ID {
		t.Errorf("the new sub-account got the deleted one's id %d", gone.ID)
	}
	page, err := b.Audit.List(backend.AuditQuery{SubAccountID: fresh.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range page.Items {
		if e.SubAccountName != "Dee Plumbing" {
			t.Errorf("Dee Plumbing's Activity shows %s %q of %q", e.Action, e.Summary, e.SubAccountName)
		}
	}
	if page.Total != 1 || len(page.Items) != 1 || page.Items[0].Action != backend.ActionSubAccountCreate.Code {
		t.Errorf("Dee Plumbing's Activity has %d entries (total %d), want its creation only", len(page.Items), page.Total)
	}
	// The deleted one's history stays under its own id.
	old, err := b.Audit.List(backend.AuditQuery{SubAccountID: gone.ID})
	if err != nil {
		t.Fatal(err)
	}
	if old.Total != 3 {
		t.Errorf("the deleted sub-account's history has %d entries, want 3 (create, disable, delete)", old.Total)
	}
}
