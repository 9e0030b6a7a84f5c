package vapi

import (
	"encoding/json"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

func FuzzParseCalls(f *testing.F) {
	page, _ := json.Marshal(fake.VapiCalls(8, 1))
	f.Add(page)
	for _, s := range []string{
		`[]`,
		`null`,
		`{"message":"x"}`,
		`[{"id":"a","createdAt":"2025-03-01T00:00:00.000Z","cost":0.285,"customer":null}]`,
		`[{"id":"a","createdAt":"2025-03-01T00:00:00+05:30","startedAt":"2025-03-01T00:00:01Z","endedAt":"2025-02-01T00:00:00Z"}]`,
		`[{"id":"a","createdAt":"yesterday"}]`,
		`[{"id":"a","createdAt":"2025-03-01T00:00:00Z","cost":1e300}]`,
		`[{"id":"a","createdAt":"2025-03-01T00:00:00Z","cost":-0.005,"type":"vapi.websocketCall","extra":{"deep":[1,2]}}]`,
		`[{"createdAt":"2025-03-01T00:00:00Z"}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		items, err := parseCalls(body)
		if err != nil {
			return
		}
		for _, it := range items {
			providertest.CheckCall(t, it.call)
			if it.created.Location() != time.UTC {
				t.Fatalf("createdAt not UTC: %v", it.created)
			}
		}
		// Paging never panics on whatever parsed, whatever the limit.
		for _, limit := range []int{1, 2, len(items)} {
			_, _ = pageOf(items, limit, provider.Window{}, false)
			_, _ = pageOf(items, limit, provider.Window{}, true)
		}
	})
}
