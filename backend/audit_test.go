package backend_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"switchboard/backend"
	"switchboard/db"
	"switchboard/db/gen"
)

// fillAudit appends n agency-level entries, numbered in their summaries.
func fillAudit(t *testing.T, b *backend.Backend, n int, summary func(i int) string) {
	t.Helper()
	ctx := context.Background()
	err := b.Store.InTx(ctx, func(tx *db.Tx) error {
		for i := range n {
			if err := tx.CreateAuditEntry(ctx, gen.CreateAuditEntryParams{At: int64(i), Actor: "dana",
				Action: "plan.save", Summary: summary(i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func summaries(p backend.AuditPage) []string {
	out := make([]string, len(p.Items))
	for i, e := range p.Items {
		out[i] = e.Summary
	}
	return out
}

func TestAuditPagesByKeysetBothWaysAndToTheOldest(t *testing.T) {
	b, _ := newBackend(t)
	fillAudit(t, b, 25, func(i int) string { return fmt.Sprintf("entry %02d", i) })
	want := func(from, to int) []string { // newest first: entry from down to entry to
		var out []string
		for i := from; i >= to; i-- {
			out = append(out, fmt.Sprintf("entry %02d", i))
		}
		return out
	}
	first, err := b.Audit.List(backend.AuditQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(summaries(first), want(24, 15)) || first.Total != 25 || !first.HasOlder || first.HasNewer {
		t.Fatalf("first page %v total %d older %v newer %v", summaries(first), first.Total, first.HasOlder, first.HasNewer)
	}
	second, _ := b.Audit.List(backend.AuditQuery{Limit: 10, Before: first.Items[9].ID})
	if !slices.Equal(summaries(second), want(14, 5)) || !second.HasOlder || !second.HasNewer {
		t.Errorf("second page %v older %v newer %v", summaries(second), second.HasOlder, second.HasNewer)
	}
	third, _ := b.Audit.List(backend.AuditQuery{Limit: 10, Before: second.Items[9].ID})
	if !slices.Equal(summaries(third), want(4, 0)) || third.HasOlder || !third.HasNewer {
		t.Errorf("third page %v older %v newer %v", summaries(third), third.HasOlder, third.HasNewer)
	}
	back, _ := b.Audit.List(backend.AuditQuery{Limit: 10, After: third.Items[0].ID})
	if !slices.Equal(summaries(back), want(14, 5)) || !back.HasNewer || !back.HasOlder {
		t.Errorf("back from the third page %v newer %v", summaries(back), back.HasNewer)
	}
	oldest, _ := b.Audit.List(backend.AuditQuery{Limit: 10, Oldest: true})
	if !slices.Equal(summaries(oldest), want(9, 0)) || !oldest.HasNewer || oldest.HasOlder {
		t.Errorf("oldest page %v newer %v older %v", summaries(oldest), oldest.HasNewer, oldest.HasOlder)
	}
	if _, err := b.Audit.List(backend.AuditQuery{Before: 5, After: 3}); backend.ErrorCode(err) != backend.CodeInvalid {
		t.Errorf("before and after together: %v", err)
	}
}

func TestAuditSearchFindsSubstringsOfEveryTextColumn(t *testing.T) {
	b, _ := newBackend(t)
	acme := mustCreate(t, b, "Acme Dental")
	mustCreate(t, b, "Bravo Clinic")
	fillAudit(t, b, 3, func(i int) string { return []string{"Plan Gold saved", "Plan Silver saved", "Défaut changé"}[i] })
	b.Identity.BeginAccess(backend.AccessSession{ID: 12, UserEmail: "owner@acme.example"})
	if _, err := b.SubAccounts.Disable(acme.ID); err != nil {
		t.Fatal(err)
	}
	b.Identity.EndAccess()
	for search, want := range map[string]int64{
		"dental":   2, // the sub-account's name, any case (created, disabled)
		"gold":     1, // a summary
		"AIL":      0, // a trigram that no column holds
		"owner@ac": 1, // the customer user acted as
		"éfau":     1, // non-ASCII
		"da":       6, // two characters: a scan over the same columns (actor "dana")
		"plan.sa":  3, // the action code
		"Dis":      1, // "Disabled: users can no longer sign in"
		"%":        0, // LIKE's wildcard is a plain character
	} {
		page, err := b.Audit.List(backend.AuditQuery{Search: search})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != want || int64(len(page.Items)) != want {
			t.Errorf("search %q: %d items, total %d, want %d (%v)", search, len(page.Items), page.Total, want, summaries(page))
		}
	}
	page, _ := b.Audit.List(backend.AuditQuery{SubAccountID: acme.ID, Search: "sign in"})
	if page.Total != 1 || page.Items[0].SubAccountID != acme.ID {
		t.Errorf("search within a sub-account: %+v", page)
	}
}

func TestAuditRowsKeepTheRealActorAndTheCustomerUserApart(t *testing.T) {
	b, _ := newBackend(t)
	acme := mustCreate(t, b, "Acme Dental")
	b.Identity.BeginAccess(backend.AccessSession{ID: 12, UserEmail: "owner@acme.example"})
	if _, err := b.SubAccounts.Disable(acme.ID); err != nil {
		t.Fatal(err)
	}
	b.Identity.EndAccess()
	if _, err := b.SubAccounts.Enable(acme.ID); err != nil {
		t.Fatal(err)
	}
	page, _ := b.Audit.List(backend.AuditQuery{SubAccountID: acme.ID})
	if len(page.Items) != 3 {
		t.Fatalf("%d entries", len(page.Items))
	}
	enabled, disabled := page.Items[0], page.Items[1]
	if disabled.Actor != "dana" || disabled.AsUser != "owner@acme.example" || disabled.AccessSessionID != 12 ||
		disabled.ActorLabel != "dana as customer user owner@acme.example (session 12)" {
		t.Errorf("during the session: %+v", disabled)
	}
	if enabled.Actor != "dana" || enabled.AsUser != "" || enabled.AccessSessionID != 0 || enabled.ActorLabel != "dana" {
		t.Errorf("after the session: %+v", enabled)
	}
	// The schema refuses a row under a customer alone, or an "as" user without a session.
	ctx := context.Background()
	pairing := "CHECK constraint failed: (access_session_id IS NULL) = (as_user = '')"
	for name, tc := range map[string]struct {
		row  gen.CreateAuditEntryParams
		want string
	}{
		"no OS user": {gen.CreateAuditEntryParams{At: 1, Actor: "", AsUser: "owner@acme.example", AccessSessionID: ptr(int64(12)),
			Action: "x", Summary: "s"}, "CHECK constraint failed: actor <> ''"},
		"as without a session": {gen.CreateAuditEntryParams{At: 1, Actor: "dana", AsUser: "owner@acme.example", Action: "x", Summary: "s"}, pairing},
		"a session without as": {gen.CreateAuditEntryParams{At: 1, Actor: "dana", AccessSessionID: ptr(int64(12)), Action: "x", Summary: "s"}, pairing},
	} {
		err := b.Store.InTx(ctx, func(tx *db.Tx) error { return tx.CreateAuditEntry(ctx, tc.row) })
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
}

func TestAgencyLevelEntriesHaveNoSubAccount(t *testing.T) {
	b, _ := newBackend(t)
	fillAudit(t, b, 1, func(int) string { return "Default plan changed" })
	page, _ := b.Audit.List(backend.AuditQuery{})
	if len(page.Items) != 1 || page.Items[0].SubAccountID != 0 || page.Items[0].SubAccountName != "" {
		t.Errorf("agency entry %+v", page.Items)
	}
}

func ptr[T any](v T) *T { return &v }

func TestAuditSearchCountsAtMostTheCap(t *testing.T) {
	b, _ := newBackend(t)
	fillAudit(t, b, db.AuditCountCap+50, func(i int) string { return fmt.Sprintf("entry %d", i) })
	for _, search := range []string{"entry", "en"} { // the index, and a scan
		page, err := b.Audit.List(backend.AuditQuery{Search: search})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != db.AuditCountCap || !page.TotalCapped || len(page.Items) != backend.DefaultPageSize || !page.HasOlder {
			t.Errorf("search %q: total %d capped %v, %d items", search, page.Total, page.TotalCapped, len(page.Items))
		}
	}
	page, _ := b.Audit.List(backend.AuditQuery{Search: "entry 104"}) // 104, 1040-1049
	if page.Total != 11 || page.TotalCapped {
		t.Errorf("a search under the cap: total %d capped %v", page.Total, page.TotalCapped)
	}
	if page, _ := b.Audit.List(backend.AuditQuery{}); page.Total != db.AuditCountCap+50 || page.TotalCapped {
		t.Errorf("the whole log is counted exactly: %d %v", page.Total, page.TotalCapped)
	}
}
