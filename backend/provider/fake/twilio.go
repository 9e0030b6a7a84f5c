package fake

import (
	"fmt"
	"math/rand"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// twilioDay is t's UTC date, as the Twilio and Telnyx fakes' date filters
// compare it.
func twilioDay(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// TwilioCall is one call the Twilio fake serves. A zero StartTime or
// EndTime, and an empty Price or ParentCallSid, are JSON null.
type TwilioCall struct {
	Sid           string
	ParentCallSid string
	Direction     string // inbound, outbound-api, outbound-dial, trunking-originating, trunking-terminating
	Status        string
	From          string
	To            string
	StartTime     time.Time
	EndTime       time.Time
	Duration      int64 // seconds
	Price         string
	PriceUnit     string
}

// TwilioEpoch is when the generated calls of TwilioCalls begin.
var TwilioEpoch = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

var twilioDirections = []string{"inbound", "outbound-api", "trunking-originating", "trunking-terminating", "inbound"}

// TwilioCalls returns n deterministic calls for seed, one every 1–10
// minutes from TwilioEpoch. Every tenth call is a child leg (direction
// outbound-dial, parent_call_sid the call before it); the others cycle
// through the remaining directions. Every 25th call is in progress (no end
// time, no price) and every 50th queued (no start time either).
func TwilioCalls(n int, seed int64) []TwilioCall {
	rng := rand.New(rand.NewSource(seed))
	calls := make([]TwilioCall, n)
	at := TwilioEpoch
	for i := range calls {
		at = at.Add(time.Duration(60+rng.Intn(540)) * time.Second)
		dur := int64(rng.Intn(900))
		c := TwilioCall{
			Sid:       fmt.Sprintf("CA%016x%016x", uint64(i), rng.Uint64()),
			Direction: twilioDirections[i%len(twilioDirections)],
			Status:    "completed",
			From:      fmt.Sprintf("+1415555%04d", i%10000),
			To:        "+14155550000",
			StartTime: at,
			EndTime:   at.Add(time.Duration(dur) * time.Second),
			Duration:  dur,
			Price:     fmt.Sprintf("-%d.%05d", rng.Intn(3), rng.Intn(100000)),
			PriceUnit: "USD",
		}
		if i%10 == 9 {
			c.Direction, c.ParentCallSid = "outbound-dial", calls[i-1].Sid
		}
		switch {
		case i%50 == 49:
			c.Status, c.StartTime, c.EndTime, c.Duration, c.Price = "queued", time.Time{}, time.Time{}, 0, ""
		case i%25 == 24:
			c.Status, c.EndTime, c.Duration, c.Price = "in-progress", time.Time{}, 0, ""
		}
		calls[i] = c
	}
	return calls
}

// TwilioServer is a fake of Twilio's REST API (https://api.twilio.com): it
// checks HTTP Basic auth with AccountSid:AuthToken, or with the SID and
// secret of one of the account's API keys, exactly, and serves
//
//	GET /2010-04-01/Accounts/{Sid}.json        the Account resource
//	GET /2010-04-01/Accounts/{Sid}/Calls.json  the Calls list
//
// The Calls list takes the query parameters of Twilio's OpenAPI description
// (twilio-oai, api_v2010) and refuses any other with 400, as a strict server
// would: it is newest first, filtered by To, From, ParentCallSid, Status and
// by StartTime / EndTime (on that UTC date), StartTime> / EndTime> (on or
// after it) and StartTime< / EndTime< (before it), YYYY-MM-DD dates compared
// with the UTC date of start_time or end_time (a call with no such time never
// matches a date filter), paged
// by PageSize (default 50, at most 1000) and a relative next_page_uri that
// keeps the filters and adds Page and PageToken (PA + the last sid served).
// It is an http.Handler.
type TwilioServer struct {
	faults
	AccountSid string
	AuthToken  string
	// APIKeys are the account's API keys, SID to secret: Basic auth with one
	// of them is accepted like the auth token.
	APIKeys map[string]string
	Calls   []TwilioCall
	status  string
}

// NewTwilio returns a fake Twilio whose active account sid, with token,
// holds calls.
func NewTwilio(sid, token string, calls []TwilioCall) *TwilioServer {
	return &TwilioServer{AccountSid: sid, AuthToken: token, Calls: calls, status: "active"}
}

// SetStatus sets the account's status: active, suspended or closed.
func (s *TwilioServer) SetStatus(status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status = status
}

// twilioError writes Twilio's error body, e.g. for 401
// {"code":20003,"message":"Authenticate","more_info":…,"status":401}.
func twilioError(w http.ResponseWriter, status int) {
	code, msg := 20000+status, http.StatusText(status)
	switch status {
	case http.StatusUnauthorized:
		code, msg = 20003, "Authenticate"
		w.Header().Set("WWW-Authenticate", `Basic realm="Twilio API"`)
	case http.StatusNotFound:
		code, msg = 20404, "The requested resource was not found"
	case http.StatusTooManyRequests:
		code, msg = 20429, "Too Many Requests"
	}
	twilioBody(w, status, code, msg)
}

// twilioDialect is how Twilio words failures; Telnyx's TeXML fake cuts a
// page short the same way.
var twilioDialect = dialect{writeError: twilioError, truncated: `{"calls": [{"sid": "CA`}

func twilioBody(w http.ResponseWriter, status, code int, msg string) {
	writeJSON(w, status, map[string]any{
		"code":      code,
		"message":   msg,
		"more_info": fmt.Sprintf("https://www.twilio.com/docs/errors/%d", code),
		"status":    status,
	})
}

// ServeHTTP implements http.Handler.
func (s *TwilioServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	user, pass, ok := r.BasicAuth()
	secret, isKey := s.APIKeys[user]
	authorized := ok && (user == s.AccountSid && pass == s.AuthToken || isKey && pass == secret)
	if _, done := s.intercept(w, r, authorized, twilioDialect); done {
		return
	}
	prefix := "/2010-04-01/Accounts/" + s.AccountSid
	switch {
	case r.Method != http.MethodGet:
		twilioBody(w, http.StatusMethodNotAllowed, 20004, "Method not allowed")
	case r.URL.Path == prefix+".json":
		s.mu.Lock()
		status := s.status
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]any{
			"sid":           s.AccountSid,
			"friendly_name": "Fake account",
			"status":        status,
			"type":          "Full",
			"date_created":  TwilioEpoch.Format(time.RFC1123Z),
			"uri":           prefix + ".json",
		})
	case r.URL.Path == prefix+"/Calls.json":
		s.list(w, r)
	default:
		twilioError(w, http.StatusNotFound)
	}
}

func (s *TwilioServer) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	size := 50
	if v := q.Get("PageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			twilioBody(w, http.StatusBadRequest, 20001, "Invalid PageSize")
			return
		}
		size = min(n, 1000)
	}
	for k := range q {
		if !twilioCallsParams[k] {
			twilioBody(w, http.StatusBadRequest, 20001, "Unknown parameter "+k)
			return
		}
	}
	var dates []twilioDateFilter
	for key, f := range twilioDateFilters {
		v := q.Get(key)
		if v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			twilioBody(w, http.StatusBadRequest, 20001, "Invalid "+key)
			return
		}
		f.value = v
		dates = append(dates, f)
	}
	var list []TwilioCall
calls:
	for _, c := range s.Calls {
		for key, got := range map[string]string{"To": c.To, "From": c.From, "ParentCallSid": c.ParentCallSid, "Status": c.Status} {
			if v := q.Get(key); v != "" && v != got {
				continue calls
			}
		}
		for _, f := range dates {
			if !f.match(c) {
				continue calls
			}
		}
		list = append(list, c)
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].StartTime, list[j].StartTime
		if a.IsZero() != b.IsZero() {
			return a.IsZero()
		}
		if !a.Equal(b) {
			return a.After(b)
		}
		return list[i].Sid < list[j].Sid
	})
	start := 0
	if tok := q.Get("PageToken"); tok != "" {
		start = -1
		for i, c := range list {
			if "PA"+c.Sid == tok {
				start = i + 1
			}
		}
		if start < 0 {
			twilioBody(w, http.StatusBadRequest, 20001, "Invalid PageToken")
			return
		}
	}
	page, _ := strconv.Atoi(q.Get("Page"))
	end := min(start+size, len(list))
	calls := make([]map[string]any, 0, end-start)
	for _, c := range list[start:end] {
		calls = append(calls, s.callJSON(c))
	}
	self := r.URL.Path + "?" + q.Encode()
	first := url.Values{}
	for k, v := range q {
		if k != "Page" && k != "PageToken" {
			first[k] = v
		}
	}
	var next any
	if end < len(list) {
		nq := url.Values{}
		for k, v := range first {
			nq[k] = v
		}
		nq.Set("Page", strconv.Itoa(page+1))
		nq.Set("PageToken", "PA"+list[end-1].Sid)
		next = r.URL.Path + "?" + nq.Encode()
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"calls":             calls,
		"first_page_uri":    r.URL.Path + "?" + first.Encode(),
		"next_page_uri":     next,
		"previous_page_uri": nil,
		"page":              page,
		"page_size":         size,
		"start":             start,
		"end":               max(end-1, start),
		"uri":               self,
	})
}

// twilioCallsParams are the query parameters the Calls list defines.
var twilioCallsParams = map[string]bool{
	"To": true, "From": true, "ParentCallSid": true, "Status": true,
	"StartTime": true, "StartTime<": true, "StartTime>": true,
	"EndTime": true, "EndTime<": true, "EndTime>": true,
	"PageSize": true, "Page": true, "PageToken": true,
}

// twilioDateFilter is one date filter of the Calls list.
type twilioDateFilter struct {
	end   bool   // EndTime, else StartTime
	cmp   string // "=", ">" (on or after), "<" (before)
	value string
}

var twilioDateFilters = map[string]twilioDateFilter{
	"StartTime": {false, "=", ""}, "StartTime>": {false, ">", ""}, "StartTime<": {false, "<", ""},
	"EndTime": {true, "=", ""}, "EndTime>": {true, ">", ""}, "EndTime<": {true, "<", ""},
}

func (f twilioDateFilter) match(c TwilioCall) bool {
	t := c.StartTime
	if f.end {
		t = c.EndTime
	}
	if t.IsZero() {
		return false
	}
	d := twilioDay(t)
	switch f.cmp {
	case ">":
		return d >= f.value
	case "<":
		return d < f.value
	}
	return d == f.value
}

func twilioNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// twilioResource is call c as a call resource in the shape of Twilio's
// API, which Telnyx's TeXML API copies: times in layout (null when zero),
// the duration as a string once the call has ended, a null price when
// there is none. Each fake adds its own keys.
func twilioResource(c TwilioCall, accountSid, layout string) map[string]any {
	at := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return t.UTC().Format(layout)
	}
	duration := any(nil)
	if !c.EndTime.IsZero() {
		duration = strconv.FormatInt(c.Duration, 10)
	}
	return map[string]any{
		"sid":            c.Sid,
		"account_sid":    accountSid,
		"date_created":   at(c.StartTime),
		"start_time":     at(c.StartTime),
		"end_time":       at(c.EndTime),
		"duration":       duration,
		"price":          twilioNull(c.Price),
		"price_unit":     c.PriceUnit,
		"direction":      c.Direction,
		"status":         c.Status,
		"from":           c.From,
		"to":             c.To,
		"from_formatted": c.From,
		"to_formatted":   c.To,
		"answered_by":    nil,
		"caller_name":    nil,
	}
}

func (s *TwilioServer) callJSON(c TwilioCall) map[string]any {
	uri := "/2010-04-01/Accounts/" + s.AccountSid + "/Calls/" + c.Sid + ".json"
	m := twilioResource(c, s.AccountSid, time.RFC1123Z)
	m["parent_call_sid"] = twilioNull(c.ParentCallSid)
	m["api_version"] = "2010-04-01"
	m["queue_time"] = "0"
	m["uri"] = uri
	m["subresource_uris"] = map[string]string{
		"recordings": strings.TrimSuffix(uri, ".json") + "/Recordings.json",
	}
	return m
}
