package synthflow

import (
	"strings"

	"switchboard/backend/provider"
)

// statuses maps every call status the OpenAPI description lists (the enum
// of the call's status, CallsCallIdGet…CallsItemsStatus; the list's
// call_status is typed as a bare string with the same values) to a
// normalised status:
//
//   - pending, ringing, in-progress: the call is queued, dialling or live;
//   - paused (a call held back, e.g. a paused campaign) and registered (a
//     call Synthflow has accepted but not yet placed): not finished either,
//     so in_progress, and a later sync reads their outcome;
//   - completed: completed;
//   - no-answer: no_answer; hangup_on_voicemail (voicemail reached, the agent
//     hung up) and left_voicemail (voicemail reached, a message left) are
//     no_answer too: the person called did not pick up;
//   - busy: busy;
//   - failed: failed; spam (the call was flagged as spam and not carried
//     through) is failed as well;
//   - canceled, user-canceled: canceled.
//
// Keys are lower case with '-' for '_' (the enum mixes both), so that
// "in_progress" and "no_answer" also match.
var statuses = map[string]provider.Status{
	"pending":             provider.StatusInProgress,
	"ringing":             provider.StatusInProgress,
	"in-progress":         provider.StatusInProgress,
	"paused":              provider.StatusInProgress,
	"registered":          provider.StatusInProgress,
	"completed":           provider.StatusCompleted,
	"no-answer":           provider.StatusNoAnswer,
	"hangup-on-voicemail": provider.StatusNoAnswer,
	"left-voicemail":      provider.StatusNoAnswer,
	"busy":                provider.StatusBusy,
	"failed":              provider.StatusFailed,
	"spam":                provider.StatusFailed,
	"canceled":            provider.StatusCanceled,
	"user-canceled":       provider.StatusCanceled,
}

// statusOf is the normalised status of a raw Synthflow status; unknown for
// a value the description does not list (or none).
func statusOf(raw string) provider.Status {
	key := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(raw)), "_", "-")
	if s, ok := statuses[key]; ok {
		return s
	}
	return provider.StatusUnknown
}

// finished reports whether a normalised status is an outcome, not a call
// still under way.
func finished(s provider.Status) bool {
	return s != provider.StatusInProgress && s != provider.StatusUnknown
}
