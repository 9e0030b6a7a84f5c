package backend

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"switchboard/backend/provider"
	"switchboard/db"
	"switchboard/db/gen"
)

// Audit actions of the concurrent call limit.
var (
	ActionConcurrencySave    = defineAction("concurrency.save", "Concurrency")
	ActionConcurrencyRefresh = defineAction("concurrency.refresh", "Concurrency read")
)

// Where a concurrency limit comes from.
const (
	LimitSourceProvider = "provider"
	LimitSourceManual   = "manual"
)

// Concurrency bounds.
const (
	// MaxConcurrency bounds an entered limit.
	MaxConcurrency = 100_000
	// PoolNameMax is the longest pool name, in characters.
	PoolNameMax = 60
	// peakDays is how many UTC days the peak series covers, today included.
	peakDays  = 30
	dayMillis = int64(24 * time.Hour / time.Millisecond)
	// concurrencyTimeout bounds the provider call of RefreshLimit.
	concurrencyTimeout = 20 * time.Second
)

// ConcurrencyInput is what the Concurrent Call Limit form saves.
type ConcurrencyInput struct {
	// Limit is the entered limit; nil = unknown. It is ignored, and the
	// provider's kept, when the limit was read from the provider.
	Limit *int `json:"limit" ts_type:"number | null"`
	// Outbound is the share for outbound calls; nil = the field was left
	// empty, which Save refuses (0 is a choice to be typed).
	Outbound *int `json:"outbound" ts_type:"number | null"`
	// PoolName groups sub-accounts by hand (trimmed, at most 60 characters);
	// "" groups them automatically by provider account.
	PoolName string `json:"poolName"`
}

// PoolMember is a sub-account of a pool and its outbound allocation.
type PoolMember struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Outbound int    `json:"outbound"`
}

// PoolView is the pool a sub-account shares: the sub-accounts with the same
// pool name or, without one, on the same provider account; the sub-account
// itself included, in name order. PoolLimit is the smallest known limit
// among the members (nil when none is known); Allocated sums their outbound
// allocations; Available is what is left (0 when the limit is unknown);
// OverBy says by how much the pool is over-allocated (a limit read lower
// than before), 0 normally.
type PoolView struct {
	Members   []PoolMember `json:"members"`
	PoolLimit *int         `json:"poolLimit" ts_type:"number | null"`
	Allocated int          `json:"allocated"`
	Available int          `json:"available"`
	OverBy    int          `json:"overBy"`
}

// PeakPoint is the most calls in progress at once during one UTC day.
type PeakPoint struct {
	Day  string `json:"day"` // YYYY-MM-DD, UTC
	Peak int    `json:"peak"`
}

// ConcurrencyView is a sub-account's Concurrent Call Limit section.
// Limit is nil when unknown. InboundReserved is Limit − Outbound (0 when
// the limit is unknown). ProviderInboundReserved is what the provider
// itself reserves for inbound calls; it is read only by RefreshLimit and 0
// in other views. Peaks come from the synced calls: Peak7d over the last 7
// UTC days, Peak30d and PeakSeries over the last 30, today included.
// Notice, when set, tells what RefreshLimit had to change. Reserve says
// what is left for inbound calls (see ReservePreview); PeakEmpty says why
// the peaks are all 0 ("" when a call is in the window).
type ConcurrencyView struct {
	SubAccountID            int64    `json:"subAccountId"`
	Provider                string   `json:"provider"`
	ProviderName            string   `json:"providerName"`
	Limit                   *int     `json:"limit" ts_type:"number | null"`
	LimitSource             string   "json:\"limitSource\" ts_type:\"`${LimitSource}`\""
	LimitFromAPI            bool     `json:"limitFromApi"`
	Outbound                int      `json:"outbound"`
	InboundReserved         int      `json:"inboundReserved"`
	Reserve                 string   `json:"reserve"`
	ProviderInboundReserved int      `json:"providerInboundReserved"`
	PoolName                string   `json:"poolName"`
	Pool                    PoolView `json:"pool"`
	// SharesAccountWith names the other sub-accounts connected to the same
	// provider account (its calls are routed among them), in id order.
	SharesAccountWith []PoolSharer `json:"sharesAccountWith"`
	Peak7d            int          `json:"peak7d"`
	Peak30d           int          `json:"peak30d"`
	PeakSeries        []PeakPoint  `json:"peakSeries"`
	PeakEmpty         string       `json:"peakEmpty"`
	UpdatedAt         string       `json:"updatedAt"`
	Notice            string       `json:"notice,omitempty"`
}

// ConcurrencyService serves the Concurrent Call Limit settings: the
// provider's limit (read from its API where it exposes one, else entered),
// the share for outbound calls, the rest reserved for inbound, and the pool
// rule: sub-accounts that share a provider account (or a pool name) are
// never allocated more outbound calls together than the pool allows.
type ConcurrencyService struct {
	ctx       context.Context
	store     *db.Store
	adapters  Adapters
	connector Connector
	audit     auditor
	now       func() time.Time
}

// NewConcurrencyService returns the service. ctx bounds every query and
// provider call; adapters says which providers report their limit (no
// keychain access); connector reaches the provider for RefreshLimit; audit
// records every change in its transaction; now is the clock of the peaks.
func NewConcurrencyService(ctx context.Context, store *db.Store, adapters Adapters, connector Connector, audit auditor, now func() time.Time) *ConcurrencyService {
	return &ConcurrencyService{ctx: ctx, store: store, adapters: adapters, connector: connector, audit: audit, now: now}
}

// Get returns the sub-account's concurrency settings, its pool and its peak
// concurrent calls. A sub-account without a provider gets an empty view
// (Provider ""). Errors: not_found.
func (s *ConcurrencyService) Get(subAccountID int64) (ConcurrencyView, error) {
	return s.view(s.store.Queries, subAccountID)
}

// poolNameRule is the rule of pool names: empty means no pool.
var poolNameRule = textRule{Field: "poolName", Label: "Pool name", Max: PoolNameMax}

// Save stores the outbound share, the entered limit (unless the provider's
// is in use) and the pool name, with an audit row in the same transaction.
// Rules, each an invalid error on the named field: limit 0 to 100,000;
// outbound 0 or more, at most the limit, and 0 while the limit is unknown;
// poolName the free-text rules (see cleanText), at most 60 characters;
// and the pool's members
// together hold at most the pool's limit in outbound calls ("outbound",
// naming who holds the rest). A save that does not change anything is not
// audited. Errors: not_found; invalid (no provider connected; field errors).
func (s *ConcurrencyService) Save(subAccountID int64, in ConcurrencyInput) (ConcurrencyView, error) {
	poolName, poolErr := cleanText(poolNameRule, in.PoolName)
	v := Validation{}
	if in.Limit != nil && *in.Limit < 0 {
		v.Add("limit", "Limit must be 0 or more.")
	} else if in.Limit != nil && *in.Limit > MaxConcurrency {
		v.Add("limit", fmt.Sprintf("Limit must be %s or less.", thousands(MaxConcurrency)))
	}
	switch {
	case in.Outbound == nil:
		v.Add("outbound", outboundEmpty)
	case *in.Outbound < 0:
		v.Add("outbound", "Outbound calls must be 0 or more.")
	}
	if poolErr != nil {
		v.Add(poolNameRule.Field, poolErr.Message)
	}
	if err := v.Err(); err != nil {
		return ConcurrencyView{}, err
	}
	var view ConcurrencyView
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		sub, conn, cur, err := s.load(tx.Queries, subAccountID)
		if err != nil {
			return err
		}
		next := gen.ConcurrencySetting{SubAccountID: subAccountID, LimitTotal: toInt64(in.Limit),
			LimitSource: LimitSourceManual, Outbound: int64(*in.Outbound), PoolName: poolName}
		if cur.LimitSource == LimitSourceProvider && cur.LimitTotal != nil {
			next.LimitTotal, next.LimitSource = cur.LimitTotal, LimitSourceProvider
		}
		switch {
		case next.LimitTotal == nil && next.Outbound > 0:
			return FieldError("limit", "Enter the limit first: outbound calls are a share of it.")
		case next.LimitTotal != nil && next.Outbound > *next.LimitTotal:
			return FieldError("outbound", fmt.Sprintf("Outbound calls cannot exceed the limit of %d.", *next.LimitTotal))
		}
		if !sameSettings(cur, next) {
			if err := s.checkPool(tx.Queries, sub, conn, next); err != nil {
				return err
			}
			next.UpdatedAt = s.audit.now().UnixMilli()
			if _, err := tx.UpsertConcurrencySettings(s.ctx, gen.UpsertConcurrencySettingsParams(next)); err != nil {
				return Internal("save the concurrency settings", err)
			}
			if err := s.audit.record(s.ctx, tx, Entry{Action: ActionConcurrencySave, SubAccount: refOf(sub),
				Summary: concurrencySummary(next, conn.Provider)}); err != nil {
				return Internal("save the concurrency settings", err)
			}
		}
		view, err = s.view(tx.Queries, subAccountID)
		return err
	})
	if err != nil {
		return ConcurrencyView{}, asError(err, "save the concurrency settings")
	}
	return view, nil
}

// outboundEmpty is the message of an empty outbound field.
const outboundEmpty = "Outbound calls cannot be empty: enter a whole number, 0 or more (0 keeps every call for inbound)."

// ReserveView is what the form says under the outbound field for the values
// as typed: InboundReserved is the limit less the outbound share (0 when
// either is unknown or the share is over the limit); Text says it, or says
// why there is nothing to say ("" when the outbound field is empty).
type ReserveView struct {
	InboundReserved int    `json:"inboundReserved"`
	Text            string `json:"text"`
}

// ReservePreview is the split rule, for the values as typed (nothing is
// read or saved): the inbound reserve is the limit less the outbound share.
// Save and every view apply the same rule.
func ReservePreview(in ConcurrencyInput) ReserveView {
	switch {
	case in.Limit == nil:
		return ReserveView{Text: "No limit set: enter the limit to reserve the rest of it for incoming calls."}
	case in.Outbound == nil || *in.Outbound < 0 || *in.Limit < 0:
		return ReserveView{}
	case *in.Outbound > *in.Limit:
		return ReserveView{Text: fmt.Sprintf("Outbound calls cannot exceed the limit of %d.", *in.Limit)}
	}
	n := *in.Limit - *in.Outbound
	return ReserveView{InboundReserved: n, Text: thousands(n) + " reserved for incoming calls"}
}

// Preview applies the split rule to the form's values as typed: see
// ReservePreview. It reads and changes nothing.
func (s *ConcurrencyService) Preview(in ConcurrencyInput) ReserveView {
	return ReservePreview(in)
}

// RefreshLimit reads the concurrency limit from the sub-account's provider
// and stores it (limit source "provider", audited when it changed). When
// the outbound share is above the new limit it is lowered to the limit and
// Notice says so. The view carries the provider's own inbound reservation.
// Errors: not_found; invalid (no provider; the provider's API does not
// report a limit: enter it); keychain; unavailable (the provider failed,
// with its reason).
func (s *ConcurrencyService) RefreshLimit(subAccountID int64) (ConcurrencyView, error) {
	_, conn, _, err := s.load(s.store.Queries, subAccountID) // a first look; the transaction decides
	if err != nil {
		return ConcurrencyView{}, err
	}
	notReported := Errorf(CodeInvalid, "This provider's API does not report a concurrency limit; enter it.")
	if a, ok := s.adapters[conn.Provider]; ok && !a.Info().ConcurrencyFromAPI {
		return ConcurrencyView{}, notReported
	}
	adapter, creds, err := s.connector.Connect(s.ctx, subAccountID)
	if err != nil {
		return ConcurrencyView{}, asError(err, "reach the provider")
	}
	ctx, cancel := context.WithTimeout(s.ctx, concurrencyTimeout)
	got, err := adapter.Concurrency(ctx, creds)
	cancel()
	name := adapter.Info().Name
	switch {
	case errors.Is(err, provider.ErrNotSupported):
		return ConcurrencyView{}, notReported
	case err != nil:
		return ConcurrencyView{}, concurrencyUnavailable(name, err)
	case got.Limit < 0 || got.Limit > MaxConcurrency || got.InboundReserved < 0:
		return ConcurrencyView{}, concurrencyUnavailable(name, provider.Malformed("limit %d, inbound reserved %d", got.Limit, got.InboundReserved))
	}
	var notice string
	var view ConcurrencyView
	err = s.store.InTx(s.ctx, func(tx *db.Tx) error {
		sub, _, cur, err := s.load(tx.Queries, subAccountID)
		if err != nil {
			return err
		}
		limit := int64(got.Limit)
		next := cur
		next.LimitTotal, next.LimitSource = &limit, LimitSourceProvider
		if next.Outbound > limit {
			notice = fmt.Sprintf("Outbound calls were lowered from %d to %d to fit %s's limit.", next.Outbound, limit, name)
			next.Outbound = limit
		}
		if !sameSettings(cur, next) {
			next.UpdatedAt = s.audit.now().UnixMilli()
			if _, err := tx.UpsertConcurrencySettings(s.ctx, gen.UpsertConcurrencySettingsParams(next)); err != nil {
				return Internal("save the concurrency limit", err)
			}
			summary := fmt.Sprintf("Read the concurrency limit from %s: %d", name, limit)
			if notice != "" {
				summary += fmt.Sprintf("; outbound lowered to %d", limit)
			}
			if err := s.audit.record(s.ctx, tx, Entry{Action: ActionConcurrencyRefresh, SubAccount: refOf(sub), Summary: summary}); err != nil {
				return Internal("save the concurrency limit", err)
			}
		}
		view, err = s.view(tx.Queries, subAccountID)
		return err
	})
	if err != nil {
		return ConcurrencyView{}, asError(err, "save the concurrency limit")
	}
	view.ProviderInboundReserved, view.Notice = got.InboundReserved, notice
	return view, nil
}

// load reads the sub-account, its provider connection (invalid when there
// is none) and its settings (defaults when none are saved).
func (s *ConcurrencyService) load(q db.Queries, id int64) (gen.SubAccount, gen.ProviderConnection, gen.ConcurrencySetting, error) {
	sub, err := getSubAccount(s.ctx, q, id)
	if err != nil {
		return sub, gen.ProviderConnection{}, gen.ConcurrencySetting{}, err
	}
	conn, err := findConnection(s.ctx, q, id)
	if err != nil {
		return sub, gen.ProviderConnection{}, gen.ConcurrencySetting{}, err
	}
	if conn == nil {
		return sub, gen.ProviderConnection{}, gen.ConcurrencySetting{}, errNoProvider()
	}
	cur, err := settingsOf(s.ctx, q, id)
	return sub, *conn, cur, err
}

func settingsOf(ctx context.Context, q db.Queries, id int64) (gen.ConcurrencySetting, error) {
	cur, err := q.GetConcurrencySettings(ctx, id)
	if errors.Is(err, db.ErrNoRows) {
		return gen.ConcurrencySetting{SubAccountID: id, LimitSource: LimitSourceManual}, nil
	}
	if err != nil {
		return cur, Internal("load the concurrency settings", err)
	}
	return cur, nil
}

func sameSettings(a, b gen.ConcurrencySetting) bool {
	return a.LimitSource == b.LimitSource && a.Outbound == b.Outbound && a.PoolName == b.PoolName &&
		(a.LimitTotal == nil) == (b.LimitTotal == nil) && (a.LimitTotal == nil || *a.LimitTotal == *b.LimitTotal)
}

// view builds the ConcurrencyView from the stored settings.
func (s *ConcurrencyService) view(q db.Queries, id int64) (ConcurrencyView, error) {
	sub, err := getSubAccount(s.ctx, q, id)
	if err != nil {
		return ConcurrencyView{}, err
	}
	cur, err := settingsOf(s.ctx, q, id)
	if err != nil {
		return ConcurrencyView{}, err
	}
	v := ConcurrencyView{
		SubAccountID: id, Limit: toInt(cur.LimitTotal), LimitSource: cur.LimitSource, Outbound: int(cur.Outbound),
		PoolName: cur.PoolName, Pool: PoolView{Members: []PoolMember{}}, SharesAccountWith: []PoolSharer{},
	}
	if cur.UpdatedAt != 0 {
		v.UpdatedAt = formatMillis(&cur.UpdatedAt)
	}
	reserve := ReservePreview(ConcurrencyInput{Limit: v.Limit, Outbound: &v.Outbound})
	v.InboundReserved, v.Reserve = reserve.InboundReserved, reserve.Text
	conn, err := findConnection(s.ctx, q, id)
	switch {
	case err != nil:
		return ConcurrencyView{}, err
	case conn != nil:
		v.Provider, v.ProviderName = conn.Provider, providerName(conn.Provider)
		if a, ok := s.adapters[conn.Provider]; ok {
			v.LimitFromAPI = a.Info().ConcurrencyFromAPI
		}
		members, err := s.poolMembers(q, *conn, cur.PoolName)
		if err != nil {
			return ConcurrencyView{}, err
		}
		members = withMember(members, poolMember{id: id, name: sub.Name, outbound: cur.Outbound, limit: cur.LimitTotal})
		v.Pool = poolView(members)
		if conn.AccountKey != "" {
			sharers, err := q.ListPoolConnections(s.ctx, gen.ListPoolConnectionsParams{Provider: conn.Provider, AccountKey: conn.AccountKey})
			if err != nil {
				return ConcurrencyView{}, Internal("load the pool", err)
			}
			for _, m := range sharers {
				if m.SubAccountID != id {
					v.SharesAccountWith = append(v.SharesAccountWith, PoolSharer{ID: m.SubAccountID, Name: m.Name})
				}
			}
		}
	}
	if v.PeakSeries, v.Peak7d, v.Peak30d, err = s.peaks(q, id); err != nil {
		return ConcurrencyView{}, err
	}
	if v.PeakEmpty, err = s.peakEmpty(q, id, v.Peak30d); err != nil {
		return ConcurrencyView{}, err
	}
	return v, nil
}

// concurrencyUnavailable explains a failed limit read with the provider's
// reason, never the raw error.
func concurrencyUnavailable(name string, err error) *Error {
	var msg string
	switch provider.KindOf(err) {
	case provider.KindUnauthorized:
		msg = fmt.Sprintf("%s refused the saved credentials: %s", name, providerReason(err, "save them again."))
	case provider.KindRateLimited:
		msg = fmt.Sprintf("%s is rate-limiting requests; try again in a minute.", name)
	case provider.KindUnreachable:
		msg = fmt.Sprintf("Could not reach %s; check the internet connection and try again.", name)
	case provider.KindMalformed:
		msg = fmt.Sprintf("%s answered with a concurrency limit Switchboard cannot read; enter the limit instead.", name)
	default:
		msg = fmt.Sprintf("Could not read the concurrency limit from %s: %s", name, providerReason(err, "it answered with an error; try again later."))
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return &Error{Code: CodeUnavailable, Message: msg, cause: err}
}

func concurrencySummary(c gen.ConcurrencySetting, providerID string) string {
	var b strings.Builder
	if c.LimitTotal == nil {
		b.WriteString("Concurrent calls: limit unknown")
	} else {
		source := "entered"
		if c.LimitSource == LimitSourceProvider {
			source = "from " + providerName(providerID)
		}
		fmt.Fprintf(&b, "Concurrent calls: limit %d (%s), %d outbound, %d reserved for inbound",
			*c.LimitTotal, source, c.Outbound, *c.LimitTotal-c.Outbound)
	}
	if c.PoolName != "" {
		fmt.Fprintf(&b, "; pool “%s”", c.PoolName)
	}
	return b.String()
}

// asError returns err's *Error, or an internal error for anything else.
func asError(err error, action string) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Internal(action, err)
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// joinAnd joins "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func toInt64(p *int) *int64 {
	if p == nil {
		return nil
	}
	v := int64(*p)
	return &v
}

func toInt(p *int64) *int {
	if p == nil {
		return nil
	}
	v := int(*p)
	return &v
}
