import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError, type ListPage, type ListQuery, type SubAccount } from '../api';
import { PAGE_SIZE, SubAccountListStore } from './subaccounts.svelte';
import { toasts } from './toasts.svelte';

function account(id: number, name = `Account ${id}`): SubAccount {
  return {
    id,
    name,
    status: 'active',
    provider: '',
    providerName: '',
    lastLoginAt: '',
    lastCallAt: '',
    createdAt: '2025-11-28T00:00:00Z',
  };
}

function page(items: SubAccount[], total = items.length, offset = 0): ListPage {
  return { items, total, offset, limit: PAGE_SIZE };
}

/** A list function whose answers the test releases by hand, in any order. */
function manualList() {
  const calls: { q: ListQuery; resolve: (p: ListPage) => void; reject: (e: unknown) => void }[] = [];
  const list = vi.fn(
    (q: ListQuery) =>
      new Promise<ListPage>((resolve, reject) => {
        calls.push({ q, resolve, reject });
      }),
  );
  return { list, calls };
}

describe('SubAccountListStore', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    toasts.items = [];
  });

  it('builds the query from filters, sort and page', async () => {
    const list = vi.fn((_q: ListQuery) => Promise.resolve(page([], 250)));
    const store = new SubAccountListStore({ list });
    expect(store.query()).toEqual({
      search: '',
      status: '',
      provider: '',
      sort: 'name',
      desc: false,
      offset: 0,
      limit: PAGE_SIZE,
    });
    await store.setStatus('inactive');
    await store.setProvider('none');
    await store.sortBy('lastCall');
    await store.sortBy('lastCall');
    store.search = '  acme ';
    store.offset = 200;
    expect(store.query()).toEqual({
      search: 'acme',
      status: 'inactive',
      provider: 'none',
      sort: 'lastCall',
      desc: true,
      offset: 200,
      limit: PAGE_SIZE,
    });
  });

  it('shows only the latest answer when answers arrive out of order', async () => {
    const { list, calls } = manualList();
    const store = new SubAccountListStore({ list });
    const first = store.setStatus('active');
    const second = store.setStatus('inactive');
    expect(calls).toHaveLength(2);

    calls[1]!.resolve(page([account(2, 'Newer')], 1));
    await second;
    calls[0]!.resolve(page([account(1, 'Older')], 1));
    await first;

    expect(store.items.map((a) => a.name)).toEqual(['Newer']);
    expect(store.loading).toBe(false);
  });

  it('ignores a stale failure', async () => {
    const { list, calls } = manualList();
    const store = new SubAccountListStore({ list });
    const first = store.load();
    const second = store.load();
    calls[1]!.resolve(page([account(1)], 1));
    await second;
    calls[0]!.reject({ code: 'internal', message: 'boom' });
    await first;
    expect(store.error).toBeNull();
    expect(store.items).toHaveLength(1);
  });

  it('keeps the old rows while loading and reports errors as AppError', async () => {
    const { list, calls } = manualList();
    const store = new SubAccountListStore({ list });
    const p1 = store.load();
    calls[0]!.resolve(page([account(1)], 1));
    await p1;

    const p2 = store.load();
    expect(store.loading).toBe(true);
    expect(store.items).toHaveLength(1);
    calls[1]!.reject('{"code":"unavailable","message":"The database is busy."}');
    await p2;
    expect(store.error).toBeInstanceOf(AppError);
    expect(store.error?.message).toBe('The database is busy.');
    expect(store.items).toHaveLength(1);
    expect(store.loading).toBe(false);
  });

  it('debounces typing and makes answers in flight stale', async () => {
    const { list, calls } = manualList();
    const store = new SubAccountListStore({ list }, 150);
    const inFlight = store.load();

    store.setSearch('a');
    vi.advanceTimersByTime(100);
    store.setSearch('ac');
    vi.advanceTimersByTime(100);
    expect(calls).toHaveLength(1);
    expect(store.loading).toBe(true);

    calls[0]!.resolve(page([account(1, 'Unfiltered')], 1));
    await inFlight;
    expect(store.items).toEqual([]);

    vi.advanceTimersByTime(50);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.q.search).toBe('ac');
    calls[1]!.resolve(page([account(2, 'Acme')], 1));
    await vi.runAllTimersAsync();
    expect(store.items.map((a) => a.name)).toEqual(['Acme']);
    expect(store.shownFiltered).toBe(true);
  });

  it('resets to the first page when a filter changes', async () => {
    const list = vi.fn((q: ListQuery) => Promise.resolve(page([account(q.offset + 1)], 500, q.offset)));
    const store = new SubAccountListStore({ list });
    await store.load();
    await store.nextPage();
    expect(store.offset).toBe(100);
    await store.setStatus('active');
    expect(store.offset).toBe(0);
    await store.nextPage();
    await store.sortBy('status');
    expect(store.offset).toBe(0);
  });

  it('pages forward and back within the total', async () => {
    const list = vi.fn((q: ListQuery) =>
      Promise.resolve(page(Array.from({ length: Math.min(100, 150 - q.offset) }, (_, i) => account(q.offset + i + 1)), 150)),
    );
    const store = new SubAccountListStore({ list });
    await store.load();
    expect(store.hasPrevious).toBe(false);
    expect(store.hasNext).toBe(true);
    await store.nextPage();
    expect(store.offset).toBe(100);
    expect(store.items).toHaveLength(50);
    expect(store.hasNext).toBe(false);
    await store.nextPage();
    expect(store.offset).toBe(100);
    await store.previousPage();
    expect(store.offset).toBe(0);
  });

  it('keeps the shown offset until the next page arrives', async () => {
    const { list, calls } = manualList();
    const store = new SubAccountListStore({ list });
    const p1 = store.load();
    calls[0]!.resolve(page([account(1)], 250));
    await p1;
    const p2 = store.nextPage();
    expect(store.offset).toBe(100);
    expect(store.shownOffset).toBe(0);
    calls[1]!.resolve(page([account(101)], 250, 100));
    await p2;
    expect(store.shownOffset).toBe(100);
  });

  it('marks the sort of the rows shown, and toggles from the sort asked for', async () => {
    const { list, calls } = manualList();
    const store = new SubAccountListStore({ list });
    const p1 = store.load();
    calls[0]!.resolve(page([account(1)], 1));
    await p1;
    const key = store.shownKey;

    void store.sortBy('lastLogin');
    const p3 = store.sortBy('lastLogin');
    expect(store.shownSort).toEqual({ sort: 'name', desc: false });
    expect(calls[2]!.q).toMatchObject({ sort: 'lastLogin', desc: true });
    calls[2]!.resolve(page([account(1)], 1));
    await p3;
    expect(store.shownSort).toEqual({ sort: 'lastLogin', desc: true });
    expect(store.shownKey).not.toBe(key);

    const again = store.shownKey;
    const p4 = store.load();
    calls[3]!.resolve(page([account(1)], 1));
    await p4;
    expect(store.shownKey).toBe(again);
  });

  it('moves to the last page when the current one emptied', async () => {
    const list = vi.fn((q: ListQuery) =>
      Promise.resolve(q.offset >= 200 ? page([], 150, q.offset) : page([account(q.offset + 1)], 150, q.offset)),
    );
    const store = new SubAccountListStore({ list });
    store.offset = 200;
    await store.load();
    expect(store.offset).toBe(100);
    expect(store.items).toHaveLength(1);
    expect(store.loading).toBe(false);
  });

  it('tells "none yet" from "none match"', async () => {
    const list = vi.fn((_q: ListQuery) => Promise.resolve(page([], 0)));
    const store = new SubAccountListStore({ list });
    await store.load();
    expect(store.shownFiltered).toBe(false);
    await store.setProvider('retell');
    expect(store.shownFiltered).toBe(true);
    await store.clearFilters();
    expect(store.shownFiltered).toBe(false);
    expect(store.query().provider).toBe('');
  });

  it('creates, toasts and refreshes', async () => {
    const list = vi.fn((_q: ListQuery) => Promise.resolve(page([account(1, 'Acme')], 1)));
    const create = vi.fn((name: string) => Promise.resolve(account(1, name)));
    const store = new SubAccountListStore({ list, create });
    await expect(store.create('Acme')).resolves.toBeNull();
    expect(create).toHaveBeenCalledWith('Acme');
    expect(list).toHaveBeenCalledTimes(1);
    expect(toasts.items.map((t) => t.message)).toEqual(['Created “Acme”']);
  });

  it('returns field errors from create without toasting them', async () => {
    const create = vi.fn(() => Promise.reject({ code: 'conflict', message: 'Taken.', fields: { name: 'Taken.' } }));
    const store = new SubAccountListStore({ list: vi.fn(), create });
    const err = await store.create('Acme');
    expect(err?.field('name')).toBe('Taken.');
    expect(toasts.items).toEqual([]);
  });

  it('toasts errors that name no field', async () => {
    const create = vi.fn(() => Promise.reject(new Error('bridge down')));
    const store = new SubAccountListStore({ list: vi.fn(), create });
    const err = await store.create('Acme');
    expect(err?.code).toBe('internal');
    expect(toasts.items.map((t) => [t.kind, t.message])).toEqual([['error', 'bridge down']]);
  });
});
