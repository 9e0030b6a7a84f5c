package telnyx

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"switchboard/backend/provider"
)

// pageSize is what ListCalls asks for. Telnyx's maximum PageSize for TeXML
// calls is UNCONFIRMED; 100 stays under any limit seen in its other APIs.
const pageSize = 100

// ListCalls lists TeXML calls with GET /v2/texml/Accounts/{sid}/Calls.
//
// The start-time range parameters are UNCONFIRMED: the docs show
// "StartTime>" / "StartTime<", the official Go SDK sends "StartTime_gt" /
// "StartTime_lt". Both are sent, each with the UTC date the day before w
// starts and the day after it ends (values are documented as dates), and
// the page keeps only calls that started within w, so the listing is right
// whichever form Telnyx honours, or neither. A page may therefore hold
// fewer calls than it fetched, even none, with Next still set; an empty
// answer ends the list. <Dial>ed legs are separate call resources and are
// kept (TeXML documents no parent field).
//
// The cursor is the Page and PageToken of next_page_uri; the time filter
// is re-sent with every page.
func (a *adapter) ListCalls(ctx context.Context, c provider.Credentials, w provider.Window, cursor string) (provider.Page, error) {
	if err := a.Validate(c); err != nil {
		return provider.Page{}, provider.InvalidCredentials(err)
	}
	if !w.Until.IsZero() && !w.Until.After(w.Since) {
		return provider.Page{}, nil
	}
	q := query(w)
	if cursor != "" {
		cq, err := parseCursor(cursor)
		if err != nil {
			return provider.Page{}, err
		}
		for k, v := range cq {
			q[k] = v
		}
	}
	target := a.api.Base + "/v2/texml/Accounts/" + url.PathEscape(c[FieldAccountSID]) + "/Calls?" + q.Encode()
	body, err := a.api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: target, Header: header(c)})
	if err != nil {
		return provider.Page{}, err
	}
	p, err := parseCalls(body)
	if err != nil {
		return provider.Page{}, err
	}
	var page provider.Page
	for _, call := range p.Calls {
		if w.Contains(call.StartedAt) {
			page.Calls = append(page.Calls, call)
		}
	}
	// The docs' example answers an empty page with a next_page_uri: an
	// empty page ends the list.
	if p.Served > 0 {
		page.Next = p.Next
		if page.Next != "" && page.Next == cursor {
			return provider.Page{}, provider.Malformed("next page repeats the current page")
		}
	}
	return page, nil
}

// query is the first page's query: both forms of the range filter, one day
// wider than w on each side (the bounds are strict).
func query(w provider.Window) url.Values {
	q := url.Values{"PageSize": {strconv.Itoa(pageSize)}}
	if !w.Since.IsZero() {
		gt := w.Since.UTC().AddDate(0, 0, -1).Format(time.DateOnly)
		q.Set("StartTime_gt", gt)
		q.Set("StartTime>", gt)
	}
	if !w.Until.IsZero() {
		lt := w.Until.Add(-time.Nanosecond).UTC().AddDate(0, 0, 1).Format(time.DateOnly)
		q.Set("StartTime_lt", lt)
		q.Set("StartTime<", lt)
	}
	return q
}
