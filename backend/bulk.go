package backend

// Bulk actions on a selection of sub-accounts: enable, disable, delete,
// publish a permission set, offer plans. A selection is a query (the list's
// search and filters, or a list of ids), never every id in the window; a run
// walks it by id in batches, one transaction each.

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"switchboard/db"
	"switchboard/db/gen"
)

// BulkAction names what a bulk run does to each selected sub-account.
type BulkAction string

// The bulk actions.
const (
	BulkEnable      BulkAction = "enable"
	BulkDisable     BulkAction = "disable"
	BulkDelete      BulkAction = "delete"
	BulkPermissions BulkAction = "permissions"
	BulkOffer       BulkAction = "offer"
)

// BulkActions lists the bulk actions, for the binding generator.
var BulkActions = []struct {
	Value  BulkAction
	TSName string
}{
	{BulkEnable, "Enable"}, {BulkDisable, "Disable"}, {BulkDelete, "Delete"},
	{BulkPermissions, "Permissions"}, {BulkOffer, "Offer"},
}

// Selection chooses sub-accounts: IDs picked by hand, or All those the list
// query Query matches (its page is ignored). Query's sort orders an export
// of either.
type Selection struct {
	IDs   []int64   `json:"ids"`
	All   bool      `json:"all"`
	Query ListQuery `json:"query"`
}

// BulkInput is one bulk run. SourceID is the sub-account whose published
// permission set BulkPermissions publishes (0: the agency default); PlanIDs
// are the catalog plans BulkOffer offers, the first shown first;
// ConfirmCount must equal the number selected for BulkDelete.
type BulkInput struct {
	Action       BulkAction "json:\"action\" ts_type:\"`${BulkAction}`\""
	Selection    Selection  `json:"selection"`
	SourceID     int64      `json:"sourceId"`
	PlanIDs      []int64    `json:"planIds"`
	ConfirmCount int        `json:"confirmCount"`
}

// BulkResult is what a run did: Changed sub-accounts, Unchanged ones (they
// already were as asked), Skipped ones (gone or changed since they were
// selected, or offered plans in another currency), of Total selected.
// Cancelled says the run stopped between two batches; Failed that a batch
// failed (the batches before it stay committed). Message says it all in
// words: "Disabled 1,204; 3 were already inactive."
type BulkResult struct {
	Action    BulkAction "json:\"action\" ts_type:\"`${BulkAction}`\""
	Total     int        `json:"total"`
	Changed   int        `json:"changed"`
	Unchanged int        `json:"unchanged"`
	Skipped   int        `json:"skipped"`
	Cancelled bool       `json:"cancelled"`
	Failed    bool       `json:"failed"`
	Message   string     `json:"message"`
}

// BulkProgress is the payload of EventBulkProgress: how many of the
// selection's sub-accounts a run has been through.
type BulkProgress struct {
	Action BulkAction "json:\"action\" ts_type:\"`${BulkAction}`\""
	Done   int        `json:"done"`
	Total  int        `json:"total"`
}

// bulkBatch is how many sub-accounts one transaction of a run changes: a
// batch holds the write lock for a few milliseconds, so the window and the
// syncs get their turn between two, and Cancel takes effect there.
var bulkBatch = map[BulkAction]int{BulkEnable: 1000, BulkDisable: 1000, BulkDelete: 200, BulkPermissions: 500, BulkOffer: 200}

// BulkService runs bulk actions and exports the list. One run at a time.
type BulkService struct {
	ctx     context.Context
	store   *db.Store
	tx      SubAccountTx
	perms   *PermissionService
	pricing *PricingService
	events  Events
	dialogs Dialogs
	mu      sync.Mutex
	cancel  context.CancelFunc
}

// NewBulkService returns the service; tx, perms and pricing hold the rules
// a run applies to each sub-account.
func NewBulkService(ctx context.Context, store *db.Store, tx SubAccountTx, perms *PermissionService, pricing *PricingService,
	events Events, dialogs Dialogs) *BulkService {
	return &BulkService{ctx: ctx, store: store, tx: tx, perms: perms, pricing: pricing, events: events, dialogs: dialogs}
}

// selectionParams turns a selection into the list query it is. Errors:
// invalid on "ids" (none chosen, or ids with all) or on the query's fields.
func selectionParams(sel Selection) (db.ListSubAccountsParams, error) {
	q := sel.Query
	q.Offset, q.Limit = 0, 0
	switch {
	case sel.All && len(sel.IDs) > 0:
		return db.ListSubAccountsParams{}, FieldError("ids", "Choose sub-accounts, or all that match the filter, not both.")
	case sel.All:
		return listParams(q)
	case len(sel.IDs) == 0:
		return db.ListSubAccountsParams{}, FieldError("ids", "Choose at least one sub-account.")
	}
	p, err := listParams(ListQuery{Sort: q.Sort, Desc: q.Desc})
	p.IDs = jsonText(sel.IDs)
	return p, err
}

// Count returns how many sub-accounts the selection holds, exactly.
// Errors: invalid (as Run).
func (s *BulkService) Count(sel Selection) (int, error) {
	p, err := selectionParams(sel)
	if err != nil {
		return 0, err
	}
	n, err := s.store.CountSelected(s.ctx, p)
	if err != nil {
		return 0, Internal("count the sub-accounts", err)
	}
	return int(n), nil
}

// Cancel stops the running bulk run between two batches (the batches done
// stay done); without one it does nothing.
func (s *BulkService) Cancel() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		s.cancel()
	}
}

// Run applies in.Action to every selected sub-account, in batches of a
// bounded size, each its own transaction that reads its sub-accounts again
// (through the selection's query) before it changes them, each change
// audited per sub-account with the same rules as the single change. It
// emits EventBulkProgress after each batch and stops between batches on
// Cancel. A failed batch ends the run: its result says so, and the batches
// before it stay committed. Errors (nothing changed): invalid (the
// selection, the action, the plans, or field "confirmCount" that does not
// match the count); not_found (the permission source); conflict (another
// run is under way).
func (s *BulkService) Run(in BulkInput) (BulkResult, error) {
	p, err := selectionParams(in.Selection)
	if err != nil {
		return BulkResult{}, err
	}
	apply, err := s.prepare(in)
	if err != nil {
		return BulkResult{}, err
	}
	total, err := s.Count(in.Selection)
	if err != nil {
		return BulkResult{}, err
	}
	if in.Action == BulkDelete && in.ConfirmCount != total {
		return BulkResult{}, FieldError("confirmCount", fmt.Sprintf("Type %d to confirm deleting %s sub-accounts.", total, thousands(total)))
	}
	ctx, err := s.begin()
	if err != nil {
		return BulkResult{}, err
	}
	defer s.end()
	res := BulkResult{Action: in.Action, Total: total}
	done, batch := 0, 0
	var failure error
	for after := int64(0); ; {
		if ctx.Err() != nil {
			res.Cancelled = true
			break
		}
		peek := p
		peek.AfterID = after
		ids, err := s.store.SelectSubAccountIDs(s.ctx, peek, bulkBatch[in.Action])
		if err != nil {
			failure = Internal("read the selection", err)
			break
		}
		if len(ids) == 0 {
			break
		}
		batch++
		if failure = s.runBatch(in.Action, p, ids, apply, &res); failure != nil {
			break
		}
		after, done = ids[len(ids)-1], done+len(ids)
		s.events.Emit(EventBulkProgress, BulkProgress{Action: in.Action, Done: done, Total: max(total, done)})
	}
	if failure != nil {
		res.Failed = true
	}
	res.Message = bulkMessage(res, done, batch, failure)
	return res, nil
}

// batchApply changes one batch's sub-accounts (read in tx) and counts what
// it did; after runs once the batch has committed.
type batchApply func(tx *db.Tx, targets []gen.SubAccount, n *batchCounts) (after func(), err error)

type batchCounts struct{ changed, unchanged, skipped int }

// runBatch quiesces the batch's sub-accounts, reads those the selection
// still holds in one transaction and applies the action to them.
func (s *BulkService) runBatch(action BulkAction, p db.ListSubAccountsParams, ids []int64, apply batchApply, res *BulkResult) error {
	if action == BulkDisable || action == BulkDelete {
		releases := make([]func(), len(ids))
		for i, id := range ids {
			releases[i] = s.tx.hooks.quiesce(id)
		}
		defer func() {
			for _, r := range releases {
				r()
			}
		}()
	}
	var n batchCounts
	var after func()
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		n = batchCounts{}
		in := p
		in.IDs, in.AfterID = jsonText(ids), 0
		targets, err := tx.SelectSubAccounts(s.ctx, in)
		if err != nil {
			return Internal("read the selection", err)
		}
		n.skipped = len(ids) - len(targets)
		after, err = apply(tx, targets, &n)
		return err
	})
	if err != nil {
		return err
	}
	if after != nil {
		after()
	}
	res.Changed, res.Unchanged, res.Skipped = res.Changed+n.changed, res.Unchanged+n.unchanged, res.Skipped+n.skipped
	return nil
}

// begin registers the run, or refuses a second one.
func (s *BulkService) begin() (context.Context, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		return nil, Errorf(CodeConflict, "Another bulk action is under way; wait for it to finish or cancel it.")
	}
	ctx, cancel := context.WithCancel(s.ctx)
	s.cancel = cancel
	return ctx, nil
}

func (s *BulkService) end() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cancel()
	s.cancel = nil
}

// prepare checks what the action needs before anything is read for it, and
// returns how it changes one batch.
func (s *BulkService) prepare(in BulkInput) (batchApply, error) {
	switch in.Action {
	case BulkEnable, BulkDisable:
		status := StatusActive
		if in.Action == BulkDisable {
			status = StatusInactive
		}
		return func(tx *db.Tx, targets []gen.SubAccount, n *batchCounts) (func(), error) {
			changed, err := s.tx.SetStatusMany(s.ctx, tx, targets, status)
			n.changed, n.unchanged = len(changed), len(targets)-len(changed)
			return nil, err
		}, nil
	case BulkDelete:
		return func(tx *db.Tx, targets []gen.SubAccount, n *batchCounts) (func(), error) {
			for _, t := range targets {
				if err := s.tx.Delete(s.ctx, tx, t); err != nil {
					return nil, err
				}
			}
			n.changed = len(targets)
			return nil, nil
		}, nil
	case BulkPermissions:
		if in.SourceID != 0 {
			if _, err := getSubAccount(s.ctx, s.store.Queries, in.SourceID); err != nil {
				return nil, err
			}
		}
		return func(tx *db.Tx, targets []gen.SubAccount, n *batchCounts) (func(), error) {
			r, applied, err := s.perms.publishToChunk(tx, in.SourceID, targets)
			n.changed, n.unchanged = r.Applied, r.Unchanged
			n.skipped += len(targets) - r.Applied - r.Unchanged // the source itself
			return func() { s.perms.learnPublished(applied) }, err
		}, nil
	case BulkOffer:
		if err := s.pricing.checkPlanSet(in.PlanIDs); err != nil {
			return nil, err
		}
		return func(tx *db.Tx, targets []gen.SubAccount, n *batchCounts) (func(), error) {
			return nil, s.pricing.offerChunk(tx, in.PlanIDs, targets, n)
		}, nil
	}
	return nil, FieldError("action", fmt.Sprintf("Unknown bulk action %q.", in.Action))
}

// bulkWords are each action's words in a result.
var bulkWords = map[BulkAction]struct{ did, already, skipped string }{
	BulkEnable:      {"Enabled %s", "already active", "gone or changed since they were selected"},
	BulkDisable:     {"Disabled %s", "already inactive", "gone or changed since they were selected"},
	BulkDelete:      {"Deleted %s with their keychain items", "", "gone or changed since they were selected"},
	BulkPermissions: {"Published the permission set to %s", "already had it", "the set's own sub-account, or gone since they were selected"},
	BulkOffer:       {"Offered the plans to %s", "already offered all of them", "their plans are in another currency, or gone since they were selected"},
}

// bulkMessage says what a run did, in the words the window shows.
func bulkMessage(r BulkResult, done, batch int, failure error) string {
	w := bulkWords[r.Action]
	parts := []string{fmt.Sprintf(w.did, thousands(r.Changed))}
	if r.Unchanged > 0 {
		verb := "were"
		if r.Unchanged == 1 {
			verb = "was"
		}
		parts = append(parts, fmt.Sprintf("%s %s %s", thousands(r.Unchanged), verb, w.already))
	}
	if r.Skipped > 0 {
		parts = append(parts, fmt.Sprintf("%s skipped (%s)", thousands(r.Skipped), w.skipped))
	}
	msg := strings.Join(parts, "; ") + "."
	switch {
	case failure != nil:
		msg = fmt.Sprintf("Batch %d failed and changed nothing: %s %s The %s before it were committed and stay so.",
			batch, Format(failure, nil).Message, msg, thousands(done))
	case r.Cancelled:
		msg = fmt.Sprintf("Cancelled after %s of %s: %s The rest were not touched.", thousands(done), thousands(r.Total), msg)
	}
	return msg
}
