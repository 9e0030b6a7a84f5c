package backend

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"switchboard/db"
	"switchboard/db/gen"
)

// OutsideSessions is the AuditQuery.AsUser that selects the entries made
// outside any Access Account session (those with no "as" user).
const OutsideSessions = "-"

// maxFilterText bounds the text filters: no actor, email or action code is
// longer.
const maxFilterText = 320

// auditParams validates q's filters and page and returns them as the
// database reads them, with limit as the page size. Errors: invalid, naming
// each field and the rule it broke.
func (s *AuditService) auditParams(q AuditQuery, limit int) (db.AuditPageParams, error) {
	v := Validation{}
	if q.Before < 0 || q.After < 0 {
		v.Add("before", "Page cursors cannot be negative.")
	}
	if (q.Before > 0 && q.After > 0) || (q.Oldest && (q.Before > 0 || q.After > 0)) {
		v.Add("before", "Ask for one page at a time: older, newer or the oldest.")
	}
	p := db.AuditPageParams{Search: strings.TrimSpace(q.Search), Before: q.Before, After: q.After, Oldest: q.Oldest, Limit: limit}
	if q.SubAccountID < 0 {
		v.Add("subAccountId", "A sub-account id cannot be negative.")
	} else if q.SubAccountID != 0 {
		p.SubAccountID = &q.SubAccountID
	}
	p.Actor = filterText(v, "actor", "The actor", q.Actor)
	switch asUser := filterText(v, "asUser", `The "as" user`, q.AsUser); asUser {
	case "":
	case OutsideSessions:
		p.AsUser = ptrTo("")
	default:
		p.AsUser = &asUser
	}
	if p.Action = filterText(v, "action", "The action", q.Action); p.Action != "" {
		if known, err := s.knownAction(p.Action); err != nil {
			return p, err
		} else if !known {
			v.Add("action", fmt.Sprintf("There is no action %q: choose one from the list.", p.Action))
		}
	}
	if q.AccessSessionID < 0 {
		v.Add("accessSessionId", "A session id cannot be negative.")
	} else if q.AccessSessionID > 0 {
		p.AccessSessionID = &q.AccessSessionID
		if p.AsUser != nil && *p.AsUser == "" {
			v.Add("asUser", `A session's entries all have an "as" user: choose that user or Any.`)
		}
	}
	p.From = filterInstant(v, "from", "From", q.From)
	p.To = filterInstant(v, "to", "To", q.To)
	if p.From != nil && p.To != nil && *p.To <= *p.From {
		v.Add("to", "To must be after From.")
	}
	return p, v.Err()
}

// filterText trims an exact-match filter and checks that it can be stored
// text: valid UTF-8 without NUL, at most maxFilterText characters.
func filterText(v Validation, field, name, text string) string {
	text = strings.TrimSpace(text)
	switch {
	case !utf8.ValidString(text) || strings.ContainsRune(text, 0):
		v.Add(field, name+" holds characters that no entry has.")
	case utf8.RuneCountInString(text) > maxFilterText:
		v.Add(field, fmt.Sprintf("%s is longer than %d characters: no entry has one that long.", name, maxFilterText))
	default:
		return text
	}
	return ""
}

// filterInstant parses an RFC 3339 instant ("" is open) into Unix ms.
func filterInstant(v Validation, field, name, text string) *int64 {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, text)
	if err != nil {
		v.Add(field, name+" must be a time such as 2026-03-01T00:00:00+01:00 (RFC 3339).")
		return nil
	}
	ms := t.UnixMilli()
	return &ms
}

func ptrTo[T any](v T) *T { return &v }

// knownAction reports whether code is an action this build defines or one
// the log holds (an older build's, say).
func (s *AuditService) knownAction(code string) (bool, error) {
	actionsMu.RLock()
	_, ok := actions[code]
	actionsMu.RUnlock()
	if ok {
		return true, nil
	}
	_, err := s.store.GetAuditFacetCount(s.ctx, gen.GetAuditFacetCountParams{Kind: db.AuditFacetAction, Value: code})
	if errors.Is(err, db.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, Internal("read the audit log's actions", err)
	}
	return true, nil
}

// AuditFacets are the values the audit log's filters can take: the actors
// (OS users), the customer users acted as in Access Account sessions, and
// the actions, each that occurs in the log, sorted (actions by label).
type AuditFacets struct {
	Actors  []string      `json:"actors"`
	AsUsers []string      `json:"asUsers"`
	Actions []AuditAction `json:"actions"`
}

// AuditAction is an action code with its label.
type AuditAction struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// Facets returns the values that occur in the audit log, for its filter
// controls. It reads a small table the log's insert trigger keeps, not the
// log. Errors: internal.
func (s *AuditService) Facets() (AuditFacets, error) {
	rows, err := s.store.ListAuditFacets(s.ctx)
	if err != nil {
		return AuditFacets{}, Internal("read the audit log's filters", err)
	}
	out := AuditFacets{Actors: []string{}, AsUsers: []string{}, Actions: []AuditAction{}}
	for _, r := range rows {
		switch r.Kind {
		case db.AuditFacetActor:
			out.Actors = append(out.Actors, r.Value)
		case db.AuditFacetAsUser:
			out.AsUsers = append(out.AsUsers, r.Value)
		case db.AuditFacetAction:
			out.Actions = append(out.Actions, AuditAction{Code: r.Value, Label: actionLabel(r.Value)})
		}
	}
	byText := func(a, b string) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a), strings.ToLower(b)), cmp.Compare(a, b))
	}
	slices.SortFunc(out.Actors, byText)
	slices.SortFunc(out.AsUsers, byText)
	slices.SortFunc(out.Actions, func(a, b AuditAction) int { return cmp.Or(byText(a.Label, b.Label), cmp.Compare(a.Code, b.Code)) })
	return out, nil
}
