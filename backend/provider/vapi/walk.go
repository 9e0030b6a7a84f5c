package vapi

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"switchboard/backend/provider"
)

// maxWalkPages ends a walk whose bounds never run out.
const maxWalkPages = 10_000

// record is what walkAll needs of an item of a Vapi list: its id and
// createdAt (both required in Vapi's Assistant and PhoneNumber schemas).
type record interface {
	recordID() string
	createdAt() string
}

// walkAll reads every item of the Vapi list at path (GET /assistant, GET
// /phone-number: limit at most 1000, createdAt bounds, no cursor, no
// documented order), walking createdAt page by page as ListCalls does (see
// splitPage): so items created at the same instant across a page's edge
// are listed once. An item without an id or a valid createdAt, a page in no
// order, or a walk that does not end is KindMalformed.
func walkAll[T record](ctx context.Context, a *adapter, h http.Header, path string) ([]T, error) {
	var out []T
	cursor := ""
	for pages := 0; ; pages++ {
		if pages == maxWalkPages {
			return nil, provider.Malformed("%s: the walk by createdAt does not end", path)
		}
		q := url.Values{"limit": {strconv.Itoa(pageLimit)}}
		walkUp := false
		if cursor != "" {
			op, at, _ := parseCursor(cursor) // walkAll made it
			walkUp = op == "createdAtGe" || op == "createdAtGt"
			q.Set(op, formatTime(at))
		}
		var items []T
		req := provider.Request{Method: http.MethodGet, URL: a.api.Base + path + "?" + q.Encode(), Header: h}
		if err := a.api.Client.JSON(ctx, req, &items); err != nil {
			return nil, err
		}
		created := make([]time.Time, len(items))
		for i, it := range items {
			t, ok := parseTime(it.createdAt())
			if it.recordID() == "" || !ok || t.IsZero() {
				return nil, provider.Malformed("%s: an item without id or a valid createdAt", path)
			}
			created[i] = t
		}
		keep, next, err := splitPage(len(items), func(i int) time.Time { return created[i] }, pageLimit, walkUp)
		if err != nil {
			return nil, err
		}
		for i, it := range items {
			if keep(i) {
				out = append(out, it)
			}
		}
		if next == "" {
			return out, nil
		}
		cursor = next
	}
}

// Compile-time checks that the wire types are records.
var (
	_ record = wireAssistant{}
	_ record = wireNumber{}
)
