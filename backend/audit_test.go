package backend_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

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

// filterEpoch is the time of the filter fixture's first entry.
var filterEpoch = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func hoursIn(h int) int64 { return filterEpoch.Add(time.Duration(h) * time.Hour).UnixMilli() }

// filterFixture writes 48 entries whose actors, sessions, actions,
// sub-accounts, subjects and times vary on different cycles, so that every
// combination of filters selects a different set. Entries 20 and 33 are
// written with the clock set back (15 hours earlier than their place), and
// 40 at the same instant as 39. It returns the rows as written, with ids.
func filterFixture(t *testing.T, b *backend.Backend) []gen.AuditLog {
	t.Helper()
	ctx := context.Background()
	var rows []gen.AuditLog
	actions := []string{"sub_account.create", "provider.save", "plan.create", "user.update"}
	err := b.Store.InTx(ctx, func(tx *db.Tx) error {
		for i := range 48 {
			r := gen.AuditLog{At: hoursIn(i), Actor: []string{"dana", "lee", "Dana"}[i%3], Action: actions[i%4],
				Summary: fmt.Sprintf("Entry %02d", i)}
			switch {
			case i == 20 || i == 33:
				r.At = hoursIn(i - 15)
			case i == 40:
				r.At = hoursIn(39)
			}
			switch {
			case i%5 == 0:
				r.AsUser, r.AccessSessionID = "owner@acme.example", ptr(int64(12))
			case i%7 == 0:
				r.AsUser, r.AccessSessionID = "front@bravo.example", ptr(int64(13))
			}
			if r.Action == "plan.create" {
				r.SubjectKind, r.SubjectID, r.SubjectName = "plan", fmt.Sprintf("p%d", i), "Silver"
				if i%8 == 2 {
					r.SubjectName = "Gold"
				}
			} else {
				r.SubAccountID = ptr(int64(1 + i%2))
				r.SubAccountName = []string{"Acme Dental", "Bravo Clinic"}[i%2]
			}
			if err := tx.CreateAuditEntry(ctx, gen.CreateAuditEntryParams{At: r.At, Actor: r.Actor, AsUser: r.AsUser,
				AccessSessionID: r.AccessSessionID, Action: r.Action, SubAccountID: r.SubAccountID, SubAccountName: r.SubAccountName,
				SubjectKind: r.SubjectKind, SubjectID: r.SubjectID, SubjectName: r.SubjectName, Summary: r.Summary}); err != nil {
				return err
			}
			r.ID = int64(i + 1)
			rows = append(rows, r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// matches is the filters' meaning, written out plainly: what List must return.
func matches(q backend.AuditQuery, r gen.AuditLog) bool {
	if q.SubAccountID != 0 && (r.SubAccountID == nil || *r.SubAccountID != q.SubAccountID) {
		return false
	}
	if q.Actor != "" && r.Actor != q.Actor || q.Action != "" && r.Action != q.Action {
		return false
	}
	switch q.AsUser {
	case "":
	case backend.OutsideSessions:
		if r.AsUser != "" {
			return false
		}
	default:
		if r.AsUser != q.AsUser {
			return false
		}
	}
	if q.AccessSessionID != 0 && (r.AccessSessionID == nil || *r.AccessSessionID != q.AccessSessionID) {
		return false
	}
	if q.From != "" {
		from, _ := time.Parse(time.RFC3339, q.From)
		if r.At < from.UnixMilli() {
			return false
		}
	}
	if q.To != "" {
		to, _ := time.Parse(time.RFC3339, q.To)
		if r.At >= to.UnixMilli() {
			return false
		}
	}
	if q.Search != "" {
		s := strings.ToLower(q.Search)
		found := false
		for _, text := range []string{r.Actor, r.AsUser, r.Action, r.SubAccountName, r.SubjectName, r.Summary} {
			found = found || strings.Contains(strings.ToLower(text), s)
		}
		return found
	}
	return true
}

// expectAudit is what List must return for q: the matching rows newest
// first, by id, or with a time range by time, then id.
func expectAudit(q backend.AuditQuery, rows []gen.AuditLog) []int64 {
	var match []gen.AuditLog
	for _, r := range rows {
		if matches(q, r) {
			match = append(match, r)
		}
	}
	slices.SortFunc(match, func(a, b gen.AuditLog) int {
		if q.From != "" || q.To != "" {
			return cmp.Or(cmp.Compare(b.At, a.At), cmp.Compare(b.ID, a.ID))
		}
		return cmp.Compare(b.ID, a.ID)
	})
	out := make([]int64, len(match))
	for i, r := range match {
		out[i] = r.ID
	}
	return out
}

// walkAudit reads every page of q, newest first, by Before, then back again
// by After from the oldest page, checking the pages' flags, and returns the
// ids and the first page's total.
func walkAudit(t *testing.T, b *backend.Backend, q backend.AuditQuery) ([]int64, backend.AuditPage) {
	t.Helper()
	var ids []int64
	q.Limit = 4
	first, err := b.Audit.List(q)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	page := first
	for n := 0; ; n++ {
		if page.HasNewer != (n > 0) {
			t.Fatalf("%+v: page %d says newer %v", q, n, page.HasNewer)
		}
		for _, e := range page.Items {
			ids = append(ids, e.ID)
		}
		if !page.HasOlder {
			break
		}
		next := q
		next.Before = page.Items[len(page.Items)-1].ID
		if page, err = b.Audit.List(next); err != nil {
			t.Fatal(err)
		}
	}
	// Back from the oldest page, by After: the same ids, in the same order.
	var back []int64
	oldest := q
	oldest.Oldest = true
	page, _ = b.Audit.List(oldest)
	for {
		back = append(slices.Clone(idsOf(page)), back...)
		if !page.HasNewer {
			break
		}
		newer := q
		newer.After = page.Items[0].ID
		page, _ = b.Audit.List(newer)
	}
	if !slices.Equal(back, ids) {
		t.Errorf("%+v: back from the oldest page %v, forward %v", q, back, ids)
	}
	return ids, first
}

func idsOf(p backend.AuditPage) []int64 {
	out := make([]int64, len(p.Items))
	for i, e := range p.Items {
		out[i] = e.ID
	}
	return out
}

// TestAuditFiltersAloneAndInEveryCombination checks each filter, alone and
// with every other (the search and the sub-account included), against the
// filters' plain meaning: the same entries, newest first, paged both ways,
// counted exactly (the fixture is far below the cap).
func TestAuditFiltersAloneAndInEveryCombination(t *testing.T) {
	b, _ := newBackend(t)
	rows := filterFixture(t, b)
	iso := func(h int) string { return filterEpoch.Add(time.Duration(h) * time.Hour).Format(time.RFC3339) }
	times := [][2]string{{"", ""}, {iso(10), iso(22)}, {iso(30), ""}, {"", iso(6)}}
	checked := 0
	for _, sub := range []int64{0, 1, 2} {
		for _, actor := range []string{"", "dana", "lee"} {
			for _, asUser := range []string{"", "owner@acme.example", backend.OutsideSessions} {
				for _, action := range []string{"", "plan.create", "provider.save"} {
					for _, session := range []int64{0, 12} {
						for _, tr := range times {
							for _, search := range []string{"", "gold", "Go", "entry 2"} {
								q := backend.AuditQuery{SubAccountID: sub, Actor: actor, AsUser: asUser, Action: action,
									AccessSessionID: session, From: tr[0], To: tr[1], Search: search}
								if session != 0 && asUser == backend.OutsideSessions {
									continue // refused: see TestAuditFiltersAreValidated
								}
								want := expectAudit(q, rows)
								got, first := walkAudit(t, b, q)
								if !slices.Equal(got, want) {
									t.Errorf("%+v: got %v, want %v", q, got, want)
								}
								if first.Total != int64(len(want)) || first.TotalCapped {
									t.Errorf("%+v: total %d capped %v, want %d", q, first.Total, first.TotalCapped, len(want))
								}
								checked++
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d combinations", checked)
	// The entries written with the clock set back are in the range of their
	// time, in time order; without a range the log is in the order written.
	got, _ := walkAudit(t, b, backend.AuditQuery{From: iso(10), To: iso(22)})
	if want := []int64{22, 20, 34, 19, 18, 17, 16, 15, 14, 13, 12, 11}; !slices.Equal(got, want) {
		t.Errorf("entries of 10:00 to 22:00: %v, want %v (entry 33, id 34, dated 18:00 like entry 18; not entry 20, dated 05:00)", got, want)
	}
	if got, _ := walkAudit(t, b, backend.AuditQuery{Search: "entry 3"}); !slices.Equal(got[:6], []int64{40, 39, 38, 37, 36, 35}) {
		t.Errorf("without a range, by id: %v", got)
	}
	if _, err := b.Audit.List(backend.AuditQuery{From: iso(10), Before: 999}); backend.ErrorCode(err) != backend.CodeInvalid {
		t.Errorf("a cursor that is no entry: %v", err)
	}
}

func TestAuditFiltersAreValidated(t *testing.T) {
	b, _ := newBackend(t)
	filterFixture(t, b)
	for name, tc := range map[string]struct {
		q     backend.AuditQuery
		field string
	}{
		"unknown action":           {backend.AuditQuery{Action: "plan.explode"}, "action"},
		"from not RFC 3339":        {backend.AuditQuery{From: "2026-03-01"}, "from"},
		"to not RFC 3339":          {backend.AuditQuery{To: "yesterday"}, "to"},
		"to before from":           {backend.AuditQuery{From: "2026-03-02T00:00:00Z", To: "2026-03-01T00:00:00Z"}, "to"},
		"to at from":               {backend.AuditQuery{From: "2026-03-02T00:00:00+01:00", To: "2026-03-01T23:00:00Z"}, "to"},
		"negative session":         {backend.AuditQuery{AccessSessionID: -1}, "accessSessionId"},
		"a session outside any":    {backend.AuditQuery{AccessSessionID: 12, AsUser: backend.OutsideSessions}, "asUser"},
		"an actor with a NUL":      {backend.AuditQuery{Actor: "da\x00na"}, "actor"},
		"an email not UTF-8":       {backend.AuditQuery{AsUser: "owner\xff@acme.example"}, "asUser"},
		"an actor far too long":    {backend.AuditQuery{Actor: strings.Repeat("d", 321)}, "actor"},
		"a negative sub-account":   {backend.AuditQuery{SubAccountID: -3}, "subAccountId"},
		"before and after at once": {backend.AuditQuery{Before: 9, After: 3}, "before"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := b.Audit.List(tc.q)
			msg := fieldErr(t, err, backend.CodeInvalid, tc.field)
			t.Log(msg)
			if tc.field == "before" {
				return // an export reads every page
			}
			if _, err := b.Audit.ExportCSV(tc.q); backend.ErrorCode(err) != backend.CodeInvalid {
				t.Errorf("export: %v", err)
			}
		})
	}
	if msg := fieldErr(t, func() error {
		_, err := b.Audit.List(backend.AuditQuery{From: "2026-03-02T00:00:00Z", To: "2026-03-01T00:00:00Z"})
		return err
	}(),
		backend.CodeInvalid, "to"); msg != "To must be after From." {
		t.Errorf("to before from says %q", msg)
	}
	// Any offset is an instant; an action that only the log holds (an older
	// build's) can be chosen; an actor or email that occurs nowhere matches nothing.
	for _, q := range []backend.AuditQuery{
		{From: "2026-03-01T05:00:00+05:00", To: "2026-03-01T12:00:00.5-03:00"},
		{Actor: "nobody"}, {AsUser: "nobody@example.com"},
	} {
		if _, err := b.Audit.List(q); err != nil {
			t.Errorf("%+v: %v", q, err)
		}
	}
	ctx := context.Background()
	if err := b.Store.InTx(ctx, func(tx *db.Tx) error {
		return tx.CreateAuditEntry(ctx, gen.CreateAuditEntryParams{At: 1, Actor: "dana", Action: "export.calls", Summary: "Exported"})
	}); err != nil {
		t.Fatal(err)
	}
	if page, err := b.Audit.List(backend.AuditQuery{Action: "export.calls"}); err != nil || page.Total != 1 || page.Items[0].ActionLabel != "export.calls" {
		t.Errorf("an action of an older build: %+v %v", page, err)
	}
}

func TestAuditFacetsListWhatOccursSorted(t *testing.T) {
	b, _ := newBackend(t)
	if f, err := b.Audit.Facets(); err != nil || len(f.Actors)+len(f.AsUsers)+len(f.Actions) != 0 || f.Actors == nil || f.AsUsers == nil || f.Actions == nil {
		t.Fatalf("facets of an empty log: %+v %v", f, err)
	}
	filterFixture(t, b)
	f, err := b.Audit.Facets()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Dana", "dana", "lee"}; !slices.Equal(f.Actors, want) {
		t.Errorf("actors %v, want %v", f.Actors, want)
	}
	if want := []string{"front@bravo.example", "owner@acme.example"}; !slices.Equal(f.AsUsers, want) {
		t.Errorf("as users %v, want %v", f.AsUsers, want)
	}
	want := []backend.AuditAction{{"sub_account.create", "Created"}, {"plan.create", "Created plan"},
		{"user.update", "Edited user"}, {"provider.save", "Saved credentials"}}
	if !slices.Equal(f.Actions, want) {
		t.Errorf("actions %v, want %v (by label)", f.Actions, want)
	}
	// The kept counts agree with the log, and give single-filter totals.
	rows, err := b.Store.SQL().Query(`SELECT f.kind, f.value, f.n,
		(SELECT count(*) FROM audit_log WHERE CASE f.kind WHEN 'actor' THEN actor WHEN 'action' THEN action ELSE as_user END = f.value)
		FROM audit_facets f`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, value string
		var n, want int64
		rows.Scan(&kind, &value, &n, &want)
		if n != want {
			t.Errorf("facet %s %q counts %d, the log has %d", kind, value, n, want)
		}
	}
	if page, _ := b.Audit.List(backend.AuditQuery{Actor: "lee"}); page.Total != 16 || page.TotalCapped {
		t.Errorf("lee's entries: total %d capped %v", page.Total, page.TotalCapped)
	}
}

// queryPlan is SQLite's plan for the page q asks for, one step a line.
func queryPlan(t *testing.T, b *backend.Backend, p db.AuditPageParams) string {
	t.Helper()
	query, args, err := b.Store.AuditPageSQL(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := b.Store.SQL().Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var steps []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		steps = append(steps, detail)
	}
	return strings.Join(steps, "\n")
}

// TestAuditFilterPagesReadTheirIndex checks the query plan of each filter
// alone and with a search: each reads its own index in the page's order
// (by time, the time index), never sorting, so that a page costs the same
// at a million entries (see make bench); a filter or a search that selects
// few entries is read whole and sorted, one that selects many is read in
// order and filtered.
func TestAuditFilterPagesReadTheirIndex(t *testing.T) {
	b, _ := newBackend(t)
	filterFixture(t, b)
	// 20,001 entries of one actor and action, in one hour, so that the
	// actor's and the action's entries, and "bulk 1"'s matches, are many.
	if _, err := b.Store.SQL().Exec(`INSERT INTO audit_log (at, actor, action, summary)
		WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
		SELECT ?, 'sam', 'plan.update', 'Bulk ' || i FROM n`, hoursIn(100)); err != nil {
		t.Fatal(err)
	}
	from, to, day := hoursIn(10), hoursIn(22), hoursIn(99)
	email, outside, session, sub := "owner@acme.example", "", int64(12), int64(1)
	for _, tc := range []struct {
		name  string
		p     db.AuditPageParams
		want  string // a step of the plan
		sorts bool   // reads few entries, then sorts them
	}{
		{"actor", db.AuditPageParams{Actor: "lee"}, "USING INDEX audit_log_by_actor (actor=?)", false},
		{"as user", db.AuditPageParams{AsUser: &email}, "USING INDEX audit_log_by_as_user (as_user=?)", false},
		{"outside sessions", db.AuditPageParams{AsUser: &outside}, "SCAN a", false},
		{"action", db.AuditPageParams{Action: "plan.create"}, "USING INDEX audit_log_by_action (action=?)", false},
		{"session", db.AuditPageParams{AccessSessionID: &session}, "USING INDEX audit_log_by_session (access_session_id=?)", false},
		{"sub-account", db.AuditPageParams{SubAccountID: &sub}, "USING INDEX audit_log_by_sub_account (sub_account_id=?)", false},
		{"from and to", db.AuditPageParams{From: &from, To: &to}, "USING INDEX audit_log_by_at (at>? AND at<?)", false},
		{"from", db.AuditPageParams{From: &from}, "USING INDEX audit_log_by_at (at>? AND at<?)", false},
		{"the next page of a range", db.AuditPageParams{From: &from, Before: 15}, "USING INDEX audit_log_by_at (at>? AND at<?)", false},
		{"the next page of an actor", db.AuditPageParams{Actor: "lee", Before: 30}, "USING INDEX audit_log_by_actor (actor=? AND id<?)", false},
		{"many actor's in a range", db.AuditPageParams{Actor: "sam", From: &day}, "USING INDEX audit_log_by_at (at>? AND at<?)", false},
		{"few actor's in a range", db.AuditPageParams{Actor: "lee", From: &from, To: &to}, "USING INDEX audit_log_by_actor (actor=?)", true},
		{"a session in a range", db.AuditPageParams{AccessSessionID: &session, To: &to}, "USING INDEX audit_log_by_session (access_session_id=?)", true},
		{"search alone", db.AuditPageParams{Search: "gold"}, "SCAN f VIRTUAL TABLE", false},
		{"search in a session", db.AuditPageParams{AccessSessionID: &session, Search: "gold"}, "USING INDEX audit_log_by_session (access_session_id=?)", false},
		{"search of a few actor's", db.AuditPageParams{Actor: "lee", Search: "gold"}, "USING INDEX audit_log_by_actor (actor=?)", false},
		{"search of many actor's", db.AuditPageParams{Actor: "sam", Search: "gold"}, "SCAN f VIRTUAL TABLE", false},
		{"search of an action", db.AuditPageParams{Action: "plan.update", Search: "bulk 1"}, "SCAN f VIRTUAL TABLE", false},
		{"few matches in a range", db.AuditPageParams{From: &day, Search: "bulk 1"}, "SCAN f VIRTUAL TABLE", true},
		{"many matches in a range", db.AuditPageParams{From: &day, Search: "bulk"}, "USING INDEX audit_log_by_at (at>? AND at<?)", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.p.Limit = 101
			plan := queryPlan(t, b, tc.p)
			if !strings.Contains(plan, tc.want) || strings.Contains(plan, "TEMP B-TREE") != tc.sorts {
				t.Errorf("plan:\n%s\nwant a step %q, sorting %v", plan, tc.want, tc.sorts)
			}
		})
	}
	// The search index's way finds what the scan finds. (Bulk 20000 is the
	// newest: "Bulk 2000" also finds it, on the page before Bulk 2000's.)
	bulk := func(ns ...int) []string {
		out := []string{}
		for _, n := range ns {
			out = append(out, fmt.Sprintf("Bulk %d", n))
		}
		return out
	}
	bulk1999 := bulk(19999, 19998, 19997, 19996, 19995, 19994, 19993, 19992, 19991, 19990, 1999)
	for _, tc := range []struct {
		q     backend.AuditQuery
		want  []string
		total int64
	}{
		{backend.AuditQuery{Actor: "sam", Search: "bulk 1999"}, bulk1999, 11},
		{backend.AuditQuery{From: time.UnixMilli(day).Format(time.RFC3339), Search: "BULK 1999"}, bulk1999, 11},
		{backend.AuditQuery{Action: "plan.update", Search: "Bulk 2000", Before: 48 + 20001}, bulk(2000), 2},
		{backend.AuditQuery{Actor: "sam", Search: "gold"}, bulk(), 0},
		{backend.AuditQuery{Actor: "sam", From: time.UnixMilli(day).Format(time.RFC3339), Search: "bulk 1999"}, bulk1999, 11},
	} {
		page, err := b.Audit.List(tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := summaries(page); !slices.Equal(got, tc.want) || page.Total != tc.total {
			t.Errorf("%+v: %v (total %d), want %v (total %d)", tc.q, got, page.Total, tc.want, tc.total)
		}
	}
	// Many entries in a range, read in time order and filtered: the newest
	// 100 (one instant, so by id), counted up to the cap.
	for _, q := range []backend.AuditQuery{
		{Actor: "sam", From: time.UnixMilli(day).Format(time.RFC3339)},
		{From: time.UnixMilli(day).Format(time.RFC3339), Search: "bulk"},
	} {
		page, err := b.Audit.List(q)
		if err != nil {
			t.Fatal(err)
		}
		got := summaries(page)
		if len(got) != 100 || got[0] != "Bulk 20000" || got[99] != "Bulk 19901" || page.Total != db.AuditCountCap || !page.TotalCapped {
			t.Errorf("%+v: %d items %q … %q, total %d capped %v", q, len(got), got[0], got[len(got)-1], page.Total, page.TotalCapped)
		}
		next := q
		next.Before = page.Items[99].ID
		if page, _ := b.Audit.List(next); summaries(page)[0] != "Bulk 19900" {
			t.Errorf("%+v: the next page starts at %q", next, summaries(page)[0])
		}
	}
}
