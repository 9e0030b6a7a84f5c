package backend

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"switchboard/db"
	"switchboard/db/gen"
)

// Audit actions of sub-accounts.
var (
	ActionSubAccountCreate  = defineAction("sub_account.create", "Created")
	ActionSubAccountEnable  = defineAction("sub_account.enable", "Enabled")
	ActionSubAccountDisable = defineAction("sub_account.disable", "Disabled")
	ActionSubAccountDelete  = defineAction("sub_account.delete", "Deleted")
)

// SubAccountService creates, lists, enables, disables and deletes
// sub-accounts. Every change writes an audit row in the same transaction;
// disabling and deleting run every area's lifecycle hooks.
type SubAccountService struct {
	store    *db.Store
	ctx      context.Context
	activity *windowActivity
	tx       SubAccountTx
	// books rolls the licenses over before a read, so Minutes left is current.
	books *licenseBooks
}

// NewSubAccountService returns the service. ctx bounds every query; tx
// carries the audit and the other areas' hooks on disable and delete.
func NewSubAccountService(ctx context.Context, store *db.Store, tx SubAccountTx) *SubAccountService {
	return &SubAccountService{store: store, ctx: ctx, tx: tx}
}

// SubAccountTx holds the sub-account changes that run inside a caller's
// transaction. The bound service uses it one change per transaction; bulk
// loaders (the demo command) use it many changes per transaction, so both
// follow the same rules and write the same audit rows. It is not bound to
// the frontend.
type SubAccountTx struct {
	audit auditor
	// hooks are the other areas' work on create, disable and delete, run in order.
	hooks lifecycle
}

// Providers lists the voice providers, for the list view's filter.
func (s *SubAccountService) Providers() []Provider { return Providers }

// List returns one page of sub-accounts matching q, and how many match.
// Errors: invalid (bad sort, status, provider or page bounds).
func (s *SubAccountService) List(q ListQuery) (ListPage, error) {
	s.activity.touch()
	p, err := listParams(q)
	if err != nil {
		return ListPage{}, err
	}
	if err := s.books.rollIfDue(s.ctx, s.store); err != nil {
		return ListPage{}, err
	}
	rows, total, capped, err := s.store.ListSubAccountsPage(s.ctx, p)
	if err != nil {
		return ListPage{}, Internal("load the sub-accounts", err)
	}
	page := ListPage{Items: make([]SubAccount, len(rows)), Total: total, TotalCapped: capped, Offset: p.Offset, Limit: p.Limit}
	for i, r := range rows {
		page.Items[i] = toSubAccount(r, s.tx.audit.now())
	}
	return page, nil
}

// ListPageSizes are the page sizes the sub-account list offers; 0 asks for
// the default, DefaultPageSize.
var ListPageSizes = []int{25, 50, 100, 200}

// listCountAhead is how many matches past a page's start a search counts
// before it stops ("1,000+"): counting every match of a one-letter search of
// 100,000 names would cost more than reading the page.
const listCountAhead = 1000

// PageSizes lists the page sizes the list offers, smallest first.
func (s *SubAccountService) PageSizes() []int { return slices.Clone(ListPageSizes) }

func listParams(q ListQuery) (db.ListSubAccountsParams, error) {
	v := Validation{}
	limit := q.Limit
	if limit == 0 {
		limit = DefaultPageSize
	}
	if !slices.Contains(ListPageSizes, limit) {
		v.Add("limit", msgListPageSize)
	}
	if q.Offset < 0 {
		v.Add("offset", "Page offset cannot be negative.")
	}
	if err := v.Err(); err != nil {
		return db.ListSubAccountsParams{}, err
	}
	p := db.ListSubAccountsParams{
		Search: strings.TrimSpace(q.Search), Status: q.Status, Desc: q.Desc, Limit: limit, Offset: q.Offset,
		CountCap: q.Offset + listCountAhead,
	}
	p.Sort = parseSort(db.SubAccountSort, q.Sort, v)
	if q.Status != "" && q.Status != StatusActive && q.Status != StatusInactive {
		v.Add("status", msgStatus)
	}
	switch {
	case q.Provider == ProviderNone:
		p.ProviderNone = true
	case q.Provider == "" || knownProvider(q.Provider):
		p.Provider = q.Provider
	default:
		v.Add("provider", fmt.Sprintf("Unknown voice provider %q.", q.Provider))
	}
	return p, v.Err()
}

// parseSort reads a list's sort key against its spec; an unknown key is a
// field error on "sort", and the default is returned.
func parseSort[K ~string](spec db.SortSpec[K], raw string, v Validation) K {
	k, err := spec.Parse(raw)
	if err != nil {
		v.Add("sort", fmt.Sprintf("Cannot sort by %q.", raw))
	}
	return k
}

const msgStatus = "Status must be Active or Inactive."

const msgListPageSize = "Page size must be 25, 50, 100 or 200."

// Get returns one sub-account. Errors: not_found.
func (s *SubAccountService) Get(id int64) (SubAccount, error) {
	row, err := getSubAccount(s.ctx, s.store.Queries, id)
	if err != nil {
		return SubAccount{}, err
	}
	return toSubAccount(row, s.tx.audit.now()), nil
}

// getSubAccount reads a sub-account through q: the Store's reads, or a
// transaction's. Errors: not_found.
func getSubAccount(ctx context.Context, q db.Queries, id int64) (gen.SubAccount, error) {
	row, err := q.GetSubAccountByID(ctx, id)
	if errors.Is(err, db.ErrNoRows) {
		return gen.SubAccount{}, Errorf(CodeNotFound, "That sub-account no longer exists.")
	}
	if err != nil {
		return gen.SubAccount{}, Internal("load the sub-account", err)
	}
	return row, nil
}

// Create adds an active sub-account. The name is trimmed, must be 2-80
// characters and unique regardless of case; it can never change afterwards.
// Errors: invalid or conflict, both on field "name".
func (s *SubAccountService) Create(in CreateSubAccountInput) (SubAccount, error) {
	var created gen.SubAccount
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		var err error
		created, err = s.tx.Create(s.ctx, tx, in)
		return err
	})
	if err != nil {
		return SubAccount{}, err
	}
	return toSubAccount(created, s.tx.audit.now()), nil
}

// Create is SubAccountService.Create inside the caller's transaction.
func (s SubAccountTx) Create(ctx context.Context, tx *db.Tx, in CreateSubAccountInput) (gen.SubAccount, error) {
	name, key, err := normalizeName(in.Name)
	if err != nil {
		return gen.SubAccount{}, err
	}
	if existing, err := tx.GetSubAccountByNameKey(ctx, key); err == nil {
		return gen.SubAccount{}, nameTaken(existing.Name)
	} else if !errors.Is(err, db.ErrNoRows) {
		return gen.SubAccount{}, Internal("create the sub-account", err)
	}
	now := s.audit.now().UnixMilli()
	row, err := tx.CreateSubAccount(ctx, gen.CreateSubAccountParams{Name: name, NameKey: key, CreatedAt: now, UpdatedAt: now})
	if err != nil {
		return gen.SubAccount{}, Internal("create the sub-account", err)
	}
	if err := s.hooks.onCreate(ctx, tx, row); err != nil {
		return gen.SubAccount{}, asError(err, "create the sub-account")
	}
	if err := s.audit.record(ctx, tx, Entry{Action: ActionSubAccountCreate, SubAccount: refOf(row),
		Summary: fmt.Sprintf("Created sub-account “%s”", name)}); err != nil {
		return gen.SubAccount{}, Internal("create the sub-account", err)
	}
	return row, nil
}

// Enable makes a sub-account Active: its users can sign in again.
// Errors: not_found.
func (s *SubAccountService) Enable(id int64) (SubAccount, error) {
	return s.setStatus(id, StatusActive)
}

// Disable makes a sub-account Inactive: its users can no longer sign in and
// its background work stops (a running sync ends between two pages; it
// resumes when the sub-account is enabled again). Errors: not_found.
func (s *SubAccountService) Disable(id int64) (SubAccount, error) {
	return s.setStatus(id, StatusInactive)
}

func (s *SubAccountService) setStatus(id int64, status string) (SubAccount, error) {
	if status == StatusInactive {
		defer s.tx.hooks.quiesce(id)()
	}
	var updated gen.SubAccount
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		var err error
		updated, err = s.tx.SetStatus(s.ctx, tx, id, status)
		return err
	})
	if err != nil {
		return SubAccount{}, err
	}
	return toSubAccount(updated, s.tx.audit.now()), nil
}

// SetStatus is Enable or Disable inside the caller's transaction, with the
// areas' OnDisable hooks. Setting the status a sub-account already has
// changes nothing and is not audited. A caller that disables a sub-account
// with background work quiesces it first (the bound service does).
func (s SubAccountTx) SetStatus(ctx context.Context, tx *db.Tx, id int64, status string) (gen.SubAccount, error) {
	cur, err := getSubAccount(ctx, tx.Queries, id)
	if err != nil {
		return cur, err
	}
	changed, err := s.SetStatusMany(ctx, tx, []gen.SubAccount{cur}, status)
	if err != nil || len(changed) == 0 {
		return cur, err
	}
	return changed[0], nil
}

// SetStatusMany is SetStatus for sub-accounts the caller read in tx: those
// that do not have the status yet get it, in one statement, each with the
// areas' OnDisable hooks and an audit entry; it returns them as updated
// (the others were unchanged). The caller quiesces them first, as for
// SetStatus.
func (s SubAccountTx) SetStatusMany(ctx context.Context, tx *db.Tx, subs []gen.SubAccount, status string) ([]gen.SubAccount, error) {
	if status != StatusActive && status != StatusInactive {
		return nil, FieldError("status", msgStatus)
	}
	ids := make([]int64, 0, len(subs))
	for _, cur := range subs {
		if cur.Status == status {
			continue
		}
		if status == StatusInactive {
			if err := s.hooks.onDisable(ctx, tx, cur); err != nil {
				return nil, asError(err, "disable the sub-account")
			}
		}
		ids = append(ids, cur.ID)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	updated, err := tx.SetSubAccountsStatus(ctx, gen.SetSubAccountsStatusParams{
		Status: status, UpdatedAt: s.audit.now().UnixMilli(), Ids: jsonText(ids),
	})
	if err != nil {
		return nil, Internal("change the status", err)
	}
	slices.SortFunc(updated, func(a, b gen.SubAccount) int { return cmp.Compare(a.ID, b.ID) })
	action, summary := ActionSubAccountEnable, "Enabled: users can sign in"
	if status == StatusInactive {
		action, summary = ActionSubAccountDisable, "Disabled: users can no longer sign in"
	}
	entries := make([]Entry, len(updated))
	for i, u := range updated {
		entries[i] = Entry{Action: action, SubAccount: refOf(u), Summary: summary}
	}
	if err := s.audit.recordMany(ctx, tx, entries); err != nil {
		return nil, Internal("change the status", err)
	}
	return updated, nil
}

// Delete removes a sub-account and everything that belongs to it: its
// background work stops first, then every area's OnDelete hook runs (the
// provider area removes the keychain item) in the transaction that deletes
// the row. Nothing of other sub-accounts is touched and the audit log keeps
// its history. confirmName must equal the sub-account's name exactly.
// Errors: not_found; invalid on field "confirmName"; keychain (the item
// could not be removed: nothing is deleted).
func (s *SubAccountService) Delete(id int64, confirmName string) error {
	cur, err := getSubAccount(s.ctx, s.store.Queries, id)
	if err != nil {
		return err
	}
	if confirmName != cur.Name { // checked again in the transaction; this spares the quiesce
		return confirmError(cur)
	}
	defer s.tx.hooks.quiesce(id)()
	return s.store.InTx(s.ctx, func(tx *db.Tx) error {
		cur, err := getSubAccount(s.ctx, tx.Queries, id)
		if err != nil {
			return err
		}
		if confirmName != cur.Name {
			return confirmError(cur)
		}
		return s.tx.Delete(s.ctx, tx, cur)
	})
}

// Delete is SubAccountService.Delete inside the caller's transaction, for a
// sub-account the caller read in tx and quiesced: every area's OnDelete
// hook, the row, and the audit entry.
func (s SubAccountTx) Delete(ctx context.Context, tx *db.Tx, cur gen.SubAccount) error {
	if err := s.hooks.onDelete(ctx, tx, cur); err != nil {
		return asError(err, "delete the sub-account")
	}
	if _, err := tx.DeleteSubAccount(ctx, cur.ID); err != nil {
		return Internal("delete the sub-account", err)
	}
	if err := s.audit.record(ctx, tx, Entry{Action: ActionSubAccountDelete, SubAccount: refOf(cur),
		Summary: fmt.Sprintf("Deleted sub-account “%s”", cur.Name)}); err != nil {
		return Internal("delete the sub-account", err)
	}
	return nil
}

func confirmError(sub gen.SubAccount) error {
	return FieldError("confirmName", fmt.Sprintf("Type the name “%s” exactly to confirm.", sub.Name))
}
