package fake

import (
	"bytes"
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

// RetellCall is one call as Retell's API returns it: MarshalJSON writes
// it in the shape of the SDK's V3PhoneCallResponse (call_type
// "phone_call") or V3WebCallResponse ("web_call"), every required field
// present and optional ones left out when zero: a registered call has no
// start_timestamp, a call in progress no end, duration or cost.
type RetellCall struct {
	CallID              string
	CallType            string // phone_call | web_call
	Direction           string // inbound | outbound (phone calls)
	CallStatus          string // registered | not_connected | ongoing | ended | error
	DisconnectionReason string
	FromNumber          string
	ToNumber            string
	StartTimestamp      int64 // epoch ms; 0: not started
	EndTimestamp        int64
	DurationMs          int64
	CallCost            *RetellCallCost
	AgentID             string
	AgentVersion        int
	AgentName           string
}

// RetellCallCost is a call's cost (CallCost): every amount in cents (USD).
type RetellCallCost struct {
	CombinedCost           float64             `json:"combined_cost"`
	ProductCosts           []RetellProductCost `json:"product_costs"`
	TotalDurationSeconds   int64               `json:"total_duration_seconds"`
	TotalDurationUnitPrice float64             `json:"total_duration_unit_price"`
}

// RetellProductCost is one product's part of a call's cost, in cents.
type RetellProductCost struct {
	Product   string  `json:"product"`
	Cost      float64 `json:"cost"`
	UnitPrice float64 `json:"unit_price,omitempty"`
}

// retellCallJSON is a call on the wire: pointers and omitempty leave out
// what the SDK marks optional (a struct, not a map, so that a page of a
// million-call benchmark costs the fake little of the machine it shares).
type retellCallJSON struct {
	CallID              string          `json:"call_id"`
	CallType            string          `json:"call_type"`
	CallStatus          string          `json:"call_status"`
	AgentID             string          `json:"agent_id"`
	AgentVersion        int             `json:"agent_version"`
	AgentName           string          `json:"agent_name,omitempty"`
	AccessToken         string          `json:"access_token,omitempty"`
	Direction           *string         `json:"direction,omitempty"`
	FromNumber          *string         `json:"from_number,omitempty"`
	ToNumber            *string         `json:"to_number,omitempty"`
	DisconnectionReason string          `json:"disconnection_reason,omitempty"`
	StartTimestamp      int64           `json:"start_timestamp,omitempty"`
	EndTimestamp        int64           `json:"end_timestamp,omitempty"`
	DurationMs          int64           `json:"duration_ms,omitempty"`
	CallCost            *RetellCallCost `json:"call_cost,omitempty"`
}

// MarshalJSON writes the call in the SDK's shape (see RetellCall): a web
// call has an access token and no direction or numbers, a phone call has
// its direction and both numbers.
func (c RetellCall) MarshalJSON() ([]byte, error) {
	j := retellCallJSON{
		CallID: c.CallID, CallType: c.CallType, CallStatus: c.CallStatus, AgentID: c.AgentID,
		AgentVersion: c.AgentVersion, AgentName: c.AgentName, DisconnectionReason: c.DisconnectionReason,
		StartTimestamp: c.StartTimestamp, EndTimestamp: c.EndTimestamp, DurationMs: c.DurationMs,
	}
	if c.CallType == "web_call" {
		j.AccessToken = "eyJhbGciOiJIUzI1NiJ9.fake." + c.CallID
	} else {
		j.Direction, j.FromNumber, j.ToNumber = &c.Direction, &c.FromNumber, &c.ToNumber
	}
	if c.CallCost != nil {
		cost := *c.CallCost
		if cost.ProductCosts == nil {
			cost.ProductCosts = []RetellProductCost{}
		}
		j.CallCost = &cost
	}
	return json.Marshal(j)
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
			AgentVersion:   1,
		}
		switch i % 3 {
		case 0:
			c.Direction, c.FromNumber, c.ToNumber = "inbound", fmt.Sprintf("+1415555%04d", i%10000), "+14155550000"
		case 1:
			c.Direction, c.FromNumber, c.ToNumber = "outbound", "+14155550000", fmt.Sprintf("+1212555%04d", i%10000)
		case 2:
			c.CallType = "web_call"
		}
		c.DisconnectionReason = "user_hangup"
		if i%5 != 4 {
			cents := float64(rng.Intn(5000)) / 2
			c.CallCost = &RetellCallCost{CombinedCost: cents, TotalDurationSeconds: dur / 1000,
				ProductCosts: []RetellProductCost{{Product: "retell_platform", Cost: cents}}}
		}
		calls[i] = c
	}
	return calls
}

// RetellServer is a fake of Retell's API (https://api.retellai.com): it
// checks "Authorization: Bearer <Key>" and serves GET /get-concurrency,
// POST /v3/list-calls over Calls, and the agent reads POST /v2/list-agents,
// GET /get-agent/{agent_id} and GET /get-retell-llm/{llm_id} over Agents
// and LLMs (see RetellAgent). Like Retell's validation, it
// answers 400 to a query parameter or body field the SDK does not
// document, and to documented ones it does not implement. It is an
// http.Handler. Set its fields before serving; the fault switches are safe
// at any time.
type RetellServer struct {
	faults
	Key         string
	Calls       []RetellCall
	Concurrency RetellConcurrency
	Agents      []RetellAgent
	LLMs        []RetellLLM
	// LegacyArray makes /v3/list-calls answer as /v2/list-calls did: a bare
	// JSON array, paged by pagination_key = the last call_id returned.
	LegacyArray bool

	// The calls sorted by (start, id), made at the first listing, so that a
	// page of a million-call account costs a binary search, not a sort.
	// Calls that have not started (no start_timestamp) are left out of
	// every listing: they cannot match a start_timestamp filter, which the
	// adapter always sends.
	sortOnce sync.Once
	mu       sync.RWMutex // AddCall against listings
	byStart  []RetellCall
	index    map[string]int
	wire     [][]byte // byStart's calls, encoded
}

// Prepare sorts, indexes and encodes the calls now rather than at the first
// listing: a real provider has its data ready, so a benchmark calls this
// before its clock starts and measures the client, not the fake.
func (s *RetellServer) Prepare() { s.sortCalls() }

// AddCall adds a call while the fake serves: a call just made, for a test
// that syncs again (tests/fakeproviders' control address).
func (s *RetellServer) AddCall(c RetellCall) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Calls = append(s.Calls, c)
	s.sortOnce = sync.Once{}
}

func (s *RetellServer) sortCalls() {
	s.sortOnce.Do(func() {
		s.byStart = slices.DeleteFunc(slices.Clone(s.Calls), func(c RetellCall) bool { return c.StartTimestamp == 0 })
		slices.SortStableFunc(s.byStart, func(a, b RetellCall) int {
			if a.StartTimestamp != b.StartTimestamp {
				return cmp.Compare(a.StartTimestamp, b.StartTimestamp)
			}
			return strings.Compare(a.CallID, b.CallID)
		})
		s.index = make(map[string]int, len(s.byStart))
		s.wire = make([][]byte, len(s.byStart))
		for i, c := range s.byStart {
			s.index[c.CallID] = i
			s.wire[i], _ = c.MarshalJSON()
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

// retellRange is a RangeFilter ({op:"bt", type:"range", value:[lo, hi]}).
type retellRange struct {
	Op    string  `json:"op"`
	Type  string  `json:"type"`
	Value []int64 `json:"value"`
}

// retellListRequest is the body of POST /v3/list-calls (CallListParams).
type retellListRequest struct {
	FilterCriteria map[string]json.RawMessage `json:"filter_criteria"`
	SortOrder      *string                    `json:"sort_order"`
	Limit          *int                       `json:"limit"`
	Skip           *int                       `json:"skip"`
	PaginationKey  *string                    `json:"pagination_key"`
	IncludeTotal   *bool                      `json:"include_total"`
}

// retellFilters are the keys of CallListParams.FilterCriteria in the SDK.
// The fake implements start_timestamp (as a range) and answers 400 to the
// others, so that a test relying on one fails loudly.
var retellFilters = []string{
	"agent", "agent_tag", "batch_call_id", "call_id", "call_status", "call_successful", "call_type",
	"combined_cost", "custom_analysis_data", "custom_attributes", "data_storage_setting", "direction",
	"disconnection_reason", "duration_ms", "dynamic_variables", "e2e_latency_p50", "end_timestamp",
	"from_number", "in_voicemail", "metadata", "start_timestamp", "to_number", "tool_calls", "user_sentiment",
}

// retellDialect is how Retell words failures.
var retellDialect = messageDialect(map[string]any{"status": "error", "message": "Invalid API Key."})

// retellBadRequest answers 400 in Retell's words.
func retellBadRequest(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"status": "error", "message": msg})
}

// retellStrict decodes body into v, refusing fields v does not name; an
// empty body leaves v as it is.
func retellStrict(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// retellQuery answers 400 unless every query parameter of r is in allowed.
func retellQuery(w http.ResponseWriter, r *http.Request, allowed ...string) bool {
	for k := range r.URL.Query() {
		if !slices.Contains(allowed, k) {
			retellBadRequest(w, "Unknown query parameter: "+k)
			return false
		}
	}
	return true
}

// ServeHTTP implements http.Handler.
func (s *RetellServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ok := r.Header.Get("Authorization") == "Bearer "+s.Key
	body, done := s.intercept(w, r, ok, retellDialect)
	if done {
		return
	}
	get, post := r.Method == http.MethodGet, r.Method == http.MethodPost
	agentID, isAgent := strings.CutPrefix(r.URL.Path, "/get-agent/")
	llmID, isLLM := strings.CutPrefix(r.URL.Path, "/get-retell-llm/")
	switch {
	case get && r.URL.Path == "/get-concurrency":
		if retellQuery(w, r) {
			writeJSON(w, http.StatusOK, s.Concurrency)
		}
	case post && r.URL.Path == "/v3/list-calls":
		if retellQuery(w, r) {
			s.list(w, body)
		}
	case post && r.URL.Path == "/v2/list-agents":
		if retellQuery(w, r, "limit", "pagination_key", "sort_order") {
			s.listAgents(w, r, body)
		}
	case get && isAgent && agentID != "" && !strings.Contains(agentID, "/"):
		if retellQuery(w, r, "version") {
			s.getAgent(w, agentID, r.URL.Query())
		}
	case get && isLLM && llmID != "" && !strings.Contains(llmID, "/"):
		if retellQuery(w, r, "version") {
			s.getLLM(w, llmID, r.URL.Query())
		}
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"status": "error", "message": "Not found"})
	}
}

// list serves POST /v3/list-calls: start_timestamp filtered by an inclusive
// range ({op:"bt"}, both ends inclusive: UNCONFIRMED), sorted by
// start_timestamp (descending unless sort_order is "ascending", the
// documented default), paged after the pagination_key (skip and
// pagination_key together are refused, as the reference's "not both"
// says; skip itself this fake does not emulate), with total when include_total.
func (s *RetellServer) list(w http.ResponseWriter, body []byte) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var req retellListRequest
	if err := retellStrict(body, &req); err != nil {
		retellBadRequest(w, "Invalid request body: "+err.Error())
		return
	}
	limit := 50
	if req.Limit != nil {
		limit = *req.Limit
	}
	if limit < 1 || limit > 1000 {
		retellBadRequest(w, "limit must be between 1 and 1000")
		return
	}
	if req.SortOrder != nil && *req.SortOrder != "ascending" && *req.SortOrder != "descending" {
		retellBadRequest(w, "sort_order must be ascending or descending")
		return
	}
	if req.Skip != nil {
		retellBadRequest(w, "fake: skip is documented, but Switchboard does not send it and this fake does not emulate it")
		return
	}
	lo, hi := int64(-1<<63), int64(1<<63-1)
	for k, raw := range req.FilterCriteria {
		switch {
		case !slices.Contains(retellFilters, k):
			retellBadRequest(w, "Unknown filter_criteria field: "+k)
			return
		case k != "start_timestamp":
			retellBadRequest(w, "fake: filter_criteria."+k+" is documented, but Switchboard does not send it and this fake does not emulate it")
			return
		}
		var st retellRange
		if err := retellStrict(raw, &st); err != nil || st.Op != "bt" || st.Type != "range" || len(st.Value) != 2 {
			retellBadRequest(w, "invalid start_timestamp filter (the fake implements the range filter only)")
			return
		}
		lo, hi = st.Value[0], st.Value[1]
	}
	after := ""
	if req.PaginationKey != nil && *req.PaginationKey != "" {
		after = *req.PaginationKey
		if !s.LegacyArray {
			raw, err := base64.RawURLEncoding.DecodeString(after)
			if err != nil {
				retellBadRequest(w, "invalid pagination_key")
				return
			}
			after = string(raw)
		}
	}
	asc := req.SortOrder != nil && *req.SortOrder == "ascending"
	page, more := s.page(lo, hi, asc, after, limit)
	if s.LegacyArray {
		writeJSON(w, http.StatusOK, page)
		return
	}
	resp := map[string]any{"has_more": more}
	if more && len(page) > 0 {
		resp["pagination_key"] = base64.RawURLEncoding.EncodeToString([]byte(page[len(page)-1].CallID))
	}
	if req.IncludeTotal != nil && *req.IncludeTotal {
		all, _ := s.page(lo, hi, true, "", len(s.Calls)+1)
		resp["total"] = len(all)
	}
	head, _ := json.Marshal(resp)
	var b bytes.Buffer
	b.Write(head[:len(head)-1])
	if len(page) > 0 { // the SDK marks items optional: an empty page leaves it out
		b.WriteString(`,"items":[`)
		for i, c := range page {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(s.wire[s.index[c.CallID]]) // encoded once (see Prepare)
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	w.Write(b.Bytes())
}
