package backend_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/db"
)

func mustAdd(t *testing.T, b *backend.Backend, sub int64, in backend.LicenseAddition) backend.LicenseView {
	t.Helper()
	v, err := b.Licenses.AddToLicense(sub, in)
	if err != nil {
		t.Fatalf("add to license %+v: %v", in, err)
	}
	return v
}

func mustLicense(t *testing.T, b *backend.Backend, sub int64) backend.LicenseView {
	t.Helper()
	v, err := b.Licenses.Get(sub)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func historyIDs(t *testing.T, b *backend.Backend, q backend.LicenseHistoryQuery) []int64 {
	t.Helper()
	page, err := b.Licenses.History(q)
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{}
	for _, r := range page.Items {
		ids = append(ids, r.ID)
	}
	return ids
}

func TestLicenseSchemaRefusesReductions(t *testing.T) {
	b, _ := newBackend(t)
	acme, bee := mustCreate(t, b, "Acme Dental"), mustCreate(t, b, "Bee Solar")
	mustAdd(t, b, acme.ID, backend.LicenseAddition{ValidUntil: "2026-12-31", FreeMinutes: 100, Remarks: "Start"})
	addCalls(t, b, acme.ID, db.CallRow{ProviderCallID: "call_1", Direction: "in", StartedAt: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC).UnixMilli(), DurationS: 130})
	sql := b.Store.SQL()
	grant := func(sub int64, validUntil string, free, addOn int64, remarks string) string {
		return fmt.Sprintf(`INSERT INTO license_grants (sub_account_id, at, valid_until, free_minutes, addon_minutes, remarks, actor)
			VALUES (%d, 1800000000000, %s, %d, %d, '%s', 'intruder')`, sub, validUntil, free, addOn, remarks)
	}
	cases := []struct{ name, stmt, want string }{
		{"grant update", "UPDATE license_grants SET free_minutes = 0", "license grants are append-only"},
		{"grant remarks update", "UPDATE license_grants SET remarks = 'changed'", "license grants are append-only"},
		{"grant delete", "DELETE FROM license_grants", "license grants are append-only"},
		{"grant replace", `INSERT OR REPLACE INTO license_grants (id, sub_account_id, at, free_minutes, addon_minutes, actor)
			SELECT id, sub_account_id, at, 1, 0, 'intruder' FROM license_grants`, "license grants are append-only"},
		{"negative free minutes", grant(acme.ID, "NULL", -1, 0, ""), "CHECK constraint failed: free_minutes >= 0"},
		{"negative add-on minutes", grant(acme.ID, "NULL", 5, -1, ""), "CHECK constraint failed: addon_minutes >= 0"},
		{"nothing added", grant(acme.ID, "NULL", 0, 0, "nothing"), "CHECK constraint failed: valid_until IS NOT NULL OR free_minutes > 0"},
		{"validity moved back by a grant", grant(acme.ID, "1700000000000", 0, 0, ""), "a license's validity cannot move back"},
		{"the same validity again", grant(acme.ID, "(SELECT valid_until FROM license_terms)", 0, 0, ""), "a license's validity cannot move back"},
		{"remarks too long", grant(acme.ID, "NULL", 1, 0, strings.Repeat("x", 501)), "CHECK constraint failed: length(remarks) <= 500"},
		{"grant without a license", grant(bee.ID, "NULL", 1, 0, ""), "a license grant needs the license's terms"},
		{"validity moved back", "UPDATE license_terms SET valid_until = valid_until - 1", "a license's validity cannot move back"},
		{"start moved", "UPDATE license_terms SET started_at = started_at + 1", "a license's start and time zone cannot change"},
		{"zone changed", "UPDATE license_terms SET time_zone = 'Asia/Tokyo'", "a license's start and time zone cannot change"},
		{"terms deleted", "DELETE FROM license_terms", "a license cannot be removed"},
		{"terms replaced", fmt.Sprintf("INSERT OR REPLACE INTO license_terms VALUES (%d, 1, 'UTC', 1)", acme.ID), "a license's terms are created once"},
		// The minute ledger: append-only, balances never negative, the book only forward.
		{"ledger update", "UPDATE license_ledger SET minutes = minutes + 1", "the license ledger is append-only"},
		{"ledger delete", "DELETE FROM license_ledger", "the license ledger is append-only"},
		{"ledger replace", `INSERT OR REPLACE INTO license_ledger (id, sub_account_id, at, kind, cycle, minutes, free_balance, addon_balance)
			SELECT id, sub_account_id, at, 'grant_addon', 0, 1, 0, 0 FROM license_ledger`, "the license ledger is append-only"},
		{"negative balance", fmt.Sprintf(`INSERT INTO license_ledger (sub_account_id, at, kind, cycle, minutes, free_balance, addon_balance)
			VALUES (%d, 1, 'grant_addon', 0, 5, -1, 0)`, acme.ID), "CHECK constraint failed: free_balance >= 0"},
		{"a charge that does not add up", fmt.Sprintf(`INSERT INTO license_ledger (sub_account_id, at, kind, cycle, minutes, from_free, free_balance, addon_balance)
			VALUES (%d, 1, 'usage', 0, -5, 4, 0, 0)`, acme.ID), "CHECK constraint failed"},
		{"a grant that takes", fmt.Sprintf(`INSERT INTO license_ledger (sub_account_id, at, kind, cycle, minutes, free_balance, addon_balance)
			VALUES (%d, 1, 'grant_free', 0, -5, 0, 0)`, acme.ID), "CHECK constraint failed"},
		{"allowance lowered", "UPDATE license_books SET allowance = allowance - 1", "a license's book only moves forward"},
		{"overage forgiven", "UPDATE license_books SET overage = -1", "a license's book only moves forward"},
		{"cycle moved back", "UPDATE license_books SET open_cycle = open_cycle - 1", "a license's book only moves forward"},
		{"a call's minutes shrunk", "UPDATE calls SET most_minutes = most_minutes - 1", "a call's charged minutes cannot shrink"},
		{"negative minutes left", "UPDATE sub_accounts SET minutes_left = -1", "CHECK constraint failed: minutes_left >= 0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sql.Exec(tc.stmt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s: %v, want %q", tc.stmt, err, tc.want)
			}
		})
	}
	v := mustLicense(t, b, acme.ID)
	if v.FreePerCycle != 100 || v.ValidUntil != "2026-12-31T23:59:59.999Z" {
		t.Errorf("after the refusals: %+v", v)
	}
	// A later validity through a grant moves the terms forward.
	if _, err := sql.Exec(grant(acme.ID, "1900000000000", 0, 0, "")); err != nil {
		t.Fatal(err)
	}
	var until int64
	if err := sql.QueryRow("SELECT valid_until FROM license_terms").Scan(&until); err != nil || until != 1900000000000 {
		t.Errorf("terms valid until %d (%v), want the grant's", until, err)
	}
	// Deleting the sub-account still takes its license with it.
	if err := b.SubAccounts.Delete(acme.ID, "Acme Dental"); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"license_terms", "license_grants"} {
		var n int
		if err := sql.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s: %d rows left (%v)", table, n, err)
		}
	}
}

func TestAddToLicenseValidates(t *testing.T) {
	b, c := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	first := []struct {
		name  string
		in    backend.LicenseAddition
		field string
	}{
		{"a new license needs a validity", backend.LicenseAddition{FreeMinutes: 100}, "validUntil"},
		{"validity in the past", backend.LicenseAddition{ValidUntil: "2026-02-28"}, "validUntil"},
		{"not a date", backend.LicenseAddition{ValidUntil: "31/12/2026"}, "validUntil"},
	}
	for _, tc := range first {
		t.Run(tc.name, func(t *testing.T) {
			_, err := b.Licenses.AddToLicense(sub.ID, tc.in)
			fieldErr(t, err, backend.CodeInvalid, tc.field)
		})
	}
	if v := mustLicense(t, b, sub.ID); v.Licensed || v.TimeZone != "UTC" || v.ValidUntil != "" {
		t.Fatalf("refused first additions licensed it: %+v", v)
	}
	v := mustAdd(t, b, sub.ID, backend.LicenseAddition{ValidUntil: "2026-12-31T12:00:00+01:00", FreeMinutes: 100})
	if !v.Licensed || v.ValidUntil != "2026-12-31T11:00:00Z" || v.StartedAt != "2026-03-01T09:30:00Z" || v.FreeLeft != 100 {
		t.Fatalf("first addition: %+v", v)
	}
	c.advance(time.Hour)
	later := []struct {
		name  string
		in    backend.LicenseAddition
		field string
	}{
		{"earlier validity", backend.LicenseAddition{ValidUntil: "2026-06-30"}, "validUntil"},
		{"the same validity", backend.LicenseAddition{ValidUntil: "2026-12-31T11:00:00Z"}, "validUntil"},
		{"earlier validity with minutes", backend.LicenseAddition{ValidUntil: "2026-12-30", AddOnMinutes: 10}, "validUntil"},
		{"negative free minutes", backend.LicenseAddition{FreeMinutes: -1}, "freeMinutes"},
		{"negative add-on minutes", backend.LicenseAddition{AddOnMinutes: -5, FreeMinutes: 1}, "addOnMinutes"},
		{"too many minutes", backend.LicenseAddition{AddOnMinutes: 10_000_001}, "addOnMinutes"},
		{"nothing added", backend.LicenseAddition{Remarks: "Just a note"}, "grant"},
		{"remarks too long", backend.LicenseAddition{FreeMinutes: 1, Remarks: strings.Repeat("é", 501)}, "remarks"},
		{"remarks with a control character", backend.LicenseAddition{FreeMinutes: 1, Remarks: "a\x00b"}, "remarks"},
		{"remarks with a direction override", backend.LicenseAddition{FreeMinutes: 1, Remarks: "a\u202eb"}, "remarks"},
	}
	for _, tc := range later {
		t.Run(tc.name, func(t *testing.T) {
			_, err := b.Licenses.AddToLicense(sub.ID, tc.in)
			msg := fieldErr(t, err, backend.CodeInvalid, tc.field)
			if tc.field == "validUntil" && !strings.Contains(msg, "31 Dec 2026 11:00") {
				t.Errorf("message %q does not name the current validity", msg)
			}
		})
	}
	if ids := historyIDs(t, b, backend.LicenseHistoryQuery{SubAccountID: sub.ID}); len(ids) != 1 {
		t.Fatalf("refused additions were stored: %v", ids)
	}
	// A later validity, minutes, and remarks as typed (trimmed, NFC).
	v = mustAdd(t, b, sub.ID, backend.LicenseAddition{ValidUntil: "2027-03-01", AddOnMinutes: 250, Remarks: "  Renewal — café  "})
	if v.ValidUntil != "2027-03-01T23:59:59.999Z" || v.AddOnLeft != 250 || v.FreePerCycle != 100 {
		t.Errorf("second addition: %+v", v)
	}
	page, err := b.Licenses.History(backend.LicenseHistoryQuery{SubAccountID: sub.ID, Desc: true})
	if err != nil || page.Total != 2 || page.Items[0].Remarks != "Renewal — café" || page.Items[0].Actor != "dana" ||
		page.Items[1].ValidUntil != "2026-12-31T11:00:00Z" || page.Items[0].ResultingValidity != "2027-03-01T23:59:59.999Z" {
		t.Errorf("history %+v %v", page, err)
	}
	audit, err := b.Audit.List(backend.AuditQuery{SubAccountID: sub.ID})
	if err != nil {
		t.Fatal(err)
	}
	var adds []string
	for _, e := range slices.Backward(audit.Items) {
		if e.Action == backend.ActionLicenseAdd.Code {
			adds = append(adds, e.Summary)
		}
	}
	want := []string{
		"Added to license: validity until 31 Dec 2026 11:00 (UTC), 100 free minutes per cycle",
		"Added to license: validity until 1 Mar 2027 23:59 (UTC), 250 add-on minutes; remarks “Renewal — café”",
	}
	if !slices.Equal(adds, want) {
		t.Errorf("audit %q, want %q", adds, want)
	}
	if _, err := b.Licenses.AddToLicense(9999, backend.LicenseAddition{FreeMinutes: 1}); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("unknown sub-account: %v", err)
	}
}

func TestLicenseHistorySortsEveryColumnBothWays(t *testing.T) {
	b, c := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	day := 24 * time.Hour
	mustAdd(t, b, sub.ID, backend.LicenseAddition{ValidUntil: "2026-12-31", FreeMinutes: 300, Remarks: "b first"})
	c.advance(day)
	b.Identity.BeginAccess(backend.AccessSession{ID: 3, UserEmail: "owner@acme.example"})
	mustAdd(t, b, sub.ID, backend.LicenseAddition{AddOnMinutes: 1000, Remarks: "a second"})
	b.Identity.EndAccess()
	c.advance(day)
	mustAdd(t, b, sub.ID, backend.LicenseAddition{ValidUntil: "2027-06-30", FreeMinutes: 100, AddOnMinutes: 50, Remarks: "C third"})
	c.advance(day)
	b.Identity.BeginAccess(backend.AccessSession{ID: 4, UserEmail: "owner@acme.example"})
	mustAdd(t, b, sub.ID, backend.LicenseAddition{FreeMinutes: 200, AddOnMinutes: 10})
	b.Identity.EndAccess()
	ids := historyIDs(t, b, backend.LicenseHistoryQuery{SubAccountID: sub.ID})
	g := func(n ...int) []int64 {
		out := []int64{}
		for _, i := range n {
			out = append(out, ids[i-1])
		}
		return out
	}
	cases := []struct {
		sort      string
		asc, desc []int64
	}{
		{"", g(1, 2, 3, 4), g(4, 3, 2, 1)},
		{"at", g(1, 2, 3, 4), g(4, 3, 2, 1)},
		{"validUntil", g(2, 4, 1, 3), g(3, 1, 2, 4)},
		{"freeMinutes", g(2, 3, 4, 1), g(1, 4, 3, 2)},
		{"addOnMinutes", g(1, 4, 3, 2), g(2, 3, 4, 1)},
		{"resultingValidity", g(1, 2, 3, 4), g(3, 4, 1, 2)},
		{"remarks", g(4, 2, 1, 3), g(3, 1, 2, 4)},
		{"actor", g(1, 3, 2, 4), g(4, 2, 1, 3)},
	}
	for _, tc := range cases {
		t.Run(tc.sort, func(t *testing.T) {
			q := backend.LicenseHistoryQuery{SubAccountID: sub.ID, Sort: tc.sort}
			if got := historyIDs(t, b, q); !slices.Equal(got, tc.asc) {
				t.Errorf("ascending %v, want %v", got, tc.asc)
			}
			q.Desc = true
			if got := historyIDs(t, b, q); !slices.Equal(got, tc.desc) {
				t.Errorf("descending %v, want %v", got, tc.desc)
			}
		})
	}
	for _, s := range backend.LicenseHistorySorts {
		if !slices.ContainsFunc(cases, func(c struct {
			sort      string
			asc, desc []int64
		}) bool {
			return c.sort == string(s.Value)
		}) {
			t.Errorf("sort key %s not tested", s.Value)
		}
	}
	page, err := b.Licenses.History(backend.LicenseHistoryQuery{SubAccountID: sub.ID, Offset: 1, Limit: 2})
	if err != nil || page.Total != 4 || len(page.Items) != 2 || page.Items[0].ID != ids[1] {
		t.Errorf("page %+v %v", page, err)
	}
	if r := page.Items[0]; r.ValidUntil != "" || r.ResultingValidity != "2026-12-31T23:59:59.999Z" ||
		r.Actor != "dana as customer user owner@acme.example (session 3)" || r.AddOnMinutes != 1000 {
		t.Errorf("row %+v", r)
	}
	for _, q := range []backend.LicenseHistoryQuery{{SubAccountID: sub.ID, Sort: "remarks desc"}, {SubAccountID: sub.ID, Limit: 501}, {SubAccountID: sub.ID, Offset: -1}} {
		if _, err := b.Licenses.History(q); backend.ErrorCode(err) != backend.CodeInvalid {
			t.Errorf("%+v: %v", q, err)
		}
	}
	if _, err := b.Licenses.History(backend.LicenseHistoryQuery{SubAccountID: 9999}); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("unknown sub-account: %v", err)
	}
	other := mustCreate(t, b, "Bee Solar")
	if got := historyIDs(t, b, backend.LicenseHistoryQuery{SubAccountID: other.ID}); len(got) != 0 {
		t.Errorf("unlicensed history %v", got)
	}
}

func TestLicenseMinutesFallWithCalls(t *testing.T) {
	b, c := newBackend(t) // 1 Mar 2026 09:30 UTC = 10:30 in Zurich
	sub, other := mustCreate(t, b, "Acme Dental"), mustCreate(t, b, "Bee Solar")
	mustUser(t, b, userIn(sub.ID, "Sam", "sam@acme.example", backend.RoleAdmin, "Europe/Zurich"))
	if v := mustLicense(t, b, sub.ID); v.TimeZone != "Europe/Zurich" || v.Licensed {
		t.Fatalf("unlicensed view %+v", v)
	}
	start := c.now()
	v := mustAdd(t, b, sub.ID, backend.LicenseAddition{ValidUntil: "2026-12-31", FreeMinutes: 100, AddOnMinutes: 50})
	if v.TimeZone != "Europe/Zurich" || v.ValidUntil != "2026-12-31T22:59:59.999Z" || v.FreeLeft != 100 || v.AddOnLeft != 50 ||
		v.CycleFrom != "2026-03-01T09:30:00Z" || v.CycleUntil != "2026-04-01T08:30:00Z" || v.Forecast != "" {
		t.Fatalf("new license %+v", v)
	}
	c.advance(2 * time.Hour)
	ms := func(d time.Duration) int64 { return start.Add(d).UnixMilli() }
	calls := []db.CallRow{
		{ProviderCallID: "a", Direction: "in", StartedAt: ms(10 * time.Minute), DurationS: 61},                        // 2 min
		{ProviderCallID: "b", Direction: "out", StartedAt: ms(20 * time.Minute), DurationS: 0},                        // 0 min
		{ProviderCallID: "leg", ParentCallID: "a", Direction: "out", StartedAt: ms(11 * time.Minute), DurationS: 600}, // a leg: its parent's
		{ProviderCallID: "before", Direction: "in", StartedAt: ms(-time.Hour), DurationS: 600},                        // before the license
	}
	addCalls(t, b, sub.ID, calls...)
	addCalls(t, b, other.ID, db.CallRow{ProviderCallID: "o", Direction: "in", StartedAt: ms(time.Minute), DurationS: 6000})
	if v = mustLicense(t, b, sub.ID); v.FreeLeft != 98 || v.AddOnLeft != 50 || v.UsedThisCycle != 2 || v.Forecast == "" {
		t.Fatalf("after 2 minutes %+v", v)
	}
	// Free minutes go first, then add-on; the same calls synced again count once.
	addCalls(t, b, sub.ID, db.CallRow{ProviderCallID: "long", Provider: "vapi", Direction: "out", StartedAt: ms(time.Hour), DurationS: 130 * 60})
	addCalls(t, b, sub.ID, calls...)
	if v = mustLicense(t, b, sub.ID); v.FreeLeft != 0 || v.AddOnLeft != 18 || v.UsedThisCycle != 132 || v.Overage != 0 {
		t.Fatalf("after 132 minutes %+v", v)
	}
	// The next cycle opens with the free minutes again; add-on minutes carry over.
	c.set(time.Date(2026, 4, 1, 8, 30, 0, 0, time.UTC))
	if v = mustLicense(t, b, sub.ID); v.FreeLeft != 100 || v.AddOnLeft != 18 || v.UsedThisCycle != 0 ||
		v.CycleFrom != "2026-04-01T08:30:00Z" || v.CycleUntil != "2026-05-01T08:30:00Z" {
		t.Fatalf("next cycle %+v", v)
	}
	addCalls(t, b, sub.ID, db.CallRow{ProviderCallID: "c", Direction: "in", StartedAt: c.now().UnixMilli(), DurationS: 125 * 60})
	c.advance(3 * time.Hour)
	if v = mustLicense(t, b, sub.ID); v.FreeLeft != 0 || v.AddOnLeft != 0 || v.UsedThisCycle != 125 || v.Overage != 7 {
		t.Fatalf("beyond every balance %+v", v)
	}
	// Validity: expiring soon within a week, then expired.
	c.set(time.Date(2026, 12, 26, 12, 0, 0, 0, time.UTC))
	if v = mustLicense(t, b, sub.ID); !v.ExpiringSoon || v.Expired {
		t.Errorf("a week before the end %+v", v)
	}
	c.set(time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC))
	if v = mustLicense(t, b, sub.ID); v.ExpiringSoon || !v.Expired {
		t.Errorf("after the end %+v", v)
	}
	if _, err := b.Licenses.Get(9999); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("unknown sub-account: %v", err)
	}
}
