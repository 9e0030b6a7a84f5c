import {
  alignWithDefault,
  permissionDefaults,
  permissionDrift,
  setDefaultVisible,
  type AppError,
  type ApplyResult,
  type DefaultsView,
  type DriftPage,
  type DriftQuery,
} from '../api';
import { pluralCount } from '../lib/format';
import { action } from './action';

export interface PermDefaultsDeps {
  defaults: () => Promise<DefaultsView>;
  setVisible: (key: string, visible: boolean) => Promise<DefaultsView>;
  drift: (q: DriftQuery) => Promise<DriftPage>;
  align: (ids: number[]) => Promise<ApplyResult>;
}

const defaultDeps: PermDefaultsDeps = { defaults: permissionDefaults, setVisible: setDefaultVisible, drift: permissionDrift, align: alignWithDefault };

/** The page of drift rows shown at once. */
export const DRIFT_PAGE = 50;

/** The agency's default permission set and the sub-accounts whose published set differs from it. */
export class PermDefaultsStore {
  view = $state.raw<DefaultsView | null>(null);
  drift = $state.raw<DriftPage | null>(null);
  offset = $state(0);
  loadError = $state<AppError | null>(null);
  changing = $state('');
  aligning = $state(false);

  #deps: PermDefaultsDeps;

  constructor(deps: Partial<PermDefaultsDeps> = {}) {
    this.#deps = { ...defaultDeps, ...deps };
  }

  async load(): Promise<void> {
    await action(
      async () => {
        const [v, d] = await Promise.all([this.#deps.defaults(), this.#deps.drift({ offset: this.offset, limit: DRIFT_PAGE })]);
        this.view = v;
        this.drift = d;
        this.loadError = null;
      },
      { failed: (e) => (this.loadError = e), toast: false },
    );
  }

  async page(offset: number): Promise<void> {
    this.offset = Math.max(0, offset);
    await action(async () => {
      this.drift = await this.#deps.drift({ offset: this.offset, limit: DRIFT_PAGE });
    });
  }

  /** Shows or hides a node of the default set (saved at once); the drift list follows. */
  async setVisible(key: string, visible: boolean): Promise<void> {
    if (this.changing) return;
    await action(
      async () => {
        this.view = await this.#deps.setVisible(key, visible);
        this.drift = await this.#deps.drift({ offset: this.offset, limit: DRIFT_PAGE });
      },
      { busy: (on) => (this.changing = on ? key : ''), toast: 'Could not change the default' },
    );
  }

  /** "Align with default" for these sub-accounts. */
  async align(ids: number[]): Promise<boolean> {
    const err = await action(
      async () => {
        const r = await this.#deps.align(ids);
        this.drift = await this.#deps.drift({ offset: this.offset, limit: DRIFT_PAGE });
        return `Aligned ${pluralCount(r.applied, 'sub-account')} with the default.`;
      },
      { busy: (on) => (this.aligning = on), toast: 'Could not align' },
    );
    return err === null;
  }
}
