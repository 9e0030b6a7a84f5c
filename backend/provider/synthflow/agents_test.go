package synthflow

import (
	"context"
	"fmt"
	"testing"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

func TestListAgents(t *testing.T) {
	for _, omitTotals := range []bool{false, true} {
		for _, n := range []int{0, 3, 20, 45} {
			t.Run(fmt.Sprintf("%d agents, omitTotals=%v", n, omitTotals), func(t *testing.T) {
				agents := manyAgents(n)
				f := fake.NewSynthflow(testKey, agents, nil)
				f.OmitTotals = omitTotals
				h := providertest.Serve(t, f, New)
				got, err := h.Adapter.ListAgents(context.Background(), creds)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != n {
					t.Fatalf("%d agents, want %d", len(got), n)
				}
				for i, a := range got {
					want := provider.Agent{ID: agents[i].ModelID, Kind: provider.AgentKindAgent, Name: agents[i].Name, Prompt: agents[i].Prompt}
					if a != want {
						t.Errorf("agent %d = %+v, want %+v", i, a, want)
					}
				}
				// 20 a page; without totals a full last page costs one more
				// (empty) request.
				wantReqs := n/20 + 1
				if !omitTotals && n > 0 && n%20 == 0 {
					wantReqs--
				}
				reqs := f.Requests()
				if len(reqs) != wantReqs {
					t.Errorf("%d requests, want %d", len(reqs), wantReqs)
				}
				for i, r := range reqs {
					if r.Path != "/v2/assistants/" || r.Query.Get("limit") != "20" || r.Query.Get("offset") != fmt.Sprint(20*i) {
						t.Errorf("request %d: %s %v", i, r.Path, r.Query)
					}
				}
			})
		}
	}
}

// TestListAgentsWithoutPrompt: an agent whose Agent object has no prompt
// (optional in the schema) has Prompt "".
func TestListAgentsWithoutPrompt(t *testing.T) {
	h := providertest.Serve(t, fake.NewSynthflow(testKey, fake.SynthflowAgents(), nil), New)
	got, err := h.Adapter.ListAgents(context.Background(), creds)
	if err != nil || len(got) != 3 {
		t.Fatalf("agents %+v, err %v", got, err)
	}
	if got[0].Prompt == "" || got[2].Prompt != "" || got[2].Name != "After hours" {
		t.Errorf("agents = %+v", got)
	}
}

func TestParseAssistants(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantIDs []string
		total   int64 // -1: none
		wantErr bool
	}{
		{"array", `{"status":"ok","response":{"pagination":{"total_records":2},"assistants":[{"model_id":"a","name":"A","agent":{"prompt":"p"}},{"model_id":"b"}]}}`, []string{"a", "b"}, 2, false},
		// The OpenAPI description types List agents' assistants as one object.
		{"one object, as the description types it", `{"status":"ok","response":{"assistants":{"model_id":"a","name":"A"}}}`, []string{"a"}, -1, false},
		{"null response", `{"status":null,"response":null}`, nil, -1, false},
		{"null assistants", `{"status":"ok","response":{"assistants":null}}`, nil, -1, false},
		{"no model_id", `{"response":{"assistants":[{"name":"A"}]}}`, nil, -1, true},
		{"negative total", `{"response":{"pagination":{"total_records":-1},"assistants":[]}}`, nil, -1, true},
		{"assistants a string", `{"response":{"assistants":"a"}}`, nil, -1, true},
		{"not JSON", `<html>`, nil, -1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agents, total, err := parseAssistants([]byte(tt.body))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if err != nil {
				if provider.KindOf(err) != provider.KindMalformed {
					t.Errorf("kind %q", provider.KindOf(err))
				}
				return
			}
			var ids []string
			for _, a := range agents {
				ids = append(ids, a.ID)
			}
			if fmt.Sprint(ids) != fmt.Sprint(tt.wantIDs) || (total == nil) != (tt.total < 0) || total != nil && *total != tt.total {
				t.Errorf("ids %v total %v", ids, total)
			}
		})
	}
}
