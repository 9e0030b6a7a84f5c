import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../api';
import { manualFetch } from '../lib/testing';
import { PagedQuery, type Page, type PageQuery } from './paged.svelte';

const SIZE = 10;

type Fetch<Q> = (q: Q) => Promise<Page<number>>;
type SearchQuery = PageQuery & { search: string };

/** The smallest PagedQuery: rows are numbers, the query is only search and page. */
class Numbers extends PagedQuery<SearchQuery, number> {
  readonly #fetch: Fetch<SearchQuery>;

  constructor(fetch: Fetch<SearchQuery>, pageSize: number, debounceMs?: number) {
    super(pageSize, debounceMs);
    this.#fetch = fetch;
  }

  query(): SearchQuery {
    return { search: this.search.trim(), offset: this.offset, limit: SIZE };
  }

  protected fetch(q: SearchQuery): Promise<Page<number>> {
    return this.#fetch(q);
  }
}

/** A list without a search box (a history): its query has no search. */
class History extends PagedQuery<PageQuery, number> {
  readonly #fetch: Fetch<PageQuery>;

  constructor(fetch: Fetch<PageQuery>) {
    super(SIZE);
    this.#fetch = fetch;
  }

  query(): PageQuery {
    return { offset: this.offset, limit: SIZE };
  }

  protected fetch(q: PageQuery): Promise<Page<number>> {
    return this.#fetch(q);
  }
}

function page(items: number[], total = items.length): Page<number> {
  return { items, total };
}

/** A fake source of `total` numbers, 1 upwards. */
function source(total: number) {
  return vi.fn((q: PageQuery) =>
    Promise.resolve(page(Array.from({ length: Math.max(0, Math.min(q.limit, total - q.offset)) }, (_, i) => q.offset + i + 1), total)),
  );
}

function manual() {
  const { fetch, calls } = manualFetch<SearchQuery, Page<number>>();
  return { store: new Numbers(fetch, SIZE, 150), fetch, calls };
}

describe('PagedQuery', () => {
  afterEach(() => vi.useRealTimers());

  it('shows only the newest answer: older rows and failures are ignored', async () => {
    const { store, calls } = manual();
    const [older, stale, newest] = [store.load(), store.load(), store.load()];
    calls[2]!.resolve(page([3]));
    await newest;
    calls[0]!.resolve(page([1]));
    calls[1]!.reject({ code: 'internal', message: 'boom' });
    await Promise.all([older, stale]);
    expect(store.items).toEqual([3]);
    expect(store.error).toBeNull();
    expect(store.loading).toBe(false);
  });

  it('keeps the old rows while loading and reports errors as AppError', async () => {
    const { store, calls } = manual();
    const p1 = store.load();
    calls[0]!.resolve(page([1]));
    await p1;
    expect(store.loaded).toBe(true);

    const p2 = store.load();
    expect(store.loading).toBe(true);
    expect(store.items).toEqual([1]);
    calls[1]!.reject('{"code":"unavailable","message":"The database is busy."}');
    await p2;
    expect(store.error).toBeInstanceOf(AppError);
    expect(store.error?.message).toBe('The database is busy.');
    expect(store.items).toEqual([1]);
    expect(store.loading).toBe(false);
  });

  it('debounces typing, starts at the first page and makes answers in flight stale', async () => {
    vi.useFakeTimers();
    const { store, calls } = manual();
    store.offset = 20;
    const inFlight = store.load();

    store.setSearch('a');
    vi.advanceTimersByTime(100);
    store.setSearch(' ac ');
    vi.advanceTimersByTime(100);
    expect(calls).toHaveLength(1);
    expect(store.loading).toBe(true);
    expect(store.offset).toBe(0);

    calls[0]!.resolve(page([1]));
    await inFlight;
    expect(store.items).toEqual([]);

    vi.advanceTimersByTime(50);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.q).toEqual({ search: 'ac', offset: 0, limit: SIZE });
    calls[1]!.resolve(page([7]));
    await vi.runAllTimersAsync();
    expect(store.items).toEqual([7]);
    expect(store.loading).toBe(false);
  });

  it('load() cancels a pending search', async () => {
    vi.useFakeTimers();
    const fetch = source(5);
    const store = new Numbers(fetch, SIZE, 150);
    store.setSearch('x');
    await store.load();
    await vi.runAllTimersAsync();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('pages forward and back within the total', async () => {
    const store = new Numbers(source(15), SIZE);
    await store.load();
    expect(store.hasPrevious).toBe(false);
    expect(store.hasNext).toBe(true);
    await store.nextPage();
    expect(store.offset).toBe(10);
    expect(store.items).toHaveLength(5);
    expect(store.hasNext).toBe(false);
    await store.nextPage();
    expect(store.offset).toBe(10);
    await store.previousPage();
    expect(store.offset).toBe(0);
    expect(store.hasPrevious).toBe(false);
    await store.previousPage();
    expect(store.offset).toBe(0);
  });

  it('keeps the shown offset and key until the next page arrives, and the key on a refresh', async () => {
    const { store, calls } = manual();
    const p1 = store.load();
    calls[0]!.resolve(page([1], 25));
    await p1;
    const key = store.shownKey;

    const p2 = store.nextPage();
    expect(store.offset).toBe(10);
    expect(store.shownOffset).toBe(0);
    expect(store.shownKey).toBe(key);
    calls[1]!.resolve(page([11], 25));
    await p2;
    expect(store.shownOffset).toBe(10);
    expect(store.shownKey).not.toBe(key);

    const shown = store.shownQuery;
    const p3 = store.load();
    calls[2]!.resolve(page([11], 25));
    await p3;
    expect(store.shownQuery).toBe(shown);
  });

  it('moves to the last page when the current one emptied', async () => {
    const fetch = vi.fn((q: PageQuery) => Promise.resolve(q.offset >= 20 ? page([], 15) : page([q.offset + 1], 15)));
    const store = new Numbers(fetch, SIZE);
    store.offset = 20;
    await store.load();
    expect(store.offset).toBe(10);
    expect(store.items).toEqual([11]);
    expect(store.loading).toBe(false);
  });

  it('pages a list without a search box, whose query has no search', async () => {
    const fetch = source(15);
    const store = new History(fetch);
    await store.load();
    await store.nextPage();
    expect(fetch).toHaveBeenLastCalledWith({ offset: 10, limit: SIZE });
    expect(store.items).toEqual([11, 12, 13, 14, 15]);
    // There is nothing to type into, and svelte-check says so (never called).
    // @ts-expect-error setSearch needs a query with a search.
    const typing = () => store.setSearch('x');
    void typing;
  });
});
