package backend

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"switchboard/db"
	"switchboard/db/gen"
)

// Audit actions of permissions.
var (
	ActionPermissionsPublish  = defineAction("permissions.publish", "Published permissions")
	ActionPermissionsApply    = defineAction("permissions.apply", "Applied permissions")
	ActionPermissionsDefaults = defineAction("permissions.defaults", "Default permissions")
	ActionPermissionsAlign    = defineAction("permissions.align", "Aligned permissions with the default")
)

// msgNothingToPublish is Publish's message when the draft is the published set.
const msgNothingToPublish = "Nothing to publish: the draft is the published version."

// PermissionNodeState is a node of the tree with its state in the draft and
// in the published version.
type PermissionNodeState struct {
	Key       string                `json:"key"`
	Label     string                `json:"label"`
	Draft     PermissionState       "json:\"draft\" ts_type:\"`${PermissionState}`\""
	Published PermissionState       "json:\"published\" ts_type:\"`${PermissionState}`\""
	Children  []PermissionNodeState `json:"children"`
}

// NavItem is a menu of the customer's navigation as a set makes it: the
// labels of its visible features, and whether some are hidden.
type NavItem struct {
	Key      string   `json:"key"`
	Label    string   `json:"label"`
	Features []string `json:"features"`
	Partial  bool     `json:"partial"`
}

// PermissionView is a sub-account's permissions: the tree with draft and
// published states, whether the draft differs (Dirty), the published
// version (PublishedAt in Unix milliseconds; version 0, by nobody, only for
// a sub-account stored without one: everything shown), and the customer's
// navigation under each set (hidden menus absent).
type PermissionView struct {
	SubAccountID int64                 `json:"subAccountId"`
	Nodes        []PermissionNodeState `json:"nodes"`
	Dirty        bool                  `json:"dirty"`
	Version      int                   `json:"version"`
	PublishedAt  int64                 `json:"publishedAt"`
	PublishedBy  string                `json:"publishedBy"`
	NavDraft     []NavItem             `json:"navDraft"`
	NavPublished []NavItem             `json:"navPublished"`
}

// PublishResult is Publish's outcome: Published false (and Message saying
// why) when there was nothing to publish.
type PublishResult struct {
	View      PermissionView `json:"view"`
	Published bool           `json:"published"`
	Message   string         `json:"message"`
}

// PermissionVersion is one published version, with what it changed from
// the one before (PublishedAt in Unix milliseconds).
type PermissionVersion struct {
	Version     int                `json:"version"`
	PublishedAt int64              `json:"publishedAt"`
	Actor       string             `json:"actor"`
	Changes     []PermissionChange `json:"changes"`
}

// PermissionService edits, publishes and answers the permissions of the
// customer application: per sub-account a draft and immutable published
// versions, and the agency's default set (permission_defaults.go). Only
// published versions reach the customer (IsVisible).
type PermissionService struct {
	ctx    context.Context
	store  *db.Store
	audit  auditor
	events Events
	cache  *permCache
}

// NewPermissionService returns the service; events receives the progress
// of large batches (EventPermissionsProgress).
func NewPermissionService(ctx context.Context, store *db.Store, audit auditor, events Events) *PermissionService {
	if events == nil {
		events = NopEvents{}
	}
	return &PermissionService{ctx: ctx, store: store, audit: audit, events: events, cache: newPermCache()}
}

// Tree returns the menus and features, in navigation order.
func (s *PermissionService) Tree() []PermissionNode { return cloneTree(PermissionTree) }

func cloneTree(nodes []PermissionNode) []PermissionNode {
	out := make([]PermissionNode, len(nodes))
	for i, n := range nodes {
		out[i] = PermissionNode{Key: n.Key, Label: n.Label, Children: cloneTree(n.Children)}
	}
	return out
}

// published is a sub-account's published set and version.
type published struct {
	set     permSet
	version int64
	at      int64
	actor   string
}

// loadPublished reads a sub-account's newest version through q; one
// without any counts as version 0, everything shown. Errors: not_found.
func loadPublished(ctx context.Context, q db.Queries, id int64) (published, error) {
	row, err := q.GetLatestPermissionVersion(ctx, id)
	if errors.Is(err, db.ErrNoRows) {
		if _, err := getSubAccount(ctx, q, id); err != nil {
			return published{}, err
		}
		return published{set: allShown()}, nil
	}
	if err != nil {
		return published{}, Internal("load the permissions", err)
	}
	set, err := parsePermSet(row.Hidden)
	if err != nil {
		return published{}, Internal("load the permissions", err)
	}
	return published{set: set, version: row.Version, at: row.PublishedAt, actor: row.Actor}, nil
}

// loadDraft reads the draft; none means the published set.
func loadDraft(ctx context.Context, q db.Queries, id int64, pub published) (permSet, error) {
	row, err := q.GetPermissionDraft(ctx, id)
	return readSet(row.Hidden, err, pub.set, "the permission draft")
}

// readSet is the set a query read (hidden, err), or fallback when it found
// no row. Errors: internal, naming what was read.
func readSet(hidden string, err error, fallback permSet, what string) (permSet, error) {
	if errors.Is(err, db.ErrNoRows) {
		return fallback, nil
	}
	if err != nil {
		return nil, Internal("load "+what, err)
	}
	set, err := parsePermSet(hidden)
	if err != nil {
		return nil, Internal("load "+what, err)
	}
	return set, nil
}

// Get returns a sub-account's permissions. Errors: not_found.
func (s *PermissionService) Get(subAccountID int64) (PermissionView, error) {
	var view PermissionView
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		var err error
		view, err = s.view(tx.Queries, subAccountID)
		return err
	})
	return view, err
}

func (s *PermissionService) view(q db.Queries, id int64) (PermissionView, error) {
	pub, err := loadPublished(s.ctx, q, id)
	if err != nil {
		return PermissionView{}, err
	}
	draft, err := loadDraft(s.ctx, q, id, pub)
	if err != nil {
		return PermissionView{}, err
	}
	return PermissionView{
		SubAccountID: id, Nodes: nodeStates(draft, pub.set), Dirty: !draft.equal(pub.set),
		Version: int(pub.version), PublishedAt: pub.at, PublishedBy: pub.actor,
		NavDraft: navOf(draft), NavPublished: navOf(pub.set),
	}, nil
}

func nodeStates(draft, pub permSet) []PermissionNodeState {
	out := make([]PermissionNodeState, len(permIndex.menus))
	for mi, m := range permIndex.menus {
		n := PermissionNodeState{Key: m.key, Label: m.label, Draft: draft.menuState(mi), Published: pub.menuState(mi),
			Children: []PermissionNodeState{}}
		for i := m.lo; i < m.hi && m.features; i++ {
			l := permIndex.leaves[i]
			n.Children = append(n.Children, PermissionNodeState{Key: l.key, Label: l.short,
				Draft: draft.leafState(i), Published: pub.leafState(i), Children: []PermissionNodeState{}})
		}
		out[mi] = n
	}
	return out
}

func navOf(set permSet) []NavItem {
	out := []NavItem{}
	for mi, m := range permIndex.menus {
		state := set.menuState(mi)
		if state == PermissionHidden {
			continue
		}
		item := NavItem{Key: m.key, Label: m.label, Features: []string{}, Partial: state == PermissionPartial}
		for i := m.lo; i < m.hi && m.features; i++ {
			if !set[i] {
				item.Features = append(item.Features, permIndex.leaves[i].short)
			}
		}
		out = append(out, item)
	}
	return out
}

// permKey reads a key of the tree. Errors: invalid on field "key".
func permKey(key string) (permRef, error) {
	ref, ok := permIndex.byKey[key]
	if !ok {
		return permRef{}, FieldError("key", fmt.Sprintf("There is no menu or feature %q.", key))
	}
	return ref, nil
}

// SetVisible shows or hides a menu (with all its features) or one feature
// in the draft, which is kept until published or discarded; the customer
// sees nothing of it until Publish. Draft edits are not audited (publishing
// is). Errors: not_found; invalid on field "key".
func (s *PermissionService) SetVisible(subAccountID int64, key string, visible bool) (PermissionView, error) {
	ref, err := permKey(key)
	if err != nil {
		return PermissionView{}, err
	}
	return s.editDraft(subAccountID, func(draft permSet, _ published) permSet { return draft.with(ref, visible) })
}

// Discard sets the draft back to the published version. Errors: not_found.
func (s *PermissionService) Discard(subAccountID int64) (PermissionView, error) {
	return s.editDraft(subAccountID, func(_ permSet, pub published) permSet { return pub.set })
}

func (s *PermissionService) editDraft(id int64, edit func(permSet, published) permSet) (PermissionView, error) {
	var view PermissionView
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		pub, err := loadPublished(s.ctx, tx.Queries, id)
		if err != nil {
			return err
		}
		draft, err := loadDraft(s.ctx, tx.Queries, id, pub)
		if err != nil {
			return err
		}
		if next := edit(draft, pub); !next.equal(draft) {
			if err := tx.UpsertPermissionDraft(s.ctx, gen.UpsertPermissionDraftParams{
				SubAccountID: id, Hidden: next.text(), UpdatedAt: s.audit.now().UnixMilli(),
			}); err != nil {
				return Internal("save the permission draft", err)
			}
		}
		view, err = s.view(tx.Queries, id)
		return err
	})
	return view, err
}

// Publish makes the draft the sub-account's new published version: the
// next number, now, by the acting identity, with its changes, audited.
// An unchanged draft publishes nothing (Published false). Errors: not_found.
func (s *PermissionService) Publish(subAccountID int64) (PublishResult, error) {
	var res PublishResult
	var draft permSet
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		sub, err := getSubAccount(s.ctx, tx.Queries, subAccountID)
		if err != nil {
			return err
		}
		pub, err := loadPublished(s.ctx, tx.Queries, subAccountID)
		if err != nil {
			return err
		}
		if draft, err = loadDraft(s.ctx, tx.Queries, subAccountID, pub); err != nil {
			return err
		}
		if res.Published = !draft.equal(pub.set); res.Published {
			if err := s.publishDraft(tx, sub, pub, draft); err != nil {
				return err
			}
		} else {
			res.Message = msgNothingToPublish
		}
		res.View, err = s.view(tx.Queries, subAccountID)
		return err
	})
	if err != nil {
		return PublishResult{}, err
	}
	if res.Published {
		s.cache.published(map[int64]permSet{subAccountID: draft})
	}
	return res, nil
}

// publishDraft stores draft as sub's version after pub and audits it. The
// caller updates the cache after the commit.
func (s *PermissionService) publishDraft(tx *db.Tx, sub gen.SubAccount, pub published, draft permSet) error {
	changes := diffSets(pub.set, draft)
	version := pub.version + 1
	if err := tx.CreatePermissionVersion(s.ctx, gen.CreatePermissionVersionParams{
		SubAccountID: sub.ID, Version: version, Hidden: draft.text(), Changes: jsonText(changes),
		Actor: s.audit.identity.Current().Label(), PublishedAt: s.audit.now().UnixMilli(),
	}); err != nil {
		return Internal("publish the permissions", err)
	}
	if err := s.audit.record(s.ctx, tx, Entry{Action: ActionPermissionsPublish, SubAccount: refOf(sub), Subject: versionSubject(version),
		Summary: fmt.Sprintf("Published version %d: %s", version, describeChanges(changes))}); err != nil {
		return Internal("publish the permissions", err)
	}
	return nil
}

// History lists the sub-account's published versions, newest first.
// Errors: not_found.
func (s *PermissionService) History(subAccountID int64) ([]PermissionVersion, error) {
	if _, err := getSubAccount(s.ctx, s.store.Queries, subAccountID); err != nil {
		return nil, err
	}
	rows, err := s.store.ListPermissionVersions(s.ctx, subAccountID)
	if err != nil {
		return nil, Internal("load the permission history", err)
	}
	out := make([]PermissionVersion, len(rows))
	for i, r := range rows {
		out[i] = PermissionVersion{Version: int(r.Version), PublishedAt: r.PublishedAt, Actor: r.Actor, Changes: []PermissionChange{}}
		_ = json.Unmarshal([]byte(r.Changes), &out[i].Changes) // stored by this service; unreadable shows none
		if out[i].Changes == nil {
			out[i].Changes = []PermissionChange{}
		}
	}
	return out, nil
}

// IsVisible reports whether a menu or feature reaches the sub-account's
// customer under the PUBLISHED set: a menu unless completely hidden, a
// feature unless it (or its whole menu) is hidden. Draft edits do not
// count until published. Errors: not_found; invalid on field "key".
func (s *PermissionService) IsVisible(subAccountID int64, key string) (bool, error) {
	ref, err := permKey(key)
	if err != nil {
		return false, err
	}
	if set, ok := s.cache.get(subAccountID); ok {
		return set.visible(ref), nil
	}
	at := s.cache.generation()
	pub, err := loadPublished(s.ctx, s.store.Queries, subAccountID)
	if err != nil {
		return false, err
	}
	s.cache.fill(subAccountID, pub.set, at)
	return pub.set.visible(ref), nil
}
