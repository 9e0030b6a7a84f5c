package retell

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"switchboard/backend/provider/fake"
)

// TestFakeIsStrict: the fake refuses what Retell's SDK does not document
// (and documented options it does not implement), so that the adapter's
// requests are checked against the SDK, not against the fake's leniency.
func TestFakeIsStrict(t *testing.T) {
	f := agentsFake(0)
	f.Calls = fake.RetellCalls(3, 1)
	tests := []struct {
		name, method, target, body string
		want                       int
	}{
		{"list-calls as the adapter asks", "POST", "/v3/list-calls",
			`{"filter_criteria":{"start_timestamp":{"op":"bt","type":"range","value":[0,1]}},"limit":1000,"sort_order":"ascending"}`, 200},
		{"list-calls with an unknown field", "POST", "/v3/list-calls", `{"limit":10,"page":2}`, 400},
		{"list-calls with an unknown filter", "POST", "/v3/list-calls", `{"filter_criteria":{"agent_id":["a"]}}`, 400},
		{"list-calls with the v2 threshold filter", "POST", "/v3/list-calls",
			`{"filter_criteria":{"start_timestamp":{"lower_threshold":0,"upper_threshold":1}}}`, 400},
		{"list-calls over the limit", "POST", "/v3/list-calls", `{"limit":1001}`, 400},
		{"list-calls with a query parameter", "POST", "/v3/list-calls?limit=10", `{}`, 400},
		{"list-calls with a bad sort order", "POST", "/v3/list-calls", `{"sort_order":"newest"}`, 400},
		{"list-agents as the adapter asks", "POST", "/v2/list-agents?limit=1000",
			`{"filter_criteria":{"channel":{"type":"string","op":"eq","value":"voice"}}}`, 200},
		{"list-agents without a body", "POST", "/v2/list-agents", ``, 200},
		{"list-agents with the old is_latest", "POST", "/v2/list-agents?is_latest=true", ``, 400},
		{"list-agents with limit in the body", "POST", "/v2/list-agents", `{"limit":10}`, 400},
		{"list-agents over the limit", "POST", "/v2/list-agents?limit=1001", ``, 400},
		{"list-agents with a bad channel", "POST", "/v2/list-agents", `{"filter_criteria":{"channel":{"op":"eq","value":"sms"}}}`, 400},
		{"the old GET /list-agents", "GET", "/list-agents", ``, 404},
		{"get-agent", "GET", "/get-agent/agent_sales", ``, 200},
		{"get-agent of a chat agent", "GET", "/get-agent/agent_chat", ``, 404},
		{"get-agent with an unknown parameter", "GET", "/get-agent/agent_sales?expand=llm", ``, 400},
		{"get-retell-llm at a version", "GET", "/get-retell-llm/llm_versioned?version=1", ``, 200},
		{"get-retell-llm at a version it lacks", "GET", "/get-retell-llm/llm_versioned?version=9", ``, 404},
		{"get-concurrency with a parameter", "GET", "/get-concurrency?x=1", ``, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			r.Header.Set("Authorization", "Bearer "+testKey)
			w := httptest.NewRecorder()
			f.ServeHTTP(w, r)
			if w.Code != tt.want {
				t.Errorf("%s %s: %d %s, want %d", tt.method, tt.target, w.Code, w.Body, tt.want)
			}
			if w.Code == http.StatusBadRequest && !strings.Contains(w.Body.String(), `"message"`) {
				t.Errorf("400 without Retell's message: %s", w.Body)
			}
		})
	}
}
