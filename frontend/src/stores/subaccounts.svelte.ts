import {
  createSubAccount,
  listPageSizes,
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
  pageSizes: () => Promise<number[]>;
}

/**
 * The sub-account list: filters, sort and page in, one page of rows out. The database does the
 * work; only the newest request's answer is ever shown.
 */
export class SubAccountListStore extends SortedPagedQuery<SortKey, SubAccountListQuery, SubAccount> {
  status = $state<StatusFilter>('');
  provider = $state('');
  /** The page sizes Go offers (empty until read: the pager then offers no choice). */
  pageSizes = $state.raw<number[]>([]);

  #list: ListDeps['list'];
  #create: ListDeps['create'];
  #pageSizes: ListDeps['pageSizes'];

  constructor(deps: Partial<ListDeps> = {}, debounceMs = SEARCH_DEBOUNCE_MS) {
    super(PAGE_SIZE, { sort: 'name', desc: false }, debounceMs);
    this.#list = deps.list ?? listSubAccounts;
    this.#create = deps.create ?? createSubAccount;
    this.#pageSizes = deps.pageSizes ?? listPageSizes;
  }

  /** Reads the page sizes on offer, once; without them the pager keeps the default size. */
  async loadPageSizes(): Promise<void> {
    if (this.pageSizes.length > 0) return;
    try {
      this.pageSizes = await this.#pageSizes();
    } catch {
      this.pageSizes = [];
    }
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
      limit: this.pageSize,
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
   * Creates a sub-account, toasts, refreshes and hands the new one to created (which opens it).
   * Returns the error for the dialog to show when Go named a field; other errors are toasted and
   * returned too.
   */
  create(name: string, created?: (sub: SubAccount) => void): Promise<AppError | null> {
    return action(
      async () => {
        const sub = await this.#create(name);
        void this.load();
        created?.(sub);
        return `Created ${quoted(sub.name)}`;
      },
      { toast: unlessFields },
    );
  }

  /**
   * A sub-account was deleted: a search that found it and now finds nothing else is cleared, so
   * the list does not stay filtered by a name that is gone. Other filters stay.
   */
  async deleted(name: string): Promise<void> {
    const search = this.search.trim().toLowerCase();
    if (search === '' || !name.toLowerCase().includes(search)) return this.load();
    await this.load();
    if (this.search.trim().toLowerCase() === search && this.total === 0 && !this.error) {
      this.search = '';
      this.firstPage();
      await this.load();
    }
  }
}

export const subAccountList = new SubAccountListStore();
