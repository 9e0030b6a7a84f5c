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
	lookups, err := a.fillNumbers(ctx, h, items)
	if err != nil {
		return provider.Page{}, err
	}
	page, err := pageOf(items, pageLimit, w, walkUp)
	page.Requests = 1 + lookups
	return page, err
}

// pageOf turns one answer into a Page: the calls within w and, when the
// answer was full (limit calls), the cursor described on ListCalls. walkUp
// says the walk so far is oldest first, for a page whose calls all share
// one instant and so show no order.
func pageOf(items []item, limit int, w provider.Window, walkUp bool) (provider.Page, error) {
	keep, next, err := splitPage(len(items), func(i int) time.Time { return items[i].created }, limit, walkUp)
	if err != nil {
		return provider.Page{}, err
	}
	calls := make([]provider.Call, 0, len(items))
	for i, it := range items {
		if keep(i) && w.Contains(it.created) {
			calls = append(calls, it.call)
		}
	}
	return provider.Page{Calls: calls, Next: next}, nil
}

// splitPage is where a page of n items of a Vapi list, item i created at
// created(i), ends in a walk by createdAt (see ListCalls): which items
// belong to this page, and the cursor of the next one ("" when the page
// was not full). A full page in no createdAt order is KindMalformed.
func splitPage(n int, created func(int) time.Time, limit int, walkUp bool) (keep func(int) bool, next string, err error) {
	all := func(int) bool { return true }
	if n < limit || limit <= 0 {
		return all, "", nil
	}
	desc, asc := true, true
	for i := 1; i < n; i++ {
		desc = desc && !created(i).After(created(i-1))
		asc = asc && !created(i).Before(created(i-1))
	}
	if !desc && !asc {
		return nil, "", provider.Malformed("list: a full page is not ordered by createdAt; cannot page by it")
	}
	// edge is where this page ends in the walk: its oldest item newest
	// first, its newest item oldest first.
	edge, op, strict := created(n-1), "le:", "lt:"
	if !desc || asc && walkUp {
		op, strict = "ge:", "gt:"
	}
	if created(0).Equal(edge) { // one instant throughout: cannot split
		return all, strict + formatTime(edge), nil
	}
	return func(i int) bool { return !created(i).Equal(edge) }, op + formatTime(edge), nil
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
