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

// ListCalls pages GET /call. Vapi has no cursor and filters only on
// createdAt, so the window applies to createdAt (StartedAt is startedAt
// when Vapi gives one, which is a few seconds later). Vapi's OpenAPI
// description (VapiAI/docs, GET /call) documents no order for the list, so
// the walk reads the order from each full page and works either way:
//
//   - newest first: the page holds the newest calls left, and the walk moves
//     the upper bound down. Its oldest createdAt T may be shared by calls that
//     did not fit, so the calls at T are left off this page and the next asks
//     createdAtLe=T: they come back there, and nothing is listed twice;
//   - oldest first: the page holds the oldest calls left, and the walk moves
//     the lower bound up the same way, with createdAtGe=T of its newest call.
//
// Only when a whole page shares one instant (1,000 calls in the same
// millisecond) is T kept and the next page asks createdAtLt=T (or
// createdAtGt=T), which would miss any further calls at T; such a page goes
// on in the walk's direction, and as a first page it is taken as newest
// first. A full page in neither order is KindMalformed.
// The cursor is "le:", "lt:", "ge:" or "gt:" and an RFC 3339 time.
func (a *adapter) ListCalls(ctx context.Context, c provider.Credentials, w provider.Window, cursor string) (provider.Page, error) {
	h, err := a.api.Header(c)
	if err != nil {
		return provider.Page{}, err
	}
	q := url.Values{"limit": {strconv.Itoa(pageLimit)}}
	if !w.Since.IsZero() {
		q.Set("createdAtGe", formatTime(w.Since))
	}
	if !w.Until.IsZero() {
		q.Set("createdAtLt", formatTime(w.Until))
	}
	walkUp := false
	if cursor != "" {
		op, at, ok := parseCursor(cursor)
		if !ok {
			return provider.Page{}, &provider.Error{Kind: provider.KindRejected, Reason: "invalid Vapi page cursor"}
		}
		if walkUp = op == "createdAtGe" || op == "createdAtGt"; walkUp { // the cursor is the lower bound now
			q.Del("createdAtGe")
		} else {
			q.Del("createdAtLt")
		}
		q.Set(op, formatTime(at))
	}
	raw, err := a.api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: a.api.Base + "/call?" + q.Encode(), Header: h})
	if err != nil {
		return provider.Page{}, err
	}
	items, err := parseCalls(raw)
	if err != nil {
		return provider.Page{}, err
	}
	if err := a.fillNumbers(ctx, h, items); err != nil {
		return provider.Page{}, err
	}
	return pageOf(items, pageLimit, w, walkUp)
}

// pageOf turns one answer into a Page: the calls within w and, when the
// answer was full (limit calls), the cursor described on ListCalls. walkUp
// says the walk so far is oldest first, for a page whose calls all share
// one instant and so show no order.
func pageOf(items []item, limit int, w provider.Window, walkUp bool) (provider.Page, error) {
	keep, next := items, ""
	if len(items) >= limit && limit > 0 {
		desc, asc := true, true
		for i := 1; i < len(items); i++ {
			desc = desc && !items[i].created.After(items[i-1].created)
			asc = asc && !items[i].created.Before(items[i-1].created)
		}
		if !desc && !asc {
			return provider.Page{}, provider.Malformed("list calls: a full page is not ordered by createdAt; cannot page by it")
		}
		// edge is where this page ends in the walk: its oldest call newest
		// first, its newest call oldest first.
		edge, op, strict := items[len(items)-1].created, "le:", "lt:"
		if !desc || asc && walkUp {
			op, strict = "ge:", "gt:"
		}
		keep = nil
		for _, it := range items {
			if !it.created.Equal(edge) {
				keep = append(keep, it)
			}
		}
		if len(keep) == 0 {
			keep, next = items, strict+formatTime(edge)
		} else {
			next = op + formatTime(edge)
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
	case "ge":
		return "createdAtGe", t, true
	case "gt":
		return "createdAtGt", t, true
	}
	return "", time.Time{}, false
}
