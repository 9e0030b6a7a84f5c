package elevenlabs

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/providertest"
)

// The spec's own example responses, typed in as facts.
const (
	// specListExample is GET /v1/convai/conversations' example (the one
	// the official SDK's wire test serves: elevenlabs-js
	// tests/wire/conversationalAi/conversations.test.ts, "list").
	specListExample = `{
		"conversations": [{
			"agent_id": "agent_id", "branch_id": "branch_id", "version_id": "version_id",
			"agent_name": "agent_name", "conversation_id": "conversation_id",
			"start_time_unix_secs": 1, "call_duration_secs": 1, "message_count": 1,
			"status": "initiated", "termination_reason": "termination_reason",
			"call_successful": "success", "call_success_score": 1.1,
			"transcript_summary": "transcript_summary", "call_summary_title": "call_summary_title",
			"main_language": "main_language", "conversation_initiation_source": "unknown",
			"tool_names": ["tool_names"], "direction": "inbound", "rating": 1.1,
			"sentiment_analysis": {"overall_label": "positive", "overall_sentiment_score": 1.1,
				"overall_frustration_score": 1.1, "min_user_sentiment_score": 1.1,
				"max_user_frustration_score": 1.1, "num_scored_user_turns": 1}
		}],
		"next_cursor": "next_cursor",
		"has_more": true
	}`
	// specDetailExample is GET /v1/convai/conversations/{conversation_id}'s
	// example (elevenlabs-docs fern/apis/api/openapi-overrides.yml
	// x-fern-examples; the same body in the SDK's wire test "get").
	specDetailExample = `{
		"agent_id": "123", "conversation_id": "123", "status": "processing",
		"transcript": [{"role": "user", "message": "Hello, how are you?", "time_in_call_secs": 10}],
		"metadata": {"start_time_unix_secs": 1714423232, "call_duration_secs": 10},
		"has_audio": true, "has_user_audio": true, "has_response_audio": true
	}`
	// specWebhookData is the data of the documented post_call_transcription
	// example ("the same data that is returned from the Conversation API",
	// elevenlabs.io/docs/eleven-agents/workflows/post-call-webhooks), with
	// its transcript and analysis left out: a cost in credits only.
	specWebhookData = `{
		"agent_id": "xyz", "conversation_id": "abc", "status": "done", "user_id": "user123",
		"transcript": [],
		"metadata": {
			"start_time_unix_secs": 1739537297, "call_duration_secs": 22, "cost": 296,
			"deletion_settings": {"deletion_time_unix_secs": 1802609320, "deleted_logs_at_time_unix_secs": null,
				"deleted_audio_at_time_unix_secs": null, "deleted_transcript_at_time_unix_secs": null,
				"delete_transcript_and_pii": true, "delete_audio": true},
			"feedback": {"overall_score": null, "likes": 0, "dislikes": 0},
			"authorization_method": "authorization_header", "charging": {"dev_discount": true},
			"termination_reason": ""
		}
	}`
	// specAgentsExample is GetAgentsPageResponseModel's example in the
	// OpenAPI description (elevenlabs-docs fern/apis/api/openapi.json):
	// has_more false with a next_cursor.
	specAgentsExample = `{
		"agents": [{
			"access_info": {"creator_email": "john@example.com", "creator_name": "John Doe", "is_creator": true, "role": "admin"},
			"agent_id": "J3Pbu5gP6NNKBscdCdwB", "created_at_unix_secs": 1716153600, "name": "My Agent",
			"tags": ["Customer Support", "Technical Help", "Eleven"]
		}],
		"has_more": false,
		"next_cursor": "123"
	}`
	// specAgentMinimal is GetAgentResponseModel's example in the OpenAPI
	// description: no conversation_config at all.
	specAgentMinimal = `{"agent_id": "J3Pbu5gP6NNKBscdCdwB", "name": "My Agent"}`
	// specAgentFull is the agent part of the SDK wire test "get"
	// (elevenlabs-js tests/wire/conversationalAi/agents.test.ts), trimmed
	// to the path the adapter reads and some neighbours.
	specAgentFull = `{
		"agent_id": "agent_7101k5zvyjhmfg983brhmhkd98n6", "name": "My Agent",
		"conversation_config": {
			"agent": {
				"first_message": "Hello, how can I help you today?", "language": "en", "hinglish_mode": true,
				"dynamic_variables": {"dynamic_variable_placeholders": {"user_name": "John Doe"}},
				"prompt": {
					"prompt": "You are a helpful assistant that can answer questions about the topic of the conversation.",
					"llm": "gemini-2.0-flash-001", "temperature": 0, "max_tokens": -1, "tool_ids": ["tool_ids"]
				}
			}
		},
		"metadata": {"created_at_unix_secs": 1, "updated_at_unix_secs": 1},
		"phone_numbers": [{"provider": "exotel", "phone_number": "+919999999999", "label": "Exotel Outbound",
			"phone_number_id": "phnum_X3Pbu5gP6NNKBscdCdwB",
			"assigned_agent": {"agent_id": "F3Pbu5gP6NNKBscdCdwB", "agent_name": "My Agent"}}],
		"tags": ["tags"], "version_id": "version_id", "branch_id": "branch_id", "main_branch_id": "main_branch_id"
	}`
)

// specServer answers the list path with list and any other path with
// detail, and records the request lines and keys it saw.
type specServer struct {
	list, listPath, detail string
	mu                     sync.Mutex
	seen                   []string
}

func (s *specServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.seen = append(s.seen, r.URL.RequestURI()+" key="+r.Header.Get("xi-api-key"))
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if r.URL.Path == s.listPath {
		_, _ = io.WriteString(w, s.list)
		return
	}
	_, _ = io.WriteString(w, s.detail)
}

// TestSpecExampleConversations serves the documented list example, with
// the documented detail example for its conversation, and checks every
// normalised field: the status "initiated" is in progress (no end time),
// the detail (no phone_call, no cost) adds nothing, has_more gives the
// next cursor, and one list and one detail request were made.
func TestSpecExampleConversations(t *testing.T) {
	srv := &specServer{list: specListExample, listPath: "/v1/convai/conversations", detail: specDetailExample}
	h := providertest.Serve(t, srv, New)
	page, err := h.Adapter.ListCalls(context.Background(), creds, provider.Window{Since: time.Unix(0, 0)}, "")
	if err != nil {
		t.Fatal(err)
	}
	providertest.SameCalls(t, page.Calls, []provider.Call{{
		ProviderCallID: "conversation_id", AgentID: "agent_id", Direction: provider.DirectionIn,
		Status: provider.StatusInProgress, RawStatus: "initiated",
		StartedAt: time.Date(1970, 1, 1, 0, 0, 1, 0, time.UTC), DurationSec: 1,
	}})
	if page.Next != "next_cursor" || page.Requests != 2 {
		t.Errorf("Next %q, Requests %d", page.Next, page.Requests)
	}
	want := []string{
		"/v1/convai/conversations?page_size=100 key=" + testKey,
		"/v1/convai/conversations/conversation_id key=" + testKey,
	}
	if !slices.Equal(srv.seen, want) {
		t.Errorf("requests %q, want %q", srv.seen, want)
	}
}

// TestSpecExampleWebhookData applies the documented conversation data
// (a cost in credits, no phone call) to its listed conversation: no
// currency is invented for credits.
func TestSpecExampleWebhookData(t *testing.T) {
	start := int64(1739537297)
	dur := int64(22)
	conv, err := wireSummary{ConversationID: "abc", AgentID: "xyz", StartTimeUnix: &start, CallDurationSecs: &dur, Status: "done"}.conversation()
	if err != nil {
		t.Fatal(err)
	}
	d, err := parseDetail("abc", []byte(specWebhookData))
	if err != nil {
		t.Fatal(err)
	}
	if err := applyDetail(&conv, d); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 2, 14, 12, 48, 17, 0, time.UTC)
	providertest.SameCalls(t, []provider.Call{conv.call}, []provider.Call{{
		ProviderCallID: "abc", AgentID: "xyz", Direction: provider.DirectionUnknown,
		Status: provider.StatusCompleted, RawStatus: "done",
		StartedAt: at, EndedAt: at.Add(22 * time.Second), DurationSec: 22,
	}})
}

// TestSpecExampleAgents serves the documented agent list (has_more false,
// so its next_cursor is not followed) with each documented agent body.
func TestSpecExampleAgents(t *testing.T) {
	tests := []struct {
		name, detail string
		want         provider.Agent
	}{
		{"full configuration", specAgentFull, provider.Agent{ID: "J3Pbu5gP6NNKBscdCdwB", Kind: provider.AgentKindAgent, Name: "My Agent",
			Prompt: "You are a helpful assistant that can answer questions about the topic of the conversation."}},
		{"no conversation_config", specAgentMinimal, provider.Agent{ID: "J3Pbu5gP6NNKBscdCdwB", Kind: provider.AgentKindAgent, Name: "My Agent"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := &specServer{list: specAgentsExample, listPath: "/v1/convai/agents", detail: tt.detail}
			h := providertest.Serve(t, srv, New)
			got, err := h.Adapter.ListAgents(context.Background(), creds)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("agents = %+v, want %+v", got, tt.want)
			}
			want := "/v1/convai/agents?page_size=100 key=" + testKey + "|/v1/convai/agents/J3Pbu5gP6NNKBscdCdwB key=" + testKey
			if s := strings.Join(srv.seen, "|"); s != want {
				t.Errorf("requests %s, want %s", s, want)
			}
		})
	}
}
