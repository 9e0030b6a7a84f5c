package backend_test

import (
	"errors"
	"testing"

	"switchboard/backend"
)

// refusedWell fails t unless err is nil or a coded invalid error that names
// a field: a query from the window is never an internal failure.
func refusedWell(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var e *backend.Error
	if !errors.As(err, &e) || e.Code != backend.CodeInvalid || len(e.Fields) == 0 {
		t.Fatalf("%s: %v (%T), want nil or an invalid error naming a field", what, err, err)
	}
}

// FuzzListQueries sends arbitrary list, call and audit queries: each is
// answered or refused with a field error, never with an internal one.
func FuzzListQueries(f *testing.F) {
	f.Add("acme", "active", "retell", "name", 0, 100, "in", "completed", "2026-03-01", "2026-03-02", "Europe/Berlin")
	f.Add("", "", "", "", -1, 0, "", "", "", "", "")
	f.Add("a\x00b", "nope", "none", "cost_minor; DROP TABLE calls", 1<<40, 1<<20, "sideways", "ended", "2026-02-30", "x", "Mars/Olympus")
	f.Add("\"*", "inactive", "vapi", "lastCall", 99, 500, "web", "no_answer", "0001-01-01", "9999-12-31", "UTC")
	b, _ := newBackend(f)
	sub := mustCreate(f, b, "Acme Dental")
	f.Fuzz(func(t *testing.T, search, status, prov, sort string, offset, limit int, dir, callStatus, from, to, zone string) {
		_, err := b.SubAccounts.List(backend.ListQuery{Search: search, Status: status, Provider: prov, Sort: sort, Offset: offset, Limit: limit})
		refusedWell(t, "sub-account list", err)
		_, err = b.Calls.List(backend.CallQuery{SubAccountID: sub.ID, Direction: dir, Status: callStatus, FromDate: from,
			ToDate: to, TimeZone: zone, Sort: sort, Offset: offset, Limit: limit})
		refusedWell(t, "call list", err)
		_, err = b.Audit.List(backend.AuditQuery{SubAccountID: sub.ID, Search: search, Before: int64(offset), Limit: limit})
		refusedWell(t, "audit log", err)
	})
}
