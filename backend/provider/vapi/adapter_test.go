package vapi

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
	if info.ID != "vapi" || info.Name != "Vapi" || info.ConcurrencyFromAPI {
		t.Errorf("info = %+v", info)
	}
	if !provider.PortalAllowed(info, info.PortalURL) || info.PortalURL != "https://dashboard.vapi.ai" {
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
		{"uuid", testKey, ""},
		{"surrounding whitespace trimmed", "\t" + testKey + " ", ""},
		{"missing", "", "API key is required."},
		{"space inside", "3f1c2a9e 8b7d-4c6e-9a10", "API key must not contain spaces or line breaks."},
		{"control character", "3f1c2a9e\x008b7d-4c6e-9a10", "API key may contain only letters, digits and punctuation."},
		{"too short", "3f1c2a9e", "API key must be 16 to 256 characters long."},
		{"too long", strings.Repeat("a", 257), "API key must be 16 to 256 characters long."},
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
		f := fake.NewVapi(testKey, nil)
		a, _, _ := harness(t, f)
		if err := a.CheckKey(context.Background(), creds); err != nil {
			t.Fatal(err)
		}
		reqs := f.Requests()
		if len(reqs) != 1 || reqs[0].Method != http.MethodGet || reqs[0].Path != "/assistant" || reqs[0].Query.Get("limit") != "1" {
			t.Fatalf("requests = %+v", reqs)
		}
		if got := reqs[0].Authorization; got != "Bearer "+testKey {
			t.Errorf("Authorization = %q", got)
		}
	})
	t.Run("wrong key is unauthorized with Vapi's reason", func(t *testing.T) {
		f := fake.NewVapi("0000000000000000000000", nil)
		a, _, _ := harness(t, f)
		err := a.CheckKey(context.Background(), creds)
		var pe *provider.Error
		if !errors.As(err, &pe) || pe.Kind != provider.KindUnauthorized || pe.Status != 401 || !strings.HasPrefix(pe.Reason, "Invalid Key.") {
			t.Fatalf("err = %#v", err)
		}
		if len(f.Requests()) != 1 {
			t.Errorf("401 was retried")
		}
	})
}

func TestConcurrencyNotSupported(t *testing.T) {
	f := fake.NewVapi(testKey, nil)
	a, _, _ := harness(t, f)
	if _, err := a.Concurrency(context.Background(), creds); !errors.Is(err, provider.ErrNotSupported) {
		t.Fatalf("err = %v", err)
	}
	if len(f.Requests()) != 0 {
		t.Error("Concurrency made a request")
	}
}

func TestFailures(t *testing.T) {
	window := provider.Window{Since: fake.VapiEpoch, Until: fake.VapiEpoch.Add(24 * time.Hour)}
	t.Run("429 honours Retry-After then succeeds", func(t *testing.T) {
		f := fake.NewVapi(testKey, fake.VapiCalls(10, 1))
		f.RateLimitNext(3, "2")
		a, _, s := harness(t, f)
		page, err := a.ListCalls(context.Background(), creds, window, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Calls) != 10 {
			t.Errorf("got %d calls", len(page.Calls))
		}
		if got := s.all(); len(got) != 3 || got[0] != 2*time.Second || got[2] != 2*time.Second {
			t.Errorf("sleeps = %v, want 3×2s", got)
		}
	})
	t.Run("5xx retries then unavailable", func(t *testing.T) {
		f := fake.NewVapi(testKey, nil)
		f.FailNext(100, http.StatusInternalServerError)
		a, c, s := harness(t, f)
		_, err := a.ListCalls(context.Background(), creds, window, "")
		if provider.KindOf(err) != provider.KindUnavailable {
			t.Fatalf("err = %v", err)
		}
		if len(f.Requests()) != c.MaxAttempts || len(s.all()) != c.MaxAttempts-1 {
			t.Errorf("%d requests, %d sleeps", len(f.Requests()), len(s.all()))
		}
	})
	t.Run("slow answer is unreachable", func(t *testing.T) {
		f := fake.NewVapi(testKey, nil)
		f.SlowNext(-1, 0)
		a, c, _ := harness(t, f)
		c.HTTP.Timeout = 20 * time.Millisecond
		c.MaxAttempts = 2
		if _, err := a.ListCalls(context.Background(), creds, window, ""); provider.KindOf(err) != provider.KindUnreachable {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("malformed JSON", func(t *testing.T) {
		f := fake.NewVapi(testKey, fake.VapiCalls(3, 1))
		f.MalformedNext(1)
		a, _, _ := harness(t, f)
		if _, err := a.ListCalls(context.Background(), creds, window, ""); provider.KindOf(err) != provider.KindMalformed {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("bad cursor is rejected without a request", func(t *testing.T) {
		f := fake.NewVapi(testKey, nil)
		a, _, _ := harness(t, f)
		if _, err := a.ListCalls(context.Background(), creds, window, "yesterday"); provider.KindOf(err) != provider.KindRejected {
			t.Fatalf("err = %v", err)
		}
		if len(f.Requests()) != 0 {
			t.Error("a request was made")
		}
	})
}
