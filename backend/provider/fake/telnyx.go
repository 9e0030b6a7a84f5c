package fake

import (
	"encoding/base64"
	"fmt"
	"math/rand"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"time"
)

// TelnyxCall is one TeXML call the Telnyx fake serves. A zero StartTime or
// EndTime, and an empty Price, are JSON null.
type TelnyxCall struct {
	Sid       string
	Direction string // inbound, outbound
	Status    string
	From      string
	To        string
	StartTime time.Time
	EndTime   time.Time
	Duration  int64 // seconds
	Price     string
	PriceUnit string
}

// TelnyxEpoch is when the generated calls of TelnyxCalls begin.
var TelnyxEpoch = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// TelnyxCalls returns n deterministic calls for seed, one every 1–10
// minutes from TelnyxEpoch, alternating inbound and outbound, priced in
// USD with every seventh in EUR; every 25th is in progress (no end time,
// no price).
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
			Status:    "completed",
			From:      fmt.Sprintf("+1312555%04d", i%10000),
			To:        "+13125550000",
			StartTime: at,
			EndTime:   at.Add(time.Duration(dur) * time.Second),
			Duration:  dur,
			Price:     fmt.Sprintf("-%d.%04d", rng.Intn(2), rng.Intn(10000)),
			PriceUnit: "USD",
		}
		if i%2 == 1 {
			c.Direction, c.From, c.To = "outbound", c.To, c.From
		}
		if i%7 == 6 {
			c.PriceUnit = "EUR"
		}
		if i%25 == 24 {
			c.Status, c.EndTime, c.Duration, c.Price = "in-progress", time.Time{}, 0, ""
		}
		calls[i] = c
	}
	return calls
}

// TelnyxFilterForm is the start-time range syntax the Telnyx fake honours.
// Which one the real API honours is UNCONFIRMED; the fake ignores the
// other form, as a server ignores an unknown parameter.
type TelnyxFilterForm int

// The forms.
const (
	// TelnyxFilterSDK honours StartTime_gt / StartTime_lt, as the official
	// Go SDK sends them. The default.
	TelnyxFilterSDK TelnyxFilterForm = iota
	// TelnyxFilterDocs honours StartTime> / StartTime<, as the API
	// reference shows them.
	TelnyxFilterDocs
	// TelnyxFilterNone honours neither: every call is listed.
	TelnyxFilterNone
)

// TelnyxServer is a fake of Telnyx's API (https://api.telnyx.com): it
// checks "Authorization: Bearer <APIKey>" exactly and serves
//
//	GET /v2/balance
//	GET /v2/texml/Accounts/{AccountSid}/Calls (and …/Calls.json)
//
// The Calls list is newest first, filtered by StartTime (a UTC date) and
// by one form of the strict range filters (see TelnyxFilterForm; values are
// YYYY-MM-DD, compared with start_time's UTC date, or RFC 3339 times),
// paged by PageSize (default 20, at most 1000; both UNCONFIRMED) and a
// next_page_uri shaped as in the API reference:
// /v2/texml/Accounts/{sid}/Calls.json?Page=N&PageSize=S&PageToken=T, which
// does not repeat the filters (the client must). Times are RFC 2822 unless
// SetTimeLayout says otherwise. It is an http.Handler.
type TelnyxServer struct {
	faults
	APIKey     string
	AccountSid string
	Calls      []TelnyxCall
	form       TelnyxFilterForm
	layout     string
	alwaysNext bool
}

// NewTelnyx returns a fake Telnyx that accepts apiKey and holds calls under
// the TeXML account accountSid.
func NewTelnyx(apiKey, accountSid string, calls []TelnyxCall) *TelnyxServer {
	return &TelnyxServer{APIKey: apiKey, AccountSid: accountSid, Calls: calls, layout: time.RFC1123Z}
}

// SetFilterForm chooses which start-time range syntax the fake honours.
func (s *TelnyxServer) SetFilterForm(f TelnyxFilterForm) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.form = f
}

// SetTimeLayout sets the layout of start_time and end_time, e.g.
// time.RFC1123Z (the default) or time.RFC3339.
func (s *TelnyxServer) SetTimeLayout(layout string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.layout = layout
}

// SetAlwaysNext makes the last page carry a next_page_uri too, to a page
// with no calls, as the API reference's example (an empty page with a
// next_page_uri) suggests Telnyx may do.
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

// telnyxDialect is how Telnyx words failures.
var telnyxDialect = dialect{writeError: telnyxError, truncated: twilioDialect.truncated}

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

// ServeHTTP implements http.Handler.
func (s *TelnyxServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	authorized := r.Header.Get("Authorization") == "Bearer "+s.APIKey
	if _, done := s.intercept(w, r, authorized, telnyxDialect); done {
		return
	}
	calls := "/v2/texml/Accounts/" + s.AccountSid + "/Calls"
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
	default:
		telnyxError(w, http.StatusNotFound)
	}
}

// telnyxBound is one range filter: a date compared with start_time's UTC
// date, or an instant.
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
		d := twilioDay(t)
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
	form, layout, alwaysNext := s.form, s.layout, s.alwaysNext
	s.mu.Unlock()
	q := r.URL.Query()
	size := 20
	if v := q.Get("PageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			telnyxBody(w, http.StatusUnprocessableEntity, "10015", "Invalid parameter", "PageSize must be a positive integer.")
			return
		}
		size = min(n, 1000)
	}
	gtKey, ltKey := "StartTime_gt", "StartTime_lt"
	if form == TelnyxFilterDocs {
		gtKey, ltKey = "StartTime>", "StartTime<"
	}
	var on, gt, lt *telnyxBound
	for _, f := range []struct {
		key string
		dst **telnyxBound
	}{{"StartTime", &on}, {gtKey, &gt}, {ltKey, &lt}} {
		v := q.Get(f.key)
		if v == "" || f.key != "StartTime" && form == TelnyxFilterNone {
			continue
		}
		b, ok := telnyxParseBound(v)
		if !ok {
			telnyxBody(w, http.StatusUnprocessableEntity, "10015", "Invalid parameter", f.key+" must be a date (YYYY-MM-DD).")
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
			telnyxBody(w, http.StatusUnprocessableEntity, "10015", "Invalid parameter", "PageToken is not valid.")
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
	var next any
	if end < len(list) || alwaysNext && end > start {
		next = pageURI(page+1, base64.RawURLEncoding.EncodeToString([]byte(list[end-1].Sid)))
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"calls":          calls,
		"first_page_uri": pageURI(0, ""),
		"next_page_uri":  next,
		"page":           page,
		"page_size":      size,
		"start":          start,
		"end":            max(end-1, start),
		"uri":            pageURI(page, q.Get("PageToken")),
	})
}

func (s *TelnyxServer) callJSON(c TelnyxCall, layout string) map[string]any {
	m := twilioResource(TwilioCall{
		Sid: c.Sid, Direction: c.Direction, Status: c.Status, From: c.From, To: c.To,
		StartTime: c.StartTime, EndTime: c.EndTime, Duration: c.Duration, Price: c.Price, PriceUnit: c.PriceUnit,
	}, s.AccountSid, layout)
	m["date_updated"] = m["end_time"]
	m["uri"] = "/v2/texml/Accounts/" + s.AccountSid + "/Calls/" + c.Sid + ".json"
	return m
}
