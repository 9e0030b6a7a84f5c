// Package firstscreen paints the app's first screen, the sub-account list,
// before its script runs. WebKitGTK runs the app's JavaScript slowly before
// it has warmed up, and mounting the list took most of the start-up time: the
// window's page now arrives with the list's first page as HTML, written like
// the app's components write it, and with the same page as JSON for the app
// to mount from without asking again. The app mounts out of sight and takes
// the screen's place once its own list is live (frontend/src/main.ts).
package firstscreen

import (
	_ "embed"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"

	"switchboard/backend"
)

//go:embed screen.html
var screenHTML string

// Query is the list's first request (frontend/src/stores/subaccounts.svelte.ts:
// sorted by name ascending, the first page of PAGE_SIZE rows, no filter).
var Query = backend.ListQuery{Sort: "name", Limit: backend.DefaultPageSize}

var screen = template.Must(template.New("screen").Funcs(template.FuncMap{
	"sp":     func() string { return " " },
	"icon":   icon,
	"moment": moment,
}).Parse(joinLines(screenHTML)))

// joinLines drops each line's indentation and end: the template's
// elements follow each other as the components write them.
func joinLines(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		b.WriteString(strings.TrimLeft(line, " \t"))
	}
	return b.String()
}

// icon is Icon.svelte's SVG for one path at a size.
func icon(path string, size int) template.HTML {
	n := strconv.Itoa(size)
	return template.HTML(`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ` +
		`stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false" width="` + n +
		`" height="` + n + `"><path d="` + template.HTMLEscapeString(path) + `"></path></svg>`)
}

// moment is SubAccountTable's time cell: a relative time, or "never".
func moment(iso, relative string) template.HTML {
	if iso == "" {
		return `<span class="muted">never</span>`
	}
	return template.HTML(`<time datetime="` + template.HTMLEscapeString(iso) + `">` +
		template.HTMLEscapeString(relative) + `</time>`)
}

// Render writes the list screen for page (the answer to Query) as it stands
// at now, with the page sizes the pager offers.
func Render(w io.Writer, page backend.ListPage, now time.Time) error {
	return screen.Execute(w, view(page, now))
}
