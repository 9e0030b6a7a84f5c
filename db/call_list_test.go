package db_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"switchboard/db"
	"switchboard/db/gen"
)

func callIDs(rows []gen.Call) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.ProviderCallID
	}
	return out
}

func ptr(v int64) *int64 { return &v }

func TestListCalls(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	sub := insert(t, s, "Acme Dental")
	other := insert(t, s, "Other")
	calls := []db.CallRow{
		{ProviderCallID: "a", Direction: "in", Status: "completed", FromNumber: "+1", ToNumber: "+9", StartedAt: 1000, DurationS: 61, CostMicros: 300000, Currency: "USD"},
		{ProviderCallID: "b", Direction: "out", Status: "failed", FromNumber: "+3", ToNumber: "+7", StartedAt: 2000, DurationS: 0, CostMicros: 0, Currency: ""},
		{ProviderCallID: "c", Direction: "web", Status: "completed", FromNumber: "+2", ToNumber: "+8", StartedAt: 3000, DurationS: 60, CostMicros: 500000000, Currency: "JPY"},
		{ProviderCallID: "d", Direction: "out", Status: "completed", FromNumber: "+2", ToNumber: "+6", StartedAt: 4000, DurationS: 1, CostMicros: 100000, Currency: "USD"},
	}
	for i := range calls {
		calls[i].SubAccountID, calls[i].Provider = &sub.ID, "retell"
	}
	if err := s.InTx(ctx, func(tx *db.Tx) error { return tx.UpsertCalls(ctx, calls) }); err != nil {
		t.Fatal(err)
	}
	if err := s.InTx(ctx, func(tx *db.Tx) error {
		return tx.UpsertCalls(ctx, []db.CallRow{{SubAccountID: &other.ID, Provider: "vapi", ProviderCallID: "x",
			Direction: "in", Status: "completed", StartedAt: 1500, DurationS: 600}})
	}); err != nil {
		t.Fatal(err)
	}
	f := db.CallFilter{SubAccountID: sub.ID}
	tests := []struct {
		name string
		p    db.ListCallsParams
		want []string
	}{
		{"started ascending", db.ListCallsParams{CallFilter: f, Sort: db.CallSortStartedAt}, []string{"a", "b", "c", "d"}},
		{"started descending", db.ListCallsParams{CallFilter: f, Sort: db.CallSortStartedAt, Desc: true}, []string{"d", "c", "b", "a"}},
		{"duration, ties by start", db.ListCallsParams{CallFilter: f, Sort: db.CallSortDuration}, []string{"b", "d", "c", "a"}},
		{"cost groups by currency", db.ListCallsParams{CallFilter: f, Sort: db.CallSortCost}, []string{"b", "c", "d", "a"}},
		{"from, ties by start", db.ListCallsParams{CallFilter: f, Sort: db.CallSortFrom, Desc: true}, []string{"b", "d", "c", "a"}},
		{"direction filter", db.ListCallsParams{CallFilter: db.CallFilter{SubAccountID: sub.ID, Direction: "out"}, Sort: db.CallSortStartedAt}, []string{"b", "d"}},
		{"status filter", db.ListCallsParams{CallFilter: db.CallFilter{SubAccountID: sub.ID, Status: "completed"}, Sort: db.CallSortStartedAt}, []string{"a", "c", "d"}},
		{"since inclusive, until exclusive", db.ListCallsParams{CallFilter: db.CallFilter{SubAccountID: sub.ID, Since: ptr(2000), Until: ptr(4000)}, Sort: db.CallSortStartedAt}, []string{"b", "c"}},
		{"page", db.ListCallsParams{CallFilter: f, Sort: db.CallSortStartedAt, Limit: 2, Offset: 1}, []string{"b", "c"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := s.ListCalls(ctx, tc.p)
			if err != nil {
				t.Fatal(err)
			}
			if got := callIDs(rows); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	if _, err := s.ListCalls(ctx, db.ListCallsParams{CallFilter: f, Sort: "id; DROP TABLE calls"}); err == nil {
		t.Error("an unknown sort key was accepted")
	}

	totals, err := s.CallTotals(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	want := []db.CurrencyTotal{
		{Currency: "", Count: 1, Minutes: 0, CostMicros: 0},
		{Currency: "JPY", Count: 1, Minutes: 1, CostMicros: 500000000},
		{Currency: "USD", Count: 2, Minutes: 3, CostMicros: 400000}, // 61 s → 2 min, 1 s → 1 min
	}
	if !slices.Equal(totals, want) {
		t.Errorf("totals %+v, want %+v", totals, want)
	}
	if totals, err := s.CallTotals(ctx, db.CallFilter{SubAccountID: sub.ID, Direction: "in", Status: "nope"}); err != nil || len(totals) != 0 {
		t.Errorf("totals of nothing: %+v %v", totals, err)
	}
}

// TestDefaultCallSortUsesTheIndex checks that the first page of the default
// sort, with or without a time range, is read off calls_by_sub_account
// without sorting.
func TestDefaultCallSortUsesTheIndex(t *testing.T) {
	s := openTest(t)
	for _, p := range []db.ListCallsParams{
		{CallFilter: db.CallFilter{SubAccountID: 1}, Sort: db.CallSortStartedAt, Desc: true, Limit: 100},
		{CallFilter: db.CallFilter{SubAccountID: 1, Since: ptr(1), Until: ptr(2), Direction: "in"}, Sort: db.CallSortStartedAt, Limit: 100},
	} {
		query, args, err := db.ListCallsSQL(p)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := s.SQL().Query("EXPLAIN QUERY PLAN "+query, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		text := strings.Join(plan, "; ")
		if !strings.Contains(text, "calls_by_sub_account") || strings.Contains(text, "TEMP B-TREE") {
			t.Errorf("plan of %s: %s", query, text)
		}
	}
}

// TestCallTotalsCountALegsCostNotItsMinutes: a Twilio <Dial> leg is billed
// usage, so its cost adds to the total, but it runs inside its parent's
// conversation, so its minutes do not; costs are summed exactly (micros).
func TestCallTotalsCountALegsCostNotItsMinutes(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	sub := insert(t, s, "Acme Dental")
	calls := []db.CallRow{
		{ProviderCallID: "CA1", Direction: "in", Status: "completed", StartedAt: 1000, DurationS: 61, CostMicros: 4250, Currency: "USD"},
		{ProviderCallID: "CA2", ParentCallID: "CA1", Direction: "out", Status: "completed", StartedAt: 2000, DurationS: 59, CostMicros: 4250, Currency: "USD"},
		{ProviderCallID: "CA3", ParentCallID: "CA1", Direction: "out", Status: "no_answer", StartedAt: 3000, DurationS: 0, CostMicros: 4250, Currency: "USD"},
	}
	for i := range calls {
		calls[i].SubAccountID, calls[i].Provider = &sub.ID, "twilio"
	}
	if err := s.InTx(ctx, func(tx *db.Tx) error { return tx.UpsertCalls(ctx, calls) }); err != nil {
		t.Fatal(err)
	}
	totals, err := s.CallTotals(ctx, db.CallFilter{SubAccountID: sub.ID})
	if err != nil {
		t.Fatal(err)
	}
	want := []db.CurrencyTotal{{Currency: "USD", Count: 3, Minutes: 2, CostMicros: 12750}}
	if !slices.Equal(totals, want) {
		t.Errorf("totals %+v, want %+v (the legs' minutes are the parent's)", totals, want)
	}
}
