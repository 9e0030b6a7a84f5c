package bland

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"switchboard/backend/provider"
)

// detailsInFlight bounds the detail requests a page has in flight at once.
const detailsInFlight = 8

// fillDetails reads GET /v1/calls/{call_id} for every item, at most
// detailsInFlight at a time, through the shared retrying client, and
// applies each (see item.apply). It returns how many detail requests it
// made. A call Bland no longer has (404) keeps what the list said; any
// other failure fails the page, so that the sync retries it, and stops the
// requests still to be made.
func (a *adapter) fillDetails(ctx context.Context, h http.Header, items []item) (int, error) {
	return provider.Each(ctx, len(items), detailsInFlight, func(ctx context.Context, i int) error {
		return a.fillDetail(ctx, h, &items[i])
	})
}

// fillDetail reads and applies one call's details.
func (a *adapter) fillDetail(ctx context.Context, h http.Header, it *item) error {
	id := it.call.ProviderCallID
	body, err := a.api.Client.Do(ctx, provider.Request{
		Method: http.MethodGet, URL: a.api.Base + "/v1/calls/" + url.PathEscape(id), Header: h,
	})
	var pe *provider.Error
	if errors.As(err, &pe) && pe.Status == http.StatusNotFound {
		return nil
	}
	if err != nil {
		return err
	}
	d, err := parseDetail(id, body)
	if err != nil {
		return err
	}
	return it.apply(d)
}
