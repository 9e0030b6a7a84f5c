package fake

import (
	"fmt"
	"math/rand"
	"net/http"
	"sort"
	"strings"
	"time"
)

// The detail records and phone numbers of the Telnyx fake.

// TelnyxRecord is one call detail record the Telnyx fake serves from GET
// /v2/detail_records. The OpenAPI types no call-control or sip-trunking
// record (UNCONFIRMED), so the shape follows the voice record Telnyx
// documents (the webrtc detail record example: id, telnyx_call_control_id,
// telnyx_session_id, telnyx_leg_id, started_at, finished_at, call_sec,
// billed_sec, cost, rate, currency, direction, cli, cld, connection_id),
// plus created_at, which the search's documented filter examples use. An
// empty Cost leaves cost, rate and currency out.
type TelnyxRecord struct {
	ID            string
	RecordType    string // call-control or sip-trunking
	CallControlID string // "" for none, as in the documented example
	Direction     string // inbound, outbound
	Cli, Cld      string // caller, called
	StartedAt     time.Time
	FinishedAt    time.Time
	CreatedAt     time.Time
	CallSec       int64
	Cost          string
	Currency      string
}

// TelnyxRecords returns n deterministic records of recordType for seed,
// one every 1–10 minutes from TelnyxEpoch; every third was not answered
// (call_sec 0), every sixth has no cost.
func TelnyxRecords(n int, recordType string, seed int64) []TelnyxRecord {
	rng := rand.New(rand.NewSource(seed))
	recs := make([]TelnyxRecord, n)
	at := TelnyxEpoch
	for i := range recs {
		at = at.Add(time.Duration(60+rng.Intn(540)) * time.Second)
		sec := int64(1 + rng.Intn(900))
		if i%3 == 2 {
			sec = 0
		}
		r := TelnyxRecord{
			ID:         fmt.Sprintf("%08x-%04x-11ef-9fe0-%012x", i, rng.Intn(1<<16), rng.Int63n(1<<48)),
			RecordType: recordType,
			Direction:  "outbound",
			Cli:        "+15127370000",
			Cld:        fmt.Sprintf("+1800864%04d", i%10000),
			StartedAt:  at,
			FinishedAt: at.Add(time.Duration(sec+5) * time.Second),
			CallSec:    sec,
			Cost:       fmt.Sprintf("0.%03d", rng.Intn(1000)),
			Currency:   "USD",
		}
		r.CreatedAt = r.FinishedAt
		if i%2 == 1 {
			r.Direction, r.Cli, r.Cld = "inbound", r.Cld, r.Cli
		}
		if i%6 == 5 {
			r.Cost, r.Currency = "", ""
		}
		recs[i] = r
	}
	return recs
}

// TelnyxNumber is one phone number of the Telnyx fake.
type TelnyxNumber struct {
	ID             string
	PhoneNumber    string
	ConnectionName string
}

func (s *TelnyxServer) records(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	rt := q.Get("filter[record_type]")
	if !telnyxRecordTypes[rt] {
		telnyxBadParam(w, "filter[record_type] is required and must be one of the documented record types.")
		return
	}
	number, size, ok := telnyxPaging(w, q, 50)
	if !ok {
		return
	}
	var gte, lt *telnyxBound
	for _, f := range []struct {
		key string
		dst **telnyxBound
	}{{"filter[created_at][gte]", &gte}, {"filter[created_at][lt]", &lt}} {
		if v := q.Get(f.key); v != "" {
			b, ok := telnyxParseBound(v)
			if !ok {
				telnyxBadParam(w, f.key+" must be a date or a date-time.")
				return
			}
			*f.dst = &b
		}
	}
	desc := true
	switch q.Get("sort") {
	case "", "-created_at":
	case "created_at":
		desc = false
	default:
		telnyxBadParam(w, "sort must be created_at or -created_at.")
		return
	}
	var list []TelnyxRecord
	for _, rec := range s.Records {
		if rec.RecordType != rt || gte != nil && gte.cmp(rec.CreatedAt) < 0 || lt != nil && lt.cmp(rec.CreatedAt) >= 0 {
			continue
		}
		list = append(list, rec)
	}
	sort.SliceStable(list, func(i, j int) bool {
		if a, b := list[i].CreatedAt, list[j].CreatedAt; !a.Equal(b) {
			return a.After(b) == desc
		}
		return (list[i].ID < list[j].ID) == desc
	})
	start := min((number-1)*size, len(list))
	end := min(start+size, len(list))
	data := make([]map[string]any, 0, end-start)
	for _, rec := range list[start:end] {
		data = append(data, rec.json())
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": data, "meta": telnyxMeta(number, size, len(list))})
}

// json is rec in the documented voice record's shape.
func (rec TelnyxRecord) json() map[string]any {
	m := map[string]any{
		"id": rec.ID, "record_type": strings.ReplaceAll(rec.RecordType, "-", "_") + "_detail_record",
		"telnyx_call_control_id": rec.CallControlID, "telnyx_leg_id": rec.ID,
		"telnyx_session_id": "s-" + rec.ID, "direction": rec.Direction, "cli": rec.Cli, "cld": rec.Cld,
		"call_sec": rec.CallSec, "billed_sec": (rec.CallSec + 59) / 60 * 60, "connection_id": "2519141575053804765",
		"created_at": rec.CreatedAt.UTC().Format(time.RFC3339), "tags": "",
	}
	if !rec.StartedAt.IsZero() {
		m["started_at"] = rec.StartedAt.UTC().Format(time.RFC3339)
	}
	if !rec.FinishedAt.IsZero() {
		m["finished_at"] = rec.FinishedAt.UTC().Format(time.RFC3339)
	}
	if rec.Cost != "" {
		m["cost"], m["rate"], m["currency"] = rec.Cost, rec.Cost, rec.Currency
	}
	return m
}

func (s *TelnyxServer) numbers(w http.ResponseWriter, r *http.Request) {
	number, size, ok := telnyxPaging(w, r.URL.Query(), 250)
	if !ok {
		return
	}
	start := min((number-1)*size, len(s.Numbers))
	end := min(start+size, len(s.Numbers))
	data := make([]map[string]any, 0, end-start)
	for _, n := range s.Numbers[start:end] {
		data = append(data, map[string]any{
			"id": n.ID, "record_type": "phone_number", "phone_number": n.PhoneNumber, "status": "active",
			"connection_id": nil, "connection_name": telnyxNullable(n.ConnectionName), "tags": []string{},
			"phone_number_type": "local", "created_at": TelnyxEpoch.Format(time.RFC3339),
		})
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": data, "meta": telnyxMeta(number, size, len(s.Numbers))})
}

func telnyxNullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
