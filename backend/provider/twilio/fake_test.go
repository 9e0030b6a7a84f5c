package twilio

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

// get sends GET path?q to the fake behind h with goodCreds and returns the
// status and the decoded body.
func get(t *testing.T, h *providertest.Harness, path string, q url.Values) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, h.URL+path+"?"+q.Encode(), nil)
	req.SetBasicAuth(testSID, testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

// TestFakeIsStrict: the fake refuses, as Twilio's 400 with code 20001,
// parameters the two lists do not define and values the spec does not
// allow, and takes the ones it does.
func TestFakeIsStrict(t *testing.T) {
	calls, numbers := "/2010-04-01/Accounts/"+testSID+"/Calls.json", "/2010-04-01/Accounts/"+testSID+"/IncomingPhoneNumbers.json"
	_, h := serve(t, fake.TwilioCalls(30, 1))
	tests := []struct {
		name, path string
		q          url.Values
		ok         bool
	}{
		{"calls: every parameter", calls, url.Values{"To": {"+1"}, "From": {"+2"}, "ParentCallSid": {"CA0123456789abcdef0123456789abcdef"}, "Status": {"no-answer"},
			"StartTime": {"2025-03-01"}, "StartTime>": {"2025-03-01"}, "StartTime<": {"2025-03-02"},
			"EndTime": {"2025-03-01"}, "EndTime>": {"2025-03-01"}, "EndTime<": {"2025-03-02"}, "PageSize": {"1000"}, "Page": {"0"}}, true},
		{"calls: the spec's other date forms", calls, url.Values{"StartTime<": {"06/11/2019 22:05:25 MST"}, "EndTime<": {"2019-06-11 22:05:25.000"}}, true},
		{"calls: unknown parameter", calls, url.Values{"Limit": {"10"}}, false},
		{"calls: prose key StartTime>=", calls, url.Values{"StartTime>=": {"2025-03-01"}}, false},
		{"calls: lower-case key", calls, url.Values{"pagesize": {"10"}}, false},
		{"calls: PageSize 0", calls, url.Values{"PageSize": {"0"}}, false},
		{"calls: PageSize 1001", calls, url.Values{"PageSize": {"1001"}}, false},
		{"calls: PageSize not a number", calls, url.Values{"PageSize": {"ten"}}, false},
		{"calls: Page negative", calls, url.Values{"Page": {"-1"}}, false},
		{"calls: PageToken not issued", calls, url.Values{"PageToken": {"PAnope"}}, false},
		{"calls: Status not in call_enum_status", calls, url.Values{"Status": {"cancelled"}}, false},
		{"calls: ParentCallSid not a CA sid", calls, url.Values{"ParentCallSid": {"CA1"}}, false},
		{"calls: a key twice", calls, url.Values{"To": {"+1", "+2"}}, false},
		{"numbers: every parameter", numbers, url.Values{"Beta": {"false"}, "FriendlyName": {"x"}, "PhoneNumber": {"+1415*"}, "Origin": {"hosted"}, "PageSize": {"5"}, "Page": {"0"}}, true},
		{"numbers: unknown parameter", numbers, url.Values{"Status": {"in-use"}}, false},
		{"numbers: Beta not a boolean", numbers, url.Values{"Beta": {"yes"}}, false},
		{"numbers: Origin other", numbers, url.Values{"Origin": {"ported"}}, false},
		{"numbers: PageSize 1001", numbers, url.Values{"PageSize": {"1001"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := get(t, h, tt.path, tt.q)
			if tt.ok && status != http.StatusOK {
				t.Fatalf("status %d: %v", status, body)
			}
			if !tt.ok && (status != http.StatusBadRequest || body["code"] != float64(20001) || body["status"] != float64(400)) {
				t.Fatalf("status %d: %v; want Twilio's 400", status, body)
			}
		})
	}
	// The spec types the date filters as date-time: other forms are taken,
	// and (the fake's choice, UNCONFIRMED) match no call.
	if _, body := get(t, h, calls, url.Values{"StartTime>": {"03/01/2025"}}); len(body["calls"].([]any)) != 0 {
		t.Errorf("a date in another form matched %d calls", len(body["calls"].([]any)))
	}
}

// TestFakeNumberFilters: the numbers list filters as the spec describes.
func TestFakeNumberFilters(t *testing.T) {
	f, h := serve(t, nil)
	f.Numbers = []fake.TwilioNumber{
		{Sid: "PN1", PhoneNumber: "+14155550100", FriendlyName: "Sales", Origin: "twilio"},
		{Sid: "PN2", PhoneNumber: "+14155550200", FriendlyName: "Support", Origin: "hosted"},
		{Sid: "PN3", PhoneNumber: "+16285550100", FriendlyName: "New", Origin: "twilio", Beta: true},
	}
	path := "/2010-04-01/Accounts/" + testSID + "/IncomingPhoneNumbers.json"
	tests := []struct {
		q    url.Values
		want string
	}{
		{url.Values{}, "PN1 PN2 PN3"},
		{url.Values{"Beta": {"true"}}, "PN1 PN2 PN3"},
		{url.Values{"Beta": {"false"}}, "PN1 PN2"},
		{url.Values{"Origin": {"hosted"}}, "PN2"},
		{url.Values{"FriendlyName": {"Sales"}}, "PN1"},
		{url.Values{"PhoneNumber": {"555*1"}}, "PN1 PN3"},
		{url.Values{"PhoneNumber": {"+1415"}}, "PN1 PN2"},
		{url.Values{"PageSize": {"2"}}, "PN1 PN2"},
	}
	for _, tt := range tests {
		t.Run(tt.q.Encode(), func(t *testing.T) {
			status, body := get(t, h, path, tt.q)
			var sids []string
			for _, n := range body["incoming_phone_numbers"].([]any) {
				sids = append(sids, n.(map[string]any)["sid"].(string))
			}
			if status != http.StatusOK || strings.Join(sids, " ") != tt.want {
				t.Fatalf("status %d, numbers %v; want %s", status, sids, tt.want)
			}
		})
	}
}

// TestFakeLegs: TwilioCalls makes parents with one <Dial> leg each, shaped
// like Twilio's (outbound-dial, within its parent's time, its own price),
// and the adapter lists every leg with its parent's sid.
func TestFakeLegs(t *testing.T) {
	calls := fake.TwilioCalls(200, 9)
	byID := map[string]fake.TwilioCall{}
	legs := 0
	for _, c := range calls {
		byID[c.Sid] = c
		if c.ParentCallSid == "" {
			continue
		}
		legs++
		p, ok := byID[c.ParentCallSid]
		if !ok || p.ParentCallSid != "" || p.Direction != "inbound" || p.Status != "completed" || c.Direction != "outbound-dial" || c.Status != "completed" ||
			c.StartTime.Before(p.StartTime) || !c.EndTime.Equal(p.EndTime) || c.Duration > p.Duration || c.Price == "" || c.From != p.From {
			t.Fatalf("leg %+v of parent %+v", c, p)
		}
	}
	if legs != 20 {
		t.Fatalf("%d legs in 200 calls, want 20", legs)
	}
	_, h := serve(t, calls)
	got, _ := providertest.ListAll(t, h.Adapter, goodCreds, provider.Window{Since: fake.TwilioEpoch})
	listed := 0
	for _, c := range got {
		if want := byID[c.ProviderCallID].ParentCallSid; c.ParentCallID != want {
			t.Errorf("call %s: ParentCallID %q, want %q", c.ProviderCallID, c.ParentCallID, want)
		}
		if c.ParentCallID != "" {
			listed++
			if c.CostMicros == 0 && byID[c.ProviderCallID].Price != "-0.00000" {
				t.Errorf("leg %s lost its price", c.ProviderCallID)
			}
		}
	}
	if listed != legs {
		t.Errorf("%d legs listed, want %d", listed, legs)
	}
	// The fake's ParentCallSid filter finds a parent's one leg.
	var leg fake.TwilioCall
	for _, c := range calls {
		if c.ParentCallSid != "" {
			leg = c
			break
		}
	}
	_, body := get(t, h, "/2010-04-01/Accounts/"+testSID+"/Calls.json", url.Values{"ParentCallSid": {leg.ParentCallSid}})
	list := body["calls"].([]any)
	if len(list) != 1 || list[0].(map[string]any)["sid"] != leg.Sid || list[0].(map[string]any)["parent_call_sid"] != leg.ParentCallSid {
		t.Errorf("ParentCallSid=%s lists %v", leg.ParentCallSid, list)
	}
}

// The properties of api.v2010.account.call and
// api.v2010.account.incoming_phone_number in twilio-oai (api_v2010).
const (
	callProperties = "sid date_created date_updated parent_call_sid account_sid to to_formatted from from_formatted " +
		"phone_number_sid status start_time end_time duration price price_unit direction answered_by api_version " +
		"forwarded_from group_sid caller_name queue_time trunk_sid uri subresource_uris"
	numberProperties = "account_sid address_sid address_requirements api_version beta capabilities date_created " +
		"date_updated friendly_name identity_sid phone_number origin sid sms_application_sid sms_fallback_method " +
		"sms_fallback_url sms_method sms_url status_callback status_callback_method trunk_sid uri voice_receive_mode " +
		"voice_application_sid voice_caller_id_lookup voice_fallback_method voice_fallback_url voice_method voice_url " +
		"emergency_status emergency_address_sid emergency_address_status bundle_sid status type"
)

// TestFakeShapes: the fake serves calls and numbers with exactly the
// schema's properties, and a call of its own has a null parent_call_sid.
func TestFakeShapes(t *testing.T) {
	_, h := serve(t, fake.TwilioCalls(10, 3))
	check := func(item map[string]any, props string) {
		t.Helper()
		for _, k := range strings.Fields(props) {
			if _, ok := item[k]; !ok {
				t.Errorf("no %s in %v", k, item)
			}
		}
		if len(item) != len(strings.Fields(props)) {
			t.Errorf("%d keys, the schema has %d: %v", len(item), len(strings.Fields(props)), item)
		}
	}
	_, body := get(t, h, "/2010-04-01/Accounts/"+testSID+"/Calls.json", url.Values{})
	for _, c := range body["calls"].([]any) {
		call := c.(map[string]any)
		check(call, callProperties)
		if p, ok := call["parent_call_sid"]; call["direction"] != "outbound-dial" && (!ok || p != nil) {
			t.Errorf("call of its own with parent_call_sid %v", p)
		}
	}
	_, body = get(t, h, "/2010-04-01/Accounts/"+testSID+"/IncomingPhoneNumbers.json", url.Values{})
	for _, n := range body["incoming_phone_numbers"].([]any) {
		check(n.(map[string]any), numberProperties)
	}
}
