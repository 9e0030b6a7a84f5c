package db_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"switchboard/db"
	"switchboard/db/gen"
)

func createSub(ctx context.Context, tx *db.Tx, name string) (gen.SubAccount, error) {
	return tx.CreateSubAccount(ctx, gen.CreateSubAccountParams{Name: name, NameKey: strings.ToLower(name), CreatedAt: 1, UpdatedAt: 1})
}

// mustPanicWithWriteOutsideTx runs fn and wants the Store's guard to refuse it.
func mustPanicWithWriteOutsideTx(t *testing.T, name string, fn func()) {
	t.Helper()
	defer func() {
		r := recover()
		err, _ := r.(error)
		if !errors.Is(err, db.ErrWriteOutsideTx) {
			t.Errorf("%s: recovered %v, want ErrWriteOutsideTx", name, r)
		}
	}()
	fn()
}

func TestWritesOutsideATransactionAreRefused(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	// Every kind of generated write: :one RETURNING, :exec, :execrows; and
	// the hand-written call upsert is only on Tx, so it cannot be called here.
	mustPanicWithWriteOutsideTx(t, "insert returning", func() {
		s.CreateSubAccount(ctx, gen.CreateSubAccountParams{Name: "Acme", NameKey: "acme", CreatedAt: 1, UpdatedAt: 1})
	})
	mustPanicWithWriteOutsideTx(t, "exec", func() { s.SetAppSetting(ctx, gen.SetAppSettingParams{Key: "k", Value: "v"}) })
	mustPanicWithWriteOutsideTx(t, "execrows", func() { s.DeleteSubAccount(ctx, 1) })
	if n, err := s.CountSubAccounts(ctx); err != nil || n != 0 {
		t.Errorf("reads still work: %d %v; and nothing was written", n, err)
	}
	// The same writes inside InTx go through.
	err := s.InTx(ctx, func(tx *db.Tx) error {
		if _, err := createSub(ctx, tx, "Acme"); err != nil {
			return err
		}
		return tx.SetAppSetting(ctx, gen.SetAppSettingParams{Key: "k", Value: "v"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountSubAccounts(ctx); n != 1 {
		t.Errorf("%d sub-accounts after the transaction", n)
	}
}

func TestNestedTransactionsJoinTheOuterOne(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	boom := errors.New("boom")
	// inner is code that may run alone or inside a caller's transaction.
	inner := func(tr db.Transactor, name string) error {
		return tr.InTx(ctx, func(tx *db.Tx) error {
			_, err := createSub(ctx, tx, name)
			return err
		})
	}
	err := s.InTx(ctx, func(tx *db.Tx) error {
		if err := inner(tx, "Joined"); err != nil {
			return err
		}
		// The outer transaction sees the inner write...
		if n, err := tx.CountSubAccounts(ctx); err != nil || n != 1 {
			t.Errorf("inside: %d %v", n, err)
		}
		return boom // ...and rolling it back undoes the inner write too.
	})
	if !errors.Is(err, boom) {
		t.Fatalf("outer: %v", err)
	}
	if n, _ := s.CountSubAccounts(ctx); n != 0 {
		t.Errorf("the inner write survived the outer rollback: %d rows", n)
	}
	if err := inner(s, "Alone"); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountSubAccounts(ctx); n != 1 {
		t.Errorf("alone: %d rows", n)
	}
}

// TestHandKeptColumnListsMatchTheSchema compares every column list written
// by hand (hand-built queries, sort specs) with PRAGMA table_info.
func TestHandKeptColumnListsMatchTheSchema(t *testing.T) {
	s := openTest(t)
	columns := func(table string) []string {
		rows, err := s.SQL().Query("SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var c string
			rows.Scan(&c)
			out = append(out, c)
		}
		return out
	}
	exact := map[string]struct {
		table string
		cols  []string
	}{
		"SubAccountColumns": {"sub_accounts", db.SubAccountColumns},
		"CallColumns":       {"calls", db.CallColumns},
		"AuditColumns":      {"audit_log", db.AuditColumns},
	}
	for name, c := range exact { // these read every column, in the generated row's order
		if got := columns(c.table); !slices.Equal(got, c.cols) {
			t.Errorf("%s = %v, table %s has %v", name, c.cols, c.table, got)
		}
	}
	subset := map[string]struct {
		table string
		cols  []string
	}{
		"InsertCallColumns": {"calls", db.InsertCallColumns},
		"SubAccountSort":    {db.SubAccountSort.Table, db.SubAccountSort.Columns()},
		"CallSort":          {db.CallSort.Table, db.CallSort.Columns()},
	}
	for name, c := range subset {
		have := columns(c.table)
		for _, col := range c.cols {
			if !slices.Contains(have, col) {
				t.Errorf("%s names %q, which table %s does not have (%v)", name, col, c.table, have)
			}
		}
	}
	if got, want := len(db.InsertCallColumns), len(columns("calls"))-1; got != want {
		t.Errorf("InsertCallColumns has %d columns, calls has %d besides id", got, want)
	}
}

func TestSortSpecsRefuseUnknownKeys(t *testing.T) {
	for _, raw := range []string{"nope", "name; DROP TABLE sub_accounts", "Name"} {
		if _, err := db.SubAccountSort.Parse(raw); !errors.Is(err, db.ErrUnknownSort) {
			t.Errorf("%q: %v", raw, err)
		}
	}
	if k, err := db.SubAccountSort.Parse(""); err != nil || k != db.SortName {
		t.Errorf("default: %q %v", k, err)
	}
	if k, err := db.CallSort.Parse(""); err != nil || k != db.CallSortStartedAt {
		t.Errorf("call default: %q %v", k, err)
	}
	if o, _ := db.CallSort.OrderBy(db.CallSortCost, true); o != " ORDER BY currency DESC, cost_micros DESC, started_at DESC, id DESC" {
		t.Errorf("order by %q", o)
	}
}
