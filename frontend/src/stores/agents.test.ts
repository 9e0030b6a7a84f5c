import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentAssignment, AgentsView } from '../api';
import { agent, agentsView } from '../lib/testing';
import { AgentsStore } from './agents.svelte';
import { toasts } from './toasts.svelte';

const PROMPT = 'You are the front desk of Acme Dental. Greet the caller, book, move or cancel appointments, and never give medical advice.';

/** Sub-account 7 shares its Retell account with Beta (9): one agent each, one unowned number. */
function shared(over: Partial<AgentsView> = {}): AgentsView {
  return agentsView({
    shared: true,
    sharers: [
      { id: 7, name: 'Acme Dental' },
      { id: 9, name: 'Beta Plumbing' },
    ],
    agents: [
      agent(1, {
        name: 'Front desk',
        prompt: PROMPT,
        promptDigest: '908a346a0bcdc8b696a9621051666e0ed648380fad474be98c6221f6d2ea05de',
        ownerId: 7,
        ownerName: 'Acme Dental',
      }),
      agent(2, { name: 'After hours', ownerId: 9, ownerName: 'Beta Plumbing' }),
      agent(3, { agentId: '+15550003333', kind: 'number', name: '', number: '+15550003333' }),
    ],
    unassigned: 14,
    ...over,
  });
}

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve: (v: T) => void = () => {};
  let reject: (e: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const messages = () => toasts.items.map((t) => [t.kind, t.message]);

describe('AgentsStore', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it("loads Go's view of the account's agents, and does not read them from the provider unasked", async () => {
    const v = shared({ readAt: '' });
    const list = vi.fn((_id: number) => Promise.resolve(v));
    const refresh = vi.fn((_id: number) => Promise.resolve(v));
    const store = new AgentsStore(7, { list, refresh });
    const loading = store.load();
    expect(store.loading).toBe(true);
    await loading;
    expect(list).toHaveBeenCalledWith(7);
    expect(store.view).toBe(v);
    expect(store.loading).toBe(false);
    expect(store.loadError).toBeNull();
    // Never read, but readIfNever was not asked for.
    await store.load();
    expect(refresh).not.toHaveBeenCalled();
    expect(toasts.items).toEqual([]);
  });

  it('keeps a failed load as its error, without a toast', async () => {
    const store = new AgentsStore(7, { list: () => Promise.reject({ code: 'unavailable', message: 'The database is busy.' }) });
    await store.load();
    expect(store.view).toBeNull();
    expect(store.loadError?.message).toBe('The database is busy.');
    expect(store.loading).toBe(false);
    expect(toasts.items).toEqual([]);
  });

  it.each([
    ['connected and never read', { connected: true, readAt: '' }, 1],
    ['connected and read before', { connected: true, readAt: '2026-01-15T10:00:00Z' }, 0],
    ['not connected and never read', { connected: false, readAt: '' }, 0],
  ])('load({ readIfNever }) reads from the provider only when %s', async (_case, over, reads) => {
    const read = shared({ readAt: '2026-01-16T08:30:00Z' });
    const refresh = vi.fn((_id: number) => Promise.resolve(read));
    const store = new AgentsStore(7, { list: () => Promise.resolve(agentsView(over)), refresh });
    await store.load({ readIfNever: true });
    expect(refresh).toHaveBeenCalledTimes(reads);
    if (reads) {
      expect(refresh).toHaveBeenCalledWith(7);
      expect(store.view).toBe(read);
    }
    expect(store.refreshing).toBe(false);
    // The read it makes by itself is not announced.
    expect(toasts.items).toEqual([]);
  });

  it('refreshes from the provider and toasts how many agents it read', async () => {
    const refresh = vi
      .fn<(id: number) => Promise<AgentsView>>()
      .mockResolvedValueOnce(shared())
      .mockResolvedValueOnce(agentsView({ agents: [agent(5, { name: 'Receptionist' })] }));
    const store = new AgentsStore(7, { list: () => Promise.resolve(agentsView()), refresh });
    await store.load();
    expect(await store.refresh()).toBe(true);
    expect(refresh).toHaveBeenCalledWith(7);
    expect(store.view?.agents).toHaveLength(3);
    expect(await store.refresh()).toBe(true);
    expect(store.view?.agents.map((a) => a.name)).toEqual(['Receptionist']);
    expect(messages()).toEqual([
      ['success', 'Read 3 agents from the provider'],
      ['success', 'Read 1 agent from the provider'],
    ]);
  });

  it('toasts a refresh that failed and keeps the view', async () => {
    const before = shared();
    const store = new AgentsStore(7, {
      list: () => Promise.resolve(before),
      refresh: () => Promise.reject({ code: 'unavailable', message: 'Retell AI did not answer in time.' }),
    });
    await store.load();
    expect(await store.refresh()).toBe(false);
    expect(store.view).toBe(before);
    expect(store.refreshing).toBe(false);
    expect(messages()).toEqual([['error', 'Could not read the agents: Retell AI did not answer in time.']]);
  });

  it("assigns an agent: sends the sub-account, the agent's row and the owner, and shows Go's view", async () => {
    const before = shared();
    const after = shared({
      agents: before.agents.map((a) => (a.id === 3 ? { ...a, ownerId: 9, ownerName: 'Beta Plumbing' } : a)),
      unassigned: 0,
    });
    const assign = vi.fn((_in: AgentAssignment) => Promise.resolve(after));
    const store = new AgentsStore(7, { list: () => Promise.resolve(before), assign });
    await store.load();
    expect(await store.assign(before.agents[2]!, 9)).toBe(true);
    expect(assign).toHaveBeenCalledWith({ subAccountId: 7, agentRowId: 3, ownerId: 9 });
    expect(store.view).toBe(after);
    expect(store.view?.unassigned).toBe(0);
    expect(store.assigning).toBe(0);

    // To nobody; and the owner it already has sends nothing.
    assign.mockResolvedValueOnce(before);
    expect(await store.assign(after.agents[0]!, 0)).toBe(true);
    expect(assign).toHaveBeenLastCalledWith({ subAccountId: 7, agentRowId: 1, ownerId: 0 });
    expect(await store.assign(before.agents[1]!, 9)).toBe(false);
    expect(assign).toHaveBeenCalledTimes(2);
    expect(messages()).toEqual([
      ['success', 'Assigned +15550003333 to Beta Plumbing'],
      ['success', 'Front desk is assigned to nobody'],
    ]);
  });

  it('keeps the old view when Go refuses an assignment, and toasts why', async () => {
    const before = shared();
    const store = new AgentsStore(7, {
      list: () => Promise.resolve(before),
      assign: () => Promise.reject({ code: 'invalid', message: 'Gamma is not on this Retell AI account.' }),
    });
    await store.load();
    expect(await store.assign(before.agents[0]!, 12)).toBe(false);
    expect(store.view).toBe(before);
    expect(store.assigning).toBe(0);
    expect(store.busy).toBe(false);
    expect(messages()).toEqual([['error', 'Could not assign the agent: Gamma is not on this Retell AI account.']]);
  });

  it('does one action at a time: a second assign or refresh waits for none and sends nothing', async () => {
    const before = shared();
    const pending = deferred<AgentsView>();
    const assign = vi.fn((_in: AgentAssignment) => pending.promise);
    const refresh = vi.fn((_id: number) => Promise.resolve(before));
    const store = new AgentsStore(7, { list: () => Promise.resolve(before), assign, refresh });
    await store.load();

    const first = store.assign(before.agents[2]!, 7);
    expect(store.assigning).toBe(3);
    expect(store.busy).toBe(true);
    expect(await store.assign(before.agents[1]!, 7)).toBe(false);
    expect(await store.refresh()).toBe(false);
    expect(assign).toHaveBeenCalledTimes(1);
    expect(refresh).not.toHaveBeenCalled();

    pending.resolve(shared({ unassigned: 0 }));
    expect(await first).toBe(true);
    expect(store.busy).toBe(false);

    // And a refresh running blocks an assignment.
    const reading = deferred<AgentsView>();
    refresh.mockReturnValueOnce(reading.promise);
    const refreshed = store.refresh();
    expect(store.refreshing).toBe(true);
    expect(await store.assign(before.agents[1]!, 7)).toBe(false);
    expect(assign).toHaveBeenCalledTimes(1);
    reading.resolve(before);
    expect(await refreshed).toBe(true);
    expect(store.busy).toBe(false);
  });
});
