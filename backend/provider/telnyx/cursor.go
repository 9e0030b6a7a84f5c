package telnyx

import (
	"net/url"
	"strconv"

	"switchboard/backend/provider"
)

// source is one of the sources of calls a listing reads, in this order.
type source string

// The sources.
const (
	srcTeXML       source = "texml"        // GET /v2/texml/Accounts/{sid}/Calls
	srcCallControl source = "call-control" // detail records of the Voice API
	srcSIPTrunking source = "sip-trunking" // detail records of SIP trunks
)

// cursor is where a listing is: the source, the TeXML Page and PageToken
// of next_page_uri or the detail records' page number, and whether the
// TeXML source served any call (then detail records may repeat TeXML calls
// and are checked, see dedupe.go).
type cursor struct {
	src       source
	page      string // TeXML Page, may be ""
	token     string // TeXML PageToken
	number    int    // detail records' page[number], from 1
	texmlSeen bool
}

// first is the cursor of a listing's first page: TeXML calls when the
// credentials name a TeXML account, else the Call Control records.
func first(c provider.Credentials) cursor {
	if c[FieldAccountSID] == "" {
		return cursor{src: srcCallControl, number: 1}
	}
	return cursor{src: srcTeXML}
}

// after is the cursor of the source after cur's, "" after the last.
func (cur cursor) after() string {
	switch cur.src {
	case srcTeXML:
		return cursor{src: srcCallControl, number: 1, texmlSeen: cur.texmlSeen}.String()
	case srcCallControl:
		return cursor{src: srcSIPTrunking, number: 1, texmlSeen: cur.texmlSeen}.String()
	}
	return ""
}

// String encodes cur as a query: src, Page and PageToken (TeXML) or page
// (detail records), and texml=1 when TeXML calls were seen.
func (cur cursor) String() string {
	q := url.Values{"src": {string(cur.src)}}
	if cur.src == srcTeXML {
		q.Set("PageToken", cur.token)
		if cur.page != "" {
			q.Set("Page", cur.page)
		}
	} else {
		q.Set("page", strconv.Itoa(cur.number))
	}
	if cur.texmlSeen {
		q.Set("texml", "1")
	}
	return q.Encode()
}

// parseCursor reads a cursor made by cursor.String; "" is first(c). A
// cursor that does not read back, or a TeXML one without a TeXML account,
// is KindMalformed.
func parseCursor(s string, c provider.Credentials) (cursor, error) {
	if s == "" {
		return first(c), nil
	}
	q, err := url.ParseQuery(s)
	if err != nil {
		return cursor{}, provider.Malformed("cursor does not parse")
	}
	cur := cursor{src: source(q.Get("src")), page: q.Get("Page"), token: q.Get("PageToken"), texmlSeen: q.Get("texml") == "1"}
	known := map[string]bool{"src": true, "texml": true}
	switch cur.src {
	case srcTeXML:
		known["Page"], known["PageToken"] = true, true
		if c[FieldAccountSID] == "" {
			return cursor{}, provider.Malformed("cursor of TeXML calls without a TeXML account SID")
		}
		if _, err := cursorOf(cur.page, cur.token); err != nil {
			return cursor{}, err
		}
	case srcCallControl, srcSIPTrunking:
		known["page"] = true
		if cur.number, err = strconv.Atoi(q.Get("page")); err != nil || cur.number < 1 {
			return cursor{}, provider.Malformed("cursor has no page number")
		}
	default:
		return cursor{}, provider.Malformed("cursor names no source")
	}
	for k, v := range q {
		if !known[k] || len(v) != 1 || k == "texml" && v[0] != "1" {
			return cursor{}, provider.Malformed("cursor has an unknown part")
		}
	}
	return cur, nil
}

// cursorOf checks a TeXML next page: it needs a PageToken (Telnyx says
// Page goes with it) and a Page, if any, that is a page number.
func cursorOf(page, token string) (cursor, error) {
	if token == "" {
		return cursor{}, provider.Malformed("next page has no PageToken")
	}
	if page != "" {
		if n, err := strconv.Atoi(page); err != nil || n < 0 {
			return cursor{}, provider.Malformed("next page number %.20q is not a number", page)
		}
	}
	return cursor{src: srcTeXML, page: page, token: token}, nil
}
