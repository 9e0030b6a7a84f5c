import { providerCatalog, toAppError, type AppError, type ProviderInfo } from '../api';

/** The providers a sub-account can connect to, with their credential fields. Loaded once. */
export class CatalogStore {
  items = $state.raw<ProviderInfo[]>([]);
  loaded = $state(false);
  error = $state<AppError | null>(null);
  #fetch: () => Promise<ProviderInfo[]>;
  #pending: Promise<void> | null = null;

  constructor(fetch: () => Promise<ProviderInfo[]> = providerCatalog) {
    this.#fetch = fetch;
  }

  /** Loads the catalog unless it is loaded or loading; after a failure, tries again. */
  load(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    this.#pending ??= this.#load();
    return this.#pending;
  }

  /** The provider with this id, if Go knows it. */
  find(id: string): ProviderInfo | undefined {
    return this.items.find((p) => p.id === id);
  }

  async #load(): Promise<void> {
    try {
      this.items = await this.#fetch();
      this.loaded = true;
      this.error = null;
    } catch (e) {
      this.error = toAppError(e);
    } finally {
      this.#pending = null;
    }
  }
}

export const catalog = new CatalogStore();
