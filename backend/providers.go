package backend

// Provider is a voice platform a sub-account can be connected to.
type Provider struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Providers is the catalogue of voice providers, in display order. The IDs
// match the CHECK constraint on sub_accounts.provider.
var Providers = []Provider{
	{ID: "retell", Name: "Retell AI"},
	{ID: "vapi", Name: "Vapi"},
	{ID: "bland", Name: "Bland"},
	{ID: "twilio", Name: "Twilio"},
	{ID: "telnyx", Name: "Telnyx"},
	{ID: "synthflow", Name: "Synthflow"},
	{ID: "elevenlabs", Name: "ElevenLabs"},
}

// ProviderNone is the provider filter value for "no provider connected".
const ProviderNone = "none"

// providerName returns the display name of a provider ID ("" for none).
func providerName(id string) string {
	for _, p := range Providers {
		if p.ID == id {
			return p.Name
		}
	}
	return ""
}

func knownProvider(id string) bool { return providerName(id) != "" }
