import {
  disconnectProvider,
  getConnection,
  onSyncDone,
  onSyncProgress,
  openProviderPortal,
  saveCredentials,
  setAutoSync,
  syncNow,
  type AppError,
  type Connection,
  type SaveCredentialsInput,
  type SyncListener,
  type SyncProgress,
  type Unsubscribe,
} from '../api';
import { formatCount, pluralCount } from '../lib/format';
import { LatestOnly } from '../lib/latest';
import { action, unlessFields } from './action';
import { toasts } from './toasts.svelte';

export interface ConnectionDeps {
  get: (id: number) => Promise<Connection>;
  save: (id: number, input: SaveCredentialsInput) => Promise<Connection>;
  disconnect: (id: number) => Promise<void>;
  openPortal: (id: number) => Promise<void>;
  syncNow: (id: number) => Promise<void>;
  setAutoSync: (id: number, on: boolean) => Promise<void>;
  onProgress: (fn: SyncListener) => Unsubscribe;
  onDone: (fn: SyncListener) => Unsubscribe;
}

const defaultDeps: ConnectionDeps = {
  get: getConnection,
  save: saveCredentials,
  disconnect: disconnectProvider,
  openPortal: openProviderPortal,
  syncNow,
  setAutoSync,
  onProgress: onSyncProgress,
  onDone: onSyncDone,
};

/** Counts of a running sync; the total is not known in advance. */
export interface Progress {
  pages: number;
  calls: number;
  /** Provider requests so far: more than pages when a provider needs a request per call's details. */
  requests: number;
}

/** The connection as it is once the provider configuration is deleted (past calls stay). */
function cleared(c: Connection): Connection {
  return {
    ...c,
    provider: '',
    providerName: '',
    fields: {},
    secretHint: '',
    state: '',
    stateReason: '',
    checkedAt: '',
    autoSync: false,
    syncPaused: false,
    syncing: false,
    lastSyncAt: '',
    lastError: '',
    accepted: false,
  };
}

/**
 * One sub-account's provider connection and call-log sync: loads it, follows the sync events for
 * this sub-account only, and saves, disconnects, syncs. Only the newest answer is ever shown.
 */
export class ConnectionStore {
  readonly subAccountId: number;
  connection = $state.raw<Connection | null>(null);
  error = $state<AppError | null>(null);
  saving = $state(false);
  /** True while disconnect or the auto-sync switch is in flight. */
  busy = $state(false);
  /** The OS keychain refused the last save (nothing was saved): a banner until a save succeeds. */
  keychainError = $state<AppError | null>(null);
  /** The running sync's counts (zeros until its first page); null when none is known to run. */
  progress = $state<Progress | null>(null);
  /** The newest sync run whose "done" event has arrived. */
  #lastDone = 0;

  #deps: ConnectionDeps;
  #onChange: () => void;
  #latest = new LatestOnly();
  #unsubscribe: Unsubscribe[] = [];
  /** A sync started from here: its result is toasted (background syncs only update the status). */
  #requested = false;

  /** onChange runs after the provider was saved or removed (the header and list show it). */
  constructor(subAccountId: number, deps: Partial<ConnectionDeps> = {}, onChange: () => void = () => {}) {
    this.subAccountId = subAccountId;
    this.#deps = { ...defaultDeps, ...deps };
    this.#onChange = onChange;
  }

  /** The provider id; "" when none is set. */
  get provider(): string {
    return this.connection?.provider ?? '';
  }

  get syncing(): boolean {
    return this.progress !== null || (this.connection?.syncing ?? false);
  }

  /** Subscribes to the sync events and loads; returns destroy. */
  start(): () => void {
    this.destroy();
    this.#unsubscribe = [this.#deps.onProgress((p) => this.#progress(p)), this.#deps.onDone((p) => this.#done(p))];
    void this.load();
    return () => this.destroy();
  }

  /** Unsubscribes from the sync events; answers still in flight are dropped. */
  destroy(): void {
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    this.#latest.invalidate();
  }

  async load(): Promise<void> {
    const current = this.#latest.begin();
    await action(
      async () => {
        const c = await this.#deps.get(this.subAccountId);
        if (!current()) return;
        this.connection = c;
        this.error = null;
      },
      { current, failed: (e) => (this.error = e), toast: false },
    );
  }

  /**
   * Saves the credentials. Returns null on success; otherwise the error: field errors and the
   * provider's refusal of the key (code "refused": nothing was saved) are the form's to show, a
   * keychain error becomes keychainError, anything else is toasted too.
   */
  save(input: SaveCredentialsInput): Promise<AppError | null> {
    return action(
      async () => {
        const c = await this.#deps.save(this.subAccountId, input);
        this.#set(c);
        this.keychainError = null;
        this.#onChange();
        return `Saved ${c.providerName} credentials`;
      },
      {
        busy: (on) => (this.saving = on),
        failed: (err) => {
          if (err.code === 'keychain') this.keychainError = err;
        },
        toast: (err) => err.code !== 'keychain' && err.code !== 'refused' && unlessFields(err),
      },
    );
  }

  /** Deletes the provider configuration (past calls stay); true on success, errors are toasted. */
  async disconnect(): Promise<boolean> {
    const name = this.connection?.providerName ?? '';
    const err = await action(
      async () => {
        await this.#deps.disconnect(this.subAccountId);
        if (this.connection) this.#set(cleared(this.connection));
        this.progress = null;
        this.keychainError = null;
        this.#onChange();
        void this.load();
        return `Removed ${name} configuration`;
      },
      { busy: (on) => (this.busy = on) },
    );
    return err === null;
  }

  /** Starts a sync; progress and the result arrive as events. */
  async syncNow(): Promise<void> {
    if (this.syncing) return;
    this.progress = { pages: 0, calls: 0, requests: 0 };
    this.#requested = true;
    await action(() => this.#deps.syncNow(this.subAccountId), {
      failed: (err) => {
        // conflict: a sync is already running; keep following it.
        if (err.code === 'conflict') return;
        this.progress = null;
        this.#requested = false;
      },
    });
  }

  /** Turns automatic sync on or off, then shows the sync state Go decides from it. */
  async setAutoSync(on: boolean): Promise<void> {
    await action(
      async () => {
        await this.#deps.setAutoSync(this.subAccountId, on);
        this.#set(await this.#deps.get(this.subAccountId));
        return `Automatic sync ${on ? 'on' : 'off'}`;
      },
      { busy: (inFlight) => (this.busy = inFlight) },
    );
  }

  /** Opens the provider's portal in the system browser; errors are toasted. */
  async openPortal(): Promise<void> {
    await action(() => this.#deps.openPortal(this.subAccountId));
  }

  /** Shows a connection this store wrote; loads still in flight are older, so stale. */
  #set(c: Connection): void {
    this.#latest.invalidate();
    this.connection = c;
    this.error = null;
  }

  #progress(p: SyncProgress): void {
    // A progress event of a run already done arrived late: it is not news.
    if (p.subAccountId !== this.subAccountId || p.run <= this.#lastDone) return;
    this.progress = { pages: p.pages, calls: p.calls, requests: p.requests };
  }

  #done(p: SyncProgress): void {
    if (p.subAccountId !== this.subAccountId) return;
    this.#lastDone = Math.max(this.#lastDone, p.run);
    this.progress = null;
    if (this.connection?.syncing) this.connection = { ...this.connection, syncing: false };
    if (this.#requested) {
      this.#requested = false;
      // A failed sync carries Go's coded error; success carries none.
      if (p.error != null) toasts.error(p.error.message);
      else toasts.success(syncedText(p));
    }
    void this.load();
  }
}

/**
 * "Synced 12 calls"; on a provider account shared with other sub-accounts, also where the rest of
 * the account's calls went: "Synced 12 calls; 30 went to the other sub-accounts on the account, 5
 * are unassigned".
 */
export function syncedText(p: SyncProgress): string {
  const own = `Synced ${pluralCount(p.calls, 'call')}`;
  if (p.shared === 0 && p.unassigned === 0) return own;
  return `${own}; ${formatCount(p.shared)} went to the other sub-accounts on the account, ${formatCount(p.unassigned)} ${p.unassigned === 1 ? 'is' : 'are'} unassigned`;
}
