package telnyx

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"switchboard/backend/provider"
)

// recordsPageSize is the most detail records a page holds (the OpenAPI's
// maximum page[size]).
const recordsPageSize = 50

// recordJSON is the part of a call's detail record the adapter reads. The
// OpenAPI types no call-control or sip-trunking record, so the names are
// those of the voice record Telnyx documents (the webrtc detail record
// example): id, telnyx_call_control_id, cli (caller), cld (called),
// direction, started_at, finished_at, call_sec, cost, currency; plus
// created_at, which the search filters on, call_control_id, which other
// code reads, and status, should a record carry one (all UNCONFIRMED for
// these record types).
type recordJSON struct {
	ID            flexText `json:"id"`
	CallControlID flexText `json:"telnyx_call_control_id"`
	AltControlID  flexText `json:"call_control_id"`
	Direction     flexText `json:"direction"`
	Cli           flexText `json:"cli"`
	Cld           flexText `json:"cld"`
	StartedAt     flexText `json:"started_at"`
	FinishedAt    flexText `json:"finished_at"`
	CreatedAt     flexText `json:"created_at"`
	CallSec       flexText `json:"call_sec"`
	Cost          flexText `json:"cost"`
	Currency      flexText `json:"currency"`
	Status        flexText `json:"status"`
}

// record is a mapped detail record and its call control id, "" for none.
type record struct {
	call      provider.Call
	controlID string
}

// recordsPage is a parsed page of DetailRecordsSearchResponse.
type recordsPage struct {
	records    []record
	served     int
	totalPages int // meta.total_pages, -1 without meta
}

// recordCalls reads page cur.number of the detail records of cur.src
// (call-control or sip-trunking) created from the day before w starts to
// the second day after it ends (UTC dates, as the OpenAPI's filter
// examples; a record is written when its call ends), oldest first (sort=created_at, so that records written during
// the walk come last), and keeps those whose call started within w. When
// the TeXML calls of this listing were not empty, records that are TeXML
// calls are dropped (see dropTeXML).
func (a *adapter) recordCalls(ctx context.Context, c provider.Credentials, w provider.Window, cur cursor) (provider.Page, error) {
	q := url.Values{
		"filter[record_type]": {string(cur.src)},
		"sort":                {"created_at"},
		"page[number]":        {strconv.Itoa(cur.number)},
		"page[size]":          {strconv.Itoa(recordsPageSize)},
	}
	if !w.Since.IsZero() {
		q.Set("filter[created_at][gte]", w.Since.UTC().AddDate(0, 0, -1).Format(time.DateOnly))
	}
	if !w.Until.IsZero() {
		q.Set("filter[created_at][lt]", w.Until.Add(-time.Nanosecond).UTC().AddDate(0, 0, 2).Format(time.DateOnly))
	}
	body, err := a.api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: a.api.Base + "/v2/detail_records?" + q.Encode(), Header: header(c)})
	if err != nil {
		return provider.Page{}, err
	}
	p, err := parseRecords(body)
	if err != nil {
		return provider.Page{}, err
	}
	var kept []record
	for _, r := range p.records {
		if w.Contains(r.call.StartedAt) {
			kept = append(kept, r)
		}
	}
	page := provider.Page{Requests: 1}
	if cur.texmlSeen && c[FieldAccountSID] != "" {
		n, err := a.dropTeXML(ctx, c, &kept)
		page.Requests += n
		if err != nil {
			return provider.Page{}, err
		}
	}
	for _, r := range kept {
		page.Calls = append(page.Calls, r.call)
	}
	more := p.served > 0 && (p.totalPages < 0 && p.served >= recordsPageSize || cur.number < p.totalPages)
	if more {
		page.Next = cursor{src: cur.src, number: cur.number + 1, texmlSeen: cur.texmlSeen}.String()
	} else {
		page.Next = cur.after()
	}
	return page, nil
}

// parseRecords decodes {data[], meta{page_number, page_size, total_pages,
// total_results}}. A record without an id and a call control id, or with a
// time, call_sec or cost that does not parse, makes the page
// KindMalformed; one with neither started_at nor created_at is skipped
// (it cannot be placed in a window).
func parseRecords(body []byte) (recordsPage, error) {
	var raw struct {
		Data *[]recordJSON `json:"data"`
		Meta *struct {
			TotalPages *int `json:"total_pages"`
		} `json:"meta"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return recordsPage{}, provider.Malformed("detail records page: %v", err)
	}
	if raw.Data == nil {
		return recordsPage{}, provider.Malformed("detail records page has no data")
	}
	p := recordsPage{served: len(*raw.Data), totalPages: -1}
	if raw.Meta != nil && raw.Meta.TotalPages != nil {
		p.totalPages = *raw.Meta.TotalPages
	}
	for _, j := range *raw.Data {
		r, keep, err := j.toRecord()
		if err != nil {
			return recordsPage{}, err
		}
		if keep {
			p.records = append(p.records, r)
		}
	}
	return p, nil
}

// toRecord maps a detail record: its id is the call control id when it
// has one (the id a TeXML call's sid is, so that a call both sources list
// is one call), else id; From is cli, To cld; the start is started_at
// (else created_at), the end finished_at, the duration call_sec (else the
// time between them); the cost is cost in currency, none without either;
// the status see recordStatus.
func (j recordJSON) toRecord() (record, bool, error) {
	ccid := string(j.CallControlID)
	if ccid == "" {
		ccid = string(j.AltControlID)
	}
	id := ccid
	if id == "" {
		id = string(j.ID)
	}
	if id == "" {
		return record{}, false, provider.Malformed("detail record without an id")
	}
	at := func(name string, v flexText) (time.Time, error) {
		if v == "" {
			return time.Time{}, nil
		}
		t, err := parseTime(string(v))
		if err != nil {
			return t, provider.Malformed("record %.64q: %s %.64q does not parse", id, name, string(v))
		}
		return t, nil
	}
	started, err := at("started_at", j.StartedAt)
	if err != nil {
		return record{}, false, err
	}
	created, err := at("created_at", j.CreatedAt)
	if err != nil {
		return record{}, false, err
	}
	finished, err := at("finished_at", j.FinishedAt)
	if err != nil {
		return record{}, false, err
	}
	if started.IsZero() {
		started = created
	}
	if started.IsZero() {
		return record{}, false, nil
	}
	c := provider.Call{
		ProviderCallID: id,
		Direction:      direction(string(j.Direction)),
		RawStatus:      string(j.Status),
		From:           string(j.Cli),
		To:             string(j.Cld),
		StartedAt:      started,
		EndedAt:        finished,
		DurationSec:    provider.SecondsBetween(started, finished),
	}
	if j.CallSec != "" {
		if c.DurationSec, err = strconv.ParseInt(string(j.CallSec), 10, 64); err != nil || c.DurationSec < 0 {
			return record{}, false, provider.Malformed("record %.64q: call_sec %.40q is not whole seconds", id, string(j.CallSec))
		}
	}
	c.Status = recordStatus(c.RawStatus, c.DurationSec)
	if c.CostMicros, c.Currency, err = cost(id, string(j.Cost), string(j.Currency)); err != nil {
		return record{}, false, err
	}
	return record{call: c, controlID: ccid}, true, nil
}
