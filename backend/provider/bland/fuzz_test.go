package bland

import (
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/providertest"
)

func FuzzParseCalls(f *testing.F) {
	for _, s := range []string{
		`{"count":784,"calls":[{"call_id":"c1234567-89ab-cdef-0123-456789abcdef","created_at":"2023-12-21T23:25:14.801193+00:00","call_length":0.834,"to":"5551234567","from":"+15551234567","completed":true,"queue_status":"complete","error_message":null,"answered_by":"human","batch_id":"b1234567-89ab-cdef-0123-gen-batch"}]}`,
		`{"total_count":0,"count":0,"calls":[]}`,
		`{"calls":null}`,
		`{"calls":[{"call_id":"a","created_at":"2025-03-01 00:00:00+00","call_length":1e308}]}`,
		`{"calls":[{"call_id":"a","created_at":"2025-03-01T00:00:00Z","call_length":"NaN","completed":"yes"}]}`,
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

func FuzzApplyDetail(f *testing.F) {
	for _, s := range []string{
		`{"call_length":0.75,"inbound":false,"queue_status":"completed","price":0.068,"started_at":"2024-04-27T23:51:25+00:00","completed":true}`,
		`{"status":"completed","corrected_duration":"71","end_at":"2023-12-16T00:15:41.000Z"}`,
		`{"price":-1e308,"corrected_duration":"1e300"}`,
		`{"started_at":"9999-12-31T23:59:59Z","call_length":1e9}`,
	} {
		f.Add([]byte(s))
	}
	created := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte) {
		d, err := parseDetail("a", body)
		if err != nil {
			return
		}
		it := item{call: parseItem(t, created), created: created}
		if err := it.apply(d); err != nil {
			return
		}
		providertest.CheckCall(t, it.call)
		if it.call.CostMicros < 0 {
			t.Fatalf("negative cost %d", it.call.CostMicros)
		}
	})
}

// parseItem is a listed call created at created.
func parseItem(t *testing.T, created time.Time) provider.Call {
	t.Helper()
	l, err := parseCalls([]byte(`{"calls":[{"call_id":"a","created_at":"` + created.Format(time.RFC3339) + `"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	return l.items[0].call
}
