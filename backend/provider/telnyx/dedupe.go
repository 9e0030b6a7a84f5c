package telnyx

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"switchboard/backend/provider"
)

// lookupsInFlight bounds the TeXML look-ups a page has in flight at once.
const lookupsInFlight = 8

// dropTeXML removes from recs the records that are TeXML calls, which the
// listing read from the TeXML source already, and returns the number of
// requests it made.
//
// What identifies the same call in both sources: a TeXML call's sid
// ("v3:…") is the call control id of the call (TeXML runs on the Voice
// API), and a detail record carries the call control id of its call
// (telnyx_call_control_id in the documented voice record). Neither the
// OpenAPI nor the docs state this relationship (UNCONFIRMED), nor whether
// TeXML calls have call-control records at all. So a record with a call
// control id is looked up as a TeXML call, GET
// /v2/texml/Accounts/{sid}/Calls/{call control id}, at most
// lookupsInFlight at a time: found, it is the TeXML call and is dropped;
// 404, it is not and is kept. Any other failure fails the page. Records
// without a call control id are kept without a look-up, and a record
// always takes the call control id as its ProviderCallID, so even a record
// kept in error is stored as the same call as its TeXML twin.
func (a *adapter) dropTeXML(ctx context.Context, c provider.Credentials, recs *[]record) (int, error) {
	var withID []int // the records to look up
	for i, r := range *recs {
		if r.controlID != "" {
			withID = append(withID, i)
		}
	}
	isTeXML := make([]bool, len(*recs))
	made, err := provider.Each(ctx, len(withID), lookupsInFlight, func(ctx context.Context, k int) error {
		i := withID[k]
		found, err := a.isTeXMLCall(ctx, c, (*recs)[i].controlID)
		isTeXML[i] = found
		return err
	})
	if err != nil {
		return made, err
	}
	kept := (*recs)[:0]
	for i, r := range *recs {
		if !isTeXML[i] {
			kept = append(kept, r)
		}
	}
	*recs = kept
	return made, nil
}

// isTeXMLCall reports whether the TeXML account has a call with sid id.
func (a *adapter) isTeXMLCall(ctx context.Context, c provider.Credentials, id string) (bool, error) {
	target := a.api.Base + "/v2/texml/Accounts/" + url.PathEscape(c[FieldAccountSID]) + "/Calls/" + url.PathEscape(id)
	_, err := a.api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: target, Header: header(c)})
	var pe *provider.Error
	switch {
	case err == nil:
		return true, nil
	case errors.As(err, &pe) && pe.Status == http.StatusNotFound:
		return false, nil
	}
	return false, err
}
