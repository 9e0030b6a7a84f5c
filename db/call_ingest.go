package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

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
	"cost_micros", "currency"}

// upsertCallsSQL inserts n calls; a call already stored (same provider and
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
    currency = excluded.currency`
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
				c.CostMicros, c.Currency)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("store calls: %w", err)
		}
	}
	return nil
}
