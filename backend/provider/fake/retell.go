package fake

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// RetellCall is one call as Retell's API returns it (PhoneCallResponse,
// the fields Switchboard reads). Optional fields are pointers or omitted
// when empty.
type RetellCall struct {
	CallID         string          `json:"call_id"`
	CallType       string          `json:"call_type"` // phone_call | web_call
	Direction      string          `json:"direction,omitempty"`
	CallStatus     string          `json:"call_status"`
	FromNumber     string          `json:"from_number,omitempty"`
	ToNumber       string          `json:"to_number,omitempty"`
	StartTimestamp int64           `json:"start_timestamp"` // epoch ms
	EndTimestamp   int64           `json:"end_timestamp,omitempty"`
	DurationMs     int64           `json:"duration_ms,omitempty"`
	CallCost       *RetellCallCost `json:"call_cost,omitempty"`
	AgentID        string          `json:"agent_id,omitempty"`
}

// RetellCallCost is a call's cost; CombinedCost is in cents (USD).
type RetellCallCost struct {
	CombinedCost         float64 `json:"combined_cost"`
	TotalDurationSeconds int64   `json:"total_duration_seconds"`
}

// RetellConcurrency is GET /get-concurrency's answer.
type RetellConcurrency struct {
	CurrentConcurrency         int  `json:"current_concurrency"`
	ConcurrencyLimit           int  `json:"concurrency_limit"`
	BaseConcurrency            int  `json:"base_concurrency"`
	PurchasedConcurrency       int  `json:"purchased_concurrency"`
	ConcurrencyPurchaseLimit   int  `json:"concurrency_purchase_limit"`
	RemainingPurchaseLimit     int  `json:"remaining_purchase_limit"`
	ConcurrencyBurstEnabled    bool `json:"concurrency_burst_enabled"`
	ConcurrencyBurstLimit      int  `json:"concurrency_burst_limit"`
	ReservedInboundConcurrency int  `json:"reserved_inbound_concurrency"`
}

// RetellEpoch is when the generated calls of RetellCalls begin.
var RetellEpoch = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// RetellCalls returns n deterministic calls for seed, one every 1–10
// minutes from RetellEpoch, mixing inbound, outbound and web calls, with
// and without cost.
func RetellCalls(n int, seed int64) []RetellCall {
	rng := rand.New(rand.NewSource(seed))
	calls := make([]RetellCall, n)
	at := RetellEpoch.UnixMilli()
	for i := range calls {
		at += int64(60_000 + rng.Intn(540_000))
		dur := int64(rng.Intn(600_000))
		c := RetellCall{
			CallID:         fmt.Sprintf("call_%06d", i),
			CallType:       "phone_call",
			CallStatus:     "ended",
			StartTimestamp: at,
			EndTimestamp:   at + dur,
			DurationMs:     dur,
			AgentID:        "agent_1",
		}
		switch i % 3 {
		case 0:
			c.Direction, c.FromNumber, c.ToNumber = "inbound", fmt.Sprintf("+1415555%04d", i%10000), "+14155550000"
		case 1:
			c.Direction, c.FromNumber, c.ToNumber = "outbound", "+14155550000", fmt.Sprintf("+1212555%04d", i%10000)
		case 2:
			c.CallType = "web_call"
		}
		if i%5 != 4 {
			c.CallCost = &RetellCallCost{CombinedCost: float64(rng.Intn(5000)) / 2, TotalDurationSeconds: dur / 1000}
		}
		calls[i] = c
	}
	return calls
}

// RetellServer is a fake of Retell's API (https://api.retellai.com): it
// checks "Authorization: Bearer <Key>" and serves GET /get-concurrency and
// POST /v3/list-calls over Calls. It is an http.Handler.
// Set its fields before serving; the fault switches are safe at any time.
type RetellServer struct {
	faults
	Key         string
	Calls       []RetellCall
	Concurrency RetellConcurrency
	// LegacyArray makes /v3/list-calls answer as /v2/list-calls did: a bare
	// JSON array, paged by pagination_key = the last call_id returned.
	LegacyArray bool

	// The calls sorted by (start, id), made at the first listing, so that a
	// page of a million-call account costs a binary search, not a sort.
	sortOnce sync.Once
	byStart  []RetellCall
	index    map[string]int
}

func (s *RetellServer) sortCalls() {
	s.sortOnce.Do(func() {
		s.byStart = slices.Clone(s.Calls)
		slices.SortStableFunc(s.byStart, func(a, b RetellCall) int {
			if a.StartTimestamp != b.StartTimestamp {
				return cmp.Compare(a.StartTimestamp, b.StartTimestamp)
			}
			return strings.Compare(a.CallID, b.CallID)
		})
		s.index = make(map[string]int, len(s.byStart))
		for i, c := range s.byStart {
			s.index[c.CallID] = i
		}
	})
}

// page returns up to limit calls whose start is within [lo, hi], in the asked
// order, after the call with id after ("" for the first page), and whether
// more follow. Set Calls before the first listing: later changes are not seen.
func (s *RetellServer) page(lo, hi int64, asc bool, after string, limit int) ([]RetellCall, bool) {
	s.sortCalls()
	byStart := func(c RetellCall, t int64) int { return cmp.Compare(c.StartTimestamp, t) }
	i, _ := slices.BinarySearchFunc(s.byStart, lo, byStart)
	j := len(s.byStart)
	if hi < math.MaxInt64 {
		j, _ = slices.BinarySearchFunc(s.byStart, hi+1, byStart)
	}
	if after != "" {
		k, ok := s.index[after]
		switch {
		case !ok || k < i || k >= j:
			return nil, false // an unknown key ends the listing
		case asc:
			i = k + 1
		default:
			j = k
		}
	}
	if i >= j {
		return []RetellCall{}, false
	}
	if asc {
		end := min(i+limit, j)
		return slices.Clone(s.byStart[i:end]), end < j
	}
	start := max(j-limit, i)
	page := slices.Clone(s.byStart[start:j])
	slices.Reverse(page)
	return page, start > i
}

// NewRetell returns a fake Retell that accepts key and holds calls.
func NewRetell(key string, calls []RetellCall) *RetellServer {
	return &RetellServer{
		Key:   key,
		Calls: calls,
		Concurrency: RetellConcurrency{
			CurrentConcurrency: 3, ConcurrencyLimit: 20, BaseConcurrency: 20,
			ConcurrencyPurchaseLimit: 100, RemainingPurchaseLimit: 80,
			ConcurrencyBurstLimit: 60, ReservedInboundConcurrency: 2,
		},
	}
}

type retellListRequest struct {
	FilterCriteria struct {
		StartTimestamp *struct {
			Op    string  `json:"op"`
			Type  string  `json:"type"`
			Value []int64 `json:"value"`
		} `json:"start_timestamp"`
	} `json:"filter_criteria"`
	Limit         *int   `json:"limit"`
	PaginationKey string `json:"pagination_key"`
	SortOrder     string `json:"sort_order"`
}

// retellDialect is how Retell words failures.
var retellDialect = messageDialect(map[string]any{"status": "error", "message": "Invalid API Key."})

// ServeHTTP implements http.Handler.
func (s *RetellServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ok := r.Header.Get("Authorization") == "Bearer "+s.Key
	body, done := s.intercept(w, r, ok, retellDialect)
	if done {
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/get-concurrency":
		writeJSON(w, http.StatusOK, s.Concurrency)
	case r.Method == http.MethodPost && r.URL.Path == "/v3/list-calls":
		s.list(w, body)
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"status": "error", "message": "Not found"})
	}
}

// list filters start_timestamp by an inclusive range ({op:"bt"}, both ends
// inclusive: UNCONFIRMED), sorts by start_timestamp (descending unless
// sort_order is "ascending") and pages after the pagination_key.
func (s *RetellServer) list(w http.ResponseWriter, body []byte) {
	var req retellListRequest
	if len(body) > 0 {
		if err := json.Unmarshal(body, &req); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]any{"status": "error", "message": "Invalid request body"})
			return
		}
	}
	limit := 50
	if req.Limit != nil {
		limit = *req.Limit
	}
	if limit < 1 || limit > 1000 {
		writeJSON(w, http.StatusBadRequest, map[string]any{"status": "error", "message": "limit must be between 1 and 1000"})
		return
	}
	lo, hi := int64(-1<<63), int64(1<<63-1)
	if st := req.FilterCriteria.StartTimestamp; st != nil {
		if st.Op != "bt" || st.Type != "range" || len(st.Value) != 2 {
			writeJSON(w, http.StatusBadRequest, map[string]any{"status": "error", "message": "invalid start_timestamp filter"})
			return
		}
		lo, hi = st.Value[0], st.Value[1]
	}
	after := ""
	if req.PaginationKey != "" {
		after = req.PaginationKey
		if !s.LegacyArray {
			raw, err := base64.RawURLEncoding.DecodeString(req.PaginationKey)
			if err != nil {
				writeJSON(w, http.StatusBadRequest, map[string]any{"status": "error", "message": "invalid pagination_key"})
				return
			}
			after = string(raw)
		}
	}
	page, more := s.page(lo, hi, req.SortOrder == "ascending", after, limit)
	if s.LegacyArray {
		writeJSON(w, http.StatusOK, page)
		return
	}
	resp := map[string]any{"has_more": more}
	if len(page) > 0 { // the SDK marks items optional: an empty page leaves it out
		resp["items"] = page
	}
	if more && len(page) > 0 {
		resp["pagination_key"] = base64.RawURLEncoding.EncodeToString([]byte(page[len(page)-1].CallID))
	}
	writeJSON(w, http.StatusOK, resp)
}
