package provider_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"switchboard/backend/provider"
)

func TestValidateAPIKey(t *testing.T) {
	const key = "key_0123456789abcdef0123"
	tests := []struct {
		name, key, want string
	}{
		{"with key_ prefix", key, ""},
		{"without prefix", "0123456789abcdef0123", ""},
		{"uuid", "3f1c2a9e-8b7d-4c6e-9a10-5d2f7e8b9c01", ""},
		{"surrounding whitespace trimmed", "  " + key + "\n", ""},
		{"surrounding CRLF trimmed", key + "\r\n", ""},
		{"missing", "", "API key is required."},
		{"only spaces", "   ", "API key is required."},
		{"space inside", "key_0123 456789abcdef", "API key must not contain spaces or line breaks."},
		{"tab inside", "sk-0123456789\tabcdef", "API key must not contain spaces or line breaks."},
		{"newline inside", "key_0123\n456789abcdef", "API key must not contain spaces or line breaks."},
		{"non-ASCII", "key_0123456789abcdéf", "API key may contain only letters, digits and punctuation."},
		{"control character", "3f1c2a9e\x008b7d-4c6e-9a10", "API key may contain only letters, digits and punctuation."},
		{"DEL", "3f1c2a9e\x7f8b7d-4c6e-9a10", "API key may contain only letters, digits and punctuation."},
		{"too short", "key_0123", "API key must be 16 to 256 characters long."},
		{"shortest", strings.Repeat("a", 16), ""},
		{"longest", strings.Repeat("a", 256), ""},
		{"too long", strings.Repeat("a", 257), "API key must be 16 to 256 characters long."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := provider.ValidateAPIKey(provider.Credentials{"apiKey": tt.key})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("ValidateAPIKey = %v, want nil", err)
				}
				return
			}
			var fe provider.FieldErrors
			if !errors.As(err, &fe) || len(fe) != 1 || fe["apiKey"] != tt.want {
				t.Fatalf("ValidateAPIKey = %#v, want apiKey: %q", err, tt.want)
			}
		})
	}
}

func TestAPIKeyField(t *testing.T) {
	f := provider.APIKeyField("key_…", "From the dashboard.")
	want := provider.Field{Key: "apiKey", Label: "API key", Secret: true, Placeholder: "key_…", Help: "From the dashboard."}
	if f != want {
		t.Errorf("APIKeyField = %+v, want %+v", f, want)
	}
}

func TestKeyAPI(t *testing.T) {
	const key = "sk-0123456789abcdefghij"
	t.Run("scheme, then the trimmed key", func(t *testing.T) {
		for scheme, want := range map[string]string{"Bearer ": "Bearer " + key, "": key} {
			k := provider.NewKeyAPI(provider.Options{BaseURL: "http://127.0.0.1:1/"}, "https://api.example", scheme)
			h, err := k.Header(provider.Credentials{"apiKey": " " + key + "\n"})
			if err != nil || h.Get("Authorization") != want || len(h) != 1 {
				t.Errorf("scheme %q: header %v, %v; want Authorization %q", scheme, h, err, want)
			}
			if k.Base != "http://127.0.0.1:1" {
				t.Errorf("Base = %q, want the test's URL without its slash", k.Base)
			}
		}
	})
	t.Run("badly formed key is unauthorized without a request", func(t *testing.T) {
		var waits []time.Duration
		srv, n := script(t)
		k := provider.KeyAPI{API: provider.API{Base: srv.URL, Client: testClient(&waits)}, Scheme: "Bearer "}
		_, err := k.Get(context.Background(), provider.Credentials{"apiKey": "short"}, "/me")
		var pe *provider.Error
		if !errors.As(err, &pe) || pe.Kind != provider.KindUnauthorized || pe.Reason != "API key must be 16 to 256 characters long." || n.Load() != 0 {
			t.Fatalf("err %#v, requests %d", err, n.Load())
		}
	})
	t.Run("Get sends the key", func(t *testing.T) {
		var waits []time.Duration
		var got string
		srv, _ := script(t, func(w http.ResponseWriter, r *http.Request) {
			got = r.Method + " " + r.URL.RequestURI() + " " + r.Header.Get("Authorization")
			w.Write([]byte(`{}`))
		})
		k := provider.KeyAPI{API: provider.API{Base: srv.URL, Client: testClient(&waits)}}
		if _, err := k.Get(context.Background(), provider.Credentials{"apiKey": key}, "/v1/me?limit=1"); err != nil {
			t.Fatal(err)
		}
		if want := "GET /v1/me?limit=1 " + key; got != want {
			t.Errorf("request %q, want %q", got, want)
		}
	})
}
