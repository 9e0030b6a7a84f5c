package bland

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"switchboard/backend/provider"
)

// pageLimit is the most calls Bland returns per request (its default).
const pageLimit = 1000

// ListCalls pages GET /v1/calls oldest first by index: the cursor is the
// index of the next call. Sorting ascending by created_at keeps indices
// stable while new calls arrive at the end.
//
// Bland's start_date/end_date are whole days, and whether end_date is
// inclusive and which time zone the days are in are UNCONFIRMED, so the
// request asks from the day before Since to the day after Until (UTC), and
// the calls are then kept only when Since <= created_at < Until. A zero
// Until sends no end_date.
//
// The list has no direction, cost or final status (the reference puts
// inbound, price, started_at and status on GET /v1/calls/{call_id}), so
// the details of every call the page keeps are read too, a few at a time
// (see fillDetails): the adapter does not know which calls are stored
// already, and a call's status and cost may still change after the first
// sync that saw it. Page.Requests counts the list and the details.
//
// There is a next page while the calls so far are fewer than total_count
// when Bland sends it, else while a page comes back full. The cursor is the
// next index and, after a colon, the first call id of the page it follows
// ("1000:8d1f…"; a bare index is a cursor stored by an older build): a page
// that starts with that call again is the page before it again (Bland
// ignoring from), which is ErrPageRepeated, not the end of the list. An
// answer with more calls than asked moves the index by the number asked.
func (a *adapter) ListCalls(ctx context.Context, c provider.Credentials, w provider.Window, cursor string) (provider.Page, error) {
	h, err := a.api.Header(c)
	if err != nil {
		return provider.Page{}, err
	}
	from, before, err := parseCursor(cursor)
	if err != nil {
		return provider.Page{}, err
	}
	raw, err := a.api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: a.api.Base + "/v1/calls?" + listQuery(w, from).Encode(), Header: h})
	if err != nil {
		return provider.Page{}, err
	}
	list, err := parseCalls(raw)
	if err != nil {
		return provider.Page{}, err
	}
	if before != "" && len(list.items) > 0 && list.items[0].call.ProviderCallID == before {
		return provider.Page{}, &provider.Error{Kind: provider.KindMalformed, Err: provider.ErrPageRepeated}
	}
	kept := make([]item, 0, len(list.items))
	for _, it := range list.items {
		if w.Contains(it.created) {
			kept = append(kept, it)
		}
	}
	details, err := a.fillDetails(ctx, h, kept)
	if err != nil {
		return provider.Page{}, err
	}
	page := provider.Page{Calls: make([]provider.Call, 0, len(kept)), Requests: 1 + details}
	for _, it := range kept {
		page.Calls = append(page.Calls, it.call)
	}
	if n := min(list.served, pageLimit); n > 0 && (list.hasTotal && from+n < list.total || !list.hasTotal && n >= pageLimit) {
		page.Next = strconv.Itoa(from+n) + ":" + list.items[0].call.ProviderCallID
	}
	return page, nil
}

// parseCursor reads a cursor of ListCalls: the next index, and the first
// call id of the page before ("" in a first cursor or an older build's).
func parseCursor(cursor string) (from int, before string, err error) {
	if cursor == "" {
		return 0, "", nil
	}
	index, before, _ := strings.Cut(cursor, ":")
	if from, err = strconv.Atoi(index); err != nil || from < 0 || strings.HasPrefix(index, "+") || strings.Contains(cursor, ":") && before == "" {
		return 0, "", &provider.Error{Kind: provider.KindRejected, Reason: "invalid Bland page cursor"}
	}
	return from, before, nil
}

// listQuery is the query of the page of calls from index from.
func listQuery(w provider.Window, from int) url.Values {
	q := url.Values{
		"from":      {strconv.Itoa(from)},
		"to":        {strconv.Itoa(from + pageLimit)},
		"limit":     {strconv.Itoa(pageLimit)},
		"ascending": {"true"},
		"sort_by":   {"created_at"},
	}
	if !w.Since.IsZero() {
		q.Set("start_date", w.Since.UTC().AddDate(0, 0, -1).Format(time.DateOnly))
	}
	if !w.Until.IsZero() {
		q.Set("end_date", w.Until.UTC().AddDate(0, 0, 1).Format(time.DateOnly))
	}
	return q
}
