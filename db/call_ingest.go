package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"switchboard/backend/license"
	"switchboard/db/gen"
)

// CallRow is one synced call to store.
// SubAccountID is nil for an unassigned call of a shared provider account
// (AccountKey names the account then).
type CallRow struct {
	SubAccountID   *int64
	AccountKey     string
	Provider       string
	ProviderCallID string
	ParentCallID   string
	AgentID        string
	Direction      string
	Status         string
	StatusRaw      string
	FromNumber     string
	ToNumber       string
	StartedAt      int64
	EndedAt        *int64
	DurationS      int64
	CostMicros     int64
	Currency       string
}

// callBatch is how many calls one INSERT carries. Sync stores hundreds of
// thousands of calls; many rows a statement parse, bind and step far less
// than one statement a row. This hot path is the one write sqlc cannot
// express (it has no multi-row VALUES for SQLite), so it is written here.
const callBatch = 100

// InsertCallColumns are the columns a call upsert writes, in CallRow's order.
var InsertCallColumns = []string{"sub_account_id", "account_key", "provider", "provider_call_id", "parent_call_id",
	"agent_id", "direction", "status", "status_raw", "from_number", "to_number", "started_at", "ended_at", "duration_s",
	"cost_micros", "currency", "most_minutes"}

// upsertCallsSQL inserts n calls (most_minutes: the call's whole minutes,
// of which the stored row keeps the most it was ever synced with); a call already stored (same provider and
// provider call id) is updated in place, so syncing twice never duplicates,
// and goes to the sub-account the latest routing gave it.
func upsertCallsSQL(n int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(InsertCallColumns)), ", ") + ")"
	return "INSERT INTO calls (" + strings.Join(InsertCallColumns, ", ") + ") VALUES " + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ") +
		` ON CONFLICT (provider, provider_call_id) DO UPDATE SET
    sub_account_id = excluded.sub_account_id, account_key = excluded.account_key,
    parent_call_id = excluded.parent_call_id, agent_id = excluded.agent_id,
    direction = excluded.direction, status = excluded.status, status_raw = excluded.status_raw,
    from_number = excluded.from_number, to_number = excluded.to_number, started_at = excluded.started_at,
    ended_at = excluded.ended_at, duration_s = excluded.duration_s, cost_micros = excluded.cost_micros,
    currency = excluded.currency, most_minutes = max(calls.most_minutes, excluded.most_minutes)`
}

// UpsertCalls stores calls in this transaction: a page of synced calls
// commits together with the sync's cursor.
func (t *Tx) UpsertCalls(ctx context.Context, calls []CallRow) error {
	return upsertCalls(ctx, t.h, calls)
}

func upsertCalls(ctx context.Context, tx gen.DBTX, calls []CallRow) error {
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	args := make([]any, 0, callBatch*len(InsertCallColumns))
	for lo := 0; lo < len(calls); lo += callBatch {
		chunk := calls[lo:min(lo+callBatch, len(calls))]
		st, ok := stmts[len(chunk)]
		if !ok {
			var err error
			if st, err = tx.PrepareContext(ctx, upsertCallsSQL(len(chunk))); err != nil {
				return fmt.Errorf("prepare call insert: %w", err)
			}
			stmts[len(chunk)] = st
		}
		args = args[:0]
		for _, c := range chunk {
			args = append(args, c.SubAccountID, c.AccountKey, c.Provider, c.ProviderCallID, c.ParentCallID, c.AgentID,
				c.Direction, c.Status, c.StatusRaw, c.FromNumber, c.ToNumber, c.StartedAt, c.EndedAt, c.DurationS,
				c.CostMicros, c.Currency, license.Minutes(c.DurationS))
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("store calls: %w", err)
		}
	}
	return nil
}

// StoredCall is what a license charge needs of a call already stored.
type StoredCall struct {
	SubAccountID *int64
	MostMinutes  int64
}

// StoredCalls returns the calls of provider among ids that are stored
// already, by provider call id: the minutes a license was charged for them.
// The ids go as one JSON array, so one statement asks for a whole page.
func (t *Tx) StoredCalls(ctx context.Context, provider string, ids []string) (map[string]StoredCall, error) {
	out := map[string]StoredCall{}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	st, err := t.h.PrepareContext(ctx, storedCallsSQL)
	if err != nil {
		return nil, fmt.Errorf("prepare stored calls: %w", err)
	}
	defer st.Close()
	if err := scanStoredCalls(ctx, st, []any{provider, string(list)}, out); err != nil {
		return nil, err
	}
	return out, nil
}

const storedCallsSQL = `SELECT provider_call_id, sub_account_id, most_minutes FROM calls
WHERE provider = ? AND provider_call_id IN (SELECT value FROM json_each(?))`

func scanStoredCalls(ctx context.Context, st *sql.Stmt, args []any, out map[string]StoredCall) error {
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return fmt.Errorf("read stored calls: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var c StoredCall
		if err := rows.Scan(&id, &c.SubAccountID, &c.MostMinutes); err != nil {
			return fmt.Errorf("read stored calls: %w", err)
		}
		out[id] = c
	}
	return rows.Err()
}
