package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Client is the HTTP client adapters share. It retries 429 (honouring
// Retry-After), 5xx and network failures with exponential backoff, and turns
// every failure into a *Error. The zero value is not usable: use NewClient.
type Client struct {
	HTTP          *http.Client
	MaxAttempts   int           // attempts per request, including the first
	Backoff       time.Duration // first retry delay; doubles each time
	MaxRetryAfter time.Duration // longest Retry-After honoured before giving up
	MaxBody       int64         // largest response body read
	// Sleep waits between attempts; tests replace it to record the waits.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now reads a Retry-After date against this clock; time.Now when nil.
	Now func() time.Time
}

// NewClient returns a Client with production settings.
func NewClient() *Client {
	return &Client{
		HTTP:          &http.Client{Timeout: 30 * time.Second},
		MaxAttempts:   4,
		Backoff:       500 * time.Millisecond,
		MaxRetryAfter: 2 * time.Minute,
		MaxBody:       64 << 20,
		Sleep:         sleep,
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Request is one HTTP request. Body, when set, is sent as JSON.
type Request struct {
	Method string
	URL    string
	Header http.Header
	Body   any
}

// JSON performs req and decodes a 2xx answer into out. A body that does not
// decode is KindMalformed.
func (c *Client) JSON(ctx context.Context, req Request, out any) error {
	body, err := c.Do(ctx, req)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(body, out); err != nil {
		return Malformed("decode %s %s: %v", req.Method, redactURL(req.URL), err)
	}
	return nil
}

// Do performs req with retries and returns the body of a 2xx answer.
func (c *Client) Do(ctx context.Context, req Request) ([]byte, error) {
	var payload []byte
	if req.Body != nil {
		var err error
		if payload, err = json.Marshal(req.Body); err != nil {
			return nil, &Error{Kind: KindRejected, Err: fmt.Errorf("encode request: %w", err)}
		}
	}
	var last *Error
	for attempt := 1; ; attempt++ {
		body, err := c.once(ctx, req, payload)
		if err == nil {
			return body, nil
		}
		last = err
		wait, retry := c.retryDelay(err, attempt)
		if !retry || attempt >= c.MaxAttempts || ctx.Err() != nil {
			return nil, last
		}
		if err := c.Sleep(ctx, wait); err != nil {
			return nil, &Error{Kind: KindUnreachable, Err: err}
		}
	}
}

func (c *Client) retryDelay(err *Error, attempt int) (time.Duration, bool) {
	backoff := c.Backoff << (attempt - 1)
	switch err.Kind {
	case KindRateLimited:
		if err.RetryAfter > c.MaxRetryAfter {
			return 0, false
		}
		if err.RetryAfter > 0 {
			return err.RetryAfter, true
		}
		return backoff, true
	case KindUnavailable, KindUnreachable:
		return backoff, true
	}
	return 0, false
}

// once performs one attempt. Whatever the provider said is redacted of the
// request's secrets (see RequestSecrets and Redact) before it is kept.
func (c *Client) once(ctx context.Context, req Request, payload []byte) ([]byte, *Error) {
	body, err := c.attempt(ctx, req, payload)
	if err != nil {
		err.redact(RequestSecrets(req))
	}
	return body, err
}

func (c *Client) attempt(ctx context.Context, req Request, payload []byte) ([]byte, *Error) {
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	hr, err := http.NewRequestWithContext(ctx, req.Method, req.URL, body)
	if err != nil {
		return nil, &Error{Kind: KindRejected, Err: fmt.Errorf("build request: %w", err)}
	}
	for k, v := range req.Header {
		hr.Header[k] = v
	}
	hr.Header.Set("Accept", "application/json")
	if payload != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	// HTTP.Do fails the same way for a request it refuses to send as for a
	// network failure; catch the former here so that it is not retried.
	if err := sendable(hr); err != nil {
		return nil, &Error{Kind: KindRejected, Err: fmt.Errorf("build request: %w", err)}
	}
	resp, err := c.HTTP.Do(hr)
	if err != nil {
		return nil, &Error{Kind: KindUnreachable, Err: unwrapURLError(err)}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, c.MaxBody+1))
	if err != nil {
		return nil, &Error{Kind: KindUnreachable, Status: resp.StatusCode, Err: unwrapURLError(err)}
	}
	if int64(len(data)) > c.MaxBody {
		return nil, &Error{Kind: KindMalformed, Status: resp.StatusCode, Err: errors.New("response too large")}
	}
	s := resp.StatusCode
	if s >= 200 && s < 300 {
		return data, nil
	}
	why := reason(data, resp.Header.Get("Content-Type"), s)
	switch {
	case s == http.StatusUnauthorized || s == http.StatusForbidden:
		return nil, &Error{Kind: KindUnauthorized, Status: s, Reason: why}
	case s == http.StatusTooManyRequests:
		return nil, &Error{Kind: KindRateLimited, Status: s, Reason: why, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), c.now())}
	case s >= 500:
		return nil, &Error{Kind: KindUnavailable, Status: s, Reason: why}
	default:
		return nil, &Error{Kind: KindRejected, Status: s, Reason: why}
	}
}

// sendable returns why net/http would refuse to send r, if it would: a
// scheme other than http(s), no host, or a header name or value it does
// not allow. Values are never quoted: they may be secrets.
func sendable(r *http.Request) error {
	if r.URL.Scheme != "http" && r.URL.Scheme != "https" {
		return fmt.Errorf("unsupported URL scheme %q", r.URL.Scheme)
	}
	if r.URL.Host == "" {
		return errors.New("no host in the URL")
	}
	for k, vs := range r.Header {
		if k == "" || strings.ContainsFunc(k, func(c rune) bool { return !isTokenChar(c) }) {
			return fmt.Errorf("invalid header name %.40q", k)
		}
		for _, v := range vs {
			if strings.ContainsFunc(v, func(c rune) bool { return c < ' ' && c != '\t' || c == 0x7f }) {
				return fmt.Errorf("invalid value for header %q", k)
			}
		}
	}
	return nil
}

// isTokenChar reports whether c may appear in an HTTP header name (a
// "token" of RFC 9110).
func isTokenChar(c rune) bool {
	return c < 0x7f && c > ' ' && !strings.ContainsRune(`"(),/:;<=>?@[\]{}`, c)
}

// now is the client's clock.
func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// retryAfter is how long a Retry-After value (seconds, or an HTTP date
// read against now) asks to wait; 0 when it says nothing usable.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// reason pulls a short human message out of an error body. An HTML page
// (by its content type, or a body that starts with '<') is not quoted: it
// is markup, and may repeat the request.
func reason(body []byte, contentType string, status int) string {
	text := strings.TrimSpace(string(body))
	if isHTML(contentType) || strings.HasPrefix(text, "<") {
		return fmt.Sprintf("The provider's server answered with an error page (HTTP %d)", status)
	}
	var m map[string]any
	if json.Unmarshal(body, &m) == nil {
		for _, k := range []string{"message", "error_message", "error", "detail", "errors"} {
			if s := textOf(m[k]); s != "" {
				return s
			}
		}
		return ""
	}
	return text
}

func isHTML(contentType string) bool {
	mt, _, _ := strings.Cut(strings.ToLower(contentType), ";")
	mt = strings.TrimSpace(mt)
	return mt == "text/html" || mt == "application/xhtml+xml"
}

func textOf(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case map[string]any:
		for _, k := range []string{"message", "detail", "title"} {
			if s, ok := t[k].(string); ok {
				return s
			}
		}
	case []any:
		if len(t) > 0 {
			return textOf(t[0])
		}
	}
	return ""
}

func clip(s string) string {
	if r := []rune(s); len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return s
}

// unwrapURLError drops the URL from a transport error: it may carry query
// parameters, and the message is shown to people.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s %s: %w", ue.Op, redactURL(ue.URL), ue.Err)
	}
	return err
}

func redactURL(u string) string {
	if i := strings.IndexByte(u, '?'); i >= 0 {
		return u[:i]
	}
	return u
}
