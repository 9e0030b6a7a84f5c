package retell

import (
	"testing"

	"switchboard/backend/provider"
)

// sdkCallStatuses is the SDK's call_status enum (retell-typescript-sdk
// 5.60.0, src/resources/call.ts, V3PhoneCallResponse and
// V3WebCallResponse).
var sdkCallStatuses = []string{"registered", "not_connected", "ongoing", "ended", "error"}

// TestStatusWithoutReason maps every call_status of the SDK, with no
// disconnection_reason, and values the SDK does not list.
func TestStatusWithoutReason(t *testing.T) {
	want := map[string]provider.Status{
		"registered":    provider.StatusInProgress, // call id issued, not dialled yet
		"ongoing":       provider.StatusInProgress, // connected, no outcome yet
		"ended":         provider.StatusCompleted,
		"not_connected": provider.StatusFailed, // did not connect, for no stated reason
		"error":         provider.StatusFailed,
		"":              provider.StatusUnknown,
		"queued":        provider.StatusUnknown, // not a Retell value
	}
	for _, s := range sdkCallStatuses {
		if _, ok := want[s]; !ok {
			t.Errorf("call_status %q has no expectation", s)
		}
	}
	for raw, w := range want {
		if got := normalStatus(raw, ""); got != w {
			t.Errorf("normalStatus(%q, \"\") = %q, want %q", raw, got, w)
		}
	}
}

// TestStatusByReason maps every disconnection_reason of the SDK's enum
// (same file, V3PhoneCallResponse.disconnection_reason, in its order)
// under the three call statuses a finished call can have. Retell's
// debug-call-disconnect table says which status each reason comes with;
// the others are covered because the two fields are separate in the SDK.
func TestStatusByReason(t *testing.T) {
	const (
		done = provider.StatusCompleted
		none = provider.StatusNoAnswer
		busy = provider.StatusBusy
		fail = provider.StatusFailed
		canc = provider.StatusCanceled
	)
	tests := []struct {
		reason                      string
		ended, notConnected, errord provider.Status
	}{
		{"user_hangup", done, canc, fail},
		{"agent_hangup", done, fail, fail},
		{"call_transfer", done, fail, fail},
		{"voicemail_reached", done, fail, fail},
		{"ivr_reached", done, fail, fail},
		{"inactivity", done, fail, fail},
		{"max_duration_reached", done, fail, fail},
		{"concurrency_limit_reached", fail, fail, fail},
		{"no_concurrency_fallback", fail, fail, fail},
		{"no_valid_payment", fail, fail, fail},
		{"scam_detected", fail, fail, fail},
		{"dial_busy", busy, busy, busy},
		{"dial_failed", fail, fail, fail},
		{"dial_no_answer", none, none, none},
		{"invalid_destination", fail, fail, fail},
		{"telephony_provider_permission_denied", fail, fail, fail},
		{"telephony_provider_unavailable", fail, fail, fail},
		{"sip_routing_error", fail, fail, fail},
		{"marked_as_spam", fail, fail, fail},
		{"user_declined", busy, busy, busy},
		{"error_llm_websocket_open", fail, fail, fail},
		{"error_llm_websocket_lost_connection", fail, fail, fail},
		{"error_llm_websocket_runtime", fail, fail, fail},
		{"error_llm_websocket_corrupt_payload", fail, fail, fail},
		{"error_no_audio_received", fail, fail, fail},
		{"error_asr", fail, fail, fail},
		{"error_retell", fail, fail, fail},
		{"error_unknown", fail, fail, fail},
		{"error_user_not_joined", fail, fail, fail},
		{"registered_call_timeout", fail, fail, fail},
		{"transfer_bridged", done, fail, fail},
		{"transfer_cancelled", done, fail, fail},
		{"manual_stopped", done, canc, fail},
		{"call_take_over", done, fail, fail},
		// Not in the SDK's enum (older docs list them): a normal end, and
		// an error_… reason, which is a failure whatever its name.
		{"machine_detected", done, fail, fail},
		{"error_inbound_webhook", fail, fail, fail},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			for status, want := range map[string]provider.Status{"ended": tt.ended, "not_connected": tt.notConnected, "error": tt.errord} {
				if got := normalStatus(status, tt.reason); got != want {
					t.Errorf("normalStatus(%q, %q) = %q, want %q", status, tt.reason, got, want)
				}
			}
			// A call still registered or ongoing has no outcome, whatever
			// the reason says.
			for _, status := range []string{"registered", "ongoing"} {
				if got := normalStatus(status, tt.reason); got != provider.StatusInProgress {
					t.Errorf("normalStatus(%q, %q) = %q, want in_progress", status, tt.reason, got)
				}
			}
		})
	}
}
