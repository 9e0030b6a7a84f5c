package vapi

import (
	"strings"

	"switchboard/backend/provider"
)

// endedOutcome maps the endedReason values of Vapi's Call (VapiAI/docs
// fern/apis/api/openapi.json, Call.endedReason: 627 values) that are not
// failures by name, and the failures that mean no answer, to a normalised
// status. fern/calls/call-ended-reason.mdx describes each:
//
//	customer-did-not-answer                     no_answer
//	…-outbound-sip-408-request-timeout,         no_answer: the docs file SIP
//	…-outbound-sip-480-temporarily-unavailable  408/480 under "phone rang but
//	                                            no answer"
//	customer-busy, vonage-rejected              busy (a rejected call is
//	                                            reported busy, as by carriers)
//	manually-canceled, scheduled-call-deleted,  canceled: ended before it was
//	call-deleted, call.ringing.sip-inbound-     connected, by the API, a
//	caller-hungup-before-call-connect           deletion or the caller
//	assistant-not-found, assistant-not-valid,   failed: the call could not
//	assistant-request-returned-invalid-         start or was cut off (no
//	assistant, assistant-request-returned-no-   assistant, a worker shut
//	assistant, assistant-join-timed-out,        down, no microphone, a
//	worker-shutdown, phone-call-provider-       misdialled number)
//	bypass-enabled-but-no-call-received,
//	customer-did-not-give-microphone-permission,
//	twilio-reported-customer-misdialed
//
// Every other value without "error", "fail" or "fault" in it (the
// assistant-… and customer-ended-call… ends, exceeded-max-duration,
// silence-timed-out, voicemail, the hook and forwarding ends, the Twilio,
// SIP and Vonage "completed"/"disconnected", phone-call-provider-closed-
// websocket, assistant-request-returned-forwarding-phone-number) ends a
// call that was connected: completed. So does an ended call with no
// endedReason. See reasonStatus for the rest.
var endedOutcome = map[string]provider.Status{
	"customer-did-not-answer": provider.StatusNoAnswer,
	"call.in-progress.error-providerfault-outbound-sip-408-request-timeout":         provider.StatusNoAnswer,
	"call.in-progress.error-providerfault-outbound-sip-480-temporarily-unavailable": provider.StatusNoAnswer,

	"customer-busy":   provider.StatusBusy,
	"vonage-rejected": provider.StatusBusy,

	"manually-canceled":      provider.StatusCanceled,
	"scheduled-call-deleted": provider.StatusCanceled,
	"call-deleted":           provider.StatusCanceled,
	"call.ringing.sip-inbound-caller-hungup-before-call-connect": provider.StatusCanceled,

	"assistant-not-found":                                     provider.StatusFailed,
	"assistant-not-valid":                                     provider.StatusFailed,
	"assistant-request-returned-invalid-assistant":            provider.StatusFailed,
	"assistant-request-returned-no-assistant":                 provider.StatusFailed,
	"assistant-join-timed-out":                                provider.StatusFailed,
	"worker-shutdown":                                         provider.StatusFailed,
	"phone-call-provider-bypass-enabled-but-no-call-received": provider.StatusFailed,
	"customer-did-not-give-microphone-permission":             provider.StatusFailed,
	"twilio-reported-customer-misdialed":                      provider.StatusFailed,
}

// reasonStatus is the outcome of an ended call with endedReason reason:
// endedOutcome's, else failed when the value names an error, a failure or
// a fault (the call.start.error-…, call.in-progress.error-…,
// pipeline-error-… families, twilio-/vonage-failed-to-connect-call, …:
// the call could not start, or broke off), else completed.
func reasonStatus(reason string) provider.Status {
	if s, ok := endedOutcome[reason]; ok {
		return s
	}
	for _, w := range []string{"error", "fail", "fault"} {
		if strings.Contains(reason, w) {
			return provider.StatusFailed
		}
	}
	return provider.StatusCompleted
}

// normalStatus maps a call's status (Call.status: scheduled, queued,
// ringing, in-progress, forwarding, ended, not-found, deletion-failed) and
// endedReason to the normalised status:
//
//	scheduled, queued, ringing,  in_progress: the call has not ended, so it
//	in-progress, forwarding      has no outcome yet; a later sync reads it
//	                             again
//	ended                        reasonStatus(endedReason)
//	not-found, deletion-failed   unknown: states of Vapi's record of the
//	                             call, not outcomes of the call
//
// Any other value, "" included, is unknown.
func normalStatus(status, endedReason string) provider.Status {
	switch status {
	case "scheduled", "queued", "ringing", "in-progress", "forwarding":
		return provider.StatusInProgress
	case "ended":
		return reasonStatus(endedReason)
	}
	return provider.StatusUnknown
}
