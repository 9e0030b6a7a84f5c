package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"switchboard/db/gen"
)

// SortKey names a column of the sub-account list that can be sorted on.
type SortKey string

// The sortable columns. Each has an index, so the first page of any sort is
// read straight off the index.
const (
	SortName      SortKey = "name"
	SortStatus    SortKey = "status"
	SortProvider  SortKey = "provider"
	SortLastLogin SortKey = "lastLogin"
	SortLastCall  SortKey = "lastCall"
	SortCreated   SortKey = "created"
	SortMinutes   SortKey = "minutesLeft"
)

// SubAccountSort is the sub-account list's whitelist of ORDER BY clauses.
// Each has an index, so the first page of any sort is read straight off it.
// "Never" (no login, no call) sorts last either way.
var SubAccountSort = NewSortSpec("sub_accounts",
	SortKeyColumns[SortKey]{SortName, []string{"name_key"}},
	SortKeyColumns[SortKey]{SortStatus, []string{"status", "name_key", "id"}},
	SortKeyColumns[SortKey]{SortProvider, []string{"provider", "name_key", "id"}},
	SortKeyColumns[SortKey]{SortLastLogin, []string{"last_login_at", "id"}},
	SortKeyColumns[SortKey]{SortLastCall, []string{"last_call_at", "id"}},
	SortKeyColumns[SortKey]{SortCreated, []string{"created_at", "id"}},
	SortKeyColumns[SortKey]{SortMinutes, []string{"minutes_left", "id"}},
).WithNullsLast(SortLastLogin, SortLastCall)

// SubAccountColumns are the columns a list page reads, in gen.SubAccount's order.
var SubAccountColumns = []string{"id", "name", "name_key", "status", "provider", "last_login_at", "last_call_at", "created_at", "updated_at",
	"minutes_left", "minutes_capacity", "license_valid_until", "last_login_admin", "customer_login_at"}

// ListSubAccountsParams selects one page of the sub-account list. Empty
// strings mean "no filter". Search is a substring of the name
// (case-insensitive, in NFC); one that holds a NUL or is not valid UTF-8
// matches nothing.
type ListSubAccountsParams struct {
	Search   string
	Status   string
	Provider string
	// ProviderNone selects sub-accounts with no provider (Provider must be "").
	ProviderNone bool
	Sort         SortKey
	Desc         bool
	Limit        int
	Offset       int
	// DenseSearch makes a search walk the sort index and test each row
	// against the matches, instead of sorting every match: faster when the
	// search matches many rows. ListSubAccounts sets it from the match count.
	DenseSearch bool
	// CountCap makes ListSubAccountsPage stop counting a search's matches
	// beyond this many rows (the total is then CountCap, capped); 0 counts
	// them all. Lists without a search are always counted exactly.
	CountCap int
	// IDs keeps the rows whose id is in this JSON array of ids ("": no such
	// filter): a selection made by hand, or one batch of a bulk action.
	IDs string
	// AfterID keeps the rows with a greater id (0: no such filter): a bulk
	// action walks its selection by id, one batch after the other.
	AfterID int64
	// matches are the ids of a search with fewer than denseMatches matches,
	// read once off the trigram index, as a JSON array ("": not read).
	matches string
}

// denseMatches is the match count from which walking the sort index beats
// sorting the matches (measured on 100,000 rows: see make bench).
const denseMatches = 1000

// minTrigram is the shortest search the trigram index can answer; shorter
// searches fall back to a LIKE scan.
const minTrigram = 3

func (p ListSubAccountsParams) where() (string, []any) {
	var conds []string
	var args []any
	if p.Search != "" {
		cond, condArgs := p.searchCond()
		conds = append(conds, cond)
		args = append(args, condArgs...)
	}
	if p.Status != "" {
		conds = append(conds, "status = ?")
		args = append(args, p.Status)
	}
	if p.Provider != "" || p.ProviderNone {
		conds = append(conds, "provider = ?")
		args = append(args, p.Provider)
	}
	if p.IDs != "" {
		conds = append(conds, "id IN (SELECT value FROM json_each(?))")
		args = append(args, p.IDs)
	}
	if p.AfterID > 0 {
		conds = append(conds, "id > ?")
		args = append(args, p.AfterID)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// searchCond is the condition of a search, in one of three forms that all
// find the same rows: the matches already read off the trigram index (a
// search with few matches), the trigram index's matches tested while the sort
// index is walked (many matches), or LIKE (a search too short for trigrams).
func (p ListSubAccountsParams) searchCond() (string, []any) {
	search, ok := searchTerm(p.Search)
	switch {
	case !ok:
		return "FALSE", nil // see searchTerm
	case p.matches != "":
		return "id IN (SELECT value FROM json_each(?))", []any{p.matches}
	case p.trigramSearch():
		// "+id" keeps the planner from driving the query from the matches.
		col := "id"
		if p.DenseSearch {
			col = "+id"
		}
		return col + " IN (SELECT rowid FROM sub_accounts_fts WHERE sub_accounts_fts MATCH ?)", []any{ftsPhrase(search)}
	default:
		return `name LIKE ? ESCAPE '\'`, []any{likeContains(search)}
	}
}

// likeContains is the LIKE pattern of names that contain search.
func likeContains(search string) string { return "%" + escapeLike(search) + "%" }

func (p ListSubAccountsParams) trigramSearch() bool { return trigramSearch(p.Search) }

// trigramSearch reports whether the trigram index can answer a search.
func trigramSearch(s string) bool {
	search, ok := searchTerm(s)
	return ok && utf8.RuneCountInString(search) >= minTrigram
}

// searchTerm returns what a search looks for: the text in NFC, the form of
// every name the backend stores (so a search typed decomposed finds the
// composed name), and whether it can match anything. A search that holds a
// NUL or is not valid UTF-8 matches nothing, and never reaches SQL: stored
// text holds neither (the backend refuses both in the texts it stores),
// SQLite reads a NUL as the end of the pattern (FTS5 reports an
// "unterminated string", LIKE matches everything before it), and reads
// invalid bytes as U+FFFD. Any other text is data: other control
// characters, quotes, FTS5 syntax and LIKE wildcards match literally.
func searchTerm(s string) (string, bool) {
	if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
		return "", false
	}
	return norm.NFC.String(s), true
}

// ftsPhrase quotes a search as one FTS5 string, a phrase: a substring match.
// Inside the quotes only '"' is special, and doubling it escapes it; the
// search must be searchable.
func ftsPhrase(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// escapeLike escapes LIKE's wildcards and its escape character for a
// pattern written with ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ListSubAccountsSQL returns the SQL and arguments of one list page. It is
// exported so that benchmarks can run the very same statement on the driver.
func ListSubAccountsSQL(p ListSubAccountsParams) (string, []any, error) {
	order, err := SubAccountSort.OrderBy(p.Sort, p.Desc)
	if err != nil {
		return "", nil, err
	}
	where, args := p.where()
	query := "SELECT " + strings.Join(SubAccountColumns, ", ") + " FROM sub_accounts" + where + order + " LIMIT ? OFFSET ?"
	return query, append(args, p.Limit, p.Offset), nil
}

// ListSubAccounts returns one page of sub-accounts and the number of rows that
// match the filters, every one counted.
func (s Queries) ListSubAccounts(ctx context.Context, p ListSubAccountsParams) ([]gen.SubAccount, int64, error) {
	p.CountCap = 0
	rows, total, _, err := s.ListSubAccountsPage(ctx, p)
	return rows, total, err
}

// ListSubAccountsPage returns one page of sub-accounts and the number of rows
// that match the filters; with p.CountCap, a search stops counting beyond
// CountCap rows and says so (capped).
func (s Queries) ListSubAccountsPage(ctx context.Context, p ListSubAccountsParams) ([]gen.SubAccount, int64, bool, error) {
	p.matches = ""
	total, capped := int64(-1), false
	if p.trigramSearch() {
		// One read of the index tells a search with few matches (read
		// whole) from one with many, and without other filters counts it
		// too, up to the cap.
		search, _ := searchTerm(p.Search)
		unfiltered := p.Status == "" && p.Provider == "" && !p.ProviderNone
		limit := denseMatches
		if unfiltered && p.CountCap > 0 {
			limit = max(limit, p.CountCap+1)
		}
		ids, n, err := s.firstMatches(ctx, search, limit)
		if err != nil {
			return nil, 0, false, err
		}
		p.DenseSearch = n >= denseMatches
		if !p.DenseSearch {
			p.matches = ids
		}
		switch {
		case !unfiltered:
		case n < int64(limit):
			total = n
		case p.CountCap > 0:
			total, capped = int64(p.CountCap), true
		}
	}
	query, args, err := ListSubAccountsSQL(p)
	if err != nil {
		return nil, 0, false, err
	}
	rows, err := s.h.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, false, fmt.Errorf("list sub-accounts: %w", err)
	}
	defer rows.Close()
	items := make([]gen.SubAccount, 0, min(p.Limit, 500))
	if err := scanSubAccounts(rows, func(a gen.SubAccount) error { items = append(items, a); return nil }); err != nil {
		return nil, 0, false, fmt.Errorf("list sub-accounts: %w", err)
	}
	if total < 0 {
		if total, capped, err = s.countSubAccounts(ctx, p); err != nil {
			return nil, 0, false, err
		}
	}
	return items, total, capped, nil
}

// firstMatches reads the ids of at most limit names that contain search off
// the trigram index, in one JSON array (one row, not one per id), and how
// many they are.
func (s Queries) firstMatches(ctx context.Context, search string, limit int) (string, int64, error) {
	var ids string
	var n int64
	err := s.h.QueryRowContext(ctx, "SELECT json_group_array(rowid), count(*) FROM "+
		"(SELECT rowid FROM sub_accounts_fts WHERE sub_accounts_fts MATCH ? LIMIT ?)", ftsPhrase(search), limit).Scan(&ids, &n)
	if err != nil {
		return "", 0, fmt.Errorf("search sub-accounts: %w", err)
	}
	return ids, n, nil
}

// CountSubAccountsSQL returns the SQL and arguments that count the rows a
// list matches. Without a search it sums the tallies the triggers keep.
func CountSubAccountsSQL(p ListSubAccountsParams) (string, []any) {
	if p.Search != "" {
		where, args := p.where()
		return "SELECT count(*) FROM sub_accounts" + where, args
	}
	where, args := p.where() // status and provider only: both are tally columns
	return "SELECT CAST(COALESCE(SUM(n), 0) AS INTEGER) FROM sub_account_tallies" + where, args
}

// countSubAccounts counts the rows p matches: all of them, or for a search
// with a CountCap at most CountCap+1 (then CountCap, capped). A search with
// many matches and no other filter counts on the trigram index alone.
func (s Queries) countSubAccounts(ctx context.Context, p ListSubAccountsParams) (int64, bool, error) {
	query, args := CountSubAccountsSQL(p)
	if p.Search != "" && p.CountCap > 0 {
		where, whereArgs := p.where()
		query, args = "SELECT count(*) FROM (SELECT 1 FROM sub_accounts"+where+" LIMIT ?)", append(whereArgs, p.CountCap+1)
	} else if p.DenseSearch && p.Status == "" && p.Provider == "" && !p.ProviderNone {
		search, _ := searchTerm(p.Search)
		query, args = "SELECT count(*) FROM sub_accounts_fts WHERE sub_accounts_fts MATCH ?", []any{ftsPhrase(search)}
	}
	var n int64
	if err := s.h.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, false, fmt.Errorf("count sub-accounts: %w", err)
	}
	if p.Search != "" && p.CountCap > 0 && n > int64(p.CountCap) {
		return int64(p.CountCap), true, nil
	}
	return n, false, nil
}

// scanSubAccounts hands each row of a query of SubAccountColumns to fn, and
// stops at fn's first error.
func scanSubAccounts(rows *sql.Rows, fn func(gen.SubAccount) error) error {
	for rows.Next() {
		var a gen.SubAccount
		if err := rows.Scan(&a.ID, &a.Name, &a.NameKey, &a.Status, &a.Provider,
			&a.LastLoginAt, &a.LastCallAt, &a.CreatedAt, &a.UpdatedAt,
			&a.MinutesLeft, &a.MinutesCapacity, &a.LicenseValidUntil, &a.LastLoginAdmin, &a.CustomerLoginAt); err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return rows.Err()
}
