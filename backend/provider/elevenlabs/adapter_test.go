package elevenlabs

import (
	"strconv"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

const testKey = "sk_0123456789abcdef0123456789abcdef0123456789abcdef"

var creds = provider.Credentials{"apiKey": testKey}

// info is what Info must say.
var info = provider.Info{
	ID: "elevenlabs", Name: "ElevenLabs",
	PortalURL: "https://elevenlabs.io/app/agents", PortalHosts: []string{"elevenlabs.io"},
	KeyHelp: KeyHelp,
	Reads: "Reads ElevenAgents conversations, and each one's details for its phone numbers and cost. " +
		"Cost is in USD where ElevenLabs reports it in money; a cost in credits only is not shown.",
}

// TestConformance runs the shared suite. ElevenLabs takes the key in the
// xi-api-key header, not Authorization: Auth "" checks that no
// Authorization header is sent, and the fake answers 401 unless xi-api-key
// is the key, so every passing request carried it.
func TestConformance(t *testing.T) {
	providertest.RunConformance(t, providertest.Case{
		New: New,
		Fake: func(n int) providertest.Fake {
			return fake.NewElevenLabs(testKey, fake.ElevenLabsAgents(3), fake.ElevenLabsConversations(n, 1))
		},
		Window:      provider.Window{Since: fake.ElevenLabsEpoch, Until: fake.ElevenLabsEpoch.Add(24 * time.Hour)},
		Info:        info,
		Fields:      []provider.Field{{Key: "apiKey", Label: "API key", Secret: true}},
		Creds:       creds,
		Auth:        "",
		APIKey:      testKey,
		CheckKey:    "GET /v1/convai/agents?page_size=1",
		WrongCreds:  provider.Credentials{"apiKey": "sk_ffffffffffffffffffffffffffffffffffffffffffffffff"},
		WrongReason: "Invalid API key",
		BadCreds:    provider.Credentials{"apiKey": "sk_0123 4567"},
		BadFields:   []string{"apiKey"},
		Paging:      paging,
		ListPath:    "/v1/convai/conversations",
		CheckListing: func(t *testing.T, w provider.Window, _ []provider.Call, reqs []fake.Request) {
			q := reqs[0].Query
			wantAfter := strconv.FormatInt(w.Since.Unix()-1, 10) // Since is a whole second here
			wantBefore := strconv.FormatInt(w.Until.Unix(), 10)
			if len(q) != 3 || q.Get("page_size") != "100" || q.Get("call_start_after_unix") != wantAfter ||
				q.Get("call_start_before_unix") != wantBefore {
				t.Errorf("first query = %v, want page_size 100, after %s, before %s", q, wantAfter, wantBefore)
			}
			for _, r := range reqs[1:] {
				if r.Query.Get("cursor") == "" || r.Query.Get("call_start_after_unix") != wantAfter {
					t.Errorf("later query = %v, want the cursor and the same window", r.Query)
				}
			}
		},
	})
}

// paging is the listing RunConformance walks: 450 conversations, of which
// the window holds convs[50:400] (350, four pages of up to 100).
func paging() (providertest.Fake, provider.Window, []string) {
	convs := fake.ElevenLabsConversations(450, 42)
	w := provider.Window{
		Since: time.Unix(convs[50].StartTimeUnixSecs, 0),
		Until: time.Unix(convs[400].StartTimeUnixSecs, 0), // exclusive
	}
	var want []string
	for _, c := range convs[50:400] {
		want = append(want, c.ConversationID)
	}
	return fake.NewElevenLabs(testKey, fake.ElevenLabsAgents(3), convs), w, want
}
