import { getSyncSettings, saveSyncSettings, toAppError, type AppError, type SyncSettings } from '../api';
import { pluralCount } from '../lib/format';
import { toasts } from './toasts.svelte';

export interface SyncSettingsDeps {
  get: () => Promise<SyncSettings>;
  save: (s: SyncSettings) => Promise<SyncSettings>;
}

/** The agency-wide sync settings (how often auto-sync polls). */
export class SyncSettingsStore {
  /** 0 until loaded. */
  intervalMinutes = $state(0);
  saving = $state(false);
  error = $state<AppError | null>(null);
  #deps: SyncSettingsDeps;

  constructor(deps: Partial<SyncSettingsDeps> = {}) {
    this.#deps = { get: getSyncSettings, save: saveSyncSettings, ...deps };
  }

  async load(): Promise<void> {
    try {
      this.intervalMinutes = (await this.#deps.get()).intervalMinutes;
      this.error = null;
    } catch (e) {
      this.error = toAppError(e);
    }
  }

  /**
   * Saves the interval; returns null on success, else the error (a field error is the form's to
   * show, anything else is toasted here as well).
   */
  async save(intervalMinutes: number): Promise<AppError | null> {
    this.saving = true;
    try {
      this.intervalMinutes = (await this.#deps.save({ intervalMinutes })).intervalMinutes;
      toasts.success(`Sync interval set to ${pluralCount(this.intervalMinutes, 'minute')}`);
      return null;
    } catch (e) {
      const err = toAppError(e);
      if (!err.hasFields) toasts.error(err);
      return err;
    } finally {
      this.saving = false;
    }
  }
}

export const syncSettings = new SyncSettingsStore();
