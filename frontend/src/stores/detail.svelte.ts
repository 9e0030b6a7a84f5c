import {
  deleteSubAccount,
  disableSubAccount,
  enableSubAccount,
  getSubAccount,
  toAppError,
  type AppError,
  type SubAccount,
} from '../api';
import { quoted } from '../lib/format';
import { toasts } from './toasts.svelte';

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
    this.loading = true;
    try {
      this.account = await this.#deps.get(this.id);
      this.error = null;
    } catch (e) {
      this.error = toAppError(e);
    } finally {
      this.loading = false;
    }
  }

  /** Enables (true) or disables (false); toasts the result either way. */
  async setEnabled(enabled: boolean): Promise<boolean> {
    this.busy = true;
    try {
      const fn = enabled ? this.#deps.enable : this.#deps.disable;
      this.account = await fn(this.id);
      toasts.success(`${enabled ? 'Enabled' : 'Disabled'} ${quoted(this.account.name)}`);
      return true;
    } catch (e) {
      toasts.error(toAppError(e));
      return false;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Deletes the sub-account. Returns null on success; otherwise the error (a field error is the
   * dialog's to show, anything else is toasted here as well).
   */
  async remove(confirmName: string): Promise<AppError | null> {
    try {
      await this.#deps.remove(this.id, confirmName);
      toasts.success(`Deleted ${quoted(this.account?.name ?? confirmName)}`);
      return null;
    } catch (e) {
      const err = toAppError(e);
      if (!err.hasFields) toasts.error(err);
      return err;
    }
  }
}
