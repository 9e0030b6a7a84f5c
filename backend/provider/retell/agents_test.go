package retell

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

func ptr[T any](v T) *T { return &v }

// agentsFake holds named agents of every kind of response engine, a chat
// agent, and enough filler agents on one LLM for two pages of the list.
func agentsFake(filler int) *fake.RetellServer {
	f := fake.NewRetell(testKey, nil)
	llm := func(id string, version *int) fake.RetellEngine {
		return fake.RetellEngine{Type: "retell-llm", LLMID: id, LLMVersion: version}
	}
	f.Agents = []fake.RetellAgent{
		{AgentID: "agent_sales", AgentName: "Sales", Channel: "voice", Engine: llm("llm_shared", nil), UserModified: 9_000},
		{AgentID: "agent_support", AgentName: "Support", Channel: "voice", Engine: llm("llm_shared", nil), UserModified: 8_000},
		{AgentID: "agent_v2", AgentName: "Pinned", Channel: "voice", Engine: llm("llm_versioned", ptr(2)), UserModified: 7_000},
		{AgentID: "agent_custom", AgentName: "Custom", Channel: "voice",
			Engine: fake.RetellEngine{Type: "custom-llm", WebsocketURL: "wss://example.com/llm"}, UserModified: 6_000},
		{AgentID: "agent_flow", AgentName: "Flow", Channel: "voice",
			Engine: fake.RetellEngine{Type: "conversation-flow", FlowID: "cf_1"}, UserModified: 5_000},
		{AgentID: "agent_nullprompt", AgentName: "Null prompt", Channel: "voice", Engine: llm("llm_null", nil), UserModified: 4_000},
		{AgentID: "agent_lostllm", AgentName: "Lost LLM", Channel: "voice", Engine: llm("llm_missing", nil), UserModified: 3_000},
		{AgentID: "agent_chat", AgentName: "Chat", Channel: "chat", Engine: llm("llm_shared", nil), UserModified: 2_000},
	}
	for i := 0; i < filler; i++ {
		f.Agents = append(f.Agents, fake.RetellAgent{AgentID: fmt.Sprintf("agent_f%04d", i), AgentName: fmt.Sprintf("Filler %d", i),
			Channel: "voice", Engine: llm("llm_filler", nil), UserModified: int64(1000 - i%1000)})
	}
	f.LLMs = []fake.RetellLLM{
		{LLMID: "llm_shared", Version: 0, GeneralPrompt: ptr("You are the front desk of Acme Dental.")},
		{LLMID: "llm_versioned", Version: 1, GeneralPrompt: ptr("old prompt")},
		{LLMID: "llm_versioned", Version: 2, GeneralPrompt: ptr("pinned prompt")},
		{LLMID: "llm_versioned", Version: 3, GeneralPrompt: ptr("draft prompt")},
		{LLMID: "llm_null", Version: 0},
		{LLMID: "llm_filler", Version: 0, GeneralPrompt: ptr("filler prompt")},
	}
	return f
}

// TestListAgents: every voice agent once, across pages of the agent list;
// each agent's engine read once; each distinct Retell LLM (and version)
// read once; agents on another engine, on an LLM without a prompt or on an
// LLM Retell no longer has get no prompt; chat agents are not listed.
func TestListAgents(t *testing.T) {
	const filler = 1100
	f := agentsFake(filler)
	h := providertest.Serve(t, f, New)
	got, err := h.Adapter.ListAgents(context.Background(), creds)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 7+filler {
		t.Fatalf("%d agents, want %d", len(got), 7+filler)
	}
	byID := map[string]provider.Agent{}
	for _, a := range got {
		if _, dup := byID[a.ID]; dup {
			t.Errorf("agent %s listed twice", a.ID)
		}
		byID[a.ID] = a
		if a.Kind != provider.AgentKindAgent || a.Number != "" {
			t.Errorf("agent %s: kind %q number %q", a.ID, a.Kind, a.Number)
		}
	}
	want := map[string][2]string{ // name, prompt
		"agent_sales":      {"Sales", "You are the front desk of Acme Dental."},
		"agent_support":    {"Support", "You are the front desk of Acme Dental."},
		"agent_v2":         {"Pinned", "pinned prompt"},
		"agent_custom":     {"Custom", ""},
		"agent_flow":       {"Flow", ""},
		"agent_nullprompt": {"Null prompt", ""},
		"agent_lostllm":    {"Lost LLM", ""},
		"agent_f0042":      {"Filler 42", "filler prompt"},
	}
	for id, w := range want {
		if a := byID[id]; a.Name != w[0] || a.Prompt != w[1] {
			t.Errorf("agent %s = %+v, want name %q prompt %q", id, a, w[0], w[1])
		}
	}
	if _, ok := byID["agent_chat"]; ok {
		t.Error("the chat agent is listed")
	}

	counts := map[string]int{}
	var lists []fake.Request
	for _, r := range f.Requests() {
		switch {
		case r.Path == "/v2/list-agents":
			lists = append(lists, r)
		case strings.HasPrefix(r.Path, "/get-agent/"):
			counts["get-agent"]++
		default:
			counts[r.Path+"?"+r.Query.Encode()]++
		}
	}
	wantCounts := map[string]int{
		"get-agent":                               7 + filler,
		"/get-retell-llm/llm_shared?":             1,
		"/get-retell-llm/llm_versioned?version=2": 1,
		"/get-retell-llm/llm_null?":               1,
		"/get-retell-llm/llm_missing?":            1,
		"/get-retell-llm/llm_filler?":             1,
	}
	if fmt.Sprint(counts) != fmt.Sprint(wantCounts) {
		t.Errorf("look-ups %v\nwant %v", counts, wantCounts)
	}
	if len(lists) != 2 {
		t.Fatalf("%d list requests, want 2", len(lists))
	}
	for i, r := range lists {
		var body struct {
			FilterCriteria struct {
				Channel struct{ Type, Op, Value string } `json:"channel"`
			} `json:"filter_criteria"`
		}
		if err := json.Unmarshal([]byte(r.Body), &body); err != nil {
			t.Fatal(err)
		}
		ch := body.FilterCriteria.Channel
		if r.Method != http.MethodPost || r.Query.Get("limit") != "1000" || ch.Type != "string" || ch.Op != "eq" || ch.Value != "voice" ||
			(i == 0) != (r.Query.Get("pagination_key") == "") {
			t.Errorf("list request %d: %s %v %s", i, r.Method, r.Query, r.Body)
		}
	}
}

func TestListAgentsFailures(t *testing.T) {
	t.Run("wrong key is unauthorized", func(t *testing.T) {
		h := providertest.Serve(t, agentsFake(0), New)
		_, err := h.Adapter.ListAgents(context.Background(), provider.Credentials{"apiKey": "key_another0123456789"})
		if provider.KindOf(err) != provider.KindUnauthorized {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("5xx throughout is unavailable", func(t *testing.T) {
		f := agentsFake(0)
		f.FailNext(100, http.StatusBadGateway)
		h := providertest.Serve(t, f, New)
		if _, err := h.Adapter.ListAgents(context.Background(), creds); provider.KindOf(err) != provider.KindUnavailable {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a failed look-up fails the listing", func(t *testing.T) {
		f := agentsFake(0)
		h := providertest.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/get-agent/agent_flow" {
				w.WriteHeader(http.StatusBadRequest)
				_, _ = w.Write([]byte(`{"status":"error","message":"Bad agent"}`))
				return
			}
			f.ServeHTTP(w, r)
		}), New)
		if _, err := h.Adapter.ListAgents(context.Background(), creds); provider.KindOf(err) != provider.KindRejected {
			t.Fatalf("err = %v", err)
		}
	})
	for name, body := range map[string]string{
		"has_more without pagination_key": `{"has_more":true,"items":[]}`,
		"an agent without agent_id":       `{"has_more":false,"items":[{"agent_name":"x","channel":"voice"}]}`,
		"not JSON":                        `<html>`,
	} {
		t.Run(name+" is malformed", func(t *testing.T) {
			h := providertest.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.Write([]byte(body))
			}), New)
			if _, err := h.Adapter.ListAgents(context.Background(), creds); provider.KindOf(err) != provider.KindMalformed {
				t.Fatalf("err = %v", err)
			}
		})
	}
	t.Run("an empty account has no agents, and the list leaves items out", func(t *testing.T) {
		f := fake.NewRetell(testKey, nil)
		h := providertest.Serve(t, f, New)
		got, err := h.Adapter.ListAgents(context.Background(), creds)
		if err != nil || len(got) != 0 || len(f.Requests()) != 1 {
			t.Fatalf("agents %v, err %v, %d requests", got, err, len(f.Requests()))
		}
	})
}
