package retell

import (
	"encoding/json"
	"testing"

	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

func FuzzParseCallList(f *testing.F) {
	page, _ := json.Marshal(map[string]any{"items": fake.RetellCalls(5, 1), "has_more": true, "pagination_key": "k"})
	arr, _ := json.Marshal(fake.RetellCalls(3, 2))
	f.Add(page, 1000)
	f.Add(arr, 3)
	for _, s := range []string{
		`{"items":[],"has_more":false}`,
		`{"items":null}`,
		`[]`,
		`[{"call_id":"a","start_timestamp":-1}]`,
		`[{"call_id":"a","start_timestamp":1.7e12,"end_timestamp":1e300,"duration_ms":-5,"call_cost":{"combined_cost":-1e300}}]`,
		`{"items":[{"call_id":"a","start_timestamp":1700000000000,"call_cost":null,"direction":7}]}`,
		`{"items":[{"call_id":"","start_timestamp":1700000000000}]}`,
	} {
		f.Add([]byte(s), 1)
	}
	f.Fuzz(func(t *testing.T, body []byte, limit int) {
		calls, _, err := parseCallList(body, limit)
		if err != nil {
			return
		}
		for _, c := range calls {
			providertest.CheckCall(t, c)
		}
	})
}
