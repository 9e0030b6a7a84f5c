package fake

import (
	"cmp"
	"encoding/json"
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

// SynthflowAgent is one agent as Synthflow's GET /v2/assistants/ lists it
// (the fields Switchboard reads, and a few more of the schema). Empty
// optional fields are left out of the JSON.
type SynthflowAgent struct {
	ModelID     string
	Name        string
	Type        string // inbound | outbound | widget
	Prompt      string // agent.prompt
	PhoneNumber string
}

// MarshalJSON writes the agent in the shape of the list's items: the
// top-level settings and the nested Agent object.
func (a SynthflowAgent) MarshalJSON() ([]byte, error) {
	agent := map[string]any{"llm": "gpt-4.1", "language": "en-US", "voice_id": "voice_fake", "timezone": "Europe/Berlin"}
	if a.Prompt != "" {
		agent["prompt"] = a.Prompt
	}
	m := map[string]any{"model_id": a.ModelID, "name": a.Name, "type": a.Type, "is_recording": true, "agent": agent}
	if a.PhoneNumber != "" {
		m["phone_number"] = a.PhoneNumber
	}
	return json.Marshal(m)
}

// SynthflowCall is one call as Synthflow's GET /v2/calls lists it. A zero
// TelephonyEnd is sent as null, as the schema allows.
type SynthflowCall struct {
	CallID           string
	ModelID          string
	StartTime        time.Time // start_time, epoch ms as a string
	Duration         int64     // seconds
	TypeOfCall       string    // inbound | outbound
	CallStatus       string
	EndCallReason    string
	LeadPhoneNumber  string
	AgentPhoneNumber string
	TelephonyEnd     time.Time
}

// MarshalJSON writes the call in the shape of the list's items
// (CallsGet…CallsItems): every field, with nulls where the schema allows.
func (c SynthflowCall) MarshalJSON() ([]byte, error) {
	from, to := c.LeadPhoneNumber, c.AgentPhoneNumber
	if c.TypeOfCall == "outbound" {
		from, to = to, from
	}
	m := map[string]any{
		"call_id": c.CallID, "model_id": c.ModelID, "duration": c.Duration, "end_call_reason": c.EndCallReason,
		"judge_results": nil, "lead_phone_number": c.LeadPhoneNumber, "agents_used": []string{c.ModelID},
		"executed_actions": map[string]any{}, "recording_url": nil, "type_of_call": c.TypeOfCall,
		"recording_duration": nil, "transcript": nil, "error_message": nil, "call_status": c.CallStatus,
		"start_time": strconv.FormatInt(c.StartTime.UnixMilli(), 10), "lead_name": nil, "name": nil,
		"labels": []string{}, "agent_phone_number": c.AgentPhoneNumber, "deployment_type": nil, "timezone": nil,
		"telephony_hangup": nil, "telephony_disconnect_reason": nil, "telephony_duration": nil,
		"telephony_start": nil, "telephony_end": nil, "campaign_type": "live",
		"phone_number_from": from, "phone_number_to": to, "collected_variables": nil,
	}
	if !c.TelephonyEnd.IsZero() {
		m["telephony_start"] = c.StartTime.UTC().Format(time.RFC3339Nano)
		m["telephony_end"] = c.TelephonyEnd.UTC().Format(time.RFC3339Nano)
		m["telephony_duration"] = c.TelephonyEnd.Sub(c.StartTime).Milliseconds()
		m["telephony_hangup"] = "caller"
	}
	return json.Marshal(m)
}

// SynthflowEpoch is when the generated calls of SynthflowCalls begin.
var SynthflowEpoch = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// SynthflowAgents returns the three agents SynthflowCalls' calls belong to:
// an inbound receptionist, an outbound caller and a second inbound line.
func SynthflowAgents() []SynthflowAgent {
	return []SynthflowAgent{
		{ModelID: "sf-agent-reception", Name: "Reception", Type: "inbound", PhoneNumber: "+14155550100",
			Prompt: "You are the receptionist of a dental practice. Book appointments."},
		{ModelID: "sf-agent-outbound", Name: "Reminders", Type: "outbound", PhoneNumber: "+14155550101",
			Prompt: "You call patients to remind them of their appointment."},
		{ModelID: "sf-agent-afterhours", Name: "After hours", Type: "inbound", PhoneNumber: "+14155550102"},
	}
}

// SynthflowCalls returns n deterministic calls for seed over SynthflowAgents.
func SynthflowCalls(n int, seed int64) []SynthflowCall {
	return SynthflowCallsFor(SynthflowAgents(), n, seed)
}

// SynthflowCallsFor returns n deterministic calls for seed, one every 1–10
// minutes from SynthflowEpoch, each of a random agent of agents (inbound for
// an inbound agent, else outbound). Seven in ten are completed, with a
// duration, two in three of them with a telephony_end; the others are
// no-answer, busy or failed, without a duration.
func SynthflowCallsFor(agents []SynthflowAgent, n int, seed int64) []SynthflowCall {
	rng := rand.New(rand.NewSource(seed))
	calls := make([]SynthflowCall, n)
	at := SynthflowEpoch
	for i := range calls {
		at = at.Add(time.Duration(60_000+rng.Intn(540_000)) * time.Millisecond)
		ag := agents[rng.Intn(len(agents))]
		c := SynthflowCall{
			CallID: fmt.Sprintf("sf-call-%06d", i), ModelID: ag.ModelID, StartTime: at,
			TypeOfCall: "inbound", CallStatus: "completed", EndCallReason: "human_ended_call",
			LeadPhoneNumber: fmt.Sprintf("+1212555%04d", i%10000), AgentPhoneNumber: ag.PhoneNumber,
		}
		if ag.Type == "outbound" {
			c.TypeOfCall, c.EndCallReason = "outbound", "agent_ended_call"
		}
		switch i % 10 {
		case 3:
			c.CallStatus, c.EndCallReason = "no-answer", "timeout"
		case 6:
			c.CallStatus, c.EndCallReason = "busy", "error"
		case 8:
			c.CallStatus, c.EndCallReason = "failed", "error"
		default:
			c.Duration = int64(rng.Intn(600))
			if i%3 != 2 {
				c.TelephonyEnd = at.Add(time.Duration(c.Duration) * time.Second)
			}
		}
		calls[i] = c
	}
	return calls
}

// SynthflowServer is a fake of Synthflow's API (https://api.synthflow.ai):
// it checks "Authorization: Bearer <Key>" and serves GET /v2/assistants/
// (limit, offset) and GET /v2/calls (model_id required; limit default 20,
// offset, from_date/to_date in epoch ms, both inclusive of the call's
// start: UNCONFIRMED; call_status, duration_min/max, lead_phone_number),
// newest first (the order is not documented), in the {status, response}
// envelope. Like a strict server it rejects query parameters the reference
// does not list. It is an http.Handler. Set its fields before serving; the
// fault switches are safe at any time.
type SynthflowServer struct {
	faults
	Key    string
	Agents []SynthflowAgent
	Calls  []SynthflowCall
	// Latency is slept before each answer (for benchmarks).
	Latency time.Duration
	// OmitTotals leaves total_records out of pagination (every field of the
	// documented pagination object is optional).
	OmitTotals bool
	// MaxLimit, when set, silently caps limit (the documented maximum is
	// unknown).
	MaxLimit int

	once    sync.Once
	byAgent map[string][]SynthflowCall // by start, then id, ascending
}

// NewSynthflow returns a fake Synthflow that accepts apiKey and holds the
// agents and their calls.
func NewSynthflow(apiKey string, agents []SynthflowAgent, calls []SynthflowCall) *SynthflowServer {
	return &SynthflowServer{Key: apiKey, Agents: agents, Calls: calls}
}

// synthflowDialect is how the fake words failures: FastAPI's {"detail": …}
// (the wording of Synthflow's 401 is UNCONFIRMED).
var synthflowDialect = dialect{
	writeError: func(w http.ResponseWriter, status int) {
		msg := http.StatusText(status)
		if status == http.StatusUnauthorized {
			msg = "Invalid API key."
		}
		writeJSON(w, status, map[string]any{"detail": msg})
	},
	truncated: `{"status": "ok", "response": {"calls": [{"call_id": "x", `,
}

// ServeHTTP implements http.Handler.
func (s *SynthflowServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.Latency > 0 {
		t := time.NewTimer(s.Latency)
		select {
		case <-r.Context().Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
	ok := r.Header.Get("Authorization") == "Bearer "+s.Key
	if _, done := s.intercept(w, r, ok, synthflowDialect); done {
		return
	}
	switch {
	case r.Method == http.MethodGet && (r.URL.Path == "/v2/assistants/" || r.URL.Path == "/v2/assistants"):
		s.assistants(w, r.URL.Query())
	case r.Method == http.MethodGet && r.URL.Path == "/v2/calls":
		s.calls(w, r.URL.Query())
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"detail": "Not Found"})
	}
}

func synthflowBadRequest(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"detail": msg})
}

// synthflowQuery checks q against the allowed parameters and reads the
// integer ones; it answers 400 and returns false on any problem.
func synthflowQuery(w http.ResponseWriter, q url.Values, allowed ...string) (map[string]int64, bool) {
	ints := map[string]int64{}
	for k, v := range q {
		if !slices.Contains(allowed, k) {
			synthflowBadRequest(w, "Unknown query parameter: "+k)
			return nil, false
		}
		switch k {
		case "model_id", "call_status", "lead_phone_number":
			continue
		}
		n, err := strconv.ParseInt(v[0], 10, 64)
		if err != nil || n < 0 || k == "limit" && n == 0 {
			synthflowBadRequest(w, k+" must be a non-negative integer")
			return nil, false
		}
		ints[k] = n
	}
	return ints, true
}

// window is the [offset, offset+limit) slice bounds of n items.
func (s *SynthflowServer) window(ints map[string]int64, n int) (int, int, int64) {
	limit, ok := ints["limit"]
	if !ok {
		limit = 20
	}
	if s.MaxLimit > 0 && limit > int64(s.MaxLimit) {
		limit = int64(s.MaxLimit)
	}
	lo := int(min(ints["offset"], int64(n)))
	return lo, int(min(int64(lo)+limit, int64(n))), limit
}

// reply answers {status: ok, response: {pagination, key: items}}.
func (s *SynthflowServer) reply(w http.ResponseWriter, key string, items any, total int, limit, offset int64) {
	p := map[string]any{"limit": limit, "offset": offset}
	if !s.OmitTotals {
		p["total_records"] = total
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "response": map[string]any{"pagination": p, key: items}})
}

func (s *SynthflowServer) assistants(w http.ResponseWriter, q url.Values) {
	ints, ok := synthflowQuery(w, q, "limit", "offset")
	if !ok {
		return
	}
	lo, hi, limit := s.window(ints, len(s.Agents))
	s.reply(w, "assistants", append([]SynthflowAgent{}, s.Agents[lo:hi]...), len(s.Agents), limit, ints["offset"])
}

func (s *SynthflowServer) index() {
	s.once.Do(func() {
		s.byAgent = map[string][]SynthflowCall{}
		for _, c := range s.Calls {
			s.byAgent[c.ModelID] = append(s.byAgent[c.ModelID], c)
		}
		for _, cs := range s.byAgent {
			slices.SortStableFunc(cs, func(a, b SynthflowCall) int {
				return cmp.Or(a.StartTime.Compare(b.StartTime), strings.Compare(a.CallID, b.CallID))
			})
		}
	})
}

func (s *SynthflowServer) calls(w http.ResponseWriter, q url.Values) {
	ints, ok := synthflowQuery(w, q, "model_id", "limit", "offset", "from_date", "to_date",
		"call_status", "duration_min", "duration_max", "lead_phone_number")
	if !ok {
		return
	}
	id := q.Get("model_id")
	if id == "" {
		synthflowBadRequest(w, "model_id is required")
		return
	}
	if !slices.ContainsFunc(s.Agents, func(a SynthflowAgent) bool { return a.ModelID == id }) {
		synthflowBadRequest(w, "Agent not found") // Synthflow's answer for an unknown model_id is UNCONFIRMED
		return
	}
	s.index()
	all := s.byAgent[id]
	ms := func(c SynthflowCall, t int64) int { return cmp.Compare(c.StartTime.UnixMilli(), t) }
	i, j := 0, len(all)
	if v, ok := ints["from_date"]; ok {
		i, _ = slices.BinarySearchFunc(all, v, ms)
	}
	if v, ok := ints["to_date"]; ok {
		j, _ = slices.BinarySearchFunc(all, v+1, ms)
	}
	j = max(i, j)
	if !q.Has("call_status") && !q.Has("duration_min") && !q.Has("duration_max") && !q.Has("lead_phone_number") {
		lo, hi, limit := s.window(ints, j-i) // newest first: the k-th is all[j-1-k]
		page := append([]SynthflowCall{}, all[j-hi:j-lo]...)
		slices.Reverse(page)
		s.reply(w, "calls", page, j-i, limit, ints["offset"])
		return
	}
	var match []SynthflowCall
	for k := j - 1; k >= i; k-- { // newest first
		c := all[k]
		if v := q.Get("call_status"); v != "" && c.CallStatus != v ||
			q.Has("duration_min") && c.Duration < ints["duration_min"] ||
			q.Has("duration_max") && c.Duration > ints["duration_max"] ||
			q.Has("lead_phone_number") && c.LeadPhoneNumber != q.Get("lead_phone_number") {
			continue
		}
		match = append(match, c)
	}
	lo, hi, limit := s.window(ints, len(match))
	s.reply(w, "calls", append([]SynthflowCall{}, match[lo:hi]...), len(match), limit, ints["offset"])
}
