package backend

import (
	"context"

	"switchboard/backend/provider"
	"switchboard/db"
	"switchboard/db/gen"
)

// callRouter decides which sub-account each synced call of a provider
// account belongs to. A sub-account alone on its account gets every call.
// On a shared account (two or more sub-accounts connected with the same
// provider account), a call goes to the owner of its agent, else to the
// owner of the number on the agency's side of the call, else to nobody: it
// is stored as unassigned in the pool, never given to whoever synced it.
// It is read inside the transaction that stores the page it routes.
type callRouter struct {
	provider   string
	accountKey string
	members    []int64
	byAgent    map[string]int64
	byNumber   map[string]int64
}

// loadRouter reads the routing of self's provider account in q.
func loadRouter(ctx context.Context, q db.Queries, self int64, providerID string) (callRouter, error) {
	r := callRouter{provider: providerID, members: []int64{self}}
	conn, err := q.GetProviderConnection(ctx, self)
	if err != nil {
		return r, err
	}
	if conn.AccountKey == "" {
		return r, nil
	}
	r.accountKey = conn.AccountKey
	members, err := q.ListPoolConnections(ctx, gen.ListPoolConnectionsParams{Provider: providerID, AccountKey: conn.AccountKey})
	if err != nil {
		return r, err
	}
	if len(members) < 2 {
		return r, nil
	}
	r.members = r.members[:0]
	for _, m := range members {
		r.members = append(r.members, m.SubAccountID)
	}
	agents, err := q.ListAccountAgents(ctx, gen.ListAccountAgentsParams{Provider: providerID, AccountKey: conn.AccountKey})
	if err != nil {
		return r, err
	}
	r.byAgent, r.byNumber = map[string]int64{}, map[string]int64{}
	for _, a := range agents {
		if a.SubAccountID == nil {
			continue
		}
		switch {
		case a.Kind == string(provider.AgentKindAgent):
			r.byAgent[a.AgentID] = *a.SubAccountID
		case a.Number != "":
			r.byNumber[a.Number] = *a.SubAccountID
		}
	}
	return r, nil
}

// shared reports whether more than one sub-account is on the account.
func (r callRouter) shared() bool { return len(r.members) > 1 }

// owner is the sub-account c belongs to; nil for an unassigned call.
func (r callRouter) owner(c provider.Call) *int64 {
	if !r.shared() {
		return &r.members[0]
	}
	if id, ok := r.byAgent[c.AgentID]; ok && c.AgentID != "" {
		return &id
	}
	if n := c.OurNumber(); n != "" {
		if id, ok := r.byNumber[n]; ok {
			return &id
		}
	}
	return nil
}

// routed counts where a page's calls went: to the sub-account that synced,
// to the others sharing its account, or to nobody.
type routed struct {
	own, others, unassigned int
}

// rows routes calls and turns them into rows to store.
func (r callRouter) rows(self int64, calls []provider.Call) ([]db.CallRow, routed, int64) {
	var n routed
	var newest int64
	rows := make([]db.CallRow, len(calls))
	for i, c := range calls {
		owner := r.owner(c)
		switch {
		case owner == nil:
			n.unassigned++
		case *owner == self:
			n.own++
		default:
			n.others++
		}
		rows[i] = callRow(owner, r.accountKey, r.provider, c)
		newest = max(newest, rows[i].StartedAt)
	}
	return rows, n, newest
}

func callRow(owner *int64, accountKey, providerID string, c provider.Call) db.CallRow {
	r := db.CallRow{
		SubAccountID: owner, AccountKey: accountKey, Provider: providerID, ProviderCallID: c.ProviderCallID,
		ParentCallID: c.ParentCallID, AgentID: c.AgentID, Direction: string(c.Direction), Status: string(c.Status),
		StatusRaw: c.RawStatus, FromNumber: c.From, ToNumber: c.To, StartedAt: c.StartedAt.UnixMilli(),
		DurationS: max(c.DurationSec, 0), CostMicros: max(c.CostMicros, 0), Currency: c.Currency,
	}
	if r.Direction == "" {
		r.Direction = string(provider.DirectionUnknown)
	}
	if r.Status == "" {
		r.Status = string(provider.StatusUnknown)
	}
	if r.ParentCallID == r.ProviderCallID {
		r.ParentCallID = ""
	}
	if !c.EndedAt.IsZero() {
		r.EndedAt = ptr(c.EndedAt.UnixMilli())
	}
	return r
}
