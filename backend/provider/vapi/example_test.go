package vapi

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/providertest"
)

// specCalls is a GET /call answer built field by field from the Call
// schema of Vapi's OpenAPI description (VapiAI/docs
// fern/apis/api/openapi.json at eabfa53), which gives no example Call:
//
//   - the first call has only the required fields (id, orgId, createdAt,
//     updatedAt): no type, status, times, cost or numbers;
//   - the second is an outbound phone call with the optional fields
//     Switchboard reads and others around them (costs, costBreakdown,
//     phoneCallProvider, customer.name, analysis, artifact), and the one
//     nullable field, assistantVersion, null; our number is behind
//     phoneNumberId (a TwilioPhoneNumber, read with GET /phone-number/{id});
//   - the third is an inbound SIP call: customer.sipUri, no number, a
//     transient phoneNumber (ImportTwilioPhoneNumberDTO) instead of an id;
//   - the fourth is a web call still in progress.
const specCalls = `[
  {"id": "0b7c0e64-0000-4000-8000-000000000001", "orgId": "6f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c",
   "createdAt": "2025-06-02T09:00:00.000Z", "updatedAt": "2025-06-02T09:00:00.000Z"},
  {"id": "0b7c0e64-0000-4000-8000-000000000002", "orgId": "6f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c",
   "createdAt": "2025-06-02T08:00:00.000Z", "updatedAt": "2025-06-02T08:05:00.000Z",
   "type": "outboundPhoneCall", "status": "ended", "endedReason": "customer-did-not-answer",
   "endedMessage": "The customer did not answer.",
   "startedAt": "2025-06-02T08:00:01.250Z", "endedAt": "2025-06-02T08:00:31.750Z",
   "cost": 0.0123456,
   "costBreakdown": {"transport": 0.001, "stt": 0.002, "llm": 0.003, "tts": 0.004, "vapi": 0.0023456, "total": 0.0123456,
     "llmPromptTokens": 120, "llmCompletionTokens": 30, "ttsCharacters": 64},
   "costs": [{"type": "transport", "provider": "twilio", "minutes": 0.5, "cost": 0.001}],
   "phoneCallProvider": "twilio", "phoneCallTransport": "pstn", "phoneCallProviderId": "CA5d0d0d8047bf685c3f0ff980fe62c123",
   "assistantId": "3c2b1a09-8f7e-4d6c-b5a4-9382716f5e4d", "assistantVersion": null,
   "phoneNumberId": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
   "customer": {"number": "+14155550123", "name": "Ada"},
   "campaignId": "c0ffee00-0000-4000-8000-000000000000", "name": "Reminder",
   "analysis": {"summary": "No answer."}, "artifact": {"messages": [], "transcript": ""}},
  {"id": "0b7c0e64-0000-4000-8000-000000000003", "orgId": "6f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c",
   "createdAt": "2025-06-02T07:00:00.000Z", "updatedAt": "2025-06-02T07:10:00.000Z",
   "type": "inboundPhoneCall", "status": "ended", "endedReason": "customer-ended-call", "phoneCallTransport": "sip",
   "startedAt": "2025-06-02T07:00:00.500Z", "endedAt": "2025-06-02T07:02:00.000Z", "cost": 0.1,
   "customer": {"sipUri": "sip:ada@example.com"},
   "phoneNumber": {"twilioPhoneNumber": "+14155550100", "twilioAccountSid": "AC00000000000000000000000000000000"}},
  {"id": "0b7c0e64-0000-4000-8000-000000000004", "orgId": "6f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c",
   "createdAt": "2025-06-02T06:00:00.000Z", "updatedAt": "2025-06-02T06:00:02.000Z",
   "type": "webCall", "status": "in-progress", "startedAt": "2025-06-02T06:00:01.000Z",
   "assistantId": "3c2b1a09-8f7e-4d6c-b5a4-9382716f5e4d"}
]`

// specNumber is a TwilioPhoneNumber built from its schema's required
// fields (provider, id, orgId, createdAt, updatedAt, number,
// twilioAccountSid) and name.
const specNumber = `{"provider": "twilio", "id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
  "orgId": "6f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c", "createdAt": "2025-01-01T00:00:00.000Z",
  "updatedAt": "2025-01-01T00:00:00.000Z", "number": "+14155550000",
  "twilioAccountSid": "AC00000000000000000000000000000000", "name": "Main line"}`

// TestSpecExample lists the calls above and checks every normalised field.
func TestSpecExample(t *testing.T) {
	var paths []string
	h := providertest.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/call":
			_, _ = io.WriteString(w, specCalls)
		case "/phone-number/9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d":
			_, _ = io.WriteString(w, specNumber)
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}), New)
	day := time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC)
	page, err := h.Adapter.ListCalls(context.Background(), creds, provider.Window{Since: day, Until: day.Add(24 * time.Hour)}, "")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	want := []provider.Call{
		// Only the required fields: no status (unknown), no type, started
		// when created.
		{ProviderCallID: "0b7c0e64-0000-4000-8000-000000000001", Direction: provider.DirectionUnknown,
			Status: provider.StatusUnknown, StartedAt: at("2025-06-02T09:00:00Z")},
		{ProviderCallID: "0b7c0e64-0000-4000-8000-000000000002", AgentID: "3c2b1a09-8f7e-4d6c-b5a4-9382716f5e4d",
			Direction: provider.DirectionOut, Status: provider.StatusNoAnswer, RawStatus: "ended",
			From: "+14155550000", To: "+14155550123",
			StartedAt: at("2025-06-02T08:00:01.25Z"), EndedAt: at("2025-06-02T08:00:31.75Z"), DurationSec: 31, // 30.5 s rounds up
			CostMicros: 12_346, Currency: "USD"}, // $0.0123456: the seventh decimal rounds half up
		{ProviderCallID: "0b7c0e64-0000-4000-8000-000000000003", Direction: provider.DirectionIn,
			Status: provider.StatusCompleted, RawStatus: "ended", From: "sip:ada@example.com", To: "+14155550100",
			StartedAt: at("2025-06-02T07:00:00.5Z"), EndedAt: at("2025-06-02T07:02:00Z"), DurationSec: 120,
			CostMicros: 100_000, Currency: "USD"},
		{ProviderCallID: "0b7c0e64-0000-4000-8000-000000000004", AgentID: "3c2b1a09-8f7e-4d6c-b5a4-9382716f5e4d",
			Direction: provider.DirectionWeb, Status: provider.StatusInProgress, RawStatus: "in-progress",
			StartedAt: at("2025-06-02T06:00:01Z")},
	}
	providertest.SameCalls(t, page.Calls, want)
	if page.Next != "" || page.Requests != 2 || len(paths) != 2 {
		t.Errorf("Next %q, Requests %d, paths %v", page.Next, page.Requests, paths)
	}
}
