package backend

// These tests are in package backend, not backend_test: NewConcurrencyService
// takes the unexported auditor, which only backend.New can build outside.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"switchboard/backend/keychain/keychaintest"
	"switchboard/backend/provider"
	"switchboard/db"
	"switchboard/db/gen"
)

// limitAdapter is a provider.Adapter whose Concurrency answers conc or err.
type limitAdapter struct {
	info provider.Info
	conc provider.Concurrency
	err  error
}

func (a *limitAdapter) Info() provider.Info                                  { return a.info }
func (a *limitAdapter) Fields() []provider.Field                             { return nil }
func (a *limitAdapter) Validate(provider.Credentials) error                  { return nil }
func (a *limitAdapter) CheckKey(context.Context, provider.Credentials) error { return nil }
func (a *limitAdapter) ListCalls(context.Context, provider.Credentials, provider.Window, string) (provider.Page, error) {
	return provider.Page{}, nil
}
func (a *limitAdapter) ListAgents(context.Context, provider.Credentials) ([]provider.Agent, error) {
	return nil, provider.ErrNotSupported
}
func (a *limitAdapter) Concurrency(context.Context, provider.Credentials) (provider.Concurrency, error) {
	return a.conc, a.err
}

// storeConnector is a Connector that hands out the adapter of the stored
// connection's provider with fixed credentials.
type storeConnector struct {
	env *concurrencyEnv
}

func (c storeConnector) Connect(ctx context.Context, id int64) (provider.Adapter, provider.Credentials, error) {
	conn, err := c.env.b.Store.GetProviderConnection(ctx, id)
	if err != nil {
		return nil, nil, Errorf(CodeNotFound, "Connect a voice provider first.")
	}
	return c.env.adapters[conn.Provider], provider.Credentials{"apiKey": "key"}, nil
}

type concurrencyEnv struct {
	b        *Backend
	svc      *ConcurrencyService
	adapters Adapters
	retell   *limitAdapter
}

var concurrencyNow = time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)

func newConcurrencyEnv(t *testing.T) *concurrencyEnv {
	t.Helper()
	now := func() time.Time { return concurrencyNow }
	b, err := New(Config{DataDir: t.TempDir(), Actor: "dana", Now: now, Secrets: &keychaintest.Memory{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	env := &concurrencyEnv{b: b, retell: &limitAdapter{info: provider.Info{ID: "retell", Name: "Retell AI", ConcurrencyFromAPI: true}}}
	env.adapters = Adapters{"retell": env.retell, "vapi": &limitAdapter{info: provider.Info{ID: "vapi", Name: "Vapi"}, err: provider.ErrNotSupported}}
	env.svc = NewConcurrencyService(context.Background(), b.Store, env.adapters, storeConnector{env}, auditor{identity: b.Identity, now: now}, now)
	return env
}

// sub creates a sub-account connected to providerID with accountKey ("" =
// not connected).
func (e *concurrencyEnv) sub(t *testing.T, name, providerID, accountKey string) int64 {
	t.Helper()
	a, err := e.b.SubAccounts.Create(CreateSubAccountInput{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if providerID != "" {
		ctx := context.Background()
		if err := e.b.Store.InTx(ctx, func(tx *db.Tx) error {
			_, err := tx.UpsertProviderConnection(ctx, gen.UpsertProviderConnectionParams{
				SubAccountID: a.ID, Provider: providerID, Settings: "{}", State: StateConnected, AccountKey: accountKey, Accepted: 1, CreatedAt: 1, UpdatedAt: 1,
			})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	return a.ID
}

func (e *concurrencyEnv) save(t *testing.T, id int64, limit *int, outbound int, pool string) ConcurrencyView {
	t.Helper()
	v, err := e.svc.Save(id, ConcurrencyInput{Limit: limit, Outbound: &outbound, PoolName: pool})
	if err != nil {
		t.Fatalf("save limit %v outbound %d pool %q: %v", deref(limit), outbound, pool, err)
	}
	return v
}

func (e *concurrencyEnv) auditActions(t *testing.T, id int64) []string {
	t.Helper()
	page, err := e.b.Audit.List(AuditQuery{SubAccountID: id})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range page.Items {
		out = append(out, a.Action+": "+a.Summary)
	}
	return out
}

func intp(n int) *int { return &n }

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// onField returns the message of err's field error, failing unless err is
// an invalid error on that field.
func onField(t *testing.T, err error, field string) string {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeInvalid || e.Fields[field] == "" {
		t.Fatalf("got %v, want an invalid error on %q", err, field)
	}
	return e.Fields[field]
}

func TestConcurrencySplitsTheLimit(t *testing.T) {
	env := newConcurrencyEnv(t)
	id := env.sub(t, "Acme Dental", "retell", "k1")
	v, err := env.svc.Get(id)
	if err != nil || v.Limit != nil || v.LimitSource != LimitSourceManual || !v.LimitFromAPI || v.ProviderName != "Retell AI" {
		t.Fatalf("fresh view %+v %v", v, err)
	}
	v = env.save(t, id, intp(10), 8, "  ")
	if deref(v.Limit) != 10 || v.Outbound != 8 || v.InboundReserved != 2 || v.LimitSource != LimitSourceManual || v.PoolName != "" {
		t.Errorf("limit 10, outbound 8: %+v", v)
	}
	if len(v.Pool.Members) != 1 || deref(v.Pool.PoolLimit) != 10 || v.Pool.Allocated != 8 || v.Pool.Available != 2 {
		t.Errorf("pool of one: %+v", v.Pool)
	}
	env.save(t, id, intp(10), 8, "") // no change: not audited
	want := []string{"concurrency.save: Concurrent calls: limit 10 (entered), 8 outbound, 2 reserved for inbound"}
	if got := env.auditActions(t, id); !slices.Equal(got[:len(got)-1], want) {
		t.Errorf("audit %q", got)
	}
}

func TestConcurrencyRefusesBadInputAndChangesNothing(t *testing.T) {
	env := newConcurrencyEnv(t)
	id := env.sub(t, "Acme Dental", "retell", "k1")
	env.save(t, id, intp(10), 8, "")
	before := env.auditActions(t, id)
	cases := []struct {
		name, field, want string
		in                ConcurrencyInput
	}{
		{"outbound over the limit", "outbound", "Outbound calls cannot exceed the limit of 10.", ConcurrencyInput{Limit: intp(10), Outbound: intp(11)}},
		{"negative limit", "limit", "Limit must be 0 or more.", ConcurrencyInput{Limit: intp(-1)}},
		{"huge limit", "limit", "Limit must be 100,000 or less.", ConcurrencyInput{Limit: intp(100_001)}},
		{"negative outbound", "outbound", "Outbound calls must be 0 or more.", ConcurrencyInput{Limit: intp(10), Outbound: intp(-1)}},
		{"empty outbound", "outbound", outboundEmpty, ConcurrencyInput{Limit: intp(10)}},
		{"empty outbound and limit", "outbound", outboundEmpty, ConcurrencyInput{}},
		{"outbound without a limit", "limit", "Enter the limit first: outbound calls are a share of it.", ConcurrencyInput{Outbound: intp(1)}},
		{"long pool name", "poolName", "Pool name must be 60 characters or fewer.", ConcurrencyInput{PoolName: strings.Repeat("é", 61)}},
		{"pool name on two lines", "poolName", "Pool name cannot contain line breaks or control characters.", ConcurrencyInput{PoolName: "a\nb"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := env.svc.Save(id, tc.in)
			if got := onField(t, err, tc.field); got != tc.want {
				t.Errorf("message %q, want %q", got, tc.want)
			}
		})
	}
	v, _ := env.svc.Get(id)
	if deref(v.Limit) != 10 || v.Outbound != 8 || !slices.Equal(env.auditActions(t, id), before) {
		t.Errorf("a refused save changed %+v", v)
	}
	// The schema backs the rule.
	err := env.b.Store.InTx(context.Background(), func(tx *db.Tx) error {
		_, err := tx.UpsertConcurrencySettings(context.Background(), gen.UpsertConcurrencySettingsParams{
			SubAccountID: id, LimitTotal: ptr64(5), LimitSource: LimitSourceManual, Outbound: 6, UpdatedAt: 1,
		})
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "CHECK constraint failed") {
		t.Errorf("the database accepted outbound above the limit: %v", err)
	}

	unconnected := env.sub(t, "Offline Clinic", "", "")
	_, err = env.svc.Save(unconnected, ConcurrencyInput{Limit: intp(5), Outbound: intp(0)})
	if e := asError(err, ""); e.Code != CodeInvalid || e.Message != "Connect a voice provider first." {
		t.Errorf("no provider: %v", err)
	}
	if _, err := env.svc.Save(999, ConcurrencyInput{Outbound: intp(0)}); ErrorCode(err) != CodeNotFound {
		t.Errorf("missing sub-account: %v", err)
	}
}

func ptr64(n int64) *int64 { return &n }

func TestConcurrencyPoolOfASharedProviderAccount(t *testing.T) {
	env := newConcurrencyEnv(t)
	acme := env.sub(t, "Acme Dental", "retell", "k1")
	bright := env.sub(t, "Bright Smile", "retell", "k1")
	cedar := env.sub(t, "Cedar Clinic", "retell", "k1")
	other := env.sub(t, "Delta Vets", "retell", "k2") // another Retell account
	vapi := env.sub(t, "Echo Legal", "vapi", "k1")    // another provider
	env.save(t, acme, intp(10), 4, "")
	env.save(t, bright, intp(10), 3, "")
	_, err := env.svc.Save(cedar, ConcurrencyInput{Limit: intp(10), Outbound: intp(4)})
	want := "The shared Retell AI account allows 10 outbound calls; Acme Dental holds 4 and Bright Smile holds 3, so at most 3 are left for this sub-account."
	if got := onField(t, err, "outbound"); got != want {
		t.Errorf("message %q\nwant    %q", got, want)
	}
	v := env.save(t, cedar, intp(10), 3, "")
	names := []string{}
	for _, m := range v.Pool.Members {
		names = append(names, fmt.Sprintf("%s:%d", m.Name, m.Outbound))
	}
	if strings.Join(names, " ") != "Acme Dental:4 Bright Smile:3 Cedar Clinic:3" || deref(v.Pool.PoolLimit) != 10 ||
		v.Pool.Allocated != 10 || v.Pool.Available != 0 || v.InboundReserved != 7 {
		t.Errorf("pool %v %+v", names, v.Pool)
	}
	env.save(t, other, intp(10), 8, "")
	env.save(t, vapi, intp(10), 8, "")

	// The pool's limit is the smallest known limit among its members.
	_, err = env.svc.Save(bright, ConcurrencyInput{Limit: intp(5), Outbound: intp(3)})
	want = "The shared Retell AI account allows 5 outbound calls; Acme Dental holds 4 and Cedar Clinic holds 3, so none are left for this sub-account."
	if got := onField(t, err, "outbound"); got != want {
		t.Errorf("message %q\nwant    %q", got, want)
	}
}

func TestConcurrencyManualPoolsGroupAcrossAccounts(t *testing.T) {
	env := newConcurrencyEnv(t)
	x := env.sub(t, "Front A", "retell", "k1")
	y := env.sub(t, "Front B", "retell", "k2")
	z := env.sub(t, "Same Key", "retell", "k1")
	env.save(t, x, intp(6), 4, "Front desk")
	_, err := env.svc.Save(y, ConcurrencyInput{Limit: intp(6), Outbound: intp(3), PoolName: " Front desk "})
	want := "The pool “Front desk” allows 6 outbound calls; Front A holds 4, so at most 2 are left for this sub-account."
	if got := onField(t, err, "outbound"); got != want {
		t.Errorf("message %q\nwant    %q", got, want)
	}
	v := env.save(t, y, intp(6), 2, "Front desk")
	if v.PoolName != "Front desk" || len(v.Pool.Members) != 2 || v.Pool.Allocated != 6 {
		t.Errorf("manual pool %+v", v)
	}
	// x left its account's automatic pool: z, on the same key, is alone there.
	if v := env.save(t, z, intp(6), 6, ""); len(v.Pool.Members) != 1 {
		t.Errorf("automatic pool %+v", v.Pool)
	}
}

func TestRefreshLimit(t *testing.T) {
	env := newConcurrencyEnv(t)
	acme := env.sub(t, "Acme Dental", "retell", "k1")
	bright := env.sub(t, "Bright Smile", "retell", "k1")
	env.save(t, acme, intp(10), 6, "")
	env.save(t, bright, intp(10), 4, "")

	env.retell.conc = provider.Concurrency{Limit: 20, InboundReserved: 3}
	v, err := env.svc.RefreshLimit(acme)
	if err != nil || deref(v.Limit) != 20 || v.LimitSource != LimitSourceProvider || v.ProviderInboundReserved != 3 ||
		v.InboundReserved != 14 || v.Notice != "" {
		t.Fatalf("refresh %+v %v", v, err)
	}
	// An entered limit is ignored once the provider's is in use.
	v = env.save(t, acme, intp(5), 6, "")
	if deref(v.Limit) != 20 || v.LimitSource != LimitSourceProvider || v.ProviderInboundReserved != 0 {
		t.Errorf("entered limit replaced the provider's: %+v", v)
	}

	// A lower limit lowers the outbound share to fit, and leaves the pool
	// over-allocated: members may still lower their shares.
	env.retell.conc = provider.Concurrency{Limit: 5, InboundReserved: 1}
	v, err = env.svc.RefreshLimit(acme)
	if err != nil || deref(v.Limit) != 5 || v.Outbound != 5 || v.Notice != "Outbound calls were lowered from 6 to 5 to fit Retell AI's limit." ||
		v.Pool.OverBy != 4 || v.Pool.Available != 0 {
		t.Fatalf("lower refresh %+v %v", v, err)
	}
	env.save(t, bright, intp(10), 2, "")
	_, err = env.svc.Save(bright, ConcurrencyInput{Limit: intp(10), Outbound: intp(3)})
	onField(t, err, "outbound")
	got := env.auditActions(t, acme)
	if !strings.HasPrefix(got[0], "concurrency.refresh: Read the concurrency limit from Retell AI: 5; outbound lowered to 5") {
		t.Errorf("audit %q", got)
	}

	for name, tc := range map[string]struct {
		setup func()
		id    int64
		code  Code
		msg   string
	}{
		"adapter without the API": {func() {}, env.sub(t, "Vapi Clinic", "vapi", "v1"), CodeInvalid,
			"This provider's API does not report a concurrency limit; enter it."},
		"adapter answers not supported": {func() { env.retell.err = provider.ErrNotSupported }, acme, CodeInvalid,
			"This provider's API does not report a concurrency limit; enter it."},
		"provider down": {func() {
			env.retell.err = &provider.Error{Kind: provider.KindUnavailable, Status: 503, Reason: "Service is down", Err: errors.New("internal detail")}
		}, acme, CodeUnavailable, "Could not read the concurrency limit from Retell AI: Service is down."},
		"credentials refused": {func() { env.retell.err = &provider.Error{Kind: provider.KindUnauthorized, Status: 401} }, acme, CodeUnavailable,
			"Retell AI refused the saved credentials: save them again."},
		"no provider": {func() {}, env.sub(t, "Offline", "", ""), CodeInvalid, "Connect a voice provider first."},
	} {
		t.Run(name, func(t *testing.T) {
			env.retell.err = nil
			tc.setup()
			_, err := env.svc.RefreshLimit(tc.id)
			var e *Error
			if !errors.As(err, &e) || e.Code != tc.code || e.Message != tc.msg {
				t.Errorf("got %v, want %s %q", err, tc.code, tc.msg)
			}
		})
	}
	if v, _ := env.svc.Get(acme); deref(v.Limit) != 5 {
		t.Errorf("a failed refresh changed the limit: %+v", v)
	}
}

func TestPeakByDay(t *testing.T) {
	const h = int64(time.Hour / time.Millisecond)
	day := 24 * h
	since := int64(100 * day) // a midnight
	tests := []struct {
		name  string
		spans []callSpan
		want  []int
	}{
		{"no calls", nil, []int{0, 0, 0}},
		{"one call", []callSpan{{since + h, since + 2*h}}, []int{1, 0, 0}},
		{"overlapping", []callSpan{{since + h, since + 3*h}, {since + 2*h, since + 4*h}}, []int{2, 0, 0}},
		{"back to back do not overlap", []callSpan{{since + h, since + 2*h}, {since + 2*h, since + 3*h}}, []int{1, 0, 0}},
		{"nested", []callSpan{{since, since + 10*h}, {since + h, since + 2*h}, {since + h, since + 3*h}, {since + 5*h, since + 6*h}}, []int{3, 0, 0}},
		{"zero and negative length ignored", []callSpan{{since + h, since + h}, {since + 3*h, since + 2*h}}, []int{0, 0, 0}},
		{"across midnight counts on both days", []callSpan{{since + 23*h, since + 25*h}}, []int{1, 1, 0}},
		{"ending at midnight stays on its day", []callSpan{{since + 23*h, since + day}}, []int{1, 0, 0}},
		{"starting at midnight", []callSpan{{since + day, since + day + h}}, []int{0, 1, 0}},
		{"carried over from before the window", []callSpan{{since - h, since + h}, {since + h/2, since + 2*h}}, []int{2, 0, 0}},
		{"over before the window", []callSpan{{since - 2*h, since - h}}, []int{0, 0, 0}},
		{"after the window", []callSpan{{since + 3*day, since + 3*day + h}}, []int{0, 0, 0}},
		{"carried over into the next day", []callSpan{{since + 22*h, since + day + 5*h}, {since + 23*h, since + day + h}, {since + day + 2*h, since + day + 3*h}}, []int{2, 2, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := peakByDay(tc.spans, since, 3); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestConcurrencyPeaksFromSyncedCalls(t *testing.T) {
	env := newConcurrencyEnv(t)
	id := env.sub(t, "Acme Dental", "retell", "k1")
	ctx := context.Background()
	for i, c := range []struct {
		start time.Time
		dur   int64
	}{
		{concurrencyNow.Add(-time.Hour), 1800},       // today, 08:30-09:00
		{concurrencyNow.Add(-50 * time.Minute), 600}, // overlaps it
		{concurrencyNow.AddDate(0, 0, -10), 60},      // ten days ago, alone
		{concurrencyNow.AddDate(0, 0, -10), 60},      // ...with a twin
		{concurrencyNow.AddDate(0, 0, -10), 60},      // ...and a triplet
		{concurrencyNow.AddDate(0, 0, -40), 60},      // outside the 30 days
	} {
		if err := env.b.Store.InTx(ctx, func(tx *db.Tx) error {
			return tx.UpsertCalls(ctx, []db.CallRow{{SubAccountID: &id, Provider: "retell", Status: "completed",
				ProviderCallID: fmt.Sprint("call_", i), Direction: "in", StartedAt: c.start.UnixMilli(), DurationS: c.dur}})
		}); err != nil {
			t.Fatal(err)
		}
	}
	v, err := env.svc.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if v.Peak7d != 2 || v.Peak30d != 3 || len(v.PeakSeries) != 30 {
		t.Fatalf("peaks 7d %d 30d %d, %d points", v.Peak7d, v.Peak30d, len(v.PeakSeries))
	}
	first, last, tenAgo := v.PeakSeries[0], v.PeakSeries[29], v.PeakSeries[19]
	if first != (PeakPoint{"2026-01-31", 0}) || last != (PeakPoint{"2026-03-01", 2}) || tenAgo != (PeakPoint{"2026-02-19", 3}) {
		t.Errorf("series %v", v.PeakSeries)
	}
}

func TestConcurrencyReservePreviewFollowsTheValuesAsTyped(t *testing.T) {
	env := newConcurrencyEnv(t)
	id := env.sub(t, "Acme Dental", "retell", "k1")
	env.save(t, id, intp(10), 8, "")
	before := env.auditActions(t, id)
	tests := []struct {
		name string
		in   ConcurrencyInput
		want ReserveView
	}{
		{"a share of the limit", ConcurrencyInput{Limit: intp(30), Outbound: intp(12)}, ReserveView{18, "18 reserved for incoming calls"}},
		{"all of it inbound", ConcurrencyInput{Limit: intp(2000), Outbound: intp(0)}, ReserveView{2000, "2,000 reserved for incoming calls"}},
		{"no limit", ConcurrencyInput{Outbound: intp(0)}, ReserveView{0, "No limit set: enter the limit to reserve the rest of it for incoming calls."}},
		{"over the limit", ConcurrencyInput{Limit: intp(5), Outbound: intp(6)}, ReserveView{0, "Outbound calls cannot exceed the limit of 5."}},
		{"empty outbound", ConcurrencyInput{Limit: intp(5)}, ReserveView{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := env.svc.Preview(tc.in); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
	v, _ := env.svc.Get(id)
	if v.Reserve != "2 reserved for incoming calls" || v.InboundReserved != 2 || !slices.Equal(env.auditActions(t, id), before) {
		t.Errorf("the saved view says %q (%d); audit %v", v.Reserve, v.InboundReserved, env.auditActions(t, id))
	}
	unset := env.sub(t, "Bright Smiles", "retell", "k2")
	if v, _ := env.svc.Get(unset); v.Limit != nil || v.Reserve != "No limit set: enter the limit to reserve the rest of it for incoming calls." {
		t.Errorf("no limit: %+v", v)
	}
}

func TestConcurrencyPeaksSayWhyTheyAreEmpty(t *testing.T) {
	env := newConcurrencyEnv(t)
	id := env.sub(t, "Acme Dental", "retell", "k1")
	if v, _ := env.svc.Get(id); v.PeakEmpty != "No calls synced yet: the peaks appear after the first sync of the call log." {
		t.Errorf("no calls: %q", v.PeakEmpty)
	}
	ctx := context.Background()
	addCall := func(n int, at time.Time) {
		t.Helper()
		if err := env.b.Store.InTx(ctx, func(tx *db.Tx) error {
			return tx.UpsertCalls(ctx, []db.CallRow{{SubAccountID: &id, Provider: "retell", Status: "completed",
				ProviderCallID: fmt.Sprint("call_", n), Direction: "in", StartedAt: at.UnixMilli(), DurationS: 60}})
		}); err != nil {
			t.Fatal(err)
		}
	}
	addCall(1, concurrencyNow.AddDate(0, 0, -40))
	if v, _ := env.svc.Get(id); v.PeakEmpty != "No calls in the last 30 days." {
		t.Errorf("old calls only: %q", v.PeakEmpty)
	}
	addCall(2, concurrencyNow.AddDate(0, 0, -3))
	if v, _ := env.svc.Get(id); v.PeakEmpty != "" || v.Peak30d != 1 {
		t.Errorf("a call in the window: %q, peak %d", v.PeakEmpty, v.Peak30d)
	}
}
