import { assignAgent, listAgents, refreshAgents, type Agent, type AgentAssignment, type AppError, type AgentsView } from '../api';
import { LatestOnly } from '../lib/latest';
import { action } from './action';

export interface AgentsDeps {
  list: (id: number) => Promise<AgentsView>;
  refresh: (id: number) => Promise<AgentsView>;
  assign: (input: AgentAssignment) => Promise<AgentsView>;
}

const defaultDeps: AgentsDeps = { list: listAgents, refresh: refreshAgents, assign: assignAgent };

/**
 * The agents of one sub-account's provider account and who each is assigned to, as Go returns
 * them. Assigning moves the calls Go routes with the agent; the view is Go's answer.
 */
export class AgentsStore {
  readonly subAccountId: number;
  view = $state.raw<AgentsView | null>(null);
  loadError = $state<AppError | null>(null);
  loading = $state(false);
  refreshing = $state(false);
  /** The agent row being assigned, 0 when none. */
  assigning = $state(0);

  #deps: AgentsDeps;
  #latest = new LatestOnly();

  constructor(subAccountId: number, deps: Partial<AgentsDeps> = {}) {
    this.subAccountId = subAccountId;
    this.#deps = { ...defaultDeps, ...deps };
  }

  get busy(): boolean {
    return this.refreshing || this.assigning !== 0;
  }

  /** Loads the stored agents; readIfNever also reads them from the provider when never read. */
  async load(options: { readIfNever?: boolean } = {}): Promise<void> {
    const current = this.#latest.begin();
    let never = false;
    await action(
      async () => {
        const v = await this.#deps.list(this.subAccountId);
        if (!current()) return;
        this.view = v;
        this.loadError = null;
        never = v.connected && v.readAt === '';
      },
      { busy: (on) => (this.loading = on), current, failed: (e) => (this.loadError = e), toast: false },
    );
    if (never && options.readIfNever) await this.#read(false);
  }

  /** "Refresh agents": Go reads them from the provider. */
  refresh(): Promise<boolean> {
    return this.#read(true);
  }

  async #read(announce: boolean): Promise<boolean> {
    if (this.busy) return false;
    this.#latest.invalidate();
    const err = await action(
      async () => {
        this.view = await this.#deps.refresh(this.subAccountId);
        const n = this.view.agents.length;
        if (announce) return n === 1 ? 'Read 1 agent from the provider' : `Read ${n} agents from the provider`;
      },
      { busy: (on) => (this.refreshing = on), toast: announce ? 'Could not read the agents' : false },
    );
    return err === null;
  }

  /** Assigns agent to the sub-account ownerId (0: nobody). */
  async assign(agent: Agent, ownerId: number): Promise<boolean> {
    if (this.busy || agent.ownerId === ownerId) return false;
    this.#latest.invalidate();
    const err = await action(
      async () => {
        this.view = await this.#deps.assign({ subAccountId: this.subAccountId, agentRowId: agent.id, ownerId });
        const owner = this.view.sharers.find((s) => s.id === ownerId)?.name;
        const name = agent.name || agent.number || agent.agentId;
        return owner ? `Assigned ${name} to ${owner}` : `${name} is assigned to nobody`;
      },
      { busy: (on) => (this.assigning = on ? agent.id : 0), toast: 'Could not assign the agent' },
    );
    return err === null;
  }
}
