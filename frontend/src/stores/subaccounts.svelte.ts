import {
  createSubAccount,
  listSubAccounts,
  type AppError,
  type ListPage,
  type ListQuery,
  type SortKey,
  type StatusFilter,
  type SubAccount,
} from '../api';
import { quoted } from '../lib/format';
import { action, unlessFields } from './action';
import { SEARCH_DEBOUNCE_MS } from './paged.svelte';
import { SortedPagedQuery } from './sorted.svelte';

export const PAGE_SIZE = 100;

/** The store's query: Go's, sorted by a column (never by Go's default ""). */
export type SubAccountListQuery = ListQuery & { sort: SortKey };

export interface ListDeps {
  list: (q: ListQuery) => Promise<ListPage>;
  create: (name: string) => Promise<SubAccount>;
}

/**
 * The sub-account list: filters, sort and page in, one page of rows out. The database does the
 * work; only the newest request's answer is ever shown.
 */
export class SubAccountListStore extends SortedPagedQuery<SortKey, SubAccountListQuery, SubAccount> {
  status = $state<StatusFilter>('');
  provider = $state('');

  #list: ListDeps['list'];
  #create: ListDeps['create'];

  constructor(deps: Partial<ListDeps> = {}, debounceMs = SEARCH_DEBOUNCE_MS) {
    super(PAGE_SIZE, { sort: 'name', desc: false }, debounceMs);
    this.#list = deps.list ?? listSubAccounts;
    this.#create = deps.create ?? createSubAccount;
  }

  /** True when any filter is set. */
  get filtered(): boolean {
    return this.search.trim() !== '' || this.status !== '' || this.provider !== '';
  }

  /** Whether the rows shown were filtered (tells "none yet" from "none match"). */
  get shownFiltered(): boolean {
    const q = this.shownQuery;
    return q !== null && (q.search !== '' || q.status !== '' || q.provider !== '');
  }

  /** The query for the current state. */
  query(): SubAccountListQuery {
    return {
      search: this.search.trim(),
      status: this.status,
      provider: this.provider,
      sort: this.sort,
      desc: this.desc,
      offset: this.offset,
      limit: PAGE_SIZE,
    };
  }

  protected fetch(q: SubAccountListQuery): Promise<ListPage> {
    return this.#list(q);
  }

  setStatus(value: StatusFilter): Promise<void> {
    return this.refilter(() => (this.status = value));
  }

  setProvider(value: string): Promise<void> {
    return this.refilter(() => (this.provider = value));
  }

  clearFilters(): Promise<void> {
    return this.refilter(() => {
      this.search = '';
      this.status = '';
      this.provider = '';
    });
  }

  /**
   * Creates a sub-account, toasts and refreshes. Returns the error for the dialog to show when
   * Go named a field; other errors are toasted and returned too.
   */
  create(name: string): Promise<AppError | null> {
    return action(
      async () => {
        const created = await this.#create(name);
        void this.load();
        return `Created ${quoted(created.name)}`;
      },
      { toast: unlessFields },
    );
  }
}

export const subAccountList = new SubAccountListStore();
