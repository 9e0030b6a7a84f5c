package fake

import (
	"fmt"
	"math/rand"
	"net/http"
	"net/url"
	"regexp"
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
// minutes from TwilioEpoch, cycling through the directions of calls of
// their own. Every tenth call is the one child leg of the call before it
// (its parent, an inbound call whose TwiML <Dial>ed onward): direction
// outbound-dial, parent_call_sid the parent's sid, the parent's caller as
// From, starting 1–20 seconds after the parent and ending with it, with its
// own price. Parents are always completed; of the other calls, every 25th
// (i%25 == 22) is in progress (no end time, duration or price) and every
// 50th (i%50 == 35) queued (no start time either).
func TwilioCalls(n int, seed int64) []TwilioCall {
	rng := rand.New(rand.NewSource(seed))
	calls := make([]TwilioCall, n)
	at := TwilioEpoch
	for i := range calls {
		c := TwilioCall{
			Sid:       fmt.Sprintf("CA%016x%016x", uint64(i), rng.Uint64()),
			Direction: twilioDirections[i%len(twilioDirections)],
			Status:    "completed",
			From:      fmt.Sprintf("+1415555%04d", i%10000),
			To:        "+14155550000",
			Price:     fmt.Sprintf("-%d.%05d", rng.Intn(3), rng.Intn(100000)),
			PriceUnit: "USD",
		}
		if i%10 == 9 {
			parent := calls[i-1]
			ring := min(int64(1+rng.Intn(20)), parent.Duration)
			c.ParentCallSid, c.Direction, c.From, c.To = parent.Sid, "outbound-dial", parent.From, fmt.Sprintf("+1628555%04d", i%10000)
			c.StartTime, c.EndTime, c.Duration = parent.StartTime.Add(time.Duration(ring)*time.Second), parent.EndTime, parent.Duration-ring
			calls[i] = c
			continue
		}
		at = at.Add(time.Duration(60+rng.Intn(540)) * time.Second)
		c.Duration = int64(rng.Intn(900))
		c.StartTime, c.EndTime = at, at.Add(time.Duration(c.Duration)*time.Second)
		switch {
		case i%10 == 8:
			c.Direction = "inbound"
		case i%50 == 35:
			c.Status, c.StartTime, c.EndTime, c.Duration, c.Price = "queued", time.Time{}, time.Time{}, 0, ""
		case i%25 == 22:
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
//	GET /2010-04-01/Accounts/{Sid}.json                       the Account resource
//	GET /2010-04-01/Accounts/{Sid}/Calls.json                 the Calls list
//	GET /2010-04-01/Accounts/{Sid}/IncomingPhoneNumbers.json  the phone numbers
//
// Both lists take the query parameters of Twilio's OpenAPI description
// (twilio-oai, api_v2010) with the values it allows, and refuse any other
// parameter or value with 400, as a strict server would. Both are paged by
// PageSize (default 50, 1 to 1000), Page (a number, for the client's state)
// and a relative next_page_uri that keeps the filters and adds Page and
// PageToken (PA + the last sid served); a PageToken the fake did not issue
// is refused.
//
// The Calls list is newest first, filtered by To, From, ParentCallSid (a
// CA sid), Status (one of call_enum_status) and by StartTime / EndTime (on
// that UTC date), StartTime> / EndTime> (on or after it) and StartTime< /
// EndTime< (before it): YYYY-MM-DD dates compared with the UTC date of
// start_time or end_time (a call with no such time never matches). The
// spec types these as date-time and answers other forms ("06/11/2019
// 22:05:25 MST" in its readEmptyDateFunDateFormats example) with 200 and an
// empty page; what Twilio does with them is UNCONFIRMED, so the fake
// accepts them and they match no call.
//
// The numbers list is in the order held, filtered by FriendlyName (exact),
// PhoneNumber (a part of the number, '*' for any digit), Origin (twilio or
// hosted) and Beta (true, the default, or false: without beta numbers).
// It is an http.Handler.
type TwilioServer struct {
	faults
	AccountSid string
	AuthToken  string
	// APIKeys are the account's API keys, SID to secret: Basic auth with one
	// of them is accepted like the auth token.
	APIKeys map[string]string
	Calls   []TwilioCall
	Numbers []TwilioNumber
	status  string
}

// NewTwilio returns a fake Twilio whose active account sid, with token,
// holds calls and the two numbers TwilioNumbers(2).
func NewTwilio(sid, token string, calls []TwilioCall) *TwilioServer {
	return &TwilioServer{AccountSid: sid, AuthToken: token, Calls: calls, Numbers: TwilioNumbers(2), status: "active"}
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

// twilioBadRequest is Twilio's 400 for a parameter it does not take.
func twilioBadRequest(w http.ResponseWriter, msg string) {
	twilioBody(w, http.StatusBadRequest, 20001, msg)
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
	case r.URL.Path == prefix+"/IncomingPhoneNumbers.json":
		s.numbers(w, r)
	default:
		twilioError(w, http.StatusNotFound)
	}
}

// twilioCallsParams are the query parameters the Calls list defines.
var twilioCallsParams = map[string]bool{
	"To": true, "From": true, "ParentCallSid": true, "Status": true,
	"StartTime": true, "StartTime<": true, "StartTime>": true,
	"EndTime": true, "EndTime<": true, "EndTime>": true,
	"PageSize": true, "Page": true, "PageToken": true,
}

// twilioStatuses are the values of call_enum_status.
var twilioStatuses = map[string]bool{
	"queued": true, "ringing": true, "in-progress": true, "completed": true,
	"busy": true, "failed": true, "no-answer": true, "canceled": true,
}

// twilioCallSid is the pattern of a Call sid.
var twilioCallSid = regexp.MustCompile(`^CA[0-9a-fA-F]{32}$`)

// twilioQuery checks q against a list's parameters: only known keys, each
// once, and PageSize and Page within their bounds. It returns the page
// size, or answers 400 and returns false.
func twilioQuery(w http.ResponseWriter, q url.Values, known map[string]bool) (int, bool) {
	for k, v := range q {
		if !known[k] {
			twilioBadRequest(w, "Unknown parameter "+k)
			return 0, false
		}
		if len(v) != 1 {
			twilioBadRequest(w, "Parameter "+k+" given more than once")
			return 0, false
		}
	}
	size := 50
	if v := q.Get("PageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			twilioBadRequest(w, "Invalid PageSize")
			return 0, false
		}
		size = n
	}
	if v := q.Get("Page"); v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < 0 {
			twilioBadRequest(w, "Invalid Page")
			return 0, false
		}
	}
	return size, true
}

func (s *TwilioServer) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	size, ok := twilioQuery(w, q, twilioCallsParams)
	if !ok {
		return
	}
	if v := q.Get("Status"); v != "" && !twilioStatuses[v] {
		twilioBadRequest(w, "Invalid Status")
		return
	}
	if v := q.Get("ParentCallSid"); v != "" && !twilioCallSid.MatchString(v) {
		twilioBadRequest(w, "Invalid ParentCallSid")
		return
	}
	var dates []twilioDateFilter
	for key, f := range twilioDateFilters {
		if v := q.Get(key); v != "" {
			_, err := time.Parse(time.DateOnly, v)
			f.value, f.date = v, err == nil
			dates = append(dates, f)
		}
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
	twilioPage(w, r, size, "calls", len(list), func(i int) string { return list[i].Sid },
		func(i int) any { return s.callJSON(list[i]) })
}

// twilioPage serves one page of a list of n resources, the i-th with sid
// sid(i) and body item(i), under key: from the one after PageToken's sid,
// size of them, with Twilio's paging keys.
func twilioPage(w http.ResponseWriter, r *http.Request, size int, key string, n int, sid func(int) string, item func(int) any) {
	q := r.URL.Query()
	start := 0
	if tok := q.Get("PageToken"); tok != "" {
		start = -1
		for i := 0; i < n; i++ {
			if "PA"+sid(i) == tok {
				start = i + 1
			}
		}
		if start < 0 {
			twilioBadRequest(w, "Invalid PageToken")
			return
		}
	}
	page, _ := strconv.Atoi(q.Get("Page"))
	end := min(start+size, n)
	items := make([]any, 0, end-start)
	for i := start; i < end; i++ {
		items = append(items, item(i))
	}
	first := url.Values{}
	for k, v := range q {
		if k != "Page" && k != "PageToken" {
			first[k] = v
		}
	}
	var next any
	if end < n {
		nq := url.Values{}
		for k, v := range first {
			nq[k] = v
		}
		nq.Set("Page", strconv.Itoa(page+1))
		nq.Set("PageToken", "PA"+sid(end-1))
		next = r.URL.Path + "?" + nq.Encode()
	}
	writeJSON(w, http.StatusOK, map[string]any{
		key:                 items,
		"first_page_uri":    r.URL.Path + "?" + first.Encode(),
		"next_page_uri":     next,
		"previous_page_uri": nil,
		"page":              page,
		"page_size":         size,
		"start":             start,
		"end":               max(end-1, start),
		"uri":               r.URL.Path + "?" + q.Encode(),
	})
}

// twilioDateFilter is one date filter of the Calls list.
type twilioDateFilter struct {
	end   bool   // EndTime, else StartTime
	cmp   string // "=", ">" (on or after), "<" (before)
	value string
	date  bool // value is YYYY-MM-DD; any other form matches nothing
}

var twilioDateFilters = map[string]twilioDateFilter{
	"StartTime": {false, "=", "", false}, "StartTime>": {false, ">", "", false}, "StartTime<": {false, "<", "", false},
	"EndTime": {true, "=", "", false}, "EndTime>": {true, ">", "", false}, "EndTime<": {true, "<", "", false},
}

func (f twilioDateFilter) match(c TwilioCall) bool {
	t := c.StartTime
	if f.end {
		t = c.EndTime
	}
	if t.IsZero() || !f.date {
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

// callJSON is c in the shape of api.v2010.account.call: every property of
// the schema, null where it is nullable and the fake has no value (the
// duration too for calls that did not connect: "empty for busy, failed,
// unanswered, or ongoing calls").
func (s *TwilioServer) callJSON(c TwilioCall) map[string]any {
	uri := "/2010-04-01/Accounts/" + s.AccountSid + "/Calls/" + c.Sid + ".json"
	m := twilioResource(c, s.AccountSid, time.RFC1123Z)
	switch c.Status {
	case "busy", "failed", "no-answer", "canceled":
		m["duration"] = nil
	}
	m["date_updated"] = m["end_time"]
	if m["date_updated"] == nil {
		m["date_updated"] = m["date_created"]
	}
	m["parent_call_sid"] = twilioNull(c.ParentCallSid)
	m["phone_number_sid"] = nil
	m["forwarded_from"] = nil
	m["group_sid"] = nil
	m["trunk_sid"] = nil
	m["api_version"] = "2010-04-01"
	m["queue_time"] = "0"
	m["uri"] = uri
	m["subresource_uris"] = map[string]string{
		"notifications": strings.TrimSuffix(uri, ".json") + "/Notifications.json",
		"recordings":    strings.TrimSuffix(uri, ".json") + "/Recordings.json",
	}
	return m
}
