package bland

import (
	"encoding/json"
	"testing"
	"time"

	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

func FuzzParseCalls(f *testing.F) {
	calls := fake.BlandCalls(6, 1)
	page, _ := json.Marshal(map[string]any{"total_count": 40, "count": len(calls), "calls": calls})
	f.Add(page)
	for _, s := range []string{
		`{"total_count":0,"count":0,"calls":[]}`,
		`{"calls":null}`,
		`{"calls":[{"call_id":"a","created_at":"2025-03-01 00:00:00+00","call_length":1e308,"price":-1e308}]}`,
		`{"calls":[{"call_id":"a","created_at":"2025-03-01T00:00:00Z","started_at":"2025-03-02T00:00:00Z","end_at":"2025-03-01T00:00:00Z"}]}`,
		`{"calls":[{"call_id":"a","created_at":"2025-03-01T00:00:00Z","call_length":"NaN","inbound":"yes"}]}`,
		`{"calls":[{"call_id":"a","created_at":"0000-01-01T00:00:00Z"}]}`,
		`{"count":-3,"total_count":-1,"calls":[]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		l, err := parseCalls(body)
		if err != nil {
			return
		}
		for _, it := range l.items {
			providertest.CheckCall(t, it.call)
			if it.created.Location() != time.UTC {
				t.Fatalf("created_at not UTC: %v", it.created)
			}
		}
	})
}
