import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ToastStore } from './toasts.svelte';

describe('ToastStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('counts the same message on its toast instead of stacking another', () => {
    const t = new ToastStore();
    const first = t.success('Saved');
    const again = t.success('Saved');
    expect(again).toBe(first);
    expect(t.items).toEqual([{ id: first, kind: 'success', message: 'Saved', count: 2 }]);
  });

  it('keeps different messages, and the same text of another kind, apart', () => {
    const t = new ToastStore();
    t.success('Saved');
    t.success('Deleted');
    t.error('Saved');
    expect(t.items.map((x) => [x.kind, x.message, x.count])).toEqual([
      ['success', 'Saved', 1],
      ['success', 'Deleted', 1],
      ['error', 'Saved', 1],
    ]);
  });

  it('shows a repeated toast for its full time again from the repeat', () => {
    const t = new ToastStore();
    t.success('Saved');
    vi.advanceTimersByTime(3000);
    t.success('Saved');
    vi.advanceTimersByTime(3000); // 6 s after the first, 3 s after the repeat
    expect(t.items).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(t.items).toHaveLength(0);
  });

  it('starts a new toast once the old one is gone', () => {
    const t = new ToastStore();
    const first = t.success('Saved');
    t.dismiss(first);
    const second = t.success('Saved');
    expect(second).not.toBe(first);
    expect(t.items[0]?.count).toBe(1);
  });
});
