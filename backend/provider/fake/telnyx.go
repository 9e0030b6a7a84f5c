package fake

import (
	"encoding/base64"
	"fmt"
	"math/rand"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// TelnyxCall is one TeXML call the Telnyx fake serves, shaped as the
// OpenAPI's CallResource: a zero StartTime or EndTime leaves start_time or
// end_time (and duration) out; an empty Price leaves price and price_unit
// out ("Only populated when the call cost feature is enabled").
type TelnyxCall struct {
	Sid       string
	Direction string // inbound, outbound
	Status    string // ringing, in-progress, canceled, completed, failed, busy, no-answer
	From      string
	To        string
	StartTime time.Time
	EndTime   time.Time
	Duration  int64 // seconds
	Price     string
	PriceUnit string
}

// TelnyxEpoch is when the generated calls of TelnyxCalls and records of
// TelnyxRecords begin.
var TelnyxEpoch = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// telnyxEnded are the statuses of ended TeXML calls TelnyxCalls cycles
// through.
var telnyxEnded = []string{"completed", "completed", "no-answer", "busy", "failed", "canceled"}

// TelnyxCalls returns n deterministic TeXML calls for seed, one every 1–10
// minutes from TelnyxEpoch, alternating inbound and outbound, with the
// ended statuses of telnyxEnded in turn; priced in USD with every seventh
// in EUR and every fifth without a price (call cost not enabled); every
// 25th is in progress and every 50th ringing (no end time, no price).
func TelnyxCalls(n int, seed int64) []TelnyxCall {
	rng := rand.New(rand.NewSource(seed))
	calls := make([]TelnyxCall, n)
	at := TelnyxEpoch
	for i := range calls {
		at = at.Add(time.Duration(60+rng.Intn(540)) * time.Second)
		dur := int64(rng.Intn(900))
		c := TelnyxCall{
			Sid:       fmt.Sprintf("v3:%08x-%016x", i, rng.Uint64()),
			Direction: "inbound",
			Status:    telnyxEnded[i%len(telnyxEnded)],
			From:      fmt.Sprintf("+1312555%04d", i%10000),
			To:        "+13125550000",
			StartTime: at,
			EndTime:   at.Add(time.Duration(dur) * time.Second),
			Duration:  dur,
			Price:     fmt.Sprintf("%d.%04d", rng.Intn(2), rng.Intn(10000)),
			PriceUnit: "USD",
		}
		if c.Status != "completed" {
			c.EndTime, c.Duration = at, 0
		}
		if i%2 == 1 {
			c.Direction, c.From, c.To = "outbound", c.To, c.From
		}
		if i%7 == 6 {
			c.PriceUnit = "EUR"
		}
		if i%5 == 4 {
			c.Price, c.PriceUnit = "", ""
		}
		switch {
		case i%50 == 49:
			c.Status, c.EndTime, c.Duration, c.Price, c.PriceUnit = "ringing", time.Time{}, 0, "", ""
		case i%25 == 24:
			c.Status, c.EndTime, c.Duration, c.Price, c.PriceUnit = "in-progress", time.Time{}, 0, "", ""
		}
		calls[i] = c
	}
	return calls
}

// TelnyxServer is a fake of Telnyx's API (https://api.telnyx.com): it
// checks "Authorization: Bearer <APIKey>" exactly and serves
//
//	GET /v2/balance
//	GET /v2/texml/Accounts/{AccountSid}/Calls (and …/Calls.json)
//	GET /v2/texml/Accounts/{AccountSid}/Calls/{call_sid}
//	GET /v2/detail_records
//	GET /v2/phone_numbers
//
// Every endpoint refuses a query parameter the OpenAPI does not document
// for it (400). The Calls list is newest first, filtered by StartTime,
// StartTime_gt and StartTime_lt (YYYY-MM-DD, compared with start_time's
// UTC date, or RFC 3339 times), paged by PageSize (default 20, at most
// 1000; both UNCONFIRMED) and a next_page_uri shaped as in the API
// reference: /v2/texml/Accounts/{sid}/Calls.json?Page=N&PageSize=S&PageToken=T,
// which does not repeat the filters (the client must). Times are RFC 2822
// unless SetTimeLayout says otherwise. Detail records need
// filter[record_type] and are filtered by filter[created_at][gte|lt],
// sorted by sort=created_at or -created_at (the default), and paged by
// page[number] and page[size] (default 20, at most 50); phone numbers are
// paged by page[number] and page[size] (at most 250). It is an
// http.Handler. Set its fields before serving; the fault switches are
// safe at any time.
type TelnyxServer struct {
	faults
	APIKey     string
	AccountSid string
	Calls      []TelnyxCall
	Records    []TelnyxRecord
	Numbers    []TelnyxNumber
	layout     string
	alwaysNext bool
}

// NewTelnyx returns a fake Telnyx that accepts apiKey and holds calls under
// the TeXML account accountSid, and no detail records or numbers.
func NewTelnyx(apiKey, accountSid string, calls []TelnyxCall) *TelnyxServer {
	return &TelnyxServer{APIKey: apiKey, AccountSid: accountSid, Calls: calls, layout: time.RFC1123Z}
}

// SetTimeLayout sets the layout of start_time and end_time, e.g.
// time.RFC1123Z (the default) or time.RFC3339.
func (s *TelnyxServer) SetTimeLayout(layout string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.layout = layout
}

// SetAlwaysNext makes the last page of TeXML calls carry a next_page_uri
// too, to a page with no calls, as the OpenAPI's example (an empty page
// with a next_page_uri) suggests Telnyx may do.
func (s *TelnyxServer) SetAlwaysNext(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.alwaysNext = on
}

// telnyxError writes Telnyx's error body: {"errors":[{code,title,detail}]}.
func telnyxError(w http.ResponseWriter, status int) {
	code, title, detail := strconv.Itoa(status), http.StatusText(status), ""
	switch status {
	case http.StatusUnauthorized:
		code, title, detail = "10009", "Authentication failed", "Could not understand the provided credentials."
	case http.StatusNotFound:
		code, title, detail = "10005", "Resource not found", "The requested resource or URL could not be found."
	case http.StatusTooManyRequests:
		code, title, detail = "10011", "Too many requests", "Too many requests, please try again later."
	}
	telnyxBody(w, status, code, title, detail)
}

// telnyxDialect is how Telnyx words failures; a malformed answer is the
// start of a page of TeXML calls.
var telnyxDialect = dialect{writeError: telnyxError, truncated: `{"calls": [{"sid": "v3:`}

func telnyxBody(w http.ResponseWriter, status int, code, title, detail string) {
	e := map[string]any{
		"code":  code,
		"title": title,
		"meta":  map[string]string{"url": "https://developers.telnyx.com/docs/overview/errors/" + code},
	}
	if detail != "" {
		e["detail"] = detail
	}
	writeJSON(w, status, map[string]any{"errors": []any{e}})
}

// telnyxBadParam answers 400 for a parameter the endpoint does not know or
// a value it refuses.
func telnyxBadParam(w http.ResponseWriter, detail string) {
	telnyxBody(w, http.StatusBadRequest, "10015", "Invalid parameter", detail)
}

// telnyxParams are the query parameters each endpoint documents.
var (
	telnyxCallsParams = map[string]bool{
		"Page": true, "PageSize": true, "PageToken": true, "To": true, "From": true, "Status": true,
		"StartTime": true, "StartTime_gt": true, "StartTime_lt": true,
		"EndTime": true, "EndTime_gt": true, "EndTime_lt": true,
	}
	telnyxRecordParams = map[string]bool{
		"filter[record_type]": true, "filter[date_range]": true, "filter[direction]": true,
		"filter[created_at][gte]": true, "filter[created_at][lt]": true,
		"sort": true, "page[number]": true, "page[size]": true,
	}
	telnyxNumberParams = map[string]bool{
		"page[number]": true, "page[size]": true, "sort": true, "handle_messaging_profile_error": true,
		"filter[tag]": true, "filter[phone_number]": true, "filter[status]": true, "filter[country_iso_alpha2]": true,
		"filter[connection_id]": true, "filter[customer_reference]": true, "filter[number_type][eq]": true,
		"filter[source]": true, "filter[billing_group_id]": true, "filter[emergency_address_id]": true,
	}
	telnyxRecordTypes = map[string]bool{
		"ai-voice-assistant": true, "amd": true, "call-control": true, "conference": true,
		"conference-participant": true, "embedding": true, "fax": true, "inference": true,
		"inference-speech-to-text": true, "media_storage": true, "media-streaming": true,
		"messaging": true, "noise-suppression": true, "recording": true, "sip-trunking": true,
		"siprec-client": true, "stt": true, "tts": true, "verify": true, "webrtc": true, "wireless": true,
	}
)

// ServeHTTP implements http.Handler.
func (s *TelnyxServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	authorized := r.Header.Get("Authorization") == "Bearer "+s.APIKey
	if _, done := s.intercept(w, r, authorized, telnyxDialect); done {
		return
	}
	calls := "/v2/texml/Accounts/" + s.AccountSid + "/Calls"
	sid, isCall := strings.CutPrefix(r.URL.Path, calls+"/")
	var allowed map[string]bool
	switch {
	case r.URL.Path == calls || r.URL.Path == calls+".json":
		allowed = telnyxCallsParams
	case r.URL.Path == "/v2/detail_records":
		allowed = telnyxRecordParams
	case r.URL.Path == "/v2/phone_numbers":
		allowed = telnyxNumberParams
	}
	for k := range r.URL.Query() {
		if !allowed[k] {
			telnyxBadParam(w, "Unknown parameter: "+k)
			return
		}
	}
	switch {
	case r.Method != http.MethodGet:
		telnyxBody(w, http.StatusMethodNotAllowed, "405", "Method not allowed", "")
	case r.URL.Path == "/v2/balance":
		writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{
			"record_type": "balance", "balance": "300.00", "credit_limit": "100.00",
			"available_credit": "400.00", "pending": "10.00", "currency": "USD",
		}})
	case r.URL.Path == calls || r.URL.Path == calls+".json":
		s.list(w, r, calls+".json")
	case isCall && s.AccountSid != "":
		s.call(w, strings.TrimSuffix(sid, ".json"))
	case r.URL.Path == "/v2/detail_records":
		s.records(w, r)
	case r.URL.Path == "/v2/phone_numbers":
		s.numbers(w, r)
	default:
		telnyxError(w, http.StatusNotFound)
	}
}

// call serves GET …/Calls/{call_sid}.
func (s *TelnyxServer) call(w http.ResponseWriter, sid string) {
	s.mu.Lock()
	layout := s.layout
	s.mu.Unlock()
	for _, c := range s.Calls {
		if c.Sid == sid {
			writeJSON(w, http.StatusOK, s.callJSON(c, layout))
			return
		}
	}
	telnyxError(w, http.StatusNotFound)
}

// telnyxBound is one range filter: a date compared with a time's UTC date,
// or an instant.
type telnyxBound struct {
	day string
	at  time.Time
}

func telnyxParseBound(v string) (telnyxBound, bool) {
	if _, err := time.Parse(time.DateOnly, v); err == nil {
		return telnyxBound{day: v}, true
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return telnyxBound{at: t}, true
	}
	return telnyxBound{}, false
}

// cmp compares t with b: -1 before, 0 same day (dates only), 1 after.
func (b telnyxBound) cmp(t time.Time) int {
	if b.day != "" {
		d := t.UTC().Format(time.DateOnly)
		switch {
		case d < b.day:
			return -1
		case d > b.day:
			return 1
		}
		return 0
	}
	return t.Compare(b.at)
}

func (s *TelnyxServer) list(w http.ResponseWriter, r *http.Request, path string) {
	s.mu.Lock()
	layout, alwaysNext := s.layout, s.alwaysNext
	s.mu.Unlock()
	q := r.URL.Query()
	size := 20
	if v := q.Get("PageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			telnyxBadParam(w, "PageSize must be a positive integer.")
			return
		}
		size = min(n, 1000)
	}
	var on, gt, lt *telnyxBound
	for _, f := range []struct {
		key string
		dst **telnyxBound
	}{{"StartTime", &on}, {"StartTime_gt", &gt}, {"StartTime_lt", &lt}} {
		v := q.Get(f.key)
		if v == "" {
			continue
		}
		b, ok := telnyxParseBound(v)
		if !ok {
			telnyxBadParam(w, f.key+" must be a date (YYYY-MM-DD).")
			return
		}
		*f.dst = &b
	}
	var list []TelnyxCall
	for _, c := range s.Calls {
		if on != nil || gt != nil || lt != nil {
			if c.StartTime.IsZero() ||
				on != nil && on.cmp(c.StartTime) != 0 ||
				gt != nil && gt.cmp(c.StartTime) <= 0 ||
				lt != nil && lt.cmp(c.StartTime) >= 0 {
				continue
			}
		}
		list = append(list, c)
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].StartTime, list[j].StartTime
		if !a.Equal(b) {
			return a.After(b)
		}
		return list[i].Sid < list[j].Sid
	})
	start := 0
	if tok := q.Get("PageToken"); tok != "" {
		sid, err := base64.RawURLEncoding.DecodeString(tok)
		start = -1
		for i, c := range list {
			if err == nil && c.Sid == string(sid) {
				start = i + 1
			}
		}
		if start < 0 {
			telnyxBadParam(w, "PageToken is not valid.")
			return
		}
	}
	page, _ := strconv.Atoi(q.Get("Page"))
	end := min(start+size, len(list))
	calls := make([]map[string]any, 0, end-start)
	for _, c := range list[start:end] {
		calls = append(calls, s.callJSON(c, layout))
	}
	pageURI := func(p int, token string) string {
		v := url.Values{"Page": {strconv.Itoa(p)}, "PageSize": {strconv.Itoa(size)}}
		if token != "" {
			v.Set("PageToken", token)
		}
		return path + "?" + v.Encode()
	}
	body := map[string]any{
		"calls":          calls,
		"first_page_uri": pageURI(0, ""),
		"page":           page,
		"page_size":      size,
		"start":          start,
		"end":            max(end-1, start),
		"uri":            pageURI(page, q.Get("PageToken")),
	}
	if end < len(list) || alwaysNext && end > start {
		body["next_page_uri"] = pageURI(page+1, base64.RawURLEncoding.EncodeToString([]byte(list[end-1].Sid)))
	}
	writeJSON(w, http.StatusOK, body)
}

// callJSON is c as a CallResource.
func (s *TelnyxServer) callJSON(c TelnyxCall, layout string) map[string]any {
	m := map[string]any{
		"sid": c.Sid, "account_sid": s.AccountSid, "direction": c.Direction, "status": c.Status,
		"from": c.From, "to": c.To, "from_formatted": c.From, "to_formatted": c.To,
		"uri": "/v2/texml/Accounts/" + s.AccountSid + "/Calls/" + c.Sid + ".json",
	}
	if !c.StartTime.IsZero() {
		m["start_time"] = c.StartTime.UTC().Format(layout)
		m["date_created"] = m["start_time"]
		m["date_updated"] = m["start_time"]
	}
	if !c.EndTime.IsZero() {
		m["end_time"] = c.EndTime.UTC().Format(layout)
		m["date_updated"] = m["end_time"]
		m["duration"] = strconv.FormatInt(c.Duration, 10)
	}
	if c.Price != "" {
		m["price"], m["price_unit"] = c.Price, c.PriceUnit
	}
	return m
}

// telnyxPaging reads page[number] and page[size] (1 to maxSize, default
// 20); ok is false when it answered 400.
func telnyxPaging(w http.ResponseWriter, q url.Values, maxSize int) (number, size int, ok bool) {
	number, size = 1, 20
	for _, f := range []struct {
		key string
		dst *int
		max int
	}{{"page[number]", &number, 1 << 30}, {"page[size]", &size, maxSize}} {
		if v := q.Get(f.key); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > f.max {
				telnyxBadParam(w, fmt.Sprintf("%s must be an integer from 1 to %d.", f.key, f.max))
				return 0, 0, false
			}
			*f.dst = n
		}
	}
	return number, size, true
}

// telnyxMeta is the pagination meta of page number of size over total items.
func telnyxMeta(number, size, total int) map[string]any {
	return map[string]any{
		"page_number": number, "page_size": size,
		"total_pages": (total + size - 1) / size, "total_results": total,
	}
}
