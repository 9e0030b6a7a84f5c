package backend

// A permission set: which leaves of PermissionTree are hidden, its stored
// form, the state of each node and the differences between two sets.

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
)

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
