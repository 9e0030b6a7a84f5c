import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListPage, ListQuery, SubAccount } from '../api';
import { manualFetch } from '../lib/testing';
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
    lastLoginVia: '',
    customerLoginAt: '',
    lastCallAt: '',
    createdAt: '2025-11-28T00:00:00Z',
    minutesLeft: null,
    licenseState: '',
  };
}

function page(items: SubAccount[], total = items.length, offset = 0): ListPage {
  return { items, total, totalCapped: false, offset, limit: PAGE_SIZE };
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

  it('marks the sort of the rows shown, and toggles from the sort asked for', async () => {
    const { fetch: list, calls } = manualFetch<ListQuery, ListPage>();
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

  it('hands the new sub-account to the caller, which opens it', async () => {
    const list = vi.fn((_q: ListQuery) => Promise.resolve(page([], 0)));
    const store = new SubAccountListStore({ list, create: (name) => Promise.resolve(account(9, name)) });
    const opened = vi.fn();
    await store.create('Acme', opened);
    expect(opened).toHaveBeenCalledWith(expect.objectContaining({ id: 9, name: 'Acme' }));
  });

  it('clears a search that only found the deleted sub-account, and keeps one that finds others', async () => {
    let left: SubAccount[] = [];
    const list = vi.fn((q: ListQuery) =>
      Promise.resolve(page(q.search === '' ? [account(2, 'Bravo')] : left.filter((a) => a.name.toLowerCase().includes(q.search)))),
    );
    const store = new SubAccountListStore({ list }, 0);
    store.search = 'acme';
    await store.deleted('Acme Dental');
    expect(store.search).toBe('');
    expect(store.items.map((a) => a.name)).toEqual(['Bravo']);

    left = [account(3, 'Acme Roofing')];
    store.search = 'acme';
    await store.deleted('Acme Dental');
    expect(store.search).toBe('acme');
    expect(store.items.map((a) => a.name)).toEqual(['Acme Roofing']);

    store.search = 'zeta';
    await store.deleted('Acme Dental');
    expect(store.search).toBe('zeta');
  });

  it('pages with the page size chosen and keeps the first row shown in view', async () => {
    const list = vi.fn((q: ListQuery) => Promise.resolve(page([account(q.offset + 1)], 1000, q.offset)));
    const store = new SubAccountListStore({ list, pageSizes: () => Promise.resolve([25, 50, 100, 200]) });
    await store.loadPageSizes();
    expect(store.pageSizes).toEqual([25, 50, 100, 200]);
    await store.load();
    await store.goToPage(4);
    expect(store.query().offset).toBe(300);
    expect(store.page).toBe(4);
    expect(store.pageCount).toBe(10);
    await store.setPageSize(200);
    expect(store.query()).toMatchObject({ offset: 200, limit: 200 });
    expect(store.page).toBe(2);
    await store.goToPage(99);
    expect(store.query().offset).toBe(800);
    await store.goToPage(0);
    expect(store.query().offset).toBe(0);
  });
});
