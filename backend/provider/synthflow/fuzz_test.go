package synthflow

import (
	"encoding/json"
	"testing"

	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

func FuzzParseCalls(f *testing.F) {
	page, _ := json.Marshal(map[string]any{"status": "ok", "response": map[string]any{
		"pagination": map[string]any{"total_records": 9, "limit": 20, "offset": 0},
		"calls":      fake.SynthflowCalls(6, 1),
	}})
	f.Add(page)
	f.Add([]byte(specCalls))
	for _, s := range []string{
		`{"status":null,"response":null}`,
		`{"response":{"calls":null}}`,
		`{"response":{"calls":[{"call_id":"a","start_time":"-5"}]}}`,
		`{"response":{"calls":[{"call_id":"a","start_time":1.7e12,"duration":-30,"call_status":"completed"}]}}`,
		`{"response":{"calls":[{"call_id":"a","start_time":"1761150177868","duration":1e300,"telephony_end":"2020-01-01T00:00:00Z"}]}}`,
		`{"response":{"calls":[{"call_id":"a","start_time":"1761150177868","duration":60,"telephony_end":"2025-10-22T16:30:00.000+02:00"}]}}`,
		`{"response":{"calls":[{"call_id":"a","start_time":"","type_of_call":7}]}}`,
		`{"response":{"calls":[{"call_id":"","start_time":"1761150177868"}]}}`,
		`{"response":{"pagination":{"total_records":-1},"calls":[]}}`,
		`{"response":{"calls":[{"call_id":"a","start_time":"1e20"}]}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := parseCalls(body)
		if err != nil {
			return
		}
		if got.n < len(got.calls) || got.total != nil && *got.total < 0 {
			t.Fatalf("n %d for %d calls, total %v", got.n, len(got.calls), got.total)
		}
		for _, c := range got.calls {
			providertest.CheckCall(t, c)
			if c.CostMicros < 0 || c.Currency != "" {
				t.Fatalf("cost %d %q", c.CostMicros, c.Currency)
			}
			if !c.EndedAt.IsZero() && c.EndedAt.Before(c.StartedAt) {
				t.Fatalf("ends %v before it starts %v", c.EndedAt, c.StartedAt)
			}
		}
	})
}

func FuzzParseAssistants(f *testing.F) {
	page, _ := json.Marshal(map[string]any{"status": "ok", "response": map[string]any{"assistants": fake.SynthflowAgents()}})
	f.Add(page)
	f.Add([]byte(specAgent))
	f.Add([]byte(`{"response":{"assistants":{"model_id":"a","agent":null}}}`))
	f.Add([]byte(`{"response":{"assistants":[{"model_id":"a","agent":{"prompt":5}}]}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		agents, total, err := parseAssistants(body)
		if err != nil {
			return
		}
		if total != nil && *total < 0 {
			t.Fatalf("total %d", *total)
		}
		for _, a := range agents {
			if a.ID == "" || a.Kind != "agent" {
				t.Fatalf("agent %+v", a)
			}
		}
	})
}

func FuzzDecodeCursor(f *testing.F) {
	f.Add(cursor{Agent: 3, ID: "agent-003", Offset: 200}.encode())
	f.Add("sf1.e30")
	f.Add("page-2")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := decodeCursor(s)
		if err != nil {
			return
		}
		if c.Agent < 0 || c.Offset < 0 || c.Restarts < 0 || c.Restarts > maxRestarts {
			t.Fatalf("cursor %+v", c)
		}
		if again, err := decodeCursor(c.encode()); err != nil || again != c {
			t.Fatalf("%+v does not round-trip: %+v %v", c, again, err)
		}
	})
}
