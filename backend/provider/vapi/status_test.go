package vapi

import (
	"testing"

	"switchboard/backend/provider"
)

// TestStatusEveryValue maps every value of Call.status in Vapi's OpenAPI
// description (VapiAI/docs fern/apis/api/openapi.json), without an
// endedReason, and values it does not list.
func TestStatusEveryValue(t *testing.T) {
	want := map[string]provider.Status{
		"scheduled":       provider.StatusInProgress, // not placed yet: no outcome
		"queued":          provider.StatusInProgress,
		"ringing":         provider.StatusInProgress,
		"in-progress":     provider.StatusInProgress,
		"forwarding":      provider.StatusInProgress,
		"ended":           provider.StatusCompleted, // no endedReason to say otherwise
		"not-found":       provider.StatusUnknown,   // states of the record, not outcomes
		"deletion-failed": provider.StatusUnknown,
		"":                provider.StatusUnknown,
		"completed":       provider.StatusUnknown, // not a Vapi value
	}
	for raw, w := range want {
		if got := normalStatus(raw, ""); got != w {
			t.Errorf("normalStatus(%q, \"\") = %q, want %q", raw, got, w)
		}
	}
	// An endedReason on a call that has not ended does not decide it.
	if got := normalStatus("ringing", "customer-did-not-answer"); got != provider.StatusInProgress {
		t.Errorf("ringing with a reason = %q", got)
	}
}

// TestStatusByEndedReason maps, for an ended call, every endedReason of
// the enum that does not name an error, a failure or a fault (all 40 of
// them), and a selection of those that do: the rule "error", "fail" or
// "fault" in the value means failed covers the other 587, except the SIP
// 408 and 480 timeouts, which the docs file under no answer.
func TestStatusByEndedReason(t *testing.T) {
	const (
		done = provider.StatusCompleted
		none = provider.StatusNoAnswer
		busy = provider.StatusBusy
		fail = provider.StatusFailed
		canc = provider.StatusCanceled
	)
	tests := map[string]provider.Status{
		// The 40 values without "error", "fail" or "fault", in the enum's order.
		"assistant-request-returned-invalid-assistant":               fail,
		"assistant-request-returned-no-assistant":                    fail,
		"assistant-request-returned-forwarding-phone-number":         done, // forwarded: connected elsewhere
		"scheduled-call-deleted":                                     canc,
		"assistant-not-valid":                                        fail,
		"assistant-not-found":                                        fail,
		"worker-shutdown":                                            fail,
		"vonage-disconnected":                                        done,
		"vonage-completed":                                           done,
		"phone-call-provider-bypass-enabled-but-no-call-received":    fail,
		"call.in-progress.twilio-completed-call":                     done,
		"call.in-progress.sip-completed-call":                        done,
		"assistant-ended-call":                                       done,
		"assistant-said-end-call-phrase":                             done,
		"assistant-ended-call-with-hangup-task":                      done,
		"assistant-ended-call-after-message-spoken":                  done,
		"assistant-forwarded-call":                                   done,
		"assistant-join-timed-out":                                   fail,
		"customer-busy":                                              busy,
		"customer-ended-call":                                        done,
		"customer-ended-call-before-warm-transfer":                   done,
		"customer-ended-call-after-warm-transfer-attempt":            done,
		"customer-ended-call-during-transfer":                        done,
		"customer-did-not-answer":                                    none,
		"customer-did-not-give-microphone-permission":                fail,
		"exceeded-max-duration":                                      done,
		"manually-canceled":                                          canc,
		"phone-call-provider-closed-websocket":                       done, // dropped, after the call was connected
		"call.forwarding.operator-busy":                              done, // the transfer's target was busy; the call itself was answered
		"call.forwarding.no-answer":                                  done,
		"silence-timed-out":                                          done,
		"call.ringing.hook-executed-say":                             done,
		"call.ringing.hook-executed-transfer":                        done,
		"call.ending.hook-executed-say":                              done,
		"call.ending.hook-executed-transfer":                         done,
		"call.ringing.sip-inbound-caller-hungup-before-call-connect": canc,
		"twilio-reported-customer-misdialed":                         fail,
		"vonage-rejected":                                            busy,
		"voicemail":                                                  done,
		"call-deleted":                                               canc,

		// A selection of the others.
		"call.in-progress.error-providerfault-outbound-sip-408-request-timeout":         none,
		"call.in-progress.error-providerfault-outbound-sip-480-temporarily-unavailable": none,
		"call.in-progress.error-providerfault-outbound-sip-503-service-unavailable":     fail,
		"call.in-progress.error-providerfault-outbound-sip-403-forbidden":               fail,
		"call.in-progress.error-sip-outbound-call-failed-to-connect":                    fail,
		"call.ringing.error-sip-inbound-call-failed-to-connect":                         fail,
		"twilio-failed-to-connect-call":                                                 fail,
		"vonage-failed-to-connect-call":                                                 fail,
		"call-start-error-neither-assistant-nor-server-set":                             fail,
		"call.start.error-subscription-concurrency-limit-reached":                       fail,
		"call.start.error-subscription-insufficient-credits":                            fail,
		"call.start.error-vapi-number-outbound-daily-limit":                             fail,
		"assistant-request-failed":                                                      fail,
		"assistant-request-returned-error":                                              fail,
		"pipeline-error-openai-llm-failed":                                              fail,
		"pipeline-error-microsoft-voice-request-canceled":                               fail,
		"call.in-progress.error-vapifault-worker-died":                                  fail,
		"call.in-progress.error-vapifault-transport-never-connected":                    fail,
		"call.in-progress.error-transfer-failed":                                        fail,
		"call.in-progress.error-warm-transfer-assistant-cancelled":                      fail,
		"call.in-progress.error-assistant-did-not-receive-customer-audio":               fail,

		// Values Vapi may add: named failures fail, anything else completes.
		"call.in-progress.error-some-new-provider-failed": fail,
		"assistant-ended-call-some-new-way":               done,
	}
	for reason, want := range tests {
		if got := normalStatus("ended", reason); got != want {
			t.Errorf("normalStatus(ended, %q) = %q, want %q", reason, got, want)
		}
	}
}
