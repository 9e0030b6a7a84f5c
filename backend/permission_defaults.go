package backend

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"switchboard/db"
	"switchboard/db/gen"
)

// PermissionDefaultNode is a node of the tree with its state in the
// agency's default set.
type PermissionDefaultNode struct {
	Key      string                  `json:"key"`
	Label    string                  `json:"label"`
	State    PermissionState         "json:\"state\" ts_type:\"`${PermissionState}`\""
	Children []PermissionDefaultNode `json:"children"`
}

// DefaultsView is the agency's default set: the tree with its states and
// the hidden leaf keys, sorted. New sub-accounts start from it.
type DefaultsView struct {
	Nodes  []PermissionDefaultNode `json:"nodes"`
	Hidden []string                `json:"hidden"`
}

// DriftQuery selects a page of Drift; Limit 0 means 100, at most 500.
type DriftQuery struct {
	Offset int `json:"offset"`
	Limit  int `json:"limit"`
}

// DriftRow is a sub-account whose published set differs from the default,
// and how (From the default, To its published version).
type DriftRow struct {
	SubAccountID int64              `json:"subAccountId"`
	Name         string             `json:"name"`
	Version      int                `json:"version"`
	Differences  []PermissionChange `json:"differences"`
}

// DriftPage is one page of Drift, in name order, and how many drift.
type DriftPage struct {
	Items  []DriftRow `json:"items"`
	Total  int64      `json:"total"`
	Offset int        `json:"offset"`
	Limit  int        `json:"limit"`
}

// permProgressEvery is how often a large batch reports progress.
const permProgressEvery = 500

// subAccountHooks starts a new sub-account from the defaults (version 1 and
// the draft) and forgets a deleted one's cached set (its rows go by cascade).
func (s *PermissionService) subAccountHooks() SubAccountHooks {
	return SubAccountHooks{
		OnCreate: func(ctx context.Context, tx *db.Tx, sub gen.SubAccount) error {
			def, err := loadDefaults(ctx, tx.Queries)
			if err != nil {
				return err
			}
			now, hidden := s.audit.now().UnixMilli(), def.text()
			if err := tx.CreatePermissionVersion(ctx, gen.CreatePermissionVersionParams{SubAccountID: sub.ID, Version: 1,
				Hidden: hidden, Changes: jsonText(diffSets(allShown(), def)), Actor: s.audit.identity.Current().Label(), PublishedAt: now}); err != nil {
				return Internal("set the new sub-account's permissions", err)
			}
			return tx.UpsertPermissionDraft(ctx, gen.UpsertPermissionDraftParams{SubAccountID: sub.ID, Hidden: hidden, UpdatedAt: now})
		},
		OnDelete: func(_ context.Context, _ *db.Tx, sub gen.SubAccount) error {
			s.cache.forget(sub.ID)
			return nil
		},
	}
}

// loadDefaults reads the default set; none stored means everything shown.
func loadDefaults(ctx context.Context, q db.Queries) (permSet, error) {
	row, err := q.GetPermissionDefaults(ctx)
	if errors.Is(err, db.ErrNoRows) {
		return allShown(), nil
	}
	if err != nil {
		return nil, Internal("load the default permissions", err)
	}
	set, err := parsePermSet(row.Hidden)
	if err != nil {
		return nil, Internal("load the default permissions", err)
	}
	return set, nil
}

// Defaults returns the agency's default set.
func (s *PermissionService) Defaults() (DefaultsView, error) {
	def, err := loadDefaults(s.ctx, s.store.Queries)
	if err != nil {
		return DefaultsView{}, err
	}
	return defaultsView(def), nil
}

func defaultsView(def permSet) DefaultsView {
	v := DefaultsView{Nodes: make([]PermissionDefaultNode, len(permIndex.menus)), Hidden: def.keys()}
	for mi, m := range permIndex.menus {
		n := PermissionDefaultNode{Key: m.key, Label: m.label, State: def.menuState(mi), Children: []PermissionDefaultNode{}}
		for i := m.lo; i < m.hi && m.features; i++ {
			l := permIndex.leaves[i]
			n.Children = append(n.Children, PermissionDefaultNode{Key: l.key, Label: l.short, State: def.leafState(i),
				Children: []PermissionDefaultNode{}})
		}
		v.Nodes[mi] = n
	}
	return v
}

// SetDefaultVisible shows or hides a menu (with its features) or a feature
// in the default set, audited. Existing sub-accounts keep their published
// sets (see Drift). Errors: invalid on field "key".
func (s *PermissionService) SetDefaultVisible(key string, visible bool) (DefaultsView, error) {
	ref, err := permKey(key)
	if err != nil {
		return DefaultsView{}, err
	}
	var next permSet
	err = s.store.InTx(s.ctx, func(tx *db.Tx) error {
		cur, err := loadDefaults(s.ctx, tx.Queries)
		if err != nil {
			return err
		}
		if next = cur.with(ref, visible); next.equal(cur) {
			return nil
		}
		if err := tx.SetPermissionDefaults(s.ctx, gen.SetPermissionDefaultsParams{Hidden: next.text(), UpdatedAt: s.audit.now().UnixMilli()}); err != nil {
			return Internal("save the default permissions", err)
		}
		return s.audit.record(s.ctx, tx, Entry{Action: ActionPermissionsDefaults,
			Subject: Subject{Kind: "permission_defaults", ID: "default", Name: "Default permissions"},
			Summary: "Default permissions: " + describeChanges(diffSets(cur, next))})
	})
	if err != nil {
		return DefaultsView{}, asError(err, "save the default permissions")
	}
	return defaultsView(next), nil
}

// Drift lists the sub-accounts whose published set differs from the
// default, in name order (a sub-account stored without any version, around
// the service, is not listed). It reads outside a transaction: comparing
// 100,000 sub-accounts takes a moment, and holding the write lock for it
// would stall every change. Errors: invalid (page bounds).
func (s *PermissionService) Drift(q DriftQuery) (DriftPage, error) {
	limit, offset, err := pageBounds(q.Limit, q.Offset)
	if err != nil {
		return DriftPage{}, err
	}
	def, err := loadDefaults(s.ctx, s.store.Queries)
	if err != nil {
		return DriftPage{}, err
	}
	rows, err := s.store.ListPublishedPermissionsNotEqual(s.ctx, def.text())
	if err != nil {
		return DriftPage{}, Internal("compare the permissions", err)
	}
	page := DriftPage{Items: []DriftRow{}, Offset: offset, Limit: limit}
	for _, r := range rows {
		set, err := parsePermSet(r.Hidden)
		if err != nil {
			return DriftPage{}, Internal("compare the permissions", err)
		}
		if set.equal(def) { // stored differently, the same set (keys this build ignores)
			continue
		}
		if page.Total >= int64(offset) && len(page.Items) < limit {
			page.Items = append(page.Items, DriftRow{SubAccountID: r.ID, Name: r.Name, Version: int(r.Version),
				Differences: diffSets(def, set)})
		}
		page.Total++
	}
	return page, nil
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

// versionSubject is the audit subject of a published version.
func versionSubject(version int64) Subject {
	return Subject{Kind: "permission_version", ID: fmt.Sprint(version), Name: fmt.Sprintf("Version %d", version)}
}

// jsonText is v as JSON, for the statements that read a JSON array.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // ids and rows of plain fields always marshal
	}
	return string(b)
}

// auditRow is a row of CreateAuditEntries: the columns that differ from
// entry to entry.
type auditRow struct {
	Action         string `json:"action"`
	SubAccountID   *int64 `json:"sub_account_id"`
	SubAccountName string `json:"sub_account_name"`
	SubjectKind    string `json:"subject_kind"`
	SubjectID      string `json:"subject_id"`
	SubjectName    string `json:"subject_name"`
	Summary        string `json:"summary"`
}

// recordMany appends entries to the audit log in tx, in order, as record
// does each one (the actor read once, at the moment of recording), but in
// one statement: the log's search index is then written once for them all
// rather than once per entry, which is what makes a batch of 10,000 fast.
// It belongs beside record in audit.go.
func (a auditor) recordMany(ctx context.Context, tx *db.Tx, entries []Entry) error {
	if len(entries) == 0 {
		return nil
	}
	rows := make([]auditRow, len(entries))
	for i, e := range entries {
		if e.Action.Code == "" {
			return fmt.Errorf("audit entry without an action")
		}
		r := auditRow{Action: e.Action.Code, Summary: e.Summary, SubjectKind: e.Subject.Kind, SubjectID: e.Subject.ID, SubjectName: e.Subject.Name}
		if e.SubAccount != nil {
			r.SubAccountID, r.SubAccountName = &e.SubAccount.ID, e.SubAccount.Name
		}
		rows[i] = r
	}
	actor := a.identity.Current()
	p := gen.CreateAuditEntriesParams{At: a.now().UnixMilli(), Actor: actor.OSUser, Entries: jsonText(rows)}
	if actor.As != nil {
		p.AsUser, p.AccessSessionID = actor.As.UserEmail, &actor.As.ID
	}
	if err := tx.CreateAuditEntries(ctx, p); err != nil {
		return fmt.Errorf("record %d audit entries: %w", len(entries), err)
	}
	return nil
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
