package bland

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/providertest"
)

// The reference's own example responses (https://docs.bland.ai/api-v1/get/calls
// and https://docs.bland.ai/api-v1/get/calls-id), typed in as facts. The
// list example's one call has the details of the older Call Details
// example (same call_id); the list item of the current Call Details
// example (call 12345678-…) is made of that example's own list fields,
// since the reference lists no such call. Transcripts and variables are
// shortened.
const (
	specList = `{
    "count": 784,
    "calls": [
        {
            "call_id": "c1234567-89ab-cdef-0123-456789abcdef",
            "created_at": "2023-12-21T23:25:14.801193+00:00",
            "call_length": 0.834,
            "to": "5551234567",
            "from": "+15551234567",
            "completed": true,
            "queue_status": "complete",
            "error_message": null,
            "answered_by": "human",
            "batch_id": "b1234567-89ab-cdef-0123-gen-batch"
        },
        {
            "call_id": "12345678-1234-1234-1234-123456789012",
            "created_at": "2024-04-27T23:51:18.025251+00:00",
            "call_length": 0.75,
            "to": "+12223334444",
            "from": "+17163511654",
            "completed": true,
            "queue_status": "completed",
            "error_message": null,
            "answered_by": "human",
            "batch_id": null
        }
    ]
}`
	specDetailOld = `{
    "status": "completed",
    "corrected_duration": "71",
    "end_at": "2023-12-16T00:15:41.000Z",
    "call_id": "c1234567-89ab-cdef-0123-456789abcdef",
    "to": "5551234567",
    "from": "+15551234567",
    "completed": true,
    "created_at": "2023-12-16T00:15:26.59585+00:00",
    "queue_status": "complete",
    "endpoint_url": "api.bland.ai",
    "max_duration": 30,
    "error_message": null,
    "answered_by": "human",
    "batch_id": null,
    "variables": {"appointment_time": "tomorrow at 3pm", "city": "San Francisco", "state": "CA", "country": "US", "zip": "94103"},
    "concatenated_transcript": "user : Hey, it's Alex. What's up?",
    "request_data": {"phone_number": "5551234567", "reduce_latency": false, "wait": false, "language": "ENG"},
    "transcripts": [{"id": 123456, "created_at": "2023-12-16T00:15:32.287493+00:00", "text": "Hey, it's Alex. What's up?", "user": "user", "c_id": "c1234567-89ab-cdef-0123-456789abcdef"}]
}`
	specDetail = `{
    "call_id": "12345678-1234-1234-1234-123456789012",
    "call_length": 0.75,
    "batch_id": null,
    "to": "+12223334444",
    "from": "+17163511654",
    "request_data": {"phone_number": "+12223334444", "wait": true, "language": "ENG"},
    "completed": true,
    "created_at": "2024-04-27T23:51:18.025251+00:00",
    "inbound": false,
    "queue_status": "completed",
    "endpoint_url": "api.prod.bland.ai",
    "max_duration": 30,
    "error_message": null,
    "variables": {"now": "Sat Apr 27 2024 18:51:25 GMT-0500 (Central Daylight Time)", "input": {"date": "2024-04-28", "rooms": 3}},
    "answered_by": "human",
    "record": false,
    "recording_url": null,
    "c_id": "12345678-1234-1234-1234-123456789012",
    "metadata": {},
    "summary": "The call was a conversation between a hotel booking service assistant and a customer.",
    "price": 0.068,
    "started_at": "2024-04-27T23:51:25+00:00",
    "local_dialing": false,
    "call_ended_by": "ASSISTANT",
    "pathway_logs": null,
    "analysis_schema": null,
    "analysis": null,
    "concatenated_transcript": "user: Hello?"
}`
)

// TestSpecExamples serves the reference's example list and details and
// checks every normalised field of both calls.
func TestSpecExamples(t *testing.T) {
	bodies := map[string]string{
		"/v1/calls": specList,
		"/v1/calls/c1234567-89ab-cdef-0123-456789abcdef": specDetailOld,
		"/v1/calls/12345678-1234-1234-1234-123456789012": specDetail,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := bodies[r.URL.Path]
		if !ok || r.Header.Get("Authorization") != testKey {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	defer srv.Close()
	w := provider.Window{Since: time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
	page, err := New(provider.Options{BaseURL: srv.URL}).ListCalls(context.Background(), creds, w, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []provider.Call{
		{
			// No inbound, price or started_at in this example: direction
			// unknown, no cost, the start is the list's created_at and
			// there is no end (end_at is the max-duration cut-off).
			// corrected_duration wins over call_length (0.834 min).
			ProviderCallID: "c1234567-89ab-cdef-0123-456789abcdef", Direction: provider.DirectionUnknown,
			Status: provider.StatusCompleted, RawStatus: "completed", From: "+15551234567", To: "5551234567",
			StartedAt: time.Date(2023, 12, 21, 23, 25, 14, 801193000, time.UTC), DurationSec: 71,
		},
		{
			// inbound false is outbound; no status, completed true:
			// completed, raw queue_status; 0.75 min is 45 s from
			// started_at; price 0.068 USD is 68,000 micros.
			ProviderCallID: "12345678-1234-1234-1234-123456789012", Direction: provider.DirectionOut,
			Status: provider.StatusCompleted, RawStatus: "completed", From: "+17163511654", To: "+12223334444",
			StartedAt: time.Date(2024, 4, 27, 23, 51, 25, 0, time.UTC), EndedAt: time.Date(2024, 4, 27, 23, 52, 10, 0, time.UTC),
			DurationSec: 45, CostMicros: 68000, Currency: "USD",
		},
	}
	providertest.SameCalls(t, page.Calls, want)
	if page.Next != "" || page.Requests != 3 {
		t.Errorf("Next %q, Requests %d; want none and 3", page.Next, page.Requests)
	}
	for _, c := range page.Calls {
		if c.AgentID != "" || c.ParentCallID != "" {
			t.Errorf("call %s: AgentID %q, ParentCallID %q; Bland documents neither", c.ProviderCallID, c.AgentID, c.ParentCallID)
		}
	}
}
