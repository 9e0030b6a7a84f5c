package vapi

import (
	"net/http/httptest"
	"strings"
	"testing"

	"switchboard/backend/provider/fake"
)

// TestFakeIsStrict: the fake takes the query parameters Vapi's OpenAPI
// description documents for each list and refuses others, as Vapi's
// validation does ("property … should not exist").
func TestFakeIsStrict(t *testing.T) {
	f := fake.NewVapi(testKey, fake.VapiCalls(5, 1))
	tests := []struct {
		target string
		want   int
	}{
		{"/call?limit=1000&createdAtGe=2025-03-01T00:00:00Z&createdAtLt=2025-03-02T00:00:00Z", 200},
		{"/call?assistantId=" + fake.VapiAssistantID + "&phoneNumberId=" + fake.VapiNumberID + "&id=vapi-000000", 200},
		{"/call?updatedAtGt=2025-03-01T00:00:00Z", 200},
		{"/call?page=2", 400},
		{"/call?cursor=abc", 400},
		{"/call?limit=1001", 400},
		{"/call?createdAtGe=yesterday", 400},
		{"/assistant?limit=1", 200},
		{"/assistant?limit=1000&createdAtLe=2025-03-01T00:00:00Z", 200},
		{"/assistant?assistantId=x", 400},
		{"/phone-number?limit=1000", 200},
		{"/phone-number?search=main", 400}, // documented for /v2/phone-number only
		{"/phone-number/" + fake.VapiNumberID, 200},
		{"/phone-number/" + fake.VapiNumberID + "?expand=1", 400},
		{"/phone-number/pn_not_a_uuid", 400},
		{"/phone-number/00000000-0000-4000-8000-000000000000", 404},
		{"/v2/call", 404},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", tt.target, nil)
		r.Header.Set("Authorization", "Bearer "+testKey)
		w := httptest.NewRecorder()
		f.ServeHTTP(w, r)
		if w.Code != tt.want {
			t.Errorf("GET %s: %d %s, want %d", tt.target, w.Code, w.Body, tt.want)
		}
		if w.Code == 200 && !strings.HasPrefix(tt.target, "/phone-number/") && !strings.HasPrefix(w.Body.String(), "[") {
			t.Errorf("GET %s: not a JSON array: %s", tt.target, w.Body)
		}
	}
}
