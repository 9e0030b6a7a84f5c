import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LicenseHistoryQuery } from '../api';
import { fakeLicense, grantRow, ledgerLine, licenseView, statement } from '../views/detail/license/testing';
import { LEDGER_PAGE_SIZE } from './ledger.svelte';
import { cycleDays, LICENSE_HISTORY_PAGE_SIZE, licenseTime, LicenseStore, signedMinutes, validityState } from './license.svelte';
import { toasts } from './toasts.svelte';

describe('LicenseStore', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('reads the view and the history, newest addition first', async () => {
    const fake = fakeLicense([grantRow(1, { addOnMinutes: 100 })]);
    const store = new LicenseStore(7, fake.deps);
    await store.load();
    expect(fake.get).toHaveBeenCalledWith(7);
    expect(fake.history).toHaveBeenCalledWith({ subAccountId: 7, sort: 'at', desc: true, offset: 0, limit: LICENSE_HISTORY_PAGE_SIZE });
    expect(store.view?.addOnLeft).toBe(100);
    expect(store.history.items.map((g) => g.id)).toEqual([1]);
  });

  it('sorts the history by a column, ascending first, then descending', async () => {
    const history = vi.fn((_q: LicenseHistoryQuery) => Promise.resolve({ items: [grantRow(1)], total: 60 }));
    const store = new LicenseStore(7, { ...fakeLicense().deps, history });
    await store.load();
    await store.history.nextPage();
    expect(history.mock.calls.at(-1)?.[0]).toMatchObject({ offset: LICENSE_HISTORY_PAGE_SIZE });
    await store.history.sortBy('freeMinutes');
    expect(history.mock.calls.at(-1)?.[0]).toMatchObject({ sort: 'freeMinutes', desc: false, offset: 0 });
    await store.history.sortBy('freeMinutes');
    expect(history.mock.calls.at(-1)?.[0]).toMatchObject({ sort: 'freeMinutes', desc: true });
    expect(store.history.shownSort).toEqual({ sort: 'freeMinutes', desc: true });
  });

  it("adds to the license, shows Go's new view and reads the history again", async () => {
    const fake = fakeLicense();
    const store = new LicenseStore(7, fake.deps);
    await store.load();
    expect(store.view?.licensed).toBe(false);
    const err = await store.add({ validUntil: '2026-12-31', freeMinutes: 500, addOnMinutes: 0, remarks: 'Year one' });
    expect(err).toBeNull();
    expect(fake.add).toHaveBeenCalledWith(7, { validUntil: '2026-12-31', freeMinutes: 500, addOnMinutes: 0, remarks: 'Year one' });
    expect(store.view?.licensed).toBe(true);
    expect(store.view?.freePerCycle).toBe(500);
    expect(store.history.items.map((g) => g.remarks)).toEqual(['Year one']);
    expect(toasts.items.map((t) => t.message)).toEqual(['Added to the license']);
  });

  it("returns Go's field errors without toasting them (an earlier validity)", async () => {
    const fake = fakeLicense([grantRow(1, { validUntil: '2026-12-31T22:59:00Z' })]);
    const store = new LicenseStore(7, fake.deps);
    const err = await store.add({ validUntil: '2026-06-30', freeMinutes: 0, addOnMinutes: 0, remarks: '' });
    expect(err?.field('validUntil')).toMatch(/later than the current one/);
    expect(toasts.items).toEqual([]);
  });

  it('keeps the load error for the banner', async () => {
    const store = new LicenseStore(7, { ...fakeLicense().deps, get: () => Promise.reject({ code: 'not_found', message: 'No such sub-account.' }) });
    await store.load();
    expect(store.loadError?.message).toBe('No such sub-account.');
    expect(store.view).toBeNull();
  });
});

describe('LicenseStore ledger and statements', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('reads the first ledger page and the statements with the view', async () => {
    const fake = fakeLicense([], { lines: [ledgerLine(2), ledgerLine(1)], statements: [statement(1)] });
    const store = new LicenseStore(7, fake.deps);
    await store.load();
    expect(fake.ledger).toHaveBeenCalledWith({ subAccountId: 7, offset: 0, limit: LEDGER_PAGE_SIZE });
    expect(fake.listStatements).toHaveBeenCalledWith(7);
    expect(store.ledger.items.map((l) => l.id)).toEqual([2, 1]);
    expect(store.ledger.timeZone).toBe('Europe/Berlin');
    expect(store.statements.items.map((s) => s.cycle)).toEqual([1]);
    expect(store.localTimeZone).toBe('Europe/Berlin');
  });

  it('pages the ledger by offset', async () => {
    const fake = fakeLicense([], { lines: Array.from({ length: 60 }, (_, i) => ledgerLine(60 - i)) });
    const store = new LicenseStore(7, fake.deps);
    await store.load();
    await store.ledger.nextPage();
    expect(fake.ledger).toHaveBeenLastCalledWith({ subAccountId: 7, offset: LEDGER_PAGE_SIZE, limit: LEDGER_PAGE_SIZE });
    expect(store.ledger.items[0]?.id).toBe(60 - LEDGER_PAGE_SIZE);
    expect(store.ledger.hasNext).toBe(true);
  });

  it('reads the ledger and the statements again after an addition', async () => {
    const fake = fakeLicense();
    const store = new LicenseStore(7, fake.deps);
    await store.load();
    expect(store.ledger.total).toBe(0);
    await store.add({ validUntil: '2026-12-31', freeMinutes: 500, addOnMinutes: 0, remarks: '' });
    expect(fake.ledger).toHaveBeenCalledTimes(2);
    expect(fake.listStatements).toHaveBeenCalledTimes(2);
    expect(store.ledger.items.map((l) => l.kind)).toEqual(['grant_free', 'grant_validity']);
    expect(store.statements.items.map((s) => s.grantedFree)).toEqual([500]);
  });

  it('does not read them again when Go refuses the addition', async () => {
    const fake = fakeLicense();
    const store = new LicenseStore(7, fake.deps);
    await store.load();
    await store.add({ validUntil: '', freeMinutes: 0, addOnMinutes: 0, remarks: '' });
    expect(fake.ledger).toHaveBeenCalledTimes(1);
    expect(fake.listStatements).toHaveBeenCalledTimes(1);
  });

  it('keeps the statements load error for the banner', async () => {
    const store = new LicenseStore(7, { ...fakeLicense().deps, statements: () => Promise.reject({ code: 'unavailable', message: 'The database is busy.' }) });
    await store.load();
    expect(store.statements.error?.message).toBe('The database is busy.');
    expect(store.statements.loaded).toBe(false);
    expect(toasts.items).toEqual([]);
  });

  it('exports one cycle, busy meanwhile, and toasts where it went', async () => {
    const fake = fakeLicense([], { statements: [statement(2), statement(1, { closed: true })] });
    const store = new LicenseStore(7, fake.deps);
    const done = store.statements.exportCsv(2);
    expect(store.statements.isExporting(2)).toBe(true);
    expect(store.statements.isExporting(1)).toBe(false);
    expect(await store.statements.exportCsv(2)).toBeNull();
    expect((await done)?.path).toBe('/home/dana/cycle-2.csv');
    expect(store.statements.isExporting(2)).toBe(false);
    expect(fake.exportStatement).toHaveBeenCalledTimes(1);
    expect(fake.exportStatement).toHaveBeenCalledWith(7, 2);
    expect(toasts.items.map((t) => [t.kind, t.message])).toEqual([['success', 'Exported the statement for cycle 2 to /home/dana/cycle-2.csv']]);
  });

  it('says nothing when the save dialog is cancelled, and toasts a failure', async () => {
    const fake = fakeLicense();
    fake.exportStatement.mockResolvedValueOnce({ path: '', rows: 0, cancelled: true });
    fake.exportStatement.mockRejectedValueOnce({ code: 'internal', message: 'The disk is full.' });
    const store = new LicenseStore(7, fake.deps);
    expect((await store.statements.exportCsv(1))?.cancelled).toBe(true);
    expect(toasts.items).toEqual([]);
    expect(await store.statements.exportCsv(1)).toBeNull();
    expect(toasts.items.map((t) => [t.kind, t.message])).toEqual([['error', 'Could not export the statement: The disk is full.']]);
    expect(store.statements.isExporting(1)).toBe(false);
  });
});

describe('license words', () => {
  it('signs ledger minutes', () => {
    expect(signedMinutes(500)).toBe('+500');
    expect(signedMinutes(-1037)).toBe('\u22121,037');
    expect(signedMinutes(0)).toBe('0');
  });

  it("shows a cycle's days in the license's zone, its end the day before the next cycle starts", () => {
    expect(cycleDays('2026-10-09T22:00:00Z', '2026-11-09T23:00:00Z', 'Europe/Berlin')).toBe('Oct 10, 2026 – Nov 9, 2026');
    expect(cycleDays('', '', 'Europe/Berlin')).toBe('');
  });

  it("says the validity's state as Go decided it", () => {
    expect(validityState(licenseView({ expired: true, expiringSoon: true }))).toBe('Expired');
    expect(validityState(licenseView({ expiringSoon: true }))).toBe('Expires soon');
    expect(validityState(licenseView())).toBe('Valid');
  });

  it("shows times in the license's zone", () => {
    expect(licenseTime('2026-10-31T22:59:00Z', 'Europe/Berlin')).toBe('Oct 31, 2026, 23:59');
    expect(licenseTime('', 'Europe/Berlin')).toBe('');
  });
});
