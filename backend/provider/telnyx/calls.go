package telnyx

import (
	"context"

	"switchboard/backend/provider"
)

// ListCalls lists, in one cursor, three sources in turn: the TeXML calls
// of the TeXML account (GET /v2/texml/Accounts/{sid}/Calls; skipped when
// no account SID is set), then the call detail records of the Voice API
// (Call Control) and of SIP trunking (GET /v2/detail_records with
// filter[record_type]=call-control, then sip-trunking), which is where
// calls that are not TeXML calls are. Each page reads one page of one
// source; the cursor says which (see cursor). A detail record that is a
// TeXML call already listed is dropped (see dropTeXML). Each source is
// asked for a day more than w on each side and its calls are kept only
// when they started within w, so a page may hold fewer calls than it
// fetched, even none, with Next set.
func (a *adapter) ListCalls(ctx context.Context, c provider.Credentials, w provider.Window, cursor string) (provider.Page, error) {
	if err := a.Validate(c); err != nil {
		return provider.Page{}, provider.InvalidCredentials(err)
	}
	if !w.Until.IsZero() && !w.Until.After(w.Since) {
		return provider.Page{}, nil
	}
	cur, err := parseCursor(cursor, c)
	if err != nil {
		return provider.Page{}, err
	}
	if cur.src == srcTeXML {
		return a.texmlCalls(ctx, c, w, cur)
	}
	return a.recordCalls(ctx, c, w, cur)
}
