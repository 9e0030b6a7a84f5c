package twilio

import (
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

// TestStatuses lists, through the fake, one call of each value of
// twilio-oai's call_enum_status (api_v2010) and checks the normalised
// status next to the raw one (twilioish.Status says why each maps as it
// does):
//
//	queued, ringing, in-progress  in_progress (not ended: no outcome yet)
//	completed                     completed
//	busy                          busy
//	no-answer                     no_answer
//	failed                        failed
//	canceled                      canceled (ended by the API while queued or ringing)
//
// A queued call has no start_time in Twilio's answers and is not listed
// (see parseCalls); here it has one, to check its mapping.
func TestStatuses(t *testing.T) {
	want := map[string]provider.Status{
		"queued":      provider.StatusInProgress,
		"ringing":     provider.StatusInProgress,
		"in-progress": provider.StatusInProgress,
		"completed":   provider.StatusCompleted,
		"busy":        provider.StatusBusy,
		"no-answer":   provider.StatusNoAnswer,
		"failed":      provider.StatusFailed,
		"canceled":    provider.StatusCanceled,
		"on-hold":     provider.StatusUnknown, // not one of Twilio's
	}
	at := time.Date(2025, 4, 1, 12, 0, 0, 0, time.UTC)
	var calls []fake.TwilioCall
	for raw := range want {
		calls = append(calls, fake.TwilioCall{Sid: "CA-" + raw, Direction: "outbound-api", Status: raw, StartTime: at})
	}
	_, h := serve(t, calls)
	got, _ := providertest.ListAll(t, h.Adapter, goodCreds, provider.Window{Since: at, Until: at.Add(time.Hour)})
	if len(got) != len(want) {
		t.Fatalf("%d calls listed, want %d", len(got), len(want))
	}
	for _, c := range got {
		if c.RawStatus != c.ProviderCallID[len("CA-"):] || c.Status != want[c.RawStatus] {
			t.Errorf("call %s: status %q (raw %q), want %q", c.ProviderCallID, c.Status, c.RawStatus, want[c.RawStatus])
		}
	}
}
