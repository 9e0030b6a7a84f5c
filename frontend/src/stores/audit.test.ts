import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditFacets, AuditPage, AuditQuery, ExportResult } from '../api';
import { rangeText } from '../lib/format';
import { auditEntry, fakeAuditLog } from '../lib/testing';
import { ACTIVITY_PAGE_SIZE, activityLog, AuditLogStore, localDayStart, OUTSIDE_SESSIONS } from './audit.svelte';

const NEWEST = { before: 0, after: 0, oldest: false };
/** The filter fields of a query with no filter set. */
const ANY = { actor: '', asUser: '', action: '', accessSessionId: 0, from: '', to: '' };

/** The store's pager line, as the Pager shows it. */
function range(store: AuditLogStore): string {
  return rangeText(store.shownOffset, store.items.length, store.total, store.totalCapped);
}

/** The ids shown: first and last. */
function ends(store: AuditLogStore): [number | undefined, number | undefined] {
  return [store.items[0]?.id, store.items.at(-1)?.id];
}

describe('activityLog', () => {
  it("pages one sub-account's entries, 50 at a time, newest first", async () => {
    const { list } = fakeAuditLog(120);
    const store = activityLog(7, list, 0);
    await store.load();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 7, search: '', ...ANY, ...NEWEST, limit: ACTIVITY_PAGE_SIZE });
    expect(store.items).toHaveLength(50);
    expect(store.total).toBe(120);
    await store.nextPage();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 7, search: '', ...ANY, ...NEWEST, before: 71, limit: ACTIVITY_PAGE_SIZE });
    await store.nextPage();
    expect(store.items.map((e) => e.id)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(store.hasNext).toBe(false);
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
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...ANY, ...NEWEST, limit: 100 });
    expect(ends(store)).toEqual([250, 151]);
    expect(range(store)).toBe('1–100 of 250');
    expect([store.hasPrevious, store.hasNext]).toEqual([false, true]);

    await store.nextPage();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...ANY, ...NEWEST, before: 151, limit: 100 });
    expect(ends(store)).toEqual([150, 51]);
    expect(range(store)).toBe('101–200 of 250');
    expect([store.hasPrevious, store.hasNext]).toEqual([true, true]);

    await store.nextPage();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...ANY, ...NEWEST, before: 51, limit: 100 });
    expect(ends(store)).toEqual([50, 1]);
    expect(range(store)).toBe('201–250 of 250');
    expect([store.hasPrevious, store.hasNext]).toEqual([true, false]);
    await store.nextPage();
    expect(list).toHaveBeenCalledTimes(3);

    await store.previousPage();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...ANY, ...NEWEST, after: 50, limit: 100 });
    expect(ends(store)).toEqual([150, 51]);
    expect(range(store)).toBe('101–200 of 250');

    await store.previousPage();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...ANY, ...NEWEST, after: 150, limit: 100 });
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
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...ANY, ...NEWEST, oldest: true, limit: 100 });
    expect(ends(store)).toEqual([100, 1]);
    expect(range(store)).toBe('151–250 of 250');
    expect([store.hasPrevious, store.hasNext]).toEqual([true, false]);

    await store.previousPage();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...ANY, ...NEWEST, after: 100, limit: 100 });
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
    expect(log.list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...ANY, ...NEWEST, before: 151, limit: 100 });
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
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: '', ...ANY, ...NEWEST, oldest: true, limit: 100 });
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
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: 'entry 1', ...ANY, ...NEWEST, limit: 100 });
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

describe('AuditLogStore filters', () => {
  it('sends the filters, their days as local midnights, and starts again at the newest page', async () => {
    const { list } = fakeAuditLog(250);
    const store = new AuditLogStore(list, 0);
    await store.load();
    await store.nextPage();
    await store.setFilter((f) => {
      f.actor = 'dana';
      f.asUser = OUTSIDE_SESSIONS;
      f.action = 'plan.create';
      f.fromDate = '2026-02-28';
      f.toDate = '2026-02-28';
    });
    expect(list).toHaveBeenLastCalledWith({
      subAccountId: 0,
      search: '',
      actor: 'dana',
      asUser: '-',
      action: 'plan.create',
      accessSessionId: 0,
      from: new Date(2026, 1, 28).toISOString(),
      to: new Date(2026, 2, 1).toISOString(),
      ...NEWEST,
      limit: 100,
    });
    expect(store.shownOffset).toBe(0);
    expect(store.shownFiltered).toBe(true);

    await store.showSession(12);
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ actor: 'dana', accessSessionId: 12 }));
    store.setSearch('entry');
    await store.clearFilters();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: 'entry', ...ANY, ...NEWEST, limit: 100 });
    expect(store.filters.active).toBe(false);
    expect(store.shownFiltered).toBe(true); // the search still narrows
  });

  it('reads a picked day as the instant it starts, and nothing as no bound', () => {
    expect(localDayStart('2026-12-31', 1)).toBe(new Date(2027, 0, 1).toISOString());
    expect(localDayStart('')).toBe('');
    expect(localDayStart('31/12/2026')).toBe('');
  });

  it('keeps the facets it had when reading them again fails', async () => {
    const facets = vi
      .fn<() => Promise<AuditFacets>>()
      .mockResolvedValueOnce({ actors: ['dana'], asUsers: [], actions: [] })
      .mockRejectedValueOnce({ code: 'internal', message: 'no' });
    const store = new AuditLogStore({ list: fakeAuditLog(1).list, facets }, 0);
    await store.facets.load();
    await store.facets.load();
    expect(store.facets.facets.actors).toEqual(['dana']);
  });

  it('runs one export at a time, with the current filters and no page', async () => {
    let finish: (r: ExportResult) => void = () => {};
    const exp = vi.fn(() => new Promise<ExportResult>((resolve) => (finish = resolve)));
    const store = new AuditLogStore({ list: fakeAuditLog(250).list, export: exp, onExportProgress: () => () => {} }, 0);
    await store.load();
    await store.nextPage();
    store.filters.action = 'provider.save';
    const first = store.exportCsv();
    expect(await store.exportCsv()).toBeNull();
    expect(exp).toHaveBeenCalledTimes(1);
    expect(exp).toHaveBeenCalledWith(expect.objectContaining({ action: 'provider.save', before: 0, after: 0, oldest: false }));
    finish({ path: '/tmp/a.csv', rows: 3, cancelled: false });
    expect(await first).toEqual({ path: '/tmp/a.csv', rows: 3, cancelled: false });
    expect(store.exporter.exporting).toBe(false);
  });
});
