package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain"
	"switchboard/backend/keychain/keychaintest"
	"switchboard/backend/provider"
)

// faultCase is one column of the fault matrix: a fault, and how the sync
// must end ("" for success, else the start of the sync's error message).
type faultCase struct {
	name   string
	fault  fault
	want   string
	sleeps func(waits []time.Duration) string
}

const unreadable = "The provider sent a response Switchboard could not read"

var faultCases = []faultCase{
	{"401", fault401, "The provider refused the credentials", nil},
	{"403", fault403, "The provider refused the credentials", nil},
	{"429_retry_after_seconds", fault429Seconds, "", waited(func(d time.Duration) bool { return d == 2*time.Second }, "2s")},
	{"429_retry_after_date", fault429Date, "", waited(func(d time.Duration) bool { return d == 3*time.Second }, "3s")},
	{"429_always", fault429Always, "The provider is limiting requests", nil},
	{"5xx_twice", fault5xxTwice, "", nil},
	{"5xx_always", fault5xxAlways, "The provider's service failed (HTTP 502)", nil},
	{"timeout", faultTimeout, "Could not reach the provider", nil},
	{"reset_mid_body", faultReset, "Could not reach the provider", nil},
	{"truncated_body", faultTruncated, "Could not reach the provider", nil},
	{"malformed_json", faultMalformed, unreadable, nil},
	{"empty_200", faultEmpty200, unreadable, nil},
	{"100mb_body", faultHuge, unreadable, nil},
	{"repeating_cursor", faultRepeatCursor, "pagination repeated itself", nil},
	{"repeated_calls", faultRepeatCalls, "", nil},
}

// waited checks that some wait between attempts was one that ok accepts.
func waited(ok func(time.Duration) bool, what string) func([]time.Duration) string {
	return func(waits []time.Duration) string {
		if slices.ContainsFunc(waits, ok) {
			return ""
		}
		return fmt.Sprintf("no wait of %s between attempts (waits %v)", what, waits)
	}
}

// providerFaults runs every fault on every adapter, through the whole app:
// a sync that meets the fault must end (within a minute) the way the case
// says, with no call stored twice or that the provider does not have, a
// bounded number of requests and a sound database; once the fault is gone,
// the next sync must store exactly the provider's calls.
func providerFaults(h *harness) (int, []string) {
	var failures []string
	trials := 0
	for _, s := range setups("torture") {
		want, requests, err := baseline(h, s)
		if err != nil {
			failures = append(failures, s.id+" without a fault: "+err.Error())
			continue
		}
		for _, c := range faultCases {
			trials++
			problems := runFault(h, s, c, want, requests)
			for _, p := range problems {
				failures = append(failures, s.id+" "+c.name+": "+p)
			}
			h.logf("%s %s: %d problems", s.id, c.name, len(problems))
		}
	}
	return trials, failures
}

// baseline syncs s without a fault: the calls every case must end with.
func baseline(h *harness, s setup) ([]string, int, error) {
	e, err := newMatrixEnv(h, s, &keychaintest.Memory{})
	if err != nil {
		return nil, 0, err
	}
	defer e.close()
	if p, err := e.sync(); err != nil || p.Error != nil {
		return nil, 0, fmt.Errorf("sync: %v %v", err, p.Error)
	}
	ids := e.storedIDs()
	if len(ids) < matrixCalls*9/10 { // Twilio's queued calls have no start time: no window finds them
		return nil, 0, fmt.Errorf("only %d calls stored, the fake holds %d", len(ids), matrixCalls)
	}
	return ids, e.proxy.seen(), nil
}

func runFault(h *harness, s setup, c faultCase, want []string, baseRequests int) []string {
	e, err := newMatrixEnv(h, s, &keychaintest.Memory{})
	if err != nil {
		return []string{err.Error()}
	}
	defer e.close()
	var problems []string
	e.proxy.arm(c.fault)
	p, err := e.sync()
	switch {
	case err != nil:
		return []string{err.Error()}
	case c.want == "" && p.Error != nil:
		problems = append(problems, "the sync failed: "+p.Error.Message)
	case c.want == "" && !slices.Equal(e.storedIDs(), want):
		problems = append(problems, fmt.Sprintf("%d calls stored, want the provider's %d", len(e.storedIDs()), len(want)))
	case c.want != "" && p.Error == nil:
		problems = append(problems, fmt.Sprintf("the sync succeeded, want an error saying %q", c.want))
	case c.want != "" && !strings.Contains(p.Error.Message, c.want):
		problems = append(problems, fmt.Sprintf("the sync said %q, want %q", p.Error.Message, c.want))
	}
	if n := e.proxy.seen(); n > 4*baseRequests+16 {
		problems = append(problems, fmt.Sprintf("%d requests for a sync that takes %d without the fault", n, baseRequests))
	}
	if c.sleeps != nil {
		if pr := c.sleeps(e.waits()); pr != "" {
			problems = append(problems, pr)
		}
	}
	problems = append(problems, e.storedProblems(want)...)
	// Without the fault, the next sync stores exactly the provider's calls.
	e.proxy.arm(faultNone)
	if err := e.resaveIfRefused(); err != nil {
		return append(problems, "saving the credentials again: "+err.Error())
	}
	if p, err := e.sync(); err != nil || p.Error != nil {
		problems = append(problems, fmt.Sprintf("the sync after the fault: %v %v", err, p.Error))
	} else if got := e.storedIDs(); !slices.Equal(got, want) {
		problems = append(problems, fmt.Sprintf("after the fault, %d calls stored, want the provider's %d", len(got), len(want)))
	}
	return problems
}

// matrixEnv is one provider's fake behind the proxy, and a fresh app with
// one sub-account connected to it.
type matrixEnv struct {
	s     setup
	dir   string
	proxy *proxy
	b     *backend.Backend
	rec   *recorder
	sub   backend.SubAccount
	mu    sync.Mutex
	slept []time.Duration
	// returned holds, as text, everything the services returned.
	returned []string
}

func newMatrixEnv(h *harness, s setup, secrets keychain.Secrets) (*matrixEnv, error) {
	dir, err := os.MkdirTemp(h.work, s.id+"-")
	if err != nil {
		return nil, err
	}
	e := &matrixEnv{s: s, dir: dir, rec: newRecorder()}
	e.proxy = newProxy(s.serve(s.fields), s.isList)
	client := provider.NewClient()
	client.HTTP.Timeout = 500 * time.Millisecond
	client.Now = clockAt(matrixNow) // a Retry-After date is read against the fixed clock
	client.Sleep = func(ctx context.Context, d time.Duration) error {
		e.mu.Lock()
		e.slept = append(e.slept, d)
		e.mu.Unlock()
		return ctx.Err()
	}
	e.b, err = backend.New(backend.Config{DataDir: dir, Actor: "torture", Now: clockAt(matrixNow), Secrets: secrets,
		Events: e.rec, Dialogs: savePath(dir + "/calls.csv"), ProviderBaseURLs: map[string]string{s.id: e.proxy.srv.URL},
		ProviderClient: client})
	if err != nil {
		e.proxy.close()
		return nil, err
	}
	if e.sub, err = e.b.SubAccounts.Create(backend.CreateSubAccountInput{Name: "Fault " + s.id}); err != nil {
		e.close()
		return nil, err
	}
	conn, err := e.save()
	if err == nil && conn.State != backend.StateConnected {
		err = fmt.Errorf("saving the credentials: %s %s", conn.State, conn.StateReason)
	}
	if err != nil {
		e.close()
		return nil, err
	}
	return e, nil
}

func (e *matrixEnv) close() {
	e.b.Close()
	e.proxy.close()
}

func (e *matrixEnv) save() (backend.Connection, error) {
	conn, err := e.b.Providers.SaveCredentials(e.sub.ID, backend.SaveCredentialsInput{Provider: e.s.id, Fields: e.s.fields})
	e.keep(conn, err)
	return conn, err
}

// resaveIfRefused saves the credentials again when a refusal marked them
// invalid (the sync stays paused until then, as for the admin).
func (e *matrixEnv) resaveIfRefused() error {
	conn, err := e.b.Providers.Get(e.sub.ID)
	e.keep(conn, err)
	if err != nil || conn.State == backend.StateConnected {
		return err
	}
	if conn, err = e.save(); err == nil && conn.State != backend.StateConnected {
		err = fmt.Errorf("%s: %s", conn.State, conn.StateReason)
	}
	return err
}

// sync runs one sync to its end.
func (e *matrixEnv) sync() (backend.SyncProgress, error) {
	if err := e.b.Sync.SyncNow(e.sub.ID); err != nil {
		e.keep(nil, err)
		return backend.SyncProgress{}, err
	}
	p, err := e.rec.waitDone(time.Minute)
	e.keep(p, err)
	return p, err
}

// keep remembers what a service returned, for the canary sweep.
func (e *matrixEnv) keep(v any, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.returned = append(e.returned, fmt.Sprintf("%+v", v))
	var be *backend.Error
	if errors.As(err, &be) {
		e.returned = append(e.returned, fmt.Sprintf("%+v", *be))
	}
	if err != nil {
		e.returned = append(e.returned, err.Error())
	}
}

func (e *matrixEnv) waits() []time.Duration {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]time.Duration(nil), e.slept...)
}

func (e *matrixEnv) storedIDs() []string {
	rows, err := e.b.Store.SQL().Query("SELECT provider_call_id FROM calls ORDER BY provider_call_id")
	if err != nil {
		return nil
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	return ids
}

// storedProblems checks the database after a faulty sync: sound, no call
// twice, none the provider does not have.
func (e *matrixEnv) storedProblems(want []string) []string {
	d := e.b.Store.SQL()
	problems := soundness(d)
	if n := duplicateCalls(d); n != 0 {
		problems = append(problems, fmt.Sprintf("%d calls stored twice", n))
	}
	for _, id := range e.storedIDs() {
		if _, found := slices.BinarySearch(want, id); !found {
			problems = append(problems, "a call the provider does not have was stored: "+id)
			break
		}
	}
	return problems
}

// savePath answers every save dialog with one path.
type savePath string

func (p savePath) SaveFile(string, string) (string, error) { return string(p), nil }
