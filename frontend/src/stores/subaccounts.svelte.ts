import {
  createSubAccount,
  listSubAccounts,
  toAppError,
  type AppError,
  type ListPage,
  type ListQuery,
  type SortKey,
  type StatusFilter,
  type SubAccount,
} from '../api';
import { quoted } from '../lib/format';
import { toggleSort, type SortState } from '../lib/sort';
import { PagedQuery, SEARCH_DEBOUNCE_MS } from './paged.svelte';
import { toasts } from './toasts.svelte';

export const PAGE_SIZE = 100;

export interface ListDeps {
  list: (q: ListQuery) => Promise<ListPage>;
  create: (name: string) => Promise<SubAccount>;
}

/**
 * The sub-account list: filters, sort and page in, one page of rows out. The database does the
 * work; only the newest request's answer is ever shown.
 */
export class SubAccountListStore extends PagedQuery<ListQuery, SubAccount> {
  status = $state<StatusFilter>('');
  provider = $state('');
  sort = $state<SortKey>('name');
  desc = $state(false);

  #create: ListDeps['create'];

  constructor(deps: Partial<ListDeps> = {}, debounceMs = SEARCH_DEBOUNCE_MS) {
    super(deps.list ?? listSubAccounts, PAGE_SIZE, debounceMs);
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

  /** The sort of the rows shown (the one asked for until a page arrives). */
  get shownSort(): SortState<SortKey> {
    const q = this.shownQuery ?? this.query();
    return { sort: q.sort, desc: q.desc };
  }

  /** The query for the current state. */
  query(): ListQuery {
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

  setStatus(value: StatusFilter): Promise<void> {
    this.status = value;
    this.offset = 0;
    return this.load();
  }

  setProvider(value: string): Promise<void> {
    this.provider = value;
    this.offset = 0;
    return this.load();
  }

  /** A click on a column header. */
  sortBy(column: SortKey): Promise<void> {
    const next = toggleSort({ sort: this.sort, desc: this.desc }, column);
    this.sort = next.sort;
    this.desc = next.desc;
    this.offset = 0;
    return this.load();
  }

  clearFilters(): Promise<void> {
    this.search = '';
    this.status = '';
    this.provider = '';
    this.offset = 0;
    return this.load();
  }

  /**
   * Creates a sub-account, toasts and refreshes. Returns the error for the dialog to show when
   * Go named a field; other errors are toasted and returned too.
   */
  async create(name: string): Promise<AppError | null> {
    try {
      const created = await this.#create(name);
      toasts.success(`Created ${quoted(created.name)}`);
      void this.load();
      return null;
    } catch (e) {
      const err = toAppError(e);
      if (!err.hasFields) toasts.error(err);
      return err;
    }
  }
}

export const subAccountList = new SubAccountListStore();
