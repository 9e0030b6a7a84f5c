package backend

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
