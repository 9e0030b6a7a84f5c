package backend

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// PermissionState is whether a node of the permission tree reaches the
// customer: a feature is shown or hidden; a menu is shown (none of its
// features hidden), partial (some) or hidden (all, or itself when it has no
// features).
type PermissionState string

// Permission states.
const (
	PermissionShown   PermissionState = "shown"
	PermissionPartial PermissionState = "partial"
	PermissionHidden  PermissionState = "hidden"
)

// PermissionNode is a menu of the customer application (with its features
// as children) or a feature (no children). Keys are stable: a feature's key
// is its menu's key, a dot and a word.
type PermissionNode struct {
	Key      string           `json:"key"`
	Label    string           `json:"label"`
	Children []PermissionNode `json:"children"`
}

func permMenuNode(key, label string, features ...PermissionNode) PermissionNode {
	if features == nil {
		features = []PermissionNode{}
	}
	return PermissionNode{Key: key, Label: label, Children: features}
}

func permFeature(key, label string) PermissionNode {
	return PermissionNode{Key: key, Label: label, Children: []PermissionNode{}}
}

// PermissionTree is the customer application's menus and features, in the
// order its navigation shows them: the one definition the window renders
// and every stored set refers to. A stored set names only leaves: the
// features, and the menus without features.
var PermissionTree = []PermissionNode{
	permMenuNode("dashboard", "Dashboard"),
	permMenuNode("agents", "Agents",
		permFeature("agents.list", "Agent list"),
		permFeature("agents.edit", "Edit agents"),
		permFeature("agents.system_prompts", "System prompts")),
	permMenuNode("contacts", "Contacts",
		permFeature("contacts.view", "View contacts"),
		permFeature("contacts.edit", "Create and edit"),
		permFeature("contacts.import", "Import"),
		permFeature("contacts.export", "Export"),
		permFeature("contacts.delete", "Delete")),
	permMenuNode("outbound", "Outbound Calling",
		permFeature("outbound.campaigns", "Campaigns"),
		permFeature("outbound.single_calls", "Single calls"),
		permFeature("outbound.schedules", "Schedules")),
	permMenuNode("call_logs", "Call Logs",
		permFeature("call_logs.recordings", "Recordings"),
		permFeature("call_logs.transcripts", "Transcripts")),
	permMenuNode("reports", "Reports",
		permFeature("reports.calls", "Call reports"),
		permFeature("reports.usage", "Usage reports"),
		permFeature("reports.export", "Export")),
	permMenuNode("phone_numbers", "Phone Numbers"),
	permMenuNode("billing", "Billing",
		permFeature("billing.plans", "Plans page"),
		permFeature("billing.invoices", "Invoices"),
		permFeature("billing.payment_method", "Payment method")),
	permMenuNode("settings", "Settings",
		permFeature("settings.users", "Users"),
		permFeature("settings.api_keys", "API keys")),
}

// permMenu is a menu of the index: its leaves are leaves[lo:hi] (one, the
// menu itself, when it has no features).
type permMenu struct {
	key, label string
	lo, hi     int
	features   bool
}

// permLeaf is a leaf of the index; label names it in history and audit
// ("Contacts → Import").
type permLeaf struct {
	key, label, short string
	menu              int
}

// permRef is what a key names: a menu, and the leaf when it names one (-1
// for a menu with features).
type permRef struct{ menu, leaf int }

// permIndex is PermissionTree laid out for sets: leaves numbered in tree
// order, and every key's place.
type permIndexT struct {
	menus  []permMenu
	leaves []permLeaf
	byKey  map[string]permRef
}

var permIndex = buildPermIndex(PermissionTree)

func buildPermIndex(tree []PermissionNode) permIndexT {
	ix := permIndexT{byKey: map[string]permRef{}}
	for mi, m := range tree {
		pm := permMenu{key: m.Key, label: m.Label, lo: len(ix.leaves), features: len(m.Children) > 0}
		if !pm.features {
			ix.byKey[m.Key] = permRef{mi, len(ix.leaves)}
			ix.leaves = append(ix.leaves, permLeaf{key: m.Key, label: m.Label, short: m.Label, menu: mi})
		} else {
			ix.byKey[m.Key] = permRef{mi, -1}
		}
		for _, f := range m.Children {
			ix.byKey[f.Key] = permRef{mi, len(ix.leaves)}
			ix.leaves = append(ix.leaves, permLeaf{key: f.Key, label: m.Label + " → " + f.Label, short: f.Label, menu: mi})
		}
		pm.hi = len(ix.leaves)
		ix.menus = append(ix.menus, pm)
	}
	return ix
}

// permSet is a set of hidden leaves: one flag per leaf of permIndex.
type permSet []bool

// allShown is the set that hides nothing.
func allShown() permSet { return make(permSet, len(permIndex.leaves)) }

// parsePermSet reads a stored set. Keys this build does not know are
// ignored (a later version may have added nodes, or dropped some); a menu's
// key hides all its features (it was stored when the menu had none). Text
// that is not a JSON array is an error.
func parsePermSet(text string) (permSet, error) {
	var keys []any
	if err := json.Unmarshal([]byte(text), &keys); err != nil {
		return nil, err
	}
	s := allShown()
	for _, k := range keys {
		key, _ := k.(string)
		ref, ok := permIndex.byKey[key]
		if !ok {
			continue
		}
		if ref.leaf >= 0 {
			s[ref.leaf] = true
			continue
		}
		m := permIndex.menus[ref.menu]
		for i := m.lo; i < m.hi; i++ {
			s[i] = true
		}
	}
	return s, nil
}

// keys returns the hidden leaf keys, sorted: the stored form.
func (s permSet) keys() []string {
	out := []string{}
	for i, hidden := range s {
		if hidden {
			out = append(out, permIndex.leaves[i].key)
		}
	}
	slices.Sort(out)
	return out
}

// text is the set as stored.
func (s permSet) text() string {
	b, _ := json.Marshal(s.keys())
	return string(b)
}

func (s permSet) equal(o permSet) bool { return slices.Equal(s, o) }

// menuState derives menu m's state from its leaves.
func (s permSet) menuState(m int) PermissionState {
	pm := permIndex.menus[m]
	hidden := 0
	for i := pm.lo; i < pm.hi; i++ {
		if s[i] {
			hidden++
		}
	}
	switch hidden {
	case 0:
		return PermissionShown
	case pm.hi - pm.lo:
		return PermissionHidden
	}
	return PermissionPartial
}

func (s permSet) leafState(i int) PermissionState {
	if s[i] {
		return PermissionHidden
	}
	return PermissionShown
}

// with returns a copy of s with the node ref shown or hidden: a menu with
// all its features, a feature alone.
func (s permSet) with(ref permRef, visible bool) permSet {
	out := slices.Clone(s)
	lo, hi := ref.leaf, ref.leaf+1
	if ref.leaf < 0 {
		lo, hi = permIndex.menus[ref.menu].lo, permIndex.menus[ref.menu].hi
	}
	for i := lo; i < hi; i++ {
		out[i] = !visible
	}
	return out
}

// visible reports whether the node reaches the customer: a menu unless it
// is completely hidden, a leaf unless hidden (a hidden menu hides them all).
func (s permSet) visible(ref permRef) bool {
	if ref.leaf >= 0 {
		return !s[ref.leaf]
	}
	return s.menuState(ref.menu) != PermissionHidden
}

// PermissionChange is one difference between two sets: a leaf, or a whole
// menu that went from shown to hidden or back, from one state to another.
// Label names a feature with its menu ("Contacts → Import").
type PermissionChange struct {
	Key   string          `json:"key"`
	Label string          `json:"label"`
	From  PermissionState "json:\"from\" ts_type:\"`${PermissionState}`\""
	To    PermissionState "json:\"to\" ts_type:\"`${PermissionState}`\""
}

// diffSets lists what changes from one set to the other, in tree order. A
// menu whose every feature changed together is one change of the menu.
func diffSets(from, to permSet) []PermissionChange {
	out := []PermissionChange{}
	for mi, m := range permIndex.menus {
		fs, ts := from.menuState(mi), to.menuState(mi)
		whole := fs != PermissionPartial && ts != PermissionPartial && fs != ts
		if whole {
			out = append(out, PermissionChange{Key: m.key, Label: m.label, From: fs, To: ts})
			continue
		}
		for i := m.lo; i < m.hi; i++ {
			if from[i] != to[i] {
				l := permIndex.leaves[i]
				out = append(out, PermissionChange{Key: l.key, Label: l.label, From: from.leafState(i), To: to.leafState(i)})
			}
		}
	}
	return out
}

// describeChanges says changes in words for the audit log: "hid Reports,
// showed Contacts → Import", the first few and how many more.
func describeChanges(changes []PermissionChange) string {
	const most = 6
	var parts []string
	for i, c := range changes {
		if i == most {
			parts = append(parts, fmt.Sprintf("and %d more", len(changes)-most))
			break
		}
		verb := "showed "
		if c.To == PermissionHidden {
			verb = "hid "
		}
		parts = append(parts, verb+c.Label)
	}
	if len(parts) == 0 {
		return "no changes"
	}
	return strings.Join(parts, ", ")
}

// permCache keeps published sets for IsVisible. The database stays the
// truth: writers update the cache only after their commit, and a reader
// stores what it read only if no writer committed meanwhile (the
// generation), so a set read before a commit never outlives it. Deleted
// sub-accounts are never cached again (ids are never reused).
type permCache struct {
	mu   sync.RWMutex
	gen  uint64
	sets map[int64]permSet
	gone map[int64]bool
}

// permCacheMax bounds the cache; past it an arbitrary entry makes room.
const permCacheMax = 10_000

func newPermCache() *permCache {
	return &permCache{sets: map[int64]permSet{}, gone: map[int64]bool{}}
}

func (c *permCache) get(id int64) (permSet, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	s, ok := c.sets[id]
	return s, ok
}

func (c *permCache) generation() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.gen
}

// fill stores a set read from the database at generation gen.
func (c *permCache) fill(id int64, set permSet, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen && !c.gone[id] {
		c.put(id, set)
	}
}

// published records sets just committed.
func (c *permCache) published(sets map[int64]permSet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for id, set := range sets {
		if _, ok := c.sets[id]; ok {
			c.sets[id] = set
		}
	}
}

// forget drops a sub-account being deleted, for good.
func (c *permCache) forget(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.gone[id] = true
	delete(c.sets, id)
}

func (c *permCache) put(id int64, set permSet) {
	if len(c.sets) >= permCacheMax {
		for k := range c.sets {
			delete(c.sets, k)
			break
		}
	}
	c.sets[id] = set
}
