package retell

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
)

func TestInfoAndFields(t *testing.T) {
	a := New(provider.Options{})
	info := a.Info()
	if info.ID != "retell" || info.Name != "Retell AI" || !info.ConcurrencyFromAPI {
		t.Errorf("info = %+v", info)
	}
	if !provider.PortalAllowed(info, info.PortalURL) || info.PortalURL != "https://dashboard.retellai.com" {
		t.Errorf("portal %q not allowed by %v", info.PortalURL, info.PortalHosts)
	}
	f := a.Fields()
	if len(f) != 1 || f[0].Key != "apiKey" || f[0].Label != "API key" || !f[0].Secret {
		t.Errorf("fields = %+v", f)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name, key, want string
	}{
		{"with key_ prefix", testKey, ""},
		{"without prefix", "0123456789abcdef0123", ""},
		{"surrounding whitespace trimmed", "  " + testKey + "\n", ""},
		{"missing", "", "API key is required."},
		{"only spaces", "   ", "API key is required."},
		{"space inside", "key_0123 456789abcdef", "API key must not contain spaces or line breaks."},
		{"newline inside", "key_0123\n456789abcdef", "API key must not contain spaces or line breaks."},
		{"non-ASCII", "key_0123456789abcdéf", "API key may contain only letters, digits and punctuation."},
		{"too short", "key_0123", "API key must be 16 to 256 characters long."},
		{"too long", "key_" + strings.Repeat("a", 253), "API key must be 16 to 256 characters long."},
	}
	a := New(provider.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := a.Validate(provider.Credentials{"apiKey": tt.key})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			var fe provider.FieldErrors
			if !errors.As(err, &fe) || fe["apiKey"] != tt.want {
				t.Fatalf("Validate = %#v, want apiKey: %q", err, tt.want)
			}
		})
	}
}

func TestCheckKey(t *testing.T) {
	t.Run("ok sends the bearer key", func(t *testing.T) {
		f := fake.NewRetell(testKey, nil)
		a, _, _ := harness(t, f)
		if err := a.CheckKey(context.Background(), creds); err != nil {
			t.Fatal(err)
		}
		reqs := f.Requests()
		if len(reqs) != 1 || reqs[0].Method != http.MethodGet || reqs[0].Path != "/get-concurrency" {
			t.Fatalf("requests = %+v", reqs)
		}
		if got := reqs[0].Authorization; got != "Bearer "+testKey {
			t.Errorf("Authorization = %q", got)
		}
	})
	t.Run("wrong key is unauthorized with Retell's reason", func(t *testing.T) {
		f := fake.NewRetell("key_another0123456789", nil)
		a, _, s := harness(t, f)
		err := a.CheckKey(context.Background(), creds)
		var pe *provider.Error
		if !errors.As(err, &pe) || pe.Kind != provider.KindUnauthorized || pe.Status != 401 || pe.Reason != "Invalid API Key." {
			t.Fatalf("err = %#v", err)
		}
		if len(f.Requests()) != 1 || len(s.all()) != 0 {
			t.Errorf("401 was retried: %d requests", len(f.Requests()))
		}
	})
	t.Run("badly formed key makes no request", func(t *testing.T) {
		f := fake.NewRetell(testKey, nil)
		a, _, _ := harness(t, f)
		err := a.CheckKey(context.Background(), provider.Credentials{"apiKey": ""})
		if provider.KindOf(err) != provider.KindUnauthorized || len(f.Requests()) != 0 {
			t.Fatalf("err = %v, requests = %d", err, len(f.Requests()))
		}
	})
}

func TestConcurrency(t *testing.T) {
	f := fake.NewRetell(testKey, nil)
	f.Concurrency.ConcurrencyLimit = 10
	f.Concurrency.ReservedInboundConcurrency = 2
	f.Concurrency.CurrentConcurrency = 7
	a, _, _ := harness(t, f)
	got, err := a.Concurrency(context.Background(), creds)
	if err != nil {
		t.Fatal(err)
	}
	if want := (provider.Concurrency{Limit: 10, InboundReserved: 2, Current: 7}); got != want {
		t.Errorf("Concurrency = %+v, want %+v", got, want)
	}
}

func TestFailures(t *testing.T) {
	window := provider.Window{Since: fake.RetellEpoch, Until: fake.RetellEpoch.Add(24 * time.Hour)}
	t.Run("429 honours Retry-After then succeeds", func(t *testing.T) {
		f := fake.NewRetell(testKey, fake.RetellCalls(10, 1))
		f.RateLimitNext(2, "7")
		a, _, s := harness(t, f)
		page, err := a.ListCalls(context.Background(), creds, window, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Calls) != 10 {
			t.Errorf("got %d calls, want 10", len(page.Calls))
		}
		if got := s.all(); len(got) != 2 || got[0] != 7*time.Second || got[1] != 7*time.Second {
			t.Errorf("sleeps = %v, want [7s 7s]", got)
		}
	})
	t.Run("5xx retries then unavailable", func(t *testing.T) {
		f := fake.NewRetell(testKey, nil)
		f.FailNext(100, http.StatusBadGateway)
		a, c, s := harness(t, f)
		_, err := a.ListCalls(context.Background(), creds, window, "")
		if provider.KindOf(err) != provider.KindUnavailable {
			t.Fatalf("err = %v", err)
		}
		if n := len(f.Requests()); n != c.MaxAttempts {
			t.Errorf("%d requests, want %d", n, c.MaxAttempts)
		}
		if n := len(s.all()); n != c.MaxAttempts-1 {
			t.Errorf("%d sleeps, want %d", n, c.MaxAttempts-1)
		}
	})
	t.Run("slow answer is unreachable", func(t *testing.T) {
		f := fake.NewRetell(testKey, nil)
		f.SlowNext(-1, 0)
		a, c, _ := harness(t, f)
		c.HTTP.Timeout = 20 * time.Millisecond
		c.MaxAttempts = 2
		if err := a.CheckKey(context.Background(), creds); provider.KindOf(err) != provider.KindUnreachable {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("malformed JSON", func(t *testing.T) {
		for _, op := range []string{"list", "concurrency"} {
			f := fake.NewRetell(testKey, fake.RetellCalls(3, 1))
			f.MalformedNext(1)
			a, _, _ := harness(t, f)
			var err error
			if op == "list" {
				_, err = a.ListCalls(context.Background(), creds, window, "")
			} else {
				_, err = a.Concurrency(context.Background(), creds)
			}
			if provider.KindOf(err) != provider.KindMalformed {
				t.Errorf("%s: err = %v", op, err)
			}
		}
	})
}
