package synthflow

import (
	"strings"

	"switchboard/backend/provider"
)

// RegionFieldKey is the Field.Key of the workspace's region (cluster).
const RegionFieldKey = "region"

// regionHosts are the documented API hosts by region: "Use the base URL
// that matches your workspace region" (https://docs.synthflow.ai/
// getting-started-with-your-api, https://docs.synthflow.ai/customer-region;
// the OpenAPI description's servers). A workspace answers on its own
// cluster's host only.
var regionHosts = map[string]string{
	"global": "https://api.synthflow.ai",
	"us":     "https://api.us.synthflow.ai",
	"eu":     "https://api.eu.synthflow.ai",
}

// region normalises a region value: trimmed, lower case, "" meaning global
// (the cluster of every workspace made before the US and EU clusters).
func region(v string) string {
	r := strings.ToLower(strings.TrimSpace(v))
	if r == "" {
		return "global"
	}
	return r
}

// regionHost is the API host of a region Validate accepted.
func regionHost(v string) string {
	return regionHosts[region(v)]
}

// Fields are the secret API key and the workspace's region.
func (a *adapter) Fields() []provider.Field {
	return []provider.Field{
		provider.APIKeyField("", "From Admin → Workspace Settings → API Keys in your Synthflow workspace."),
		{
			Key: RegionFieldKey, Label: "Region", Placeholder: "global",
			Help: "Your workspace's cluster: global, us or eu (Admin → Workspace Settings → Preferences → Customer Region). Empty means global.",
		},
	}
}

// Validate checks the API key's format (see provider.APIKeyProblem;
// Synthflow documents none) and that the region is one of the documented
// clusters: global (or empty), us, eu.
func (a *adapter) Validate(c provider.Credentials) error {
	fe := provider.FieldErrors{}
	if msg := provider.APIKeyProblem(c[provider.APIKeyFieldKey]); msg != "" {
		fe[provider.APIKeyFieldKey] = msg
	}
	if _, ok := regionHosts[region(c[RegionFieldKey])]; !ok {
		fe[RegionFieldKey] = "Region must be global, us or eu: the cluster of your Synthflow workspace."
	}
	return fe.Err()
}
