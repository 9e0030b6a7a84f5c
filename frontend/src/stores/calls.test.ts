import { afterEach, describe, expect, it, vi } from 'vitest';
import { Code, type Call, type CallPage, type CallQuery, type ExportProgress, type ExportResult, type SyncProgress } from '../api';
import { manualFetch } from '../lib/testing';
import { CALLS_PAGE_SIZE, CallsStore } from './calls.svelte';
import { toasts } from './toasts.svelte';

/** The user's zone, injected: the queries do not depend on the machine's. */
const ZONE = 'America/New_York';
const timeZone = () => ZONE;

function page(items: Call[] = [], over: Partial<CallPage> = {}): CallPage {
  return {
    items,
    total: items.length,
    totals: { count: items.length, minutes: 0, costs: [] },
    offset: 0,
    limit: CALLS_PAGE_SIZE,
    ...over,
  };
}

describe('CallsStore', () => {
  afterEach(() => {
    vi.useRealTimers();
    toasts.items = [];
  });

  it('asks for the newest first, 100 a page, with no filters', async () => {
    const list = vi.fn((_q: CallQuery) => Promise.resolve(page()));
    const store = new CallsStore(7, { list, timeZone });
    await store.load();
    expect(list).toHaveBeenCalledWith({
      subAccountId: 7,
      direction: '',
      status: '',
      fromDate: '',
      toDate: '',
      timeZone: ZONE,
      sort: 'startedAt',
      desc: true,
      offset: 0,
      limit: 100,
    });
  });

  it("sends the user's zone by default, as the webview knows it", async () => {
    // The machine running the tests may well be on UTC: make the webview's zone another one.
    const real = Intl.DateTimeFormat;
    const spy = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(
      (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => {
        const f = new real(...args);
        const options = f.resolvedOptions();
        f.resolvedOptions = () => ({ ...options, timeZone: 'Pacific/Chatham' });
        return f;
      },
    );
    try {
      const list = vi.fn((_q: CallQuery) => Promise.resolve(page()));
      await new CallsStore(7, { list }).load();
      expect(list.mock.lastCall?.[0].timeZone).toBe('Pacific/Chatham');
    } finally {
      spy.mockRestore();
    }
  });

  it('counts a picked last day alone as a filter', async () => {
    const list = vi.fn((_q: CallQuery) => Promise.resolve(page()));
    const store = new CallsStore(7, { list, timeZone });
    await store.setToDate('2026-01-20');
    expect(list.mock.lastCall?.[0]).toMatchObject({ fromDate: '', toDate: '2026-01-20', timeZone: ZONE });
    expect(store.filtered).toBe(true);
    expect(store.shownFiltered).toBe(true);
  });

  it('builds the query from the filters, the picked days as they are, and starts at the first page', async () => {
    const list = vi.fn((_q: CallQuery) => Promise.resolve(page([], { total: 500 })));
    const store = new CallsStore(7, { list, timeZone }, 0);
    store.offset = 200;
    await store.setDirection('out');
    expect(list.mock.lastCall?.[0]).toMatchObject({ direction: 'out', offset: 0 });
    await store.setFromDate('2026-01-15');
    await store.setToDate('2026-01-20');
    // Choosing a status in the select reloads the first page with it.
    store.offset = 200;
    await store.setStatus('no_answer');
    expect(store.status).toBe('no_answer');
    expect(list.mock.lastCall?.[0]).toEqual({
      subAccountId: 7,
      direction: 'out',
      status: 'no_answer',
      fromDate: '2026-01-15',
      toDate: '2026-01-20',
      timeZone: ZONE,
      sort: 'startedAt',
      desc: true,
      offset: 0,
      limit: 100,
    });
    expect(store.shownFiltered).toBe(true);
    await store.clearFilters();
    expect(list.mock.lastCall?.[0]).toMatchObject({ direction: '', status: '', fromDate: '', toDate: '', timeZone: ZONE, offset: 0 });
    expect(store.status).toBe('');
    expect(store.shownFiltered).toBe(false);
  });

  it('counts a chosen status alone as a filter', async () => {
    const list = vi.fn((_q: CallQuery) => Promise.resolve(page()));
    const store = new CallsStore(7, { list, timeZone });
    await store.setStatus('failed');
    expect(list).toHaveBeenCalledTimes(1);
    expect(list.mock.lastCall?.[0]).toMatchObject({ direction: '', status: 'failed', fromDate: '', toDate: '', offset: 0 });
    expect(store.filtered).toBe(true);
    expect(store.shownFiltered).toBe(true);
  });

  it('toggles the sort: another column starts ascending, the same one flips', async () => {
    const list = vi.fn((_q: CallQuery) => Promise.resolve(page()));
    const store = new CallsStore(7, { list });
    await store.load();
    expect(store.shownSort).toEqual({ sort: 'startedAt', desc: true });
    await store.sortBy('startedAt');
    expect(store.shownSort).toEqual({ sort: 'startedAt', desc: false });
    await store.sortBy('duration');
    expect(store.shownSort).toEqual({ sort: 'duration', desc: false });
    await store.sortBy('duration');
    expect(store.shownSort).toEqual({ sort: 'duration', desc: true });
    expect(list.mock.lastCall?.[0]).toMatchObject({ sort: 'duration', desc: true, offset: 0 });
  });

  it('shows the totals of the rows shown, never those of a stale answer', async () => {
    const { fetch, calls } = manualFetch<CallQuery, CallPage>();
    const store = new CallsStore(7, { list: fetch });
    const first = store.load();
    const second = store.setDirection('in');
    calls[1]!.resolve(page([], { total: 3, totals: { count: 3, minutes: 4, costs: [{ currency: 'USD', amountMinor: 1234, amount: '12.34', exponent: 2 }] } }));
    await second;
    calls[0]!.resolve(page([], { total: 9, totals: { count: 9, minutes: 99, costs: [] } }));
    await first;
    expect(store.totals.count).toBe(3);
    expect(store.totals.costs[0]?.amount).toBe('12.34');
  });

  it("reports Go's field errors for the date filters and the zone", async () => {
    const list = vi.fn(() =>
      Promise.reject({
        code: 'invalid',
        message: 'Check the dates.',
        fields: {
          toDate: 'The last day cannot be before the first.',
          timeZone: 'The time zone must be an IANA name such as Europe/Berlin.',
        },
      }),
    );
    const store = new CallsStore(7, { list, timeZone: () => 'Mars/Olympus' });
    await store.setToDate('2026-01-01');
    expect(store.fieldError('toDate')).toBe('The last day cannot be before the first.');
    expect(store.fieldError('timeZone')).toBe('The time zone must be an IANA name such as Europe/Berlin.');
    expect(store.fieldError('fromDate')).toBeUndefined();
  });

  it('reloads when a sync of its own sub-account finishes, and stops when unsubscribed', async () => {
    let emit: (p: SyncProgress) => void = () => {};
    const off = vi.fn();
    const list = vi.fn((_q: CallQuery) => Promise.resolve(page()));
    const store = new CallsStore(7, { list, onSyncDone: (fn) => ((emit = fn), off), timeZone });
    const stop = store.follow();
    await vi.waitFor(() => expect(list).toHaveBeenCalledTimes(1));
    emit({ subAccountId: 8, run: 1, pages: 1, requests: 1, calls: 5, shared: 0, unassigned: 0, done: true, error: null });
    const offline = { code: Code.Unavailable, message: 'offline' };
    emit({ subAccountId: 7, run: 2, pages: 1, requests: 1, calls: 0, shared: 0, unassigned: 0, done: false, error: offline });
    expect(list).toHaveBeenCalledTimes(1);
    emit({ subAccountId: 7, run: 3, pages: 2, requests: 2, calls: 1500, shared: 0, unassigned: 0, done: true, error: null });
    await vi.waitFor(() => expect(list).toHaveBeenCalledTimes(2));
    stop();
    expect(off).toHaveBeenCalledTimes(1);
  });

  describe('export', () => {
    function exporting(result: Promise<ExportResult>) {
      let emit: (p: ExportProgress) => void = () => {};
      const off = vi.fn();
      const exp = vi.fn((_q: CallQuery) => result);
      const store = new CallsStore(7, {
        list: () => Promise.resolve(page()),
        export: exp,
        onExportProgress: (fn) => ((emit = fn), off),
        timeZone,
      });
      return { store, exp, off, emit: (p: ExportProgress) => emit(p) };
    }

    it('follows the progress events, then toasts where the file went', async () => {
      let finish: (r: ExportResult) => void = () => {};
      const { store, exp, off, emit } = exporting(new Promise((r) => (finish = r)));
      store.direction = 'in';
      store.fromDate = '2026-01-15';
      const done = store.exportCsv();
      expect(store.exporting).toBe(true);
      expect(store.exportProgress).toBeNull();
      expect(exp).toHaveBeenCalledWith(
        expect.objectContaining({
          subAccountId: 7,
          direction: 'in',
          fromDate: '2026-01-15',
          toDate: '',
          timeZone: ZONE,
          sort: 'startedAt',
          desc: true,
        }),
      );
      expect(exp.mock.lastCall?.[0]).not.toHaveProperty('search');

      emit({ written: 0, total: 12000 });
      expect(store.exportProgress).toEqual({ written: 0, total: 12000 });
      emit({ written: 5000, total: 12000 });
      expect(store.exportProgress).toEqual({ written: 5000, total: 12000 });
      // A second click while one runs does nothing.
      expect(await store.exportCsv()).toBeNull();

      finish({ path: '/home/me/acme-calls.csv', rows: 12000, cancelled: false });
      await done;
      expect(store.exporting).toBe(false);
      expect(store.exportProgress).toBeNull();
      expect(off).toHaveBeenCalledTimes(1);
      expect(toasts.items.map((t) => [t.kind, t.message])).toEqual([
        ['success', 'Exported 12,000 calls to /home/me/acme-calls.csv'],
      ]);
    });

    it('says nothing when the save dialog was cancelled', async () => {
      const { store, off } = exporting(Promise.resolve({ path: '', rows: 0, cancelled: true }));
      const r = await store.exportCsv();
      expect(r?.cancelled).toBe(true);
      expect(toasts.items).toEqual([]);
      expect(off).toHaveBeenCalledTimes(1);
    });

    it('toasts a failure and stops following the events', async () => {
      const { store, off } = exporting(Promise.reject({ code: 'internal', message: 'The disk is full.' }));
      expect(await store.exportCsv()).toBeNull();
      expect(store.exporting).toBe(false);
      expect(off).toHaveBeenCalledTimes(1);
      expect(toasts.items.map((t) => [t.kind, t.message])).toEqual([['error', 'Could not export the calls: The disk is full.']]);
    });
  });
});
