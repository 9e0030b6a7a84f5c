package twilio

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"switchboard/backend/provider"
	"switchboard/backend/provider/internal/twilioish"
)

// maxNumberPages bounds the walk of the phone numbers: a million numbers at
// 1,000 a page; a list that goes on is a next_page_uri loop.
const maxNumberPages = 1000

// numbersPage is the part of a page of GET …/IncomingPhoneNumbers.json the
// adapter reads (twilio-oai api_v2010, ListIncomingPhoneNumberResponse).
type numbersPage struct {
	Numbers *[]struct {
		Sid          twilioish.FlexString `json:"sid"`
		PhoneNumber  twilioish.FlexString `json:"phone_number"`
		FriendlyName twilioish.FlexString `json:"friendly_name"`
	} `json:"incoming_phone_numbers"`
	NextPageURI twilioish.FlexString `json:"next_page_uri"`
}

// ListAgents lists the account's phone numbers: Twilio has no agents, and
// a call is routed by the number on the account's side of it. It walks GET
// /2010-04-01/Accounts/{Sid}/IncomingPhoneNumbers.json by next_page_uri
// and returns each number as Kind "number" with ID its PN sid, Number its
// phone_number (E.164) and Name its friendly_name. Credentials that fail
// Validate are provider.InvalidCredentials; a page without the
// incoming_phone_numbers array, a number without a sid, or a next_page_uri
// that leaves the list or repeats is KindMalformed.
func (a *adapter) ListAgents(ctx context.Context, c provider.Credentials) ([]provider.Agent, error) {
	if err := a.Validate(c); err != nil {
		return nil, provider.InvalidCredentials(err)
	}
	path := numbersPath(c[FieldAccountSID])
	next := path + "?" + url.Values{"PageSize": {strconv.Itoa(pageSize)}}.Encode()
	seen := map[string]bool{}
	agents := []provider.Agent{}
	for pages := 0; next != ""; pages++ {
		if seen[next] || pages == maxNumberPages {
			return nil, provider.Malformed("next_page_uri of the phone numbers repeats")
		}
		seen[next] = true
		body, err := a.api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: a.api.Base + next, Header: header(c)})
		if err != nil {
			return nil, err
		}
		var p numbersPage
		if err := json.Unmarshal(body, &p); err != nil {
			return nil, provider.Malformed("phone numbers page: %v", err)
		}
		if p.Numbers == nil {
			return nil, provider.Malformed("phone numbers page has no incoming_phone_numbers array")
		}
		for _, n := range *p.Numbers {
			if n.Sid == "" {
				return nil, provider.Malformed("phone number without a sid")
			}
			agents = append(agents, provider.Agent{
				ID: string(n.Sid), Kind: provider.AgentKindNumber,
				Name: string(n.FriendlyName), Number: string(n.PhoneNumber),
			})
		}
		next = ""
		if p.NextPageURI != "" && len(*p.Numbers) > 0 {
			if next, err = a.sameList(string(p.NextPageURI), path); err != nil {
				return nil, err
			}
		}
	}
	return agents, nil
}

func numbersPath(sid string) string {
	return "/2010-04-01/Accounts/" + sid + "/IncomingPhoneNumbers.json"
}
