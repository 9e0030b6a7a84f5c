package backend_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain/keychaintest"
	"switchboard/backend/provider/fake"
)

// loopEnv is a backend whose one provider is a fake behind a handler that a
// test makes repeat its pagination.
type loopEnv struct {
	b   *backend.Backend
	rec *recorder
	sub backend.SubAccount
	// repeat, while set, makes the handler answer as a looping provider.
	repeat atomic.Bool
	mu     sync.Mutex
	// firsts are the list requests that asked for a first page, by number.
	lists  int
	firsts []int
}

// newLoopEnv boots a backend whose providerID adapter talks to h, wrapped
// so that env.listed counts the list requests, with the clock at now, and
// saves fields as the sub-account's credentials.
func newLoopEnv(t *testing.T, providerID string, now time.Time, fields map[string]string, h func(env *loopEnv, w http.ResponseWriter, r *http.Request)) *loopEnv {
	t.Helper()
	env := &loopEnv{rec: &recorder{done: make(chan backend.SyncProgress, 16)}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h(env, w, r) }))
	t.Cleanup(srv.Close)
	clk := &clock{t: now}
	b, err := backend.New(backend.Config{
		DataDir: t.TempDir(), Actor: "dana", Now: clk.now, Secrets: &keychaintest.Memory{},
		Events: env.rec, Browser: env.rec, ProviderBaseURLs: map[string]string{providerID: srv.URL},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	env.b = b
	env.sub = mustCreate(t, b, "Loop Dental")
	if _, err := b.Providers.SaveCredentials(env.sub.ID, backend.SaveCredentialsInput{Provider: providerID, Fields: fields}); err != nil {
		t.Fatal(err)
	}
	return env
}

// listed counts a list request; first says it asked for a first page.
func (e *loopEnv) listed(first bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.lists++
	if first {
		e.firsts = append(e.firsts, e.lists)
	}
}

// listsSoFar is the number of list requests so far.
func (e *loopEnv) listsSoFar() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.lists
}

// freshFrom reports whether a list request from number n on asked for a
// first page. A request that a stopped run had read ahead may arrive late,
// but it carries that run's cursor: it never asks for a first page.
func (e *loopEnv) freshFrom(n int) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, f := range e.firsts {
		if f >= n {
			return true
		}
	}
	return false
}

func (e *loopEnv) syncNow(t *testing.T) backend.SyncProgress {
	t.Helper()
	if err := e.b.Sync.SyncNow(e.sub.ID); err != nil {
		t.Fatalf("sync now: %v", err)
	}
	return e.rec.waitDone(t)
}

func (e *loopEnv) callCount(t *testing.T) int64 {
	t.Helper()
	var n int64
	if err := e.b.Store.SQL().QueryRow("SELECT count(*) FROM calls").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// runState is the sub-account's stored run: its window start and cursor,
// and the last error.
func (e *loopEnv) runState(t *testing.T) (since sql.NullInt64, cursor, lastError string) {
	t.Helper()
	row := e.b.Store.SQL().QueryRow("SELECT run_since, run_cursor, last_error FROM sync_states WHERE sub_account_id = ?", e.sub.ID)
	if err := row.Scan(&since, &cursor, &lastError); err != nil {
		t.Fatal(err)
	}
	return since, cursor, lastError
}

// editJSON serves r with h and hands the JSON object it answered to edit
// before writing it out.
func editJSON(h http.Handler, w http.ResponseWriter, r *http.Request, edit func(map[string]any)) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	var m map[string]any
	d := json.NewDecoder(rec.Body)
	d.UseNumber()
	if rec.Code != http.StatusOK || d.Decode(&m) != nil {
		w.WriteHeader(rec.Code)
		return
	}
	edit(m)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(m)
}

// checkLoopStopped checks a run stopped by the loop guard: the error names
// the provider, the calls stay, and the stuck cursor is gone while the
// run's window stays (a provider that lists newest first has moved the
// watermark past the older calls not read yet: the next run must read the
// whole window again).
func checkLoopStopped(t *testing.T, env *loopEnv, p backend.SyncProgress, name string, before int64) {
	t.Helper()
	want := name + "'s pagination repeated itself; the sync stopped after "
	if p.Error == nil || !strings.HasPrefix(p.Error.Message, want) || !strings.Contains(p.Error.Message, "kept the calls stored") {
		t.Fatalf("sync %+v, want an error starting %q", p, want)
	}
	if n := env.callCount(t); n == 0 || n < before {
		t.Errorf("%d calls stored after the loop, %d before", n, before)
	}
	since, cursor, lastError := env.runState(t)
	if !since.Valid || cursor != "" {
		t.Errorf("after the loop: window start %v, cursor %q; want the window kept and no cursor", since, cursor)
	}
	if !strings.HasPrefix(lastError, want) {
		t.Errorf("last error %q", lastError)
	}
}

func TestSyncStopsWhenPaginationRepeats(t *testing.T) {
	t.Run("Retell answers the pagination_key it was sent", func(t *testing.T) {
		retell := fake.NewRetell(retellKey, fake.RetellCalls(2500, 1))
		var keys sync.Map // the pagination_key of each call_id page: from the answers
		env := newLoopEnv(t, "retell", fake.RetellEpoch.Add(30*24*time.Hour), map[string]string{"apiKey": retellKey},
			func(env *loopEnv, w http.ResponseWriter, r *http.Request) {
				if !strings.HasSuffix(r.URL.Path, "list-calls") {
					retell.ServeHTTP(w, r)
					return
				}
				body, _ := io.ReadAll(r.Body)
				var req map[string]any
				json.Unmarshal(body, &req)
				key, _ := req["pagination_key"].(string)
				env.listed(key == "")
				if prev, ok := keys.Load(key); ok && env.repeat.Load() && key != "" {
					// Serve the page before again: its answer's key is the one sent.
					if prev == "" {
						delete(req, "pagination_key")
					} else {
						req["pagination_key"] = prev
					}
					body, _ = json.Marshal(req)
				}
				r.Body = io.NopCloser(bytes.NewReader(body))
				editJSON(retell, w, r, func(m map[string]any) {
					if next, ok := m["pagination_key"].(string); ok {
						if _, seen := keys.Load(next); !seen {
							keys.Store(next, key)
						}
					}
				})
			})
		env.repeat.Store(true)
		p := env.syncNow(t)
		checkLoopStopped(t, env, p, "Retell AI", 0)
		if n := env.callCount(t); n != 1000 {
			t.Errorf("%d calls stored, want the first page's 1000", n)
		}
		env.repeat.Store(false)
		next := env.listsSoFar() + 1
		if p := env.syncNow(t); p.Error != nil || !p.Done {
			t.Fatalf("the next sync %+v", p)
		}
		if !env.freshFrom(next) {
			t.Error("the next sync resumed the stuck cursor instead of reading its window from the first page")
		}
		if n := env.callCount(t); n != 2500 {
			t.Errorf("%d calls after the provider behaves", n)
		}
		if _, cursor, lastError := env.runState(t); cursor != "" || lastError != "" {
			t.Errorf("after the next sync: cursor %q, last error %q", cursor, lastError)
		}
	})
	t.Run("Twilio's next_page_uri alternates A, B, A", func(t *testing.T) {
		const sid, token = "AC0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef"
		twilio := fake.NewTwilio(sid, token, fake.TwilioCalls(2500, 3))
		env := newLoopEnv(t, "twilio", fake.TwilioEpoch.Add(30*24*time.Hour), map[string]string{"accountSid": sid, "authToken": token},
			func(env *loopEnv, w http.ResponseWriter, r *http.Request) {
				if !strings.HasSuffix(r.URL.Path, "/Calls.json") {
					twilio.ServeHTTP(w, r)
					return
				}
				q := r.URL.Query()
				env.listed(q.Get("PageToken") == "")
				if env.repeat.Load() && q.Get("Page") == "2" {
					// B's answer points back at A: the first page again.
					q.Del("Page")
					q.Del("PageToken")
					r.URL.RawQuery = q.Encode()
				}
				twilio.ServeHTTP(w, r)
			})
		env.repeat.Store(true)
		p := env.syncNow(t)
		checkLoopStopped(t, env, p, "Twilio", 0)
		before := env.callCount(t)
		env.repeat.Store(false)
		next := env.listsSoFar() + 1
		if p := env.syncNow(t); p.Error != nil || !p.Done {
			t.Fatalf("the next sync %+v", p)
		}
		if !env.freshFrom(next) {
			t.Error("the next sync resumed the stuck cursor instead of reading its window from the first page")
		}
		// Twilio lists newest first: the pages stored before the loop moved
		// the watermark to the newest call, but the older ones were never read.
		started := int64(0) // the calls a start-time filter can find (queued ones have none)
		for _, c := range twilio.Calls {
			if !c.StartTime.IsZero() {
				started++
			}
		}
		if n := env.callCount(t); n != started || n < before {
			t.Errorf("%d calls after the next sync (%d before), want all %d", n, before, started)
		}
	})
	t.Run("Bland reports a huge total_count over the same page", func(t *testing.T) {
		const key = "sk-loop-0123456789abcdef0123"
		bland := fake.NewBland(key, fake.BlandCalls(40, 5))
		env := newLoopEnv(t, "bland", fake.BlandEpoch.Add(30*24*time.Hour), map[string]string{"apiKey": key},
			func(env *loopEnv, w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/v1/calls" {
					bland.ServeHTTP(w, r)
					return
				}
				q := r.URL.Query()
				env.listed(q.Get("from") == "0")
				if !env.repeat.Load() {
					bland.ServeHTTP(w, r)
					return
				}
				q.Set("from", "0") // the same page whatever was asked
				q.Set("to", "1000")
				r.URL.RawQuery = q.Encode()
				editJSON(bland, w, r, func(m map[string]any) { m["total_count"] = 1_000_000_000 })
			})
		env.repeat.Store(true)
		p := env.syncNow(t)
		checkLoopStopped(t, env, p, "Bland", 0)
		if n := env.callCount(t); n != 40 {
			t.Errorf("%d calls stored, want 40", n)
		}
		if p.Pages > 10 {
			t.Errorf("stored %d pages of the same calls", p.Pages)
		}
		env.repeat.Store(false)
		next := env.listsSoFar() + 1
		if p := env.syncNow(t); p.Error != nil || !p.Done {
			t.Fatalf("the next sync %+v", p)
		}
		if !env.freshFrom(next) {
			t.Error("the next sync resumed the stuck cursor instead of reading its window from the first page")
		}
	})
}
