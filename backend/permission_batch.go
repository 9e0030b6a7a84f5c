package backend

// Publishing one set to many sub-accounts: ApplyToOthers (a sub-account's
// published set) and AlignWithDefault (the agency default), in one
// transaction, audited per sub-account.

import (
	"context"
	"fmt"

	"switchboard/db"
	"switchboard/db/gen"
)

// ApplyInput chooses the sub-accounts a published set goes to: IDs, or All
// those the list filter Query matches (its sort and page are ignored).
type ApplyInput struct {
	IDs   []int64   `json:"ids"`
	All   bool      `json:"all"`
	Query ListQuery `json:"query"`
}

// ApplyResult counts the sub-accounts that got a new version (Applied) and
// those that already had the set (Unchanged).
type ApplyResult struct {
	Applied   int `json:"applied"`
	Unchanged int `json:"unchanged"`
}

// PermissionProgress is the payload of EventPermissionsProgress: how many
// of a batch's sub-accounts are done.
type PermissionProgress struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// ApplyToOthers publishes the source's PUBLISHED set to the chosen
// sub-accounts (the source itself and those that already have it are
// skipped), in one transaction, audited per sub-account; a batch of 500 or
// more reports progress (EventPermissionsProgress). Errors: not_found (the
// source); invalid on field "ids" (none chosen, ids with all, an id that no
// longer exists) or on the query's fields: nothing changes then.
func (s *PermissionService) ApplyToOthers(subAccountID int64, in ApplyInput) (ApplyResult, error) {
	var p db.ListSubAccountsParams
	switch {
	case in.All && len(in.IDs) > 0:
		return ApplyResult{}, FieldError("ids", "Choose sub-accounts, or all that match the filter, not both.")
	case in.All:
		q := in.Query
		q.Offset, q.Limit = 0, 0
		var err error
		if p, err = listParams(q); err != nil {
			return ApplyResult{}, err
		}
	case len(in.IDs) == 0:
		return ApplyResult{}, FieldError("ids", "Choose the sub-accounts to apply the permissions to.")
	}
	return s.batch(func(tx *db.Tx) (permBatch, error) {
		src, err := getSubAccount(s.ctx, tx.Queries, subAccountID)
		if err != nil {
			return permBatch{}, err
		}
		pub, err := loadPublished(s.ctx, tx.Queries, subAccountID)
		if err != nil {
			return permBatch{}, err
		}
		var targets []gen.SubAccount
		if in.All {
			targets, err = targetsByFilter(s.ctx, tx.Queries, p)
		} else {
			targets, err = targetsByID(s.ctx, tx.Queries, in.IDs)
		}
		if err != nil {
			return permBatch{}, err
		}
		others := targets[:0]
		for _, t := range targets {
			if t.ID != src.ID {
				others = append(others, t)
			}
		}
		return permBatch{targets: others, set: pub.set, action: ActionPermissionsApply, summary: func(v int64, changes string) string {
			return fmt.Sprintf("Version %d from “%s”: %s", v, src.Name, changes)
		}}, nil
	})
}

// AlignWithDefault publishes the default set to each sub-account of ids
// that does not have it yet, in one transaction, audited per sub-account.
// Errors: invalid on field "ids" (none, or one that no longer exists:
// nothing changes then).
func (s *PermissionService) AlignWithDefault(ids []int64) (ApplyResult, error) {
	if len(ids) == 0 {
		return ApplyResult{}, FieldError("ids", "Choose the sub-accounts to align with the default.")
	}
	return s.batch(func(tx *db.Tx) (permBatch, error) {
		targets, err := targetsByID(s.ctx, tx.Queries, ids)
		if err != nil {
			return permBatch{}, err
		}
		def, err := loadDefaults(s.ctx, tx.Queries)
		return permBatch{targets: targets, set: def, action: ActionPermissionsAlign, summary: func(v int64, changes string) string {
			return fmt.Sprintf("Version %d from the default: %s", v, changes)
		}}, err
	})
}

// permBatch is one set to publish to many sub-accounts, and how to audit it.
type permBatch struct {
	targets []gen.SubAccount
	set     permSet
	action  Action
	summary func(version int64, changes string) string
}

// batch publishes a set to many sub-accounts in one transaction; plan reads
// the batch in that transaction. It goes by chunks of permProgressEvery
// sub-accounts, reporting progress after each when the batch is large; a
// chunk takes a few statements whatever its size (see publishChunk). The
// audit entries are written last, in one statement: every statement with a
// trigger makes the log's search index write out what it holds, so entries
// written chunk by chunk would cost one index write (and merge) each. The
// cache learns the new sets after the commit.
func (s *PermissionService) batch(plan func(tx *db.Tx) (permBatch, error)) (ApplyResult, error) {
	var res ApplyResult
	applied := map[int64]permSet{}
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		b, err := plan(tx)
		if err != nil {
			return err
		}
		total := len(b.targets)
		var entries []Entry
		for lo := 0; lo < total; lo += permProgressEvery {
			chunk := b.targets[lo:min(lo+permProgressEvery, total)]
			e, err := s.publishChunk(tx, chunk, b, applied, &res)
			if err != nil {
				return err
			}
			entries = append(entries, e...)
			if done := lo + len(chunk); total >= permProgressEvery && done < total {
				s.events.Emit(EventPermissionsProgress, PermissionProgress{Done: done, Total: total})
			}
		}
		if err := s.audit.recordMany(s.ctx, tx, entries); err != nil {
			return Internal("publish the permissions", err)
		}
		if total >= permProgressEvery {
			s.events.Emit(EventPermissionsProgress, PermissionProgress{Done: total, Total: total})
		}
		return nil
	})
	if err != nil {
		return ApplyResult{}, err
	}
	s.cache.published(applied)
	return res, nil
}

// publishChunk publishes b.set to the targets that do not have it yet:
// their newest versions are read in one statement, and the new versions and
// drafts written in one statement per distinct previous set (its changes
// are the same for all of them; usually one or two a chunk). It returns the
// audit entries to record.
func (s *PermissionService) publishChunk(tx *db.Tx, targets []gen.SubAccount, b permBatch, applied map[int64]permSet,
	res *ApplyResult) ([]Entry, error) {
	ids := make([]int64, len(targets))
	for i, t := range targets {
		ids[i] = t.ID
	}
	latest, err := tx.ListLatestPermissionVersions(s.ctx, jsonText(ids))
	if err != nil {
		return nil, Internal("publish the permissions", err)
	}
	current := make(map[int64]gen.ListLatestPermissionVersionsRow, len(latest))
	for _, r := range latest {
		current[r.SubAccountID] = r
	}
	type group struct {
		changes []PermissionChange
		ids     []int64
	}
	var order []string
	groups := map[string]*group{}
	var entries []Entry
	for _, t := range targets {
		prev, version := "[]", int64(0) // no version yet: everything shown
		if r, ok := current[t.ID]; ok {
			prev, version = r.Hidden, r.Version
		}
		g := groups[prev]
		if g == nil {
			pub, err := parsePermSet(prev)
			if err != nil {
				return nil, Internal("publish the permissions", err)
			}
			g = &group{changes: diffSets(pub, b.set)}
			groups[prev] = g
			order = append(order, prev)
		}
		if len(g.changes) == 0 {
			res.Unchanged++
			continue
		}
		g.ids = append(g.ids, t.ID)
		entries = append(entries, Entry{Action: b.action, SubAccount: refOf(t), Subject: versionSubject(version + 1),
			Summary: b.summary(version+1, describeChanges(g.changes))})
		applied[t.ID] = b.set
		res.Applied++
	}
	now, hidden, actor := s.audit.now().UnixMilli(), b.set.text(), s.audit.identity.Current().Label()
	for _, prev := range order {
		g := groups[prev]
		if len(g.ids) == 0 {
			continue
		}
		idText := jsonText(g.ids)
		if err := tx.CreatePermissionVersions(s.ctx, gen.CreatePermissionVersionsParams{
			Ids: idText, Hidden: hidden, Changes: jsonText(g.changes), Actor: actor, PublishedAt: now,
		}); err != nil {
			return nil, Internal("publish the permissions", err)
		}
		if err := tx.UpsertPermissionDrafts(s.ctx, gen.UpsertPermissionDraftsParams{Ids: idText, Hidden: hidden, UpdatedAt: now}); err != nil {
			return nil, Internal("publish the permissions", err)
		}
	}
	return entries, nil
}

// targetsByID reads the sub-accounts of ids, once each, in id order.
// Errors: invalid on field "ids" when one no longer exists.
func targetsByID(ctx context.Context, q db.Queries, ids []int64) ([]gen.SubAccount, error) {
	rows, err := q.ListSubAccountsByIDs(ctx, jsonText(ids))
	if err != nil {
		return nil, Internal("read the sub-accounts", err)
	}
	found := make(map[int64]bool, len(rows))
	for _, r := range rows {
		found[r.ID] = true
	}
	for _, id := range ids {
		if !found[id] {
			return nil, FieldError("ids", fmt.Sprintf("Sub-account %d no longer exists; refresh the list and choose again.", id))
		}
	}
	return rows, nil
}

// targetsByFilter reads every sub-account the list filter p matches.
func targetsByFilter(ctx context.Context, q db.Queries, p db.ListSubAccountsParams) ([]gen.SubAccount, error) {
	p.Limit, p.Offset = 0, 0
	_, total, err := q.ListSubAccounts(ctx, p)
	if err != nil {
		return nil, Internal("list the sub-accounts", err)
	}
	p.Limit = int(total)
	rows, _, err := q.ListSubAccounts(ctx, p)
	if err != nil {
		return nil, Internal("list the sub-accounts", err)
	}
	return rows, nil
}

// publishToChunk publishes, inside the caller's transaction, the published
// set of the sub-account sourceID (the agency default when 0) to the
// targets that do not have it yet (the source itself is skipped), audited
// per sub-account: one chunk of a bulk action. The caller hands the map it
// returns to learnPublished once the transaction has committed. Errors:
// not_found (the source).
func (s *PermissionService) publishToChunk(tx *db.Tx, sourceID int64, targets []gen.SubAccount) (ApplyResult, map[int64]permSet, error) {
	var res ApplyResult
	applied := map[int64]permSet{}
	b := permBatch{action: ActionPermissionsAlign, summary: func(v int64, changes string) string {
		return fmt.Sprintf("Version %d from the default: %s", v, changes)
	}}
	if sourceID == 0 {
		def, err := loadDefaults(s.ctx, tx.Queries)
		if err != nil {
			return res, nil, err
		}
		b.set = def
	} else {
		src, err := getSubAccount(s.ctx, tx.Queries, sourceID)
		if err != nil {
			return res, nil, err
		}
		pub, err := loadPublished(s.ctx, tx.Queries, sourceID)
		if err != nil {
			return res, nil, err
		}
		b.set, b.action = pub.set, ActionPermissionsApply
		b.summary = func(v int64, changes string) string {
			return fmt.Sprintf("Version %d from “%s”: %s", v, src.Name, changes)
		}
		others := make([]gen.SubAccount, 0, len(targets))
		for _, t := range targets {
			if t.ID != sourceID {
				others = append(others, t)
			}
		}
		targets = others
	}
	entries, err := s.publishChunk(tx, targets, b, applied, &res)
	if err != nil {
		return res, nil, err
	}
	if err := s.audit.recordMany(s.ctx, tx, entries); err != nil {
		return res, nil, Internal("publish the permissions", err)
	}
	return res, applied, nil
}

// learnPublished tells the visibility cache the sets a committed chunk
// published.
func (s *PermissionService) learnPublished(applied map[int64]permSet) { s.cache.published(applied) }
