import { getSyncSettings, saveSyncSettings, type AppError, type SyncSettings } from '../api';
import { pluralCount } from '../lib/format';
import { action, unlessFields } from './action';

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
    await action(
      async () => {
        this.intervalMinutes = (await this.#deps.get()).intervalMinutes;
        this.error = null;
      },
      { failed: (e) => (this.error = e), toast: false },
    );
  }

  /**
   * Saves the interval; returns null on success, else the error (a field error is the form's to
   * show, anything else is toasted here as well).
   */
  save(intervalMinutes: number): Promise<AppError | null> {
    return action(
      async () => {
        this.intervalMinutes = (await this.#deps.save({ intervalMinutes })).intervalMinutes;
        return `Sync interval set to ${pluralCount(this.intervalMinutes, 'minute')}`;
      },
      { busy: (on) => (this.saving = on), toast: unlessFields },
    );
  }
}

export const syncSettings = new SyncSettingsStore();
