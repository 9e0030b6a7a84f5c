package db

import (
	"context"
	"fmt"
	"strings"

	"switchboard/db/gen"
)

// CallSortKey names a column of a sub-account's call list that can be sorted on.
type CallSortKey string

// The sortable columns of the call list.
const (
	CallSortStartedAt CallSortKey = "startedAt"
	CallSortDuration  CallSortKey = "duration"
	CallSortCost      CallSortKey = "cost"
	CallSortDirection CallSortKey = "direction"
	CallSortStatus    CallSortKey = "status"
	CallSortFrom      CallSortKey = "from"
	CallSortTo        CallSortKey = "to"
)

// CallSort is the call list's whitelist of ORDER BY clauses. Every clause
// ends in started_at, id so that paging is stable.
//
// The default sort, by start time, is read straight off calls_by_sub_account
// (sub_account_id, started_at; the rowid id is its implicit last column),
// also under a time range. The other sorts sort the sub-account's matching
// calls; that costs no more than the totals, which read every matching call
// whatever the sort, so an index per column would slow the sync's writes
// without making a page faster.
//
// Cost sorts by currency first: amounts in different currencies are not
// comparable.
var CallSort = NewSortSpec("calls",
	SortKeyColumns[CallSortKey]{CallSortStartedAt, []string{"started_at", "id"}},
	SortKeyColumns[CallSortKey]{CallSortDuration, []string{"duration_s", "started_at", "id"}},
	SortKeyColumns[CallSortKey]{CallSortCost, []string{"currency", "cost_micros", "started_at", "id"}},
	SortKeyColumns[CallSortKey]{CallSortDirection, []string{"direction", "started_at", "id"}},
	SortKeyColumns[CallSortKey]{CallSortStatus, []string{"status", "started_at", "id"}},
	SortKeyColumns[CallSortKey]{CallSortFrom, []string{"from_number", "started_at", "id"}},
	SortKeyColumns[CallSortKey]{CallSortTo, []string{"to_number", "started_at", "id"}},
)

// CallFilter selects one sub-account's calls. Empty strings and nil bounds
// mean "no filter". Since (inclusive) and Until (exclusive) bound the start
// time, in Unix milliseconds.
type CallFilter struct {
	SubAccountID int64
	Direction    string
	Status       string
	Since        *int64
	Until        *int64
}

func (f CallFilter) where() (string, []any) {
	conds := []string{"sub_account_id = ?"}
	args := []any{f.SubAccountID}
	if f.Direction != "" {
		conds = append(conds, "direction = ?")
		args = append(args, f.Direction)
	}
	if f.Status != "" {
		conds = append(conds, "status = ?")
		args = append(args, f.Status)
	}
	if f.Since != nil {
		conds = append(conds, "started_at >= ?")
		args = append(args, *f.Since)
	}
	if f.Until != nil {
		conds = append(conds, "started_at < ?")
		args = append(args, *f.Until)
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// ListCallsParams selects calls in an order. Limit 0 means every matching
// call (the export); otherwise Limit and Offset select one page.
type ListCallsParams struct {
	CallFilter
	Sort   CallSortKey
	Desc   bool
	Limit  int
	Offset int
}

// CallColumns are the columns a call list reads, in gen.Call's order.
var CallColumns = []string{"id", "sub_account_id", "account_key", "provider", "provider_call_id", "parent_call_id",
	"agent_id", "direction", "status", "status_raw", "from_number", "to_number", "started_at", "ended_at", "duration_s",
	"cost_micros", "currency", "most_minutes"}

// ListCallsSQL returns the SQL and arguments that list calls. It is exported
// so that tests and benchmarks can inspect the very same statement.
func ListCallsSQL(p ListCallsParams) (string, []any, error) {
	order, err := CallSort.OrderBy(p.Sort, p.Desc)
	if err != nil {
		return "", nil, err
	}
	where, args := p.where()
	query := "SELECT " + strings.Join(CallColumns, ", ") + " FROM calls" + where + order
	if p.Limit > 0 {
		query += " LIMIT ? OFFSET ?"
		args = append(args, p.Limit, p.Offset)
	}
	return query, args, nil
}

// ListCalls returns the calls p selects, in order.
func (s Queries) ListCalls(ctx context.Context, p ListCallsParams) ([]gen.Call, error) {
	items := make([]gen.Call, 0, max(p.Limit, 0))
	err := s.EachCall(ctx, p, func(c gen.Call) error {
		items = append(items, c)
		return nil
	})
	return items, err
}

// EachCall streams the calls p selects to fn, in order, without holding them
// in memory. It stops at the first error fn returns and returns it.
func (s Queries) EachCall(ctx context.Context, p ListCallsParams, fn func(gen.Call) error) error {
	query, args, err := ListCallsSQL(p)
	if err != nil {
		return err
	}
	rows, err := s.h.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("list calls: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c gen.Call
		if err := rows.Scan(&c.ID, &c.SubAccountID, &c.AccountKey, &c.Provider, &c.ProviderCallID, &c.ParentCallID,
			&c.AgentID, &c.Direction, &c.Status, &c.StatusRaw, &c.FromNumber, &c.ToNumber, &c.StartedAt, &c.EndedAt,
			&c.DurationS, &c.CostMicros, &c.Currency, &c.MostMinutes); err != nil {
			return fmt.Errorf("list calls: %w", err)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list calls: %w", err)
	}
	return nil
}

// CurrencyTotal sums the calls of one currency ("" for calls without a
// reported cost). Minutes rounds each call up to whole minutes before
// summing (0 s counts 0, 1-60 s count 1, 61 s counts 2) and counts a
// conversation once: a leg (parent_call_id set) is billed usage, its cost is
// summed, but its minutes are its parent's. CostMicros is the exact sum;
// the caller rounds it once.
type CurrencyTotal struct {
	Currency   string
	Count      int64
	Minutes    int64
	CostMicros int64
}

// CallTotalsSQL returns the SQL and arguments that total the calls f selects,
// one row per currency in currency order.
func CallTotalsSQL(f CallFilter) (string, []any) {
	where, args := f.where()
	return "SELECT currency, count(*)," +
		" CAST(COALESCE(SUM(CASE parent_call_id WHEN '' THEN (duration_s + 59) / 60 ELSE 0 END), 0) AS INTEGER)," +
		" CAST(COALESCE(SUM(cost_micros), 0) AS INTEGER)" +
		" FROM calls" + where + " GROUP BY currency ORDER BY currency", args
}

// CallTotals totals the calls f selects per currency; no row means no call.
func (s Queries) CallTotals(ctx context.Context, f CallFilter) ([]CurrencyTotal, error) {
	query, args := CallTotalsSQL(f)
	rows, err := s.h.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("total calls: %w", err)
	}
	defer rows.Close()
	out := []CurrencyTotal{}
	for rows.Next() {
		var t CurrencyTotal
		if err := rows.Scan(&t.Currency, &t.Count, &t.Minutes, &t.CostMicros); err != nil {
			return nil, fmt.Errorf("total calls: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("total calls: %w", err)
	}
	return out, nil
}
