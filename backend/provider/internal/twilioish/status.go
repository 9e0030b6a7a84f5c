package twilioish

import "switchboard/backend/provider"

// Status maps a call's status in Twilio's vocabulary (twilio-oai
// api_v2010, call_enum_status; Telnyx's TeXML Calls list uses the same
// words) to the normalised status:
//
//	queued, ringing, in-progress  in_progress: the call has not ended yet
//	                              (waiting to be dialled, ringing, talking),
//	                              so it has no outcome; a later sync reads it
//	                              again once it has one
//	completed                     completed
//	busy                          busy
//	no-answer                     no_answer
//	failed                        failed: Twilio could not place the call
//	canceled                      canceled: ended by an API request while
//	                              queued or ringing
//
// Anything else, "" included, is unknown. ToCall leaves Call.Status to the
// adapter, which calls this (or its own map) on Call.RawStatus.
func Status(raw string) provider.Status {
	switch raw {
	case "queued", "ringing", "in-progress":
		return provider.StatusInProgress
	case "completed":
		return provider.StatusCompleted
	case "busy":
		return provider.StatusBusy
	case "no-answer":
		return provider.StatusNoAnswer
	case "failed":
		return provider.StatusFailed
	case "canceled":
		return provider.StatusCanceled
	default:
		return provider.StatusUnknown
	}
}
