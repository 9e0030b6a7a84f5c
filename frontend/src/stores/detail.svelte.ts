import {
  deleteSubAccount,
  disableSubAccount,
  enableSubAccount,
  getSubAccount,
  type AppError,
  type SubAccount,
} from '../api';
import { quoted } from '../lib/format';
import { action, unlessFields } from './action';

export interface DetailDeps {
  get: (id: number) => Promise<SubAccount>;
  enable: (id: number) => Promise<SubAccount>;
  disable: (id: number) => Promise<SubAccount>;
  remove: (id: number, confirmName: string) => Promise<void>;
}

const defaultDeps: DetailDeps = {
  get: getSubAccount,
  enable: enableSubAccount,
  disable: disableSubAccount,
  remove: deleteSubAccount,
};

/** One sub-account's detail: load, enable/disable, delete. */
export class SubAccountDetailStore {
  readonly id: number;
  account = $state<SubAccount | null>(null);
  loading = $state(false);
  error = $state<AppError | null>(null);
  /** True while enable/disable is in flight. */
  busy = $state(false);
  #deps: DetailDeps;

  constructor(id: number, deps: Partial<DetailDeps> = {}) {
    this.id = id;
    this.#deps = { ...defaultDeps, ...deps };
  }

  get active(): boolean {
    return this.account?.status === 'active';
  }

  async load(): Promise<void> {
    await action(
      async () => {
        this.account = await this.#deps.get(this.id);
        this.error = null;
      },
      { busy: (on) => (this.loading = on), failed: (e) => (this.error = e), toast: false },
    );
  }

  /** Enables (true) or disables (false); toasts the result either way. */
  async setEnabled(enabled: boolean): Promise<boolean> {
    const err = await action(
      async () => {
        const fn = enabled ? this.#deps.enable : this.#deps.disable;
        this.account = await fn(this.id);
        return `${enabled ? 'Enabled' : 'Disabled'} ${quoted(this.account.name)}`;
      },
      { busy: (on) => (this.busy = on) },
    );
    return err === null;
  }

  /**
   * Deletes the sub-account. Returns null on success; otherwise the error (a field error is the
   * dialog's to show, anything else is toasted here as well).
   */
  remove(confirmName: string): Promise<AppError | null> {
    return action(
      async () => {
        await this.#deps.remove(this.id, confirmName);
        return `Deleted ${quoted(this.account?.name ?? confirmName)}`;
      },
      { toast: unlessFields },
    );
  }
}
