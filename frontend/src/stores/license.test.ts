import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LicenseHistoryQuery } from '../api';
import { fakeLicense, grantRow, licenseView } from '../views/detail/license/testing';
import { LICENSE_HISTORY_PAGE_SIZE, licenseTime, LicenseStore, validityState } from './license.svelte';
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

describe('license words', () => {
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
