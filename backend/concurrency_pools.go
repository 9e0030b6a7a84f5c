package backend

import (
	"cmp"
	"fmt"
	"slices"

	"switchboard/db"
	"switchboard/db/gen"
)

// poolMember is one sub-account's share of a pool, in int64 as stored.
type poolMember struct {
	id       int64
	name     string
	outbound int64
	limit    *int64
}

// poolTally is a pool's limit and allocation.
type poolTally struct {
	limit     *int64 // the smallest known limit of its members
	allocated int64
}

func tally(members []poolMember) poolTally {
	var t poolTally
	for _, m := range members {
		t.allocated += m.outbound
		if m.limit != nil && (t.limit == nil || *m.limit < *t.limit) {
			t.limit = m.limit
		}
	}
	return t
}

// over is how far the allocation exceeds the limit (≤ 0 when it fits).
func (t poolTally) over() int64 {
	if t.limit == nil {
		return 0
	}
	return t.allocated - *t.limit
}

// poolMembers lists the pool that settings put the sub-account in, as
// stored; the sub-account itself is included only when it is stored there.
func (s *ConcurrencyService) poolMembers(q db.Queries, conn gen.ProviderConnection, poolName string) ([]poolMember, error) {
	rows, err := q.ListPoolMembers(s.ctx, gen.ListPoolMembersParams{Provider: conn.Provider, PoolName: poolName, AccountKey: conn.AccountKey})
	if err != nil {
		return nil, Internal("load the pool", err)
	}
	out := make([]poolMember, len(rows))
	for i, r := range rows {
		out[i] = poolMember{id: r.ID, name: r.Name, outbound: r.Outbound, limit: r.LimitTotal}
	}
	return out, nil
}

// withMember returns members with m in place of the entry of the same id,
// or added in name order.
func withMember(members []poolMember, m poolMember) []poolMember {
	out := slices.Clone(members)
	if i := slices.IndexFunc(out, func(x poolMember) bool { return x.id == m.id }); i >= 0 {
		out[i] = m
		return out
	}
	out = append(out, m)
	slices.SortStableFunc(out, func(a, b poolMember) int { return cmp.Compare(nameKey(a.name), nameKey(b.name)) })
	return out
}

// checkPool refuses settings that put the pool over its limit. A pool
// already over its limit (a limit read lower than before) may still take a
// save that does not make it worse, so that its members can lower their
// shares one at a time.
func (s *ConcurrencyService) checkPool(q db.Queries, sub gen.SubAccount, conn gen.ProviderConnection, next gen.ConcurrencySetting) error {
	before, err := s.poolMembers(q, conn, next.PoolName)
	if err != nil {
		return err
	}
	after := withMember(before, poolMember{id: sub.ID, name: sub.Name, outbound: next.Outbound, limit: next.LimitTotal})
	t := tally(after)
	if was := tally(before).over(); t.over() <= 0 || was > 0 && t.over() <= was {
		return nil
	}
	var holders []string
	var held int64
	for _, m := range after {
		if m.id != sub.ID && m.outbound > 0 {
			holders = append(holders, fmt.Sprintf("%s holds %d", m.name, m.outbound))
			held += m.outbound
		}
	}
	pool := fmt.Sprintf("The shared %s account", providerName(conn.Provider))
	if next.PoolName != "" {
		pool = fmt.Sprintf("The pool “%s”", next.PoolName)
	}
	msg := fmt.Sprintf("%s allows %s", pool, plural(*t.limit, "outbound call", "outbound calls"))
	if len(holders) > 0 {
		msg += "; " + joinAnd(holders)
	}
	switch left := max(*t.limit-held, 0); left {
	case 0:
		msg += ", so none are left for this sub-account."
	case 1:
		msg += ", so at most 1 is left for this sub-account."
	default:
		msg += fmt.Sprintf(", so at most %d are left for this sub-account.", left)
	}
	return FieldError("outbound", msg)
}

func poolView(members []poolMember) PoolView {
	t := tally(members)
	p := PoolView{Members: make([]PoolMember, len(members)), PoolLimit: toInt(t.limit), Allocated: int(t.allocated)}
	for i, m := range members {
		p.Members[i] = PoolMember{ID: m.id, Name: m.name, Outbound: int(m.outbound)}
	}
	if t.limit != nil {
		p.Available = int(max(-t.over(), 0))
		p.OverBy = int(max(t.over(), 0))
	}
	return p
}
