package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"strings"
	"testing"

	"switchboard/db/gen"
)

// Queries are every query Switchboard runs: the generated ones and the
// hand-written ones (list pages, call upserts). The Store's Queries read;
// a Tx's Queries read and write inside the transaction.
type Queries struct {
	*gen.Queries
	h gen.DBTX
}

func newQueries(q *gen.Queries, h gen.DBTX) Queries { return Queries{Queries: q, h: h} }

// Tx is one immediate transaction with every query bound to it. Code given
// a Tx cannot reach the outer handle.
type Tx struct {
	Queries
}

// Transactor runs fn in a transaction: the Store opens one, a Tx joins
// itself. Code that may run alone or inside a caller's transaction takes a
// Transactor.
type Transactor interface {
	InTx(ctx context.Context, fn func(tx *Tx) error) error
}

// InTx runs fn in one immediate transaction, committing when fn returns nil
// and rolling back otherwise.
func (s *Store) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := s.sqlDB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	q := s.prepared
	if q == nil { // before Migrate: nothing prepared yet
		q = gen.New(s.sqlDB)
	}
	tx := &Tx{Queries: newQueries(q.WithTx(sqlTx), sqlTx)}
	if err := fn(tx); err != nil {
		return joinRollback(sqlTx, err)
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// InTx runs fn in this transaction: nested calls join the outer one, which
// alone commits or rolls back.
func (t *Tx) InTx(_ context.Context, fn func(tx *Tx) error) error { return fn(t) }

// joinRollback rolls tx back after err and returns both failures.
func joinRollback(tx *sql.Tx, err error) error {
	if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
		return errors.Join(err, fmt.Errorf("rollback: %w", rbErr))
	}
	return err
}

// ErrWriteOutsideTx is what a write through the Store's reading handle
// returns: every write belongs in InTx, with the reads that decide it.
var ErrWriteOutsideTx = errors.New("a write query ran outside a transaction")

// readOnly is the Store's handle for reads outside a transaction. A write
// through it is a bug: it fails, and panics in tests so that none hides.
type readOnly struct{ db *sql.DB }

func (r readOnly) refuse(query string) error {
	if !isWrite(query) {
		return nil
	}
	err := fmt.Errorf("%w: %s", ErrWriteOutsideTx, firstLine(query))
	if testing.Testing() {
		panic(err)
	}
	return err
}

func (r readOnly) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := r.refuse(query); err != nil {
		return nil, err
	}
	return r.db.ExecContext(ctx, query, args...)
}

func (r readOnly) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	if err := r.refuse(query); err != nil {
		return nil, err
	}
	return r.db.PrepareContext(ctx, query)
}

func (r readOnly) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := r.refuse(query); err != nil {
		return nil, err
	}
	return r.db.QueryContext(ctx, query, args...)
}

func (r readOnly) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if err := r.refuse(query); err != nil {
		// A *sql.Row cannot carry an error of ours: log it, and let SQLite
		// fail the row (RAISE outside a trigger is an error).
		log.Print(err)
		return r.db.QueryRowContext(ctx, "SELECT RAISE(ABORT, 'write outside a transaction')")
	}
	return r.db.QueryRowContext(ctx, query, args...)
}

// isWrite reports whether a statement changes data: its first keyword,
// after sqlc's "-- name:" comment lines, is INSERT, UPDATE, DELETE, REPLACE
// or a WITH that leads to one of those.
func isWrite(query string) bool {
	q := strings.ToUpper(stripComments(query))
	for _, kw := range []string{"INSERT", "UPDATE", "DELETE", "REPLACE"} {
		if strings.HasPrefix(q, kw) {
			return true
		}
	}
	if strings.HasPrefix(q, "WITH") {
		for _, kw := range []string{" INSERT ", " UPDATE ", " DELETE ", " REPLACE "} {
			if strings.Contains(strings.Join(strings.Fields(q), " ")+" ", kw) {
				return true
			}
		}
	}
	return false
}

func stripComments(query string) string {
	for {
		query = strings.TrimSpace(query)
		if !strings.HasPrefix(query, "--") {
			return query
		}
		nl := strings.IndexByte(query, '\n')
		if nl < 0 {
			return ""
		}
		query = query[nl+1:]
	}
}

func firstLine(query string) string {
	q := stripComments(query)
	if i := strings.IndexByte(q, '\n'); i >= 0 {
		q = q[:i]
	}
	return q
}

// ErrNoRows is what a query of one row returns when there is none. Services
// compare with it, not with the driver's error, so that another engine can
// stand behind the Store.
var ErrNoRows = sql.ErrNoRows
