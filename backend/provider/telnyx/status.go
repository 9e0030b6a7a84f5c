package telnyx

import "switchboard/backend/provider"

// texmlStatus maps every status the OpenAPI's CallResource documents
// (ringing, in-progress, canceled, completed, failed, busy, no-answer):
// a ringing call has not ended, so it is in progress like an answered one;
// the others are the normalised statuses of the same names. "queued",
// which Twilio documents and TeXML does not, would also not have ended.
var texmlStatus = map[string]provider.Status{
	"ringing":     provider.StatusInProgress,
	"in-progress": provider.StatusInProgress,
	"queued":      provider.StatusInProgress,
	"canceled":    provider.StatusCanceled,
	"completed":   provider.StatusCompleted,
	"failed":      provider.StatusFailed,
	"busy":        provider.StatusBusy,
	"no-answer":   provider.StatusNoAnswer,
}

// callStatus maps a TeXML status; any other value is unknown.
func callStatus(raw string) provider.Status {
	if s, ok := texmlStatus[raw]; ok {
		return s
	}
	return provider.StatusUnknown
}

// recordStatus is a detail record's status. The detail records API
// documents no status for call records (the OpenAPI types no call-control
// or sip-trunking record; the documented voice record example has none):
// a record is written once a call has ended, so one with talk time
// (call_sec > 0) is completed, and one without is unknown (it may have
// been unanswered, busy, failed or canceled: the record does not say). A
// status field, should a record carry one, is read as TeXML's.
func recordStatus(raw string, callSec int64) provider.Status {
	switch {
	case raw != "":
		return callStatus(raw)
	case callSec > 0:
		return provider.StatusCompleted
	}
	return provider.StatusUnknown
}
