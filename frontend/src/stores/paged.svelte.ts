import type { AppError } from '../api';
import { debounce, LatestOnly } from '../lib/latest';
import { action } from './action';

export const SEARCH_DEBOUNCE_MS = 150;

/** What every paged answer carries. */
export interface Page<Item> {
  items: Item[];
  total: number;
  /** Go stopped counting at total (a search of a long list): there are more. */
  totalCapped?: boolean;
}

/** One request for a page: the query to send, and where the answer's rows start (0-based). */
export interface PageRequest<Q, P> {
  query: Q;
  start: (page: P) => number;
}

/**
 * A screen of rows fetched one page at a time: Previous/Next, a debounced search when the query
 * has one, and only the newest request's answer ever shown. How a page is asked for (an offset,
 * a keyset cursor) is the subclass's: it says which request the current state makes, where its
 * rows start, and how to move to the first, next and previous page.
 */
export abstract class PagedBase<Q extends { search?: string }, Item, P extends Page<Item> = Page<Item>> {
  /** The search box's text, when the query has a search (see setSearch). */
  search = $state('');

  items = $state.raw<Item[]>([]);
  /** Rows matching the query of the rows shown. */
  total = $state(0);
  /** Go stopped counting at total: more rows match. */
  totalCapped = $state(false);
  loading = $state(false);
  error = $state<AppError | null>(null);
  /** True once a page has arrived. */
  loaded = $state(false);
  /** The query whose answer is shown: page range and sort marks describe it. */
  shownQuery = $state.raw<Q | null>(null);
  /** The answer shown (null until one arrives). */
  protected shownPage = $state.raw<P | null>(null);
  /** Where the rows shown start (0-based). */
  #shownStart = $state(0);

  /** Rows a page holds (a list with a page-size choice changes it: see PagedQuery.setPageSize). */
  pageSize = $state(0);
  #latest = new LatestOnly();
  #debounced: ReturnType<typeof debounce>;

  constructor(pageSize: number, debounceMs = SEARCH_DEBOUNCE_MS) {
    this.pageSize = pageSize;
    this.#debounced = debounce(() => void this.load(), debounceMs);
  }

  /** The query for the current state (page and limit set, the search trimmed if it has one). */
  abstract query(): Q;

  /** Fetches the page a query names. */
  protected abstract fetch(q: Q): Promise<P>;

  /** The request the current state makes; by default its query, whose rows start at 0. */
  protected request(): PageRequest<Q, P> {
    return { query: this.query(), start: () => 0 };
  }

  /**
   * An answer to show came back empty though rows match (they went away under us): move the
   * state to a page that has rows and return true to load it instead. By default, show it.
   */
  protected emptied(_page: P, _q: Q): boolean {
    return false;
  }

  /** Back to the first page (a new search or filter). */
  protected abstract firstPage(): void;

  abstract get hasPrevious(): boolean;
  abstract get hasNext(): boolean;
  abstract nextPage(): Promise<void>;
  abstract previousPage(): Promise<void>;

  /** Where the rows shown start (0-based). */
  get shownOffset(): number {
    return this.#shownStart;
  }

  /** Changes whenever the rows shown answer a different query (not on a plain refresh). */
  get shownKey(): string {
    return JSON.stringify(this.shownQuery);
  }

  /**
   * Shows a page Go sent with the window (the first screen's) as the answer to the current
   * query, at once, without asking for it.
   */
  seed(page: P): void {
    const { query: q, start } = this.request();
    this.#show(page, q, start);
  }

  #show(page: P, q: Q, start: (page: P) => number): void {
    this.items = page.items;
    this.total = page.total;
    this.totalCapped = page.totalCapped === true;
    this.shownPage = page;
    this.#shownStart = start(page);
    if (this.shownKey !== JSON.stringify(q)) this.shownQuery = q;
    this.error = null;
    this.loaded = true;
  }

  /** Fetches the current page; keeps the old rows while loading. */
  async load(): Promise<void> {
    this.#debounced.cancel();
    const { query: q, start } = this.request();
    const current = this.#latest.begin();
    await action(
      async () => {
        const page = await this.fetch(q);
        if (!current()) return;
        if (page.items.length === 0 && page.total > 0 && this.emptied(page, q)) return this.load();
        this.#show(page, q, start);
      },
      { busy: (on) => (this.loading = on), current, failed: (e) => (this.error = e), toast: false },
    );
  }

  /**
   * Typing in the search box: debounced, and any answer in flight is now stale. Only for a query
   * that has a search (a type error elsewhere).
   */
  setSearch(this: PagedBase<Q & { search: string }, Item, P>, value: string): void {
    this.search = value;
    this.firstPage();
    this.#latest.invalidate();
    this.loading = true;
    this.#debounced();
  }

  /** A filter changed: back to the first page, and load. */
  protected refilter(change: () => void): Promise<void> {
    change();
    this.firstPage();
    return this.load();
  }
}

/** What every query paged by offset carries; `search` only on a screen with a search box. */
export interface PageQuery {
  search?: string;
  offset: number;
  limit: number;
}

/** Rows paged by offset: the page is `offset` rows from the start. Subclasses add their filters. */
export abstract class PagedQuery<Q extends PageQuery, Item> extends PagedBase<Q, Item> {
  /** The page being asked for (the rows shown are those of shownQuery). */
  offset = $state(0);

  protected override request(): PageRequest<Q, Page<Item>> {
    const q = this.query();
    return { query: q, start: () => q.offset };
  }

  /** The page emptied under us (rows deleted): go to the last page that has rows. */
  protected override emptied(page: Page<Item>, q: Q): boolean {
    if (q.offset === 0) return false;
    this.offset = Math.floor((page.total - 1) / this.pageSize) * this.pageSize;
    return true;
  }

  protected firstPage(): void {
    this.offset = 0;
  }

  /** The page shown, from 1. */
  get page(): number {
    return Math.floor(this.shownOffset / this.pageSize) + 1;
  }

  /** How many pages the rows shown make (at least 1); with a capped total, as far as Go counted. */
  get pageCount(): number {
    return Math.max(1, Math.ceil(this.total / this.pageSize));
  }

  /** Jumps to page n (from 1), kept within the pages there are. */
  goToPage(n: number): Promise<void> {
    const page = Math.min(Math.max(1, Math.trunc(n) || 1), this.pageCount);
    this.offset = (page - 1) * this.pageSize;
    return this.load();
  }

  /** Rows per page: the page that holds the first row shown stays in view. */
  setPageSize(size: number): Promise<void> {
    this.offset = Math.floor(this.shownOffset / size) * size;
    this.pageSize = size;
    return this.load();
  }

  get hasPrevious(): boolean {
    return this.offset > 0;
  }

  get hasNext(): boolean {
    return this.offset + this.pageSize < this.total;
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
}
