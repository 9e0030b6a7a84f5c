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
	raw, err := a.api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: a.api.Base + "/v1/calls?" + q.Encode(), Header: h})
	if err != nil {
		return provider.Page{}, err
	}
	list, err := parseCalls(raw)
	if err != nil {
		return provider.Page{}, err
	}
	page := provider.Page{Calls: make([]provider.Call, 0, len(list.items))}
	for _, it := range list.items {
		if w.Contains(it.created) {
			page.Calls = append(page.Calls, it.call)
		}
	}
	if n := list.count; n > 0 && from+n < list.total {
		page.Next = strconv.Itoa(from + n)
	}
	return page, nil
}
