import type { AppError } from '../api';
import { debounce, LatestOnly } from '../lib/latest';
import { action } from './action';

export const SEARCH_DEBOUNCE_MS = 150;

/** What every paged query carries; `search` only on a screen with a search box. */
export interface PageQuery {
  search?: string;
  offset: number;
  limit: number;
}

/** What every paged answer carries. */
export interface Page<Item> {
  items: Item[];
  total: number;
}

/**
 * A screen of rows fetched one page at a time: Previous/Next, a debounced search when the query
 * has one, and only the newest request's answer ever shown. Subclasses add their filters, build
 * the query and fetch its page.
 */
export abstract class PagedQuery<Q extends PageQuery, Item> {
  /** The search box's text, when the query has a search (see setSearch). */
  search = $state('');
  /** The page being asked for (the rows shown are those of shownQuery). */
  offset = $state(0);

  items = $state.raw<Item[]>([]);
  /** Rows matching the query of the rows shown. */
  total = $state(0);
  loading = $state(false);
  error = $state<AppError | null>(null);
  /** True once a page has arrived. */
  loaded = $state(false);
  /** The query whose answer is shown: page range and sort marks describe it. */
  shownQuery = $state.raw<Q | null>(null);

  readonly pageSize: number;
  #latest = new LatestOnly();
  #debounced: ReturnType<typeof debounce>;

  constructor(pageSize: number, debounceMs = SEARCH_DEBOUNCE_MS) {
    this.pageSize = pageSize;
    this.#debounced = debounce(() => void this.load(), debounceMs);
  }

  /** The query for the current state (offset and limit set, the search trimmed if it has one). */
  abstract query(): Q;

  /** Fetches the page a query names. */
  protected abstract fetch(q: Q): Promise<Page<Item>>;

  /** Where the rows shown start. */
  get shownOffset(): number {
    return this.shownQuery?.offset ?? 0;
  }

  /** Changes whenever the rows shown answer a different query (not on a plain refresh). */
  get shownKey(): string {
    return JSON.stringify(this.shownQuery);
  }

  get hasPrevious(): boolean {
    return this.offset > 0;
  }

  get hasNext(): boolean {
    return this.offset + this.pageSize < this.total;
  }

  /** Fetches the current page; keeps the old rows while loading. */
  async load(): Promise<void> {
    this.#debounced.cancel();
    const q = this.query();
    const current = this.#latest.begin();
    await action(
      async () => {
        const page = await this.fetch(q);
        if (!current()) return;
        if (page.items.length === 0 && q.offset > 0 && page.total > 0) {
          // The page emptied under us (rows deleted): go to the last page that has rows.
          this.offset = Math.floor((page.total - 1) / this.pageSize) * this.pageSize;
          return this.load();
        }
        this.items = page.items;
        this.total = page.total;
        if (this.shownKey !== JSON.stringify(q)) this.shownQuery = q;
        this.error = null;
        this.loaded = true;
      },
      { busy: (on) => (this.loading = on), current, failed: (e) => (this.error = e), toast: false },
    );
  }

  /**
   * Typing in the search box: debounced, and any answer in flight is now stale. Only for a query
   * that has a search (a type error elsewhere).
   */
  setSearch(this: PagedQuery<Q & { search: string }, Item>, value: string): void {
    this.search = value;
    this.offset = 0;
    this.#latest.invalidate();
    this.loading = true;
    this.#debounced();
  }

  nextPage(): Promise<void> {
    if (!this.hasNext) return Promise.resolve();
    this.offset += this.pageSize;
    return this.load();
  }

  previousPage(): Promise<void> {
    if (!this.hasPrevious) return Promise.resolve();
    this.offset = Math.max(0, this.offset - this.pageSize);
    return this.load();
  }

  /** A filter changed: back to the first page, and load. */
  protected refilter(change: () => void): Promise<void> {
    change();
    this.offset = 0;
    return this.load();
  }
}
