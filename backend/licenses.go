package backend

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"switchboard/backend/license"
	"switchboard/db"
	"switchboard/db/gen"
)

// ActionLicenseAdd is the audit action of "Add to license".
var ActionLicenseAdd = defineAction("license.add", "Added to license")

// LicenseView is the License tab: the figures license.Replay derives from the
// grants and the sub-account's calls now. Times are RFC 3339 UTC, "" when
// there is none (an unlicensed sub-account; Forecast: no usage in the last
// 30 days, or the minutes last beyond ten years). TimeZone is the zone the
// cycles count in: the license's, or for an unlicensed sub-account the one a
// license would take (its first Admin's, else UTC). Overage is the minutes
// used beyond every balance since the start. FreeExpiresAt is the last
// instant of the cycle when free minutes are left to expire then; State is
// the warning state the list shows too (see license.State). Forecast is at
// the rate of the minutes charged in the last 30 days.
type LicenseView struct {
	SubAccountID  int64  `json:"subAccountId"`
	Licensed      bool   `json:"licensed"`
	StartedAt     string `json:"startedAt"`
	ValidUntil    string `json:"validUntil"`
	TimeZone      string `json:"timeZone"`
	Expired       bool   `json:"expired"`
	ExpiringSoon  bool   `json:"expiringSoon"`
	FreePerCycle  int64  `json:"freePerCycle"`
	FreeLeft      int64  `json:"freeLeft"`
	AddOnLeft     int64  `json:"addOnLeft"`
	MinutesLeft   int64  `json:"minutesLeft"`
	UsedThisCycle int64  `json:"usedThisCycle"`
	Overage       int64  `json:"overage"`
	FreeExpiresAt string `json:"freeExpiresAt"`
	State         string "json:\"state\" ts_type:\"'' | `${LicenseState}`\""
	CycleFrom     string `json:"cycleFrom"`
	CycleUntil    string `json:"cycleUntil"`
	Forecast      string `json:"forecast"`
}

// LicenseAddition is what "Add to license" sends. ValidUntil is RFC 3339, or
// a date YYYY-MM-DD meaning through the end of that day in the license's
// zone; "" leaves the validity as it is. Minutes are added, never taken.
type LicenseAddition struct {
	ValidUntil   string `json:"validUntil"`
	FreeMinutes  int64  `json:"freeMinutes"`
	AddOnMinutes int64  `json:"addOnMinutes"`
	Remarks      string `json:"remarks"`
}

// maxGrantMinutes bounds the minutes of one addition (about 19 years of
// talk), so balances stay far inside the arithmetic's range.
const maxGrantMinutes = 10_000_000

var licenseRemarksRule = textRule{Field: "remarks", Label: "Remarks", Min: 0, Max: 500}

// LicenseService serves a sub-account's License tab. A license can only
// grow: there is no API that takes anything away, and the schema refuses it
// too (append-only grants, non-negative amounts, validity only forward).
type LicenseService struct {
	ctx     context.Context
	store   *db.Store
	audit   auditor
	books   *licenseBooks
	dialogs Dialogs
}

// NewLicenseService returns the service; audit records every addition and
// gives the clock, books keeps the ledger, dialogs asks where a statement goes.
func NewLicenseService(ctx context.Context, store *db.Store, audit auditor, books *licenseBooks, dialogs Dialogs) *LicenseService {
	return &LicenseService{ctx: ctx, store: store, audit: audit, books: books, dialogs: dialogs}
}

// licenseState is what a license's replay starts from.
type licenseState struct {
	terms  *gen.LicenseTerm // nil: not licensed
	zone   string
	loc    *time.Location
	grants []gen.LicenseGrant
}

// loadLicenseState reads a sub-account's license terms and grants, and the
// zone: the license's, or the one a new license would take.
func loadLicenseState(ctx context.Context, q db.Queries, subID int64) (licenseState, error) {
	st := licenseState{zone: "UTC"}
	terms, err := q.GetLicenseTerms(ctx, subID)
	switch {
	case err == nil:
		st.terms, st.zone = &terms, terms.TimeZone
	case errors.Is(err, db.ErrNoRows):
		if z, err := q.FirstAdminTimeZone(ctx, subID); err == nil {
			st.zone = z
		} else if !errors.Is(err, db.ErrNoRows) {
			return st, Internal("load the license", err)
		}
	default:
		return st, Internal("load the license", err)
	}
	st.loc = zoneLocation(st.zone)
	if st.grants, err = q.ListLicenseGrants(ctx, subID); err != nil {
		return st, Internal("load the license", err)
	}
	return st, nil
}

// Get returns the License tab's figures now. Errors: not_found.
func (s *LicenseService) Get(subAccountID int64) (LicenseView, error) {
	if _, err := getSubAccount(s.ctx, s.store.Queries, subAccountID); err != nil {
		return LicenseView{}, err
	}
	if err := s.books.rollIfDue(s.ctx, s.store); err != nil {
		return LicenseView{}, err
	}
	return s.view(s.store.Queries, subAccountID)
}

// view reads the figures from the license's book as q holds it.
func (s *LicenseService) view(q db.Queries, subID int64) (LicenseView, error) {
	bk, err := loadBook(s.ctx, q, subID)
	if errors.Is(err, db.ErrNoRows) {
		st, err := loadLicenseState(s.ctx, q, subID)
		return LicenseView{SubAccountID: subID, TimeZone: st.zone}, err
	}
	if err != nil {
		return LicenseView{}, Internal("load the license", err)
	}
	now := s.audit.now()
	b := bk.b
	b.Advance(now) // a read between a cycle's end and the roll-over
	c := b.Cycles[b.Open]
	validUntil := time.UnixMilli(bk.validUntil)
	out := LicenseView{SubAccountID: subID, Licensed: true, TimeZone: bk.loc.String(),
		StartedAt: formatTime(b.Start), ValidUntil: formatTime(validUntil),
		FreePerCycle: b.Allowance, FreeLeft: b.Bal.Free, AddOnLeft: b.Bal.AddOn, MinutesLeft: b.Bal.Left(),
		UsedThisCycle: c.Usage.Minutes, Overage: b.Overage, CycleFrom: formatTime(c.From), CycleUntil: formatTime(c.Until),
		State: license.State(b.Bal.Left(), c.Capacity(), validUntil, now)}
	out.Expired, out.ExpiringSoon = license.Validity(validUntil, now)
	if b.Bal.Free > 0 {
		out.FreeExpiresAt = formatTime(c.Until.Add(-time.Millisecond))
	}
	used, err := q.ChargedSince(s.ctx, gen.ChargedSinceParams{SubAccountID: subID, At: license.WindowStart(b.Start, now).UnixMilli()})
	if err != nil {
		return LicenseView{}, Internal("load the license", err)
	}
	if f := license.Forecast(b.Start, now, used, b.Bal, b.Allowance); f != nil {
		out.Forecast = formatTime(*f)
	}
	return out, nil
}

func (st licenseState) licenseTerms() license.Terms {
	return license.Terms{Start: time.UnixMilli(st.terms.StartedAt).In(st.loc), ValidUntil: time.UnixMilli(st.terms.ValidUntil)}
}

func (st licenseState) licenseGrants() []license.Grant {
	out := make([]license.Grant, len(st.grants))
	for i, g := range st.grants {
		out[i] = license.Grant{At: time.UnixMilli(g.At), FreePerCycle: g.FreeMinutes, AddOn: g.AddonMinutes, Remarks: g.Remarks}
		if g.ValidUntil != nil {
			v := time.UnixMilli(*g.ValidUntil)
			out[i].ValidUntil = &v
		}
	}
	return out
}

// formatTime is t as RFC 3339 UTC, "" for the zero time.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// AddToLicense adds to a sub-account's license and returns the new figures.
// The first addition creates the license (it starts then, in its first
// Admin's zone or UTC) and must give a validity. Errors: not_found; invalid
// with field errors on validUntil (not a date, not later than the current
// validity), freeMinutes, addOnMinutes (negative or too many), remarks, and
// "grant" when nothing is added.
func (s *LicenseService) AddToLicense(subAccountID int64, in LicenseAddition) (LicenseView, error) {
	var out LicenseView
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		sub, err := getSubAccount(s.ctx, tx.Queries, subAccountID)
		if err != nil {
			return err
		}
		if err := s.add(tx, sub, in, ""); err != nil {
			return err
		}
		out, err = s.view(tx.Queries, sub.ID)
		return err
	})
	return out, err
}

// add is AddToLicense of sub inside the caller's transaction; note, when
// set, ends the audit summary (an import's file and row).
func (s *LicenseService) add(tx *db.Tx, sub gen.SubAccount, in LicenseAddition, note string) error {
	st, err := loadLicenseState(s.ctx, tx.Queries, sub.ID)
	if err != nil {
		return err
	}
	now := s.audit.now().Truncate(time.Millisecond)
	v := Validation{}
	g := checkAddition(v, in, st, now)
	if err := v.Err(); err != nil {
		return err
	}
	if st.terms == nil {
		t, err := tx.CreateLicenseTerms(s.ctx, gen.CreateLicenseTermsParams{SubAccountID: sub.ID, StartedAt: now.UnixMilli(),
			TimeZone: st.zone, ValidUntil: now.UnixMilli()})
		if err != nil {
			return Internal("add to the license", err)
		}
		st.terms = &t
	}
	p := gen.CreateLicenseGrantParams{SubAccountID: sub.ID, At: now.UnixMilli(), FreeMinutes: in.FreeMinutes,
		AddonMinutes: in.AddOnMinutes, Remarks: g.Remarks, Actor: s.audit.identity.Current().Label()}
	if g.ValidUntil != nil {
		ms := g.ValidUntil.UnixMilli()
		p.ValidUntil = &ms
	}
	row, err := tx.CreateLicenseGrant(s.ctx, p)
	if err != nil {
		return Internal("add to the license", err)
	}
	if err := s.book(tx, sub.ID, now, g); err != nil {
		return Internal("add to the license", err)
	}
	summary := grantSummary(g, st.loc, st.zone)
	if note != "" {
		summary += " (" + note + ")"
	}
	if err := s.audit.record(s.ctx, tx, Entry{Action: ActionLicenseAdd, SubAccount: refOf(sub),
		Subject: Subject{Kind: "license_grant", ID: strconv.FormatInt(row.ID, 10), Name: "License"},
		Summary: summary}); err != nil {
		return Internal("add to the license", err)
	}
	return nil
}

// checkAddition checks an addition against the license as st holds it at
// now, adding every broken rule to v (the fields of AddToLicense), and
// returns the grant it makes, its remarks cleaned.
func checkAddition(v Validation, in LicenseAddition, st licenseState, now time.Time) license.Grant {
	remarks, rerr := cleanText(licenseRemarksRule, in.Remarks)
	if rerr != nil {
		v.Add("remarks", rerr.Message)
	}
	for field, n := range map[string]int64{"freeMinutes": in.FreeMinutes, "addOnMinutes": in.AddOnMinutes} {
		if n > maxGrantMinutes {
			v.Add(field, fmt.Sprintf("At most %d minutes can be added at once.", maxGrantMinutes))
		}
	}
	until, perr := parseValidity(in.ValidUntil, st.loc)
	if perr != nil {
		v.Add("validUntil", perr.Message)
	}
	g := license.Grant{At: now, ValidUntil: until, FreePerCycle: in.FreeMinutes, AddOn: in.AddOnMinutes, Remarks: remarks}
	current := license.Terms{Start: now.In(st.loc), ValidUntil: now}
	if st.terms != nil {
		current = st.licenseTerms()
	} else if perr == nil && until == nil {
		v.Add("validUntil", "A new license needs a validity: until when is it valid?")
	} else if until != nil && !until.After(now) {
		v.Add("validUntil", "The validity must be later than now ("+now.In(st.loc).Format(license.DateLayout)+").")
	}
	var ve *license.ValidationError
	if errors.As(license.ValidateGrant(current, g), &ve) {
		for _, k := range slices.Sorted(maps.Keys(ve.Fields)) {
			if perr == nil || (k != "validUntil" && k != "grant") {
				v.Add(k, ve.Fields[k])
			}
		}
	}
	return g
}

// book enters a grant in the license's ledger: the first one opens the book.
func (s *LicenseService) book(tx *db.Tx, subID int64, now time.Time, g license.Grant) error {
	bk, err := loadBook(s.ctx, tx.Queries, subID)
	if errors.Is(err, db.ErrNoRows) {
		terms, terr := tx.GetLicenseTerms(s.ctx, subID)
		if terr != nil {
			return terr
		}
		bk, err = newBook(terms), nil
	}
	if err != nil {
		return err
	}
	if g.ValidUntil != nil && g.ValidUntil.UnixMilli() > bk.validUntil {
		bk.validUntil = g.ValidUntil.UnixMilli()
	}
	bk.b.Advance(now)
	bk.b.Grant(now, g)
	return s.books.save(s.ctx, tx, bk)
}

// parseValidity reads a validity: RFC 3339, or YYYY-MM-DD as the last
// millisecond of that day in loc. "" is none.
func parseValidity(raw string, loc *time.Location) (*time.Time, *Error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, nil
	}
	if d, err := time.ParseInLocation(time.DateOnly, raw, loc); err == nil {
		end := time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc).Add(-time.Millisecond)
		return &end, nil
	}
	if t, err := time.Parse(time.RFC3339, raw); err == nil {
		t = time.UnixMilli(t.UnixMilli())
		return &t, nil
	}
	return nil, FieldError("validUntil", "Validity must be a date such as 2026-12-31.")
}

// grantSummary says an addition in words for the audit log.
func grantSummary(g license.Grant, loc *time.Location, zone string) string {
	var parts []string
	if g.ValidUntil != nil {
		parts = append(parts, fmt.Sprintf("validity until %s (%s)", g.ValidUntil.In(loc).Format(license.DateLayout), zone))
	}
	if g.FreePerCycle > 0 {
		parts = append(parts, fmt.Sprintf("%d free minutes per cycle", g.FreePerCycle))
	}
	if g.AddOn > 0 {
		parts = append(parts, fmt.Sprintf("%d add-on minutes", g.AddOn))
	}
	s := "Added to license: " + strings.Join(parts, ", ")
	if g.Remarks != "" {
		s += "; remarks “" + g.Remarks + "”"
	}
	return s
}
