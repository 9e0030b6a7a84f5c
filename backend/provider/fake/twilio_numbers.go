package fake

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// The IncomingPhoneNumbers list of the Twilio fake: the account's numbers,
// which Switchboard reads where agents do not apply.

// TwilioNumber is one of the account's phone numbers (an
// IncomingPhoneNumber resource) the Twilio fake serves.
type TwilioNumber struct {
	Sid          string // PN + 32 hex
	PhoneNumber  string // E.164
	FriendlyName string
	Origin       string // twilio or hosted
	Beta         bool
}

// TwilioNumbers returns n deterministic numbers; the first is +14155550000,
// the number TwilioCalls' calls are made to.
func TwilioNumbers(n int) []TwilioNumber {
	out := make([]TwilioNumber, n)
	for i := range out {
		out[i] = TwilioNumber{
			Sid:          fmt.Sprintf("PN%032x", uint64(i)+1),
			PhoneNumber:  fmt.Sprintf("+1415555%04d", i%10000),
			FriendlyName: fmt.Sprintf("(415) 555-%04d", i%10000),
			Origin:       "twilio",
		}
	}
	return out
}

// twilioNumbersParams are the query parameters the IncomingPhoneNumbers
// list defines.
var twilioNumbersParams = map[string]bool{
	"Beta": true, "FriendlyName": true, "PhoneNumber": true, "Origin": true,
	"PageSize": true, "Page": true, "PageToken": true,
}

func (s *TwilioServer) numbers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	size, ok := twilioQuery(w, q, twilioNumbersParams)
	if !ok {
		return
	}
	beta := true
	if v := q.Get("Beta"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil || v != "true" && v != "false" {
			twilioBadRequest(w, "Invalid Beta")
			return
		}
		beta = b
	}
	if v := q.Get("Origin"); v != "" && v != "twilio" && v != "hosted" {
		twilioBadRequest(w, "Invalid Origin")
		return
	}
	var list []TwilioNumber
	for _, n := range s.Numbers {
		if !beta && n.Beta || q.Get("Origin") != "" && q.Get("Origin") != n.Origin ||
			q.Get("FriendlyName") != "" && q.Get("FriendlyName") != n.FriendlyName ||
			!twilioNumberMatches(n.PhoneNumber, q.Get("PhoneNumber")) {
			continue
		}
		list = append(list, n)
	}
	twilioPage(w, r, size, "incoming_phone_numbers", len(list), func(i int) string { return list[i].Sid },
		func(i int) any { return s.numberJSON(list[i]) })
}

// twilioNumberMatches reports whether pattern, a part of a number in which
// '*' stands for any digit, occurs in number; an empty pattern matches all.
func twilioNumberMatches(number, pattern string) bool {
	for i := 0; i+len(pattern) <= len(number); i++ {
		ok := true
		for j := 0; j < len(pattern) && ok; j++ {
			c := number[i+j]
			ok = pattern[j] == c || pattern[j] == '*' && c >= '0' && c <= '9'
		}
		if ok {
			return true
		}
	}
	return false
}

// numberJSON is n in the shape of api.v2010.account.incoming_phone_number,
// null where the schema allows it and the fake has no value.
func (s *TwilioServer) numberJSON(n TwilioNumber) map[string]any {
	created := TwilioEpoch.Format(time.RFC1123Z)
	return map[string]any{
		"account_sid":              s.AccountSid,
		"address_requirements":     "none",
		"address_sid":              nil,
		"api_version":              "2010-04-01",
		"beta":                     n.Beta,
		"capabilities":             map[string]bool{"voice": true, "sms": true, "mms": false, "fax": false},
		"date_created":             created,
		"date_updated":             created,
		"emergency_status":         "Inactive",
		"emergency_address_sid":    nil,
		"emergency_address_status": "unregistered",
		"friendly_name":            n.FriendlyName,
		"identity_sid":             nil,
		"origin":                   n.Origin,
		"phone_number":             n.PhoneNumber,
		"sid":                      n.Sid,
		"sms_application_sid":      nil,
		"sms_fallback_method":      "POST",
		"sms_fallback_url":         nil,
		"sms_method":               "POST",
		"sms_url":                  nil,
		"status_callback":          nil,
		"status_callback_method":   "POST",
		"trunk_sid":                nil,
		"uri":                      "/2010-04-01/Accounts/" + s.AccountSid + "/IncomingPhoneNumbers/" + n.Sid + ".json",
		"voice_application_sid":    nil,
		"voice_caller_id_lookup":   false,
		"voice_fallback_method":    "POST",
		"voice_fallback_url":       nil,
		"voice_method":             "POST",
		"voice_url":                "https://agent.example/twiml",
		"bundle_sid":               nil,
		"voice_receive_mode":       "voice",
		"status":                   "in-use",
		"type":                     "local",
	}
}
