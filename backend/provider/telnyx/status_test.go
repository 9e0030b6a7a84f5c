package telnyx

import (
	"testing"

	"switchboard/backend/provider"
)

// TestCallStatus maps every status the OpenAPI's CallResource lists, and
// what is not listed: ringing and in-progress have not ended (in
// progress); canceled, completed, failed, busy and no-answer are the
// normalised statuses of the same names; queued (Twilio's, not TeXML's)
// has not ended either; anything else is unknown.
func TestCallStatus(t *testing.T) {
	tests := map[string]provider.Status{
		"ringing":     provider.StatusInProgress,
		"in-progress": provider.StatusInProgress,
		"canceled":    provider.StatusCanceled,
		"completed":   provider.StatusCompleted,
		"failed":      provider.StatusFailed,
		"busy":        provider.StatusBusy,
		"no-answer":   provider.StatusNoAnswer,
		"queued":      provider.StatusInProgress,
		"":            provider.StatusUnknown,
		"answered":    provider.StatusUnknown,
	}
	for raw, want := range tests {
		t.Run(raw, func(t *testing.T) {
			if got := callStatus(raw); got != want {
				t.Fatalf("callStatus(%q) = %q, want %q", raw, got, want)
			}
		})
	}
}

// TestRecordStatus: detail records document no status, so a record (of a
// call that has ended) with talk time is completed and one without is
// unknown; a status a record carries is read as TeXML's.
func TestRecordStatus(t *testing.T) {
	tests := []struct {
		raw     string
		callSec int64
		want    provider.Status
	}{
		{"", 50, provider.StatusCompleted},
		{"", 0, provider.StatusUnknown},
		{"no-answer", 0, provider.StatusNoAnswer},
		{"completed", 0, provider.StatusCompleted},
		{"hung-up", 9, provider.StatusUnknown},
	}
	for _, tt := range tests {
		if got := recordStatus(tt.raw, tt.callSec); got != tt.want {
			t.Errorf("recordStatus(%q, %d) = %q, want %q", tt.raw, tt.callSec, got, tt.want)
		}
	}
}
