package backend_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/provider/fake"
)

// sharedAccount is a Retell account of 3,000 calls, a third each by the
// agents a, b and c (each with its Retell LLM and prompt), and three
// sub-accounts connected to it with the same key.
type sharedAccount struct {
	env      *providerEnv
	acme     backend.SubAccount
	bee, cee backend.SubAccount
}

func newSharedAccount(t *testing.T) *sharedAccount {
	t.Helper()
	env := newProviderEnv(t, 3000)
	for i := range env.retell.Calls {
		env.retell.Calls[i].AgentID = "agent_" + string(rune('a'+i%3))
	}
	for _, x := range []string{"a", "b", "c"} {
		prompt := "You are the front desk of practice " + x + "."
		env.retell.Agents = append(env.retell.Agents, fake.RetellAgent{
			AgentID: "agent_" + x, AgentName: "Desk " + x, Channel: "voice",
			Engine: fake.RetellEngine{Type: "retell-llm", LLMID: "llm_" + x},
		})
		env.retell.LLMs = append(env.retell.LLMs, fake.RetellLLM{LLMID: "llm_" + x, GeneralPrompt: &prompt})
	}
	s := &sharedAccount{env: env, acme: env.sub, bee: mustCreate(t, env.b, "Bee Solar"), cee: mustCreate(t, env.b, "Cee Plumbing")}
	for _, sub := range []backend.SubAccount{s.acme, s.bee, s.cee} {
		if _, err := env.b.Providers.SaveCredentials(sub.ID, backend.SaveCredentialsInput{
			Provider: "retell", Fields: map[string]string{"apiKey": retellKey},
		}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func (s *sharedAccount) sync(t *testing.T, sub backend.SubAccount) backend.SyncProgress {
	t.Helper()
	if err := s.env.b.Sync.SyncNow(sub.ID); err != nil {
		t.Fatal(err)
	}
	p := s.env.rec.waitDone(t)
	if p.Error != nil {
		t.Fatalf("sync of %s: %+v", sub.Name, p)
	}
	return p
}

// owners counts the stored calls by owner name ("" for unassigned).
func (s *sharedAccount) owners(t *testing.T) map[string]int {
	t.Helper()
	s.env.callCount(t) // fails on a duplicate
	rows, err := s.env.b.Store.SQL().Query("SELECT coalesce(a.name, ''), count(*) FROM calls c LEFT JOIN sub_accounts a ON a.id = c.sub_account_id GROUP BY 1")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			t.Fatal(err)
		}
		out[name] = n
	}
	return out
}

func (s *sharedAccount) assign(t *testing.T, agentID string, owner backend.SubAccount) backend.AgentsView {
	t.Helper()
	view, err := s.env.b.Agents.List(s.acme.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range view.Agents {
		if a.AgentID == agentID {
			v, err := s.env.b.Agents.Assign(backend.AgentAssignment{SubAccountID: s.acme.ID, AgentRowID: a.ID, OwnerID: owner.ID})
			if err != nil {
				t.Fatalf("assign %s to %s: %v", agentID, owner.Name, err)
			}
			return v
		}
	}
	t.Fatalf("no agent %s in %+v", agentID, view.Agents)
	return backend.AgentsView{}
}

func wantOwners(t *testing.T, got map[string]int, want map[string]int) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("calls by owner = %v, want %v", got, want)
	}
}

func TestSharedAccountCallsLandInExactlyOneSubAccount(t *testing.T) {
	s := newSharedAccount(t)

	// Nobody owns an agent yet: every call is read once and kept as
	// unassigned, never given to the sub-account that synced.
	p := s.sync(t, s.acme)
	if p.Calls != 0 || p.Shared != 0 || p.Unassigned != 3000 || p.Requests < 3 {
		t.Fatalf("first sync %+v, want 0 own, 3,000 unassigned", p)
	}
	wantOwners(t, s.owners(t), map[string]int{"": 3000})
	view, err := s.env.b.Agents.List(s.bee.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !view.Shared || len(view.Sharers) != 3 || len(view.Agents) != 3 || view.Unassigned != 3000 || view.ReadAt == "" {
		t.Fatalf("agents view %+v", view)
	}
	if a := view.Agents[0]; a.Prompt != "You are the front desk of practice a." || len(a.PromptDigest) != 64 || a.Name != "Desk a" {
		t.Errorf("agent %+v: want its LLM's prompt and digest", a)
	}

	// Assigning moves the agent's stored calls with it.
	s.assign(t, "agent_a", s.acme)
	v := s.assign(t, "agent_b", s.bee)
	if v.Unassigned != 1000 {
		t.Errorf("unassigned after two assignments = %d, want 1,000", v.Unassigned)
	}
	wantOwners(t, s.owners(t), map[string]int{"": 1000, "Acme Dental": 1000, "Bee Solar": 1000})

	// A sync of one member reads the account once for all and routes: the
	// first sync counted for every member, so this one re-reads the overlap.
	lists := s.env.lists.Load()
	p = s.sync(t, s.bee)
	if p.Calls == 0 || p.Shared == 0 || p.Unassigned == 0 || p.Calls+p.Shared+p.Unassigned >= 3000 {
		t.Errorf("Bee's sync %+v, want the overlap's calls: some own, some to Acme, some unassigned", p)
	}
	if read := s.env.lists.Load() - lists; int(read) != p.Requests || read != int32(p.Pages) {
		t.Errorf("Bee's sync made %d list requests for %d pages (%d counted), want the account read once", read, p.Pages, p.Requests)
	}
	cee, _ := s.env.b.Providers.Get(s.cee.ID)
	if cee.LastSyncAt == "" {
		t.Error("Cee's Last Sync Time is empty after its account was read for it")
	}

	// Two members syncing at once still store each call once.
	s.assign(t, "agent_c", s.cee)
	var wg sync.WaitGroup
	for _, sub := range []backend.SubAccount{s.acme, s.cee} {
		if err := s.env.b.Sync.SyncNow(sub.ID); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() { defer wg.Done(); s.env.rec.waitDone(t) }()
	}
	wg.Wait()
	wantOwners(t, s.owners(t), map[string]int{"Acme Dental": 1000, "Bee Solar": 1000, "Cee Plumbing": 1000})

	// Deleting an owner deletes its calls only; its agent belongs to nobody.
	if err := s.env.b.SubAccounts.Delete(s.acme.ID, s.acme.Name); err != nil {
		t.Fatal(err)
	}
	wantOwners(t, s.owners(t), map[string]int{"Bee Solar": 1000, "Cee Plumbing": 1000})
	s.sync(t, s.bee)
	got := s.owners(t)
	if got["Bee Solar"] != 1000 || got["Cee Plumbing"] != 1000 || got["Acme Dental"] != 0 {
		t.Errorf("after deleting Acme and syncing Bee: %v", got)
	}
}

func TestAgentAssignmentsAreRefusedOutsideTheAccount(t *testing.T) {
	s := newSharedAccount(t)
	s.sync(t, s.acme)
	other := mustCreate(t, s.env.b, "Dee Dental") // not connected to the account
	view, _ := s.env.b.Agents.List(s.acme.ID)
	_, err := s.env.b.Agents.Assign(backend.AgentAssignment{SubAccountID: s.acme.ID, AgentRowID: view.Agents[0].ID, OwnerID: other.ID})
	fieldErr(t, err, backend.CodeInvalid, "ownerId")
	if _, err := s.env.b.Agents.Assign(backend.AgentAssignment{SubAccountID: s.acme.ID, AgentRowID: 9999, OwnerID: s.acme.ID}); backend.ErrorCode(err) != backend.CodeNotFound {
		t.Fatalf("assign an unknown agent: %v", err)
	}
	if v, _ := s.env.b.Agents.List(s.acme.ID); v.Unassigned != 3000 {
		t.Errorf("refused assignments moved calls: %d unassigned", v.Unassigned)
	}
	page, _ := s.env.b.Audit.List(backend.AuditQuery{SubAccountID: s.acme.ID, Search: "assigned"})
	if page.Total != 0 {
		t.Errorf("refused assignments were audited: %+v", page.Items)
	}
	s.assign(t, "agent_a", s.bee)
	page, _ = s.env.b.Audit.List(backend.AuditQuery{SubAccountID: s.acme.ID, Search: "Desk a"})
	if page.Total != 1 || page.Items[0].Action != backend.ActionAgentAssign.Code || page.Items[0].SubjectID != "agent_a" {
		t.Errorf("assignment audit %+v", page.Items)
	}
}

func TestAgentsTheProviderNoLongerListsGo(t *testing.T) {
	s := newSharedAccount(t)
	if _, err := s.env.b.Agents.Refresh(s.acme.ID); err != nil {
		t.Fatal(err)
	}
	s.env.retell.Agents = s.env.retell.Agents[:1]
	view, err := s.env.b.Agents.Refresh(s.acme.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(view.Agents) != 1 || view.Agents[0].AgentID != "agent_a" {
		t.Errorf("after the provider dropped two agents: %+v", view.Agents)
	}
}

// TestASyncReadsTheAgentsAtMostHourly: reading agents can take a request
// per agent, so a sync reads them when they are older than an hour, and
// "Refresh agents" at once.
func TestASyncReadsTheAgentsAtMostHourly(t *testing.T) {
	s := newSharedAccount(t)
	agentLists := func() int {
		n := 0
		for _, r := range s.env.retell.Requests() {
			if r.Path == "/v2/list-agents" {
				n++
			}
		}
		return n
	}
	s.sync(t, s.acme)
	if n := agentLists(); n != 1 {
		t.Fatalf("first sync listed the agents %d times, want 1", n)
	}
	s.env.clock.advance(59 * time.Minute)
	s.sync(t, s.acme)
	if n := agentLists(); n != 1 {
		t.Errorf("a sync 59 minutes later listed the agents again (%d)", n)
	}
	if _, err := s.env.b.Agents.Refresh(s.acme.ID); err != nil || agentLists() != 2 {
		t.Errorf("Refresh agents: %v, %d listings, want 2", err, agentLists())
	}
	s.env.clock.advance(61 * time.Minute)
	s.sync(t, s.acme)
	if n := agentLists(); n != 3 {
		t.Errorf("a sync an hour after the last read listed the agents %d times in all, want 3", n)
	}
}

// TestCallsSyncWhenTheAgentsCannotBeRead: a provider failing on its agent
// list (here five 503s, more than the client's attempts) does not stop the
// calls from syncing; the agents stay as they were.
func TestCallsSyncWhenTheAgentsCannotBeRead(t *testing.T) {
	s := newSharedAccount(t)
	s.env.retell.FailNext(5, 503) // the sync's first requests are the agent list's
	if err := s.env.b.Sync.SyncNow(s.acme.ID); err != nil {
		t.Fatal(err)
	}
	p := s.env.rec.waitDone(t)
	if p.Error != nil || p.Unassigned != 3000 {
		t.Fatalf("sync with the agent list failing: %+v, want 3,000 calls stored (unassigned)", p)
	}
	if v, _ := s.env.b.Agents.List(s.acme.ID); len(v.Agents) != 0 {
		t.Errorf("agents %+v appeared from a failed read", v.Agents)
	}
}

// TestTheLastSubAccountOnAnAccountTakesItsUnassignedCalls: once the others
// sharing the account are gone, the calls nobody owned are the remaining
// sub-account's, at its next sync.
func TestTheLastSubAccountOnAnAccountTakesItsUnassignedCalls(t *testing.T) {
	s := newSharedAccount(t)
	s.sync(t, s.acme)
	for _, sub := range []backend.SubAccount{s.bee, s.cee} {
		if err := s.env.b.SubAccounts.Delete(sub.ID, sub.Name); err != nil {
			t.Fatal(err)
		}
	}
	s.sync(t, s.acme)
	wantOwners(t, s.owners(t), map[string]int{"Acme Dental": 3000})
}
