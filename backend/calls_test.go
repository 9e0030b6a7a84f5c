package backend_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/db"
)

// saveDialog is a Dialogs that answers with a fixed path ("" = cancel) and
// remembers what it was asked.
type saveDialog struct {
	path               string
	title, defaultName string
}

func (d *saveDialog) SaveFile(title, defaultName string) (string, error) {
	d.title, d.defaultName = title, defaultName
	return d.path, nil
}

// exportEvents records export progress; onEmit, when set, runs on each event.
type exportEvents struct {
	mu       sync.Mutex
	progress []backend.ExportProgress
	onEmit   func(backend.ExportProgress)
}

func (e *exportEvents) Emit(name backend.EventName, data any) {
	p, ok := data.(backend.ExportProgress)
	if !ok || name != backend.EventExport {
		return
	}
	e.mu.Lock()
	e.progress = append(e.progress, p)
	e.mu.Unlock()
	if e.onEmit != nil {
		e.onEmit(p)
	}
}

var callEpoch = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

func at(d time.Duration) int64 { return callEpoch.Add(d).UnixMilli() }

// addCalls stores calls for a sub-account in one transaction; a call's
// Provider defaults to retell.
func addCalls(t *testing.T, b *backend.Backend, subID int64, calls ...db.CallRow) {
	t.Helper()
	for i := range calls {
		calls[i].SubAccountID = &subID
		if calls[i].Provider == "" {
			calls[i].Provider = "retell"
		}
		if calls[i].Status == "" {
			calls[i].Status = "unknown"
		}
	}
	err := b.Store.InTx(context.Background(), func(tx *db.Tx) error { return b.StoreCalls(context.Background(), tx, calls) })
	if err != nil {
		t.Fatal(err)
	}
}

func callIDs(items []backend.Call) []string {
	out := make([]string, len(items))
	for i, c := range items {
		out[i] = c.ProviderCallID
	}
	return out
}

// callFixture is four calls whose every sortable column orders them
// differently, and one call of another sub-account.
func callFixture(t *testing.T) (*backend.Backend, *backend.CallService, backend.SubAccount) {
	t.Helper()
	b, _ := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	other := mustCreate(t, b, "Other")
	end := at(time.Hour + 30*time.Second)
	addCalls(t, b, sub.ID,
		db.CallRow{ProviderCallID: "c1", Direction: "out", Status: "completed", FromNumber: "+3", ToNumber: "+2",
			StartedAt: at(1 * time.Hour), EndedAt: &end, DurationS: 30, CostMicros: 100000, Currency: "USD"},
		db.CallRow{ProviderCallID: "c2", Direction: "in", Status: "failed", FromNumber: "+1", ToNumber: "+4",
			StartedAt: at(2 * time.Hour), DurationS: 90, CostMicros: 50000, Currency: "USD"},
		db.CallRow{ProviderCallID: "c3", Direction: "web", Status: "busy", FromNumber: "+4", ToNumber: "+1",
			StartedAt: at(3 * time.Hour), DurationS: 0},
		db.CallRow{ProviderCallID: "c4", Direction: "unknown", Status: "completed", StatusRaw: "answered", FromNumber: "+2", ToNumber: "+3",
			StartedAt: at(4 * time.Hour), DurationS: 61, CostMicros: 2000000, Currency: "EUR", Provider: "vapi"},
	)
	addCalls(t, b, other.ID, db.CallRow{ProviderCallID: "o1", Direction: "out", StartedAt: at(90 * time.Minute), DurationS: 600})
	return b, backend.NewCallService(context.Background(), b.Store, &saveDialog{}, backend.NopEvents{}), sub
}

func TestCallListSortsEveryColumnBothWays(t *testing.T) {
	_, calls, sub := callFixture(t)
	ascending := map[string][]string{
		"startedAt": {"c1", "c2", "c3", "c4"},
		"duration":  {"c3", "c1", "c4", "c2"},
		"cost":      {"c3", "c4", "c2", "c1"}, // no cost, EUR, then USD by amount
		"direction": {"c2", "c1", "c4", "c3"},
		"status":    {"c3", "c1", "c4", "c2"}, // busy, completed (by start), failed
		"from":      {"c2", "c4", "c1", "c3"},
		"to":        {"c3", "c1", "c4", "c2"},
	}
	for sort, want := range ascending {
		for _, desc := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s desc=%v", sort, desc), func(t *testing.T) {
				page, err := calls.List(backend.CallQuery{SubAccountID: sub.ID, Sort: sort, Desc: desc})
				if err != nil {
					t.Fatal(err)
				}
				w := slices.Clone(want)
				if desc {
					slices.Reverse(w)
				}
				if got := callIDs(page.Items); !slices.Equal(got, w) || page.Total != 4 {
					t.Errorf("got %v (total %d), want %v", got, page.Total, w)
				}
			})
		}
	}
}

func TestCallListFiltersPagesAndTotals(t *testing.T) {
	_, calls, sub := callFixture(t)
	money := func(cur string, minor int64, amount string) backend.Money {
		return backend.Money{Currency: cur, AmountMinor: minor, Amount: amount, Exponent: 2}
	}
	tests := []struct {
		name   string
		q      backend.CallQuery
		want   []string
		totals backend.CallTotals
	}{
		{"all, minutes rounded up per call", backend.CallQuery{}, []string{"c1", "c2", "c3", "c4"},
			backend.CallTotals{Count: 4, Minutes: 1 + 2 + 0 + 2, Costs: []backend.Money{money("EUR", 200, "2.00"), money("USD", 15, "0.15")}}},
		{"direction", backend.CallQuery{Direction: "out"}, []string{"c1"},
			backend.CallTotals{Count: 1, Minutes: 1, Costs: []backend.Money{money("USD", 10, "0.10")}}},
		{"status", backend.CallQuery{Status: "busy"}, []string{"c3"},
			backend.CallTotals{Count: 1, Minutes: 0, Costs: []backend.Money{}}},
		{"a status no call has", backend.CallQuery{Status: "no_answer"}, []string{},
			backend.CallTotals{Costs: []backend.Money{}}},
		{"the picked day in UTC", backend.CallQuery{FromDate: "2026-03-01", ToDate: "2026-03-01"}, []string{"c1", "c2", "c3", "c4"},
			backend.CallTotals{Count: 4, Minutes: 5, Costs: []backend.Money{money("EUR", 200, "2.00"), money("USD", 15, "0.15")}}},
		// Nouméa is UTC+11: 13:00 UTC on 1 March is midnight of 2 March there.
		{"from a day in the user's zone", backend.CallQuery{FromDate: "2026-03-02", TimeZone: "Pacific/Noumea"}, []string{"c3", "c4"},
			backend.CallTotals{Count: 2, Minutes: 2, Costs: []backend.Money{money("EUR", 200, "2.00")}}},
		{"to a day in the user's zone, included", backend.CallQuery{ToDate: "2026-03-01", TimeZone: "Pacific/Noumea"}, []string{"c1", "c2"},
			backend.CallTotals{Count: 2, Minutes: 3, Costs: []backend.Money{money("USD", 15, "0.15")}}},
		{"page: totals cover every match", backend.CallQuery{Offset: 1, Limit: 2}, []string{"c2", "c3"},
			backend.CallTotals{Count: 4, Minutes: 5, Costs: []backend.Money{money("EUR", 200, "2.00"), money("USD", 15, "0.15")}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.q.SubAccountID = sub.ID
			page, err := calls.List(tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := callIDs(page.Items); !slices.Equal(got, tc.want) {
				t.Errorf("items %v, want %v", got, tc.want)
			}
			if fmt.Sprint(page.Totals) != fmt.Sprint(tc.totals) || page.Total != tc.totals.Count {
				t.Errorf("totals %+v (total %d), want %+v", page.Totals, page.Total, tc.totals)
			}
		})
	}
	page, _ := calls.List(backend.CallQuery{SubAccountID: sub.ID, Limit: 1})
	want := backend.Call{ID: page.Items[0].ID, Provider: "retell", ProviderName: "Retell AI", ProviderCallID: "c1",
		Direction: "out", Status: "completed", StatusLabel: "Completed", From: "+3", To: "+2", StartedAt: "2026-03-01T11:00:00Z", EndedAt: "2026-03-01T11:00:30Z",
		DurationSec: 30, CostMicros: 100000, Currency: "USD", Cost: "0.10", Exponent: 2}
	if page.Items[0] != want || page.Limit != 1 || page.Offset != 0 {
		t.Errorf("call %+v\nwant %+v", page.Items[0], want)
	}
}

func TestCallListValidatesQuery(t *testing.T) {
	_, calls, sub := callFixture(t)
	for field, q := range map[string]backend.CallQuery{
		"direction": {Direction: "sideways"},
		"fromDate":  {FromDate: "2026-03-01T00:00:00Z"},
		"toDate":    {FromDate: "2026-03-02", ToDate: "2026-03-01"},
		"timeZone":  {FromDate: "2026-03-02", TimeZone: "Mars/Olympus_Mons"},
		"sort":      {Sort: "cost_minor; DROP TABLE calls"},
		"status":    {Status: "ended"},
		"limit":     {Limit: 501},
		"offset":    {Offset: -1},
	} {
		t.Run(field, func(t *testing.T) {
			q.SubAccountID = sub.ID
			_, err := calls.List(q)
			fieldErr(t, err, backend.CodeInvalid, field)
			_, err = calls.ExportCSV(q)
			if field != "limit" && field != "offset" { // the export ignores paging
				fieldErr(t, err, backend.CodeInvalid, field)
			}
		})
	}
	if _, err := calls.List(backend.CallQuery{SubAccountID: 999}); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("missing sub-account: %v", err)
	}
}

func TestExportCSVWritesEveryMatchingCallSafely(t *testing.T) {
	b, _ := newBackend(t)
	sub := mustCreate(t, b, "Acme/Dental: East")
	end := at(61 * time.Second)
	addCalls(t, b, sub.ID,
		db.CallRow{ProviderCallID: "call_1", Direction: "out", Status: "completed", StatusRaw: "ended", FromNumber: "+15550001111",
			ToNumber: "-1+2", StartedAt: at(0), EndedAt: &end, DurationS: 61, CostMicros: 12340000, Currency: "USD"},
		db.CallRow{ProviderCallID: `x,"y"`, Direction: "web", Status: "failed", StatusRaw: `=cmd|' /C calc'!A0`, FromNumber: "@me",
			StartedAt: at(time.Hour + 500*time.Millisecond), DurationS: 0, CostMicros: 500000000, Currency: "JPY", Provider: "vapi"},
		db.CallRow{ProviderCallID: "c3", Direction: "in", Status: "", FromNumber: "line\nbreak",
			StartedAt: at(2 * time.Hour), DurationS: 9, CostMicros: 50000, Currency: "EUR", Provider: "telnyx"},
		db.CallRow{ProviderCallID: "c4", Direction: "unknown", StartedAt: at(3 * time.Hour), DurationS: 1},
		db.CallRow{ProviderCallID: "CA2", ParentCallID: "call_1", Direction: "out", Status: "completed", StatusRaw: "completed",
			StartedAt: at(time.Second), DurationS: 50, CostMicros: 4250, Currency: "USD", Provider: "twilio"},
	)
	dir := t.TempDir()
	dialog := &saveDialog{path: filepath.Join(dir, "out.csv")}
	events := &exportEvents{}
	calls := backend.NewCallService(context.Background(), b.Store, dialog, events)

	res, err := calls.ExportCSV(backend.CallQuery{SubAccountID: sub.ID, Sort: "startedAt", Desc: true, Direction: "", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res != (backend.ExportResult{Path: dialog.path, Rows: 5}) {
		t.Errorf("result %+v", res)
	}
	if dialog.title != "Export calls" || dialog.defaultName != "Acme_Dental_ East-calls.csv" {
		t.Errorf("dialog asked %q %q", dialog.title, dialog.defaultName)
	}
	got, _ := os.ReadFile(dialog.path)
	want := "Started at,Ended at,Direction,Status,Provider status,From,To,Duration (s),Cost,Currency,Provider,Provider call ID,Leg of call ID\r\n" +
		"2026-03-01T13:00:00Z,,Unknown,Unknown,,,,1,,,Retell AI,c4,\r\n" +
		"2026-03-01T12:00:00Z,,Inbound,Unknown,,\"line\r\nbreak\",,9,0.05,EUR,Telnyx,c3,\r\n" +
		"2026-03-01T11:00:00.5Z,,Web,Failed,'=cmd|' /C calc'!A0,'@me,,0,500,JPY,Vapi,\"x,\"\"y\"\"\",\r\n" +
		"2026-03-01T10:00:01Z,,Outbound,Completed,completed,,,50,0.00425,USD,Twilio,CA2,call_1\r\n" +
		"2026-03-01T10:00:00Z,2026-03-01T10:01:01Z,Outbound,Completed,ended,'+15550001111,'-1+2,61,12.34,USD,Retell AI,call_1,\r\n"
	if string(got) != want {
		t.Errorf("csv:\n%q\nwant:\n%q", got, want)
	}
	if len(events.progress) != 2 || events.progress[0] != (backend.ExportProgress{Written: 0, Total: 5}) ||
		events.progress[1] != (backend.ExportProgress{Written: 5, Total: 5}) {
		t.Errorf("progress %+v", events.progress)
	}

	// Filters apply to the export too.
	res, err = calls.ExportCSV(backend.CallQuery{SubAccountID: sub.ID, Direction: "out"})
	got, _ = os.ReadFile(dialog.path)
	if err != nil || res.Rows != 2 || strings.Count(string(got), "\r\n") != 3 || !strings.Contains(string(got), "call_1") {
		t.Errorf("filtered export %+v %v:\n%s", res, err, got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left beside the export: %v", entries)
	}
}

func TestExportCSVCancelledWritesNothing(t *testing.T) {
	b, _, sub := callFixture(t)
	events := &exportEvents{}
	calls := backend.NewCallService(context.Background(), b.Store, &saveDialog{path: ""}, events)
	res, err := calls.ExportCSV(backend.CallQuery{SubAccountID: sub.ID})
	if err != nil || res != (backend.ExportResult{Cancelled: true}) || len(events.progress) != 0 {
		t.Errorf("cancelled export: %+v %v, events %v", res, err, events.progress)
	}
}

func TestExportCSVReportsProgressAndNeverLeavesAHalfFile(t *testing.T) {
	b, _ := newBackend(t)
	sub := mustCreate(t, b, "Big Clinic")
	const n = 12000
	many := make([]db.CallRow, n)
	for i := range many {
		many[i] = db.CallRow{ProviderCallID: fmt.Sprintf("call_%05d", i), Direction: "in", StartedAt: at(time.Duration(i) * time.Second), DurationS: 30}
	}
	addCalls(t, b, sub.ID, many...)
	dir := t.TempDir()
	target := filepath.Join(dir, "calls.csv")

	events := &exportEvents{}
	res, err := backend.NewCallService(context.Background(), b.Store, &saveDialog{path: target}, events).
		ExportCSV(backend.CallQuery{SubAccountID: sub.ID})
	if err != nil || res.Rows != n {
		t.Fatalf("export: %+v %v", res, err)
	}
	wantProgress := []backend.ExportProgress{{0, n}, {5000, n}, {10000, n}, {n, n}}
	if !slices.Equal(events.progress, wantProgress) {
		t.Errorf("progress %v, want %v", events.progress, wantProgress)
	}
	if got, _ := os.ReadFile(target); strings.Count(string(got), "\r\n") != n+1 {
		t.Errorf("%d lines, want %d", strings.Count(string(got), "\r\n"), n+1)
	}

	// The app closes half-way: the export fails and the earlier file stays as it was.
	if err := os.WriteFile(target, []byte("earlier export"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events = &exportEvents{onEmit: func(p backend.ExportProgress) {
		if p.Written > 0 {
			cancel()
		}
	}}
	_, err = backend.NewCallService(ctx, b.Store, &saveDialog{path: target}, events).ExportCSV(backend.CallQuery{SubAccountID: sub.ID})
	if backend.ErrorCode(err) != backend.CodeInternal {
		t.Errorf("interrupted export: %v", err)
	}
	if got, _ := os.ReadFile(target); string(got) != "earlier export" {
		t.Errorf("target changed to %d bytes", len(got))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}

	// A folder that cannot be written: nothing is created.
	_, err = backend.NewCallService(context.Background(), b.Store, &saveDialog{path: filepath.Join(dir, "missing", "x.csv")}, &exportEvents{}).
		ExportCSV(backend.CallQuery{SubAccountID: sub.ID})
	if backend.ErrorCode(err) != backend.CodeInternal {
		t.Errorf("export to a missing folder: %v", err)
	}
}

// TestCallTotalsRoundMoneyOnce: three calls of $0.00425 cost one cent in
// total (rounded once), not three (rounded per call), and each call keeps
// its own price to the last digit.
func TestCallTotalsRoundMoneyOnce(t *testing.T) {
	b, _ := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	for i, parent := range []string{"", "CA0", "CA0"} {
		addCalls(t, b, sub.ID, db.CallRow{ProviderCallID: fmt.Sprint("CA", i), ParentCallID: parent, Direction: "out",
			Status: "completed", StartedAt: at(time.Duration(i) * time.Second), DurationS: 30, CostMicros: 4250, Currency: "USD", Provider: "twilio"})
	}
	calls := backend.NewCallService(context.Background(), b.Store, &saveDialog{}, backend.NopEvents{})
	page, err := calls.List(backend.CallQuery{SubAccountID: sub.ID})
	if err != nil {
		t.Fatal(err)
	}
	if want := (backend.CallTotals{Count: 3, Minutes: 1, Costs: []backend.Money{{Currency: "USD", AmountMinor: 1, Amount: "0.01", Exponent: 2}}}); fmt.Sprint(page.Totals) != fmt.Sprint(want) {
		t.Errorf("totals %+v, want %+v", page.Totals, want)
	}
	for _, c := range page.Items {
		if c.Cost != "0.00425" || c.CostNote != "" {
			t.Errorf("call %s costs %q (%q), want 0.00425", c.ProviderCallID, c.Cost, c.CostNote)
		}
	}
}
