package provider_test

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"switchboard/backend/provider"
)

// testClient returns a client whose waits are recorded instead of slept.
func testClient(waits *[]time.Duration) *provider.Client {
	c := provider.NewClient()
	c.Sleep = func(_ context.Context, d time.Duration) error {
		*waits = append(*waits, d)
		return nil
	}
	return c
}

// script answers requests with the given handlers in turn, then 200 {"ok":true}.
func script(t *testing.T, steps ...http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		if i < len(steps) {
			steps[i](w, r)
			return
		}
		w.Write([]byte(`{"ok":true}`))
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func status(code int, body string, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		w.Write([]byte(body))
	}
}

func get(t *testing.T, c *provider.Client, url string) error {
	t.Helper()
	var out struct{ OK bool }
	err := c.JSON(context.Background(), provider.Request{Method: "GET", URL: url}, &out)
	if err == nil && !out.OK {
		t.Fatal("decoded nothing")
	}
	return err
}

func TestClientRetries(t *testing.T) {
	t.Run("429 honours Retry-After, then succeeds", func(t *testing.T) {
		var waits []time.Duration
		srv, n := script(t, status(429, `{"message":"slow down"}`, "Retry-After", "7"))
		if err := get(t, testClient(&waits), srv.URL); err != nil {
			t.Fatal(err)
		}
		if n.Load() != 2 || len(waits) != 1 || waits[0] != 7*time.Second {
			t.Errorf("requests %d, waits %v", n.Load(), waits)
		}
	})
	t.Run("429 with Retry-After as an HTTP date waits until that time, read against the client's clock", func(t *testing.T) {
		var waits []time.Duration
		now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		srv, n := script(t, status(429, "", "Retry-After", now.Add(42*time.Second).Format(http.TimeFormat)))
		c := testClient(&waits)
		c.Now = func() time.Time { return now }
		if err := get(t, c, srv.URL); err != nil {
			t.Fatal(err)
		}
		if n.Load() != 2 || !slices.Equal(waits, []time.Duration{42 * time.Second}) {
			t.Errorf("requests %d, waits %v", n.Load(), waits)
		}
	})
	t.Run("5xx backs off exponentially, then gives up as unavailable", func(t *testing.T) {
		var waits []time.Duration
		srv, n := script(t, status(502, "bad gateway"), status(503, ""), status(500, ""), status(500, `{"error":"down"}`))
		err := get(t, testClient(&waits), srv.URL)
		var pe *provider.Error
		if !errors.As(err, &pe) || pe.Kind != provider.KindUnavailable || pe.Status != 500 || pe.Reason != "down" {
			t.Fatalf("err %v", err)
		}
		want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}
		if n.Load() != 4 || !slices.Equal(waits, want) {
			t.Errorf("requests %d, waits %v", n.Load(), waits)
		}
	})
	t.Run("a Retry-After beyond the cap is not waited for", func(t *testing.T) {
		var waits []time.Duration
		srv, n := script(t, status(429, "", "Retry-After", "86400"))
		err := get(t, testClient(&waits), srv.URL)
		var pe *provider.Error
		if !errors.As(err, &pe) || pe.Kind != provider.KindRateLimited || pe.RetryAfter != 24*time.Hour || n.Load() != 1 || len(waits) != 0 {
			t.Errorf("err %v, requests %d, waits %v", err, n.Load(), waits)
		}
	})
}

func TestClientDoesNotRetryWhatRetryCannotFix(t *testing.T) {
	cases := []struct {
		name   string
		step   http.HandlerFunc
		kind   provider.Kind
		reason string
	}{
		{"401", status(401, `{"message":"Invalid API key"}`), provider.KindUnauthorized, "Invalid API key"},
		{"403 with nested error", status(403, `{"error":{"message":"Account suspended"}}`), provider.KindUnauthorized, "Account suspended"},
		{"400", status(400, "bad filter"), provider.KindRejected, "bad filter"},
		{"malformed JSON", status(200, `{"ok": tru`), provider.KindMalformed, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var waits []time.Duration
			srv, n := script(t, tc.step)
			err := get(t, testClient(&waits), srv.URL)
			var pe *provider.Error
			if !errors.As(err, &pe) || pe.Kind != tc.kind || pe.Reason != tc.reason || n.Load() != 1 || len(waits) != 0 {
				t.Errorf("err %v, requests %d", err, n.Load())
			}
		})
	}
}

func TestClientSlowAnswerIsUnreachable(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	var waits []time.Duration
	c := testClient(&waits)
	c.HTTP.Timeout = 50 * time.Millisecond
	err := get(t, c, srv.URL+"/calls?api_key=do-not-show")
	if provider.KindOf(err) != provider.KindUnreachable || len(waits) != c.MaxAttempts-1 {
		t.Fatalf("err %v, waits %v", err, waits)
	}
	if strings.Contains(err.Error(), "do-not-show") {
		t.Errorf("the error repeats the query string: %v", err)
	}
}

func TestPortalAllowed(t *testing.T) {
	info := provider.Info{PortalHosts: []string{"dashboard.retellai.com"}}
	for link, want := range map[string]bool{
		"https://dashboard.retellai.com":              true,
		"https://dashboard.retellai.com/billing":      true,
		"http://dashboard.retellai.com":               false,
		"https://dashboard.retellai.com.evil.example": false,
		"https://user@dashboard.retellai.com":         false,
		"javascript:alert(1)":                         false,
	} {
		if got := provider.PortalAllowed(info, link); got != want {
			t.Errorf("%s: %v, want %v", link, got, want)
		}
	}
}

func TestClientDoesNotRetryARequestItCannotSend(t *testing.T) {
	srv, n := script(t)
	cases := []struct {
		name string
		req  provider.Request
	}{
		{"header value with a line break", provider.Request{Method: "GET", URL: srv.URL, Header: http.Header{"Authorization": {"Bearer key\nX-Evil: 1"}}}},
		{"header name with a space", provider.Request{Method: "GET", URL: srv.URL, Header: http.Header{"Bad Name": {"x"}}}},
		{"unsupported scheme", provider.Request{Method: "GET", URL: "ftp://example.com/calls"}},
		{"no host", provider.Request{Method: "GET", URL: "http:///calls"}},
		{"body that does not encode", provider.Request{Method: "POST", URL: srv.URL, Body: make(chan int)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var waits []time.Duration
			_, err := testClient(&waits).Do(context.Background(), tc.req)
			var pe *provider.Error
			if !errors.As(err, &pe) || pe.Kind != provider.KindRejected || len(waits) != 0 || n.Load() != 0 {
				t.Fatalf("err %v, requests %d, waits %v; want KindRejected, none sent, no retry", err, n.Load(), waits)
			}
			if strings.Contains(err.Error(), "key") {
				t.Errorf("the error repeats a header value: %v", err)
			}
		})
	}
}

// echo answers with status and a body that repeats the request's secrets,
// built by body from the Authorization and xi-api-key headers.
func echo(code int, contentType string, body func(auth, key string) string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(code)
		w.Write([]byte(body(r.Header.Get("Authorization"), r.Header.Get("xi-api-key"))))
	}
}

func TestClientErrorsNeverRepeatTheSecret(t *testing.T) {
	const (
		uuidKey = "3f1c9a2e-7b4d-4e8a-9c1f-0d2e3b4a5c6d" // Vapi-style: not key-shaped
		sid     = "AC0123456789abcdef0123456789abcdef"
		token   = "Tok3n/With+Odd=Chars~0123456789ab"
		xiKey   = "sk_9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928"
	)
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(sid+":"+token))
	cases := []struct {
		name    string
		header  http.Header
		step    http.HandlerFunc
		secrets []string // what must not appear, besides the header's own value
		reason  string   // the exact Reason wanted, when not ""
	}{
		{"401 JSON echoing the bearer token", http.Header{"Authorization": {"Bearer " + uuidKey}},
			echo(401, "application/json", func(a, _ string) string { return `{"message":"Invalid key in header ` + a + `"}` }),
			[]string{uuidKey}, ""},
		{"401 JSON echoing a raw key (Bland)", http.Header{"Authorization": {uuidKey}},
			echo(401, "application/json", func(a, _ string) string { return `{"error":{"message":"key ` + a + ` is not valid"}}` }),
			[]string{uuidKey}, ""},
		{"401 echoing the Basic header and the token (Twilio)", http.Header{"Authorization": {basic}},
			echo(401, "application/json", func(a, _ string) string {
				return `{"code":20003,"message":"Authenticate ` + a + ` token ` + token + `"}`
			}),
			[]string{token, base64.StdEncoding.EncodeToString([]byte(sid + ":" + token))}, ""},
		{"401 echoing the token URL-encoded and in hex", http.Header{"Authorization": {basic}},
			echo(401, "text/plain", func(string, string) string {
				return "bad token=" + url.QueryEscape(token) + " path " + url.PathEscape(token) + " hex " + hex.EncodeToString([]byte(token))
			}),
			[]string{token, url.QueryEscape(token), url.PathEscape(token), hex.EncodeToString([]byte(token))}, ""},
		{"429 JSON echoing xi-api-key", http.Header{"Xi-Api-Key": {xiKey}},
			echo(429, "application/json", func(_, k string) string { return `{"detail":{"message":"Too many requests for ` + k + `"}}` }),
			[]string{xiKey}, ""},
		{"503 plain text echoing the bearer token", http.Header{"Authorization": {"Bearer " + uuidKey}},
			echo(503, "text/plain", func(a, _ string) string { return "upstream failed for " + a }),
			[]string{uuidKey}, ""},
		{"502 HTML page echoing the token", http.Header{"Authorization": {"Bearer " + uuidKey}},
			echo(502, "text/html; charset=utf-8", func(a, _ string) string { return "<html><body><h1>502</h1><p>" + a + "</p></body></html>" }),
			[]string{uuidKey, "<html"}, "The provider's server answered with an error page (HTTP 502)"},
		{"401 markup without a content type", http.Header{"Authorization": {"Bearer " + uuidKey}},
			echo(401, "", func(a, _ string) string { return "  <!DOCTYPE html><title>" + a + "</title>" }),
			[]string{uuidKey, "DOCTYPE"}, "The provider's server answered with an error page (HTTP 401)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var waits []time.Duration
			srv, _ := script(t, tc.step, tc.step, tc.step, tc.step)
			_, err := testClient(&waits).Do(context.Background(), provider.Request{Method: "GET", URL: srv.URL, Header: tc.header})
			var pe *provider.Error
			if !errors.As(err, &pe) {
				t.Fatalf("err %v, want a *provider.Error", err)
			}
			if tc.reason != "" && pe.Reason != tc.reason {
				t.Errorf("Reason %q, want %q", pe.Reason, tc.reason)
			}
			if tc.reason == "" && !strings.Contains(pe.Reason, "[redacted]") {
				t.Errorf("Reason %q does not show where the secret was", pe.Reason)
			}
			var secrets []string
			for _, vs := range tc.header {
				secrets = append(secrets, vs...)
			}
			for _, s := range append(secrets, tc.secrets...) {
				for name, text := range map[string]string{"Reason": pe.Reason, "Error()": err.Error()} {
					if strings.Contains(text, s) {
						t.Errorf("%s repeats %q: %s", name, s, text)
					}
				}
			}
		})
	}
}

func TestClientTransportErrorsNeverRepeatTheSecret(t *testing.T) {
	// The server hangs up without answering: a network failure.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	defer srv.Close()
	const key = "3f1c9a2e-7b4d-4e8a-9c1f-0d2e3b4a5c6d"
	var waits []time.Duration
	_, err := testClient(&waits).Do(context.Background(), provider.Request{
		Method: "GET", URL: srv.URL + "/accounts/" + key + "/calls", Header: http.Header{"Authorization": {"Bearer " + key}},
	})
	if provider.KindOf(err) != provider.KindUnreachable || !errors.Is(err, io.EOF) {
		t.Fatalf("err %v: want KindUnreachable wrapping io.EOF", err)
	}
	if strings.Contains(err.Error(), key) {
		t.Errorf("the error repeats the key: %v", err)
	}
}
