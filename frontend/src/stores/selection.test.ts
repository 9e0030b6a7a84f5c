import { describe, expect, it } from 'vitest';
import { SelectionStore } from './selection.svelte';
import type { ListQuery } from '../api';

const page = [1, 2, 3, 4, 5];
const query: ListQuery = { search: 'acme', status: 'active', provider: '', sort: 'name', desc: false, offset: 100, limit: 100 };

describe('SelectionStore', () => {
  it('shift-click selects the range from the last row clicked', () => {
    const s = new SelectionStore();
    s.toggle(page, 2);
    s.toggle(page, 5, true);
    expect([...s.picked].sort()).toEqual([2, 3, 4, 5]);
    s.toggle(page, 3, true); // unticks 5..3: the range takes the clicked row's new state
    expect([...s.picked]).toEqual([2]);
    expect(s.pageState(page)).toBe('some');
  });

  it('the header checkbox selects the page, then clears it', () => {
    const s = new SelectionStore();
    s.togglePage(page);
    expect(s.pageState(page)).toBe('all');
    expect(s.count).toBe(5);
    s.togglePage(page);
    expect(s.count).toBe(0);
  });

  it('select all matching is the query, counted by Go, not ids', async () => {
    const asked: unknown[] = [];
    const s = new SelectionStore({ count: async (sel) => (asked.push(sel), 1204) });
    s.togglePage(page);
    await s.selectAllMatching(query);
    expect(s.count).toBe(1204);
    expect(s.has(999)).toBe(true);
    expect(asked).toEqual([{ ids: [], all: true, query: { ...query, offset: 0 } }]);
    expect(s.selection({ ...query, sort: 'created', desc: true })).toEqual({
      ids: [],
      all: true,
      query: { ...query, offset: 0, sort: 'created', desc: true },
    });
    s.toggle(page, 3); // unticking one leaves the page picked by hand, without it
    expect(s.all).toBe(false);
    expect([...s.picked].sort()).toEqual([1, 2, 4, 5]);
    s.clear();
    expect(s.count).toBe(0);
  });
});
