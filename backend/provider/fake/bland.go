package fake

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"net/http"
	"sort"
	"strconv"
	"time"
)

// BlandCall is one call as Bland's GET /v1/calls returns it. Price and
// Inbound are left out of the JSON when nil (the list schema is [3P] and
// may lack them); zero times are left out too.
type BlandCall struct {
	CallID      string
	CreatedAt   time.Time
	StartedAt   time.Time
	EndAt       time.Time
	CallLength  float64 // minutes
	From, To    string
	Inbound     *bool
	Price       *float64 // USD
	Status      string
	QueueStatus string
	Completed   bool
}

// blandTime formats like Bland's Postgres-backed timestamps (offset form).
func blandTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000-07:00") }

// MarshalJSON writes the call in Bland's shape.
func (c BlandCall) MarshalJSON() ([]byte, error) {
	m := map[string]any{
		"call_id": c.CallID, "created_at": blandTime(c.CreatedAt), "call_length": c.CallLength,
		"to": c.To, "from": c.From, "completed": c.Completed, "queue_status": c.QueueStatus,
		"status": c.Status, "answered_by": "human", "batch_id": nil, "error_message": nil,
	}
	if !c.StartedAt.IsZero() {
		m["started_at"] = blandTime(c.StartedAt)
	}
	if !c.EndAt.IsZero() {
		m["end_at"] = blandTime(c.EndAt)
	}
	if c.Inbound != nil {
		m["inbound"] = *c.Inbound
	}
	if c.Price != nil {
		m["price"] = *c.Price
	}
	return json.Marshal(m)
}

// BlandEpoch is when the generated calls of BlandCalls begin.
var BlandEpoch = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// BlandCalls returns n deterministic calls for seed, one every 1–10
// minutes from BlandEpoch. Direction cycles inbound, outbound, not given;
// every fourth call has no price.
func BlandCalls(n int, seed int64) []BlandCall {
	rng := rand.New(rand.NewSource(seed))
	calls := make([]BlandCall, n)
	at := BlandEpoch
	for i := range calls {
		at = at.Add(time.Duration(60_000+rng.Intn(540_000)) * time.Millisecond)
		minutes := float64(rng.Intn(6000)) / 1000
		c := BlandCall{
			CallID:      fmt.Sprintf("bland-%06d", i),
			CreatedAt:   at,
			StartedAt:   at.Add(2 * time.Second),
			CallLength:  minutes,
			From:        "+14155550000",
			To:          fmt.Sprintf("+1212555%04d", i%10000),
			Status:      "completed",
			QueueStatus: "complete",
			Completed:   true,
		}
		c.EndAt = c.StartedAt.Add(time.Duration(minutes * float64(time.Minute)))
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
		calls[i] = c
	}
	return calls
}

// BlandServer is a fake of Bland's API (https://api.bland.ai): it checks
// "authorization: <Key>" (the raw key, no "Bearer") and serves GET /v1/me
// and GET /v1/calls with index pagination (from inclusive, to exclusive,
// limit default and maximum 1000), start_date/end_date day filters (UTC
// days, both inclusive: UNCONFIRMED) and ascending/sort_by. It is an
// http.Handler.
// Set its fields before serving; the fault switches are safe at any time.
type BlandServer struct {
	faults
	Key   string
	Calls []BlandCall
}

// NewBland returns a fake Bland that accepts key and holds calls.
func NewBland(key string, calls []BlandCall) *BlandServer {
	return &BlandServer{Key: key, Calls: calls}
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

// ServeHTTP implements http.Handler.
func (s *BlandServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ok := r.Header.Get("Authorization") == s.Key
	if _, done := s.intercept(w, r, ok, blandDialect); done {
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/v1/me":
		writeJSON(w, http.StatusOK, map[string]any{
			"status":      "active",
			"billing":     map[string]any{"current_balance": 42.5, "refill_to": nil},
			"total_calls": len(s.Calls),
		})
	case r.Method == http.MethodGet && r.URL.Path == "/v1/calls":
		s.list(w, r)
	default:
		blandError(w, http.StatusNotFound, "Not found")
	}
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
	end := min(to, start+limit, len(calls))
	end = max(end, start)
	page := append([]BlandCall{}, calls[start:end]...)
	writeJSON(w, http.StatusOK, map[string]any{
		"total_count": len(calls), "count": len(page), "calls": page,
	})
}
