package backend

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"switchboard/db"
	"switchboard/db/gen"
)

// Audit actions of Access Account.
var (
	ActionAccessOpen    = defineAccessAction("access.open", "Opened Access Account")
	ActionAccessChanges = defineAccessAction("access.enable_changes", "Enabled changes in Access Account")
	ActionAccessClose   = defineAccessAction("access.close", "Closed Access Account")
)

// accessActions are the actions a read-only Access Account session may
// record: its own opening, the step that enables changes, its end.
var accessActions = map[string]bool{}

func defineAccessAction(code, label string) Action {
	a := defineAction(code, label)
	accessActions[code] = true
	return a
}

// errReadOnly refuses a change made in a read-only Access Account session.
var errReadOnly = Errorf(CodeForbidden, "This view of the customer's account is read-only: choose \"Enable changes\" first.")

var accessReasonRule = textRule{Field: "reason", Label: "Reason", Min: 0, Max: 500}
var changesReasonRule = textRule{Field: "reason", Label: "Reason", Min: 3, Max: 500}

// AccessInput is what "Access Account" sends: the sub-account, the user to
// sign in as (0: its first Admin) and an optional reason.
type AccessInput struct {
	SubAccountID int64  `json:"subAccountId"`
	UserID       int64  `json:"userId"`
	Reason       string `json:"reason"`
}

// AccessSessionView is one Access Account session: the real admin (the OS
// user), the sub-account, the user signed in as, why, when (RFC 3339 UTC;
// EndedAt "" while open) and whether changes were enabled (ChangesAt "" when
// not: the view is read-only). Inactive says the sub-account is disabled:
// its users cannot sign in, though the admin can look.
type AccessSessionView struct {
	ID             int64  `json:"id"`
	SubAccountID   int64  `json:"subAccountId"`
	SubAccountName string `json:"subAccountName"`
	Inactive       bool   `json:"inactive"`
	UserID         int64  `json:"userId"`
	UserName       string `json:"userName"`
	UserEmail      string `json:"userEmail"`
	UserRole       string `json:"userRole"`
	UserTimeZone   string `json:"userTimeZone"`
	Admin          string `json:"admin"`
	Reason         string `json:"reason"`
	StartedAt      string `json:"startedAt"`
	ChangesAt      string `json:"changesAt"`
	ChangesReason  string `json:"changesReason"`
	EndedAt        string `json:"endedAt"`
	ReadOnly       bool   `json:"readOnly"`
}

// AccessService opens a sub-account's customer application as one of its
// users. One session is open at a time; while it is, every change is
// recorded with the real admin and the user in their own columns, and none
// is allowed until "Enable changes" (with a reason) is chosen.
type AccessService struct {
	ctx      context.Context
	store    *db.Store
	audit    auditor
	identity *Identity
	views    accessViews

	mu   sync.Mutex
	open int64 // the open session's id, 0 none
}

// NewAccessService returns the service.
func NewAccessService(ctx context.Context, store *db.Store, audit auditor, views accessViews) *AccessService {
	return &AccessService{ctx: ctx, store: store, audit: audit, identity: audit.identity, views: views}
}

// endLeftOpen ends the sessions a stopped app left open, at start-up.
func endLeftOpen(ctx context.Context, store *db.Store, at int64) error {
	return store.InTx(ctx, func(tx *db.Tx) error {
		_, err := tx.EndOpenAccessSessions(ctx, at)
		return err
	})
}

// Open signs in to the sub-account's customer application as in.UserID (its
// first Admin when 0), read-only, ending any session open before. Errors:
// not_found (sub-account, user); invalid (reason; "userId" when the
// sub-account has no users, or the user is another sub-account's).
func (s *AccessService) Open(in AccessInput) (AccessSessionView, error) {
	reason, rerr := cleanText(accessReasonRule, in.Reason)
	if rerr != nil {
		return AccessSessionView{}, rerr
	}
	if err := s.Close(); err != nil {
		return AccessSessionView{}, err
	}
	var out AccessSessionView
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		sub, err := getSubAccount(s.ctx, tx.Queries, in.SubAccountID)
		if err != nil {
			return err
		}
		u, err := s.pickUser(tx, sub.ID, in.UserID)
		if err != nil {
			return err
		}
		now := s.audit.now().UnixMilli()
		admin := s.identity.Current().OSUser
		row, err := tx.CreateAccessSession(s.ctx, gen.CreateAccessSessionParams{SubAccountID: sub.ID, UserID: u.ID,
			UserEmail: u.Email, UserName: u.Name, Admin: admin, Reason: reason, StartedAt: now})
		if err != nil {
			return Internal("open the account", err)
		}
		if err := tx.AddSignIn(s.ctx, gen.AddSignInParams{SubAccountID: sub.ID, UserEmail: u.Email, At: now,
			Via: "access_account", Admin: admin, SessionID: &row.ID}); err != nil {
			return Internal("open the account", err)
		}
		s.identity.BeginAccess(AccessSession{ID: row.ID, UserEmail: u.Email, ReadOnly: true})
		summary := fmt.Sprintf("Opened the customer's view as %s (%s), read-only", u.Name, u.Email)
		if reason != "" {
			summary += "; reason “" + reason + "”"
		}
		if err := s.audit.record(s.ctx, tx, Entry{Action: ActionAccessOpen, SubAccount: refOf(sub),
			Subject: Subject{Kind: "access_session", ID: strconv.FormatInt(row.ID, 10), Name: u.Email}, Summary: summary}); err != nil {
			return Internal("open the account", err)
		}
		out = sessionView(row, sub, u)
		return nil
	})
	if err != nil {
		s.identity.EndAccess()
		return AccessSessionView{}, err
	}
	s.mu.Lock()
	s.open = out.ID
	s.mu.Unlock()
	return out, nil
}

// pickUser is the user to sign in as: id, or the first Admin (else the
// first user) when 0.
func (s *AccessService) pickUser(tx *db.Tx, subID, id int64) (gen.User, error) {
	if id != 0 {
		u, err := tx.GetUser(s.ctx, id)
		if errors.Is(err, db.ErrNoRows) || (err == nil && u.SubAccountID != subID) {
			return gen.User{}, FieldError("userId", "Choose one of this sub-account's users.")
		}
		if err != nil {
			return gen.User{}, Internal("open the account", err)
		}
		return u, nil
	}
	u, err := tx.FirstAccessUser(s.ctx, subID)
	if errors.Is(err, db.ErrNoRows) {
		return gen.User{}, FieldError("userId", "This sub-account has no users yet: add one in Users, then open its account.")
	}
	if err != nil {
		return gen.User{}, Internal("open the account", err)
	}
	return u, nil
}

// current returns the open session, or a not_found error when id is not it.
func (s *AccessService) current(id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id == 0 || s.open != id {
		return Errorf(CodeNotFound, "This Access Account session has ended: open the account again.")
	}
	return nil
}

// EnableChanges allows changes in the open session, with a reason (3-500
// characters), recorded. Errors: not_found (not the open session); invalid
// (reason); conflict (already enabled).
func (s *AccessService) EnableChanges(sessionID int64, reason string) (AccessSessionView, error) {
	if err := s.current(sessionID); err != nil {
		return AccessSessionView{}, err
	}
	why, rerr := cleanText(changesReasonRule, reason)
	if rerr != nil {
		return AccessSessionView{}, rerr
	}
	var out AccessSessionView
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		row, err := tx.EnableAccessChanges(s.ctx, gen.EnableAccessChangesParams{ChangesAt: ptr(s.audit.now().UnixMilli()), ChangesReason: why, ID: sessionID})
		if errors.Is(err, db.ErrNoRows) {
			return Errorf(CodeConflict, "Changes are already enabled in this session.")
		}
		if err != nil {
			return Internal("enable changes", err)
		}
		sub, err := getSubAccount(s.ctx, tx.Queries, row.SubAccountID)
		if err != nil {
			return err
		}
		if err := s.audit.record(s.ctx, tx, Entry{Action: ActionAccessChanges, SubAccount: refOf(sub),
			Subject: Subject{Kind: "access_session", ID: strconv.FormatInt(row.ID, 10), Name: row.UserEmail},
			Summary: "Enabled changes in the customer's view; reason “" + why + "”"}); err != nil {
			return Internal("enable changes", err)
		}
		out, err = s.viewOf(tx.Queries, row)
		return err
	})
	if err != nil {
		return AccessSessionView{}, err
	}
	s.identity.AllowChanges(sessionID)
	return out, nil
}

// Close ends the open session ("Back to List View"), if any.
func (s *AccessService) Close() error {
	s.mu.Lock()
	id := s.open
	s.mu.Unlock()
	if id == 0 {
		return nil
	}
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		n, err := tx.EndAccessSession(s.ctx, gen.EndAccessSessionParams{EndedAt: ptr(s.audit.now().UnixMilli()), ID: id})
		if err != nil || n == 0 {
			return err
		}
		row, err := tx.GetAccessSession(s.ctx, id)
		if err != nil {
			return err
		}
		sub, err := getSubAccount(s.ctx, tx.Queries, row.SubAccountID)
		if err != nil {
			return err
		}
		return s.audit.record(s.ctx, tx, Entry{Action: ActionAccessClose, SubAccount: refOf(sub),
			Subject: Subject{Kind: "access_session", ID: strconv.FormatInt(id, 10), Name: row.UserEmail},
			Summary: "Closed the customer's view of " + row.UserEmail})
	})
	if err != nil && ErrorCode(err) != CodeNotFound {
		return Internal("close the account", err)
	}
	s.identity.EndAccess()
	s.mu.Lock()
	s.open = 0
	s.mu.Unlock()
	return nil
}

// Session returns a session by id. Errors: not_found.
func (s *AccessService) Session(id int64) (AccessSessionView, error) {
	row, err := s.store.GetAccessSession(s.ctx, id)
	if errors.Is(err, db.ErrNoRows) {
		return AccessSessionView{}, Errorf(CodeNotFound, "There is no access session %d.", id)
	}
	if err != nil {
		return AccessSessionView{}, Internal("load the session", err)
	}
	return s.viewOf(s.store.Queries, row)
}

// viewOf is a session as the window shows it, read with q.
func (s *AccessService) viewOf(q db.Queries, row gen.AccessSession) (AccessSessionView, error) {
	sub, err := q.GetSubAccountByID(s.ctx, row.SubAccountID)
	if err != nil {
		return AccessSessionView{}, Internal("load the session", err)
	}
	u, err := q.GetUser(s.ctx, row.UserID)
	if err != nil && !errors.Is(err, db.ErrNoRows) {
		return AccessSessionView{}, Internal("load the session", err)
	}
	if errors.Is(err, db.ErrNoRows) { // removed since: the session keeps who it was
		u = gen.User{ID: row.UserID, Email: row.UserEmail, Name: row.UserName}
	}
	return sessionView(row, sub, u), nil
}

func sessionView(row gen.AccessSession, sub gen.SubAccount, u gen.User) AccessSessionView {
	return AccessSessionView{ID: row.ID, SubAccountID: sub.ID, SubAccountName: sub.Name, Inactive: sub.Status != StatusActive,
		UserID: row.UserID, UserName: row.UserName, UserEmail: row.UserEmail, UserRole: u.Role, UserTimeZone: u.TimeZone,
		Admin: row.Admin, Reason: row.Reason, StartedAt: formatMillis(&row.StartedAt), ChangesAt: formatMillis(row.ChangesAt),
		ChangesReason: row.ChangesReason, EndedAt: formatMillis(row.EndedAt), ReadOnly: row.ChangesAt == nil}
}
