package telnyx

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	"switchboard/backend/provider"
	"switchboard/backend/provider/internal/twilioish"
)

// pageJSON is the part of a page of GET /v2/texml/Accounts/{account_sid}/Calls
// ({calls[], next_page_uri, page, page_size, start, end, uri}) that paging
// reads. NextPageURI is raw so that a missing key can be told from null.
// Telnyx's types for duration and price are UNCONFIRMED (the docs show
// strings, as Twilio's); twilioish.FlexString takes either.
type pageJSON struct {
	NextPageURI   json.RawMessage      `json:"next_page_uri"`
	NextPageToken twilioish.FlexString `json:"next_page_token"`
	PageToken     twilioish.FlexString `json:"page_token"`
	Page          twilioish.FlexString `json:"page"`
}

// callsPage is a parsed page.
type callsPage struct {
	twilioish.Page
	Next string // the cursor of the next page, "" when none
}

// parseCalls decodes one page of TeXML calls. Calls that have not started
// (no start_time) are skipped. A call without a sid, or with a time,
// duration or price that does not parse, makes the page KindMalformed.
// Times may be RFC 3339 or RFC 2822: which one Telnyx sends is UNCONFIRMED
// (its TeXML API copies Twilio's, which uses RFC 2822; Telnyx's own APIs
// use RFC 3339), and twilioish.ParseTime reads both.
//
// The next cursor comes from next_page_uri (its Page and PageToken
// parameters: the documented shape). Only when the key is absent does it
// fall back to a next_page_token or page_token field, which Telnyx may use
// instead (UNCONFIRMED).
func parseCalls(body []byte) (callsPage, error) {
	var rest pageJSON
	p, err := twilioish.ParsePage(body, &rest, toCall)
	if err != nil {
		return callsPage{}, err
	}
	next, err := nextCursor(rest)
	if err != nil {
		return callsPage{}, err
	}
	return callsPage{Page: p, Next: next}, nil
}

// nextCursor builds the cursor: the query "Page=…&PageToken=…".
func nextCursor(raw pageJSON) (string, error) {
	if raw.NextPageURI != nil {
		var uri twilioish.FlexString
		if err := json.Unmarshal(raw.NextPageURI, &uri); err != nil {
			return "", provider.Malformed("next_page_uri: %v", err)
		}
		if uri == "" {
			return "", nil
		}
		u, err := url.Parse(string(uri))
		if err != nil {
			return "", provider.Malformed("next_page_uri does not parse")
		}
		q := u.Query()
		return cursorOf(q.Get("Page"), q.Get("PageToken"))
	}
	tok := raw.NextPageToken
	if tok == "" {
		tok = raw.PageToken
	}
	if tok == "" {
		return "", nil
	}
	page := ""
	if n, err := strconv.Atoi(string(raw.Page)); err == nil && n >= 0 {
		page = strconv.Itoa(n + 1)
	}
	return cursorOf(page, string(tok))
}

// cursorOf encodes a cursor; it needs a PageToken (Telnyx says Page goes
// with it) and a Page, if any, that is a page number.
func cursorOf(page, token string) (string, error) {
	if token == "" {
		return "", provider.Malformed("next page has no PageToken")
	}
	q := url.Values{"PageToken": {token}}
	if page != "" {
		if n, err := strconv.Atoi(page); err != nil || n < 0 {
			return "", provider.Malformed("next page number %.20q is not a number", page)
		}
		q.Set("Page", page)
	}
	return q.Encode(), nil
}

// parseCursor reads a cursor made by cursorOf.
func parseCursor(cursor string) (url.Values, error) {
	q, err := url.ParseQuery(cursor)
	if err != nil {
		return nil, provider.Malformed("cursor does not parse")
	}
	for k := range q {
		if k != "Page" && k != "PageToken" {
			return nil, provider.Malformed("cursor has an unknown part")
		}
	}
	if _, err := cursorOf(q.Get("Page"), q.Get("PageToken")); err != nil {
		return nil, err
	}
	return q, nil
}

// toCall maps a TeXML call; see twilioish.ToCall. <Dial>ed legs are kept:
// TeXML documents no parent field.
func toCall(j twilioish.Call) (provider.Call, bool, error) {
	return twilioish.ToCall(j, direction)
}

// direction maps TeXML's inbound|outbound; Twilio-style variants
// (outbound-api, outbound-dial) count as outbound.
func direction(d string) provider.Direction {
	switch {
	case d == "inbound":
		return provider.DirectionIn
	case d == "outbound" || strings.HasPrefix(d, "outbound-"):
		return provider.DirectionOut
	default:
		return provider.DirectionUnknown
	}
}
