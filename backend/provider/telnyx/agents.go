package telnyx

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"switchboard/backend/provider"
)

// numbersPageSize is the most phone numbers a page holds (the OpenAPI's
// maximum page[size]).
const numbersPageSize = 250

// maxNumberPages stops a walk whose pages never end.
const maxNumberPages = 1000

// ListAgents lists the account's phone numbers, GET /v2/phone_numbers
// page by page until meta.total_pages (or an empty page), as Kind
// "number": Telnyx has no agents of its own. ID is the number's id,
// Number its phone_number (E.164), Name its connection_name (the
// application it is routed to), else the number; there is no prompt. A
// number without phone_number, or an answer without data, is
// KindMalformed.
func (a *adapter) ListAgents(ctx context.Context, c provider.Credentials) ([]provider.Agent, error) {
	if err := validateKey(c); err != nil {
		return nil, provider.InvalidCredentials(err)
	}
	var agents []provider.Agent
	for n := 1; n <= maxNumberPages; n++ {
		q := url.Values{"page[number]": {strconv.Itoa(n)}, "page[size]": {strconv.Itoa(numbersPageSize)}}
		var out struct {
			Data *[]struct {
				ID             flexText `json:"id"`
				PhoneNumber    string   `json:"phone_number"`
				ConnectionName *string  `json:"connection_name"`
			} `json:"data"`
			Meta *struct {
				TotalPages *int `json:"total_pages"`
			} `json:"meta"`
		}
		req := provider.Request{Method: http.MethodGet, URL: a.api.Base + "/v2/phone_numbers?" + q.Encode(), Header: header(c)}
		if err := a.api.Client.JSON(ctx, req, &out); err != nil {
			return nil, err
		}
		if out.Data == nil {
			return nil, provider.Malformed("phone numbers page has no data")
		}
		for _, d := range *out.Data {
			if d.PhoneNumber == "" {
				return nil, provider.Malformed("phone number %.40q without phone_number", string(d.ID))
			}
			ag := provider.Agent{ID: string(d.ID), Kind: provider.AgentKindNumber, Name: d.PhoneNumber, Number: d.PhoneNumber}
			if ag.ID == "" {
				ag.ID = d.PhoneNumber
			}
			if d.ConnectionName != nil && *d.ConnectionName != "" {
				ag.Name = *d.ConnectionName
			}
			agents = append(agents, ag)
		}
		last := len(*out.Data) == 0
		if out.Meta != nil && out.Meta.TotalPages != nil {
			last = last || n >= *out.Meta.TotalPages
		} else {
			last = last || len(*out.Data) < numbersPageSize
		}
		if last {
			return agents, nil
		}
	}
	return nil, provider.Malformed("phone numbers do not end after %d pages", maxNumberPages)
}
