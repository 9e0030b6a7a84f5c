package twilio

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"switchboard/backend/provider"
)

// pageSize is the largest PageSize Twilio documents (for Accounts; for
// Calls it is UNCONFIRMED but presumed the same).
const pageSize = 1000

// ListCalls lists calls with GET /2010-04-01/Accounts/{Sid}/Calls.json.
// Twilio's StartTime filters take UTC dates, so the request asks for whole
// days around w and the page keeps only calls that started within w (a
// page may therefore hold fewer calls than it fetched, even none, with
// Next still set). Child legs and calls not yet started are skipped (see
// parseCalls). The cursor is Twilio's next_page_uri, a path on the API
// host; a next_page_uri that leaves the host or the account's Calls list
// is KindMalformed.
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
		ref, err := a.sameList(cursor, sid)
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
	var page provider.Page
	for _, call := range p.Calls {
		if w.Contains(call.StartedAt) {
			page.Calls = append(page.Calls, call)
		}
	}
	// An empty page ends the list whatever next_page_uri says.
	if p.Served > 0 && p.Next != "" {
		if page.Next, err = a.sameList(p.Next, sid); err != nil {
			return provider.Page{}, err
		}
		if page.Next == cursor {
			return provider.Page{}, provider.Malformed("next_page_uri repeats the current page")
		}
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
// points at this account's Calls list on the API host, and returns it as a
// path with query. Following anything else would send the account's
// credentials elsewhere.
func (a *adapter) sameList(next, sid string) (string, error) {
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
	if u.Path != callsPath(sid) || u.RawPath != "" && u.RawPath != callsPath(sid) {
		return "", provider.Malformed("next_page_uri is not this account's call list")
	}
	if u.RawQuery == "" {
		return u.Path, nil
	}
	return u.Path + "?" + u.RawQuery, nil
}
