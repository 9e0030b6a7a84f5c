package retell

import (
	"strings"

	"switchboard/backend/provider"
)

// reasonOutcome is what a disconnection_reason says of a call's outcome,
// from the SDK's enum (retell-typescript-sdk src/resources/call.ts,
// V3PhoneCallResponse.disconnection_reason) and Retell's table of reasons
// (docs.retellai.com/reliability/debug-call-disconnect, which also names
// the call_status each reason comes with):
//
//	dial_no_answer                        no_answer (not_connected)
//	dial_busy                             busy (not_connected)
//	user_declined                         busy (not_connected): the callee
//	                                      rejected the call, which carriers
//	                                      and Twilio report as busy
//	dial_failed, invalid_destination,     failed (not_connected): the call
//	telephony_provider_permission_denied, could not be placed
//	telephony_provider_unavailable,
//	sip_routing_error, marked_as_spam
//	concurrency_limit_reached,            failed (error)
//	no_concurrency_fallback,
//	no_valid_payment, scam_detected,
//	registered_call_timeout, error_*
//	manual_stopped                        canceled, but only for a call that
//	                                      never connected (see Status)
//
// Every other reason of the enum (user_hangup, agent_hangup, call_transfer,
// voicemail_reached, ivr_reached, inactivity, max_duration_reached,
// transfer_bridged, transfer_cancelled, call_take_over) ends a call that
// was connected, and says nothing against "completed"; so do reasons the
// SDK does not list, except error_… ones, which are failures.
var reasonOutcome = map[string]provider.Status{
	"dial_no_answer": provider.StatusNoAnswer,

	"dial_busy":     provider.StatusBusy,
	"user_declined": provider.StatusBusy,

	"dial_failed":                          provider.StatusFailed,
	"invalid_destination":                  provider.StatusFailed,
	"telephony_provider_permission_denied": provider.StatusFailed,
	"telephony_provider_unavailable":       provider.StatusFailed,
	"sip_routing_error":                    provider.StatusFailed,
	"marked_as_spam":                       provider.StatusFailed,
	"concurrency_limit_reached":            provider.StatusFailed,
	"no_concurrency_fallback":              provider.StatusFailed,
	"no_valid_payment":                     provider.StatusFailed,
	"scam_detected":                        provider.StatusFailed,
	"registered_call_timeout":              provider.StatusFailed,

	"manual_stopped": provider.StatusCanceled,
}

// outcomeOf is reasonOutcome of reason, StatusFailed for an error_…
// reason, and "" when the reason says nothing against the call status.
func outcomeOf(reason string) provider.Status {
	if s, ok := reasonOutcome[reason]; ok {
		return s
	}
	if strings.HasPrefix(reason, "error_") {
		return provider.StatusFailed
	}
	return ""
}

// normalStatus maps a call's call_status (SDK enum: registered, not_connected,
// ongoing, ended, error) and disconnection_reason to the normalised
// status:
//
//	registered, ongoing  in_progress: the call id is issued or the call is
//	                     live, so it has no outcome yet
//	ended                completed, unless the reason is one of no answer,
//	                     busy or failure above (a call ended by
//	                     manual_stopped was connected: completed)
//	not_connected        the reason's outcome; user_hangup (the caller hung
//	                     up before it connected) is canceled; anything else,
//	                     no reason included, failed: the call did not connect
//	error                the reason's no answer or busy, otherwise failed
//
// Any other call_status, "" included, is unknown.
func normalStatus(callStatus, reason string) provider.Status {
	out := outcomeOf(reason)
	switch callStatus {
	case "registered", "ongoing":
		return provider.StatusInProgress
	case "ended":
		if out == "" || out == provider.StatusCanceled {
			return provider.StatusCompleted
		}
		return out
	case "not_connected":
		switch {
		case out != "":
			return out
		case reason == "user_hangup":
			return provider.StatusCanceled
		}
		return provider.StatusFailed
	case "error":
		if out == provider.StatusNoAnswer || out == provider.StatusBusy {
			return out
		}
		return provider.StatusFailed
	}
	return provider.StatusUnknown
}
