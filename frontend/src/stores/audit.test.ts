import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditPage, AuditQuery } from '../api';
import { ACTIVITY_PAGE_SIZE, ActivityStore, AuditLogStore } from './audit.svelte';

function entry(id: number): AuditEntry {
  return {
    id,
    at: '2025-11-28T00:00:00Z',
    actor: 'admin',
    action: 'sub_account.create',
    actionLabel: 'Created',
    subAccountId: 7,
    subAccountName: 'Acme',
    summary: `entry ${id}`,
  };
}

/** A fake log of `total` entries, newest first. */
function fakeList(total: number) {
  return vi.fn((q: AuditQuery): Promise<AuditPage> => {
    const n = Math.max(0, Math.min(q.limit, total - q.offset));
    return Promise.resolve({ items: Array.from({ length: n }, (_, i) => entry(q.offset + i + 1)), total });
  });
}

describe('ActivityStore', () => {
  it("loads one sub-account's entries and appends more", async () => {
    const list = fakeList(120);
    const store = new ActivityStore(7, list);
    await store.load();
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 7, search: '', offset: 0, limit: ACTIVITY_PAGE_SIZE });
    expect(store.items).toHaveLength(50);
    expect(store.hasMore).toBe(true);
    await store.load(true);
    await store.load(true);
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 7, search: '', offset: 100, limit: ACTIVITY_PAGE_SIZE });
    expect(store.items.map((e) => e.id)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(store.hasMore).toBe(false);
  });
});

describe('AuditLogStore', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('debounces search, starts at the first page and pages by 100', async () => {
    const list = fakeList(250);
    const store = new AuditLogStore(list, 150);
    await store.load();
    await store.nextPage();
    expect(store.shownOffset).toBe(100);

    store.setSearch('dis');
    store.setSearch('disable');
    expect(list).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(150);
    expect(list).toHaveBeenCalledTimes(3);
    expect(list).toHaveBeenLastCalledWith({ subAccountId: 0, search: 'disable', offset: 0, limit: 100 });
    expect(store.shownFiltered).toBe(true);
  });
});
