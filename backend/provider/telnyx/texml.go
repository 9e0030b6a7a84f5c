package telnyx

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"switchboard/backend/provider"
)

// texmlPageSize is what a TeXML page asks for. Telnyx's maximum PageSize
// for TeXML calls is UNCONFIRMED; 100 stays under any limit seen in its
// other APIs.
const texmlPageSize = 100

// texmlCall is the part of the OpenAPI's CallResource the adapter reads;
// other keys are ignored.
type texmlCall struct {
	Sid       flexText `json:"sid"`
	StartTime flexText `json:"start_time"`
	EndTime   flexText `json:"end_time"`
	Duration  flexText `json:"duration"` // seconds, a string
	Price     flexText `json:"price"`    // only with call cost enabled
	PriceUnit flexText `json:"price_unit"`
	Direction flexText `json:"direction"` // inbound, outbound
	Status    flexText `json:"status"`
	From      flexText `json:"from"`
	To        flexText `json:"to"`
}

// texmlPage is a parsed page of CallResourceIndex.
type texmlPage struct {
	calls  []provider.Call // the calls that have started, in the answer's order
	served int             // calls in the answer, counting the ones skipped
	next   *cursor         // the next page, nil when none
}

// texmlCalls reads the page of TeXML calls at cur (see ListCalls) and
// returns the calls that started within w and the next cursor.
func (a *adapter) texmlCalls(ctx context.Context, c provider.Credentials, w provider.Window, cur cursor) (provider.Page, error) {
	q := texmlQuery(w)
	if cur.token != "" {
		q.Set("PageToken", cur.token)
		if cur.page != "" {
			q.Set("Page", cur.page)
		}
	}
	target := a.api.Base + "/v2/texml/Accounts/" + url.PathEscape(c[FieldAccountSID]) + "/Calls?" + q.Encode()
	body, err := a.api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: target, Header: header(c)})
	if err != nil {
		return provider.Page{}, err
	}
	p, err := parseTeXMLPage(body)
	if err != nil {
		return provider.Page{}, err
	}
	page := provider.Page{Requests: 1}
	for _, call := range p.calls {
		if w.Contains(call.StartedAt) {
			page.Calls = append(page.Calls, call)
		}
	}
	seen := cur.texmlSeen || p.served > 0
	// The OpenAPI's example answers an empty page with a next_page_uri: an
	// empty page ends the TeXML calls.
	if p.served > 0 && p.next != nil {
		next := *p.next
		// A next page that repeats the current one is passed on as it is:
		// the sync's loop guard stops the run and clears its cursor.
		next.texmlSeen = seen
		page.Next = next.String()
		return page, nil
	}
	page.Next = cursor{src: srcTeXML, texmlSeen: seen}.after()
	return page, nil
}

// texmlQuery is the query of every TeXML page: StartTime_gt and
// StartTime_lt, the OpenAPI's range filters, whose values are dates, one
// day wider than w on each side (the bounds are strict); the calls are
// then kept only when they started within w.
func texmlQuery(w provider.Window) url.Values {
	q := url.Values{"PageSize": {strconv.Itoa(texmlPageSize)}}
	if !w.Since.IsZero() {
		q.Set("StartTime_gt", w.Since.UTC().AddDate(0, 0, -1).Format(time.DateOnly))
	}
	if !w.Until.IsZero() {
		q.Set("StartTime_lt", w.Until.Add(-time.Nanosecond).UTC().AddDate(0, 0, 1).Format(time.DateOnly))
	}
	return q
}

// parseTeXMLPage decodes one page of TeXML calls: {calls[], next_page_uri,
// page, …}. Calls that have not started (no start_time) are skipped. A
// call without a sid, or with a time, duration or price that does not
// parse, makes the page KindMalformed. The next page is next_page_uri's
// Page and PageToken (the documented shape); only when the key is absent
// does it fall back to a next_page_token or page_token field
// (UNCONFIRMED).
func parseTeXMLPage(body []byte) (texmlPage, error) {
	var raw struct {
		Calls         *[]texmlCall    `json:"calls"`
		NextPageURI   json.RawMessage `json:"next_page_uri"`
		NextPageToken flexText        `json:"next_page_token"`
		PageToken     flexText        `json:"page_token"`
		Page          flexText        `json:"page"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return texmlPage{}, provider.Malformed("TeXML calls page: %v", err)
	}
	if raw.Calls == nil {
		return texmlPage{}, provider.Malformed("TeXML calls page has no calls array")
	}
	p := texmlPage{served: len(*raw.Calls)}
	for _, j := range *raw.Calls {
		call, keep, err := j.toCall()
		if err != nil {
			return texmlPage{}, err
		}
		if keep {
			p.calls = append(p.calls, call)
		}
	}
	var page, token string
	if raw.NextPageURI != nil {
		var uri flexText
		if err := json.Unmarshal(raw.NextPageURI, &uri); err != nil {
			return texmlPage{}, provider.Malformed("next_page_uri: %v", err)
		}
		if uri == "" {
			return p, nil
		}
		u, err := url.Parse(string(uri))
		if err != nil {
			return texmlPage{}, provider.Malformed("next_page_uri does not parse")
		}
		page, token = u.Query().Get("Page"), u.Query().Get("PageToken")
	} else {
		if token = string(raw.NextPageToken); token == "" {
			token = string(raw.PageToken)
		}
		if token == "" {
			return p, nil
		}
		if n, err := strconv.Atoi(string(raw.Page)); err == nil && n >= 0 {
			page = strconv.Itoa(n + 1)
		}
	}
	next, err := cursorOf(page, token)
	if err != nil {
		return texmlPage{}, err
	}
	p.next = &next
	return p, nil
}

// toCall maps a TeXML call. A call that has not started is skipped (keep
// is false). A price is a cost only with its price_unit (price is null
// unless the account has call cost enabled; then there is no cost, not a
// cost of 0). <Dial>ed legs are calls of their own: CallResource documents
// no parent.
func (j texmlCall) toCall() (c provider.Call, keep bool, err error) {
	sid := string(j.Sid)
	if sid == "" {
		return provider.Call{}, false, provider.Malformed("TeXML call without a sid")
	}
	if j.StartTime == "" {
		return provider.Call{}, false, nil
	}
	c = provider.Call{
		ProviderCallID: sid,
		Direction:      direction(string(j.Direction)),
		RawStatus:      string(j.Status),
		Status:         callStatus(string(j.Status)),
		From:           string(j.From),
		To:             string(j.To),
	}
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
	} else {
		c.DurationSec = provider.SecondsBetween(c.StartedAt, c.EndedAt)
	}
	c.CostMicros, c.Currency, err = cost(sid, string(j.Price), string(j.PriceUnit))
	return c, true, err
}

// cost reads a price and its currency; no price or no currency is no cost
// (Currency ""). The sign is dropped (Twilio-style prices are negative).
func cost(id, price, unit string) (int64, string, error) {
	unit = strings.ToUpper(strings.TrimSpace(unit))
	if price == "" || unit == "" {
		return 0, "", nil
	}
	if !provider.ValidCurrency(unit) {
		return 0, "", provider.Malformed("call %.64q: currency %.40q is not a currency code", id, unit)
	}
	micros, err := provider.Micros(price)
	if err != nil {
		return 0, "", err
	}
	return micros, unit, nil
}

// direction maps inbound|outbound; Twilio-style variants (outbound-api,
// outbound-dial) count as outbound.
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
