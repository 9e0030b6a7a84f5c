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
// used beyond every balance since the start.
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
	UsedThisCycle int64  `json:"usedThisCycle"`
	Overage       int64  `json:"overage"`
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
	ctx   context.Context
	store *db.Store
	audit auditor
}

// NewLicenseService returns the service; audit records every addition and
// gives the clock.
func NewLicenseService(ctx context.Context, store *db.Store, audit auditor) *LicenseService {
	return &LicenseService{ctx: ctx, store: store, audit: audit}
}

// licenseState is what a license's figures are computed from.
type licenseState struct {
	terms  *gen.LicenseTerm // nil: not licensed
	zone   string
	loc    *time.Location
	grants []gen.LicenseGrant
}

// load reads a sub-account's license terms and grants, and the zone.
func (s *LicenseService) load(q db.Queries, subID int64) (licenseState, error) {
	st := licenseState{zone: "UTC"}
	terms, err := q.GetLicenseTerms(s.ctx, subID)
	switch {
	case err == nil:
		st.terms, st.zone = &terms, terms.TimeZone
	case errors.Is(err, db.ErrNoRows):
		if z, err := q.FirstAdminTimeZone(s.ctx, subID); err == nil {
			st.zone = z
		} else if !errors.Is(err, db.ErrNoRows) {
			return st, Internal("load the license", err)
		}
	default:
		return st, Internal("load the license", err)
	}
	st.loc = zoneLocation(st.zone)
	if st.grants, err = q.ListLicenseGrants(s.ctx, subID); err != nil {
		return st, Internal("load the license", err)
	}
	return st, nil
}

// Get returns the License tab's figures now. Errors: not_found.
func (s *LicenseService) Get(subAccountID int64) (LicenseView, error) {
	if _, err := getSubAccount(s.ctx, s.store.Queries, subAccountID); err != nil {
		return LicenseView{}, err
	}
	return s.view(s.store.Queries, subAccountID)
}

// view computes the figures from what q holds now.
func (s *LicenseService) view(q db.Queries, subID int64) (LicenseView, error) {
	st, err := s.load(q, subID)
	if err != nil {
		return LicenseView{}, err
	}
	out := LicenseView{SubAccountID: subID, TimeZone: st.zone}
	if st.terms == nil {
		return out, nil
	}
	calls, err := q.ListLicenseCalls(s.ctx, gen.ListLicenseCallsParams{SubAccountID: subID, Since: st.terms.StartedAt})
	if err != nil {
		return LicenseView{}, Internal("load the calls", err)
	}
	// The calls table keeps no time a sync first stored a call, so a call
	// counts as known from its start (SeenAt = StartedAt): a call synced
	// late is charged to the cycle it started in as if it had been on time.
	// Calls are keyed by provider and call id, as the table is.
	in := make([]license.Call, len(calls))
	for i, c := range calls {
		started := time.UnixMilli(c.StartedAt)
		in[i] = license.Call{ID: c.Provider + ":" + c.ProviderCallID, StartedAt: started, DurationSec: c.DurationS, SeenAt: started}
	}
	now := s.audit.now()
	r := license.Replay(st.licenseTerms(), st.licenseGrants(), in, now).Now
	out.Licensed = len(st.grants) > 0
	out.StartedAt = formatMillis(&st.terms.StartedAt)
	out.ValidUntil = formatTime(r.ValidUntil)
	out.Expired, out.ExpiringSoon = r.Expired, r.ExpiringSoon
	out.FreePerCycle, out.FreeLeft, out.AddOnLeft = r.FreePerCycle, r.FreeLeft, r.AddOnLeft
	out.UsedThisCycle, out.Overage = r.UsedThisCycle, r.OverageTotal
	out.CycleFrom, out.CycleUntil = formatTime(r.CycleFrom), formatTime(r.CycleUntil)
	if r.Forecast != nil {
		out.Forecast = formatTime(*r.Forecast)
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
	v := Validation{}
	remarks, rerr := cleanText(licenseRemarksRule, in.Remarks)
	if rerr != nil {
		v.Add("remarks", rerr.Message)
	}
	for field, n := range map[string]int64{"freeMinutes": in.FreeMinutes, "addOnMinutes": in.AddOnMinutes} {
		if n > maxGrantMinutes {
			v.Add(field, fmt.Sprintf("At most %d minutes can be added at once.", maxGrantMinutes))
		}
	}
	var out LicenseView
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		sub, err := getSubAccount(s.ctx, tx.Queries, subAccountID)
		if err != nil {
			return err
		}
		st, err := s.load(tx.Queries, sub.ID)
		if err != nil {
			return err
		}
		now := s.audit.now().Truncate(time.Millisecond)
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
			AddonMinutes: in.AddOnMinutes, Remarks: remarks, Actor: s.audit.identity.Current().Label()}
		if until != nil {
			ms := until.UnixMilli()
			p.ValidUntil = &ms
		}
		row, err := tx.CreateLicenseGrant(s.ctx, p)
		if err != nil {
			return Internal("add to the license", err)
		}
		if err := s.audit.record(s.ctx, tx, Entry{Action: ActionLicenseAdd, SubAccount: refOf(sub),
			Subject: Subject{Kind: "license_grant", ID: strconv.FormatInt(row.ID, 10), Name: "License"},
			Summary: grantSummary(g, st.loc, st.zone)}); err != nil {
			return Internal("add to the license", err)
		}
		out, err = s.view(tx.Queries, sub.ID)
		return err
	})
	return out, err
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
