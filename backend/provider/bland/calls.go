package bland

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
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
// when Bland sends it, else while a page comes back full.
func (a *adapter) ListCalls(ctx context.Context, c provider.Credentials, w provider.Window, cursor string) (provider.Page, error) {
	h, err := a.api.Header(c)
	if err != nil {
		return provider.Page{}, err
	}
	from := 0
	if cursor != "" {
		if from, err = strconv.Atoi(cursor); err != nil || from < 0 {
			return provider.Page{}, &provider.Error{Kind: provider.KindRejected, Reason: "invalid Bland page cursor"}
		}
	}
	raw, err := a.api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: a.api.Base + "/v1/calls?" + listQuery(w, from).Encode(), Header: h})
	if err != nil {
		return provider.Page{}, err
	}
	list, err := parseCalls(raw)
	if err != nil {
		return provider.Page{}, err
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
	if n := list.served; n > 0 && (list.hasTotal && from+n < list.total || !list.hasTotal && n >= pageLimit) {
		page.Next = strconv.Itoa(from + n)
	}
	return page, nil
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
