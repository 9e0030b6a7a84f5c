package bland

import (
	"testing"

	"switchboard/backend/provider"
)

// TestCallStatus maps every value Bland's reference shows and a
// third-party spec of Bland enumerates (see status.go for the sources):
//
//   - status is the final outcome: completed, failed, busy, no-answer and
//     canceled are the normalised statuses of the same names; unknown is
//     unknown.
//   - without status, completed=true is completed (the flag is "the most
//     up-to-date status"), no_answer when answered_by is no-answer.
//   - otherwise queue_status: new, queued, allocated and started have not
//     ended (in_progress), nor has complete(d) while completed is still
//     false; error is failed.
//   - anything else is unknown, and the raw value is kept.
func TestCallStatus(t *testing.T) {
	tests := []struct {
		status, queue string
		completed     bool
		answeredBy    string
		want          provider.Status
		raw           string
	}{
		{"completed", "complete", true, "human", provider.StatusCompleted, "completed"},
		{"failed", "complete", true, "", provider.StatusFailed, "failed"},
		{"busy", "complete", true, "", provider.StatusBusy, "busy"},
		{"no-answer", "complete", true, "no-answer", provider.StatusNoAnswer, "no-answer"},
		{"canceled", "complete", true, "", provider.StatusCanceled, "canceled"},
		{"unknown", "complete", true, "", provider.StatusUnknown, "unknown"},
		{"voicemail-left", "complete", true, "", provider.StatusUnknown, "voicemail-left"},

		{"", "complete", true, "human", provider.StatusCompleted, "complete"},
		{"", "completed", true, "voicemail", provider.StatusCompleted, "completed"},
		{"", "complete", true, "unknown", provider.StatusCompleted, "complete"},
		{"", "complete", true, "no-answer", provider.StatusNoAnswer, "complete"},
		{"", "error", true, "", provider.StatusCompleted, "error"},

		{"", "new", false, "", provider.StatusInProgress, "new"},
		{"", "queued", false, "", provider.StatusInProgress, "queued"},
		{"", "allocated", false, "", provider.StatusInProgress, "allocated"},
		{"", "started", false, "", provider.StatusInProgress, "started"},
		{"", "complete", false, "", provider.StatusInProgress, "complete"},
		{"", "completed", false, "", provider.StatusInProgress, "completed"},
		{"", "error", false, "", provider.StatusFailed, "error"},
		{"", "paused", false, "", provider.StatusUnknown, "paused"},
		{"", "", false, "", provider.StatusUnknown, ""},
	}
	for _, tt := range tests {
		t.Run(tt.status+"/"+tt.queue+"/"+tt.answeredBy, func(t *testing.T) {
			got, raw := callStatus(tt.status, tt.queue, tt.completed, tt.answeredBy)
			if got != tt.want || raw != tt.raw {
				t.Fatalf("callStatus(%q, %q, %v, %q) = %q, %q; want %q, %q", tt.status, tt.queue, tt.completed, tt.answeredBy, got, raw, tt.want, tt.raw)
			}
		})
	}
}
