package twilioish

import (
	"testing"

	"switchboard/backend/provider"
)

// TestStatus maps every value of twilio-oai's call_enum_status (api_v2010)
// and a few it does not list; see Status for why each maps as it does.
func TestStatus(t *testing.T) {
	tests := map[string]provider.Status{
		"queued":      provider.StatusInProgress, // not dialled yet: no outcome
		"ringing":     provider.StatusInProgress, // not answered yet: no outcome
		"in-progress": provider.StatusInProgress,
		"completed":   provider.StatusCompleted,
		"busy":        provider.StatusBusy,
		"no-answer":   provider.StatusNoAnswer,
		"failed":      provider.StatusFailed,
		"canceled":    provider.StatusCanceled,
		"":            provider.StatusUnknown,
		"cancelled":   provider.StatusUnknown, // not Twilio's spelling
		"Completed":   provider.StatusUnknown, // Twilio's values are lower case
		"initiated":   provider.StatusUnknown, // a status callback event, not a call status
	}
	for raw, want := range tests {
		t.Run(raw, func(t *testing.T) {
			if got := Status(raw); got != want {
				t.Fatalf("Status(%q) = %q, want %q", raw, got, want)
			}
		})
	}
}
