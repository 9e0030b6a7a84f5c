package backend

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"switchboard/db"
	"switchboard/db/gen"
)

// Audit actions of a sub-account's users.
var (
	ActionUserCreate       = defineAction("user.create", "Added user")
	ActionUserUpdate       = defineAction("user.update", "Edited user")
	ActionUserRemove       = defineAction("user.remove", "Removed user")
	ActionUserReplaceEmail = defineAction("user.replace_email", "Replaced user email")
)

// Role is what a user may do in the customer's application.
type Role string

// The roles.
const (
	RoleAdmin Role = "admin"
	RoleUser  Role = "user"
)

// UserSort is a key the users list sorts by.
type UserSort string

// The users list's sort keys; name is the default.
const (
	UserSortName     UserSort = "name"
	UserSortEmail    UserSort = "email"
	UserSortRole     UserSort = "role"
	UserSortTimeZone UserSort = "timeZone"
	UserSortCreated  UserSort = "created"
)

// User is one user of a sub-account. UTCOffset ("UTC+01:00") and LocalTime
// ("Mon 09:41") are now in the user's zone; CreatedAt is RFC 3339 UTC.
type User struct {
	ID           int64  `json:"id"`
	SubAccountID int64  `json:"subAccountId"`
	Name         string `json:"name"`
	Email        string `json:"email"`
	Role         Role   "json:\"role\" ts_type:\"`${Role}`\""
	TimeZone     string `json:"timeZone"`
	UTCOffset    string `json:"utcOffset"`
	LocalTime    string `json:"localTime"`
	CreatedAt    string `json:"createdAt"`
}

// UserInput is what "Add user" sends.
type UserInput struct {
	SubAccountID int64  `json:"subAccountId"`
	Name         string `json:"name"`
	Email        string `json:"email"`
	Role         Role   "json:\"role\" ts_type:\"`${Role}`\""
	TimeZone     string `json:"timeZone"`
}

// UserUpdate is what "Update User" sends: there is no email, which cannot
// change (ReplaceEmail moves a user to a new address).
type UserUpdate struct {
	Name     string `json:"name"`
	Role     Role   "json:\"role\" ts_type:\"`${Role}`\""
	TimeZone string `json:"timeZone"`
}

// UserQuery selects a page of a sub-account's users: Search is a
// case-insensitive substring of the name or the email; Sort a UserSort
// ("" for name); Limit 1-500, 0 for 100.
type UserQuery struct {
	SubAccountID int64  `json:"subAccountId"`
	Search       string `json:"search"`
	Sort         string "json:\"sort\" ts_type:\"'' | `${UserSort}`\""
	Desc         bool   `json:"desc"`
	Offset       int    `json:"offset"`
	Limit        int    `json:"limit"`
}

// UserPage is one page of users and how many match in all.
type UserPage struct {
	Items []User `json:"items"`
	Total int64  `json:"total"`
}

// UserService serves a sub-account's Users tab. Rules: an email is trimmed,
// valid, its domain lower-cased, unique in the sub-account regardless of
// case, and never changes (the schema refuses it too); a sub-account that
// has users keeps at least one Admin. Every change is audited in its
// transaction, where the reads that decide it run.
type UserService struct {
	ctx   context.Context
	store *db.Store
	audit auditor
}

// NewUserService returns the service; audit records every change and gives
// the clock.
func NewUserService(ctx context.Context, store *db.Store, audit auditor) *UserService {
	return &UserService{ctx: ctx, store: store, audit: audit}
}

// TimeZones lists the IANA zones matching query (all for ""), by name, at
// most 50 for a query, with their offset and local time now.
func (s *UserService) TimeZones(query string) []TimeZone { return searchZones(query, s.audit.now()) }

// List returns a page of the sub-account's users. Errors: not_found;
// invalid (sort, limit, offset).
func (s *UserService) List(q UserQuery) (UserPage, error) {
	v := Validation{}
	limit, offset, err := pageBounds(q.Limit, q.Offset)
	if err != nil {
		return UserPage{}, err
	}
	sort := UserSort(cmp.Or(q.Sort, string(UserSortName)))
	switch sort {
	case UserSortName, UserSortEmail, UserSortRole, UserSortTimeZone, UserSortCreated:
	default:
		v.Add("sort", fmt.Sprintf("Cannot sort by %q.", q.Sort))
	}
	if err := v.Err(); err != nil {
		return UserPage{}, err
	}
	if _, err := getSubAccount(s.ctx, s.store.Queries, q.SubAccountID); err != nil {
		return UserPage{}, err
	}
	rows, err := s.store.ListSubAccountUsers(s.ctx, q.SubAccountID)
	if err != nil {
		return UserPage{}, Internal("load the users", err)
	}
	needle := foldKey(strings.TrimSpace(q.Search))
	rows = slices.DeleteFunc(rows, func(r gen.User) bool {
		return needle != "" && !strings.Contains(foldKey(r.Name), needle) && !strings.Contains(r.EmailKey, needle)
	})
	slices.SortStableFunc(rows, func(a, b gen.User) int {
		c := compareUsers(sort, a, b)
		if q.Desc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(a.ID, b.ID))
	})
	page := UserPage{Items: []User{}, Total: int64(len(rows))}
	now := s.audit.now()
	for _, r := range rows[min(offset, len(rows)):min(offset+limit, len(rows))] {
		page.Items = append(page.Items, toUser(r, now))
	}
	return page, nil
}

// compareUsers orders two users by key, then by name.
func compareUsers(key UserSort, a, b gen.User) int {
	byName := cmp.Compare(foldKey(a.Name), foldKey(b.Name))
	switch key {
	case UserSortEmail:
		return cmp.Compare(a.EmailKey, b.EmailKey)
	case UserSortRole:
		return cmp.Or(cmp.Compare(a.Role, b.Role), byName)
	case UserSortTimeZone:
		return cmp.Or(cmp.Compare(a.TimeZone, b.TimeZone), byName)
	case UserSortCreated:
		return cmp.Compare(a.CreatedAt, b.CreatedAt)
	}
	return byName
}

// Create adds a user. Errors: not_found (sub-account); invalid (field
// errors on name, email, role, timeZone; "role" when the first user would
// not be an Admin); conflict on "email" (another user has it).
func (s *UserService) Create(in UserInput) (User, error) {
	v := Validation{}
	d := validateUser(v, in.Name, in.Role, in.TimeZone)
	email, key, eerr := cleanEmail(in.Email)
	if eerr != nil {
		v.Add("email", eerr.Message)
	}
	if err := v.Err(); err != nil {
		return User{}, err
	}
	var out gen.User
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		sub, err := getSubAccount(s.ctx, tx.Queries, in.SubAccountID)
		if err != nil {
			return err
		}
		roles, err := tx.CountUserRoles(s.ctx, sub.ID)
		if err != nil {
			return Internal("add the user", err)
		}
		if roles.Users == 0 && d.Role != RoleAdmin {
			return FieldError("role", msgFirstAdmin)
		}
		if out, err = insertUser(s.ctx, tx, sub.ID, d, email, key, s.audit.now()); err != nil {
			return err
		}
		return s.record(tx, sub, out, ActionUserCreate, userAddedSummary(out))
	})
	return toUser(out, s.audit.now()), err
}

// msgFirstAdmin is the rule that a sub-account's first user is an Admin.
const msgFirstAdmin = "The first user of a sub-account must be an Admin: a sub-account that has users keeps at least one Admin."

// userAddedSummary is the audit summary of a new user.
func userAddedSummary(u gen.User) string {
	return fmt.Sprintf("Added %s “%s” <%s>, time zone %s", roleLabel(u.Role), u.Name, u.Email, u.TimeZone)
}

// Update changes a user's name, role and time zone; an edit that changes
// nothing is not audited. Errors: not_found; invalid (field errors; "role"
// when the last Admin would become a User).
func (s *UserService) Update(id int64, in UserUpdate) (User, error) {
	v := Validation{}
	d := validateUser(v, in.Name, in.Role, in.TimeZone)
	if err := v.Err(); err != nil {
		return User{}, err
	}
	var out gen.User
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		cur, sub, err := s.load(tx, id)
		if err != nil {
			return err
		}
		var changes []string
		if d.Name != cur.Name {
			changes = append(changes, fmt.Sprintf("name “%s” → “%s”", cur.Name, d.Name))
		}
		if string(d.Role) != cur.Role {
			if err := s.keepAdmin(tx, cur, "role", "“%s” is the only Admin: make another user an Admin first. A sub-account that has users keeps at least one Admin."); err != nil {
				return err
			}
			changes = append(changes, fmt.Sprintf("role %s → %s", roleLabel(cur.Role), roleLabel(string(d.Role))))
		}
		if d.TimeZone != cur.TimeZone {
			changes = append(changes, fmt.Sprintf("time zone %s → %s", cur.TimeZone, d.TimeZone))
		}
		if out = cur; len(changes) == 0 {
			return nil
		}
		if out, err = tx.UpdateUser(s.ctx, gen.UpdateUserParams{ID: id, Name: d.Name, Role: string(d.Role), TimeZone: d.TimeZone,
			UpdatedAt: s.audit.now().UnixMilli()}); err != nil {
			return Internal("save the user", err)
		}
		return s.record(tx, sub, out, ActionUserUpdate, fmt.Sprintf("Edited “%s” <%s>: %s", cur.Name, cur.Email, strings.Join(changes, "; ")))
	})
	return toUser(out, s.audit.now()), err
}

// Remove deletes a user. Errors: not_found; conflict (the last Admin while
// other users remain).
func (s *UserService) Remove(id int64) error {
	return s.store.InTx(s.ctx, func(tx *db.Tx) error {
		cur, sub, err := s.load(tx, id)
		if err != nil {
			return err
		}
		if err := s.keepAdmin(tx, cur, "", "“%s” is the only Admin and other users remain: make another user an Admin first. A sub-account that has users keeps at least one Admin."); err != nil {
			return err
		}
		if err := tx.DeleteUser(s.ctx, id); err != nil {
			return Internal("remove the user", err)
		}
		return s.record(tx, sub, cur, ActionUserRemove, fmt.Sprintf("Removed %s “%s” <%s>", roleLabel(cur.Role), cur.Name, cur.Email))
	})
}

// ReplaceEmail moves a user to a new email, which cannot be edited: in one
// transaction it removes the user and creates one with the same name, role
// and time zone at newEmail (a new id). Errors: not_found; invalid on
// "email" (not valid, or the current email); conflict on "email" (another
// user has it).
func (s *UserService) ReplaceEmail(id int64, newEmail string) (User, error) {
	email, key, eerr := cleanEmail(newEmail)
	if eerr != nil {
		return User{}, eerr
	}
	var out gen.User
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		cur, sub, err := s.load(tx, id)
		if err != nil {
			return err
		}
		if email == cur.Email {
			return FieldError("email", "That is already this user's email: type the new one.")
		}
		if err := tx.DeleteUser(s.ctx, id); err != nil {
			return Internal("replace the email", err)
		}
		d := userFields{Name: cur.Name, Role: Role(cur.Role), TimeZone: cur.TimeZone}
		if out, err = insertUser(s.ctx, tx, sub.ID, d, email, key, s.audit.now()); err != nil {
			return err
		}
		return s.record(tx, sub, out, ActionUserReplaceEmail, fmt.Sprintf("Replaced %s with %s", cur.Email, out.Email))
	})
	return toUser(out, s.audit.now()), err
}

// load reads a user and its sub-account in tx. Errors: not_found.
func (s *UserService) load(tx *db.Tx, id int64) (gen.User, gen.SubAccount, error) {
	u, err := tx.GetUser(s.ctx, id)
	if errors.Is(err, db.ErrNoRows) {
		return u, gen.SubAccount{}, Errorf(CodeNotFound, "That user no longer exists.")
	}
	if err != nil {
		return u, gen.SubAccount{}, Internal("load the user", err)
	}
	sub, err := getSubAccount(s.ctx, tx.Queries, u.SubAccountID)
	return u, sub, err
}

// keepAdmin refuses to take away cur, an Admin, when it is the last one and
// others remain (field "": removing, so only users other than cur count) or
// at all (field "role": changing its role). msg has a %s for the name.
func (s *UserService) keepAdmin(tx *db.Tx, cur gen.User, field, msg string) error {
	if Role(cur.Role) != RoleAdmin {
		return nil
	}
	roles, err := tx.CountUserRoles(s.ctx, cur.SubAccountID)
	if err != nil {
		return Internal("check the Admins", err)
	}
	if roles.Admins > 1 || (field == "" && roles.Users == 1) {
		return nil
	}
	text := fmt.Sprintf(msg, cur.Name)
	if field == "" {
		return Errorf(CodeConflict, "%s", text)
	}
	return FieldError(field, text)
}

func (s *UserService) record(tx *db.Tx, sub gen.SubAccount, u gen.User, a Action, summary string) error {
	err := s.audit.record(s.ctx, tx, Entry{Action: a, SubAccount: refOf(sub),
		Subject: Subject{Kind: "user", ID: strconv.FormatInt(u.ID, 10), Name: u.Name}, Summary: summary})
	if err != nil {
		return Internal("save the user", err)
	}
	return nil
}
