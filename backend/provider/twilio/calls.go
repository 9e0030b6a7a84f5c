package twilio

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"switchboard/backend/provider"
)

// pageSize is the largest PageSize Twilio's lists take (twilio-oai
// api_v2010: Calls and IncomingPhoneNumbers, "the maximum is 1000").
const pageSize = 1000

// ListCalls lists calls with GET /2010-04-01/Accounts/{Sid}/Calls.json.
// Twilio's StartTime filters take UTC dates, so the request asks for whole
// days around w and the page keeps only calls that started within w (a
// page may therefore hold fewer calls than it fetched, even none, with
// Next still set). Calls not yet started are skipped (see parseCalls).
//
// Parents and legs: a call with a parent_call_sid (a leg placed by another
// call, such as the call whose <Dial> created it) is listed as a call of
// its own with ParentCallID set to that sid, with its own status,
// direction, DurationSec and cost as Twilio reports them. Twilio bills every
// leg (each has its own price), so the cost of a conversation is the sum
// over its parent and its legs; its minutes are counted once, from the
// parent, because a leg's time overlaps its parent's: the sync counts
// DurationSec only of calls whose ParentCallID is "". A leg is listed in
// the window its own start falls in, which need not be its parent's.
//
// The cursor is Twilio's next_page_uri, a path on the API host; a
// next_page_uri that leaves the host or the account's Calls list is
// KindMalformed. Each page takes one request (Page.Requests is 1).
func (a *adapter) ListCalls(ctx context.Context, c provider.Credentials, w provider.Window, cursor string) (provider.Page, error) {
	if err := a.Validate(c); err != nil {
		return provider.Page{}, provider.InvalidCredentials(err)
	}
	sid := c[FieldAccountSID]
	var target string
	if cursor == "" {
		if !w.Until.IsZero() && !w.Until.After(w.Since) {
			return provider.Page{}, nil
		}
		target = a.api.Base + callsPath(sid) + "?" + firstQuery(w).Encode()
	} else {
		ref, err := a.sameList(cursor, callsPath(sid))
		if err != nil {
			return provider.Page{}, err
		}
		target = a.api.Base + ref
	}
	body, err := a.api.Client.Do(ctx, provider.Request{Method: http.MethodGet, URL: target, Header: header(c)})
	if err != nil {
		return provider.Page{}, err
	}
	p, err := parseCalls(body)
	if err != nil {
		return provider.Page{}, err
	}
	page := provider.Page{Requests: 1}
	for _, call := range p.Calls {
		if w.Contains(call.StartedAt) {
			page.Calls = append(page.Calls, call)
		}
	}
	// An empty page ends the list whatever next_page_uri says.
	if p.Served > 0 && p.Next != "" {
		if page.Next, err = a.sameList(p.Next, callsPath(sid)); err != nil {
			return provider.Page{}, err
		}
		// A next_page_uri that repeats the current page is passed on as it
		// is: the sync's loop guard stops the run and clears its cursor.
	}
	return page, nil
}

func callsPath(sid string) string { return "/2010-04-01/Accounts/" + sid + "/Calls.json" }

// firstQuery asks for whole UTC days with the filters Twilio's OpenAPI
// description defines (twilio-oai, api_v2010, the Calls list): StartTime>
// (calls that started on or after that date) the day w starts, and
// StartTime< (calls that started before that date) the day after the one w
// ends in. "StartTime>=2009-07-06" in Twilio's prose is the key StartTime>
// with the value 2009-07-06; a key "StartTime>=" is a parameter Twilio does
// not know, and it would read the account's whole history.
func firstQuery(w provider.Window) url.Values {
	q := url.Values{"PageSize": {strconv.Itoa(pageSize)}}
	if !w.Since.IsZero() {
		q.Set("StartTime>", w.Since.UTC().Format(time.DateOnly))
	}
	if !w.Until.IsZero() {
		q.Set("StartTime<", w.Until.Add(-time.Nanosecond).UTC().AddDate(0, 0, 1).Format(time.DateOnly))
	}
	return q
}

// sameList checks that next (a next_page_uri, or a cursor made of one)
// points at the list at path (this account's Calls or IncomingPhoneNumbers)
// on the API host, and returns it as a path with query. Following anything
// else would send the account's credentials elsewhere.
func (a *adapter) sameList(next, path string) (string, error) {
	u, err := url.Parse(next)
	if err != nil {
		return "", provider.Malformed("next_page_uri does not parse")
	}
	if u.Scheme != "" || u.Host != "" || u.User != nil {
		base, err := url.Parse(a.api.Base)
		if err != nil || u.Scheme != base.Scheme || u.Host != base.Host || u.User != nil {
			return "", provider.Malformed("next_page_uri points to another host")
		}
	}
	if u.Path != path || u.RawPath != "" && u.RawPath != path {
		return "", provider.Malformed("next_page_uri is not this account's list")
	}
	if u.RawQuery == "" {
		return u.Path, nil
	}
	return u.Path + "?" + u.RawQuery, nil
}
