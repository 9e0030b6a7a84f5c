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

// auditTextColumns are the columns a search looks in (those of audit_log_fts).
var auditTextColumns = []string{"actor", "as_user", "action", "sub_account_name", "subject_name", "summary"}

// AuditCountCap bounds how many matches of a search are counted: counting
// every match of a common word in a million entries takes far longer than
// reading a page of them (16 ms for 10,000 matches, 2 ms for 1,000: see
// make bench), and "1,000+" tells a person as much.
const AuditCountCap = 1_000

// AuditPageParams selects one page of the audit log, newest first, by
// keyset: Before returns the entries older than that id (0: from the
// newest), After the entries newer than that id (the page before), Oldest
// the last page. Search is a substring of any text column (case-insensitive,
// in NFC); one that holds a NUL or is not valid UTF-8 matches nothing.
type AuditPageParams struct {
	SubAccountID *int64
	Search       string
	Before       int64
	After        int64
	Oldest       bool
	Limit        int
}

// ascending reports whether the page is read oldest first (and reversed).
func (p AuditPageParams) ascending() bool { return p.After > 0 || p.Oldest }

// indexed reports whether the search goes through the trigram index: a
// search of the whole log, three characters or more. A search within one
// sub-account reads that sub-account's entries, which its index yields.
func (p AuditPageParams) indexed() bool {
	return p.Search != "" && p.SubAccountID == nil && trigramSearch(p.Search)
}

// search is what the search looks for (see searchTerm).
func (p AuditPageParams) search() (string, bool) { return searchTerm(p.Search) }

// AuditPageSQL returns the SQL and arguments of one audit page. It is
// exported so that benchmarks can run the very same statement.
func AuditPageSQL(p AuditPageParams) (string, []any) {
	dir := " DESC"
	if p.ascending() {
		dir = " ASC" // read towards the newest, then reverse
	}
	var keyset string
	var keyArg []any
	switch {
	case p.After > 0:
		keyset, keyArg = " > ?", []any{p.After}
	case p.Before > 0:
		keyset, keyArg = " < ?", []any{p.Before}
	}
	cols := "SELECT " + strings.Join(AuditColumns, ", ") + " FROM audit_log"
	if p.indexed() {
		// The index yields its matches in rowid order: the page is its first
		// Limit matches past the keyset, never the whole match set.
		sub := "SELECT rowid FROM audit_log_fts WHERE audit_log_fts MATCH ?"
		search, _ := p.search()
		args := []any{ftsPhrase(search)}
		if keyset != "" {
			sub += " AND rowid" + keyset
			args = append(args, keyArg...)
		}
		sub += " ORDER BY rowid" + dir + " LIMIT ?"
		return cols + " WHERE id IN (" + sub + ") ORDER BY id" + dir, append(args, p.Limit)
	}
	conds, args := p.where()
	if keyset != "" {
		conds = append(conds, "id"+keyset)
		args = append(args, keyArg...)
	}
	return cols + joinWhere(conds) + " ORDER BY id" + dir + " LIMIT ?", append(args, p.Limit)
}

// where filters by sub-account and, when the index is not used, by a LIKE
// over the text columns; a search that cannot match (see searchTerm) matches
// nothing.
func (p AuditPageParams) where() ([]string, []any) {
	var conds []string
	var args []any
	if p.SubAccountID != nil {
		conds = append(conds, "sub_account_id = ?")
		args = append(args, *p.SubAccountID)
	}
	search, ok := p.search()
	if p.Search != "" && !ok {
		conds = append(conds, "FALSE") // see searchTerm
	} else if p.Search != "" && !p.indexed() {
		var any []string
		like := "%" + escapeLike(search) + "%"
		for _, c := range auditTextColumns {
			any = append(any, c+` LIKE ? ESCAPE '\'`)
			args = append(args, like)
		}
		conds = append(conds, "("+strings.Join(any, " OR ")+")")
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
// many entries match the filters; a search counts at most AuditCountCap
// matches, and capped says that there are more.
func (s Queries) ListAuditPage(ctx context.Context, p AuditPageParams) (items []gen.AuditLog, total int64, capped bool, err error) {
	query, args := AuditPageSQL(p)
	rows, err := s.h.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, false, fmt.Errorf("read the audit log: %w", err)
	}
	defer rows.Close()
	items = make([]gen.AuditLog, 0, p.Limit)
	for rows.Next() {
		var a gen.AuditLog
		if err := rows.Scan(&a.ID, &a.At, &a.Actor, &a.Action, &a.SubAccountID, &a.SubAccountName, &a.Summary,
			&a.AsUser, &a.AccessSessionID, &a.SubjectKind, &a.SubjectID, &a.SubjectName); err != nil {
			return nil, 0, false, fmt.Errorf("read the audit log: %w", err)
		}
		items = append(items, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, false, fmt.Errorf("read the audit log: %w", err)
	}
	if p.ascending() {
		slices.Reverse(items)
	}
	total, capped, err = s.countAudit(ctx, p)
	return items, total, capped, err
}

func (s Queries) countAudit(ctx context.Context, p AuditPageParams) (n int64, capped bool, err error) {
	switch {
	case p.Search == "" && p.SubAccountID == nil:
		n, err = s.CountAuditEntries(ctx)
	case p.Search == "":
		n, err = s.CountAuditEntriesBySubAccount(ctx, p.SubAccountID)
	case p.indexed():
		search, _ := p.search()
		err = s.h.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT rowid FROM audit_log_fts WHERE audit_log_fts MATCH ? LIMIT ?)",
			ftsPhrase(search), AuditCountCap+1).Scan(&n)
	default:
		conds, args := p.where()
		err = s.h.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM audit_log"+joinWhere(conds)+" LIMIT ?)",
			append(args, AuditCountCap+1)...).Scan(&n)
	}
	if err != nil {
		return 0, false, fmt.Errorf("count the audit log: %w", err)
	}
	if p.Search != "" && n > AuditCountCap {
		return AuditCountCap, true, nil
	}
	return n, false, nil
}
