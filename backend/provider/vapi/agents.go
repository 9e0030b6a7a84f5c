package vapi

import (
	"context"
	"strings"

	"switchboard/backend/provider"
)

// wireAssistant is the part of Vapi's Assistant that ListAgents reads.
// model is one of the schema's models (OpenAIModel, AnthropicModel, …);
// each has messages, OpenAIMessage items of a role and a content that may
// be null.
type wireAssistant struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	CreatedAt string `json:"createdAt"`
	Model     *struct {
		Messages []struct {
			Role    string  `json:"role"`
			Content *string `json:"content"`
		} `json:"messages"`
	} `json:"model"`
}

func (w wireAssistant) recordID() string  { return w.ID }
func (w wireAssistant) createdAt() string { return w.CreatedAt }

// prompt is the assistant's system prompt: the content of its
// model.messages with role "system", in order, joined by a blank line
// when there are several; "" when there are none.
func (w wireAssistant) prompt() string {
	if w.Model == nil {
		return ""
	}
	var parts []string
	for _, m := range w.Model.Messages {
		if m.Role == "system" && m.Content != nil && *m.Content != "" {
			parts = append(parts, *m.Content)
		}
	}
	return strings.Join(parts, "\n\n")
}

// wireNumber is the part of Vapi's PhoneNumber (any of its kinds) that
// ListAgents reads: number is optional on Vapi and BYO numbers, and a
// Vapi SIP number has a sipUri instead.
type wireNumber struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Number    string `json:"number"`
	SIPURI    string `json:"sipUri"`
	CreatedAt string `json:"createdAt"`
}

func (w wireNumber) recordID() string  { return w.ID }
func (w wireNumber) createdAt() string { return w.CreatedAt }

// ListAgents lists the org's assistants (GET /assistant), each with its
// name and system prompt, then its phone numbers (GET /phone-number) as
// Kind "number": ID the phone number id, Number its number or, for a SIP
// number, its sipUri. Both lists are walked to their end by createdAt
// (walkAll). The numbers also fill the cache ListCalls reads our side of a
// call from.
func (a *adapter) ListAgents(ctx context.Context, c provider.Credentials) ([]provider.Agent, error) {
	h, err := a.api.Header(c)
	if err != nil {
		return nil, err
	}
	assistants, err := walkAll[wireAssistant](ctx, a, h, "/assistant")
	if err != nil {
		return nil, err
	}
	numbers, err := walkAll[wireNumber](ctx, a, h, "/phone-number")
	if err != nil {
		return nil, err
	}
	agents := make([]provider.Agent, 0, len(assistants)+len(numbers))
	for _, as := range assistants {
		agents = append(agents, provider.Agent{ID: as.ID, Kind: provider.AgentKindAgent, Name: as.Name, Prompt: as.prompt()})
	}
	for _, n := range numbers {
		number := n.Number
		if number == "" {
			number = n.SIPURI
		}
		a.numbers.put(n.ID, number)
		agents = append(agents, provider.Agent{ID: n.ID, Kind: provider.AgentKindNumber, Name: n.Name, Number: number})
	}
	return agents, nil
}
