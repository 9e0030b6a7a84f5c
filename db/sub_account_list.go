package db

import (
	"context"
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
var SubAccountSort = NewSortSpec("sub_accounts",
	SortKeyColumns[SortKey]{SortName, []string{"name_key"}},
	SortKeyColumns[SortKey]{SortStatus, []string{"status", "name_key", "id"}},
	SortKeyColumns[SortKey]{SortProvider, []string{"provider", "name_key", "id"}},
	SortKeyColumns[SortKey]{SortLastLogin, []string{"last_login_at", "id"}},
	SortKeyColumns[SortKey]{SortLastCall, []string{"last_call_at", "id"}},
	SortKeyColumns[SortKey]{SortCreated, []string{"created_at", "id"}},
	SortKeyColumns[SortKey]{SortMinutes, []string{"minutes_left", "id"}},
)

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
		search, ok := searchTerm(p.Search)
		if !ok {
			conds = append(conds, "FALSE") // see searchTerm
		} else if p.trigramSearch() {
			// "+id" keeps the planner from driving the query from the matches.
			col := "id"
			if p.DenseSearch {
				col = "+id"
			}
			conds = append(conds, col+" IN (SELECT rowid FROM sub_accounts_fts WHERE sub_accounts_fts MATCH ?)")
			args = append(args, ftsPhrase(search))
		} else {
			conds = append(conds, `name LIKE ? ESCAPE '\'`)
			args = append(args, "%"+escapeLike(search)+"%")
		}
	}
	if p.Status != "" {
		conds = append(conds, "status = ?")
		args = append(args, p.Status)
	}
	if p.Provider != "" || p.ProviderNone {
		conds = append(conds, "provider = ?")
		args = append(args, p.Provider)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

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
// match the filters.
func (s Queries) ListSubAccounts(ctx context.Context, p ListSubAccountsParams) ([]gen.SubAccount, int64, error) {
	total := int64(-1)
	if p.trigramSearch() {
		search, _ := searchTerm(p.Search)
		matches, err := s.countMatches(ctx, search)
		if err != nil {
			return nil, 0, err
		}
		p.DenseSearch = matches >= denseMatches
		if p.Status == "" && p.Provider == "" && !p.ProviderNone {
			total = matches
		}
	}
	query, args, err := ListSubAccountsSQL(p)
	if err != nil {
		return nil, 0, err
	}
	rows, err := s.h.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list sub-accounts: %w", err)
	}
	defer rows.Close()
	items := make([]gen.SubAccount, 0, p.Limit)
	for rows.Next() {
		var a gen.SubAccount
		if err := rows.Scan(&a.ID, &a.Name, &a.NameKey, &a.Status, &a.Provider,
			&a.LastLoginAt, &a.LastCallAt, &a.CreatedAt, &a.UpdatedAt,
			&a.MinutesLeft, &a.MinutesCapacity, &a.LicenseValidUntil, &a.LastLoginAdmin, &a.CustomerLoginAt); err != nil {
			return nil, 0, fmt.Errorf("list sub-accounts: %w", err)
		}
		items = append(items, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list sub-accounts: %w", err)
	}
	if total < 0 {
		if total, err = s.countSubAccounts(ctx, p); err != nil {
			return nil, 0, err
		}
	}
	return items, total, nil
}

// countMatches counts the names that contain search, on the index alone.
func (s Queries) countMatches(ctx context.Context, search string) (int64, error) {
	var n int64
	err := s.h.QueryRowContext(ctx, "SELECT count(*) FROM sub_accounts_fts WHERE sub_accounts_fts MATCH ?", ftsPhrase(search)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("search sub-accounts: %w", err)
	}
	return n, nil
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

func (s Queries) countSubAccounts(ctx context.Context, p ListSubAccountsParams) (int64, error) {
	query, args := CountSubAccountsSQL(p)
	var n int64
	if err := s.h.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count sub-accounts: %w", err)
	}
	return n, nil
}
