package backend

import (
	"context"

	"switchboard/db"
	"switchboard/db/gen"
)

// SubAccountHooks is what one area does when a sub-account is created,
// disabled or deleted. Each area that keeps work or data of its own per sub-account
// hands its hooks to the sub-account changes (SubAccountTx) at construction; every field
// may be nil.
//
//   - Quiesce runs before the transaction: it ends the area's background work
//     for the sub-account (waiting for it to return) and keeps new work from
//     starting until release is called, after the transaction.
//   - OnCreate runs inside the create transaction, after the row is stored:
//     the area sets up what a new sub-account starts with; an error rolls
//     the creation back.
//   - OnDisable and OnDelete run inside the disable or delete transaction,
//     after the sub-account's row was read and before it changes; an error
//     rolls everything back. Work outside the database (a keychain item)
//     goes last in the hook, so that a failure leaves the row in place.
//   - OnCreateMany, when set, is OnCreate for a batch of new sub-accounts
//     (SubAccountTx.CreateMany); an area without it gets OnCreate once each.
type SubAccountHooks struct {
	Quiesce      func(id int64) (release func())
	OnCreate     inTxHook
	OnCreateMany func(ctx context.Context, tx *db.Tx, subs []gen.SubAccount) error
	OnDisable    inTxHook
	OnDelete     inTxHook
}

// lifecycle runs the hooks of every area, in the order given.
type lifecycle []SubAccountHooks

// quiesce stops every area's background work for id; release undoes the holds.
func (l lifecycle) quiesce(id int64) (release func()) {
	var releases []func()
	for _, h := range l {
		if h.Quiesce != nil {
			releases = append(releases, h.Quiesce(id))
		}
	}
	return func() {
		for _, r := range releases {
			r()
		}
	}
}

// inTxHook is OnCreate, OnDisable or OnDelete.
type inTxHook = func(ctx context.Context, tx *db.Tx, sub gen.SubAccount) error

func (l lifecycle) onCreate(ctx context.Context, tx *db.Tx, sub gen.SubAccount) error {
	return l.run(ctx, tx, sub, func(h SubAccountHooks) inTxHook { return h.OnCreate })
}

// onCreateMany runs every area's create work for a batch: OnCreateMany, or
// OnCreate for each sub-account.
func (l lifecycle) onCreateMany(ctx context.Context, tx *db.Tx, subs []gen.SubAccount) error {
	for _, h := range l {
		switch {
		case h.OnCreateMany != nil:
			if err := h.OnCreateMany(ctx, tx, subs); err != nil {
				return err
			}
		case h.OnCreate != nil:
			for _, sub := range subs {
				if err := h.OnCreate(ctx, tx, sub); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (l lifecycle) onDisable(ctx context.Context, tx *db.Tx, sub gen.SubAccount) error {
	return l.run(ctx, tx, sub, func(h SubAccountHooks) inTxHook { return h.OnDisable })
}

func (l lifecycle) onDelete(ctx context.Context, tx *db.Tx, sub gen.SubAccount) error {
	return l.run(ctx, tx, sub, func(h SubAccountHooks) inTxHook { return h.OnDelete })
}

// run runs one kind of in-transaction hook of every area, stopping at the
// first error.
func (l lifecycle) run(ctx context.Context, tx *db.Tx, sub gen.SubAccount, pick func(SubAccountHooks) inTxHook) error {
	for _, h := range l {
		if fn := pick(h); fn != nil {
			if err := fn(ctx, tx, sub); err != nil {
				return err
			}
		}
	}
	return nil
}
