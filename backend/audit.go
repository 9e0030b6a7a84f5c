package backend

import (
	"context"
	"strings"
	"time"

	"switchboard/db"
	"switchboard/db/gen"
)

// Audit actions. Later areas add their own.
const (
	ActionSubAccountCreate  = "sub_account.create"
	ActionSubAccountEnable  = "sub_account.enable"
	ActionSubAccountDisable = "sub_account.disable"
	ActionSubAccountDelete  = "sub_account.delete"
)

// actionLabels are the audit actions as people read them.
var actionLabels = map[string]string{
	ActionSubAccountCreate:   "Created",
	ActionSubAccountEnable:   "Enabled",
	ActionSubAccountDisable:  "Disabled",
	ActionSubAccountDelete:   "Deleted",
	ActionProviderSave:       "Saved credentials",
	ActionProviderDisconnect: "Removed provider",
	ActionConcurrencySave:    "Concurrency",
	ActionConcurrencyRefresh: "Concurrency read",
}

// AuditEntry is one row of the append-only audit log. Action is the stable
// code; ActionLabel says it in words.
type AuditEntry struct {
	ID             int64  `json:"id"`
	At             string `json:"at"`
	Actor          string `json:"actor"`
	Action         string `json:"action"`
	ActionLabel    string `json:"actionLabel"`
	SubAccountID   int64  `json:"subAccountId"`
	SubAccountName string `json:"subAccountName"`
	Summary        string `json:"summary"`
}

// AuditQuery selects a page of the audit log; SubAccountID 0 means all.
type AuditQuery struct {
	SubAccountID int64  `json:"subAccountId"`
	Search       string `json:"search"`
	Offset       int    `json:"offset"`
	Limit        int    `json:"limit"`
}

// AuditPage is one page of the audit log, newest first.
type AuditPage struct {
	Items []AuditEntry `json:"items"`
	Total int64        `json:"total"`
}

// auditor writes audit rows inside the caller's transaction, so a change and
// its record commit or fail together.
type auditor struct {
	actor string
	now   func() time.Time
}

func (a auditor) record(ctx context.Context, q *gen.Queries, action string, sub gen.SubAccount, summary string) error {
	return q.CreateAuditEntry(ctx, gen.CreateAuditEntryParams{
		At:             a.now().UnixMilli(),
		Actor:          a.actor,
		Action:         action,
		SubAccountID:   &sub.ID,
		SubAccountName: sub.Name,
		Summary:        summary,
	})
}

// AuditService reads the audit log. Nothing can change or remove its rows.
type AuditService struct {
	store *db.Store
	ctx   context.Context
}

// NewAuditService returns the audit log reader.
func NewAuditService(ctx context.Context, store *db.Store) *AuditService {
	return &AuditService{store: store, ctx: ctx}
}

// List returns a page of the audit log, newest first, optionally for one
// sub-account and filtered by a case-insensitive search over the actor,
// action, sub-account name and summary.
func (s *AuditService) List(q AuditQuery) (AuditPage, error) {
	limit, offset, err := pageBounds(q.Limit, q.Offset)
	if err != nil {
		return AuditPage{}, err
	}
	var subID *int64
	if q.SubAccountID != 0 {
		subID = &q.SubAccountID
	}
	var search *string
	if t := strings.ToLower(strings.TrimSpace(q.Search)); t != "" {
		search = &t
	}
	rows, err := s.store.ListAuditEntries(s.ctx, gen.ListAuditEntriesParams{
		SubAccountID: subID, Search: search, PageLimit: int64(limit), PageOffset: int64(offset),
	})
	if err != nil {
		return AuditPage{}, Internal("read the audit log", err)
	}
	total, err := s.store.CountAuditEntries(s.ctx, gen.CountAuditEntriesParams{SubAccountID: subID, Search: search})
	if err != nil {
		return AuditPage{}, Internal("read the audit log", err)
	}
	page := AuditPage{Items: make([]AuditEntry, len(rows)), Total: total}
	for i, r := range rows {
		page.Items[i] = AuditEntry{
			ID: r.ID, At: formatMillis(&r.At), Actor: r.Actor, Action: r.Action, ActionLabel: actionLabel(r.Action),
			SubAccountName: r.SubAccountName, Summary: r.Summary,
		}
		if r.SubAccountID != nil {
			page.Items[i].SubAccountID = *r.SubAccountID
		}
	}
	return page, nil
}

// Page size limits shared by every list.
const (
	DefaultPageSize = 100
	MaxPageSize     = 500
)

func pageBounds(limit, offset int) (int, int, error) {
	v := Validation{}
	if limit == 0 {
		limit = DefaultPageSize
	}
	if limit < 1 || limit > MaxPageSize {
		v.Add("limit", "Page size must be between 1 and 500.")
	}
	if offset < 0 {
		v.Add("offset", "Page offset cannot be negative.")
	}
	return limit, offset, v.Err()
}

func actionLabel(action string) string {
	if l, ok := actionLabels[action]; ok {
		return l
	}
	return action
}
