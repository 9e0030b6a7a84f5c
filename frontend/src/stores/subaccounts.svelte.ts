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
import { debounce, LatestOnly } from '../lib/latest';
import { toggleSort, type SortState } from '../lib/sort';
import { toasts } from './toasts.svelte';

export const PAGE_SIZE = 100;
export const SEARCH_DEBOUNCE_MS = 150;

export interface ListDeps {
  list: (q: ListQuery) => Promise<ListPage>;
  create: (name: string) => Promise<SubAccount>;
}

const defaultDeps: ListDeps = { list: listSubAccounts, create: createSubAccount };

/**
 * The sub-account list: filters, sort and page in, one page of rows out. The database does the
 * work; only the newest request's answer is ever shown.
 */
export class SubAccountListStore {
  search = $state('');
  status = $state<StatusFilter>('');
  provider = $state('');
  sort = $state<SortKey>('name');
  desc = $state(false);
  /** The page being asked for (the rows shown are those of shownQuery). */
  offset = $state(0);

  items = $state.raw<SubAccount[]>([]);
  /** Rows matching the filters of the rows shown. */
  total = $state(0);
  loading = $state(false);
  error = $state<AppError | null>(null);
  /** True once a page has arrived. */
  loaded = $state(false);
  /** The query whose answer is shown: the table's sort marks and page range describe it. */
  shownQuery = $state.raw<ListQuery | null>(null);

  #deps: ListDeps;
  #latest = new LatestOnly();
  #debounced: ReturnType<typeof debounce>;

  constructor(deps: Partial<ListDeps> = {}, debounceMs = SEARCH_DEBOUNCE_MS) {
    this.#deps = { ...defaultDeps, ...deps };
    this.#debounced = debounce(() => void this.load(), debounceMs);
  }

  /** True when any filter is set. */
  get filtered(): boolean {
    return this.search.trim() !== '' || this.status !== '' || this.provider !== '';
  }

  /** Where the rows shown start. */
  get shownOffset(): number {
    return this.shownQuery?.offset ?? 0;
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

  /** Changes whenever the rows shown answer a different query (not on a plain refresh). */
  get shownKey(): string {
    return JSON.stringify(this.shownQuery);
  }

  get hasPrevious(): boolean {
    return this.offset > 0;
  }

  get hasNext(): boolean {
    return this.offset + PAGE_SIZE < this.total;
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

  /** Fetches the current page; keeps the old rows while loading. */
  async load(): Promise<void> {
    this.#debounced.cancel();
    const q = this.query();
    const current = this.#latest.begin();
    this.loading = true;
    try {
      const page = await this.#deps.list(q);
      if (!current()) return;
      if (page.items.length === 0 && q.offset > 0 && page.total > 0) {
        // The page emptied under us (rows deleted): go to the last page that has rows.
        this.offset = Math.floor((page.total - 1) / PAGE_SIZE) * PAGE_SIZE;
        return this.load();
      }
      this.items = page.items;
      this.total = page.total;
      if (this.shownKey !== JSON.stringify(q)) this.shownQuery = q;
      this.error = null;
      this.loaded = true;
    } catch (e) {
      if (!current()) return;
      this.error = toAppError(e);
    } finally {
      if (current()) this.loading = false;
    }
  }

  /** Typing in the search box: debounced, and any answer in flight is now stale. */
  setSearch(value: string): void {
    this.search = value;
    this.offset = 0;
    this.#latest.invalidate();
    this.loading = true;
    this.#debounced();
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

  nextPage(): Promise<void> {
    if (!this.hasNext) return Promise.resolve();
    this.offset += PAGE_SIZE;
    return this.load();
  }

  previousPage(): Promise<void> {
    if (!this.hasPrevious) return Promise.resolve();
    this.offset = Math.max(0, this.offset - PAGE_SIZE);
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
      const created = await this.#deps.create(name);
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
