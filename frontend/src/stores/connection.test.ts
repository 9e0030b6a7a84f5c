import { afterEach, describe, expect, it, vi } from 'vitest';
import { Code, type Connection, type SaveCredentialsInput, type SyncListener, type SyncProgress } from '../api';
import { manualFetch, syncStatus } from '../lib/testing';
import { ConnectionStore, syncedText, type ConnectionDeps } from './connection.svelte';
import { toasts } from './toasts.svelte';

const ID = 7;

function conn(over: Partial<Connection> = {}): Connection {
  return {
    subAccountId: ID,
    provider: 'retell',
    providerName: 'Retell AI',
    fields: {},
    secretHint: '••••1a2b',
    state: 'connected',
    stateReason: '',
    checkedAt: '2025-11-28T00:00:00Z',
    autoSync: true,
    syncPaused: false,
    syncing: false,
    lastSyncAt: '',
    lastError: '',
    callCount: 12,
    sync: syncStatus(),
    accepted: true,
    reads:
      "Reads phone and web calls from Retell's call list (POST /v3/list-calls), with their cost, " +
      'and the voice agents with their Retell LLM prompts.',
    ...over,
  };
}

/** Sync events the test emits by hand; counts live listeners. */
function fakeEvents() {
  const progress = new Set<SyncListener>();
  const done = new Set<SyncListener>();
  const sub = (set: Set<SyncListener>) => (fn: SyncListener) => {
    set.add(fn);
    return () => set.delete(fn);
  };
  /** failure: the message of a failed sync's coded error ("" = none: progress, or success). */
  const emit = (set: Set<SyncListener>, subAccountId: number, pages: number, calls: number, failure = '', run = 1) => {
    const error: SyncProgress['error'] = failure ? { code: Code.Unavailable, message: failure } : null;
    for (const fn of set) fn({ subAccountId, run, pages, requests: pages, calls, shared: 0, unassigned: 0, done: set === done && !failure, error });
  };
  return {
    deps: { onProgress: sub(progress), onDone: sub(done) },
    progress: (id: number, pages: number, calls: number, run = 1) => emit(progress, id, pages, calls, '', run),
    done: (id: number, calls: number, failure = '', run = 1) => emit(done, id, 1, calls, failure, run),
    /** A done event exactly as given. */
    raw: (p: SyncProgress) => {
      for (const fn of done) fn(p);
    },
    /** A progress event exactly as given. */
    rawProgress: (p: SyncProgress) => {
      for (const fn of progress) fn(p);
    },
    listeners: () => progress.size + done.size,
  };
}

function setup(deps: Partial<ConnectionDeps> = {}) {
  const events = fakeEvents();
  const get = vi.fn((_id: number) => Promise.resolve(conn()));
  const onChange = vi.fn();
  const store = new ConnectionStore(ID, { get, ...events.deps, ...deps }, onChange);
  return { store, events, get, onChange };
}

const input: SaveCredentialsInput = { provider: 'retell', fields: { apiKey: 'key_new' }, saveAnyway: false };

describe('ConnectionStore', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('saves, shows the answer, toasts and tells the detail to refresh', async () => {
    const save = vi.fn((_id: number, _in: SaveCredentialsInput) => Promise.resolve(conn({ secretHint: '••••_new' })));
    const { store, onChange } = setup({ save });
    await expect(store.save(input)).resolves.toBeNull();
    expect(save).toHaveBeenCalledWith(ID, input);
    expect(store.connection?.secretHint).toBe('••••_new');
    expect(store.saving).toBe(false);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(toasts.items.map((t) => t.message)).toEqual(['Saved Retell AI credentials']);
  });

  it('returns field errors without toasting or changing the connection', async () => {
    const save = vi.fn(() =>
      Promise.reject({ code: 'invalid', message: 'Check the fields.', fields: { apiKey: 'Enter the API key.' } }),
    );
    const { store, onChange } = setup({ save });
    await store.load();
    const before = store.connection;
    const err = await store.save(input);
    expect(err?.field('apiKey')).toBe('Enter the API key.');
    expect(store.connection).toBe(before);
    expect(store.keychainError).toBeNull();
    expect(toasts.items).toEqual([]);
    expect(onChange).not.toHaveBeenCalled();
  });

  it("returns the provider's refusal of a key to the form, without a toast or a change", async () => {
    const refusal = 'Retell AI did not accept this API key (HTTP 401). Nothing was saved.';
    const save = vi.fn(() => Promise.reject({ code: 'refused', message: refusal, fields: { apiKey: refusal } }));
    const { store, onChange } = setup({ save });
    await store.load();
    const before = store.connection;
    const err = await store.save(input);
    expect(err?.code).toBe('refused');
    expect(store.connection).toBe(before);
    expect(store.keychainError).toBeNull();
    expect(toasts.items).toEqual([]);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('keeps a keychain error as a banner state until a save succeeds', async () => {
    const save = vi
      .fn<ConnectionDeps['save']>()
      .mockRejectedValueOnce({ code: 'keychain', message: 'Unlock the login keyring, then save again.' })
      .mockResolvedValueOnce(conn());
    const { store } = setup({ save });
    const err = await store.save(input);
    expect(err?.code).toBe('keychain');
    expect(store.keychainError?.message).toBe('Unlock the login keyring, then save again.');
    expect(toasts.items).toEqual([]);
    await store.save(input);
    expect(store.keychainError).toBeNull();
  });

  it('follows sync events of its own sub-account only, and refreshes when its sync is done', async () => {
    const { store, events, get } = setup();
    const stop = store.start();
    await vi.waitFor(() => expect(store.connection).not.toBeNull());
    expect(get).toHaveBeenCalledTimes(1);

    events.progress(8, 1, 100);
    expect(store.progress).toBeNull();
    events.progress(ID, 3, 2400);
    expect(store.progress).toEqual({ pages: 3, calls: 2400, requests: 3 });
    expect(store.syncing).toBe(true);

    events.done(8, 5);
    expect(store.progress).not.toBeNull();
    expect(get).toHaveBeenCalledTimes(1);

    get.mockResolvedValueOnce(conn({ lastSyncAt: '2025-11-28T10:00:00Z' }));
    events.done(ID, 2400);
    expect(store.progress).toBeNull();
    expect(store.syncing).toBe(false);
    expect(get).toHaveBeenCalledTimes(2);
    await vi.waitFor(() => expect(store.connection?.lastSyncAt).toBe('2025-11-28T10:00:00Z'));

    stop();
    expect(events.listeners()).toBe(0);
    events.progress(ID, 1, 1);
    expect(store.progress).toBeNull();
  });

  it('ignores a progress event that arrives after its run is done', async () => {
    const { store, events } = setup();
    const stop = store.start();
    await vi.waitFor(() => expect(store.connection).not.toBeNull());
    events.progress(ID, 1, 120, 3);
    events.done(ID, 120, '', 3);
    events.progress(ID, 1, 120, 3); // delivered late, out of order
    expect(store.progress).toBeNull();
    expect(store.syncing).toBe(false);
    events.progress(ID, 1, 50, 4); // the next run is news
    expect(store.progress).toEqual({ pages: 1, calls: 50, requests: 1 });
    stop();
  });

  it('toasts the result of a sync it started', async () => {
    const { store, events } = setup({ syncNow: vi.fn(() => Promise.resolve()) });
    store.start();
    await store.syncNow();
    expect(store.progress).toEqual({ pages: 0, calls: 0, requests: 0 });
    events.done(ID, 2400);
    events.done(ID, 0, 'Vapi is not reachable.');
    expect(toasts.items.map((t) => [t.kind, t.message])).toEqual([['success', 'Synced 2,400 calls']]);

    await store.syncNow();
    events.done(ID, 0, 'Vapi is not reachable.');
    expect(toasts.items.at(-1)).toMatchObject({ kind: 'error', message: 'Vapi is not reachable.' });
    store.destroy();
  });

  it("shows a failed sync's coded error by its message, and takes no error (null or absent) as success", async () => {
    const { store, events } = setup({ syncNow: vi.fn(() => Promise.resolve()) });
    store.start();
    await store.syncNow();
    events.raw({
      subAccountId: ID,
      run: 1,
      pages: 2,
      requests: 2,
      calls: 1000,
      shared: 0,
      unassigned: 0,
      done: false,
      error: { code: Code.Unavailable, message: 'Retell AI did not answer in time.', fields: {} },
    });
    await store.syncNow();
    events.raw({ subAccountId: ID, run: 2, pages: 1, requests: 1, calls: 1, shared: 0, unassigned: 0, done: true, error: null });
    await store.syncNow();
    events.raw({ subAccountId: ID, run: 3, pages: 1, requests: 1, calls: 12, shared: 0, unassigned: 0, done: true });
    expect(toasts.items.map((t) => [t.kind, t.message])).toEqual([
      ['error', 'Retell AI did not answer in time.'],
      ['success', 'Synced 1 call'],
      ['success', 'Synced 12 calls'],
    ]);
    expect(store.syncing).toBe(false);
    store.destroy();
  });

  it('toasts where the rest of a shared account\'s calls went', async () => {
    const { store, events } = setup({ syncNow: vi.fn(() => Promise.resolve()) });
    store.start();
    await store.syncNow();
    events.raw({ subAccountId: ID, run: 1, pages: 4, requests: 4, calls: 120, shared: 300, unassigned: 45, done: true, error: null });
    expect(toasts.items.map((t) => [t.kind, t.message])).toEqual([
      ['success', 'Synced 120 calls; 300 went to the other sub-accounts on the account, 45 are unassigned'],
    ]);
    store.destroy();
  });

  it("keeps a sync's requests apart from its pages (a request per call's details)", async () => {
    const { store, events } = setup();
    const stop = store.start();
    await vi.waitFor(() => expect(store.connection).not.toBeNull());
    events.rawProgress({ subAccountId: ID, run: 1, pages: 2, requests: 202, calls: 200, shared: 0, unassigned: 0, done: false, error: null });
    expect(store.progress).toEqual({ pages: 2, calls: 200, requests: 202 });
    stop();
  });

  it('stops showing progress when Sync now is refused, but not when a sync already runs', async () => {
    const syncNow = vi
      .fn<ConnectionDeps['syncNow']>()
      .mockRejectedValueOnce({ code: 'invalid', message: 'Connect a voice provider first.' })
      .mockRejectedValueOnce({ code: 'conflict', message: 'A sync is already running.' });
    const { store } = setup({ syncNow });
    await store.syncNow();
    expect(store.progress).toBeNull();
    await store.syncNow();
    expect(store.syncing).toBe(true);
    expect(toasts.items.map((t) => t.message)).toEqual(['Connect a voice provider first.', 'A sync is already running.']);
  });

  it('shows only the newest answer: older loads and loads older than a save are dropped', async () => {
    const { fetch: get, calls } = manualFetch<number, Connection>();
    const save = vi.fn(() => Promise.resolve(conn({ secretHint: '••••save' })));
    const { store } = setup({ get, save });

    const older = store.load();
    const newer = store.load();
    calls[1]!.resolve(conn({ callCount: 2 }));
    await newer;
    calls[0]!.resolve(conn({ callCount: 1 }));
    await older;
    expect(store.connection?.callCount).toBe(2);

    const before = store.load();
    await store.save(input);
    calls[2]!.resolve(conn({ secretHint: '••••old!' }));
    await before;
    expect(store.connection?.secretHint).toBe('••••save');
  });

  it('disconnects: clears the provider, keeps the call count, toasts and refreshes', async () => {
    const disconnect = vi.fn(() => Promise.resolve());
    const { store, get, onChange } = setup({ disconnect });
    await store.load();
    get.mockResolvedValueOnce(conn({ provider: '', providerName: '', state: '', secretHint: '' }));
    await expect(store.disconnect()).resolves.toBe(true);
    expect(disconnect).toHaveBeenCalledWith(ID);
    expect(store.provider).toBe('');
    expect(store.connection?.callCount).toBe(12);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(get).toHaveBeenCalledTimes(2);
    expect(toasts.items.map((t) => t.message)).toEqual(['Removed Retell AI configuration']);
  });
});

describe('syncedText', () => {
  const done = (calls: number, shared = 0, unassigned = 0): SyncProgress => ({
    subAccountId: ID,
    run: 1,
    pages: 1,
    requests: 1,
    calls,
    shared,
    unassigned,
    done: true,
    error: null,
  });

  it('counts the calls synced', () => {
    expect(syncedText(done(2400))).toBe('Synced 2,400 calls');
    expect(syncedText(done(1))).toBe('Synced 1 call');
    expect(syncedText(done(0))).toBe('Synced 0 calls');
  });

  it('says where the rest of a shared account\'s calls went', () => {
    expect(syncedText(done(12, 1030, 5))).toBe('Synced 12 calls; 1,030 went to the other sub-accounts on the account, 5 are unassigned');
    expect(syncedText(done(12, 30, 0))).toBe('Synced 12 calls; 30 went to the other sub-accounts on the account, 0 are unassigned');
    expect(syncedText(done(0, 0, 7))).toBe('Synced 0 calls; 0 went to the other sub-accounts on the account, 7 are unassigned');
  });

  it('words one call in the singular', () => {
    expect(syncedText(done(1, 1, 1))).toBe('Synced 1 call; 1 went to the other sub-accounts on the account, 1 is unassigned');
  });
});
