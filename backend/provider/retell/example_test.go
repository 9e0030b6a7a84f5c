package retell

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/providertest"
)

// sdkListCallsPage is a POST /v3/list-calls answer typed field by field
// from the SDK's CallListResponse (retell-typescript-sdk 5.60.0,
// src/resources/call.ts). The ids, numbers, timestamps, agent name,
// version, Twilio SID and URLs are the example values of Retell's API
// reference (docs.retellai.com/api-references/list-calls and
// create-phone-call); the cost and latency figures are illustrative.
//
//   - the first call carries every field V3PhoneCallResponse types, with
//     agent_tag and transfer_destination null (both "| null");
//   - the second has only the required fields: a registered call, no start;
//   - the third is required fields plus start_timestamp: ongoing;
//   - the fourth is a V3WebCallResponse with every required field and the
//     nullable data_storage_setting, agent_tag and transfer_destination null;
//   - the fifth is a web call that ended without duration_ms or call_cost.
const sdkListCallsPage = `{
  "has_more": true,
  "pagination_key": "eyJjYWxsX2lkIjoiSmFicjlUWFlZSmhmdmw2U3l5cGk4OHJkQUhZSG1jcTYifQ",
  "total": 5,
  "items": [
    {
      "call_type": "phone_call",
      "from_number": "+12137771234",
      "to_number": "+12137771235",
      "direction": "inbound",
      "telephony_identifier": {"twilio_call_sid": "CA5d0d0d8047bf685c3f0ff980fe62c123"},
      "call_id": "Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6",
      "agent_id": "oBeDLoLOeuAbiuaMFXRtDOLriTJ5tSxD",
      "agent_version": 1,
      "agent_name": "My Agent",
      "agent_tag": null,
      "call_status": "ended",
      "metadata": {},
      "retell_llm_dynamic_variables": {"customer_name": "John Doe"},
      "collected_dynamic_variables": {"last_node_name": "Test node"},
      "custom_sip_headers": {"X-Custom-Header": "Custom Value"},
      "data_storage_setting": "everything",
      "opt_in_signed_url": true,
      "start_timestamp": 1703302407333,
      "end_timestamp": 1703302428855,
      "transfer_end_timestamp": 1703302628855,
      "duration_ms": 10000,
      "recording_url": "https://retellai.s3.us-west-2.amazonaws.com/Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6/recording.wav",
      "recording_multi_channel_url": "https://retellai.s3.us-west-2.amazonaws.com/Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6/recording_multi.wav",
      "scrubbed_recording_url": "https://retellai.s3.us-west-2.amazonaws.com/Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6/scrubbed.wav",
      "scrubbed_recording_multi_channel_url": "https://retellai.s3.us-west-2.amazonaws.com/Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6/scrubbed_multi.wav",
      "public_log_url": "https://retellai.s3.us-west-2.amazonaws.com/Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6/public_log.txt",
      "knowledge_base_retrieved_contents_url": "https://retellai.s3.us-west-2.amazonaws.com/Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6/kb.json",
      "latency": {
        "e2e": {"p50": 800, "p90": 1200, "p95": 1500, "p99": 2500, "max": 2700, "min": 500, "num": 10, "values": [123]},
        "asr": {"p50": 800}, "knowledge_base": {"num": 0}, "llm": {"p50": 800},
        "llm_websocket_network_rtt": {"p50": 800}, "s2s": {"p50": 800}, "tts": {"p50": 800}
      },
      "llm_token_usage": {"values": [2145, 2200], "average": 2172.5, "num_requests": 2},
      "disconnection_reason": "agent_hangup",
      "transfer_destination": null,
      "call_analysis": {"call_summary": "The agent called the user.", "in_voicemail": false, "user_sentiment": "Positive",
        "call_successful": true, "custom_analysis_data": {}},
      "call_cost": {
        "product_costs": [{"product": "elevenlabs_tts", "unit_price": 1, "cost": 60, "is_transfer_leg_cost": false}],
        "total_duration_seconds": 60,
        "total_duration_unit_price": 1,
        "combined_cost": 70.1234
      }
    },
    {
      "call_type": "phone_call", "from_number": "+12137771234", "to_number": "+12137771235", "direction": "outbound",
      "call_id": "registered_0001", "agent_id": "oBeDLoLOeuAbiuaMFXRtDOLriTJ5tSxD", "agent_version": 1,
      "call_status": "registered"
    },
    {
      "call_type": "phone_call", "from_number": "+12137771235", "to_number": "+12137771234", "direction": "outbound",
      "call_id": "ongoing_0001", "agent_id": "oBeDLoLOeuAbiuaMFXRtDOLriTJ5tSxD", "agent_version": 2,
      "call_status": "ongoing", "start_timestamp": 1703302500000
    },
    {
      "call_type": "web_call",
      "access_token": "eyJhbGciOiJIUzI1NiJ9.eyJ2aWRlbyI6eyJyb29tSm9p",
      "call_id": "web_0001", "agent_id": "agent_web", "agent_version": 1,
      "call_status": "not_connected", "disconnection_reason": "error_user_not_joined",
      "agent_tag": null, "data_storage_setting": null, "transfer_destination": null,
      "start_timestamp": 1703302600000
    },
    {
      "call_type": "web_call", "access_token": "eyJhbGciOiJIUzI1NiJ9.eyJ2aWRlbyI6eyJyb29tSm9p",
      "call_id": "web_0002", "agent_id": "agent_web", "agent_version": 1, "call_status": "ended",
      "disconnection_reason": "user_hangup", "start_timestamp": 1703302700000, "end_timestamp": 1703302765400
    }
  ]
}`

// TestSDKExample lists the SDK-shaped page above and checks every
// normalised field of every call.
func TestSDKExample(t *testing.T) {
	var body []byte
	h := providertest.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, sdkListCallsPage)
	}), New)
	ms := func(v int64) time.Time { return time.UnixMilli(v).UTC() }
	w := provider.Window{Since: ms(1703302407333), Until: ms(1703302800000)}
	page, err := h.Adapter.ListCalls(context.Background(), creds, w, "")
	if err != nil {
		t.Fatalf("%v (request %s)", err, body)
	}
	want := []provider.Call{
		{ProviderCallID: "Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6", AgentID: "oBeDLoLOeuAbiuaMFXRtDOLriTJ5tSxD",
			Direction: provider.DirectionIn, Status: provider.StatusCompleted, RawStatus: "ended",
			From: "+12137771234", To: "+12137771235", StartedAt: ms(1703302407333), EndedAt: ms(1703302428855),
			// duration_ms (10 s) wins over end − start (21.5 s), as Retell reports it.
			DurationSec: 10, CostMicros: 701_234, Currency: "USD"},
		// The registered call has no start yet: skipped.
		{ProviderCallID: "ongoing_0001", AgentID: "oBeDLoLOeuAbiuaMFXRtDOLriTJ5tSxD",
			Direction: provider.DirectionOut, Status: provider.StatusInProgress, RawStatus: "ongoing",
			From: "+12137771235", To: "+12137771234", StartedAt: ms(1703302500000)},
		{ProviderCallID: "web_0001", AgentID: "agent_web", Direction: provider.DirectionWeb,
			Status: provider.StatusFailed, RawStatus: "not_connected", StartedAt: ms(1703302600000)},
		{ProviderCallID: "web_0002", AgentID: "agent_web", Direction: provider.DirectionWeb,
			Status: provider.StatusCompleted, RawStatus: "ended", StartedAt: ms(1703302700000), EndedAt: ms(1703302765400),
			DurationSec: 65},
	}
	providertest.SameCalls(t, page.Calls, want)
	if page.Next != "eyJjYWxsX2lkIjoiSmFicjlUWFlZSmhmdmw2U3l5cGk4OHJkQUhZSG1jcTYifQ" || page.Requests != 1 {
		t.Errorf("Next = %q, Requests = %d", page.Next, page.Requests)
	}
}
