package backend

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"switchboard/db"
	"switchboard/db/gen"
)

// Action is an audit action: a stable code and its label as people read it.
// Each area declares its own with defineAction, in its own file.
type Action struct {
	Code  string
	Label string
}

var (
	actionsMu sync.RWMutex
	actions   = map[string]Action{}
)

// defineAction declares an audit action. Codes are "area.verb" and unique:
// a second definition of a code is a programming error.
func defineAction(code, label string) Action {
	actionsMu.Lock()
	defer actionsMu.Unlock()
	if _, dup := actions[code]; dup {
		panic("audit action defined twice: " + code)
	}
	a := Action{Code: code, Label: label}
	actions[code] = a
	return a
}

// actionLabel returns the label of a stored action code (the code itself
// for one this build does not know).
func actionLabel(code string) string {
	actionsMu.RLock()
	defer actionsMu.RUnlock()
	if a, ok := actions[code]; ok {
		return a.Label
	}
	return code
}

// SubAccountRef names the sub-account an entry is about; the log keeps the
// name, so the entry still reads after the sub-account is deleted.
type SubAccountRef struct {
	ID   int64
	Name string
}

// refOf is the reference to a stored sub-account.
func refOf(s gen.SubAccount) *SubAccountRef { return &SubAccountRef{ID: s.ID, Name: s.Name} }

// Subject is what an entry changed when it is not the sub-account itself: a
// plan, a user, a permission version. Kind is a stable word ("plan", "user").
type Subject struct {
	Kind string
	ID   string
	Name string
}

// Entry is one change to record. SubAccount is nil for agency-level changes
// (the plan catalogue, defaults, agency settings).
type Entry struct {
	Action     Action
	SubAccount *SubAccountRef
	Subject    Subject
	Summary    string
}

// auditor writes audit rows inside the caller's transaction, so a change and
// its record commit or fail together. The actor is read from the identity
// at the moment of recording.
type auditor struct {
	identity *Identity
	now      func() time.Time
}

// record appends e to the audit log in tx.
func (a auditor) record(ctx context.Context, tx *db.Tx, e Entry) error {
	if e.Action.Code == "" {
		return fmt.Errorf("audit entry without an action")
	}
	actor := a.identity.Current()
	if actor.As != nil && actor.As.ReadOnly && !accessActions[e.Action.Code] {
		return errReadOnly // a read-only Access Account session changes nothing
	}
	row := gen.CreateAuditEntryParams{
		At: a.now().UnixMilli(), Actor: actor.OSUser, Action: e.Action.Code, Summary: e.Summary,
		SubjectKind: e.Subject.Kind, SubjectID: e.Subject.ID, SubjectName: e.Subject.Name,
	}
	if actor.As != nil {
		row.AsUser, row.AccessSessionID = actor.As.UserEmail, &actor.As.ID
	}
	if e.SubAccount != nil {
		row.SubAccountID, row.SubAccountName = &e.SubAccount.ID, e.SubAccount.Name
	}
	if err := tx.CreateAuditEntry(ctx, row); err != nil {
		return fmt.Errorf("record %s: %w", e.Action.Code, err)
	}
	return nil
}

// AuditEntry is one row of the append-only audit log. Action is the stable
// code and ActionLabel says it in words. Actor is the OS user who made the
// change; AsUser the customer user they acted as ("" outside an Access
// Account session, AccessSessionID 0 then); ActorLabel says both.
// SubAccountID is 0 for agency-level entries.
type AuditEntry struct {
	ID              int64  `json:"id"`
	At              string `json:"at"`
	Actor           string `json:"actor"`
	AsUser          string `json:"asUser"`
	AccessSessionID int64  `json:"accessSessionId"`
	ActorLabel      string `json:"actorLabel"`
	Action          string `json:"action"`
	ActionLabel     string `json:"actionLabel"`
	SubAccountID    int64  `json:"subAccountId"`
	SubAccountName  string `json:"subAccountName"`
	SubjectKind     string `json:"subjectKind"`
	SubjectID       string `json:"subjectId"`
	SubjectName     string `json:"subjectName"`
	Summary         string `json:"summary"`
}

// AuditQuery selects a page of the audit log, newest first. The filters
// combine; an empty one (0 for ids) filters nothing: SubAccountID, Actor
// (the exact OS user), AsUser (the exact customer user acted as, or
// OutsideSessions, "-", for the entries made outside any Access Account
// session), Action (an exact action code, see Facets), AccessSessionID (the
// entries of one Access Account session), From and To (RFC 3339 instants,
// the range [From, To): the window turns the days a person picks into their
// local midnights) and Search (a case-insensitive substring of the actor,
// the "as" user, the action, the sub-account, the subject or the summary).
// Pages go by keyset: Before (an entry id) asks for the entries older than
// it, After for those newer than it (the page before), Oldest for the last
// page; none of them, the newest page.
type AuditQuery struct {
	SubAccountID    int64  `json:"subAccountId"`
	Search          string `json:"search"`
	Actor           string `json:"actor"`
	AsUser          string `json:"asUser"`
	Action          string `json:"action"`
	AccessSessionID int64  `json:"accessSessionId"`
	From            string `json:"from"`
	To              string `json:"to"`
	Before          int64  `json:"before"`
	After           int64  `json:"after"`
	Oldest          bool   `json:"oldest"`
	Limit           int    `json:"limit"`
}

// AuditPage is one page of the audit log, newest first. Total counts every
// entry the query matches; a search or a filter counts at most 1,000
// (TotalCapped then says there are more: "1,000+"), but the whole log, one
// sub-account's entries and those of one actor, "as" user or action alone
// are counted exactly. HasOlder and HasNewer say whether pages lie beyond
// this one (use the last item's id as Before, the first's as After).
type AuditPage struct {
	Items       []AuditEntry `json:"items"`
	Total       int64        `json:"total"`
	TotalCapped bool         `json:"totalCapped"`
	HasOlder    bool         `json:"hasOlder"`
	HasNewer    bool         `json:"hasNewer"`
}

// AuditService reads the audit log, filtered, and exports it. Nothing can
// change or remove its rows.
type AuditService struct {
	store    *db.Store
	ctx      context.Context
	ports    AuditPorts
	activity *windowActivity
}

// NewAuditService returns the audit log reader; ports (at most one) is how
// its export reaches the window, and without it an export is cancelled.
func NewAuditService(ctx context.Context, store *db.Store, ports ...AuditPorts) *AuditService {
	s := &AuditService{store: store, ctx: ctx}
	if len(ports) > 0 {
		s.ports = ports[0]
	}
	return s
}

// List returns a page of the audit log, newest first, of the entries q's
// filters and search select: by id (the order they were written in), but
// with From or To by time, then id. Errors: invalid, naming the field (page
// size; Before and After together, or naming no entry; a filter that is not
// one: an unknown action, a time that is not RFC 3339, To not after From).
func (s *AuditService) List(q AuditQuery) (AuditPage, error) {
	s.activity.touch()
	limit, err := pageSize(q.Limit)
	if err != nil {
		return AuditPage{}, err
	}
	p, err := s.auditParams(q, limit+1)
	if err != nil {
		return AuditPage{}, err
	}
	rows, total, capped, err := s.store.ListAuditPage(s.ctx, p)
	if errors.Is(err, db.ErrAuditCursor) {
		return AuditPage{}, FieldError("before", "The page's first or last entry is not in the log: start again from the newest page.")
	}
	if err != nil {
		return AuditPage{}, Internal("read the audit log", err)
	}
	page := AuditPage{Total: total, TotalCapped: capped}
	// One row beyond the page says whether there is more in the direction read.
	more := len(rows) > limit
	if more {
		if q.After > 0 || q.Oldest {
			rows = rows[1:] // read oldest first, then reversed: the extra row is the newest
		} else {
			rows = rows[:limit]
		}
	}
	switch {
	case q.After > 0:
		page.HasNewer, page.HasOlder = more, true
	case q.Oldest:
		page.HasNewer = more
	default:
		page.HasOlder, page.HasNewer = more, q.Before > 0
	}
	page.Items = make([]AuditEntry, len(rows))
	for i, r := range rows {
		page.Items[i] = toAuditEntry(r)
	}
	return page, nil
}

func toAuditEntry(r gen.AuditLog) AuditEntry {
	e := AuditEntry{
		ID: r.ID, At: formatMillis(&r.At), Actor: r.Actor, AsUser: r.AsUser, ActorLabel: r.Actor,
		Action: r.Action, ActionLabel: actionLabel(r.Action), SubAccountName: r.SubAccountName,
		SubjectKind: r.SubjectKind, SubjectID: r.SubjectID, SubjectName: r.SubjectName, Summary: r.Summary,
	}
	if r.SubAccountID != nil {
		e.SubAccountID = *r.SubAccountID
	}
	if r.AccessSessionID != nil {
		e.AccessSessionID = *r.AccessSessionID
		e.ActorLabel = Actor{OSUser: r.Actor, As: &AccessSession{ID: *r.AccessSessionID, UserEmail: r.AsUser}}.Label()
	}
	return e
}

// Page size limits shared by every list.
const (
	DefaultPageSize = 100
	MaxPageSize     = 500
)

// pageSize validates a page size; 0 means the default.
func pageSize(limit int) (int, error) {
	if limit == 0 {
		return DefaultPageSize, nil
	}
	if limit < 1 || limit > MaxPageSize {
		return 0, FieldError("limit", msgPageSize)
	}
	return limit, nil
}

const msgPageSize = "Page size must be between 1 and 500."

// pageBounds validates a page size and an offset.
func pageBounds(limit, offset int) (int, int, error) {
	v := Validation{}
	limit, err := pageSize(limit)
	if err != nil {
		v.Add("limit", msgPageSize)
	}
	if offset < 0 {
		v.Add("offset", "Page offset cannot be negative.")
	}
	return limit, offset, v.Err()
}
