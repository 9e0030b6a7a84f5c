package fake

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"math/rand"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ElevenLabsConversation is one ElevenAgents conversation: what GET
// /v1/convai/conversations lists (ConversationSummaryResponseModel) and
// what GET /v1/convai/conversations/{id} adds in its metadata
// (ConversationHistoryMetadataCommonModel). Empty optional values are
// served as the schema allows: null for agent_name and direction, absent
// otherwise.
type ElevenLabsConversation struct {
	ConversationID    string
	AgentID           string
	AgentName         string
	StartTimeUnixSecs int64
	CallDurationSecs  int64
	MessageCount      int
	Status            string // initiated | in-progress | processing | done | failed
	CallSuccessful    string // success | failure | unknown ("" is unknown)
	Direction         string // inbound | outbound, "" for null
	// InitiationSource is conversation_initiation_source (widget, twilio,
	// sip_trunk, …), in the list and in the detail's metadata.
	InitiationSource string
	// Detail only (metadata): the phone call, the cost in credits and the
	// cost in USD (cost_fiat), each absent when nil.
	PhoneCall *ElevenLabsPhoneCall
	Cost      *int64
	CostFiat  *float64
	// Gone makes the detail answer 404, as for a conversation deleted
	// between the listing and the read of its details.
	Gone bool
}

// ElevenLabsPhoneCall is a conversation's metadata.phone_call, one of the
// Twilio, SIP-trunking and Exotel variants (discriminated by Type).
// StreamSID is required for twilio and exotel, absent for sip_trunking.
type ElevenLabsPhoneCall struct {
	Type           string `json:"type"`      // twilio | sip_trunking | exotel
	Direction      string `json:"direction"` // inbound | outbound
	PhoneNumberID  string `json:"phone_number_id"`
	AgentNumber    string `json:"agent_number"`
	ExternalNumber string `json:"external_number"`
	StreamSID      string `json:"stream_sid,omitempty"`
	CallSID        string `json:"call_sid"`
}

// ElevenLabsAgent is one agent: GET /v1/convai/agents lists it
// (AgentSummaryResponseModel) and GET /v1/convai/agents/{id} serves its
// configuration, with Prompt as conversation_config.agent.prompt.prompt
// (the prompt object is absent when Prompt is nil).
type ElevenLabsAgent struct {
	AgentID           string
	Name              string
	Tags              []string
	CreatedAtUnixSecs int64
	Prompt            *string
	Archived          bool
	// Gone makes the detail answer 404 (deleted after the listing).
	Gone bool
}

// ElevenLabsEpoch is when the generated conversations of
// ElevenLabsConversations begin.
var ElevenLabsEpoch = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// The numbers of the generated phone calls: ours (agent_number) by call type.
const (
	ElevenLabsTwilioNumber = "+14155550100"
	ElevenLabsSIPNumber    = "+14155550200"
)

// ElevenLabsAgents returns n deterministic agents, agent_0000 onwards,
// created on ElevenLabsEpoch; every fourth has no prompt.
func ElevenLabsAgents(n int) []ElevenLabsAgent {
	agents := make([]ElevenLabsAgent, n)
	for i := range agents {
		a := ElevenLabsAgent{
			AgentID:           fmt.Sprintf("agent_%04d", i),
			Name:              fmt.Sprintf("Front desk %d", i),
			Tags:              []string{"fake"},
			CreatedAtUnixSecs: ElevenLabsEpoch.Unix() - 86400,
		}
		if i%4 != 3 {
			p := fmt.Sprintf("You are the receptionist of Example Dental %d. Book appointments politely.", i)
			a.Prompt = &p
		}
		agents[i] = a
	}
	return agents
}

// ElevenLabsConversations returns n deterministic conversations for seed,
// one every 1–10 minutes from ElevenLabsEpoch, handled in turn by the three
// agents of ElevenLabsAgents(3): inbound Twilio calls, outbound SIP-trunk
// calls, widget (web) conversations, and inbound calls whose list entry
// has no direction (only the detail's phone_call says). Most have a cost in
// USD (five decimals); every fifth has a cost in credits only. Every 17th
// failed without being answered, every 23rd is still in progress.
func ElevenLabsConversations(n int, seed int64) []ElevenLabsConversation {
	rng := rand.New(rand.NewSource(seed))
	agents := ElevenLabsAgents(3)
	convs := make([]ElevenLabsConversation, n)
	at := ElevenLabsEpoch.Unix()
	for i := range convs {
		at += int64(60 + rng.Intn(540))
		dur := int64(rng.Intn(600))
		ag := agents[i%len(agents)]
		c := ElevenLabsConversation{
			ConversationID:    fmt.Sprintf("conv_%06d", i),
			AgentID:           ag.AgentID,
			AgentName:         ag.Name,
			StartTimeUnixSecs: at,
			CallDurationSecs:  dur,
			MessageCount:      int(2 + dur/15),
			Status:            "done",
			CallSuccessful:    "success",
		}
		switch i % 4 {
		case 0, 3:
			c.InitiationSource = "twilio"
			c.PhoneCall = &ElevenLabsPhoneCall{
				Type: "twilio", Direction: "inbound", PhoneNumberID: "phnum_twilio",
				AgentNumber: ElevenLabsTwilioNumber, ExternalNumber: fmt.Sprintf("+1415555%04d", i%10000),
				StreamSID: fmt.Sprintf("MZ%032x", i), CallSID: fmt.Sprintf("CA%032x", i),
			}
			if i%4 == 0 {
				c.Direction = "inbound"
			}
		case 1:
			c.Direction, c.InitiationSource = "outbound", "sip_trunk"
			c.PhoneCall = &ElevenLabsPhoneCall{
				Type: "sip_trunking", Direction: "outbound", PhoneNumberID: "phnum_sip",
				AgentNumber: ElevenLabsSIPNumber, ExternalNumber: fmt.Sprintf("+1212555%04d", i%10000),
				CallSID: fmt.Sprintf("sip-%08d", i),
			}
		case 2:
			c.InitiationSource = "widget"
		}
		switch {
		case i%17 == 16:
			c.Status, c.CallSuccessful, c.CallDurationSecs, c.MessageCount = "failed", "failure", 0, 0
		case i%23 == 22:
			c.Status, c.CallSuccessful = "in-progress", "unknown"
		}
		credits := c.CallDurationSecs * 10
		c.Cost = &credits
		if i%5 != 4 {
			usd := float64(rng.Intn(100_000)) / 100_000
			c.CostFiat = &usd
		}
		convs[i] = c
	}
	return convs
}

// ElevenLabsServer is a fake of ElevenLabs' API (https://api.elevenlabs.io)
// for ElevenAgents: it checks the "xi-api-key: <Key>" header and serves GET
// /v1/convai/conversations (cursor-paged, newest first, filtered by
// call_start_after_unix and call_start_before_unix), GET
// /v1/convai/conversations/{id}, GET /v1/convai/agents (cursor-paged) and
// GET /v1/convai/agents/{id}. Like a strict validator it answers 400 to a
// query parameter the API does not document (or that the fake does not
// implement) and 422, in FastAPI's shape, to a documented one out of range.
// It is an http.Handler. Set its fields before serving; the fault switches
// are safe at any time.
type ElevenLabsServer struct {
	faults
	Key           string
	Agents        []ElevenLabsAgent
	Conversations []ElevenLabsConversation
	// Whether call_start_after_unix and call_start_before_unix include a
	// conversation that starts at that very second: the API reference says
	// "after" and "up to", which settles neither (UNCONFIRMED); by default
	// both are exclusive.
	AfterInclusive, BeforeInclusive bool
	// Latency delays every answer that is not an injected fault (until the
	// client gives up), as a distant API would: for the end-to-end tests'
	// progress bars.
	Latency time.Duration

	mu          sync.Mutex
	inFlight    int
	maxInFlight int

	sortOnce sync.Once
	byStart  []ElevenLabsConversation // newest first, then by id descending
	convByID map[string]int           // index in Conversations
	agentIdx map[string]int           // index in Agents
}

// NewElevenLabs returns a fake ElevenLabs that accepts apiKey and holds
// agents and calls.
func NewElevenLabs(apiKey string, agents []ElevenLabsAgent, calls []ElevenLabsConversation) *ElevenLabsServer {
	return &ElevenLabsServer{Key: apiKey, Agents: agents, Conversations: calls}
}

// MaxInFlight is the most requests the fake has served at once.
func (s *ElevenLabsServer) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxInFlight
}

func (s *ElevenLabsServer) enter() func() {
	s.mu.Lock()
	s.inFlight++
	s.maxInFlight = max(s.maxInFlight, s.inFlight)
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}
}

// index sorts and indexes the data at the first request: set Conversations
// and Agents before serving.
func (s *ElevenLabsServer) index() {
	s.sortOnce.Do(func() {
		s.byStart = slices.Clone(s.Conversations)
		slices.SortStableFunc(s.byStart, func(a, b ElevenLabsConversation) int {
			if a.StartTimeUnixSecs != b.StartTimeUnixSecs {
				return cmp.Compare(b.StartTimeUnixSecs, a.StartTimeUnixSecs)
			}
			return strings.Compare(b.ConversationID, a.ConversationID)
		})
		s.convByID = make(map[string]int, len(s.Conversations))
		for i, c := range s.Conversations {
			s.convByID[c.ConversationID] = i
		}
		s.agentIdx = make(map[string]int, len(s.Agents))
		for i, a := range s.Agents {
			s.agentIdx[a.AgentID] = i
		}
	})
}

// elevenLabsDetail is ElevenLabs' error body: {"detail": {"status", "message"}}.
func elevenLabsDetail(status, message string) map[string]any {
	return map[string]any{"detail": map[string]any{"status": status, "message": message}}
}

// elevenLabsDialect is how ElevenLabs words failures.
var elevenLabsDialect = dialect{
	writeError: func(w http.ResponseWriter, status int) {
		switch status {
		case http.StatusUnauthorized:
			writeJSON(w, status, elevenLabsDetail("invalid_api_key", "Invalid API key"))
		case http.StatusTooManyRequests:
			writeJSON(w, status, elevenLabsDetail("too_many_concurrent_requests", "Too many concurrent requests."))
		default:
			writeJSON(w, status, map[string]any{"detail": http.StatusText(status)})
		}
	},
	truncated: `{"conversations": [{"conversation_id": "x", `,
}

// ServeHTTP implements http.Handler.
func (s *ElevenLabsServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer s.enter()()
	ok := s.Key != "" && r.Header.Get("xi-api-key") == s.Key
	if _, done := s.intercept(w, r, ok, elevenLabsDialect); done {
		return
	}
	if s.Latency > 0 {
		t := time.NewTimer(s.Latency)
		select {
		case <-r.Context().Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
	s.index()
	path := r.URL.Path
	if r.Method != http.MethodGet {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"detail": "Method Not Allowed"})
		return
	}
	q := r.URL.Query()
	conv, isConv := strings.CutPrefix(path, "/v1/convai/conversations/")
	agent, isAgent := strings.CutPrefix(path, "/v1/convai/agents/")
	switch {
	case path == "/v1/convai/conversations":
		s.listConversations(w, q)
	case path == "/v1/convai/agents":
		s.listAgents(w, q)
	case isConv && conv != "" && !strings.Contains(conv, "/"):
		s.conversation(w, q, conv)
	case isAgent && agent != "" && !strings.Contains(agent, "/"):
		s.agent(w, q, agent)
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"detail": "Not Found"})
	}
}

// The query parameters of each endpoint the API documents (elevenlabs-python
// raw_client.py), and whether the fake implements them.
var (
	elevenLabsConversationParams = map[string]bool{
		"cursor": true, "agent_id": true, "page_size": true, "summary_mode": true,
		"call_start_before_unix": true, "call_start_after_unix": true,
		"call_successful": false, "call_duration_min_secs": false, "call_duration_max_secs": false,
		"rating_max": false, "rating_min": false, "has_feedback_comment": false, "user_id": false,
		"evaluation_params": false, "data_collection_params": false, "tool_names": false,
		"tool_names_successful": false, "tool_names_errored": false, "main_languages": false,
		"search": false, "conversation_initiation_source": false, "text_only": false,
		"conversation_product_type": false, "branch_id": false, "topic_ids": false,
		"exclude_statuses": false, "tag_ids": false, "workflow_node_entered_id": false,
		"termination_reasons": false,
	}
	elevenLabsAgentParams = map[string]bool{
		"cursor": true, "page_size": true, "search": true, "archived": true,
		"show_only_owned_agents": false, "created_by_user_id": false, "sort_direction": false, "sort_by": false,
	}
	elevenLabsConversationDetailParams = map[string]bool{"format": false}
	elevenLabsAgentDetailParams        = map[string]bool{"version_id": false, "branch_id": false}
)

// elevenLabsCheckParams answers 400 and returns false when q holds a
// parameter the endpoint does not document or the fake does not implement.
func elevenLabsCheckParams(w http.ResponseWriter, q url.Values, known map[string]bool) bool {
	for k := range q {
		implemented, documented := known[k]
		switch {
		case !documented:
			writeJSON(w, http.StatusBadRequest, elevenLabsDetail("invalid_parameters", "Unknown query parameter: "+k))
			return false
		case !implemented:
			writeJSON(w, http.StatusBadRequest, elevenLabsDetail("invalid_parameters", "fake: query parameter "+k+" is documented, but Switchboard does not send it and this fake does not emulate it"))
			return false
		}
	}
	return true
}

// elevenLabsValidationError answers 422 in FastAPI's HTTPValidationError
// shape.
func elevenLabsValidationError(w http.ResponseWriter, param, msg, input string) {
	writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"detail": []map[string]any{{
		"type": "value_error", "loc": []string{"query", param}, "msg": msg, "input": input,
	}}})
}

// elevenLabsInt reads an integer query parameter; ok is false once it
// answered 422.
func elevenLabsInt(w http.ResponseWriter, q url.Values, name string) (v int64, set, ok bool) {
	raw, set := q.Get(name), q.Has(name)
	if !set {
		return 0, false, true
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		elevenLabsValidationError(w, name, "Input should be a valid integer, unable to parse string as an integer", raw)
		return 0, true, false
	}
	return n, true, true
}

// elevenLabsPageSize reads page_size: 1–100, default 30.
func elevenLabsPageSize(w http.ResponseWriter, q url.Values) (int, bool) {
	n, set, ok := elevenLabsInt(w, q, "page_size")
	if !ok {
		return 0, false
	}
	if !set {
		return 30, true
	}
	if n < 1 || n > 100 {
		elevenLabsValidationError(w, "page_size", "Input should be greater than or equal to 1 and less than or equal to 100", q.Get("page_size"))
		return 0, false
	}
	return int(n), true
}

// elevenLabsCursor is the fake's opaque cursor: the sort key of the last
// item served.
func elevenLabsCursor(start int64, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(start, 10) + ":" + id))
}

func parseElevenLabsCursor(c string) (int64, string, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, "", false
	}
	start, id, ok := strings.Cut(string(raw), ":")
	n, err := strconv.ParseInt(start, 10, 64)
	return n, id, ok && err == nil
}

func (s *ElevenLabsServer) listConversations(w http.ResponseWriter, q url.Values) {
	if !elevenLabsCheckParams(w, q, elevenLabsConversationParams) {
		return
	}
	limit, ok := elevenLabsPageSize(w, q)
	if !ok {
		return
	}
	after, hasAfter, ok := elevenLabsInt(w, q, "call_start_after_unix")
	if !ok {
		return
	}
	before, hasBefore, ok := elevenLabsInt(w, q, "call_start_before_unix")
	if !ok {
		return
	}
	if m := q.Get("summary_mode"); q.Has("summary_mode") && m != "exclude" && m != "include" {
		elevenLabsValidationError(w, "summary_mode", "Input should be 'exclude' or 'include'", m)
		return
	}
	var curStart int64
	var curID string
	if q.Has("cursor") {
		if curStart, curID, ok = parseElevenLabsCursor(q.Get("cursor")); !ok {
			writeJSON(w, http.StatusBadRequest, elevenLabsDetail("invalid_cursor", "Invalid cursor"))
			return
		}
	}
	page := []map[string]any{}
	more := false
	var last ElevenLabsConversation
	for _, c := range s.byStart {
		st := c.StartTimeUnixSecs
		switch {
		case q.Has("cursor") && (st > curStart || st == curStart && c.ConversationID >= curID):
			continue
		case hasAfter && (st < after || st == after && !s.AfterInclusive):
			continue
		case hasBefore && (st > before || st == before && !s.BeforeInclusive):
			continue
		case q.Has("agent_id") && c.AgentID != q.Get("agent_id"):
			continue
		}
		if len(page) == limit {
			more = true
			break
		}
		page = append(page, c.summary(q.Get("summary_mode") == "include"))
		last = c
	}
	resp := map[string]any{"conversations": page, "has_more": more, "next_cursor": nil}
	if more {
		resp["next_cursor"] = elevenLabsCursor(last.StartTimeUnixSecs, last.ConversationID)
	}
	writeJSON(w, http.StatusOK, resp)
}

// elevenLabsNullable is v, or nil (JSON null) for "".
func elevenLabsNullable(v string) any {
	if v == "" {
		return nil
	}
	return v
}

// summary is c as ConversationSummaryResponseModel.
func (c ElevenLabsConversation) summary(withSummary bool) map[string]any {
	success := cmp.Or(c.CallSuccessful, "unknown")
	m := map[string]any{
		"agent_id": c.AgentID, "agent_name": elevenLabsNullable(c.AgentName), "conversation_id": c.ConversationID,
		"start_time_unix_secs": c.StartTimeUnixSecs, "call_duration_secs": c.CallDurationSecs,
		"message_count": c.MessageCount, "status": c.Status, "call_successful": success,
		"transcript_summary": nil, "call_summary_title": nil, "direction": elevenLabsNullable(c.Direction),
	}
	if withSummary {
		m["transcript_summary"] = "The caller asked about opening hours."
	}
	if c.InitiationSource != "" {
		m["conversation_initiation_source"] = c.InitiationSource
	}
	return m
}

func (s *ElevenLabsServer) conversation(w http.ResponseWriter, q url.Values, id string) {
	if !elevenLabsCheckParams(w, q, elevenLabsConversationDetailParams) {
		return
	}
	i, ok := s.convByID[id]
	if !ok || s.Conversations[i].Gone {
		writeJSON(w, http.StatusNotFound, elevenLabsDetail("conversation_not_found", "Conversation not found"))
		return
	}
	c := s.Conversations[i]
	meta := map[string]any{
		"start_time_unix_secs": c.StartTimeUnixSecs, "call_duration_secs": c.CallDurationSecs,
		"termination_reason": "",
	}
	if c.Cost != nil {
		meta["cost"] = *c.Cost
	}
	if c.CostFiat != nil {
		meta["cost_fiat"] = *c.CostFiat
	}
	if c.PhoneCall != nil {
		meta["phone_call"] = c.PhoneCall
	}
	if c.InitiationSource != "" {
		meta["conversation_initiation_source"] = c.InitiationSource
	}
	transcript := []map[string]any{}
	if c.MessageCount > 0 {
		transcript = append(transcript, map[string]any{"role": "agent", "message": "Hello, how can I help?", "time_in_call_secs": 0})
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"agent_id": c.AgentID, "agent_name": elevenLabsNullable(c.AgentName), "status": c.Status,
		"metadata": meta, "conversation_id": c.ConversationID, "transcript": transcript,
		"has_audio": c.MessageCount > 0, "has_user_audio": c.MessageCount > 0,
		"has_response_audio": c.MessageCount > 0, "has_auxiliary_audio": false,
	})
}
