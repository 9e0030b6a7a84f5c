package backend_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain/keychaintest"
)

// openBackendAt boots a backend on dir with the clock c, for tests that
// close it and open the same directory again.
func openBackendAt(t *testing.T, dir string, c *clock, events backend.Events) *backend.Backend {
	t.Helper()
	b, err := backend.New(backend.Config{DataDir: dir, Actor: "dana", Now: c.now, Secrets: &keychaintest.Memory{}, Events: events})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// states flattens a view to "key=draft/published" in tree order.
func states(v backend.PermissionView) map[string]string {
	out := map[string]string{}
	var walk func([]backend.PermissionNodeState)
	walk = func(nodes []backend.PermissionNodeState) {
		for _, n := range nodes {
			out[n.Key] = string(n.Draft) + "/" + string(n.Published)
			walk(n.Children)
		}
	}
	walk(v.Nodes)
	return out
}

func mustSet(t *testing.T, b *backend.Backend, id int64, key string, visible bool) backend.PermissionView {
	t.Helper()
	v, err := b.Permissions.SetVisible(id, key, visible)
	if err != nil {
		t.Fatalf("set %s %v: %v", key, visible, err)
	}
	return v
}

func mustPublish(t *testing.T, b *backend.Backend, id int64) backend.PublishResult {
	t.Helper()
	r, err := b.Permissions.Publish(id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestPermissionTreeHasStableKeys(t *testing.T) {
	b, _ := newBackend(t)
	tree := b.Permissions.Tree()
	var menus []string
	seen := map[string]bool{}
	for _, m := range tree {
		menus = append(menus, m.Key)
		for _, n := range append([]backend.PermissionNode{m}, m.Children...) {
			if seen[n.Key] || n.Label == "" || n.Children == nil {
				t.Errorf("node %+v repeated, unlabelled or with null children", n)
			}
			seen[n.Key] = true
		}
		for _, f := range m.Children {
			if !strings.HasPrefix(f.Key, m.Key+".") || len(f.Children) != 0 {
				t.Errorf("feature %q of menu %q", f.Key, m.Key)
			}
		}
	}
	want := "dashboard agents contacts outbound call_logs reports phone_numbers billing settings"
	if strings.Join(menus, " ") != want {
		t.Errorf("menus %v, want %s", menus, want)
	}
	for _, k := range []string{"agents.system_prompts", "contacts.import", "reports.export", "billing.plans", "settings.api_keys"} {
		if !seen[k] {
			t.Errorf("no node %q", k)
		}
	}
	tree[0].Label = "changed" // a copy: the service's tree stays
	if b.Permissions.Tree()[0].Label != "Dashboard" {
		t.Error("Tree returned the definition itself")
	}
}

func TestMenuStateIsDerivedFromItsFeatures(t *testing.T) {
	type step struct {
		key     string
		visible bool
	}
	cases := []struct {
		name  string
		steps []step
		want  map[string]string // draft states
	}{
		{"hiding a feature makes its menu partial", []step{{"contacts.import", false}},
			map[string]string{"contacts": "partial", "contacts.import": "hidden", "contacts.view": "shown"}},
		{"hiding a menu hides its features", []step{{"reports", false}},
			map[string]string{"reports": "hidden", "reports.calls": "hidden", "reports.usage": "hidden", "reports.export": "hidden"}},
		{"hiding every feature hides the menu", []step{{"call_logs.recordings", false}, {"call_logs.transcripts", false}},
			map[string]string{"call_logs": "hidden"}},
		{"showing a menu shows every feature", []step{{"billing.plans", false}, {"billing.invoices", false}, {"billing", true}},
			map[string]string{"billing": "shown", "billing.plans": "shown", "billing.invoices": "shown"}},
		{"showing one feature of a hidden menu", []step{{"agents", false}, {"agents.list", true}},
			map[string]string{"agents": "partial", "agents.list": "shown", "agents.system_prompts": "hidden"}},
		{"a menu without features is its own leaf", []step{{"phone_numbers", false}},
			map[string]string{"phone_numbers": "hidden", "dashboard": "shown"}},
	}
	b, _ := newBackend(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sub := mustCreate(t, b, "Case "+tc.name[:20])
			var v backend.PermissionView
			for _, s := range tc.steps {
				v = mustSet(t, b, sub.ID, s.key, s.visible)
			}
			got := states(v)
			for k, want := range tc.want {
				if got[k] != want+"/shown" {
					t.Errorf("%s = %s, want draft %s, published shown", k, got[k], want)
				}
			}
			if shown := tc.want[tc.steps[0].key] == "shown"; v.Dirty == shown {
				t.Errorf("dirty = %v; the draft is back to the published set: %v", v.Dirty, shown)
			}
		})
	}
}

func TestUnknownKeysAreRefusedAndChangeNothing(t *testing.T) {
	b, _ := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	for _, key := range []string{"", "reports.", "Reports", "reports.calls ", "billing.plans.x", "admin"} {
		_, err := b.Permissions.SetVisible(sub.ID, key, false)
		fieldErr(t, err, backend.CodeInvalid, "key")
		_, err = b.Permissions.IsVisible(sub.ID, key)
		fieldErr(t, err, backend.CodeInvalid, "key")
	}
	v, err := b.Permissions.Get(sub.ID)
	if err != nil || v.Dirty {
		t.Fatalf("refused edits changed the draft: %+v %v", v, err)
	}
	for _, call := range []func() error{
		func() error { _, err := b.Permissions.Get(999); return err },
		func() error { _, err := b.Permissions.SetVisible(999, "reports", false); return err },
		func() error { _, err := b.Permissions.Publish(999); return err },
		func() error { _, err := b.Permissions.History(999); return err },
		func() error { _, err := b.Permissions.IsVisible(999, "reports"); return err },
		func() error { _, err := b.Permissions.Discard(999); return err },
	} {
		if err := call(); backend.ErrorCode(err) != backend.CodeNotFound {
			t.Errorf("missing sub-account: %v", err)
		}
	}
}

func TestDraftSurvivesARestartAndDiscardRestoresThePublishedSet(t *testing.T) {
	dir, c := t.TempDir(), &clock{t: time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)}
	b := openBackendAt(t, dir, c, nil)
	sub := mustCreate(t, b, "Acme Dental")
	mustSet(t, b, sub.ID, "reports", false)
	b.Close()

	b = openBackendAt(t, dir, c, nil)
	v, err := b.Permissions.Get(sub.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := states(v)["reports"]; !v.Dirty || got != "hidden/shown" {
		t.Errorf("after restart: dirty %v, reports %s", v.Dirty, got)
	}
	if v, err = b.Permissions.Discard(sub.ID); err != nil || v.Dirty || states(v)["reports"] != "shown/shown" {
		t.Errorf("discard: %+v %v", v, err)
	}
}

func TestPublishMakesVersionsWithTheirDiffs(t *testing.T) {
	b, c := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")

	r := mustPublish(t, b, sub.ID)
	if r.Published || r.Message != "Nothing to publish: the draft is the published version." || r.View.Version != 1 {
		t.Errorf("unchanged publish: %+v", r)
	}
	c.advance(time.Hour)
	mustSet(t, b, sub.ID, "reports", false)
	mustSet(t, b, sub.ID, "contacts.import", false)
	r = mustPublish(t, b, sub.ID)
	if !r.Published || r.View.Version != 2 || r.View.Dirty || r.View.PublishedBy != "dana" ||
		r.View.PublishedAt != c.now().UnixMilli() {
		t.Errorf("publish: %+v", r)
	}
	c.advance(time.Hour)
	b.Identity.BeginAccess(backend.AccessSession{ID: 4, UserEmail: "owner@acme.example"})
	mustSet(t, b, sub.ID, "contacts.import", true)
	mustSet(t, b, sub.ID, "billing.plans", false)
	mustPublish(t, b, sub.ID)
	b.Identity.EndAccess()
	if r := mustPublish(t, b, sub.ID); r.Published || r.View.Version != 3 {
		t.Errorf("second unchanged publish made a version: %+v", r)
	}

	history, err := b.Permissions.History(sub.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range history {
		var cs []string
		for _, ch := range h.Changes {
			cs = append(cs, ch.Key+":"+string(ch.From)+">"+string(ch.To)+" "+ch.Label)
		}
		got = append(got, strings.Join(append([]string{h.Actor}, cs...), "|"))
	}
	want := []string{
		"dana as customer user owner@acme.example (session 4)|contacts.import:hidden>shown Contacts → Import|billing.plans:shown>hidden Billing → Plans page",
		"dana|contacts.import:shown>hidden Contacts → Import|reports:shown>hidden Reports",
		"dana",
	}
	if !slices.Equal(got, want) {
		t.Errorf("history\n%q\nwant\n%q", got, want)
	}
	if history[0].Version != 3 || history[2].Version != 1 || history[1].PublishedAt != c.now().Add(-time.Hour).UnixMilli() {
		t.Errorf("history order or times: %+v", history)
	}

	page, _ := b.Audit.List(backend.AuditQuery{SubAccountID: sub.ID, Search: "Published version"})
	if page.Total != 2 || page.Items[1].Summary != "Published version 2: hid Contacts → Import, hid Reports" ||
		page.Items[1].Action != backend.ActionPermissionsPublish.Code || page.Items[0].AsUser != "owner@acme.example" ||
		page.Items[1].SubjectName != "Version 2" {
		t.Errorf("publish audit: %+v", page.Items)
	}
}

func TestIsVisibleAnswersThePublishedSetOnly(t *testing.T) {
	b, _ := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	visible := func(key string) bool {
		t.Helper()
		ok, err := b.Permissions.IsVisible(sub.ID, key)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !visible("reports") || !visible("reports.export") {
		t.Fatal("a new sub-account sees nothing hidden")
	}
	mustSet(t, b, sub.ID, "reports", false)
	mustSet(t, b, sub.ID, "contacts.export", false)
	if !visible("reports") || !visible("reports.export") || !visible("contacts.export") {
		t.Error("a draft edit reached the customer before publishing")
	}
	mustPublish(t, b, sub.ID)
	cases := []struct {
		key  string
		want bool
	}{
		{"reports", false}, {"reports.export", false}, {"reports.calls", false},
		{"contacts", true}, {"contacts.export", false}, {"contacts.view", true},
		{"dashboard", true}, {"billing.plans", true},
	}
	for _, tc := range cases {
		if got := visible(tc.key); got != tc.want {
			t.Errorf("IsVisible(%s) = %v after publishing, want %v", tc.key, got, tc.want)
		}
	}
	mustSet(t, b, sub.ID, "reports", true)
	if visible("reports") {
		t.Error("showing a menu in the draft reached the customer")
	}
	if _, err := b.Permissions.Discard(sub.ID); err != nil || visible("reports") {
		t.Errorf("discard: %v", err)
	}
}

func TestPermissionViewShowsTheNavigationAndNoNulls(t *testing.T) {
	b, _ := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	mustSet(t, b, sub.ID, "reports", false)
	mustPublish(t, b, sub.ID)
	mustSet(t, b, sub.ID, "contacts.import", false)
	v := mustSet(t, b, sub.ID, "phone_numbers", false)
	nav := func(items []backend.NavItem) map[string]string {
		out := map[string]string{}
		for _, it := range items {
			s := strings.Join(it.Features, ",")
			if it.Partial {
				s += " (partial)"
			}
			out[it.Key] = s
		}
		return out
	}
	draft, pub := nav(v.NavDraft), nav(v.NavPublished)
	if _, ok := pub["reports"]; ok {
		t.Error("a hidden menu is in the published navigation")
	}
	if _, ok := draft["phone_numbers"]; ok || pub["phone_numbers"] != "" {
		t.Errorf("phone numbers: draft %v, published %v", draft, pub)
	}
	if draft["contacts"] != "View contacts,Create and edit,Export,Delete (partial)" || pub["contacts"] != "View contacts,Create and edit,Import,Export,Delete" {
		t.Errorf("contacts: draft %q, published %q", draft["contacts"], pub["contacts"])
	}
	out, err := json.Marshal(v)
	if err != nil || strings.Contains(string(out), "null") {
		t.Errorf("view JSON has a null: %s", out)
	}
	for _, field := range []string{`"subAccountId"`, `"navDraft"`, `"navPublished"`, `"publishedAt"`, `"publishedBy"`, `"draft":"partial"`} {
		if !strings.Contains(string(out), field) {
			t.Errorf("view JSON lacks %s", field)
		}
	}
}

func TestPublishSummaryNamesTheFirstSixChanges(t *testing.T) {
	b, _ := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	for _, k := range []string{"dashboard", "agents.list", "contacts.view", "outbound.campaigns", "call_logs.recordings", "reports.calls", "billing.plans", "settings.users"} {
		mustSet(t, b, sub.ID, k, false)
	}
	mustPublish(t, b, sub.ID)
	page, _ := b.Audit.List(backend.AuditQuery{SubAccountID: sub.ID, Search: "Published"})
	want := "Published version 2: hid Dashboard, hid Agents → Agent list, hid Contacts → View contacts, " +
		"hid Outbound Calling → Campaigns, hid Call Logs → Recordings, hid Reports → Call reports, and 2 more"
	if page.Total != 1 || page.Items[0].Summary != want {
		t.Errorf("summary %q\nwant    %q", page.Items[0].Summary, want)
	}
	h, _ := b.Permissions.History(sub.ID)
	if len(h[0].Changes) != 8 {
		t.Errorf("%d changes recorded, want all 8", len(h[0].Changes))
	}
}
