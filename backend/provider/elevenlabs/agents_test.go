package elevenlabs

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

// TestListAgents walks 250 agents (three pages of up to 100) and reads
// each one's prompt: an agent without a prompt has "", one deleted since
// the listing keeps its listed name, an archived one is listed too.
func TestListAgents(t *testing.T) {
	agents := fake.ElevenLabsAgents(250)
	agents[7].Gone = true
	agents[8].Archived = true
	f := fake.NewElevenLabs(testKey, agents, nil)
	h := providertest.Serve(t, f, New)
	got, err := h.Adapter.ListAgents(context.Background(), creds)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(agents) {
		t.Fatalf("%d agents, want %d", len(got), len(agents))
	}
	for i, a := range agents {
		want := provider.Agent{ID: a.AgentID, Kind: provider.AgentKindAgent, Name: a.Name}
		if a.Prompt != nil && !a.Gone {
			want.Prompt = *a.Prompt
		}
		if got[i] != want {
			t.Errorf("agent %d = %+v, want %+v", i, got[i], want)
		}
	}
	if got[0].Prompt == "" || got[3].Prompt != "" || got[7].Prompt != "" {
		t.Errorf("prompts of agents 0, 3, 7: %q, %q, %q", got[0].Prompt, got[3].Prompt, got[7].Prompt)
	}
	var lists, details int
	for _, r := range f.Requests() {
		switch r.Path {
		case "/v1/convai/agents":
			lists++
			if r.Query.Get("page_size") != "100" || lists == 1 && r.Query.Has("cursor") || lists > 1 && r.Query.Get("cursor") == "" {
				t.Errorf("list query %d = %v", lists, r.Query)
			}
		default:
			details++
		}
	}
	if lists != 3 || details != 250 {
		t.Errorf("%d list and %d detail requests, want 3 and 250", lists, details)
	}
	if n := f.MaxInFlight(); n > detailWorkers {
		t.Errorf("%d requests at once, want at most %d", n, detailWorkers)
	}
}

func TestListAgentsCredentials(t *testing.T) {
	f := fake.NewElevenLabs(testKey, fake.ElevenLabsAgents(2), nil)
	h := providertest.Serve(t, f, New)
	_, err := h.Adapter.ListAgents(context.Background(), provider.Credentials{"apiKey": "sk_ffffffffffffffffffffffff"})
	var pe *provider.Error
	if !errors.As(err, &pe) || pe.Kind != provider.KindUnauthorized || pe.Reason != "Invalid API key" || len(f.Requests()) != 1 {
		t.Errorf("wrong key: %v after %d requests", err, len(f.Requests()))
	}
	f.ResetRequests()
	if _, err := h.Adapter.ListAgents(context.Background(), provider.Credentials{"apiKey": "short"}); provider.KindOf(err) != provider.KindUnauthorized || len(f.Requests()) != 0 {
		t.Errorf("bad key: %v after %d requests", err, len(f.Requests()))
	}
}

func TestListAgentsMalformed(t *testing.T) {
	tests := []struct{ name, page string }{
		{"no agents array", `{"has_more":false}`},
		{"agent without id", `{"agents":[{"name":"x"}],"has_more":false}`},
		{"more without cursor", `{"agents":[],"has_more":true,"next_cursor":null}`},
		{"cursor repeats", `{"agents":[],"has_more":true,"next_cursor":"same"}`},
		{"not JSON", `<html>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := providertest.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.WriteString(w, tt.page)
			}), New)
			if _, err := h.Adapter.ListAgents(context.Background(), creds); provider.KindOf(err) != provider.KindMalformed {
				t.Errorf("err = %v, want malformed", err)
			}
		})
	}
}
