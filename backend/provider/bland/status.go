package bland

import "switchboard/backend/provider"

// Bland's reference documents status ("The status of the call", example
// "completed"), queue_status (examples "complete" and "completed"),
// completed ("If it differs from the value of queue_status, this will be
// the most up-to-date status") and answered_by (example "human") without
// listing their values. The values below are the reference's examples plus
// the enums of a third-party OpenAPI of Bland (tryAGI/BlandAI): status
// completed|failed|busy|no-answer|canceled|unknown, queue_status
// new|queued|allocated|started|complete|error, answered_by
// human|voicemail|unknown|no-answer.

// finalStatus maps the detail's status, Bland's final outcome of a call.
var finalStatus = map[string]provider.Status{
	"completed": provider.StatusCompleted,
	"failed":    provider.StatusFailed,
	"busy":      provider.StatusBusy,
	"no-answer": provider.StatusNoAnswer,
	"canceled":  provider.StatusCanceled,
	"unknown":   provider.StatusUnknown,
}

// queueStatus maps queue_status, the call's progress, for a call whose
// completed flag is false: one that is new, queued or allocated has not
// ended, so it is in progress like a started one; "complete" while
// completed is still false is a call not yet marked done (the flag is the
// more up-to-date of the two), so it is in progress too; "error" failed.
var queueStatus = map[string]provider.Status{
	"new":       provider.StatusInProgress,
	"queued":    provider.StatusInProgress,
	"allocated": provider.StatusInProgress,
	"started":   provider.StatusInProgress,
	"complete":  provider.StatusInProgress,
	"completed": provider.StatusInProgress,
	"error":     provider.StatusFailed,
}

// callStatus returns a call's normalised status and the raw value it was
// read from. The detail's status wins (it is the final outcome); without
// one, a completed call is completed, or no_answer when answered_by says
// "no-answer"; otherwise queue_status says how far the call got. The raw
// value is status, else queue_status. Values Bland does not document are
// unknown.
func callStatus(status, queue string, completed bool, answeredBy string) (provider.Status, string) {
	if status != "" {
		if s, ok := finalStatus[status]; ok {
			return s, status
		}
		return provider.StatusUnknown, status
	}
	switch {
	case completed && answeredBy == "no-answer":
		return provider.StatusNoAnswer, queue
	case completed:
		return provider.StatusCompleted, queue
	}
	if s, ok := queueStatus[queue]; ok {
		return s, queue
	}
	return provider.StatusUnknown, queue
}
