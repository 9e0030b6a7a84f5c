import { listProviders, providerCatalog, type AppError, type Provider, type ProviderInfo } from '../api';
import { action } from './action';

export interface ProvidersDeps {
  /** Every provider Go names, with or without an adapter yet. */
  list: () => Promise<Provider[]>;
  /** The providers a sub-account can connect to, with their credential fields. */
  catalog: () => Promise<ProviderInfo[]>;
}

/**
 * The voice providers Go knows, loaded once: all of them for filters and labels, and the catalog
 * of those a sub-account can connect to (which leaves out providers without an adapter).
 */
export class ProvidersStore {
  /** Every provider, for the list's filter and labels. */
  all = $state.raw<Provider[]>([]);
  /** The providers a sub-account can connect to, with their credential fields, in display order. */
  catalog = $state.raw<ProviderInfo[]>([]);
  loaded = $state(false);
  error = $state<AppError | null>(null);
  #deps: ProvidersDeps;
  #pending: Promise<void> | null = null;

  constructor(deps: Partial<ProvidersDeps> = {}) {
    this.#deps = { list: listProviders, catalog: providerCatalog, ...deps };
  }

  /** Loads both lists unless they are loaded or loading; after a failure, tries again. */
  load(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    this.#pending ??= this.#load();
    return this.#pending;
  }

  async #load(): Promise<void> {
    await action(
      async () => {
        const [all, catalog] = await Promise.all([this.#deps.list(), this.#deps.catalog()]);
        this.all = all;
        this.catalog = catalog;
        this.loaded = true;
        this.error = null;
      },
      { failed: (e) => (this.error = e), toast: false },
    );
    this.#pending = null;
  }
}

export const providers = new ProvidersStore();
