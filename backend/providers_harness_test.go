package backend_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain/keychaintest"
	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
)

const retellKey = "key_0123456789abcdef0123"

// otherAccountPrefix starts the keys of other Retell accounts: the test
// server hands their requests to the same fake as if they were retellKey's,
// so that sub-accounts can be on distinct provider accounts.
const otherAccountPrefix = "key_otheraccount"

// recorder is an Events, Browser and Dialogs that remembers what it got.
type recorder struct {
	mu     sync.Mutex
	events []backend.EventName
	opened []string
	done   chan backend.SyncProgress
	// progress, when set, receives every progress event it has room for.
	progress chan backend.SyncProgress
}

func (r *recorder) Emit(name backend.EventName, data any) {
	r.mu.Lock()
	r.events = append(r.events, name)
	r.mu.Unlock()
	if p, ok := data.(backend.SyncProgress); ok && name == backend.EventSyncDone {
		r.done <- p
	}
	if p, ok := data.(backend.SyncProgress); ok && name == backend.EventSyncProgress && r.progress != nil {
		select {
		case r.progress <- p:
		default:
		}
	}
}

// saw reports whether an event of that name was emitted.
func (r *recorder) saw(name backend.EventName) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Contains(r.events, name)
}

func (r *recorder) Open(url string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.opened = append(r.opened, url)
	return nil
}

// waitDone waits for the next finished sync (a deadline, not a timing assertion).
func (r *recorder) waitDone(t *testing.T) backend.SyncProgress {
	t.Helper()
	return r.waitDoneWithin(t, 30*time.Second)
}

func (r *recorder) waitDoneWithin(t *testing.T, limit time.Duration) backend.SyncProgress {
	t.Helper()
	select {
	case p := <-r.done:
		return p
	case <-time.After(limit):
		t.Fatal("no sync finished")
		return backend.SyncProgress{}
	}
}

type providerEnv struct {
	b       *backend.Backend
	clock   *clock
	secrets *keychaintest.Memory
	rec     *recorder
	retell  *fake.RetellServer
	sub     backend.SubAccount
	// breakList, when > 0, answers that list-calls request (counting from 1)
	// with a body that is not JSON.
	breakList atomic.Int32
	lists     atomic.Int32
	// hold, while set, keeps list-calls requests from number holdFrom on
	// (counting from 1) waiting until it is closed.
	hold     atomic.Pointer[chan struct{}]
	holdFrom atomic.Int32
	// held is closed when the first held request arrives.
	held      atomic.Pointer[chan struct{}]
	heldOnce  atomic.Pointer[sync.Once]
	retellURL string
}

// holdLists makes list-calls requests wait until release is called.
func (e *providerEnv) holdLists() (release func()) { return e.holdListsFrom(1) }

// holdListsFrom makes the list-calls requests from the nth on wait until
// release is called; env.held is closed when the first of them arrives.
func (e *providerEnv) holdListsFrom(n int32) (release func()) {
	ch := make(chan struct{})
	e.holdFrom.Store(n + e.lists.Load() - 1)
	held := make(chan struct{})
	e.held.Store(&held)
	e.heldOnce.Store(&sync.Once{})
	e.hold.Store(&ch)
	return func() { e.hold.Store(nil); close(ch) }
}

// newProviderEnv boots a backend whose Retell adapter talks to a local fake
// holding n calls, with a clock a month after the fake's first call.
func newProviderEnv(t *testing.T, n int) *providerEnv {
	t.Helper()
	return newProviderEnvTick(t, n, 0)
}

// newProviderEnvTick is newProviderEnv with the auto-sync scheduler on;
// options change the backend's configuration further.
func newProviderEnvTick(t *testing.T, n int, tick time.Duration, options ...func(*backend.Config)) *providerEnv {
	t.Helper()
	env := &providerEnv{
		clock:   &clock{t: fake.RetellEpoch.Add(30 * 24 * time.Hour)},
		secrets: &keychaintest.Memory{},
		rec:     &recorder{done: make(chan backend.SyncProgress, 16)},
		retell:  fake.NewRetell(retellKey, fake.RetellCalls(n, 1)),
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		isList := strings.HasSuffix(r.URL.Path, "list-calls")
		var n int32
		if isList {
			n = env.lists.Add(1)
		}
		if h := env.hold.Load(); h != nil && isList && n > env.holdFrom.Load() {
			if held, once := env.held.Load(), env.heldOnce.Load(); held != nil && once != nil {
				once.Do(func() { close(*held) })
			}
			select {
			case <-*h:
			case <-r.Context().Done():
				return
			}
		}
		if strings.HasPrefix(r.Header.Get("Authorization"), "Bearer "+otherAccountPrefix) {
			r.Header.Set("Authorization", "Bearer "+retellKey)
		}
		if isList && n == env.breakList.Load() {
			w.Write([]byte(`{"items": [{"call_id": `))
			return
		}
		env.retell.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	env.retellURL = srv.URL
	client := provider.NewClient()
	client.Sleep = func(context.Context, time.Duration) error { return nil }
	client.HTTP.Timeout = 5 * time.Second
	cfg := backend.Config{
		DataDir: t.TempDir(), Actor: "dana", Now: env.clock.now, Secrets: env.secrets,
		Events: env.rec, Browser: env.rec, ProviderBaseURLs: map[string]string{"retell": srv.URL},
		ProviderClient: client, SyncTick: tick,
	}
	for _, o := range options {
		o(&cfg)
	}
	b, err := backend.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	env.b = b
	env.sub = mustCreate(t, b, "Acme Dental")
	return env
}

func (e *providerEnv) save(t *testing.T, key string) (backend.Connection, error) {
	t.Helper()
	return e.b.Providers.SaveCredentials(e.sub.ID, backend.SaveCredentialsInput{
		Provider: "retell", Fields: map[string]string{"apiKey": key},
	})
}

func (e *providerEnv) syncNow(t *testing.T) backend.SyncProgress {
	t.Helper()
	if err := e.b.Sync.SyncNow(e.sub.ID); err != nil {
		t.Fatalf("sync now: %v", err)
	}
	return e.rec.waitDone(t)
}

func (e *providerEnv) callCount(t *testing.T) int64 {
	t.Helper()
	var n, distinct int64
	row := e.b.Store.SQL().QueryRow("SELECT count(*), count(DISTINCT provider || ':' || provider_call_id) FROM calls")
	if err := row.Scan(&n, &distinct); err != nil {
		t.Fatal(err)
	}
	if n != distinct {
		t.Fatalf("%d calls but %d distinct", n, distinct)
	}
	return n
}

// errMsg is a sync's error message, "" for none.
func errMsg(e *backend.Error) string {
	if e == nil {
		return ""
	}
	return e.Message
}
