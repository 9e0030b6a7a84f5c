import { listProviders, toAppError, type AppError, type Provider } from '../api';

/** The voice providers Go knows, for filters and labels. */
export class ProvidersStore {
  items = $state.raw<Provider[]>([]);
  error = $state<AppError | null>(null);
  #list: () => Promise<Provider[]>;

  constructor(list: () => Promise<Provider[]> = listProviders) {
    this.#list = list;
  }

  async load(): Promise<void> {
    try {
      this.items = await this.#list();
      this.error = null;
    } catch (e) {
      this.error = toAppError(e);
    }
  }
}

export const providers = new ProvidersStore();
