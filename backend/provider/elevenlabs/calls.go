package elevenlabs

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"switchboard/backend/provider"
)

// pageSize is the most conversations GET /v1/convai/conversations returns
// per page ("Can not exceed 100, defaults to 30").
const pageSize = 100

// ListCalls pages GET /v1/convai/conversations by its cursor (next_cursor
// while has_more), page_size 100, and reads each listed conversation's
// details (GET /v1/convai/conversations/{id}, detailWorkers at a time, each
// counted in Page.Requests): the list has no phone numbers and no cost.
//
// The window is sent as call_start_after_unix and call_start_before_unix,
// in whole seconds, as start_time_unix_secs is. Whether ElevenLabs counts
// a conversation that starts at either second is UNCONFIRMED ("after",
// "up to"), so the bounds are widened by a second where it could matter,
// after = ⌈Since⌉−1 and before = ⌈Until⌉, and the calls are then kept only
// when Since <= start < Until, before their details are read. A zero Since
// or Until sends no bound. The list's order is not documented and does
// not matter: the cursor walks it whole. The cursor is ElevenLabs' own.
func (a *adapter) ListCalls(ctx context.Context, c provider.Credentials, w provider.Window, cursor string) (provider.Page, error) {
	h, err := header(c)
	if err != nil {
		return provider.Page{}, err
	}
	q := windowQuery(w)
	q.Set("page_size", strconv.Itoa(pageSize))
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	body, err := a.api.Client.Do(ctx, provider.Request{
		Method: http.MethodGet, URL: a.api.Base + "/v1/convai/conversations?" + q.Encode(), Header: h,
	})
	if err != nil {
		return provider.Page{}, err
	}
	convs, next, err := parsePage(body)
	if err != nil {
		return provider.Page{}, err
	}
	kept := convs[:0]
	for _, conv := range convs {
		if w.Contains(conv.call.StartedAt) {
			kept = append(kept, conv)
		}
	}
	details, err := a.fillDetails(ctx, h, kept)
	if err != nil {
		return provider.Page{}, err
	}
	calls := make([]provider.Call, len(kept))
	for i := range kept {
		calls[i] = kept[i].call
	}
	return provider.Page{Calls: calls, Next: next, Requests: 1 + details}, nil
}

// windowQuery is the time filter for w (see ListCalls).
func windowQuery(w provider.Window) url.Values {
	q := url.Values{}
	if !w.Since.IsZero() {
		if after := ceilUnix(w.Since) - 1; after >= 0 {
			q.Set("call_start_after_unix", strconv.FormatInt(after, 10))
		}
	}
	if !w.Until.IsZero() {
		q.Set("call_start_before_unix", strconv.FormatInt(max(ceilUnix(w.Until), 0), 10))
	}
	return q
}

// ceilUnix is t in unix seconds, rounded up.
func ceilUnix(t time.Time) int64 {
	s := t.Unix()
	if t.Nanosecond() > 0 {
		s++
	}
	return s
}
