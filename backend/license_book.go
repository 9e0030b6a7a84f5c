package backend

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync/atomic"
	"time"

	"switchboard/backend/license"
	"switchboard/db"
	"switchboard/db/gen"
)

// licenseBooks keeps each license's book (license.Book: the minute ledger's
// running state) in the database, changed in the transaction that changes
// it: a grant, a sync page's calls, a cycle's end. The list's "Minutes left"
// and the License tab read what it stored.
type licenseBooks struct {
	now func() time.Time
	// next is when the earliest open cycle ends (Unix ms; 0: not read yet,
	// math.MaxInt64: no license): reads roll the books over from then on.
	next atomic.Int64
}

// book is one license's book as loaded in a transaction.
type book struct {
	subID      int64
	loc        *time.Location
	validUntil int64
	b          *license.Book
	stored     bool // its license_books row exists
}

// loadBook reads a license's book with its open cycle; ErrNoRows when the
// sub-account has no license.
func loadBook(ctx context.Context, q db.Queries, subID int64) (*book, error) {
	terms, err := q.GetLicenseTerms(ctx, subID)
	if err != nil {
		return nil, err
	}
	row, err := q.GetLicenseBook(ctx, subID)
	if err != nil {
		return nil, err
	}
	loc := zoneLocation(terms.TimeZone)
	bk := &book{subID: subID, loc: loc, validUntil: terms.ValidUntil, stored: true, b: &license.Book{
		Start: time.UnixMilli(terms.StartedAt).In(loc), Allowance: row.Allowance, Overage: row.Overage,
		Open: int(row.OpenCycle), Cycles: map[int]*license.Cycle{}}}
	if err := bk.cycle(ctx, q, bk.b.Open); err != nil {
		return nil, err
	}
	bk.b.Bal = bk.b.Cycles[bk.b.Open].Closing
	return bk, nil
}

// newBook opens the book of a license created in this transaction.
func newBook(terms gen.LicenseTerm) *book {
	loc := zoneLocation(terms.TimeZone)
	return &book{subID: terms.SubAccountID, loc: loc, validUntil: terms.ValidUntil,
		b: license.NewBook(time.UnixMilli(terms.StartedAt).In(loc))}
}

// cycle loads cycle i's statement into the book, if it is not there yet.
func (bk *book) cycle(ctx context.Context, q db.Queries, i int) error {
	if _, ok := bk.b.Cycles[i]; ok {
		return nil
	}
	raw, err := q.GetLicenseCycle(ctx, gen.GetLicenseCycleParams{SubAccountID: bk.subID, Cycle: int64(i)})
	if err != nil {
		return fmt.Errorf("license cycle %d of %d: %w", i, bk.subID, err)
	}
	var c license.Cycle
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		return fmt.Errorf("license cycle %d of %d: %w", i, bk.subID, err)
	}
	bk.b.Cycles[i] = &c
	return nil
}

// save stores what the book made since it was loaded: its new ledger
// entries, its cycles, its state and the list's license columns.
func (l *licenseBooks) save(ctx context.Context, tx *db.Tx, bk *book) error {
	b := bk.b
	for _, e := range b.Entries {
		p := gen.AddLedgerEntryParams{SubAccountID: bk.subID, At: e.At.UnixMilli(), Kind: string(e.Kind), Cycle: int64(e.Cycle),
			Minutes: e.Minutes, FromFree: e.FromFree, FromExpired: e.FromExpired, FromAddon: e.FromAddOn, Overage: e.Overage,
			FreeBalance: e.Balance.Free, AddonBalance: e.Balance.AddOn, Calls: e.Calls, Ref: e.Ref, Remarks: e.Remarks}
		if e.ValidUntil != nil {
			p.ValidUntil = ptr(e.ValidUntil.UnixMilli())
		}
		if err := tx.AddLedgerEntry(ctx, p); err != nil {
			return fmt.Errorf("license ledger of %d: %w", bk.subID, err)
		}
	}
	b.Entries = nil
	for _, i := range sortedCycles(b) {
		raw, err := json.Marshal(b.Cycles[i])
		if err != nil {
			return err
		}
		if err := tx.SaveLicenseCycle(ctx, gen.SaveLicenseCycleParams{SubAccountID: bk.subID, Cycle: int64(i), Statement: string(raw)}); err != nil {
			return fmt.Errorf("license cycle %d of %d: %w", i, bk.subID, err)
		}
	}
	open := b.Cycles[b.Open]
	until := open.Until.UnixMilli()
	var err error
	if bk.stored {
		err = tx.UpdateLicenseBook(ctx, gen.UpdateLicenseBookParams{Allowance: b.Allowance, Overage: b.Overage,
			OpenCycle: int64(b.Open), CycleUntil: until, SubAccountID: bk.subID})
	} else {
		err = tx.CreateLicenseBook(ctx, gen.CreateLicenseBookParams{SubAccountID: bk.subID, Allowance: b.Allowance,
			Overage: b.Overage, OpenCycle: int64(b.Open), CycleUntil: until})
		bk.stored = true
	}
	if err != nil {
		return fmt.Errorf("license book of %d: %w", bk.subID, err)
	}
	if err := tx.SetSubAccountMinutes(ctx, gen.SetSubAccountMinutesParams{MinutesLeft: ptr(b.Bal.Left()),
		MinutesCapacity: ptr(open.Capacity()), LicenseValidUntil: &bk.validUntil, ID: bk.subID}); err != nil {
		return fmt.Errorf("license minutes of %d: %w", bk.subID, err)
	}
	l.noteNext(until)
	return nil
}

func sortedCycles(b *license.Book) []int {
	out := make([]int, 0, len(b.Cycles))
	for i := range b.Cycles {
		out = append(out, i)
	}
	sort.Ints(out)
	return out
}

// noteNext lowers the next roll-over to until (a cycle that ends sooner).
func (l *licenseBooks) noteNext(until int64) {
	for {
		cur := l.next.Load()
		if cur != 0 && cur <= until {
			return
		}
		if l.next.CompareAndSwap(cur, until) {
			return
		}
	}
}

// rollOverBatch is how many books one roll-over transaction advances.
const rollOverBatch = 500

// rollIfDue closes the cycles that ended by now (their free minutes expire,
// the next cycle's allowance opens), so that what a read shows is current.
// It writes only when a cycle has ended since the last roll-over.
func (l *licenseBooks) rollIfDue(ctx context.Context, store *db.Store) error {
	if l == nil {
		return nil
	}
	now := l.now().UnixMilli()
	next := l.next.Load()
	if next == 0 {
		n, err := store.NextLicenseRollOver(ctx)
		if err != nil {
			return Internal("read the licenses", err)
		}
		l.next.CompareAndSwap(0, n)
		next = n
	}
	if next > now {
		return nil
	}
	for {
		more := false
		err := store.InTx(ctx, func(tx *db.Tx) error {
			ids, err := tx.ListDueLicenseBooks(ctx, gen.ListDueLicenseBooksParams{CycleUntil: now, Limit: rollOverBatch})
			if err != nil {
				return err
			}
			for _, id := range ids {
				if err := l.advance(ctx, tx, id); err != nil {
					return err
				}
			}
			more = len(ids) == rollOverBatch
			return nil
		})
		if err != nil {
			return Internal("roll the licenses over", err)
		}
		if !more {
			break
		}
	}
	n, err := store.NextLicenseRollOver(ctx)
	if err != nil {
		return Internal("read the licenses", err)
	}
	l.next.Store(n)
	return nil
}

// advance brings one book up to now.
func (l *licenseBooks) advance(ctx context.Context, tx *db.Tx, subID int64) error {
	bk, err := loadBook(ctx, tx.Queries, subID)
	if err != nil {
		return err
	}
	bk.b.Advance(l.now())
	return l.save(ctx, tx, bk)
}

// openBooks gives each license made before the ledger existed its book,
// once: its grants and calls replayed (a call counts as learned when it
// started: when it was stored was not kept).
func (l *licenseBooks) openBooks(ctx context.Context, store *db.Store) error {
	ids, err := store.ListUnbookedLicenses(ctx)
	if err != nil || len(ids) == 0 {
		return err
	}
	now := l.now()
	return store.InTx(ctx, func(tx *db.Tx) error {
		for _, id := range ids {
			st, err := loadLicenseState(ctx, tx.Queries, id)
			if err != nil {
				return err
			}
			rows, err := tx.ListLicenseCalls(ctx, gen.ListLicenseCallsParams{SubAccountID: id, Since: st.terms.StartedAt})
			if err != nil {
				return err
			}
			calls := make([]license.Call, len(rows))
			for i, c := range rows {
				started := time.UnixMilli(c.StartedAt)
				calls[i] = license.Call{ID: c.Provider + ":" + c.ProviderCallID, StartedAt: started, DurationSec: c.MostMinutes * 60, SeenAt: started}
			}
			replayed := license.Replay(st.licenseTerms(), st.licenseGrants(), calls, now)
			bk := &book{subID: id, loc: st.loc, validUntil: st.terms.ValidUntil, b: license.BookOf(replayed)}
			if err := l.save(ctx, tx, bk); err != nil {
				return err
			}
		}
		return nil
	})
}

// pageCharges is what one sync page charges a licensed sub-account.
type pageCharges struct {
	bk  *book
	use map[chargeKey]*license.Usage
	// The span of the last cycle looked up: a page's calls are mostly of one.
	cycle       int
	from, until int64
}

// cycleOf is the cycle a call that started at ms (Unix ms) is charged to.
func (pc *pageCharges) cycleOf(ms int64) int {
	if pc.until == 0 || ms < pc.from || ms >= pc.until {
		i, from, until := license.CycleAt(pc.bk.b.Start, time.UnixMilli(ms))
		pc.cycle, pc.from, pc.until = i, from.UnixMilli(), until.UnixMilli()
	}
	return pc.cycle
}

type chargeKey struct {
	cycle int
	first bool
}

// licensed loads the books of the licensed sub-accounts among rows, by id.
func (l *licenseBooks) licensed(ctx context.Context, q db.Queries, rows []db.CallRow) (map[int64]*pageCharges, error) {
	out := map[int64]*pageCharges{}
	if l == nil {
		return out, nil
	}
	seen := map[int64]bool{}
	for _, r := range rows {
		if r.SubAccountID == nil || seen[*r.SubAccountID] {
			continue
		}
		id := *r.SubAccountID
		seen[id] = true
		bk, err := loadBook(ctx, q, id)
		if errors.Is(err, db.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[id] = &pageCharges{bk: bk, use: map[chargeKey]*license.Usage{}}
	}
	return out, nil
}

// chargeable is whether a row uses a license's minutes: a conversation (not
// a child leg, whose minutes are its parent's) of a licensed sub-account,
// started since the license did.
func chargeable(books map[int64]*pageCharges, r db.CallRow) (*pageCharges, bool) {
	if r.SubAccountID == nil || r.ParentCallID != "" || r.DurationS <= 0 {
		return nil, false
	}
	pc, ok := books[*r.SubAccountID]
	if !ok || r.StartedAt < pc.bk.b.Start.UnixMilli() {
		return nil, false
	}
	return pc, true
}

// storeCalls upserts a page's rows and charges the licenses their minutes,
// in tx: each call its whole minutes once, and later only the minutes it
// gained (the same page synced twice charges nothing more). A call is
// charged to the cycle it started in: one usage entry per cycle and sync
// page, an adjustment for a cycle already closed. A call that moves to
// another sub-account is not charged again.
func (l *licenseBooks) storeCalls(ctx context.Context, tx *db.Tx, providerID string, rows []db.CallRow) error {
	books, err := l.licensed(ctx, tx.Queries, rows)
	if err != nil {
		return err
	}
	var ids []string
	for _, r := range rows {
		if _, ok := chargeable(books, r); ok {
			ids = append(ids, r.ProviderCallID)
		}
	}
	stored := map[string]db.StoredCall{}
	if len(ids) > 0 {
		if stored, err = tx.StoredCalls(ctx, providerID, ids); err != nil {
			return err
		}
	}
	if err := tx.UpsertCalls(ctx, rows); err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	for _, r := range rows {
		pc, ok := chargeable(books, r)
		if !ok {
			continue
		}
		before := stored[r.ProviderCallID].MostMinutes
		m := license.Minutes(r.DurationS)
		if m <= before {
			continue
		}
		stored[r.ProviderCallID] = db.StoredCall{SubAccountID: r.SubAccountID, MostMinutes: m} // a page may hold a call twice
		cycle := pc.cycleOf(r.StartedAt)
		k := chargeKey{cycle: cycle, first: before == 0}
		u, ok := pc.use[k]
		if !ok {
			u = &license.Usage{Cycle: cycle, First: k.first}
			pc.use[k] = u
		}
		u.Minutes += m - before
		u.Calls++
		u.Ref = r.ProviderCallID
	}
	now := l.now()
	for _, pc := range books {
		if len(pc.use) == 0 {
			continue
		}
		if err := l.charge(ctx, tx, pc, now); err != nil {
			return err
		}
	}
	return nil
}

// charge books a page's usage of one license at now.
func (l *licenseBooks) charge(ctx context.Context, tx *db.Tx, pc *pageCharges, now time.Time) error {
	b := pc.bk.b
	b.Advance(now)
	keys := make([]chargeKey, 0, len(pc.use))
	for k := range pc.use {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].cycle != keys[j].cycle {
			return keys[i].cycle < keys[j].cycle
		}
		return keys[i].first && !keys[j].first
	})
	for _, k := range keys {
		u := *pc.use[k]
		u.At = now
		if u.Calls > 1 {
			u.Ref = ""
		}
		if err := pc.bk.cycle(ctx, tx.Queries, min(u.Cycle, b.Open)); err != nil {
			return err
		}
		if err := b.Charge(u); err != nil {
			return err
		}
	}
	return l.save(ctx, tx, pc.bk)
}

// StoreCalls stores calls the way a sync page does, charging the licenses
// their minutes in the same transaction. Loaders outside a sync (the demo,
// tests) use it; it is not bound to the window.
func (b *Backend) StoreCalls(ctx context.Context, tx *db.Tx, calls []db.CallRow) error {
	byProvider := map[string][]db.CallRow{}
	var order []string
	for _, c := range calls {
		if _, ok := byProvider[c.Provider]; !ok {
			order = append(order, c.Provider)
		}
		byProvider[c.Provider] = append(byProvider[c.Provider], c)
	}
	for _, p := range order {
		if err := b.books.storeCalls(ctx, tx, p, byProvider[p]); err != nil {
			return err
		}
	}
	return nil
}
