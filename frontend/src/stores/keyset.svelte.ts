import { PagedBase, type Page, type PageRequest } from './paged.svelte';

/** What every query paged by keyset carries, newest first; `search` only with a search box. */
export interface KeysetQuery {
  search?: string;
  /** Entries older than this id (the next page); 0 = not this way. */
  before: number;
  /** Entries newer than this id (the previous page); 0 = not this way. */
  after: number;
  /** The oldest page. */
  oldest: boolean;
  limit: number;
}

/** A keyset page: whether more rows lie beyond it either way. */
export interface KeysetPage<Item> extends Page<Item> {
  hasOlder: boolean;
  hasNewer: boolean;
}

/**
 * The page asked for: the newest, the one older than an id (its rows start at `start`), the one
 * newer than an id (its rows end just before `end`), or the oldest. The positions come from the
 * page the person came from; Go counts only the total.
 */
export type Cursor =
  | { page: 'newest' }
  | { page: 'older'; before: number; start: number }
  | { page: 'newer'; after: number; end: number }
  | { page: 'oldest' };

/**
 * Where the rows of an answer to cursor c start (0-based): exact at either end of the list (at
 * the oldest end only while Go counted every row), else relative to the page paged from.
 */
function startOf<Item>(c: Cursor, p: KeysetPage<Item>): number {
  const n = p.items.length;
  // A capped total is only as far as Go counted: the oldest page then sits past it, unknown
  // where; it is placed at the count's end.
  const fromEnd = Math.max(0, p.total - n);
  switch (c.page) {
    case 'newest':
      return 0;
    case 'oldest':
      return fromEnd;
    case 'older':
      return p.hasOlder || p.totalCapped ? c.start : fromEnd;
    case 'newer':
      // Rows newer than these exist, so these cannot start the list.
      return p.hasNewer ? Math.max(1, c.end - n) : 0;
  }
}

/**
 * Rows paged by keyset, newest first: Next asks for the rows older than the last one shown,
 * Previous for those newer than the first one shown. Subclasses add their filters and put
 * keyset() into their query.
 */
export abstract class KeysetPagedQuery<Q extends KeysetQuery, Item extends { id: number }> extends PagedBase<
  Q,
  Item,
  KeysetPage<Item>
> {
  /** The page being asked for (the rows shown are those of shownQuery). */
  cursor = $state.raw<Cursor>({ page: 'newest' });

  /** The query's cursor fields for the page asked for. */
  protected keyset(): Pick<KeysetQuery, 'before' | 'after' | 'oldest'> {
    const c = this.cursor;
    return {
      before: c.page === 'older' ? c.before : 0,
      after: c.page === 'newer' ? c.after : 0,
      oldest: c.page === 'oldest',
    };
  }

  protected override request(): PageRequest<Q, KeysetPage<Item>> {
    const c = this.cursor;
    return { query: this.query(), start: (p) => startOf(c, p) };
  }

  /** Nothing beyond the row we paged from any more: show that end of the list instead. */
  protected override emptied(_page: KeysetPage<Item>, q: Q): boolean {
    if (q.before > 0) this.cursor = { page: 'oldest' };
    else if (q.after > 0) this.cursor = { page: 'newest' };
    else return false;
    return true;
  }

  protected firstPage(): void {
    this.cursor = { page: 'newest' };
  }

  get hasPrevious(): boolean {
    return this.shownPage?.hasNewer ?? false;
  }

  get hasNext(): boolean {
    return this.shownPage?.hasOlder ?? false;
  }

  /** The older page. */
  nextPage(): Promise<void> {
    const last = this.items.at(-1);
    if (!this.hasNext || !last) return Promise.resolve();
    this.cursor = { page: 'older', before: last.id, start: this.shownOffset + this.items.length };
    return this.load();
  }

  /** The newer page. */
  previousPage(): Promise<void> {
    const first = this.items[0];
    if (!this.hasPrevious || !first) return Promise.resolve();
    this.cursor = { page: 'newer', after: first.id, end: this.shownOffset };
    return this.load();
  }

  /** The oldest page. */
  lastPage(): Promise<void> {
    this.cursor = { page: 'oldest' };
    return this.load();
  }
}
