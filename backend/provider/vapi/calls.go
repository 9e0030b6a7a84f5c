package vapi

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"switchboard/backend/provider"
)

// pageLimit is the most calls Vapi returns per request.
const pageLimit = 1000

// ListCalls pages GET /call newest first. Vapi has no cursor and filters
// only on createdAt, so the window applies to createdAt (StartedAt is
// startedAt when Vapi gives one, which is a few seconds later).
//
// Paging walks the upper bound down. The first page asks
// createdAtLt=Until. When a page is full, its oldest createdAt T may be
// shared by calls that did not fit, so the calls at T are left off this
// page and the next asks createdAtLe=T: they come back there, and nothing
// is listed twice. Only when a whole page shares one instant (1,000 calls
// in the same millisecond) is T kept and the next page asks createdAtLt=T,
// which would miss any further calls at T. The cursor is "le:" or "lt:"
// and an RFC 3339 time.
//
// This relies on Vapi returning the newest calls first (its default order
// as observed; UNCONFIRMED in the docs). A full page that is oldest first
// is KindMalformed rather than silently skipping calls.
func (a *adapter) ListCalls(ctx context.Context, c provider.Credentials, w provider.Window, cursor string) (provider.Page, error) {
	h, err := a.api.Header(c)
	if err != nil {
		return provider.Page{}, err
	}
	q := url.Values{"limit": {strconv.Itoa(pageLimit)}}
	if !w.Since.IsZero() {
		q.Set("createdAtGe", formatTime(w.Since))
	}
	switch {
	case cursor != "":
		op, at, ok := parseCursor(cursor)
		if !ok {
			return provider.Page{}, &provider.Error{Kind: provider.KindRejected, Reason: "invalid Vapi page cursor"}
		}
		q.Set(op, formatTime(at))
	case !w.Until.IsZero():
		q.Set("createdAtLt", formatTime(w.Until))
	}
	raw, err := a.api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: a.api.Base + "/call?" + q.Encode(), Header: h})
	if err != nil {
		return provider.Page{}, err
	}
	items, err := parseCalls(raw)
	if err != nil {
		return provider.Page{}, err
	}
	return pageOf(items, pageLimit, w)
}

// pageOf turns one answer into a Page: the calls within w and, when the
// answer was full (limit calls), the cursor described on ListCalls.
func pageOf(items []item, limit int, w provider.Window) (provider.Page, error) {
	keep, next := items, ""
	if len(items) >= limit && limit > 0 {
		if items[0].created.Before(items[len(items)-1].created) {
			return provider.Page{}, provider.Malformed("list calls: a full page came oldest first; cannot page by createdAt")
		}
		oldest := items[0].created
		for _, it := range items {
			if it.created.Before(oldest) {
				oldest = it.created
			}
		}
		keep = nil
		for _, it := range items {
			if it.created.After(oldest) {
				keep = append(keep, it)
			}
		}
		if len(keep) == 0 {
			keep, next = items, "lt:"+formatTime(oldest)
		} else {
			next = "le:" + formatTime(oldest)
		}
	}
	calls := make([]provider.Call, 0, len(keep))
	for _, it := range keep {
		if w.Contains(it.created) {
			calls = append(calls, it.call)
		}
	}
	return provider.Page{Calls: calls, Next: next}, nil
}

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// parseCursor returns the query parameter and time a cursor stands for.
func parseCursor(s string) (string, time.Time, bool) {
	op, ts, _ := strings.Cut(s, ":")
	t, err := time.Parse(time.RFC3339Nano, ts)
	if err != nil {
		return "", time.Time{}, false
	}
	switch op {
	case "le":
		return "createdAtLe", t, true
	case "lt":
		return "createdAtLt", t, true
	}
	return "", time.Time{}, false
}
