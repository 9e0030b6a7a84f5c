package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"switchboard/db/gen"
)

// AuditColumns are the columns an audit page reads, in gen.AuditLog's order.
var AuditColumns = []string{"id", "at", "actor", "action", "sub_account_id", "sub_account_name", "summary",
	"as_user", "access_session_id", "subject_kind", "subject_id", "subject_name"}

// auditTextColumns are the columns a search looks in (those of audit_log_fts).
var auditTextColumns = []string{"actor", "as_user", "action", "sub_account_name", "subject_name", "summary"}

// AuditCountCap bounds how many matches of a search or a filter are
// counted: counting every match of a common word in a million entries takes
// far longer than reading a page of them (16 ms for 10,000 matches, 2 ms
// for 1,000: see make bench), and "1,000+" tells a person as much.
const AuditCountCap = 1_000

// auditFewEntries is how many entries a filter (or a search) may select for
// a page to read them all and sort or match them one by one: each costs
// about a microsecond (2 µs for a substring match). A filter that selects
// more reads its entries from an index in the page's order instead, and
// stops at the page's end.
const auditFewEntries = 20_000

// Facet kinds in audit_facets.
const (
	AuditFacetActor  = "actor"
	AuditFacetAsUser = "as_user"
	AuditFacetAction = "action"
)

// ErrAuditCursor reports a page cursor (Before or After) that is no entry's id.
var ErrAuditCursor = errors.New("the page cursor is no entry of the audit log")

// AuditPageParams selects one page of the audit log, newest first, by
// keyset: Before returns the entries that come after that entry (older:
// 0 from the newest), After those before it (the page before), Oldest the
// last page. The filters combine: SubAccountID, Actor (the exact OS user),
// AsUser (the exact customer user; a pointer to "" selects the entries made
// outside any Access Account session), Action (the exact code),
// AccessSessionID (one session's entries), From and To (Unix ms, the range
// [From, To)), and Search, a substring of any text column (case-insensitive,
// in NFC; one that holds a NUL or is not valid UTF-8 matches nothing). Empty
// strings and nil pointers filter nothing.
//
// Newest first is by id (the order entries were written in) but with a time
// range, where it is by time, then id: a clock set back, or an entry dated
// in the past, puts ids and times out of step, and a range is read from the
// time index in its own order.
type AuditPageParams struct {
	SubAccountID    *int64
	Search          string
	Actor           string
	AsUser          *string
	Action          string
	AccessSessionID *int64
	From, To        *int64
	Before          int64
	After           int64
	Oldest          bool
	Limit           int
}

// ascending reports whether the page is read oldest first (and reversed).
func (p AuditPageParams) ascending() bool { return p.After > 0 || p.Oldest }

// byTime reports whether the page is ordered by time (a time range is set).
func (p AuditPageParams) byTime() bool { return p.From != nil || p.To != nil }

// filtered reports whether any filter but the search is set.
func (p AuditPageParams) filtered() bool {
	return p.SubAccountID != nil || p.Actor != "" || p.AsUser != nil || p.Action != "" ||
		p.AccessSessionID != nil || p.byTime()
}

// auditWay is how a query finds its entries.
type auditWay int

const (
	// wayScan reads the log through an index of its filters (SQLite's
	// choice, or drive's), matching a search with LIKE.
	wayScan auditWay = iota
	// wayIndex walks the search index and looks each match up.
	wayIndex
	// wayNone: nothing can match.
	wayNone
)

// auditPlan is a query resolved against the database: the search as it is
// looked for, the way to read, and the keyset's position.
type auditPlan struct {
	p      AuditPageParams
	search string
	way    auditWay
	// drive, by time: the index the log is read through (INDEXED BY).
	drive string
	// cursor, by time: the at and id of the entry Before or After names.
	cursorAt, cursorID int64
}

// auditIndex pairs a filter's index with how many entries it selects.
type auditIndex struct {
	name string
	n    int64
}

// planAudit resolves p: whether a search goes through its index, and by
// time, which index reads the entries.
func (s Queries) planAudit(ctx context.Context, p AuditPageParams) (auditPlan, error) {
	pl := auditPlan{p: p, way: wayScan}
	search, ok := searchTerm(p.Search)
	if p.Search != "" && !ok {
		pl.way = wayNone // see searchTerm
		return pl, nil
	}
	pl.search = search
	if p.byTime() && (p.From != nil && p.To != nil && *p.From >= *p.To) {
		pl.way = wayNone
		return pl, nil
	}
	if p.byTime() {
		if err := s.auditCursor(ctx, &pl); err != nil {
			return pl, err
		}
	}
	trigram := search != "" && trigramSearch(search)
	if !trigram && !p.byTime() {
		return pl, nil // SQLite picks the filter's index; a short search is LIKE
	}
	few, err := s.fewestEntries(ctx, pl, trigram)
	if err != nil {
		return pl, err
	}
	switch {
	case !p.byTime():
		// In id order, the filters' indexes and the search index all read
		// in the page's order: walk the search index unless the filters
		// select few entries.
		if few.n > auditFewEntries {
			pl.way = wayIndex
		}
	case few.n <= auditFewEntries && few.name == "audit_log_fts":
		pl.way = wayIndex // its few matches, sorted by time
	case few.n <= auditFewEntries:
		pl.drive = few.name // its few entries, sorted by time
	default:
		pl.drive = "audit_log_by_at" // the range in time order, filtered
	}
	return pl, nil
}

// fewestEntries is the filter (or the search) that selects the fewest
// entries, with how many: at most auditFewEntries+1 are counted, and the
// "outside any session" filter and the time range, which select most of
// the log, are none.
func (s Queries) fewestEntries(ctx context.Context, pl auditPlan, trigram bool) (auditIndex, error) {
	p := pl.p
	best := auditIndex{n: math.MaxInt64}
	consider := func(name string, n int64, err error) error {
		if err == nil && n < best.n {
			best = auditIndex{name: name, n: n}
		}
		return err
	}
	var errs []error
	limit := int64(auditFewEntries + 1)
	if p.SubAccountID != nil {
		n, _, err := s.countUpTo(ctx, "SELECT 1 FROM audit_log WHERE sub_account_id = ?", []any{*p.SubAccountID}, limit)
		errs = append(errs, consider("audit_log_by_sub_account", n, err))
	}
	if p.AccessSessionID != nil {
		n, _, err := s.countUpTo(ctx, "SELECT 1 FROM audit_log WHERE access_session_id = ?", []any{*p.AccessSessionID}, limit)
		errs = append(errs, consider("audit_log_by_session", n, err))
	}
	for _, f := range []struct{ index, kind, value string }{
		{"audit_log_by_actor", AuditFacetActor, p.Actor},
		{"audit_log_by_action", AuditFacetAction, p.Action},
		{"audit_log_by_as_user", AuditFacetAsUser, derefOr(p.AsUser, "")},
	} {
		if f.value != "" {
			n, err := s.facetCount(ctx, f.kind, f.value)
			errs = append(errs, consider(f.index, n, err))
		}
	}
	if trigram && best.n > auditFewEntries && p.byTime() {
		// Only by time is the search index's count worth reading: in id
		// order it reads in the page's order whatever it holds.
		n, _, err := s.countUpTo(ctx, "SELECT rowid FROM audit_log_fts WHERE audit_log_fts MATCH ?", []any{ftsPhrase(pl.search)}, limit)
		errs = append(errs, consider("audit_log_fts", n, err))
	}
	return best, errors.Join(errs...)
}

func derefOr[T any](v *T, or T) T {
	if v == nil {
		return or
	}
	return *v
}

// auditCursor reads the time of the entry a by-time page starts after.
func (s Queries) auditCursor(ctx context.Context, pl *auditPlan) error {
	id := max(pl.p.Before, pl.p.After)
	if id == 0 {
		return nil
	}
	var at int64
	err := s.h.QueryRowContext(ctx, "SELECT at FROM audit_log WHERE id = ?", id).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrAuditCursor
	}
	if err != nil {
		return fmt.Errorf("read the audit page's cursor: %w", err)
	}
	pl.cursorAt, pl.cursorID = at, id
	return nil
}

// facetCount is how many entries have value as their kind (0 for none).
func (s Queries) facetCount(ctx context.Context, kind, value string) (int64, error) {
	n, err := s.GetAuditFacetCount(ctx, gen.GetAuditFacetCountParams{Kind: kind, Value: value})
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("count the audit facet %s: %w", kind, err)
	}
	return n, nil
}

// from is the FROM clause: the log as a, behind the search index when the
// index drives the query (CROSS JOIN keeps it the outer loop), or read
// through the index the plan chose.
func (pl auditPlan) from() string {
	switch {
	case pl.way == wayIndex:
		return " FROM audit_log_fts f CROSS JOIN audit_log a ON a.id = f.rowid"
	case pl.drive != "":
		return " FROM audit_log a INDEXED BY " + pl.drive
	}
	return " FROM audit_log a"
}

// where is every condition of pl; keyset adds the page's position.
func (pl auditPlan) where(keyset bool) ([]string, []any) {
	p := pl.p
	var conds []string
	var args []any
	add := func(cond string, arg ...any) {
		conds = append(conds, cond)
		args = append(args, arg...)
	}
	if pl.way == wayNone {
		return []string{"FALSE"}, nil
	}
	if pl.way == wayIndex {
		add("audit_log_fts MATCH ?", ftsPhrase(pl.search))
	}
	if p.SubAccountID != nil {
		add("a.sub_account_id = ?", *p.SubAccountID)
	}
	if p.Actor != "" {
		add("a.actor = ?", p.Actor)
	}
	if p.AsUser != nil && *p.AsUser == "" {
		add("a.as_user = ''")
	} else if p.AsUser != nil {
		add("a.as_user = ? AND a.as_user <> ''", *p.AsUser) // the second term lets the partial index serve
	}
	if p.Action != "" {
		add("a.action = ?", p.Action)
	}
	if p.AccessSessionID != nil {
		add("a.access_session_id = ?", *p.AccessSessionID)
	}
	from, to := derefOr(p.From, math.MinInt64), derefOr(p.To, math.MaxInt64)
	if keyset && p.byTime() && pl.cursorID != 0 {
		// One bound per side, the cursor's folded in, so that the time
		// index seeks to the cursor rather than to the range's end.
		if p.After > 0 {
			from = max(from, pl.cursorAt)
			add("(a.at > ? OR a.id > ?)", pl.cursorAt, pl.cursorID)
		} else {
			to = min(to, pl.cursorAt+1)
			add("(a.at < ? OR a.id < ?)", pl.cursorAt, pl.cursorID)
		}
	}
	if p.byTime() {
		add("a.at >= ?", from)
		add("a.at < ?", to)
	}
	if keyset && !p.byTime() {
		switch {
		case p.After > 0:
			add(pl.idColumn()+" > ?", p.After)
		case p.Before > 0:
			add(pl.idColumn()+" < ?", p.Before)
		}
	}
	if pl.search != "" && pl.way == wayScan {
		var any []string
		like := "%" + escapeLike(pl.search) + "%"
		for _, c := range auditTextColumns {
			any = append(any, "a."+c+` LIKE ? ESCAPE '\'`)
			args = append(args, like)
		}
		conds = append(conds, "("+strings.Join(any, " OR ")+")")
	}
	return conds, args
}

// idColumn is the id the keyset bounds in id order: the search index's
// rowid when it drives the query, so that it seeks there.
func (pl auditPlan) idColumn() string {
	if pl.way == wayIndex {
		return "f.rowid"
	}
	return "a.id"
}

// pageSQL is the SQL and arguments of the page pl asks for.
func (pl auditPlan) pageSQL() (string, []any) {
	dir := " DESC"
	if pl.p.ascending() {
		dir = " ASC" // read towards the newest, then reverse
	}
	order := " ORDER BY " + pl.idColumn() + dir
	if pl.p.byTime() {
		order = " ORDER BY a.at" + dir + ", a.id" + dir
	}
	conds, args := pl.where(true)
	cols := make([]string, len(AuditColumns))
	for i, c := range AuditColumns {
		cols[i] = "a." + c
	}
	return "SELECT " + strings.Join(cols, ", ") + pl.from() + joinWhere(conds) + order + " LIMIT ?", append(args, pl.p.Limit)
}

// AuditPageSQL returns the SQL and arguments of one audit page. It is
// exported so that benchmarks and query-plan tests can run the very same
// statement. Errors: ErrAuditCursor.
func (s Queries) AuditPageSQL(ctx context.Context, p AuditPageParams) (string, []any, error) {
	pl, err := s.planAudit(ctx, p)
	if err != nil {
		return "", nil, err
	}
	query, args := pl.pageSQL()
	return query, args, nil
}

func joinWhere(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// ListAuditPage returns one page of the audit log, newest first, and how
// many entries match the filters; a search or a filter counts at most
// AuditCountCap matches, and capped says that there are more. The whole
// log, one sub-account's entries and those of one actor, "as" user or
// action alone are counted exactly. Errors: ErrAuditCursor.
func (s Queries) ListAuditPage(ctx context.Context, p AuditPageParams) (items []gen.AuditLog, total int64, capped bool, err error) {
	pl, err := s.planAudit(ctx, p)
	if err != nil {
		return nil, 0, false, err
	}
	items, err = s.readAudit(ctx, pl)
	if err != nil {
		return nil, 0, false, err
	}
	total, capped, err = s.countAudit(ctx, pl, AuditCountCap)
	return items, total, capped, err
}

// readAudit reads the page pl asks for, newest first.
func (s Queries) readAudit(ctx context.Context, pl auditPlan) ([]gen.AuditLog, error) {
	query, args := pl.pageSQL()
	rows, err := s.h.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read the audit log: %w", err)
	}
	defer rows.Close()
	items := make([]gen.AuditLog, 0, pl.p.Limit)
	for rows.Next() {
		var a gen.AuditLog
		if err := rows.Scan(&a.ID, &a.At, &a.Actor, &a.Action, &a.SubAccountID, &a.SubAccountName, &a.Summary,
			&a.AsUser, &a.AccessSessionID, &a.SubjectKind, &a.SubjectID, &a.SubjectName); err != nil {
			return nil, fmt.Errorf("read the audit log: %w", err)
		}
		items = append(items, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the audit log: %w", err)
	}
	if pl.p.ascending() {
		slices.Reverse(items)
	}
	return items, nil
}

// CountAudit counts every entry p's filters and search select (its keyset
// and limit aside), exactly: for an export's progress.
func (s Queries) CountAudit(ctx context.Context, p AuditPageParams) (int64, error) {
	p.Before, p.After, p.Oldest = 0, 0, false
	pl, err := s.planAudit(ctx, p)
	if err != nil {
		return 0, err
	}
	n, _, err := s.countAudit(ctx, pl, -1)
	return n, err
}

// countAudit counts pl's matches, at most limit of them unless counting
// them all is cheap (then exactly); limit < 0 counts them all. capped says
// that more than limit match (the count is then limit).
func (s Queries) countAudit(ctx context.Context, pl auditPlan, limit int64) (n int64, capped bool, err error) {
	p := pl.p
	// With no search and at most one filter, some counts are kept or indexed.
	set, one := 0, ""
	for _, f := range []struct {
		on   bool
		name string
	}{
		{p.SubAccountID != nil, "sub_account"}, {p.Actor != "", AuditFacetActor}, {p.Action != "", AuditFacetAction},
		{p.AsUser != nil && *p.AsUser != "", AuditFacetAsUser}, {p.AsUser != nil && *p.AsUser == "", "outside_sessions"},
		{p.AccessSessionID != nil, "session"}, {p.byTime(), "time"},
	} {
		if f.on {
			set, one = set+1, f.name
		}
	}
	if pl.search != "" {
		set, one = 2, "" // never the kept counts
	}
	switch {
	case pl.way == wayNone:
		return 0, false, nil
	case set == 0:
		n, err = s.CountAuditEntries(ctx)
	case set == 1 && one == "sub_account":
		n, err = s.CountAuditEntriesBySubAccount(ctx, p.SubAccountID)
	case set == 1 && one == AuditFacetActor:
		n, err = s.facetCount(ctx, AuditFacetActor, p.Actor)
	case set == 1 && one == AuditFacetAction:
		n, err = s.facetCount(ctx, AuditFacetAction, p.Action)
	case set == 1 && one == AuditFacetAsUser:
		n, err = s.facetCount(ctx, AuditFacetAsUser, *p.AsUser)
	case pl.way == wayIndex && !p.filtered():
		// The search alone: its index counts without reading the entries.
		return s.countUpTo(ctx, "SELECT rowid FROM audit_log_fts WHERE audit_log_fts MATCH ?", []any{ftsPhrase(pl.search)}, limit)
	default:
		conds, args := pl.where(false)
		return s.countUpTo(ctx, "SELECT 1"+pl.from()+joinWhere(conds), args, limit)
	}
	if err != nil {
		return 0, false, fmt.Errorf("count the audit log: %w", err)
	}
	return n, false, nil
}

// countUpTo counts the rows of query, at most limit (limit < 0: all);
// capped says that there are more.
func (s Queries) countUpTo(ctx context.Context, query string, args []any, limit int64) (n int64, capped bool, err error) {
	lim := limit
	if lim >= 0 {
		lim++ // one more says there are more
	}
	if err := s.h.QueryRowContext(ctx, "SELECT count(*) FROM ("+query+" LIMIT ?)", append(args, lim)...).Scan(&n); err != nil {
		return 0, false, fmt.Errorf("count the audit log: %w", err)
	}
	if limit >= 0 && n > limit {
		return limit, true, nil
	}
	return n, false, nil
}

// EachAudit calls fn with every entry p's filters and search select (its
// keyset aside), newest first. It reads them a page of p.Limit at a time,
// each page a fresh statement after the last entry read, so a long export
// holds no read open between pages; entries written meanwhile come before
// the first page and are not included. It stops at fn's first error, or
// ctx's, between pages.
func (s Queries) EachAudit(ctx context.Context, p AuditPageParams, fn func(gen.AuditLog) error) error {
	p.Before, p.After, p.Oldest = 0, 0, false
	if p.Limit <= 0 {
		return fmt.Errorf("EachAudit needs a page size")
	}
	pl, err := s.planAudit(ctx, p)
	if err != nil {
		return err
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		items, err := s.readAudit(ctx, pl)
		if err != nil {
			return err
		}
		for _, a := range items {
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(items) < pl.p.Limit {
			return nil
		}
		last := items[len(items)-1]
		pl.p.Before, pl.cursorAt, pl.cursorID = last.ID, last.At, last.ID
	}
}
