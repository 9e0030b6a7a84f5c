package backend_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"switchboard/backend"
)

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func userIn(sub int64, name, email string, role backend.Role, zone string) backend.UserInput {
	return backend.UserInput{SubAccountID: sub, Name: name, Email: email, Role: role, TimeZone: zone}
}

func mustUser(t *testing.T, b *backend.Backend, in backend.UserInput) backend.User {
	t.Helper()
	u, err := b.Users.Create(in)
	if err != nil {
		t.Fatalf("create user %s: %v", in.Email, err)
	}
	return u
}

func userEmails(t *testing.T, b *backend.Backend, q backend.UserQuery) []string {
	t.Helper()
	page, err := b.Users.List(q)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, u := range page.Items {
		out = append(out, u.Email)
	}
	return out
}

// userAudit lists the sub-account's user.* entries, oldest first, as
// "action: summary".
func userAudit(t *testing.T, b *backend.Backend, sub int64) []string {
	t.Helper()
	page, err := b.Audit.List(backend.AuditQuery{SubAccountID: sub})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range slices.Backward(page.Items) {
		if strings.HasPrefix(e.Action, "user.") {
			if e.SubjectKind != "user" || e.SubjectID == "" || e.SubjectName == "" || e.SubAccountID != sub {
				t.Errorf("entry %+v: subject or sub-account missing", e)
			}
			out = append(out, e.Action+": "+e.Summary)
		}
	}
	return out
}

func TestUserEmailRules(t *testing.T) {
	b, _ := newBackend(t)
	acme, bee := mustCreate(t, b, "Acme Dental"), mustCreate(t, b, "Bee Solar")
	u := mustUser(t, b, userIn(acme.ID, "  Dana Owner ", "  Dana.Owner@ACME.Example  ", backend.RoleAdmin, "Europe/Zurich"))
	if u.Email != "Dana.Owner@acme.example" || u.Name != "Dana Owner" || u.CreatedAt != "2026-03-01T09:30:00Z" {
		t.Errorf("stored %+v: want the domain lower-cased, the local part as typed, trimmed", u)
	}
	// The same email in another sub-account is another user.
	mustUser(t, b, userIn(bee.ID, "Dana", "dana.owner@acme.example", backend.RoleAdmin, "UTC"))
	cases := []struct {
		name, email, want string
		code              backend.Code
	}{
		{"empty", "   ", "Email is required.", backend.CodeInvalid},
		{"no @", "dana.acme.example", "An email has exactly one @, such as dana@example.com.", backend.CodeInvalid},
		{"two @", "dana@acme@example.com", "An email has exactly one @, such as dana@example.com.", backend.CodeInvalid},
		{"no local part", "@acme.example", "An email needs a name before the @, such as dana@example.com.", backend.CodeInvalid},
		{"no dot in domain", "dana@localhost", "The domain of an email needs a dot between its parts, such as example.com.", backend.CodeInvalid},
		{"empty domain part", "dana@acme..example", "The domain of an email needs a dot between its parts, such as example.com.", backend.CodeInvalid},
		{"trailing dot", "dana@acme.", "The domain of an email needs a dot between its parts, such as example.com.", backend.CodeInvalid},
		{"space", "dana owner@acme.example", "An email cannot contain spaces or control characters.", backend.CodeInvalid},
		{"control", "dana\x07@acme.example", "An email cannot contain spaces or control characters.", backend.CodeInvalid},
		{"zero-width space", "da\u200bna@acme.example", "An email cannot contain spaces or control characters.", backend.CodeInvalid},
		{"too long", strings.Repeat("a", 60) + "@" + strings.Repeat("b", 190) + ".com", "An email must be 254 characters or fewer.", backend.CodeInvalid},
		{"local part too long", strings.Repeat("a", 65) + "@acme.example", "The part of an email before the @ must be 64 characters or fewer.", backend.CodeInvalid},
		{"same email", "Dana.Owner@acme.example", "Another user of this sub-account has this email.", backend.CodeConflict},
		{"same email in other case", "DANA.OWNER@Acme.Example", "Another user of this sub-account has this email.", backend.CodeConflict},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := b.Users.Create(userIn(acme.ID, "Sam", tc.email, backend.RoleUser, "UTC"))
			if got := fieldErr(t, err, tc.code, "email"); got != tc.want {
				t.Errorf("message %q, want %q", got, tc.want)
			}
		})
	}
	if got := userEmails(t, b, backend.UserQuery{SubAccountID: acme.ID}); len(got) != 1 {
		t.Errorf("users after refused creates: %v", got)
	}
	// Every field error at once; unicode local parts and domains are kept.
	_, err := b.Users.Create(userIn(acme.ID, "", "nope", "owner", "Mars/Base"))
	for _, f := range []string{"name", "email", "role", "timeZone"} {
		fieldErr(t, err, backend.CodeInvalid, f)
	}
	if u := mustUser(t, b, userIn(acme.ID, "Jürg", "Jürg@ZÜRICH.example", backend.RoleUser, "Europe/Zurich")); u.Email != "Jürg@zürich.example" {
		t.Errorf("unicode email stored as %q", u.Email)
	}
}

// TestUserEmailCannotChangeInSchema: whatever code runs, the schema refuses
// to change a stored email (raw SQL here), and keeps a user in its
// sub-account.
func TestUserEmailCannotChangeInSchema(t *testing.T) {
	b, _ := newBackend(t)
	acme, bee := mustCreate(t, b, "Acme Dental"), mustCreate(t, b, "Bee Solar")
	u := mustUser(t, b, userIn(acme.ID, "Dana", "dana@acme.example", backend.RoleAdmin, "UTC"))
	sql := b.Store.SQL()
	cases := []struct{ name, stmt, want string }{
		{"email", "UPDATE users SET email = 'eve@acme.example'", "a user's email cannot change"},
		{"email key", "UPDATE users SET email_key = 'eve@acme.example'", "a user's email cannot change"},
		{"both", "UPDATE users SET email = 'eve@acme.example', email_key = 'eve@acme.example'", "a user's email cannot change"},
		{"case only", "UPDATE users SET email = 'DANA@acme.example'", "a user's email cannot change"},
		{"replace over the id", fmt.Sprintf(`INSERT OR REPLACE INTO users (id, sub_account_id, name, email, email_key, role, time_zone, created_at, updated_at)
			VALUES (%d, %d, 'Dana', 'eve@acme.example', 'eve@acme.example', 'admin', 'UTC', 1, 1)`, u.ID, acme.ID), "a user's email cannot change"},
		{"move", fmt.Sprintf("UPDATE users SET sub_account_id = %d", bee.ID), "a user cannot move to another sub-account"},
		{"bad role", "UPDATE users SET role = 'owner'", "CHECK constraint failed: role IN ('admin', 'user')"},
		{"empty name", "UPDATE users SET name = ''", "CHECK constraint failed: length(name) BETWEEN 1 AND 80"},
		{"duplicate key", fmt.Sprintf(`INSERT INTO users (sub_account_id, name, email, email_key, role, time_zone, created_at, updated_at)
			VALUES (%d, 'Eve', 'Dana@acme.example', 'dana@acme.example', 'user', 'UTC', 1, 1)`, acme.ID), "UNIQUE constraint failed: users.sub_account_id, users.email_key"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sql.Exec(tc.stmt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s: %v, want %q", tc.stmt, err, tc.want)
			}
		})
	}
	// Other columns may change; the same email written back is no change.
	if _, err := sql.Exec("UPDATE users SET name = 'Dana O.', email = email, email_key = email_key"); err != nil {
		t.Errorf("update of the name: %v", err)
	}
	if got := userEmails(t, b, backend.UserQuery{SubAccountID: acme.ID}); !slices.Equal(got, []string{"dana@acme.example"}) {
		t.Errorf("emails %v", got)
	}
}

// TestUsersKeepAnAdmin: a sub-account that has users keeps at least one
// Admin, in every path.
func TestUsersKeepAnAdmin(t *testing.T) {
	b, _ := newBackend(t)
	acme := mustCreate(t, b, "Acme Dental")
	_, err := b.Users.Create(userIn(acme.ID, "Sam", "sam@acme.example", backend.RoleUser, "UTC"))
	if msg := fieldErr(t, err, backend.CodeInvalid, "role"); !strings.Contains(msg, "first user of a sub-account must be an Admin") {
		t.Errorf("first user: %q", msg)
	}
	dana := mustUser(t, b, userIn(acme.ID, "Dana", "dana@acme.example", backend.RoleAdmin, "UTC"))
	sam := mustUser(t, b, userIn(acme.ID, "Sam", "sam@acme.example", backend.RoleUser, "UTC"))
	_, err = b.Users.Update(dana.ID, backend.UserUpdate{Name: "Dana", Role: backend.RoleUser, TimeZone: "UTC"})
	if msg := fieldErr(t, err, backend.CodeInvalid, "role"); msg != "“Dana” is the only Admin: make another user an Admin first. A sub-account that has users keeps at least one Admin." {
		t.Errorf("demote the last Admin: %q", msg)
	}
	err = b.Users.Remove(dana.ID)
	if backend.ErrorCode(err) != backend.CodeConflict || !strings.Contains(err.Error(), "keeps at least one Admin") {
		t.Errorf("remove the last Admin while Sam remains: %v", err)
	}
	// Promote Sam: then Dana may step down, and Sam is the last Admin.
	if _, err := b.Users.Update(sam.ID, backend.UserUpdate{Name: "Sam", Role: backend.RoleAdmin, TimeZone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Users.Update(dana.ID, backend.UserUpdate{Name: "Dana", Role: backend.RoleUser, TimeZone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Users.Remove(sam.ID); backend.ErrorCode(err) != backend.CodeConflict {
		t.Errorf("remove Sam, now the last Admin: %v", err)
	}
	// Users can always go; the last Admin can go once alone.
	if err := b.Users.Remove(dana.ID); err != nil {
		t.Fatal(err)
	}
	if err := b.Users.Remove(sam.ID); err != nil {
		t.Fatalf("remove the only user: %v", err)
	}
	if err := b.Users.Remove(sam.ID); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("remove again: %v", err)
	}
	if _, err := b.Users.Create(userIn(acme.ID, "Sam", "sam@acme.example", backend.RoleUser, "UTC")); err == nil {
		t.Error("an empty sub-account's first user again a User")
	}
	// ReplaceEmail keeps the role, so an Admin's replacement stays the Admin.
	eve := mustUser(t, b, userIn(acme.ID, "Eve", "eve@acme.example", backend.RoleAdmin, "UTC"))
	mustUser(t, b, userIn(acme.ID, "Sam", "sam@acme.example", backend.RoleUser, "UTC"))
	if u, err := b.Users.ReplaceEmail(eve.ID, "eve@new.example"); err != nil || u.Role != backend.RoleAdmin {
		t.Errorf("replace the last Admin's email: %+v %v", u, err)
	}
}

func TestUpdateUser(t *testing.T) {
	b, c := newBackend(t)
	acme := mustCreate(t, b, "Acme Dental")
	dana := mustUser(t, b, userIn(acme.ID, "Dana", "dana@acme.example", backend.RoleAdmin, "UTC"))
	sam := mustUser(t, b, userIn(acme.ID, "Sam", "sam@acme.example", backend.RoleUser, "Europe/Zurich"))
	c.advance(time.Hour)
	got, err := b.Users.Update(sam.ID, backend.UserUpdate{Name: " Sam Lee ", Role: backend.RoleAdmin, TimeZone: "america/new_york"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Sam Lee" || got.Role != backend.RoleAdmin || got.TimeZone != "America/New_York" || got.Email != sam.Email || got.CreatedAt != sam.CreatedAt {
		t.Errorf("updated %+v", got)
	}
	// No change, no audit entry; refused input changes nothing.
	if _, err := b.Users.Update(dana.ID, backend.UserUpdate{Name: "Dana", Role: backend.RoleAdmin, TimeZone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	for _, in := range []backend.UserUpdate{
		{Name: "Dana", Role: backend.RoleAdmin, TimeZone: "Atlantis/Capital"},
		{Name: "Dana", Role: backend.RoleAdmin, TimeZone: ""},
		{Name: "Dana", Role: "root", TimeZone: "UTC"},
		{Name: strings.Repeat("x", 81), Role: backend.RoleAdmin, TimeZone: "UTC"},
		{Name: "Dana\u202e", Role: backend.RoleAdmin, TimeZone: "UTC"},
	} {
		if _, err := b.Users.Update(dana.ID, in); backend.ErrorCode(err) != backend.CodeInvalid {
			t.Errorf("update %+v: %v", in, err)
		}
	}
	if _, err := b.Users.Update(999, backend.UserUpdate{Name: "X", Role: backend.RoleUser, TimeZone: "UTC"}); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("unknown user: %v", err)
	}
	if _, err := b.Users.Create(userIn(999, "X", "x@acme.example", backend.RoleAdmin, "UTC")); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("unknown sub-account: %v", err)
	}
	want := []string{
		"user.create: Added Admin “Dana” <dana@acme.example>, time zone UTC",
		"user.create: Added User “Sam” <sam@acme.example>, time zone Europe/Zurich",
		"user.update: Edited “Sam” <sam@acme.example>: name “Sam” → “Sam Lee”; role User → Admin; time zone Europe/Zurich → America/New_York",
	}
	if got := userAudit(t, b, acme.ID); !slices.Equal(got, want) {
		t.Errorf("audit:\n got %q\nwant %q", got, want)
	}
}

func TestReplaceEmail(t *testing.T) {
	b, c := newBackend(t)
	acme := mustCreate(t, b, "Acme Dental")
	owner := mustUser(t, b, userIn(acme.ID, "Olga Owner", "owner@old.example", backend.RoleAdmin, "Asia/Tokyo"))
	sam := mustUser(t, b, userIn(acme.ID, "Sam", "sam@acme.example", backend.RoleUser, "Europe/Zurich"))
	c.advance(24 * time.Hour)
	got, err := b.Users.ReplaceEmail(owner.ID, "  owner@NEW.example ")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID == owner.ID || got.Email != "owner@new.example" || got.Name != owner.Name || got.Role != owner.Role ||
		got.TimeZone != owner.TimeZone || got.CreatedAt != "2026-03-02T09:30:00Z" {
		t.Errorf("replacement %+v of %+v", got, owner)
	}
	if _, err := b.Users.Update(owner.ID, backend.UserUpdate{Name: "Olga", Role: backend.RoleAdmin, TimeZone: "UTC"}); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("the old user is still there: %v", err)
	}
	if emails := userEmails(t, b, backend.UserQuery{SubAccountID: acme.ID, Sort: "email"}); !slices.Equal(emails, []string{"owner@new.example", "sam@acme.example"}) {
		t.Errorf("emails after replacing %v", emails)
	}
	// Refused replacements change nothing: in one transaction, all or nothing.
	for _, tc := range []struct {
		email string
		code  backend.Code
	}{
		{"SAM@acme.example", backend.CodeConflict}, // another user's
		{"owner@new.example", backend.CodeInvalid}, // the same
		{"not an email", backend.CodeInvalid},
	} {
		_, err := b.Users.ReplaceEmail(got.ID, tc.email)
		fieldErr(t, err, tc.code, "email")
	}
	if emails := userEmails(t, b, backend.UserQuery{SubAccountID: acme.ID, Sort: "email"}); !slices.Equal(emails, []string{"owner@new.example", "sam@acme.example"}) {
		t.Errorf("emails after refused replacements %v", emails)
	}
	if _, err := b.Users.ReplaceEmail(owner.ID, "x@y.example"); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("replace a removed user's email: %v", err)
	}
	// A case change of the local part is a replacement too.
	again, err := b.Users.ReplaceEmail(sam.ID, "Sam@acme.example")
	if err != nil || again.Email != "Sam@acme.example" {
		t.Errorf("case change: %+v %v", again, err)
	}
	want := []string{
		"user.create: Added Admin “Olga Owner” <owner@old.example>, time zone Asia/Tokyo",
		"user.create: Added User “Sam” <sam@acme.example>, time zone Europe/Zurich",
		"user.replace_email: Replaced owner@old.example with owner@new.example",
		"user.replace_email: Replaced sam@acme.example with Sam@acme.example",
	}
	if got := userAudit(t, b, acme.ID); !slices.Equal(got, want) {
		t.Errorf("audit:\n got %q\nwant %q", got, want)
	}
}

// TestUserTimesFollowTheirZone: the zone list and each user's local time
// follow the service's clock and daylight saving.
func TestUserTimesFollowTheirZone(t *testing.T) {
	b, c := newBackend(t)
	acme := mustCreate(t, b, "Acme Dental")
	c.set(time.Date(2026, 1, 12, 14, 41, 0, 0, time.UTC)) // a Monday
	u := mustUser(t, b, userIn(acme.ID, "Dana", "dana@acme.example", backend.RoleAdmin, "America/New_York"))
	if u.UTCOffset != "UTC−05:00" || u.LocalTime != "Mon 09:41" {
		t.Errorf("January: %s %s", u.UTCOffset, u.LocalTime)
	}
	if z := b.Users.TimeZones("new york"); len(z) != 1 || z[0].Offset != "UTC−05:00" || z[0].LocalTime != "09:41" {
		t.Errorf("January zones %+v", z)
	}
	c.set(time.Date(2026, 7, 13, 14, 41, 0, 0, time.UTC)) // a Monday
	page, err := b.Users.List(backend.UserQuery{SubAccountID: acme.ID})
	if err != nil || len(page.Items) != 1 || page.Items[0].UTCOffset != "UTC−04:00" || page.Items[0].LocalTime != "Mon 10:41" {
		t.Errorf("July: %+v %v", page, err)
	}
	if z := b.Users.TimeZones("America/New"); len(z) == 0 || z[0].Name != "America/New_York" || z[0].Offset != "UTC−04:00" {
		t.Errorf("July zones %+v", z)
	}
	if z := b.Users.TimeZones("são paulo"); len(z) != 1 || z[0].Name != "America/Sao_Paulo" {
		t.Errorf("são paulo: %+v", z)
	}
}

func TestListUsers(t *testing.T) {
	b, c := newBackend(t)
	acme, bee := mustCreate(t, b, "Acme Dental"), mustCreate(t, b, "Bee Solar")
	mustUser(t, b, userIn(bee.ID, "Other", "other@bee.example", backend.RoleAdmin, "UTC"))
	for _, u := range []backend.UserInput{
		userIn(acme.ID, "Dana Owner", "dana@acme.example", backend.RoleAdmin, "America/New_York"),
		userIn(acme.ID, "Émile Zola", "emile@paris.example", backend.RoleUser, "Europe/Paris"),
		userIn(acme.ID, "bob Front", "Bob@acme.example", backend.RoleUser, "Asia/Tokyo"),
		userIn(acme.ID, "Chen Li", "chen@shop.example", backend.RoleAdmin, "Asia/Shanghai"),
	} {
		c.advance(time.Minute)
		mustUser(t, b, u)
	}
	q := func(search, sort string, desc bool, offset, limit int) backend.UserQuery {
		return backend.UserQuery{SubAccountID: acme.ID, Search: search, Sort: sort, Desc: desc, Offset: offset, Limit: limit}
	}
	cases := []struct {
		name  string
		query backend.UserQuery
		want  []string
	}{
		{"by name", q("", "", false, 0, 0), []string{"Bob@acme.example", "chen@shop.example", "dana@acme.example", "emile@paris.example"}},
		{"by name desc", q("", "name", true, 0, 0), []string{"emile@paris.example", "dana@acme.example", "chen@shop.example", "Bob@acme.example"}},
		{"by email", q("", "email", false, 0, 0), []string{"Bob@acme.example", "chen@shop.example", "dana@acme.example", "emile@paris.example"}},
		{"by role", q("", "role", false, 0, 0), []string{"chen@shop.example", "dana@acme.example", "Bob@acme.example", "emile@paris.example"}},
		{"by role desc", q("", "role", true, 0, 0), []string{"emile@paris.example", "Bob@acme.example", "dana@acme.example", "chen@shop.example"}},
		{"by zone", q("", "timeZone", false, 0, 0), []string{"dana@acme.example", "chen@shop.example", "Bob@acme.example", "emile@paris.example"}},
		{"by created desc", q("", "created", true, 0, 0), []string{"chen@shop.example", "Bob@acme.example", "emile@paris.example", "dana@acme.example"}},
		{"search name any case", q("ÉMILE", "", false, 0, 0), []string{"emile@paris.example"}},
		{"search email", q("ACME.", "", false, 0, 0), []string{"Bob@acme.example", "dana@acme.example"}},
		{"search none", q("nobody", "", false, 0, 0), []string{}},
		{"page", q("", "", false, 1, 2), []string{"chen@shop.example", "dana@acme.example"}},
		{"past the end", q("", "", false, 10, 2), []string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := userEmails(t, b, tc.query); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	page, err := b.Users.List(q("acme", "", false, 0, 1))
	if err != nil || page.Total != 2 || len(page.Items) != 1 {
		t.Errorf("total %+v %v", page, err)
	}
	for _, bad := range []struct {
		query backend.UserQuery
		field string
	}{
		{q("", "phone", false, 0, 0), "sort"},
		{q("", "", false, 0, 501), "limit"},
		{q("", "", false, -1, 0), "offset"},
	} {
		_, err := b.Users.List(bad.query)
		fieldErr(t, err, backend.CodeInvalid, bad.field)
	}
	if _, err := b.Users.List(backend.UserQuery{SubAccountID: 999}); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("unknown sub-account: %v", err)
	}
}

// TestUsersGoWithTheirSubAccount: deleting a sub-account deletes its users
// (the cascade), and only its.
func TestUsersGoWithTheirSubAccount(t *testing.T) {
	b, _ := newBackend(t)
	acme, bee := mustCreate(t, b, "Acme Dental"), mustCreate(t, b, "Bee Solar")
	mustUser(t, b, userIn(acme.ID, "Dana", "dana@acme.example", backend.RoleAdmin, "UTC"))
	mustUser(t, b, userIn(acme.ID, "Sam", "sam@acme.example", backend.RoleUser, "UTC"))
	mustUser(t, b, userIn(bee.ID, "Bea", "bea@bee.example", backend.RoleAdmin, "UTC"))
	if err := b.SubAccounts.Delete(acme.ID, "Acme Dental"); err != nil {
		t.Fatal(err)
	}
	var left []string
	rows, err := b.Store.SQL().Query("SELECT email FROM users ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var e string
		rows.Scan(&e)
		left = append(left, e)
	}
	if !slices.Equal(left, []string{"bea@bee.example"}) {
		t.Errorf("users left %v", left)
	}
}
