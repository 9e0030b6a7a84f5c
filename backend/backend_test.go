package backend_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain/keychaintest"
)

// clock is a settable test clock, safe for the scheduler's goroutine.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newBackend(t testing.TB) (*backend.Backend, *clock) {
	t.Helper()
	c := &clock{t: time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)}
	b, err := backend.New(backend.Config{DataDir: t.TempDir(), Actor: "dana", Now: c.now, Secrets: &keychaintest.Memory{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b, c
}

func mustCreate(t testing.TB, b *backend.Backend, name string) backend.SubAccount {
	t.Helper()
	a, err := b.SubAccounts.Create(backend.CreateSubAccountInput{Name: name})
	if err != nil {
		t.Fatalf("create %q: %v", name, err)
	}
	return a
}

func fieldErr(t *testing.T, err error, code backend.Code, field string) string {
	t.Helper()
	var e *backend.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not a *backend.Error", err)
	}
	if e.Code != code || e.Fields[field] == "" {
		t.Fatalf("got code %s fields %v, want %s on %q", e.Code, e.Fields, code, field)
	}
	return e.Fields[field]
}

func count(t *testing.T, b *backend.Backend) int64 {
	t.Helper()
	page, err := b.SubAccounts.List(backend.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	return page.Total
}

func TestCreateValidatesName(t *testing.T) {
	b, _ := newBackend(t)
	a := mustCreate(t, b, "  Acme Dental  ")
	if a.Name != "Acme Dental" || a.Status != backend.StatusActive || a.CreatedAt != "2026-03-01T09:30:00Z" {
		t.Errorf("created %+v", a)
	}
	cases := []struct {
		name, input, want string
		code              backend.Code
	}{
		{"empty", "   ", "Name is required.", backend.CodeInvalid},
		{"one character", "A", "Name must be 2 to 80 characters long.", backend.CodeInvalid},
		{"81 characters", strings.Repeat("x", 81), "Name must be 2 to 80 characters long.", backend.CodeInvalid},
		{"line break", "Acme\nDental", "Name cannot contain line breaks or control characters.", backend.CodeInvalid},
		{"duplicate in other case", "ACME dental", "A sub-account named “Acme Dental” already exists.", backend.CodeConflict},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := b.SubAccounts.Create(backend.CreateSubAccountInput{Name: tc.input})
			if got := fieldErr(t, err, tc.code, "name"); got != tc.want {
				t.Errorf("message %q, want %q", got, tc.want)
			}
		})
	}
	if n := count(t, b); n != 1 {
		t.Errorf("%d sub-accounts after refused creates, want 1", n)
	}
	// Limits count characters, not bytes; folding handles non-ASCII case.
	mustCreate(t, b, strings.Repeat("é", 80))
	mustCreate(t, b, "Straße Dental")
	_, err := b.SubAccounts.Create(backend.CreateSubAccountInput{Name: "STRASSE DENTAL"})
	fieldErr(t, err, backend.CodeConflict, "name")
}

func TestEnableDisableAreAudited(t *testing.T) {
	b, c := newBackend(t)
	a := mustCreate(t, b, "Acme Dental")
	c.advance(time.Hour)
	got, err := b.SubAccounts.Disable(a.ID)
	if err != nil || got.Status != backend.StatusInactive {
		t.Fatalf("disable: %+v %v", got, err)
	}
	if _, err := b.SubAccounts.Disable(a.ID); err != nil { // no change, no audit row
		t.Fatal(err)
	}
	if got, err = b.SubAccounts.Enable(a.ID); err != nil || got.Status != backend.StatusActive {
		t.Fatalf("enable: %+v %v", got, err)
	}
	page, err := b.Audit.List(backend.AuditQuery{SubAccountID: a.ID})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range page.Items {
		actions = append(actions, e.Action)
		if e.Actor != "dana" || e.SubAccountName != "Acme Dental" {
			t.Errorf("entry %+v", e)
		}
	}
	want := "sub_account.enable sub_account.disable sub_account.create"
	if strings.Join(actions, " ") != want || page.Total != 3 {
		t.Errorf("actions %v (total %d), want %s", actions, page.Total, want)
	}
	if page.Items[1].At != "2026-03-01T10:30:00Z" || page.Items[1].ActionLabel != "Disabled" {
		t.Errorf("disable recorded at %s", page.Items[1].At)
	}
	if _, err := b.SubAccounts.Enable(999); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("enable missing: %v", err)
	}
}

func TestDeleteNeedsTheExactNameAndTouchesNothingElse(t *testing.T) {
	b, _ := newBackend(t)
	keep := mustCreate(t, b, "Keep Me")
	gone := mustCreate(t, b, "Acme Dental")
	for _, wrong := range []string{"", "acme dental", "Acme Dental ", "Keep Me"} {
		err := b.SubAccounts.Delete(gone.ID, wrong)
		fieldErr(t, err, backend.CodeInvalid, "confirmName")
	}
	if n := count(t, b); n != 2 {
		t.Fatalf("refused deletes removed rows: %d left", n)
	}
	if err := b.SubAccounts.Delete(gone.ID, "Acme Dental"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.SubAccounts.Get(gone.ID); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("deleted sub-account still readable: %v", err)
	}
	if got, err := b.SubAccounts.Get(keep.ID); err != nil || got.Name != "Keep Me" {
		t.Errorf("other sub-account: %+v %v", got, err)
	}
	page, _ := b.Audit.List(backend.AuditQuery{Search: "deleted"})
	if page.Total != 1 || page.Items[0].SubAccountID != gone.ID || page.Items[0].Action != backend.ActionSubAccountDelete.Code {
		t.Errorf("delete audit: %+v", page)
	}
	if err := b.SubAccounts.Delete(gone.ID, "Acme Dental"); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Errorf("second delete: %v", err)
	}
}

func TestListValidatesQuery(t *testing.T) {
	b, _ := newBackend(t)
	for i := range 5 {
		mustCreate(t, b, fmt.Sprintf("Account %d", i))
	}
	for field, q := range map[string]backend.ListQuery{
		"sort":     {Sort: "password"},
		"status":   {Status: "deleted"},
		"provider": {Provider: "acme"},
		"limit":    {Limit: 501},
		"offset":   {Offset: -1},
	} {
		_, err := b.SubAccounts.List(q)
		fieldErr(t, err, backend.CodeInvalid, field)
	}
	page, err := b.SubAccounts.List(backend.ListQuery{Sort: "name", Desc: true, Limit: 25, Offset: 1, Provider: "none"})
	if err != nil || page.Total != 5 || len(page.Items) != 4 || page.Items[0].Name != "Account 3" {
		t.Errorf("page %+v, %v", page, err)
	}
	if page.Items[0].ProviderName != "" || page.Items[0].LastLoginAt != "" {
		t.Errorf("new sub-account has activity: %+v", page.Items[0])
	}
}

// The list's page size is one of the sizes it offers; any other is refused
// on field "limit" with the rule, and 0 means the default.
func TestListPageSizeIsOneOfTheOffered(t *testing.T) {
	b, _ := newBackend(t)
	mustCreate(t, b, "Acme Dental")
	if got := b.SubAccounts.PageSizes(); !slices.Equal(got, []int{25, 50, 100, 200}) {
		t.Errorf("page sizes %v", got)
	}
	for _, limit := range []int{1, 2, 30, 99, 101, 500, -25} {
		_, err := b.SubAccounts.List(backend.ListQuery{Limit: limit})
		if msg := fieldErr(t, err, backend.CodeInvalid, "limit"); msg != "Page size must be 25, 50, 100 or 200." {
			t.Errorf("limit %d: %q", limit, msg)
		}
	}
	for _, limit := range []int{0, 25, 50, 100, 200} {
		page, err := b.SubAccounts.List(backend.ListQuery{Limit: limit})
		if err != nil || len(page.Items) != 1 || (limit != 0 && page.Limit != limit) || (limit == 0 && page.Limit != backend.DefaultPageSize) {
			t.Errorf("limit %d: %+v, %v", limit, page, err)
		}
	}
}

func TestErrorsCrossTheBoundaryAsJSON(t *testing.T) {
	e := backend.Format(backend.FieldError("name", "Name is required."), nil)
	out, _ := json.Marshal(e)
	if string(out) != `{"code":"invalid","message":"Name is required.","fields":{"name":"Name is required."}}` {
		t.Errorf("json %s", out)
	}
	var logged string
	hidden := backend.Format(errors.New("disk I/O error at /secret/path"), func(f string, a ...any) { logged = fmt.Sprintf(f, a...) })
	out, _ = json.Marshal(hidden)
	if strings.Contains(string(out), "/secret/path") || hidden.Code != backend.CodeInternal {
		t.Errorf("internal detail leaked: %s", out)
	}
	if !strings.Contains(logged, "/secret/path") {
		t.Errorf("cause not logged: %q", logged)
	}
}

func TestNewRequiresAKeychain(t *testing.T) {
	// A backend without Secrets would fall back to the OS keychain: tests
	// must say which keychain they use, so New refuses.
	b, err := backend.New(backend.Config{DataDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "Secrets is required") {
		if b != nil {
			b.Close()
		}
		t.Fatalf("New without a keychain: %v", err)
	}
}
