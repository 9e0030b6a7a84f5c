package telnyx

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	"switchboard/backend/provider"
)

// flexString is a JSON scalar read as text: a string, or a number kept
// exactly as written (Telnyx's types for duration and price are
// UNCONFIRMED: the docs show strings, as Twilio's). null and a missing key
// give "". Objects, arrays and booleans are errors.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*f = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	case b[0] == '-' || b[0] >= '0' && b[0] <= '9':
		*f = flexString(b)
	default:
		return errors.New("expected a string or a number")
	}
	return nil
}

// callsJSON is a page of GET /v2/texml/Accounts/{account_sid}/Calls:
// {calls[], next_page_uri, page, page_size, start, end, uri}. NextPageURI is
// raw so that a missing key can be told from null.
type callsJSON struct {
	Calls         *[]callJSON     `json:"calls"`
	NextPageURI   json.RawMessage `json:"next_page_uri"`
	NextPageToken flexString      `json:"next_page_token"`
	PageToken     flexString      `json:"page_token"`
	Page          flexString      `json:"page"`
}

// callJSON is the part of a TeXML call resource Switchboard reads.
type callJSON struct {
	Sid       flexString `json:"sid"`
	StartTime flexString `json:"start_time"`
	EndTime   flexString `json:"end_time"`
	Duration  flexString `json:"duration"`
	Price     flexString `json:"price"`
	PriceUnit flexString `json:"price_unit"`
	Direction flexString `json:"direction"`
	Status    flexString `json:"status"`
	From      flexString `json:"from"`
	To        flexString `json:"to"`
}

// callsPage is a parsed page.
type callsPage struct {
	Calls  []provider.Call
	Next   string // the cursor of the next page, "" when none
	Served int    // calls in the answer, counting the ones skipped
}

// parseCalls decodes one page of TeXML calls. Calls that have not started
// (no start_time) are skipped. A call without a sid, or with a time,
// duration or price that does not parse, makes the page KindMalformed.
//
// The next cursor comes from next_page_uri (its Page and PageToken
// parameters: the documented shape). Only when the key is absent does it
// fall back to a next_page_token or page_token field, which Telnyx may use
// instead (UNCONFIRMED).
func parseCalls(body []byte) (callsPage, error) {
	var raw callsJSON
	if err := json.Unmarshal(body, &raw); err != nil {
		return callsPage{}, provider.Malformed("calls page: %v", err)
	}
	if raw.Calls == nil {
		return callsPage{}, provider.Malformed("calls page has no calls array")
	}
	p := callsPage{Served: len(*raw.Calls)}
	var err error
	if p.Next, err = nextCursor(raw); err != nil {
		return callsPage{}, err
	}
	for _, j := range *raw.Calls {
		c, keep, err := toCall(j)
		if err != nil {
			return callsPage{}, err
		}
		if keep {
			p.Calls = append(p.Calls, c)
		}
	}
	return p, nil
}

// nextCursor builds the cursor: the query "Page=…&PageToken=…".
func nextCursor(raw callsJSON) (string, error) {
	if raw.NextPageURI != nil {
		var uri flexString
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

func toCall(j callJSON) (provider.Call, bool, error) {
	sid := string(j.Sid)
	if sid == "" {
		return provider.Call{}, false, provider.Malformed("call without a sid")
	}
	if j.StartTime == "" {
		return provider.Call{}, false, nil
	}
	c := provider.Call{
		ProviderCallID: sid,
		Direction:      direction(string(j.Direction)),
		Status:         string(j.Status),
		From:           string(j.From),
		To:             string(j.To),
	}
	var err error
	if c.StartedAt, err = parseTime(string(j.StartTime)); err != nil {
		return c, false, provider.Malformed("call %.64q: start_time %.64q does not parse", sid, string(j.StartTime))
	}
	if j.EndTime != "" {
		if c.EndedAt, err = parseTime(string(j.EndTime)); err != nil {
			return c, false, provider.Malformed("call %.64q: end_time %.64q does not parse", sid, string(j.EndTime))
		}
	}
	if j.Duration != "" {
		c.DurationSec, err = strconv.ParseInt(string(j.Duration), 10, 64)
		if err != nil || c.DurationSec < 0 {
			return c, false, provider.Malformed("call %.64q: duration %.40q is not whole seconds", sid, string(j.Duration))
		}
	}
	// A price without a unit cannot be booked in any currency: no cost.
	unit := strings.ToUpper(strings.TrimSpace(string(j.PriceUnit)))
	if j.Price != "" && unit != "" {
		if !validCurrency(unit) {
			return c, false, provider.Malformed("call %.64q: price_unit %.40q is not a currency code", sid, unit)
		}
		if c.CostMinor, err = minorUnits(string(j.Price), unit); err != nil {
			return c, false, err
		}
		c.Currency = unit
	}
	return c, true, nil
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

// parseTime reads RFC 3339 or RFC 2822 times and returns UTC. Which one
// Telnyx sends is UNCONFIRMED (its TeXML API copies Twilio's, which uses
// RFC 2822; Telnyx's own APIs use RFC 3339).
func parseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	t, err := mail.ParseDate(s)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}
