package bland

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
	if info.ID != "bland" || info.Name != "Bland" || info.ConcurrencyFromAPI {
		t.Errorf("info = %+v", info)
	}
	if !provider.PortalAllowed(info, info.PortalURL) || info.PortalURL != "https://app.bland.ai" {
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
		{"sk- key", testKey, ""},
		{"surrounding newline trimmed", testKey + "\r\n", ""},
		{"missing", "", "API key is required."},
		{"tab inside", "sk-0123456789\tabcdef", "API key must not contain spaces or line breaks."},
		{"non-ASCII", "sk-0123456789abcdef€", "API key may contain only letters, digits and punctuation."},
		{"too short", "sk-0123", "API key must be 16 to 256 characters long."},
		{"too long", "sk-" + strings.Repeat("a", 254), "API key must be 16 to 256 characters long."},
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
	t.Run("ok sends the raw key without Bearer", func(t *testing.T) {
		f := fake.NewBland(testKey, nil)
		a, _, _ := harness(t, f)
		if err := a.CheckKey(context.Background(), creds); err != nil {
			t.Fatal(err)
		}
		reqs := f.Requests()
		if len(reqs) != 1 || reqs[0].Method != http.MethodGet || reqs[0].Path != "/v1/me" {
			t.Fatalf("requests = %+v", reqs)
		}
		if got := reqs[0].Authorization; got != testKey {
			t.Errorf("authorization = %q, want the raw key", got)
		}
	})
	t.Run("wrong key is unauthorized with Bland's reason", func(t *testing.T) {
		f := fake.NewBland("sk-someoneelse0123456789", nil)
		a, _, _ := harness(t, f)
		err := a.CheckKey(context.Background(), creds)
		var pe *provider.Error
		if !errors.As(err, &pe) || pe.Kind != provider.KindUnauthorized || pe.Status != 401 || pe.Reason != "Invalid or missing API key." {
			t.Fatalf("err = %#v", err)
		}
	})
}

func TestConcurrencyNotSupported(t *testing.T) {
	a, _, _ := harness(t, fake.NewBland(testKey, nil))
	if _, err := a.Concurrency(context.Background(), creds); !errors.Is(err, provider.ErrNotSupported) {
		t.Fatalf("err = %v", err)
	}
}

func TestFailures(t *testing.T) {
	window := provider.Window{Since: fake.BlandEpoch, Until: fake.BlandEpoch.Add(24 * time.Hour)}
	t.Run("429 honours Retry-After then succeeds", func(t *testing.T) {
		f := fake.NewBland(testKey, fake.BlandCalls(10, 1))
		f.RateLimitNext(1, "30")
		a, _, s := harness(t, f)
		page, err := a.ListCalls(context.Background(), creds, window, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Calls) != 10 {
			t.Errorf("got %d calls", len(page.Calls))
		}
		if got := s.all(); len(got) != 1 || got[0] != 30*time.Second {
			t.Errorf("sleeps = %v, want [30s]", got)
		}
	})
	t.Run("5xx retries then unavailable", func(t *testing.T) {
		f := fake.NewBland(testKey, nil)
		f.FailNext(100, http.StatusServiceUnavailable)
		a, c, s := harness(t, f)
		_, err := a.ListCalls(context.Background(), creds, window, "")
		if provider.KindOf(err) != provider.KindUnavailable {
			t.Fatalf("err = %v", err)
		}
		if len(f.Requests()) != c.MaxAttempts || len(s.all()) != c.MaxAttempts-1 {
			t.Errorf("%d requests, %d sleeps", len(f.Requests()), len(s.all()))
		}
	})
	t.Run("5xx once then succeeds", func(t *testing.T) {
		f := fake.NewBland(testKey, fake.BlandCalls(2, 1))
		f.FailNext(1, http.StatusBadGateway)
		a, c, s := harness(t, f)
		if _, err := a.ListCalls(context.Background(), creds, window, ""); err != nil {
			t.Fatal(err)
		}
		if got := s.all(); len(got) != 1 || got[0] != c.Backoff {
			t.Errorf("sleeps = %v", got)
		}
	})
	t.Run("slow answer is unreachable", func(t *testing.T) {
		f := fake.NewBland(testKey, nil)
		f.SlowNext(-1, 0)
		a, c, _ := harness(t, f)
		c.HTTP.Timeout = 20 * time.Millisecond
		c.MaxAttempts = 2
		if err := a.CheckKey(context.Background(), creds); provider.KindOf(err) != provider.KindUnreachable {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("malformed JSON", func(t *testing.T) {
		f := fake.NewBland(testKey, fake.BlandCalls(3, 1))
		f.MalformedNext(1)
		a, _, _ := harness(t, f)
		if _, err := a.ListCalls(context.Background(), creds, window, ""); provider.KindOf(err) != provider.KindMalformed {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("bad cursor is rejected without a request", func(t *testing.T) {
		f := fake.NewBland(testKey, nil)
		a, _, _ := harness(t, f)
		if _, err := a.ListCalls(context.Background(), creds, window, "-5"); provider.KindOf(err) != provider.KindRejected {
			t.Fatalf("err = %v", err)
		}
		if len(f.Requests()) != 0 {
			t.Error("a request was made")
		}
	})
}
