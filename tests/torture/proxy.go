package main

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// fault is how the proxy misbehaves.
type fault int

const (
	faultNone         fault = iota
	fault401                // every request: 401
	fault403                // every request: 403
	fault429Seconds         // the first two requests: 429, Retry-After: 2
	fault429Date            // the first request: 429, Retry-After as an HTTP date 3 s after matrixNow
	fault429Always          // every request: 429, Retry-After: 1
	fault5xxTwice           // the first two requests: 503
	fault5xxAlways          // every request: 502
	faultTimeout            // list requests from the second on: no answer
	faultReset              // list requests from the second on: the connection is reset mid-body
	faultTruncated          // list requests from the second on: the body stops short of its length
	faultMalformed          // the second list request: 200 with JSON cut short
	faultEmpty200           // the second list request: 200 with an empty body
	faultHuge               // the second list request: 200 with a 100 MB body
	faultRepeatCursor       // list requests from the second on: the first page again, cursor and all
	faultRepeatCalls        // every list page after the first: led by the last five calls of the one before
	faultEchoHTML           // every request: 502 with an HTML page that repeats the secret
	faultEchoText           // every request: 500 with plain text that repeats the secret
)

// proxy stands between the app and a provider's fake and injects faults.
// When echo is set, its error answers repeat the request's credentials and
// the secret in every encoding the redactor must catch.
type proxy struct {
	next   http.Handler
	isList func(*http.Request) bool
	srv    *httptest.Server
	closed chan struct{}

	mu       sync.Mutex
	fault    fault
	echo     string // the secret to repeat in error answers ("": none)
	basic    string // user:secret of a Basic pair, repeated base64-encoded
	requests int    // since armed
	lists    int    // list requests since armed
	first    map[string]recorded
	tails    map[string][]any
}

type recorded struct {
	status int
	header http.Header
	body   []byte
}

func newProxy(next http.Handler, isList func(*http.Request) bool) *proxy {
	p := &proxy{next: next, isList: isList, closed: make(chan struct{})}
	p.srv = httptest.NewServer(p)
	return p
}

func (p *proxy) close() {
	close(p.closed)
	p.srv.CloseClientConnections()
	p.srv.Close()
}

// arm sets the fault and starts counting again.
func (p *proxy) arm(f fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.fault, p.requests, p.lists, p.first, p.tails = f, 0, 0, map[string]recorded{}, map[string][]any{}
}

// echoes makes error answers repeat secret (and basic, user:secret).
func (p *proxy) echoes(secret, basic string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.echo, p.basic = secret, basic
}

func (p *proxy) seen() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.requests
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.requests++
	n, f := p.requests, p.fault
	list := p.isList(r)
	if list {
		p.lists++
	}
	lists := p.lists
	p.mu.Unlock()
	later := list && lists >= 2 // a list request after the first page
	switch {
	case f == fault401 || f == fault403:
		p.errorAnswer(w, r, map[fault]int{fault401: 401, fault403: 403}[f], "")
	case f == fault429Seconds && n <= 2:
		p.errorAnswer(w, r, 429, "2")
	case f == fault429Date && n == 1:
		p.errorAnswer(w, r, 429, matrixNow.Add(3*time.Second).UTC().Format(http.TimeFormat))
	case f == fault429Always:
		p.errorAnswer(w, r, 429, "1")
	case f == fault5xxTwice && n <= 2:
		p.errorAnswer(w, r, 503, "")
	case f == fault5xxAlways:
		p.errorAnswer(w, r, 502, "")
	case f == faultEchoHTML:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(502)
		fmt.Fprintf(w, "<html><body><h1>502 Bad Gateway</h1><p>%s</p></body></html>", p.echoText(r))
	case f == faultEchoText:
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(500)
		fmt.Fprintf(w, "upstream failed: %s", p.echoText(r))
	case f == faultTimeout && later:
		select { // until the client gives up (or the proxy closes)
		case <-r.Context().Done():
		case <-p.closed:
		}
	case (f == faultReset || f == faultTruncated) && later:
		p.cutShort(w, r, f == faultReset)
	case f == faultMalformed && lists == 2 && list:
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"items": [{"call_id": "x", `))
	case f == faultEmpty200 && lists == 2 && list:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(200)
	case f == faultHuge && lists == 2 && list:
		huge(w)
	case f == faultRepeatCursor && list:
		p.repeatFirst(w, r)
	case f == faultRepeatCalls && list:
		p.duplicateCalls(w, r)
	default:
		p.next.ServeHTTP(w, r)
	}
}

// errorAnswer answers status with a JSON error body (repeating the
// credentials when echo is set) and Retry-After when given.
func (p *proxy) errorAnswer(w http.ResponseWriter, r *http.Request, status int, retryAfter string) {
	if retryAfter != "" {
		w.Header().Set("Retry-After", retryAfter)
	}
	body := map[string]any{"message": http.StatusText(status)}
	if text := p.echoText(r); text != "" {
		body["message"] = http.StatusText(status) + ": " + text
		body["error"] = map[string]any{"detail": text, "key": p.echo}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

// echoText repeats what a careless provider might: the request's
// credentials headers, the secret raw, base64-, URL- and hex-encoded.
func (p *proxy) echoText(r *http.Request) string {
	p.mu.Lock()
	secret, basic := p.echo, p.basic
	p.mu.Unlock()
	if secret == "" {
		return ""
	}
	parts := []string{"Authorization: " + r.Header.Get("Authorization"), "xi-api-key=" + r.Header.Get("xi-api-key"),
		"key " + secret, "b64 " + base64.StdEncoding.EncodeToString([]byte(secret)),
		"url " + strings.ReplaceAll(secret, "_", "%5F"), "hex " + hex.EncodeToString([]byte(secret))}
	if basic != "" {
		parts = append(parts, "basic "+base64.StdEncoding.EncodeToString([]byte(basic)))
	}
	return strings.Join(parts, "; ")
}

// serveRecorded has the fake answer r and returns what it said.
func (p *proxy) serveRecorded(r *http.Request) recorded {
	rec := httptest.NewRecorder()
	p.next.ServeHTTP(rec, r)
	return recorded{rec.Code, rec.Header(), rec.Body.Bytes()}
}

func (rec recorded) write(w http.ResponseWriter) {
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.Header().Del("Content-Length")
	w.WriteHeader(rec.status)
	w.Write(rec.body)
}

// repeatFirst answers every list request with the first answer the fake
// gave on its path: a provider whose pagination repeats.
func (p *proxy) repeatFirst(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	first, ok := p.first[r.URL.Path]
	p.mu.Unlock()
	if !ok {
		first = p.serveRecorded(r)
		p.mu.Lock()
		p.first[r.URL.Path] = first
		p.mu.Unlock()
	}
	first.write(w)
}

// duplicateCalls answers with the fake's page led by the last five calls of
// the page before it on the same path (a listing that moved under the
// walk, as offsets do when calls arrive): every call after the first page
// comes twice.
func (p *proxy) duplicateCalls(w http.ResponseWriter, r *http.Request) {
	rec := p.serveRecorded(r)
	if rec.status == 200 {
		d := json.NewDecoder(bytes.NewReader(rec.body))
		d.UseNumber()
		var v any
		if d.Decode(&v) == nil {
			p.mu.Lock()
			before := p.tails[r.URL.Path]
			p.mu.Unlock()
			v, tail := withLead(v, before, 5)
			p.mu.Lock()
			p.tails[r.URL.Path] = tail
			p.mu.Unlock()
			if out, err := json.Marshal(v); err == nil {
				rec.body = out
			}
		}
	}
	rec.write(w)
}

// withLead puts lead before the items of v's longest array of objects (the
// page's calls) and returns v and the last n of those items.
func withLead(v any, lead []any, n int) (any, []any) {
	longest := -1
	var calls []any
	var put func(any)
	var walk func(x any, set func(any))
	walk = func(x any, set func(any)) {
		switch t := x.(type) {
		case []any:
			if _, ok := first(t).(map[string]any); ok && len(t) > longest {
				longest, calls, put = len(t), t, set
			}
		case map[string]any:
			for k, e := range t {
				walk(e, func(n any) { t[k] = n })
			}
		}
	}
	walk(v, func(n any) { v = n })
	if put == nil {
		return v, nil
	}
	put(append(append([]any(nil), lead...), calls...))
	return v, append([]any(nil), calls[max(0, len(calls)-n):]...)
}

func first(a []any) any {
	if len(a) == 0 {
		return nil
	}
	return a[0]
}

// cutShort sends the fake's answer with its full Content-Length but only
// half the body, then resets the connection (reset) or closes it.
func (p *proxy) cutShort(w http.ResponseWriter, r *http.Request, reset bool) {
	rec := p.serveRecorded(r)
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n",
		rec.status, http.StatusText(rec.status), strconv.Itoa(len(rec.body)))
	buf.Write(rec.body[:len(rec.body)/2])
	buf.Flush()
	if tcp, ok := conn.(*net.TCPConn); ok && reset {
		tcp.SetLinger(0) // close with RST
	}
}

// huge answers 200 with a 100 MB JSON body (or until the client stops
// reading).
func huge(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(200)
	w.Write([]byte(`{"calls": [`))
	chunk := bytes.Repeat([]byte(" "), 1<<16)
	for written := 0; written < 100<<20; written += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
	w.Write([]byte(`]}`))
}
