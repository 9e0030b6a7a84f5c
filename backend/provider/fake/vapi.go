package fake

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// VapiCall is one call as Vapi's API returns it (the fields Switchboard
// reads). Zero StartedAt/EndedAt and nil Cost are left out of the JSON.
type VapiCall struct {
	ID            string
	Type          string // inboundPhoneCall | outboundPhoneCall | webCall | vapi.websocketCall
	Status        string
	CreatedAt     time.Time
	StartedAt     time.Time
	EndedAt       time.Time
	Cost          *float64 // USD
	Customer      string   // customer.number, the other party
	PhoneNumberID string
}

// vapiTime formats like JavaScript's Date.toISOString, as Vapi does.
func vapiTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// MarshalJSON writes the call in Vapi's shape.
func (c VapiCall) MarshalJSON() ([]byte, error) {
	m := map[string]any{
		"id": c.ID, "orgId": "org_fake", "type": c.Type, "status": c.Status,
		"createdAt": vapiTime(c.CreatedAt), "updatedAt": vapiTime(c.CreatedAt.Add(time.Hour)),
		"assistantId": "asst_fake",
	}
	if !c.StartedAt.IsZero() {
		m["startedAt"] = vapiTime(c.StartedAt)
	}
	if !c.EndedAt.IsZero() {
		m["endedAt"] = vapiTime(c.EndedAt)
		m["endedReason"] = "customer-ended-call"
	}
	if c.Cost != nil {
		m["cost"] = *c.Cost
		m["costBreakdown"] = map[string]any{"total": *c.Cost}
	}
	if c.Customer != "" {
		m["customer"] = map[string]any{"number": c.Customer}
	}
	if c.PhoneNumberID != "" {
		m["phoneNumberId"] = c.PhoneNumberID
	}
	return json.Marshal(m)
}

// VapiEpoch is when the generated calls of VapiCalls begin.
var VapiEpoch = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// VapiCalls returns n deterministic calls for seed, one every 1–10 minutes
// from VapiEpoch, with every seventh call created at the same millisecond as
// the one before (Vapi pages by createdAt, so ties matter). Costs carry
// three decimals (some ending in 5, to exercise rounding); every sixth call
// never started (no startedAt, endedAt or cost).
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
			ID:        fmt.Sprintf("vapi-%06d", i),
			Type:      types[i%len(types)],
			Status:    "ended",
			CreatedAt: at,
		}
		if c.Type == "inboundPhoneCall" || c.Type == "outboundPhoneCall" {
			c.Customer = fmt.Sprintf("+1415555%04d", i%10000)
			c.PhoneNumberID = VapiNumberID
		}
		if i%6 != 5 {
			c.StartedAt = at.Add(time.Duration(500+rng.Intn(3000)) * time.Millisecond)
			c.EndedAt = c.StartedAt.Add(time.Duration(rng.Intn(600_000)) * time.Millisecond)
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
// "Authorization: Bearer <Key>" and serves GET /call (limit 0–1000, default
// 100; createdAtGt/Ge/Lt/Le; newest first unless OldestFirst, no cursor:
// Vapi's OpenAPI description documents no order), GET /phone-number/{id}
// and GET /assistant.
// Like Vapi's validation, it rejects query parameters it does not know. It
// is an http.Handler.
// Set its fields before serving; the fault switches are safe at any time.
type VapiServer struct {
	faults
	Key   string
	Calls []VapiCall
	// Numbers are the org's phone numbers by id (GET /phone-number/{id}):
	// the digits, "" for a number that has none (a SIP number).
	Numbers map[string]string
	// OldestFirst lists the calls oldest first: the walk must not depend on
	// an order Vapi does not document.
	OldestFirst bool
}

// NewVapi returns a fake Vapi that accepts key and holds calls.
func NewVapi(key string, calls []VapiCall) *VapiServer {
	return &VapiServer{Key: key, Calls: calls, Numbers: map[string]string{VapiNumberID: VapiNumber}}
}

// The phone number that VapiCalls' phone calls use.
const (
	VapiNumberID = "pn_fake"
	VapiNumber   = "+14155550100"
)

// servePhoneNumber answers GET /phone-number/{id} in the shape of Vapi's
// PhoneNumber (a VapiPhoneNumber: number optional, sipUri for SIP numbers),
// or Vapi's 404.
func (s *VapiServer) servePhoneNumber(w http.ResponseWriter, id string) {
	number, ok := s.Numbers[id]
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found", "statusCode": 404})
		return
	}
	m := map[string]any{"provider": "vapi", "id": id, "orgId": "org_fake",
		"createdAt": vapiTime(VapiEpoch), "updatedAt": vapiTime(VapiEpoch), "name": "Main line"}
	if number != "" {
		m["number"] = number
	} else {
		m["sipUri"] = "sip:" + id + "@sip.vapi.ai"
	}
	writeJSON(w, http.StatusOK, m)
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
	if id, ok := strings.CutPrefix(r.URL.Path, "/phone-number/"); ok && r.Method == http.MethodGet && id != "" && !strings.Contains(id, "/") {
		s.servePhoneNumber(w, id)
		return
	}
	if r.Method != http.MethodGet || (r.URL.Path != "/call" && r.URL.Path != "/assistant") {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Cannot " + r.Method + " " + r.URL.Path, "error": "Not Found", "statusCode": 404})
		return
	}
	q := r.URL.Query()
	limit := 100
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 1000 {
			vapiBadRequest(w, "limit must not be greater than 1000")
			return
		}
		limit = n
	}
	if r.URL.Path == "/assistant" {
		writeJSON(w, http.StatusOK, []map[string]any{{"id": "asst_fake", "name": "Fake assistant"}}[:min(limit, 1)])
		return
	}
	bounds := map[string]time.Time{}
	for k, v := range q {
		switch k {
		case "limit":
		case "createdAtGt", "createdAtGe", "createdAtLt", "createdAtLe":
			t, err := time.Parse(time.RFC3339Nano, v[0])
			if err != nil {
				vapiBadRequest(w, k+" must be a valid ISO 8601 date string")
				return
			}
			bounds[k] = t
		default:
			vapiBadRequest(w, "property "+k+" should not exist")
			return
		}
	}
	var calls []VapiCall
	for _, c := range s.Calls {
		if vapiMatch(c.CreatedAt, bounds) {
			calls = append(calls, c)
		}
	}
	sort.SliceStable(calls, func(i, j int) bool {
		if !calls[i].CreatedAt.Equal(calls[j].CreatedAt) {
			return calls[i].CreatedAt.After(calls[j].CreatedAt) != s.OldestFirst
		}
		return (calls[i].ID > calls[j].ID) != s.OldestFirst
	})
	writeJSON(w, http.StatusOK, calls[:min(limit, len(calls))])
}

// vapiMatch compares at millisecond precision, as Vapi stores times.
func vapiMatch(at time.Time, b map[string]time.Time) bool {
	at = at.Truncate(time.Millisecond)
	for k, t := range b {
		var ok bool
		switch k {
		case "createdAtGt":
			ok = at.After(t)
		case "createdAtGe":
			ok = !at.Before(t)
		case "createdAtLt":
			ok = at.Before(t)
		case "createdAtLe":
			ok = !at.After(t)
		}
		if !ok {
			return false
		}
	}
	return true
}
