package db

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"switchboard/db/gen"
)

// AuditColumns are the columns an audit page reads, in gen.AuditLog's order.
var AuditColumns = []string{"id", "at", "actor", "action", "sub_account_id", "sub_account_name", "summary",
	"as_user", "access_session_id", "subject_kind", "subject_id", "subject_name"}

// AuditPageParams selects one page of the audit log, newest first, by
// keyset: Before returns the entries older than that id (0: from the
// newest), After the entries newer than that id (the page before), Oldest
// the last page. Search is a substring of any text column (case-insensitive).
type AuditPageParams struct {
	SubAccountID *int64
	Search       string
	Before       int64
	After        int64
	Oldest       bool
	Limit        int
}

// AuditPageSQL returns the SQL and arguments of one audit page. Searches of
// three characters or more use the trigram index; shorter ones scan. It is
// exported so that benchmarks can run the very same statement.
func AuditPageSQL(p AuditPageParams) (string, []any) {
	where, args := p.where()
	if p.After > 0 {
		where = append(where, "id > ?")
		args = append(args, p.After)
	} else if p.Before > 0 {
		where = append(where, "id < ?")
		args = append(args, p.Before)
	}
	order := " ORDER BY id DESC"
	if p.After > 0 || p.Oldest {
		order = " ORDER BY id ASC" // read towards the newest, then reverse
	}
	query := "SELECT " + strings.Join(AuditColumns, ", ") + " FROM audit_log" + joinWhere(where) + order + " LIMIT ?"
	return query, append(args, p.Limit)
}

func (p AuditPageParams) where() ([]string, []any) {
	var conds []string
	var args []any
	if p.SubAccountID != nil {
		conds = append(conds, "sub_account_id = ?")
		args = append(args, *p.SubAccountID)
	}
	if p.Search != "" {
		if len([]rune(p.Search)) >= minTrigram {
			conds = append(conds, "id IN (SELECT rowid FROM audit_log_fts WHERE audit_log_fts MATCH ?)")
			args = append(args, ftsPhrase(p.Search))
		} else {
			var any []string
			like := "%" + escapeLike(p.Search) + "%"
			for _, c := range []string{"actor", "as_user", "action", "sub_account_name", "subject_name", "summary"} {
				any = append(any, c+` LIKE ? ESCAPE '\'`)
				args = append(args, like)
			}
			conds = append(conds, "("+strings.Join(any, " OR ")+")")
		}
	}
	return conds, args
}

func joinWhere(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// ListAuditPage returns one page of the audit log, newest first, and how
// many entries match the filters.
func (s Queries) ListAuditPage(ctx context.Context, p AuditPageParams) ([]gen.AuditLog, int64, error) {
	query, args := AuditPageSQL(p)
	rows, err := s.h.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("read the audit log: %w", err)
	}
	defer rows.Close()
	items := make([]gen.AuditLog, 0, p.Limit)
	for rows.Next() {
		var a gen.AuditLog
		if err := rows.Scan(&a.ID, &a.At, &a.Actor, &a.Action, &a.SubAccountID, &a.SubAccountName, &a.Summary,
			&a.AsUser, &a.AccessSessionID, &a.SubjectKind, &a.SubjectID, &a.SubjectName); err != nil {
			return nil, 0, fmt.Errorf("read the audit log: %w", err)
		}
		items = append(items, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("read the audit log: %w", err)
	}
	if p.After > 0 || p.Oldest {
		slices.Reverse(items)
	}
	total, err := s.countAudit(ctx, p)
	return items, total, err
}

func (s Queries) countAudit(ctx context.Context, p AuditPageParams) (int64, error) {
	var n int64
	var err error
	switch {
	case p.Search == "" && p.SubAccountID == nil:
		n, err = s.CountAuditEntries(ctx)
	case p.Search == "":
		n, err = s.CountAuditEntriesBySubAccount(ctx, p.SubAccountID)
	case p.SubAccountID == nil && len([]rune(p.Search)) >= minTrigram:
		err = s.h.QueryRowContext(ctx, "SELECT count(*) FROM audit_log_fts WHERE audit_log_fts MATCH ?", ftsPhrase(p.Search)).Scan(&n)
	default:
		conds, args := p.where()
		err = s.h.QueryRowContext(ctx, "SELECT count(*) FROM audit_log"+joinWhere(conds), args...).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("count the audit log: %w", err)
	}
	return n, nil
}
