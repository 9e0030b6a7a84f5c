package backend_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"switchboard/backend"
)

func navKeys(v backend.CustomerView) []string {
	var out []string
	for _, m := range v.Nav {
		out = append(out, m.Key)
	}
	return out
}

func featureKeys(v backend.CustomerView, menu string) []string {
	for _, m := range v.Nav {
		if m.Key == menu {
			out := []string{}
			for _, f := range m.Features {
				out = append(out, f.Key)
			}
			return out
		}
	}
	return nil
}

// TestCustomerViewShowsOnlyWhatIsPublished: the customer's navigation has
// exactly the published menus, a partly hidden menu without its hidden
// features and no completely hidden menu; a draft changes nothing until it
// is published; pricing, prompts, recordings and export follow their nodes.
func TestCustomerViewShowsOnlyWhatIsPublished(t *testing.T) {
	b, _ := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	mustUser(t, b, userIn(sub.ID, "Sam Admin", "sam@acme.example", backend.RoleAdmin, "Europe/Zurich"))
	open := func() backend.CustomerView {
		t.Helper()
		s, err := b.Access.Open(backend.AccessInput{SubAccountID: sub.ID})
		if err != nil {
			t.Fatal(err)
		}
		v, err := b.Access.View(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Access.Close(); err != nil { // the admin's own screens again
			t.Fatal(err)
		}
		return v
	}
	all := []string{"dashboard", "agents", "contacts", "outbound", "call_logs", "reports", "phone_numbers", "billing", "settings"}
	if v := open(); !slices.Equal(navKeys(v), all) || !v.Recordings || !v.ReportsExport {
		t.Fatalf("everything shown: %v", navKeys(v))
	}
	for _, key := range []string{"reports", "contacts.import", "agents.system_prompts", "call_logs.recordings", "billing.plans"} {
		if _, err := b.Permissions.SetVisible(sub.ID, key, false); err != nil {
			t.Fatal(err)
		}
	}
	// A draft is not the customer's.
	if v := open(); !slices.Equal(navKeys(v), all) || len(featureKeys(v, "contacts")) != 5 {
		t.Fatalf("a draft reached the customer: %v", navKeys(v))
	}
	if _, err := b.Permissions.Publish(sub.ID); err != nil {
		t.Fatal(err)
	}
	v := open()
	want := []string{"dashboard", "agents", "contacts", "outbound", "call_logs", "phone_numbers", "billing", "settings"}
	if !slices.Equal(navKeys(v), want) {
		t.Fatalf("nav %v, want %v", navKeys(v), want)
	}
	if got := featureKeys(v, "contacts"); !slices.Equal(got, []string{"contacts.view", "contacts.edit", "contacts.export", "contacts.delete"}) {
		t.Errorf("contacts features %v", got)
	}
	if v.Recordings || !v.Transcripts || v.ReportsExport || v.Pricing.Visible {
		t.Errorf("flags %+v", v)
	}
	s, _ := b.Access.Open(backend.AccessInput{SubAccountID: sub.ID})
	if _, err := b.Access.Report(s.ID); backend.ErrorCode(err) != backend.CodeForbidden {
		t.Errorf("a hidden Reports page answered: %v", err)
	}
	if _, err := b.Access.Calls(s.ID, backend.CallQuery{}); err != nil {
		t.Errorf("Call Logs: %v", err)
	}
	b.Access.Close()
	// A whole menu hidden with each of its features is absent too.
	for _, key := range []string{"outbound.campaigns", "outbound.single_calls", "outbound.schedules"} {
		b.Permissions.SetVisible(sub.ID, key, false)
	}
	b.Permissions.Publish(sub.ID)
	if v := open(); slices.Contains(navKeys(v), "outbound") {
		t.Errorf("a completely hidden menu shows: %v", navKeys(v))
	}
}

// TestAccessIsReadOnlyUntilChangesAreEnabled: the session's view refuses
// every change, through any service, until "Enable changes" with a reason;
// then changes are recorded with the real admin and the user in their own
// columns, linked to the session; closing ends it.
func TestAccessIsReadOnlyUntilChangesAreEnabled(t *testing.T) {
	b, c := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	mustUser(t, b, userIn(sub.ID, "Ann Admin", "ann@acme.example", backend.RoleAdmin, "UTC"))
	mustUser(t, b, userIn(sub.ID, "Zed User", "zed@acme.example", backend.RoleUser, "UTC"))
	s, err := b.Access.Open(backend.AccessInput{SubAccountID: sub.ID, Reason: "Ticket 42"})
	if err != nil {
		t.Fatal(err)
	}
	if s.UserEmail != "ann@acme.example" || !s.ReadOnly || s.Admin != "dana" || s.Reason != "Ticket 42" {
		t.Fatalf("session %+v: want the first Admin, read-only", s)
	}
	in := userIn(sub.ID, "New Person", "new@acme.example", backend.RoleUser, "UTC")
	if _, err := b.Access.AddUser(s.ID, in); backend.ErrorCode(err) != backend.CodeForbidden {
		t.Fatalf("read-only add: %v", err)
	}
	if _, err := b.Users.Create(in); backend.ErrorCode(err) != backend.CodeForbidden {
		t.Fatalf("read-only add through the Users service: %v", err)
	}
	if _, err := b.SubAccounts.Create(backend.CreateSubAccountInput{Name: "Sneaky"}); backend.ErrorCode(err) != backend.CodeForbidden {
		t.Fatalf("read-only create: %v", err)
	}
	if _, err := b.Access.EnableChanges(s.ID, "x"); backend.ErrorCode(err) != backend.CodeInvalid {
		t.Fatalf("a one-letter reason: %v", err)
	}
	c.advance(time.Minute)
	s, err = b.Access.EnableChanges(s.ID, "Customer asked for a new colleague")
	if err != nil || s.ReadOnly || s.ChangesReason != "Customer asked for a new colleague" {
		t.Fatalf("enable changes: %+v %v", s, err)
	}
	if _, err := b.Access.EnableChanges(s.ID, "again please"); backend.ErrorCode(err) != backend.CodeConflict {
		t.Errorf("enabled twice: %v", err)
	}
	u, err := b.Access.AddUser(s.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	page, err := b.Audit.List(backend.AuditQuery{SubAccountID: sub.ID, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	e := page.Items[0]
	if e.Action != "user.create" || e.Actor != "dana" || e.AsUser != "ann@acme.example" || e.AccessSessionID != s.ID {
		t.Fatalf("the change is recorded as %+v", e)
	}
	var actions []string
	for _, it := range page.Items {
		actions = append(actions, it.Action)
	}
	if !slices.Contains(actions, "access.open") || !slices.Contains(actions, "access.enable_changes") {
		t.Errorf("session rows %v", actions)
	}
	if err := b.Access.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Access.View(s.ID); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("a closed session still views: %v", err)
	}
	// After it, changes are the admin's own again.
	if _, err := b.Users.Update(u.ID, backend.UserUpdate{Name: "New Person", Role: backend.RoleAdmin, TimeZone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	page, _ = b.Audit.List(backend.AuditQuery{SubAccountID: sub.ID, Limit: 1})
	if e := page.Items[0]; e.AsUser != "" || e.AccessSessionID != 0 {
		t.Errorf("after the session: %+v", e)
	}
	got, err := b.Access.Session(s.ID)
	if err != nil || got.EndedAt == "" || got.ChangesAt == "" {
		t.Errorf("ended session %+v %v", got, err)
	}
}

// TestLastLoginSaysWhenItWasTheAdmin: an Access Account sign-in moves the
// list's Last login and says it was the admin; the customer's own sign-in
// is kept apart and never moved by it.
func TestLastLoginSaysWhenItWasTheAdmin(t *testing.T) {
	b, c := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	mustUser(t, b, userIn(sub.ID, "Ann Admin", "ann@acme.example", backend.RoleAdmin, "UTC"))
	if _, err := b.Store.SQL().Exec(`INSERT INTO sign_ins (sub_account_id, user_email, at, via) VALUES (?, 'ann@acme.example', ?, 'customer')`,
		sub.ID, c.now().Add(-2*time.Hour).UnixMilli()); err != nil {
		t.Fatal(err)
	}
	row := func() backend.SubAccount {
		t.Helper()
		s, err := b.SubAccounts.Get(sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if r := row(); r.LastLoginVia != "" || r.LastLoginAt != r.CustomerLoginAt || r.CustomerLoginAt == "" {
		t.Fatalf("the customer's sign-in: %+v", r)
	}
	customer := row().CustomerLoginAt
	if _, err := b.Access.Open(backend.AccessInput{SubAccountID: sub.ID}); err != nil {
		t.Fatal(err)
	}
	b.Access.Close()
	r := row()
	if r.LastLoginVia != "dana" || r.LastLoginAt != c.now().UTC().Format(time.RFC3339Nano) || r.CustomerLoginAt != customer {
		t.Fatalf("after Access Account: %+v", r)
	}
	// The schema keeps the records: nothing rewrites a session or a sign-in.
	for _, stmt := range []string{
		"UPDATE access_sessions SET admin = 'someone else'",
		"UPDATE access_sessions SET started_at = started_at + 1",
		"UPDATE access_sessions SET ended_at = ended_at + 1",
		"DELETE FROM access_sessions",
		"UPDATE sign_ins SET via = 'customer'",
		"DELETE FROM sign_ins",
		"INSERT INTO sign_ins (sub_account_id, user_email, at, via) VALUES (1, 'x@y.example', 1, 'access_account')",
	} {
		if _, err := b.Store.SQL().Exec(stmt); err == nil {
			t.Errorf("%s: accepted", stmt)
		}
	}
}

// TestAccessNeedsAUser: a sub-account without users cannot be opened (the
// view signs in as one of them); an inactive one can, saying so.
func TestAccessNeedsAUser(t *testing.T) {
	b, _ := newBackend(t)
	sub := mustCreate(t, b, "Acme Dental")
	_, err := b.Access.Open(backend.AccessInput{SubAccountID: sub.ID})
	if e, ok := err.(*backend.Error); !ok || e.Code != backend.CodeInvalid || !strings.Contains(e.Fields["userId"], "no users") {
		t.Fatalf("no users: %v", err)
	}
	mustUser(t, b, userIn(sub.ID, "Ann Admin", "ann@acme.example", backend.RoleAdmin, "UTC"))
	if _, err := b.SubAccounts.Disable(sub.ID); err != nil {
		t.Fatal(err)
	}
	s, err := b.Access.Open(backend.AccessInput{SubAccountID: sub.ID})
	if err != nil || !s.Inactive {
		t.Fatalf("inactive: %+v %v", s, err)
	}
	b.Access.Close()
	other := mustCreate(t, b, "Bee Solar")
	bee := mustUser(t, b, userIn(other.ID, "Bo", "bo@bee.example", backend.RoleAdmin, "UTC"))
	if _, err := b.Access.Open(backend.AccessInput{SubAccountID: sub.ID, UserID: bee.ID}); backend.ErrorCode(err) != backend.CodeInvalid {
		t.Errorf("another sub-account's user: %v", err)
	}
}

// TestCustomerViewAnswersForEveryNode: for each leaf of the permission
// tree hidden alone, a draft leaves the customer's navigation whole, and
// once published exactly that leaf is gone (a menu without features goes
// itself; a feature leaves its menu, which goes only when it was the last).
func TestCustomerViewAnswersForEveryNode(t *testing.T) {
	b, _ := newBackend(t)
	for i, menu := range backend.PermissionTree {
		leaves := menu.Children
		if len(leaves) == 0 {
			leaves = []backend.PermissionNode{menu}
		}
		for j, leaf := range leaves {
			sub := mustCreate(t, b, fmt.Sprintf("Node %d %d", i, j))
			mustUser(t, b, userIn(sub.ID, "Ann Admin", fmt.Sprintf("ann%d-%d@node.example", i, j), backend.RoleAdmin, "UTC"))
			if _, err := b.Permissions.SetVisible(sub.ID, leaf.Key, false); err != nil {
				t.Fatal(err)
			}
			view := func() backend.CustomerView {
				t.Helper()
				s, err := b.Access.Open(backend.AccessInput{SubAccountID: sub.ID})
				if err != nil {
					t.Fatal(err)
				}
				defer b.Access.Close()
				v, err := b.Access.View(s.ID)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			if v := view(); len(v.Nav) != len(backend.PermissionTree) || !slices.Contains(featureKeys(v, menu.Key), leaf.Key) && leaf.Key != menu.Key {
				t.Fatalf("%s hidden in a draft reached the customer: %v", leaf.Key, navKeys(v))
			}
			if _, err := b.Permissions.Publish(sub.ID); err != nil {
				t.Fatal(err)
			}
			v := view()
			for _, m := range backend.PermissionTree {
				shown := slices.Contains(navKeys(v), m.Key)
				switch {
				case m.Key != menu.Key && !shown:
					t.Errorf("%s hidden: menu %s is gone too", leaf.Key, m.Key)
				case m.Key == menu.Key && len(menu.Children) == 0 && shown:
					t.Errorf("%s hidden: the menu still shows", leaf.Key)
				case m.Key == menu.Key && len(menu.Children) > 0:
					got := featureKeys(v, m.Key)
					if !shown || len(got) != len(menu.Children)-1 || slices.Contains(got, leaf.Key) {
						t.Errorf("%s hidden: %s shows %v", leaf.Key, m.Key, got)
					}
				}
			}
		}
	}
}
