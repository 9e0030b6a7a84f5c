package backend

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"switchboard/backend/provider"
	"switchboard/db"
	"switchboard/db/gen"
)

// ActionAgentAssign is the audit action of assigning an agent or number.
var ActionAgentAssign = defineAction("agent.assign", "Assigned agent")

// agentsTimeout bounds reading an account's agents from its provider.
const agentsTimeout = 60 * time.Second

// agentsMaxAge is how old an account's agents may be before a sync reads
// them again (reading them can take a request per agent); "Refresh agents"
// reads them at once.
const agentsMaxAge = time.Hour

// Agent is one agent (or phone number) of a sub-account's provider account
// and the sub-account it is assigned to (OwnerID 0: nobody). Prompt is the
// agent's system prompt as the provider has it; PromptDigest its SHA-256,
// hex, so a changed prompt shows.
type Agent struct {
	ID           int64  `json:"id"`
	AgentID      string `json:"agentId"`
	Kind         string "json:\"kind\" ts_type:\"`${AgentKind}`\""
	Name         string `json:"name"`
	Number       string `json:"number"`
	Prompt       string `json:"prompt"`
	PromptDigest string `json:"promptDigest"`
	OwnerID      int64  `json:"ownerId"`
	OwnerName    string `json:"ownerName"`
}

// PoolSharer is a sub-account connected to the same provider account.
type PoolSharer struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// AgentsView is what the Provider Credentials tab shows of a sub-account's
// provider account: its agents with their assignment, the sub-accounts that
// share the account (the sub-account itself included, by id), and how many
// stored calls belong to nobody. Shared is false when the sub-account is
// alone on its account: then every call is its own and assignments do not
// route anything yet. ReadAt is when the agents were last read (RFC 3339
// UTC, "" never).
type AgentsView struct {
	Connected  bool         `json:"connected"`
	Shared     bool         `json:"shared"`
	Sharers    []PoolSharer `json:"sharers"`
	Agents     []Agent      `json:"agents"`
	Unassigned int64        `json:"unassigned"`
	ReadAt     string       `json:"readAt"`
}

// AgentAssignment assigns agent row AgentRowID, seen from SubAccountID's
// account, to OwnerID (0: nobody).
type AgentAssignment struct {
	SubAccountID int64 `json:"subAccountId"`
	AgentRowID   int64 `json:"agentRowId"`
	OwnerID      int64 `json:"ownerId"`
}

// AgentService serves the agents of provider accounts and their
// assignment to sub-accounts.
type AgentService struct {
	ctx       context.Context
	store     *db.Store
	connector Connector
	audit     auditor
	now       func() time.Time
}

// NewAgentService returns the service.
func NewAgentService(ctx context.Context, store *db.Store, connector Connector, audit auditor, now func() time.Time) *AgentService {
	return &AgentService{ctx: ctx, store: store, connector: connector, audit: audit, now: now}
}

// List returns the agents of the sub-account's provider account. Errors:
// not_found.
func (s *AgentService) List(subAccountID int64) (AgentsView, error) {
	var view AgentsView
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		var err error
		view, err = agentsView(s.ctx, tx.Queries, subAccountID)
		return err
	})
	return view, err
}

// Refresh reads the account's agents from the provider now and returns the
// view. Errors: not_found; invalid (no credentials); unavailable (the
// provider failed or does not list agents).
func (s *AgentService) Refresh(subAccountID int64) (AgentsView, error) {
	if _, err := getSubAccount(s.ctx, s.store.Queries, subAccountID); err != nil {
		return AgentsView{}, err
	}
	adapter, creds, err := s.connector.Connect(s.ctx, subAccountID)
	if err != nil {
		return AgentsView{}, err
	}
	ctx, cancel := context.WithTimeout(s.ctx, agentsTimeout)
	defer cancel()
	if err := refreshAgents(ctx, s.store, adapter, creds, subAccountID, s.now()); err != nil {
		return AgentsView{}, &Error{Code: CodeUnavailable, Message: syncErrorMessage(err), cause: err}
	}
	return s.List(subAccountID)
}

// Assign gives an agent or number to a sub-account on its provider account,
// or to nobody, and moves the stored calls it routes with it. Errors:
// not_found (sub-account or agent); invalid (ownerId not on the account).
func (s *AgentService) Assign(in AgentAssignment) (AgentsView, error) {
	var view AgentsView
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		sub, err := getSubAccount(s.ctx, tx.Queries, in.SubAccountID)
		if err != nil {
			return err
		}
		view, err = agentsView(s.ctx, tx.Queries, in.SubAccountID)
		if err != nil {
			return err
		}
		var agent *Agent
		for i := range view.Agents {
			if view.Agents[i].ID == in.AgentRowID {
				agent = &view.Agents[i]
			}
		}
		if agent == nil {
			return Errorf(CodeNotFound, "That agent is not on this sub-account's provider account.")
		}
		ownerName, ok := "", in.OwnerID == 0
		for _, m := range view.Sharers {
			if m.ID == in.OwnerID {
				ownerName, ok = m.Name, true
			}
		}
		if !ok {
			return FieldError("ownerId", "Assign the agent to a sub-account connected to the same provider account, or to nobody.")
		}
		if agent.OwnerID == in.OwnerID {
			return nil
		}
		if err := assignAgent(s.ctx, tx, *agent, in.OwnerID, view.Shared); err != nil {
			return Internal("assign the agent", err)
		}
		summary := fmt.Sprintf("%s %q assigned to %s", agent.Kind, agentLabel(*agent), ownerName)
		if in.OwnerID == 0 {
			summary = fmt.Sprintf("%s %q unassigned (was %s)", agent.Kind, agentLabel(*agent), agent.OwnerName)
		}
		if err := s.audit.record(s.ctx, tx, Entry{Action: ActionAgentAssign, SubAccount: refOf(sub),
			Subject: Subject{Kind: "agent", ID: agent.AgentID, Name: agentLabel(*agent)}, Summary: summary}); err != nil {
			return err
		}
		view, err = agentsView(s.ctx, tx.Queries, in.SubAccountID)
		return err
	})
	return view, err
}

func agentLabel(a Agent) string {
	if a.Name != "" {
		return a.Name
	}
	if a.Number != "" {
		return a.Number
	}
	return a.AgentID
}

// assignAgent stores the owner and, on a shared account, moves the calls
// the agent (or number) routes to the new owner or to nobody.
func assignAgent(ctx context.Context, tx *db.Tx, a Agent, owner int64, shared bool) error {
	var to *int64
	if owner != 0 {
		to = &owner
	}
	row, err := tx.GetAgent(ctx, a.ID)
	if err != nil {
		return err
	}
	if err := tx.AssignAgent(ctx, gen.AssignAgentParams{SubAccountID: to, ID: a.ID}); err != nil {
		return err
	}
	if !shared {
		return nil // alone on the account, every call is the sub-account's anyway
	}
	if a.Kind == string(provider.AgentKindAgent) {
		return tx.RouteAgentCalls(ctx, gen.RouteAgentCallsParams{SubAccountID: to, Provider: row.Provider, AccountKey: row.AccountKey, AgentID: row.AgentID})
	}
	if row.Number == "" {
		return nil
	}
	return tx.RouteNumberCalls(ctx, gen.RouteNumberCallsParams{SubAccountID: to, Provider: row.Provider, AccountKey: row.AccountKey, Number: row.Number})
}

// agentsView reads what List returns, in q.
func agentsView(ctx context.Context, q db.Queries, subAccountID int64) (AgentsView, error) {
	view := AgentsView{Sharers: []PoolSharer{}, Agents: []Agent{}}
	if _, err := getSubAccount(ctx, q, subAccountID); err != nil {
		return view, err
	}
	conn, err := q.GetProviderConnection(ctx, subAccountID)
	if errors.Is(err, db.ErrNoRows) || err == nil && conn.AccountKey == "" {
		return view, nil
	}
	if err != nil {
		return view, Internal("load the agents", err)
	}
	view.Connected = true
	members, err := q.ListPoolConnections(ctx, gen.ListPoolConnectionsParams{Provider: conn.Provider, AccountKey: conn.AccountKey})
	if err != nil {
		return view, Internal("load the agents", err)
	}
	names := map[int64]string{}
	for _, m := range members {
		view.Sharers = append(view.Sharers, PoolSharer{ID: m.SubAccountID, Name: m.Name})
		names[m.SubAccountID] = m.Name
	}
	view.Shared = len(members) > 1
	rows, err := q.ListAccountAgents(ctx, gen.ListAccountAgentsParams{Provider: conn.Provider, AccountKey: conn.AccountKey})
	if err != nil {
		return view, Internal("load the agents", err)
	}
	var readAt int64
	for _, r := range rows {
		a := Agent{ID: r.ID, AgentID: r.AgentID, Kind: r.Kind, Name: r.Name, Number: r.Number, Prompt: r.Prompt, PromptDigest: r.PromptDigest}
		if r.SubAccountID != nil {
			a.OwnerID, a.OwnerName = *r.SubAccountID, names[*r.SubAccountID]
		}
		view.Agents = append(view.Agents, a)
		readAt = max(readAt, r.SeenAt)
	}
	if readAt > 0 {
		view.ReadAt = formatMillis(&readAt)
	}
	if view.Unassigned, err = q.CountUnassignedCalls(ctx, gen.CountUnassignedCallsParams{Provider: conn.Provider, AccountKey: conn.AccountKey}); err != nil {
		return view, Internal("load the agents", err)
	}
	return view, nil
}

// agentsFresh reports whether the account of sub-account id had its
// agents read within agentsMaxAge of now.
func agentsFresh(ctx context.Context, q db.Queries, id int64, now time.Time) bool {
	conn, err := q.GetProviderConnection(ctx, id)
	if err != nil || conn.AccountKey == "" {
		return false
	}
	rows, err := q.ListAccountAgents(ctx, gen.ListAccountAgentsParams{Provider: conn.Provider, AccountKey: conn.AccountKey})
	if err != nil {
		return false
	}
	for _, r := range rows {
		if now.Sub(time.UnixMilli(r.SeenAt)) < agentsMaxAge {
			return true
		}
	}
	return false
}

// refreshAgents reads the account's agents from its provider and stores
// them, keeping their assignments; agents the provider no longer lists go.
// A provider whose API lists no agents is left alone.
func refreshAgents(ctx context.Context, store *db.Store, a provider.Adapter, c provider.Credentials, id int64, now time.Time) error {
	agents, err := a.ListAgents(ctx, c)
	if errors.Is(err, provider.ErrNotSupported) {
		return nil
	}
	if err != nil {
		return err
	}
	seen := now.UnixMilli()
	return store.InTx(ctx, func(tx *db.Tx) error {
		conn, err := tx.GetProviderConnection(ctx, id)
		if errors.Is(err, db.ErrNoRows) || err == nil && conn.AccountKey == "" {
			return nil // disconnected meanwhile
		}
		if err != nil {
			return err
		}
		listed := map[string]bool{}
		for _, ag := range agents {
			if ag.ID == "" {
				continue
			}
			listed[ag.ID] = true
			digest := ""
			if ag.Prompt != "" {
				sum := sha256.Sum256([]byte(ag.Prompt))
				digest = hex.EncodeToString(sum[:])
			}
			kind := ag.Kind
			if kind != provider.AgentKindNumber {
				kind = provider.AgentKindAgent
			}
			if err := tx.UpsertAgent(ctx, gen.UpsertAgentParams{
				Provider: conn.Provider, AccountKey: conn.AccountKey, AgentID: ag.ID, Kind: string(kind),
				Name: ag.Name, Number: ag.Number, Prompt: ag.Prompt, PromptDigest: digest, SeenAt: seen,
			}); err != nil {
				return err
			}
		}
		stored, err := tx.ListAccountAgents(ctx, gen.ListAccountAgentsParams{Provider: conn.Provider, AccountKey: conn.AccountKey})
		if err != nil {
			return err
		}
		for _, r := range stored {
			if !listed[r.AgentID] {
				if err := tx.DeleteAgent(ctx, r.ID); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
