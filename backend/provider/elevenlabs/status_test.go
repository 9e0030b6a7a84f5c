package elevenlabs

import (
	"context"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

// TestStatusMapping maps every status the schema lists
// (ConversationSummaryResponseModel.status: initiated, in-progress,
// processing, done, failed; see mapStatus for why each goes where) and an
// unlisted one, through the fake, keeping the raw value. Only a final
// status has an end time.
func TestStatusMapping(t *testing.T) {
	tests := []struct {
		raw     string
		want    provider.Status
		hasEnds bool
	}{
		{"done", provider.StatusCompleted, true},
		{"failed", provider.StatusFailed, true},
		{"initiated", provider.StatusInProgress, false},
		{"in-progress", provider.StatusInProgress, false},
		{"processing", provider.StatusInProgress, false},
		{"archived", provider.StatusUnknown, false}, // not in the schema
		{"", provider.StatusUnknown, false},
	}
	start := fake.ElevenLabsEpoch.Add(time.Hour)
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			f := fake.NewElevenLabs(testKey, nil, []fake.ElevenLabsConversation{{
				ConversationID: "c", AgentID: "agent_0000", StartTimeUnixSecs: start.Unix(), CallDurationSecs: 42, Status: tt.raw,
			}})
			h := providertest.Serve(t, f, New)
			page, err := h.Adapter.ListCalls(context.Background(), creds, provider.Window{Since: start, Until: start.Add(time.Minute)}, "")
			if err != nil || len(page.Calls) != 1 {
				t.Fatalf("%d calls, %v", len(page.Calls), err)
			}
			c := page.Calls[0]
			if c.Status != tt.want || c.RawStatus != tt.raw {
				t.Errorf("status %q (raw %q), want %q (raw %q)", c.Status, c.RawStatus, tt.want, tt.raw)
			}
			if wantEnd := start.Add(42 * time.Second); tt.hasEnds != !c.EndedAt.IsZero() || tt.hasEnds && !c.EndedAt.Equal(wantEnd) {
				t.Errorf("EndedAt = %v", c.EndedAt)
			}
		})
	}
}
