package db

import (
	"context"
	"fmt"
	"strings"

	"switchboard/db/gen"
)

// Reads of a selection of sub-accounts: the list's filters (or a JSON array
// of ids) as a query, walked by id for bulk actions and streamed in the
// list's sort for exports. None of them reads more than a batch into memory.

// SelectSubAccountIDs returns the ids of at most limit sub-accounts p
// matches (its sort and page are ignored), in id order, after p.AfterID.
func (s Queries) SelectSubAccountIDs(ctx context.Context, p ListSubAccountsParams, limit int) ([]int64, error) {
	p.matches, p.DenseSearch = "", false
	where, args := p.where()
	rows, err := s.h.QueryContext(ctx, "SELECT id FROM sub_accounts"+where+" ORDER BY id LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("select sub-accounts: %w", err)
	}
	defer rows.Close()
	ids := make([]int64, 0, min(limit, 1000))
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("select sub-accounts: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select sub-accounts: %w", err)
	}
	return ids, nil
}

// SelectSubAccounts returns every sub-account p matches (its sort and page
// are ignored), in id order; callers bound it with p.IDs.
func (s Queries) SelectSubAccounts(ctx context.Context, p ListSubAccountsParams) ([]gen.SubAccount, error) {
	p.matches, p.DenseSearch = "", false
	where, args := p.where()
	rows, err := s.h.QueryContext(ctx, "SELECT "+strings.Join(SubAccountColumns, ", ")+" FROM sub_accounts"+where+" ORDER BY id", args...)
	if err != nil {
		return nil, fmt.Errorf("select sub-accounts: %w", err)
	}
	defer rows.Close()
	var items []gen.SubAccount
	if err := scanSubAccounts(rows, func(a gen.SubAccount) error { items = append(items, a); return nil }); err != nil {
		return nil, fmt.Errorf("select sub-accounts: %w", err)
	}
	return items, nil
}

// CountSelected counts every sub-account p matches, exactly (no cap).
func (s Queries) CountSelected(ctx context.Context, p ListSubAccountsParams) (int64, error) {
	p.matches, p.DenseSearch, p.CountCap = "", false, 0
	var query string
	var args []any
	if p.Search == "" && p.IDs == "" && p.AfterID == 0 {
		query, args = CountSubAccountsSQL(p)
	} else {
		where, whereArgs := p.where()
		query, args = "SELECT count(*) FROM sub_accounts"+where, whereArgs
	}
	var n int64
	if err := s.h.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count sub-accounts: %w", err)
	}
	return n, nil
}

// EachSubAccount hands every sub-account p matches to fn in p's sort (its
// page is ignored), read in one statement row by row; it stops at fn's
// first error or when ctx ends.
func (s Queries) EachSubAccount(ctx context.Context, p ListSubAccountsParams, fn func(gen.SubAccount) error) error {
	p.matches, p.DenseSearch, p.Limit, p.Offset = "", false, -1, 0
	query, args, err := ListSubAccountsSQL(p)
	if err != nil {
		return err
	}
	rows, err := s.h.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("read sub-accounts: %w", err)
	}
	defer rows.Close()
	return scanSubAccounts(rows, fn)
}
