package synthflow

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/providertest"
)

// specCalls is the example answer of List calls on its reference page
// (https://docs.synthflow.ai/api-reference/platform-api/calls/list-calls),
// typed in as the page shows it, up to the last field the page renders
// (telephony_disconnect_reason); the rest of the item's fields are optional.
const specCalls = `{
  "status": "ok",
  "response": {
    "pagination": {"total_records": 9, "limit": 20, "offset": 0},
    "calls": [
      {
        "call_id": "58bd0d3f-6982-4a6d-911e-1c11fbcc7dca",
        "model_id": "f7181a86-5713-4d47-bb87-123d8199a29e",
        "duration": 0,
        "end_call_reason": "human_hangup",
        "judge_results": null,
        "lead_phone_number": "+4915510277534",
        "agents_used": ["string"],
        "executed_actions": {},
        "recording_url": "https://api.twilio.com/2009-10-10/Accounts/ZGH0293d4b80d81cf5g946r34f3c99941bf/Recordings/RE9ee05467410311202811f06205227138",
        "type_of_call": "outbound",
        "recording_duration": "string",
        "transcript": "bot: Hey there\nhuman: Hello.\nbot: Hi, Eddie!\nbot: How are you today?\nhuman: Good. And you?\nbot: Great to hear!",
        "error_message": "Account not found!",
        "call_status": "failed",
        "start_time": "1761150177868",
        "lead_name": "string",
        "name": "string",
        "labels": ["string"],
        "agent_phone_number": "+12315593024",
        "deployment_type": "string",
        "timezone": "string",
        "telephony_hangup": "caller",
        "telephony_disconnect_reason": "forbidden"
      }
    ]
  }
}`

// specAgent is the example answer of Get an agent
// (https://docs.synthflow.ai/api-reference/platform-api/agents/get-assistant):
// the reference renders no example for List agents, whose answer has the
// same envelope.
const specAgent = `{
  "status": "ok",
  "response": {
    "pagination": {"total_records": 1, "limit": 20, "offset": 0},
    "assistants": [
      {"type": "inbound", "name": "Retention Test Agent", "model_id": "12acc0ac-df2a-47af-afe3-e1aa4380a307", "actions": [], "input_variables": []}
    ]
  }
}`

// specServer answers the agent list with specAgent and the agent's calls
// with specCalls at offset 0, then (the example's total_records says 9, but
// it shows one) with no more calls.
func specServer(t *testing.T) (*httptest.Server, func() []string) {
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.RequestURI())
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/v2/assistants/":
			_, _ = w.Write([]byte(specAgent))
		case r.URL.Path == "/v2/calls" && r.URL.Query().Get("offset") == "0":
			_, _ = w.Write([]byte(specCalls))
		case r.URL.Path == "/v2/calls":
			_, _ = w.Write([]byte(`{"status":"ok","response":{"pagination":{"total_records":9,"limit":100,"offset":1},"calls":[]}}`))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(seen)
	}
}

func TestSpecExample(t *testing.T) {
	srv, seen := specServer(t)
	a := New(provider.Options{BaseURL: srv.URL})
	w := provider.Window{Since: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)}
	page, err := a.ListCalls(context.Background(), creds, w, "")
	if err != nil {
		t.Fatal(err)
	}
	// 1761150177868 ms is 2025-10-22T16:22:57.868Z. A failed call of
	// duration 0 has no end. The call's own model_id is its AgentID, though
	// it was listed under the example agent (the two examples are unrelated).
	want := []provider.Call{{
		ProviderCallID: "58bd0d3f-6982-4a6d-911e-1c11fbcc7dca",
		AgentID:        "f7181a86-5713-4d47-bb87-123d8199a29e",
		Direction:      provider.DirectionOut,
		Status:         provider.StatusFailed,
		RawStatus:      "failed",
		From:           "+12315593024",
		To:             "+4915510277534",
		StartedAt:      time.Date(2025, 10, 22, 16, 22, 57, 868_000_000, time.UTC),
	}}
	providertest.SameCalls(t, page.Calls, want)
	if page.Next != "" || page.Requests != 3 || len(seen()) != 3 {
		t.Errorf("Next %q, Requests %d, requests %v", page.Next, page.Requests, seen())
	}
	agents, err := a.ListAgents(context.Background(), creds)
	if err != nil {
		t.Fatal(err)
	}
	if len(agents) != 1 || agents[0] != (provider.Agent{ID: "12acc0ac-df2a-47af-afe3-e1aa4380a307", Kind: provider.AgentKindAgent, Name: "Retention Test Agent"}) {
		t.Errorf("agents = %+v", agents)
	}
}
