package synthflow

import (
	"context"
	"fmt"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

// specStatuses is every value of the call status enum of the OpenAPI
// description (CallsCallIdGetResponsesContentApplicationJsonSchemaResponse
// CallsItemsStatus), in its order, with the normalised status it maps to and
// why (see statuses in status.go).
var specStatuses = []struct {
	raw  string
	want provider.Status
}{
	{"pending", provider.StatusInProgress},           // queued, not dialled yet
	{"ringing", provider.StatusInProgress},           // dialling
	{"in-progress", provider.StatusInProgress},       // live
	{"completed", provider.StatusCompleted},          // ended normally
	{"no-answer", provider.StatusNoAnswer},           // not picked up
	{"busy", provider.StatusBusy},                    // line busy
	{"failed", provider.StatusFailed},                // could not be placed or dropped
	{"canceled", provider.StatusCanceled},            // called off before it connected
	{"user-canceled", provider.StatusCanceled},       // called off by the user
	{"hangup_on_voicemail", provider.StatusNoAnswer}, // voicemail reached: nobody answered
	{"left_voicemail", provider.StatusNoAnswer},      // voicemail reached, message left: nobody answered
	{"spam", provider.StatusFailed},                  // flagged as spam, not carried through
	{"paused", provider.StatusInProgress},            // held back, not finished
	{"registered", provider.StatusInProgress},        // accepted, not placed yet
	// Not in the enum, or written another way:
	{"", provider.StatusUnknown},                     // none given
	{"voicemail", provider.StatusUnknown},            // an end_call_reason, not a status
	{"cancelled", provider.StatusUnknown},            // not documented: not guessed
	{"something-new", provider.StatusUnknown},        // a value added later
	{"In_Progress", provider.StatusInProgress},       // case and '_' for '-' are forgiven
	{"no_answer", provider.StatusNoAnswer},           //
	{"hangup-on-voicemail", provider.StatusNoAnswer}, //
	{" completed\n", provider.StatusCompleted},       // surrounding space
}

func TestStatusOf(t *testing.T) {
	for _, tt := range specStatuses {
		if got := statusOf(tt.raw); got != tt.want {
			t.Errorf("statusOf(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

// TestEveryDocumentedStatusThroughTheFake lists one call of each documented
// status and checks Status, RawStatus, and that only finished calls get an
// end derived from their duration.
func TestEveryDocumentedStatusThroughTheFake(t *testing.T) {
	agents := fake.SynthflowAgents()[:1]
	var calls []fake.SynthflowCall
	for i, s := range specStatuses[:14] {
		calls = append(calls, fake.SynthflowCall{
			CallID: fmt.Sprintf("c%02d", i), ModelID: agents[0].ModelID, CallStatus: s.raw, TypeOfCall: "inbound",
			StartTime: fake.SynthflowEpoch.Add(time.Duration(i) * time.Minute), Duration: 30,
		})
	}
	h := providertest.Serve(t, fake.NewSynthflow(testKey, agents, calls), New)
	page, err := h.Adapter.ListCalls(context.Background(), creds, provider.Window{Since: fake.SynthflowEpoch}, "")
	if err != nil || len(page.Calls) != 14 {
		t.Fatalf("page = %+v, err = %v", page, err)
	}
	for _, c := range page.Calls {
		var i int
		fmt.Sscanf(c.ProviderCallID, "c%02d", &i)
		want := specStatuses[i]
		if c.Status != want.want || c.RawStatus != want.raw {
			t.Errorf("%s: status %q raw %q, want %q %q", c.ProviderCallID, c.Status, c.RawStatus, want.want, want.raw)
		}
		if hasEnd := !c.EndedAt.IsZero(); hasEnd != (want.want != provider.StatusInProgress) {
			t.Errorf("%s (%s): EndedAt %v", c.ProviderCallID, want.raw, c.EndedAt)
		}
	}
}
