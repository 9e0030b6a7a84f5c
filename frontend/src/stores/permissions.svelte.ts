import {
  discardPermissions,
  getPermissions,
  permissionHistory,
  publishPermissions,
  setPermissionVisible,
  type AppError,
  type PermissionVersion,
  type PermissionView,
  type PublishResult,
} from '../api';
import { LatestOnly } from '../lib/latest';
import { action } from './action';

export interface PermissionsDeps {
  get: (id: number) => Promise<PermissionView>;
  setVisible: (id: number, key: string, visible: boolean) => Promise<PermissionView>;
  discard: (id: number) => Promise<PermissionView>;
  publish: (id: number) => Promise<PublishResult>;
  history: (id: number) => Promise<PermissionVersion[]>;
}

const defaultDeps: PermissionsDeps = {
  get: getPermissions,
  setVisible: setPermissionVisible,
  discard: discardPermissions,
  publish: publishPermissions,
  history: permissionHistory,
};

/**
 * One sub-account's permissions as Go returns them: the draft, the published version, the
 * navigation each makes, and the history of published versions. Every edit is Go's answer.
 */
export class PermissionsStore {
  readonly subAccountId: number;
  view = $state.raw<PermissionView | null>(null);
  history = $state.raw<PermissionVersion[]>([]);
  loadError = $state<AppError | null>(null);
  /** The key being changed, "" when none. */
  changing = $state('');
  publishing = $state(false);
  discarding = $state(false);

  #deps: PermissionsDeps;
  #latest = new LatestOnly();

  constructor(subAccountId: number, deps: Partial<PermissionsDeps> = {}) {
    this.subAccountId = subAccountId;
    this.#deps = { ...defaultDeps, ...deps };
  }

  get busy(): boolean {
    return this.changing !== '' || this.publishing || this.discarding;
  }

  async load(): Promise<void> {
    const current = this.#latest.begin();
    await action(
      async () => {
        const [v, h] = await Promise.all([this.#deps.get(this.subAccountId), this.#deps.history(this.subAccountId)]);
        if (!current()) return;
        this.view = v;
        this.history = h;
        this.loadError = null;
      },
      { current, failed: (e) => (this.loadError = e), toast: false },
    );
  }

  /** Shows or hides a node in the draft. */
  async setVisible(key: string, visible: boolean): Promise<void> {
    if (this.busy) return;
    await action(
      async () => {
        this.view = await this.#deps.setVisible(this.subAccountId, key, visible);
      },
      { busy: (on) => (this.changing = on ? key : ''), toast: 'Could not change the draft' },
    );
  }

  /** "Discard changes". */
  async discard(): Promise<void> {
    await action(
      async () => {
        this.view = await this.#deps.discard(this.subAccountId);
        return 'The draft is back to the published version.';
      },
      { busy: (on) => (this.discarding = on), toast: 'Could not discard the changes' },
    );
  }

  /** "Save & Publish": a new version, or Go's message when nothing changed. */
  async publish(): Promise<void> {
    await action(
      async () => {
        const r = await this.#deps.publish(this.subAccountId);
        this.view = r.view;
        if (!r.published) return r.message; // nothing changed: no new version
        this.history = await this.#deps.history(this.subAccountId);
        return r.message || `Published version ${r.view.version}.`;
      },
      { busy: (on) => (this.publishing = on), toast: 'Could not publish' },
    );
  }
}
