package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"regexp"
	"time"

	"github.com/wailsapp/wails/v2/pkg/options/assetserver"

	"switchboard/backend"
	"switchboard/firstscreen"
)

// withFirstScreen is the asset server middleware that sends index.html with
// the list already in it (see package firstscreen): the screen in HTML, the
// same page as JSON for the app, and the app's script started only after the
// window has shown it. Should anything fail, index.html goes as built and the
// app loads the list itself.
func withFirstScreen(list func(backend.ListQuery) (backend.ListPage, error), now func() time.Time) assetserver.Middleware {
	// The window asks for its page some 400 ms after start: the first answer is ready by then.
	first := make(chan screen, 1)
	go func() { first <- newScreen(list, now) }()
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodGet || (r.URL.Path != "/" && r.URL.Path != "/index.html") {
				next.ServeHTTP(w, r)
				return
			}
			var sc screen
			select {
			case sc = <-first: // once
			default: // a reload: the list as it is now
				sc = newScreen(list, now)
			}
			rec := &bufferedResponse{header: http.Header{}, code: http.StatusOK}
			next.ServeHTTP(rec, r)
			body := rec.body.Bytes()
			if rec.code == http.StatusOK {
				if html, err := sc.into(body); err != nil {
					log.Printf("first screen: %v; the list loads after start", err)
				} else {
					body = html
				}
			}
			for k, v := range rec.header {
				w.Header()[k] = v
			}
			w.Header().Del("Content-Length")
			w.WriteHeader(rec.code)
			_, _ = w.Write(body)
		})
	}
}

// screen is the first screen ready to go into index.html: its HTML and page
// as JSON, nil when the list is empty (the app's own "No sub-accounts yet"
// is then the first screen), or why it could not be made.
type screen struct {
	html []byte
	err  error
}

func newScreen(list func(backend.ListQuery) (backend.ListPage, error), now func() time.Time) screen {
	page, err := list(firstscreen.Query)
	if err != nil || len(page.Items) == 0 {
		return screen{err: err}
	}
	data, err := json.Marshal(page) // escapes <, > and &: safe in a script element
	if err != nil {
		return screen{err: err}
	}
	var b bytes.Buffer
	b.WriteString(`<div id="app" hidden></div><div id="first-screen" aria-hidden="true" inert>`)
	if err := firstscreen.Render(&b, page, now()); err != nil {
		return screen{err: err}
	}
	b.WriteString(`</div><script id="first-page" type="application/json">`)
	b.Write(data)
	b.WriteString(`</script>`)
	return screen{html: b.Bytes()}
}

var (
	appElement    = []byte(`<div id="app"></div>`)
	moduleScript  = regexp.MustCompile(`<script type="module" crossorigin src="(/assets/[^"]+\.js)"></script>`)
	modulePreload = regexp.MustCompile(`<link rel="modulepreload" crossorigin href="[^"]+">`)
)

// into returns index.html as built with the screen in it, and the app's
// script started on the frame that shows it.
func (sc screen) into(index []byte) ([]byte, error) {
	if sc.err != nil {
		return nil, sc.err
	}
	if sc.html == nil {
		return index, nil
	}
	script := moduleScript.FindSubmatch(index)
	if script == nil || !bytes.Contains(index, appElement) {
		return nil, errors.New("index.html has no app element or module script")
	}
	// On the frame that shows the screen: tell Go, then start the app (its module
	// script, which would otherwise run before that frame).
	loader := `<script>requestAnimationFrame(function () {` +
		`if (window.runtime) window.runtime.EventsEmit("window:painted");` +
		`setTimeout(function () { var s = document.createElement("script"); s.type = "module"; ` +
		`s.crossOrigin = ""; s.src = "` + string(script[1]) + `"; document.head.appendChild(s); });` +
		`});</script>`
	out := bytes.Replace(index, script[0], []byte(loader), 1)
	// A preload is fetched and compiled before the window's load ends, and its first frame waits
	// for that: the app's modules come after the frame instead.
	out = modulePreload.ReplaceAll(out, nil)
	return bytes.Replace(out, appElement, sc.html, 1), nil
}

// bufferedResponse holds what the asset handler writes, to change it before
// it is sent.
type bufferedResponse struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) WriteHeader(code int)        { b.code = code }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }
