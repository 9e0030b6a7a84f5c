package providertest

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
)

// Case is one adapter's facts for RunConformance.
type Case struct {
	// New builds the adapter.
	New func(provider.Options) provider.Adapter
	// Fake returns a new fake that accepts Creds and holds n generated
	// calls, all of which start within Window.
	Fake   func(n int) Fake
	Window provider.Window

	// Info is what Info must return. Fields are the credential fields, in
	// order, compared by Key, Label and Secret.
	Info   provider.Info
	Fields []provider.Field

	// Creds are good credentials, sent as the Authorization header Auth
	// (and, for a provider that takes its key in an xi-api-key header, as
	// APIKey, with Auth "": no Authorization header at all).
	Creds provider.Credentials
	Auth  string
	// APIKey is the xi-api-key header every request carries ("" for none).
	APIKey string
	// CheckKey is the one request CheckKey makes: "GET /path?query".
	CheckKey string
	// WrongCreds are well formed, but the fake refuses them: 401 with the
	// reason WrongReason.
	WrongCreds  provider.Credentials
	WrongReason string
	// BadCreds fail Validate on exactly the fields BadFields.
	BadCreds  provider.Credentials
	BadFields []string
	// BadCursor, when set, is a cursor the adapter cannot have made:
	// ListCalls must refuse it as BadCursorKind without a request.
	BadCursor     string
	BadCursorKind provider.Kind

	// Paging returns a fake with enough calls for at least three pages, a
	// window, and the ids of the calls the adapter must list for it.
	Paging func() (Fake, provider.Window, []string)
	// ListPath, when set, is the path of the call-list requests: the suite
	// counts only those (an adapter may also look things up, such as Vapi's
	// phone numbers).
	ListPath string
	// CheckListing, when set, checks what is particular to the provider in
	// that listing: the calls' order, the requests' queries or bodies.
	CheckListing func(t *testing.T, w provider.Window, got []provider.Call, reqs []fake.Request)
}

// RunConformance checks what every adapter must do against its fake: its
// description, credential checks that make no request when the format is
// wrong, the Authorization header, a 401 as KindUnauthorized with the
// provider's reason and no retry, 429 honouring Retry-After, 5xx retried
// then KindUnavailable, a slow answer KindUnreachable, malformed JSON
// KindMalformed, Concurrency without a request when the limit is not read
// from the API, and a listing walked to its end with every call once.
func RunConformance(t *testing.T, c Case) {
	t.Run("describes itself", func(t *testing.T) { c.describes(t) })
	t.Run("validates credentials", func(t *testing.T) {
		CheckFieldErrors(t, c.New(provider.Options{}).Validate(c.Creds))
		CheckFieldErrors(t, c.New(provider.Options{}).Validate(c.BadCreds), c.BadFields...)
	})
	t.Run("CheckKey sends the credentials", func(t *testing.T) {
		f := c.Fake(0)
		h := Serve(t, f, c.New)
		if err := h.Adapter.CheckKey(context.Background(), c.Creds); err != nil {
			t.Fatal(err)
		}
		reqs := f.Requests()
		if len(reqs) != 1 || requestLine(reqs[0]) != c.CheckKey || reqs[0].Authorization != c.Auth || reqs[0].APIKey != c.APIKey {
			t.Fatalf("requests = %+v, want one %s with Authorization %q and xi-api-key %q", reqs, c.CheckKey, c.Auth, c.APIKey)
		}
	})
	for _, op := range c.ops() {
		t.Run(op.name+" with wrong credentials is unauthorized with the reason, not retried", func(t *testing.T) {
			f := c.Fake(3)
			h := Serve(t, f, c.New)
			err := op.run(h.Adapter, c.WrongCreds)
			var pe *provider.Error
			if !errors.As(err, &pe) || pe.Kind != provider.KindUnauthorized || pe.Status != http.StatusUnauthorized || pe.Reason != c.WrongReason {
				t.Fatalf("err = %#v, want 401 %q", err, c.WrongReason)
			}
			if n := len(f.Requests()); n != 1 || len(h.Sleeps()) != 0 {
				t.Errorf("%d requests, sleeps %v; want one, none", n, h.Sleeps())
			}
		})
		t.Run(op.name+" with badly formed credentials makes no request", func(t *testing.T) {
			f := c.Fake(3)
			h := Serve(t, f, c.New)
			if err := op.run(h.Adapter, c.BadCreds); provider.KindOf(err) != provider.KindUnauthorized || len(f.Requests()) != 0 {
				t.Fatalf("err = %v with %d requests", err, len(f.Requests()))
			}
		})
	}
	if !c.Info.ConcurrencyFromAPI {
		t.Run("Concurrency is not supported, without a request", func(t *testing.T) {
			f := c.Fake(0)
			h := Serve(t, f, c.New)
			if _, err := h.Adapter.Concurrency(context.Background(), c.Creds); !errors.Is(err, provider.ErrNotSupported) || len(f.Requests()) != 0 {
				t.Fatalf("err = %v with %d requests", err, len(f.Requests()))
			}
		})
	}
	if c.BadCursor != "" {
		t.Run("a bad cursor makes no request", func(t *testing.T) {
			f := c.Fake(3)
			h := Serve(t, f, c.New)
			_, err := h.Adapter.ListCalls(context.Background(), c.Creds, c.Window, c.BadCursor)
			if provider.KindOf(err) != c.BadCursorKind || len(f.Requests()) != 0 {
				t.Fatalf("err = %v with %d requests, want kind %q and none", err, len(f.Requests()), c.BadCursorKind)
			}
		})
	}
	c.failures(t)
	t.Run("counts every request of a page", func(t *testing.T) {
		f, w, _ := c.Paging()
		h := Serve(t, f, c.New)
		counted, cursor := 0, ""
		for pages := 1; ; pages++ {
			page, err := h.Adapter.ListCalls(context.Background(), c.Creds, w, cursor)
			if err != nil {
				t.Fatalf("page %d: %v", pages, err)
			}
			counted += page.Requests
			if cursor = page.Next; cursor == "" || pages > maxPages {
				break
			}
		}
		if sent := len(f.Requests()); counted != sent {
			t.Errorf("pages counted %d requests, the fake saw %d", counted, sent)
		}
	})
	t.Run("lists every call exactly once", func(t *testing.T) {
		f, w, want := c.Paging()
		h := Serve(t, f, c.New)
		got, pages := ListAll(t, h.Adapter, c.Creds, w)
		ExactlyOnce(t, got, want)
		for i, r := range f.Requests() {
			if r.Authorization != c.Auth || r.APIKey != c.APIKey {
				t.Errorf("request %d: Authorization %q, xi-api-key %q", i, r.Authorization, r.APIKey)
			}
		}
		reqs := c.listRequests(f)
		if pages < 3 || len(reqs) != pages {
			t.Errorf("%d requests for %d pages, want one a page and at least 3", len(reqs), pages)
		}
		for _, call := range got {
			if !slices.Contains(provider.Statuses, call.Status) {
				t.Errorf("call %s: status %q (raw %q) is not a normalised status", call.ProviderCallID, call.Status, call.RawStatus)
			}
		}
		if c.CheckListing != nil {
			c.CheckListing(t, w, got, reqs)
		}
	})
}

func (c Case) describes(t *testing.T) {
	a := c.New(provider.Options{})
	info := a.Info()
	if !reflect.DeepEqual(info, c.Info) {
		t.Errorf("Info = %+v, want %+v", info, c.Info)
	}
	if !provider.PortalAllowed(info, info.PortalURL) || provider.PortalAllowed(info, "https://evil.example/") {
		t.Errorf("portal %q and allow-list %v disagree", info.PortalURL, info.PortalHosts)
	}
	key := func(f provider.Field) provider.Field {
		return provider.Field{Key: f.Key, Label: f.Label, Secret: f.Secret}
	}
	got := a.Fields()
	if len(got) != len(c.Fields) {
		t.Fatalf("Fields = %+v, want %+v", got, c.Fields)
	}
	for i := range got {
		if key(got[i]) != key(c.Fields[i]) {
			t.Errorf("field %d = %+v, want %+v", i, got[i], c.Fields[i])
		}
	}
}

// op is an adapter method that sends the credentials.
type op struct {
	name string
	run  func(a provider.Adapter, creds provider.Credentials) error
}

func (c Case) ops() []op {
	ops := []op{
		{"CheckKey", func(a provider.Adapter, creds provider.Credentials) error {
			return a.CheckKey(context.Background(), creds)
		}},
		{"ListCalls", func(a provider.Adapter, creds provider.Credentials) error {
			_, err := a.ListCalls(context.Background(), creds, c.Window, "")
			return err
		}},
	}
	if c.Info.ConcurrencyFromAPI {
		ops = append(ops, op{"Concurrency", func(a provider.Adapter, creds provider.Credentials) error {
			_, err := a.Concurrency(context.Background(), creds)
			return err
		}})
	}
	return ops
}

// failures checks the client's retries through the adapter: ListCalls of
// the first page of Window, with a fault armed on the fake, must end as
// the same page without one, or as the error of the fault's kind.
func (c Case) failures(t *testing.T) {
	backoff := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}
	tests := []struct {
		name   string
		arm    func(f Fake, client *provider.Client)
		kind   provider.Kind
		sleeps []time.Duration
	}{
		{"429 honours Retry-After, then succeeds", func(f Fake, _ *provider.Client) { f.RateLimitNext(1, "7") }, "", []time.Duration{7 * time.Second}},
		{"429 up to the last attempt, then succeeds", func(f Fake, _ *provider.Client) { f.RateLimitNext(3, "2") }, "",
			[]time.Duration{2 * time.Second, 2 * time.Second, 2 * time.Second}},
		{"5xx once, then succeeds", func(f Fake, _ *provider.Client) { f.FailNext(1, http.StatusServiceUnavailable) }, "", backoff[:1]},
		{"5xx throughout is unavailable", func(f Fake, _ *provider.Client) { f.FailNext(100, http.StatusBadGateway) }, provider.KindUnavailable, backoff},
		{"slow answer is unreachable", func(f Fake, client *provider.Client) {
			client.HTTP.Timeout = 50 * time.Millisecond
			f.SlowNext(-1, 0)
		}, provider.KindUnreachable, backoff},
		{"malformed JSON", func(f Fake, _ *provider.Client) { f.MalformedNext(1) }, provider.KindMalformed, nil},
	}
	list := func(h *Harness) (provider.Page, error) {
		return h.Adapter.ListCalls(context.Background(), c.Creds, c.Window, "")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := list(Serve(t, c.Fake(20), c.New))
			if err != nil || len(want.Calls) == 0 {
				t.Fatalf("without a fault: %d calls, %v", len(want.Calls), err)
			}
			f := c.Fake(20)
			h := Serve(t, f, c.New)
			tt.arm(f, h.Client)
			got, err := list(h)
			if provider.KindOf(err) != tt.kind {
				t.Fatalf("ListCalls = %v, want kind %q", err, tt.kind)
			}
			if err == nil {
				SameCalls(t, got.Calls, want.Calls)
			}
			if s := h.Sleeps(); !slices.Equal(s, tt.sleeps) {
				t.Errorf("sleeps = %v, want %v", s, tt.sleeps)
			}
			if n := len(c.listRequests(f)); n != len(tt.sleeps)+1 {
				t.Errorf("%d requests, want %d", n, len(tt.sleeps)+1)
			}
		})
	}
}

// listRequests are the fake's call-list requests (all of them without ListPath).
func (c Case) listRequests(f Fake) []fake.Request {
	var out []fake.Request
	for _, r := range f.Requests() {
		if c.ListPath == "" || r.Path == c.ListPath {
			out = append(out, r)
		}
	}
	return out
}

// requestLine is "METHOD /path?query" of r.
func requestLine(r fake.Request) string {
	line := r.Method + " " + r.Path
	if len(r.Query) > 0 {
		line += "?" + r.Query.Encode()
	}
	return line
}
