package elevenlabs

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/url"

	"switchboard/backend/provider"
)

// detailWorkers is how many conversation details are read at once.
const detailWorkers = 4

// wireDetail is the part of GetConversationResponseModel (GET
// /v1/convai/conversations/{id}) that the list does not give: the phone
// call's numbers and the cost, in metadata
// (ConversationHistoryMetadataCommonModel). metadata.cost is in credits,
// which are not money, and is not read; metadata.cost_fiat is "total fiat
// cost of the conversation in USD", absent for conversations that predate
// it.
type wireDetail struct {
	Metadata *struct {
		CostFiat  *float64 `json:"cost_fiat"`
		PhoneCall *struct {
			Direction      string `json:"direction"`
			AgentNumber    string `json:"agent_number"`
			ExternalNumber string `json:"external_number"`
		} `json:"phone_call"`
		InitiationSource *string `json:"conversation_initiation_source"`
	} `json:"metadata"`
}

// parseDetail decodes a conversation's details; a body that is not the
// documented object (metadata is required) is KindMalformed.
func parseDetail(id string, body []byte) (wireDetail, error) {
	var d wireDetail
	if err := json.Unmarshal(body, &d); err != nil {
		return d, provider.Malformed("conversation %s: %v", id, err)
	}
	if d.Metadata == nil {
		return d, provider.Malformed("conversation %s: no metadata", id)
	}
	return d, nil
}

// applyDetail completes c from its details. A phone call gives the
// direction when the list did not, and its numbers: agent_number is ours,
// external_number the other party's (From on an inbound call, To on an
// outbound one). A conversation without a phone call that began in the
// widget or a client SDK is a web call. cost_fiat is USD, at full
// precision; an invalid or negative one is KindMalformed.
func applyDetail(conv *conversation, d wireDetail) error {
	c := &conv.call
	m := d.Metadata
	source := conv.source
	if m.InitiationSource != nil && source == "" {
		source = *m.InitiationSource
	}
	if pc := m.PhoneCall; pc != nil {
		dir := mapDirection(pc.Direction)
		if c.Direction == provider.DirectionUnknown {
			c.Direction = dir
		}
		switch dir {
		case provider.DirectionIn:
			c.From, c.To = pc.ExternalNumber, pc.AgentNumber
		case provider.DirectionOut:
			c.From, c.To = pc.AgentNumber, pc.ExternalNumber
		}
	} else if c.Direction == provider.DirectionUnknown && webSources[source] {
		c.Direction = provider.DirectionWeb
	}
	if m.CostFiat != nil {
		micros, ok := provider.MicrosFromFloat(*m.CostFiat, 0)
		if !ok || micros < 0 || math.Abs(*m.CostFiat) > 1e9 {
			return provider.Malformed("conversation %s: cost_fiat out of range", c.ProviderCallID)
		}
		c.CostMicros, c.Currency = micros, "USD"
	}
	return nil
}

// fillDetails reads the details of every conversation, detailWorkers at a
// time, and completes each (see applyDetail). A conversation ElevenLabs no
// longer has (404: deleted since it was listed) keeps what the list said.
// Any other failure fails the whole page, so that the sync retries it. It
// returns how many requests it made.
func (a *adapter) fillDetails(ctx context.Context, h http.Header, convs []conversation) (int, error) {
	return provider.Each(ctx, len(convs), detailWorkers, func(ctx context.Context, i int) error {
		id := convs[i].call.ProviderCallID
		body, err := a.api.Client.Do(ctx, provider.Request{
			Method: http.MethodGet, URL: a.api.Base + "/v1/convai/conversations/" + url.PathEscape(id), Header: h,
		})
		var pe *provider.Error
		if errors.As(err, &pe) && pe.Status == http.StatusNotFound {
			return nil
		}
		if err != nil {
			return err
		}
		d, err := parseDetail(id, body)
		if err != nil {
			return err
		}
		return applyDetail(&convs[i], d)
	})
}
