package fake

import (
	"fmt"
	"math/rand"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// BlandCall is one call of the Bland fake. GET /v1/calls lists the fields
// Bland's reference documents for the list (call_id, created_at,
// call_length, to, from, completed, queue_status, error_message,
// answered_by, batch_id); GET /v1/calls/{call_id} adds the detail fields
// (inbound, started_at, end_at, status, price, …). A nil Inbound or Price,
// a zero StartedAt or EndAt, and an empty Status are left out of the
// details; an empty AnsweredBy or ErrorMessage is null.
type BlandCall struct {
	CallID       string
	CreatedAt    time.Time
	StartedAt    time.Time
	EndAt        time.Time // the max-duration cut-off, not the end
	CallLength   float64   // minutes
	From, To     string
	Inbound      *bool
	Price        *float64 // USD
	Status       string
	QueueStatus  string
	Completed    bool
	AnsweredBy   string
	ErrorMessage string
}

// blandTime formats like Bland's timestamps ("2023-12-21T23:25:14.801193+00:00").
func blandTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000-07:00") }

func blandNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// listJSON is the call as GET /v1/calls lists it.
func (c BlandCall) listJSON() map[string]any {
	return map[string]any{
		"call_id": c.CallID, "created_at": blandTime(c.CreatedAt), "call_length": c.CallLength,
		"to": c.To, "from": c.From, "completed": c.Completed, "queue_status": c.QueueStatus,
		"error_message": blandNull(c.ErrorMessage), "answered_by": blandNull(c.AnsweredBy), "batch_id": nil,
	}
}

// detailJSON is the call as GET /v1/calls/{call_id} returns it.
func (c BlandCall) detailJSON() map[string]any {
	m := c.listJSON()
	m["request_data"] = map[string]any{"phone_number": c.To, "wait": false}
	m["endpoint_url"] = "api.prod.bland.ai"
	m["max_duration"] = 30
	m["variables"] = map[string]any{}
	m["metadata"] = map[string]any{}
	m["record"] = false
	m["recording_url"] = nil
	m["transcripts"] = []any{}
	if c.Inbound != nil {
		m["inbound"] = *c.Inbound
	}
	if !c.StartedAt.IsZero() {
		m["started_at"] = blandTime(c.StartedAt)
	}
	if !c.EndAt.IsZero() {
		m["end_at"] = blandTime(c.EndAt)
	}
	if c.Status != "" {
		m["status"] = c.Status
	}
	if c.Price != nil {
		m["price"] = *c.Price
	}
	return m
}

// BlandEpoch is when the generated calls of BlandCalls begin.
var BlandEpoch = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// blandOutcomes are the ended calls' status and answered_by that
// BlandCalls cycles through.
var blandOutcomes = []struct{ status, answeredBy string }{
	{"completed", "human"}, {"completed", "voicemail"}, {"no-answer", "no-answer"},
	{"busy", "unknown"}, {"failed", "unknown"}, {"canceled", "unknown"},
}

// BlandCalls returns n deterministic calls for seed, one every 1–10
// minutes from BlandEpoch. Direction cycles inbound, outbound, not given;
// every fourth call has no price; ended calls cycle through the statuses
// of blandOutcomes, and every 20th call is still in progress (queue_status
// started, no status, no price).
func BlandCalls(n int, seed int64) []BlandCall {
	rng := rand.New(rand.NewSource(seed))
	calls := make([]BlandCall, n)
	at := BlandEpoch
	for i := range calls {
		at = at.Add(time.Duration(60_000+rng.Intn(540_000)) * time.Millisecond)
		minutes := float64(rng.Intn(6000)) / 1000
		out := blandOutcomes[i%len(blandOutcomes)]
		c := BlandCall{
			CallID:      fmt.Sprintf("bland-%06d", i),
			CreatedAt:   at,
			StartedAt:   at.Add(2 * time.Second),
			EndAt:       at.Add(2*time.Second + 30*time.Minute),
			CallLength:  minutes,
			From:        "+14155550000",
			To:          fmt.Sprintf("+1212555%04d", i%10000),
			Status:      out.status,
			QueueStatus: "complete",
			Completed:   true,
			AnsweredBy:  out.answeredBy,
		}
		if out.status != "completed" {
			c.CallLength = 0
		}
		switch i % 3 {
		case 0:
			in := true
			c.Inbound = &in
			c.From, c.To = c.To, c.From
		case 1:
			in := false
			c.Inbound = &in
		}
		if i%4 != 3 {
			price := float64(rng.Intn(1000)) / 1000
			c.Price = &price
		}
		if i%20 == 19 {
			c.Status, c.QueueStatus, c.Completed, c.Price, c.CallLength = "", "started", false, nil, 0
		}
		calls[i] = c
	}
	return calls
}

// BlandServer is a fake of Bland's API (https://api.bland.ai): it checks
// "authorization: <Key>" (the raw key, no "Bearer") and serves
//
//	GET /v1/me
//	GET /v1/calls            index pagination (from inclusive, to exclusive,
//	                         limit default and maximum 1000), start_date /
//	                         end_date day filters (UTC days, both inclusive:
//	                         UNCONFIRMED), ascending, sort_by
//	GET /v1/calls/{call_id}  the call's details
//	GET /v1/inbound          the inbound numbers with their prompts
//
// A query parameter the reference does not document for the endpoint is
// refused with 400. The list answers {total_count, count, calls[]}
// (total_count is from a third-party spec; SetNoTotal leaves it out, as
// the reference's example does). It is an http.Handler. Set its fields
// before serving; the fault switches are safe at any time.
type BlandServer struct {
	faults
	Key     string
	Calls   []BlandCall
	Numbers []BlandNumber
	// Latency is how long every request takes before it is answered (0:
	// none), for benchmarks.
	Latency time.Duration
	noTotal bool
}

// BlandNumber is one inbound number of the Bland fake.
type BlandNumber struct {
	PhoneNumber string
	Prompt      string
	PathwayID   string
}

// NewBland returns a fake Bland that accepts key and holds calls.
func NewBland(key string, calls []BlandCall) *BlandServer {
	return &BlandServer{Key: key, Calls: calls}
}

// SetNoTotal leaves total_count out of the list's answers.
func (s *BlandServer) SetNoTotal(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.noTotal = on
}

func blandError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"status": "error", "message": msg})
}

// blandDate parses a start_date/end_date: YYYY-MM-DD or ISO. It returns the
// first instant after the bound for an end date given as a day.
func blandDate(v string, end bool) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", v); err == nil {
		if end {
			t = t.AddDate(0, 0, 1)
		}
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if end {
		t = t.Add(time.Nanosecond)
	}
	return t, err
}

// blandDialect is how Bland words failures.
var blandDialect = messageDialect(map[string]any{"status": "error", "message": "Invalid or missing API key."})

// blandListParams are the query parameters of GET /v1/calls: the
// reference's (from_number, to_number, from, to, limit, ascending,
// sort_by) and those a third-party spec adds.
var blandListParams = map[string]bool{
	"from_number": true, "to_number": true, "from": true, "to": true, "limit": true,
	"ascending": true, "sort_by": true, "start_date": true, "end_date": true,
	"completed": true, "batch_id": true, "answered_by": true, "inbound": true,
	"campaign_id": true, "duration_gt": true, "duration_lt": true,
}

// ServeHTTP implements http.Handler.
func (s *BlandServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.Latency > 0 {
		t := time.NewTimer(s.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	ok := r.Header.Get("Authorization") == s.Key
	if _, done := s.intercept(w, r, ok, blandDialect); done {
		return
	}
	allowed := map[string]bool{}
	id, isDetail := strings.CutPrefix(r.URL.Path, "/v1/calls/")
	if r.URL.Path == "/v1/calls" {
		allowed = blandListParams
	}
	for k := range r.URL.Query() {
		if !allowed[k] {
			blandError(w, http.StatusBadRequest, "Unknown query parameter: "+k)
			return
		}
	}
	switch {
	case r.Method != http.MethodGet:
		blandError(w, http.StatusNotFound, "Not found")
	case r.URL.Path == "/v1/me":
		writeJSON(w, http.StatusOK, map[string]any{
			"status":      "active",
			"billing":     map[string]any{"current_balance": 42.5, "refill_to": nil},
			"total_calls": len(s.Calls),
		})
	case r.URL.Path == "/v1/calls":
		s.list(w, r)
	case isDetail && id != "" && !strings.Contains(id, "/"):
		s.detail(w, id)
	case r.URL.Path == "/v1/inbound":
		numbers := make([]map[string]any, 0, len(s.Numbers))
		for _, n := range s.Numbers {
			numbers = append(numbers, map[string]any{
				"created_at": blandTime(BlandEpoch), "phone_number": n.PhoneNumber, "prompt": n.Prompt,
				"webhook": nil, "voice_id": 2, "dynamic_data": nil, "interruption_threshold": nil,
				"first_sentence": nil, "transfer_phone_number": nil, "record": false, "max_duration": 30,
				"pathway_id": blandNull(n.PathwayID),
			})
		}
		writeJSON(w, http.StatusOK, map[string]any{"inbound_numbers": numbers})
	default:
		blandError(w, http.StatusNotFound, "Not found")
	}
}

func (s *BlandServer) detail(w http.ResponseWriter, id string) {
	for _, c := range s.Calls {
		if c.CallID == id {
			writeJSON(w, http.StatusOK, c.detailJSON())
			return
		}
	}
	blandError(w, http.StatusNotFound, "Call not found")
}

func (s *BlandServer) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	num := func(k string, def int) (int, bool) {
		v := q.Get(k)
		if v == "" {
			return def, true
		}
		n, err := strconv.Atoi(v)
		return n, err == nil && n >= 0
	}
	from, ok1 := num("from", 0)
	limit, ok2 := num("limit", 1000)
	to, ok3 := num("to", from+limit)
	if !ok1 || !ok2 || !ok3 {
		blandError(w, http.StatusBadRequest, "from, to and limit must be non-negative integers")
		return
	}
	limit = min(limit, 1000)
	if v := q.Get("sort_by"); v != "" && v != "created_at" && v != "updated_at" {
		blandError(w, http.StatusBadRequest, "sort_by must be created_at or updated_at")
		return
	}
	var lo, hi time.Time
	var err error
	if v := q.Get("start_date"); v != "" {
		if lo, err = blandDate(v, false); err != nil {
			blandError(w, http.StatusBadRequest, "start_date must be YYYY-MM-DD")
			return
		}
	}
	if v := q.Get("end_date"); v != "" {
		if hi, err = blandDate(v, true); err != nil {
			blandError(w, http.StatusBadRequest, "end_date must be YYYY-MM-DD")
			return
		}
	}
	var calls []BlandCall
	for _, c := range s.Calls {
		if (lo.IsZero() || !c.CreatedAt.Before(lo)) && (hi.IsZero() || c.CreatedAt.Before(hi)) {
			calls = append(calls, c)
		}
	}
	asc := q.Get("ascending") == "true"
	sort.SliceStable(calls, func(i, j int) bool {
		if !calls[i].CreatedAt.Equal(calls[j].CreatedAt) {
			return calls[i].CreatedAt.Before(calls[j].CreatedAt) == asc
		}
		return (calls[i].CallID < calls[j].CallID) == asc
	})
	start := min(from, len(calls))
	end := max(min(to, start+limit, len(calls)), start)
	page := make([]map[string]any, 0, end-start)
	for _, c := range calls[start:end] {
		page = append(page, c.listJSON())
	}
	body := map[string]any{"count": len(page), "calls": page}
	s.mu.Lock()
	if !s.noTotal {
		body["total_count"] = len(calls)
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, body)
}
