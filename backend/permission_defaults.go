package backend

import (
	"context"
	"encoding/json"
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
		OnCreateMany: func(ctx context.Context, tx *db.Tx, subs []gen.SubAccount) error {
			def, err := loadDefaults(ctx, tx.Queries)
			if err != nil {
				return err
			}
			now, hidden, ids := s.audit.now().UnixMilli(), def.text(), make([]int64, len(subs))
			for i, sub := range subs {
				ids[i] = sub.ID
			}
			if err := tx.CreateFirstPermissionVersions(ctx, gen.CreateFirstPermissionVersionsParams{Hidden: hidden,
				Changes: jsonText(diffSets(allShown(), def)), Actor: s.audit.identity.Current().Label(), At: now, Ids: jsonText(ids)}); err != nil {
				return Internal("set the new sub-accounts' permissions", err)
			}
			return tx.CreatePermissionDrafts(ctx, gen.CreatePermissionDraftsParams{Hidden: hidden, At: now, Ids: jsonText(ids)})
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
	return readSet(row.Hidden, err, allShown(), "the default permissions")
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
