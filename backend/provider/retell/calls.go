package retell

import (
	"context"
	"net/http"
	"time"

	"switchboard/backend/provider"
)

// pageLimit is the most calls Retell returns per page.
const pageLimit = 1000

type rangeFilter struct {
	Op    string   `json:"op"`
	Type  string   `json:"type"`
	Value [2]int64 `json:"value"`
}

type listRequest struct {
	FilterCriteria struct {
		StartTimestamp rangeFilter `json:"start_timestamp"`
	} `json:"filter_criteria"`
	Limit         int    `json:"limit"`
	PaginationKey string `json:"pagination_key,omitempty"`
	SortOrder     string `json:"sort_order"`
}

// ListCalls pages POST /v3/list-calls, oldest first, filtered by
// start_timestamp. The range is sent as [Since, Until] in epoch ms (whether
// Retell's "bt" includes its upper end is UNCONFIRMED), and calls are then
// kept only when Since <= start < Until. A zero Until asks up to a day from
// now. The cursor is Retell's pagination_key; a bare-array answer (the
// older /v2 shape) pages by its last call_id instead.
func (a *adapter) ListCalls(ctx context.Context, c provider.Credentials, w provider.Window, cursor string) (provider.Page, error) {
	h, err := a.api.Header(c)
	if err != nil {
		return provider.Page{}, err
	}
	until := w.Until
	if until.IsZero() {
		until = a.now().Add(24 * time.Hour)
	}
	var body listRequest
	body.FilterCriteria.StartTimestamp = rangeFilter{
		Op: "bt", Type: "range", Value: [2]int64{max(w.Since.UnixMilli(), 0), until.UnixMilli()},
	}
	body.Limit = pageLimit
	body.PaginationKey = cursor
	body.SortOrder = "ascending"
	raw, err := a.api.Client.Do(ctx, provider.Request{Method: http.MethodPost, URL: a.api.Base + "/v3/list-calls", Header: h, Body: body})
	if err != nil {
		return provider.Page{}, err
	}
	calls, next, err := parseCallList(raw, pageLimit)
	if err != nil {
		return provider.Page{}, err
	}
	kept := calls[:0]
	for _, call := range calls {
		if w.Contains(call.StartedAt) {
			kept = append(kept, call)
		}
	}
	return provider.Page{Calls: kept, Next: next, Requests: 1}, nil
}
