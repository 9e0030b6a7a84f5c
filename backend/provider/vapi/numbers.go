package vapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"sync"

	"switchboard/backend/provider"
)

// numberCache remembers what each phone number id stands for: its digits,
// its SIP URI, or "" for a number Vapi no longer has. Ids are UUIDs, unique
// across organisations, so one cache serves every API key.
type numberCache struct {
	mu sync.Mutex
	m  map[string]string
}

func (c *numberCache) get(id string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[id]
	return v, ok
}

func (c *numberCache) put(id, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[id] = v
}

// fillNumbers puts our number on our side of each phone call: To on inbound
// calls, From on outbound ones. Each phone number id is read once with GET
// /phone-number/{id} (Vapi's PhoneNumber: number is optional; a SIP number
// has a sipUri instead) and cached; a number Vapi no longer has (404) leaves
// our side empty. Any other failure fails the page, so the sync retries it.
// It returns how many look-ups it made.
func (a *adapter) fillNumbers(ctx context.Context, h http.Header, items []item) (lookups int, err error) {
	for i := range items {
		it := &items[i]
		if it.numberID == "" {
			continue
		}
		number, ok := a.numbers.get(it.numberID)
		if !ok {
			lookups++
			if number, err = a.readNumber(ctx, h, it.numberID); err != nil {
				return lookups, err
			}
			a.numbers.put(it.numberID, number)
		}
		setOurs(&it.call, number)
	}
	return lookups, nil
}

// setOurs puts number on our side of c: To on an inbound call, From on an
// outbound one.
func setOurs(c *provider.Call, number string) {
	if c.Direction == provider.DirectionIn {
		c.To = number
	} else {
		c.From = number
	}
}

func (a *adapter) readNumber(ctx context.Context, h http.Header, id string) (string, error) {
	raw, err := a.api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: a.api.Base + "/phone-number/" + url.PathEscape(id), Header: h})
	var pe *provider.Error
	if errors.As(err, &pe) && pe.Status == http.StatusNotFound {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	var n struct {
		Number string `json:"number"`
		SIPURI string `json:"sipUri"`
	}
	if err := json.Unmarshal(raw, &n); err != nil {
		return "", provider.Malformed("phone number %s: %v", id, err)
	}
	if n.Number != "" {
		return n.Number, nil
	}
	return n.SIPURI, nil
}
