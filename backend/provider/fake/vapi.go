package fake

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// VapiCall is one call as Vapi's API returns it (the Call schema of
// VapiAI/docs fern/apis/api/openapi.json): id, orgId, createdAt and
// updatedAt, the only required fields, always; the others only when set.
type VapiCall struct {
	ID            string
	Type          string // inboundPhoneCall | outboundPhoneCall | webCall | vapi.websocketCall
	Status        string // scheduled | queued | ringing | in-progress | forwarding | ended | not-found | deletion-failed
	EndedReason   string
	CreatedAt     time.Time
	StartedAt     time.Time
	EndedAt       time.Time
	Cost          *float64 // USD
	Customer      string   // customer.number, the other party
	CustomerSIP   string   // customer.sipUri, a SIP caller
	PhoneNumberID string
	AssistantID   string
}

// vapiTime formats like JavaScript's Date.toISOString, as Vapi does.
func vapiTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// vapiOrgID is the org every fake record belongs to.
const vapiOrgID = "6f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c"

// MarshalJSON writes the call in Vapi's shape.
func (c VapiCall) MarshalJSON() ([]byte, error) {
	m := map[string]any{
		"id": c.ID, "orgId": vapiOrgID, "createdAt": vapiTime(c.CreatedAt), "updatedAt": vapiTime(c.updated()),
	}
	for k, v := range map[string]string{"type": c.Type, "status": c.Status, "endedReason": c.EndedReason,
		"phoneNumberId": c.PhoneNumberID, "assistantId": c.AssistantID} {
		if v != "" {
			m[k] = v
		}
	}
	if !c.StartedAt.IsZero() {
		m["startedAt"] = vapiTime(c.StartedAt)
	}
	if !c.EndedAt.IsZero() {
		m["endedAt"] = vapiTime(c.EndedAt)
	}
	if c.Cost != nil {
		m["cost"] = *c.Cost
		m["costBreakdown"] = map[string]any{"total": *c.Cost}
	}
	if c.Customer != "" || c.CustomerSIP != "" {
		cust := map[string]any{}
		if c.Customer != "" {
			cust["number"] = c.Customer
		}
		if c.CustomerSIP != "" {
			cust["sipUri"] = c.CustomerSIP
		}
		m["customer"] = cust
	}
	return json.Marshal(m)
}

func (c VapiCall) updated() time.Time { return c.CreatedAt.Add(time.Hour) }

// VapiAssistant is one assistant (the Assistant schema: id, orgId,
// createdAt, updatedAt required; name and model optional).
type VapiAssistant struct {
	ID        string
	Name      string
	CreatedAt time.Time
	Model     *VapiModel
}

// VapiModel is an assistant's model (OpenAIModel and its kin: provider and
// model required, messages optional).
type VapiModel struct {
	Provider string
	Model    string
	Messages []VapiMessage
}

// VapiMessage is one OpenAIMessage: role (assistant, function, user,
// system, tool) and content, both required, content nullable (nil: null).
type VapiMessage struct {
	Role    string  `json:"role"`
	Content *string `json:"content"`
}

// MarshalJSON writes the assistant in Vapi's shape.
func (a VapiAssistant) MarshalJSON() ([]byte, error) {
	m := map[string]any{"id": a.ID, "orgId": vapiOrgID, "createdAt": vapiTime(a.CreatedAt), "updatedAt": vapiTime(a.CreatedAt)}
	if a.Name != "" {
		m["name"] = a.Name
	}
	if a.Model != nil {
		model := map[string]any{"provider": a.Model.Provider, "model": a.Model.Model}
		if a.Model.Messages != nil {
			model["messages"] = a.Model.Messages
		}
		m["model"] = model
	}
	return json.Marshal(m)
}

// VapiPhoneNumber is one phone number of the org: a PhoneNumber of one of
// the schema's kinds by Provider ("vapi": number and sipUri optional;
// "twilio": number and twilioAccountSid required; "vonage", "telnyx":
// number and credentialId required; "byo-phone-number": credentialId
// required, number optional).
type VapiPhoneNumber struct {
	ID        string // a UUID
	Provider  string
	Number    string
	SIPURI    string
	Name      string
	CreatedAt time.Time
}

// MarshalJSON writes the number in Vapi's shape.
func (n VapiPhoneNumber) MarshalJSON() ([]byte, error) {
	m := map[string]any{"id": n.ID, "orgId": vapiOrgID, "provider": n.Provider,
		"createdAt": vapiTime(n.CreatedAt), "updatedAt": vapiTime(n.CreatedAt)}
	switch n.Provider {
	case "twilio":
		m["twilioAccountSid"] = "AC" + strings.Repeat("0", 32)
	case "vonage", "telnyx", "byo-phone-number":
		m["credentialId"] = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
	}
	if n.Number != "" || n.Provider != "vapi" && n.Provider != "byo-phone-number" {
		m["number"] = n.Number
	}
	if n.SIPURI != "" {
		m["sipUri"] = n.SIPURI
	}
	if n.Name != "" {
		m["name"] = n.Name
	}
	return json.Marshal(m)
}

// VapiEpoch is when the generated calls of VapiCalls begin.
var VapiEpoch = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// vapiEnded are the endedReasons VapiCalls gives its ended calls, in turn.
var vapiEnded = []string{"customer-ended-call", "assistant-ended-call", "customer-ended-call", "silence-timed-out", "customer-did-not-answer"}

// VapiCalls returns n deterministic calls for seed, one every 1–10 minutes
// from VapiEpoch, with every seventh call created at the same millisecond as
// the one before (Vapi pages by createdAt, so ties matter). Costs carry
// three decimals (some ending in 5, to exercise rounding); every sixth call
// never started (queued: no startedAt, endedAt, endedReason or cost).
func VapiCalls(n int, seed int64) []VapiCall {
	rng := rand.New(rand.NewSource(seed))
	types := []string{"inboundPhoneCall", "outboundPhoneCall", "webCall", "vapi.websocketCall"}
	calls := make([]VapiCall, n)
	at := VapiEpoch
	for i := range calls {
		if i%7 != 6 {
			at = at.Add(time.Duration(60_000+rng.Intn(540_000)) * time.Millisecond)
		}
		c := VapiCall{
			ID:          fmt.Sprintf("vapi-%06d", i),
			Type:        types[i%len(types)],
			Status:      "ended",
			CreatedAt:   at,
			AssistantID: VapiAssistantID,
		}
		if c.Type == "inboundPhoneCall" || c.Type == "outboundPhoneCall" {
			c.Customer = fmt.Sprintf("+1415555%04d", i%10000)
			c.PhoneNumberID = VapiNumberID
		}
		if i%6 != 5 {
			c.StartedAt = at.Add(time.Duration(500+rng.Intn(3000)) * time.Millisecond)
			c.EndedAt = c.StartedAt.Add(time.Duration(rng.Intn(600_000)) * time.Millisecond)
			c.EndedReason = vapiEnded[i%len(vapiEnded)]
			cost := float64(rng.Intn(2000)) / 1000
			c.Cost = &cost
		} else {
			c.Status = "queued"
		}
		calls[i] = c
	}
	return calls
}

// VapiServer is a fake of Vapi's API (https://api.vapi.ai): it checks
// "Authorization: Bearer <Key>" and serves GET /call over Calls, GET
// /assistant over Assistants, GET /phone-number over Numbers and GET
// /phone-number/{id}. The lists take the parameters the OpenAPI
// description documents (limit 0–1000, default 100; createdAtGt/Ge/Lt/Le,
// updatedAtGt/Ge/Lt/Le; /call also id, assistantId, phoneNumberId), have
// no cursor, and come newest first unless OldestFirst (the description
// documents no order). Like Vapi's validation, it answers 400 to a
// parameter it does not document and to a phone number id that is not a
// UUID. It is an http.Handler. Set its fields before serving; the fault
// switches are safe at any time.
type VapiServer struct {
	faults
	Key        string
	Calls      []VapiCall
	Assistants []VapiAssistant
	Numbers    []VapiPhoneNumber
	// OldestFirst lists oldest first: the walk must not depend on an order
	// Vapi does not document.
	OldestFirst bool
}

// The phone number and assistant that VapiCalls' calls use.
const (
	VapiNumberID    = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"
	VapiNumber      = "+14155550100"
	VapiAssistantID = "3c2b1a09-8f7e-4d6c-b5a4-9382716f5e4d"
)

// NewVapi returns a fake Vapi that accepts key and holds calls, the number
// VapiNumberID and the assistant VapiAssistantID.
func NewVapi(key string, calls []VapiCall) *VapiServer {
	return &VapiServer{
		Key:   key,
		Calls: calls,
		Numbers: []VapiPhoneNumber{{ID: VapiNumberID, Provider: "twilio", Number: VapiNumber, Name: "Main line",
			CreatedAt: VapiEpoch.Add(-24 * time.Hour)}},
		Assistants: []VapiAssistant{{ID: VapiAssistantID, Name: "Front desk", CreatedAt: VapiEpoch.Add(-48 * time.Hour),
			Model: &VapiModel{Provider: "openai", Model: "gpt-4o", Messages: []VapiMessage{{Role: "system", Content: ptrTo("You are the front desk.")}}}}},
	}
}

func ptrTo(s string) *string { return &s }

var vapiUUID = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// servePhoneNumber answers GET /phone-number/{id}, or Vapi's 404.
func (s *VapiServer) servePhoneNumber(w http.ResponseWriter, id string) {
	if !vapiUUID.MatchString(id) {
		vapiBadRequest(w, "id must be a UUID")
		return
	}
	i := slices.IndexFunc(s.Numbers, func(n VapiPhoneNumber) bool { return n.ID == id })
	if i < 0 {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found", "statusCode": 404})
		return
	}
	writeJSON(w, http.StatusOK, s.Numbers[i])
}

func vapiBadRequest(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{
		"message": []string{msg}, "error": "Bad Request", "statusCode": 400,
	})
}

// vapiDialect is how Vapi words failures.
var vapiDialect = messageDialect(map[string]any{
	"message":    "Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.",
	"error":      "Unauthorized",
	"statusCode": 401,
})

// ServeHTTP implements http.Handler.
func (s *VapiServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ok := r.Header.Get("Authorization") == "Bearer "+s.Key
	if _, done := s.intercept(w, r, ok, vapiDialect); done {
		return
	}
	id, isNumber := strings.CutPrefix(r.URL.Path, "/phone-number/")
	switch {
	case r.Method != http.MethodGet:
	case isNumber && id != "" && !strings.Contains(id, "/"):
		if len(r.URL.Query()) > 0 {
			vapiBadRequest(w, "property "+firstKey(r)+" should not exist")
			return
		}
		s.servePhoneNumber(w, id)
		return
	case r.URL.Path == "/call":
		calls := slices.Clone(s.Calls)
		for k, field := range map[string]func(VapiCall) string{
			"id":            func(c VapiCall) string { return c.ID },
			"assistantId":   func(c VapiCall) string { return c.AssistantID },
			"phoneNumberId": func(c VapiCall) string { return c.PhoneNumberID },
		} {
			if r.URL.Query().Has(k) {
				v := r.URL.Query().Get(k)
				calls = slices.DeleteFunc(calls, func(c VapiCall) bool { return field(c) != v })
			}
		}
		vapiList(w, r, s.OldestFirst, calls, func(c VapiCall) (string, time.Time, time.Time) { return c.ID, c.CreatedAt, c.updated() },
			"id", "assistantId", "phoneNumberId")
		return
	case r.URL.Path == "/assistant":
		vapiList(w, r, s.OldestFirst, s.Assistants, func(a VapiAssistant) (string, time.Time, time.Time) { return a.ID, a.CreatedAt, a.CreatedAt })
		return
	case r.URL.Path == "/phone-number":
		vapiList(w, r, s.OldestFirst, s.Numbers, func(n VapiPhoneNumber) (string, time.Time, time.Time) { return n.ID, n.CreatedAt, n.CreatedAt })
		return
	}
	writeJSON(w, http.StatusNotFound, map[string]any{"message": "Cannot " + r.Method + " " + r.URL.Path, "error": "Not Found", "statusCode": 404})
}

func firstKey(r *http.Request) string {
	for k := range r.URL.Query() {
		return k
	}
	return ""
}

// vapiList answers one of Vapi's cursorless lists over items: limit
// (0–1000, default 100), the createdAt and updatedAt bounds (at
// millisecond precision, as Vapi stores times), the extra parameters the
// caller has applied already, and 400 for any other parameter. key gives
// an item's id (the tie-break of the order), createdAt and updatedAt.
func vapiList[T any](w http.ResponseWriter, r *http.Request, oldestFirst bool, items []T, key func(T) (string, time.Time, time.Time), extra ...string) {
	q := r.URL.Query()
	limit := 100
	type bound struct {
		field string // "createdAt" or "updatedAt"
		op    string // Gt, Ge, Lt, Le
		at    time.Time
	}
	var bounds []bound
	for k, v := range q {
		switch field, op := k[:min(len(k), 9)], k[min(len(k), 9):]; {
		case k == "limit":
			n, err := strconv.Atoi(v[0])
			if err != nil || n < 0 || n > 1000 {
				vapiBadRequest(w, "limit must not be greater than 1000")
				return
			}
			limit = n
		case (field == "createdAt" || field == "updatedAt") && (op == "Gt" || op == "Ge" || op == "Lt" || op == "Le"):
			t, err := time.Parse(time.RFC3339Nano, v[0])
			if err != nil {
				vapiBadRequest(w, k+" must be a valid ISO 8601 date string")
				return
			}
			bounds = append(bounds, bound{field, op, t})
		case slices.Contains(extra, k):
		default:
			vapiBadRequest(w, "property "+k+" should not exist")
			return
		}
	}
	items = slices.DeleteFunc(slices.Clone(items), func(it T) bool {
		_, created, updated := key(it)
		for _, b := range bounds {
			at := created
			if b.field == "updatedAt" {
				at = updated
			}
			at = at.Truncate(time.Millisecond)
			var ok bool
			switch b.op {
			case "Gt":
				ok = at.After(b.at)
			case "Ge":
				ok = !at.Before(b.at)
			case "Lt":
				ok = at.Before(b.at)
			case "Le":
				ok = !at.After(b.at)
			}
			if !ok {
				return true
			}
		}
		return false
	})
	slices.SortStableFunc(items, func(a, b T) int {
		ida, ca, _ := key(a)
		idb, cb, _ := key(b)
		c := ca.Compare(cb)
		if c == 0 {
			c = strings.Compare(ida, idb)
		}
		if oldestFirst {
			return c
		}
		return -c
	})
	if items == nil {
		items = []T{} // Vapi answers [], never null
	}
	writeJSON(w, http.StatusOK, items[:min(limit, len(items))])
}
