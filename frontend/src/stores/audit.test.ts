import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditPage, AuditQuery } from '../api';
import { rangeText } from '../lib/format';
import { auditEntry, fakeAuditLog } from '../lib/testing';
import { ACTIVITY_PAGE_SIZE, ActivityStore, AuditLogStore } from './audit.svelte';

const NEWEST = { before: 0, after: 0, oldest: false };

/** The store's pager line, as the Pager shows it. */
function range(store: AuditLogStore): string {
  return rangeText(store.shownOffset, store.items.length, store.total, store.totalCapped);
}

/** The ids shown: first and last. */
function ends(store: AuditLogStore): [number | undefined, number | undefined] {
  return [store.items[0]?.id, store.items.at(-1)?.id];
}

describe('ActivityStore', () => {
  it("loads one sub-account's newest entries, then the ones older than the last shown", async () => {
    const { list } = fakeAuditLog(120);
    const store = new ActivityStore(7, list);
    await store.load();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 7, search: '', ...NEWEST, limit: ACTIVITY_PAGE_SIZE });
    expect(store.items).toHaveLength(50);
    expect(store.total).toBe(120);
    expect(store.hasMore).toBe(true);
    await store.load(true);
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 7, search: '', ...NEWEST, before: 71, limit: ACTIVITY_PAGE_SIZE });
    await store.load(true);
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 7, search: '', ...NEWEST, before: 21, limit: ACTIVITY_PAGE_SIZE });
    expect(store.items.map((e) => e.id)).toEqual(Array.from({ length: 120 }, (_, i) => 120 - i));
    expect(store.hasMore).toBe(false);
  });

  it('asks for the newest page again on a reload', async () => {
    const { list } = fakeAuditLog(120);
    const store = new ActivityStore(7, list);
    await store.load();
    await store.load(true);
    await store.load();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 7, search: '', ...NEWEST, limit: ACTIVITY_PAGE_SIZE });
    expect(store.items).toHaveLength(50);
  });
});

describe('AuditLogStore', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('walks the pages by before and after, and says where each one is', async () => {
    const { list } = fakeAuditLog(250);
    const store = new AuditLogStore(list, 150);
    await store.load();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...NEWEST, limit: 100 });
    expect(ends(store)).toEqual([250, 151]);
    expect(range(store)).toBe('1–100 of 250');
    expect([store.hasPrevious, store.hasNext]).toEqual([false, true]);

    await store.nextPage();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...NEWEST, before: 151, limit: 100 });
    expect(ends(store)).toEqual([150, 51]);
    expect(range(store)).toBe('101–200 of 250');
    expect([store.hasPrevious, store.hasNext]).toEqual([true, true]);

    await store.nextPage();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...NEWEST, before: 51, limit: 100 });
    expect(ends(store)).toEqual([50, 1]);
    expect(range(store)).toBe('201–250 of 250');
    expect([store.hasPrevious, store.hasNext]).toEqual([true, false]);
    await store.nextPage();
    expect(list).toHaveBeenCalledTimes(3);

    await store.previousPage();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...NEWEST, after: 50, limit: 100 });
    expect(ends(store)).toEqual([150, 51]);
    expect(range(store)).toBe('101–200 of 250');

    await store.previousPage();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...NEWEST, after: 150, limit: 100 });
    expect(ends(store)).toEqual([250, 151]);
    expect(range(store)).toBe('1–100 of 250');
    expect(store.hasPrevious).toBe(false);
    await store.previousPage();
    expect(list).toHaveBeenCalledTimes(5);
  });

  it('places the oldest page at the end (total − items + 1), and pages back from it', async () => {
    const { list } = fakeAuditLog(250);
    const store = new AuditLogStore(list, 150);
    await store.lastPage();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...NEWEST, oldest: true, limit: 100 });
    expect(ends(store)).toEqual([100, 1]);
    expect(range(store)).toBe('151–250 of 250');
    expect([store.hasPrevious, store.hasNext]).toEqual([true, false]);

    await store.previousPage();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...NEWEST, after: 100, limit: 100 });
    expect(ends(store)).toEqual([200, 101]);
    expect(range(store)).toBe('51–150 of 250');
    await store.previousPage();
    expect(ends(store)).toEqual([250, 201]);
    expect(range(store)).toBe('1–50 of 250');
  });

  it('keeps the page and its place on a refresh, and knows the end exactly after entries were added', async () => {
    const log = fakeAuditLog(250);
    const store = new AuditLogStore(log.list, 150);
    await store.load();
    await store.nextPage();
    await store.load();
    expect(log.list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...NEWEST, before: 151, limit: 100 });
    expect(range(store)).toBe('101–200 of 250');

    log.entries.push(...[251, 252, 253].map((id) => auditEntry(id)));
    await store.nextPage();
    expect(ends(store)).toEqual([50, 1]);
    expect(range(store)).toBe('204–253 of 253');
  });

  it('never places a page first while newer entries exist (entries were added meanwhile)', async () => {
    const log = fakeAuditLog(250);
    const store = new AuditLogStore(log.list, 150);
    await store.load();
    await store.nextPage();
    log.entries.push(...[251, 252, 253, 254, 255].map((id) => auditEntry(id)));
    await store.previousPage();
    expect(ends(store)).toEqual([250, 151]);
    expect(store.hasPrevious).toBe(true);
    expect(range(store)).toBe('2–101 of 255');
    await store.previousPage();
    expect(ends(store)).toEqual([255, 251]);
    expect(range(store)).toBe('1–5 of 255');
    expect(store.hasPrevious).toBe(false);
  });

  it('shows the oldest page when the page older than the last row shown came back empty', async () => {
    const { list: full } = fakeAuditLog(150);
    const list = vi.fn(
      (q: AuditQuery): Promise<AuditPage> =>
        q.before > 0 ? Promise.resolve({ items: [], total: 150, totalCapped: false, hasOlder: false, hasNewer: true }) : full(q),
    );
    const store = new AuditLogStore(list, 150);
    await store.load();
    await store.nextPage();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...NEWEST, oldest: true, limit: 100 });
    expect(ends(store)).toEqual([100, 1]);
    expect(range(store)).toBe('51–150 of 150');
    expect(store.loading).toBe(false);
  });

  it('debounces search and starts again at the newest page', async () => {
    const { list } = fakeAuditLog(250);
    const store = new AuditLogStore(list, 150);
    await store.load();
    await store.nextPage();
    expect(store.shownOffset).toBe(100);

    store.setSearch('dis');
    store.setSearch(' entry 1 ');
    expect(list).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(150);
    expect(list).toHaveBeenCalledTimes(3);
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: 'entry 1', ...NEWEST, limit: 100 });
    expect(store.shownFiltered).toBe(true);
    expect(store.shownOffset).toBe(0);
    expect(store.total).toBe(111);
    expect(range(store)).toBe('1–100 of 111');
  });

  it('says "of 1,000+" while Go stopped counting the matches, and places pages from where it came', async () => {
    const log = fakeAuditLog(250, 100);
    const store = new AuditLogStore(log.list, 0);
    store.setSearch('entry');
    await vi.advanceTimersByTimeAsync(0);
    expect(range(store)).toBe('1–100 of 100+');
    expect(store.hasNext).toBe(true);
    await store.nextPage();
    expect(range(store)).toBe('101–200 of 100+');
    await store.nextPage();
    // The end of the list, but not of Go's count: placed after the page it came from.
    expect(ends(store)).toEqual([50, 1]);
    expect(range(store)).toBe('201–250 of 100+');
    await store.previousPage();
    expect(range(store)).toBe('101–200 of 100+');
  });
});
