package synthflow

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

// repeating lists each answer's first five calls again at its end: more
// calls than were asked.
type repeating struct{ *fake.SynthflowServer }

func (s repeating) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != callsPath {
		s.SynthflowServer.ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	s.SynthflowServer.ServeHTTP(rec, r)
	var m map[string]any
	json.Unmarshal(rec.Body.Bytes(), &m)
	if resp, ok := m["response"].(map[string]any); ok {
		if calls, ok := resp["calls"].([]any); ok && len(calls) > 5 {
			resp["calls"] = append(calls, calls[:5]...)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(m)
}

// TestListCallsMovesByTheCallsAsked: an answer with 105 calls for the 100
// asked (five of them twice) must move the offset by 100, not skip five
// calls each time.
func TestListCallsMovesByTheCallsAsked(t *testing.T) {
	agents := manyAgents(3)
	calls := fake.SynthflowCallsFor(agents, 900, 4)
	h := providertest.Serve(t, repeating{fake.NewSynthflow(testKey, agents, calls)}, New)
	got, _ := providertest.ListAll(t, h.Adapter, creds, provider.Window{})
	seen := map[string]bool{}
	for _, c := range got {
		seen[c.ProviderCallID] = true
	}
	for _, c := range calls {
		if !seen[c.CallID] {
			t.Fatalf("call %s was never listed (%d of %d seen)", c.CallID, len(seen), len(calls))
		}
	}
}
