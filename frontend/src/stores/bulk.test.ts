import { beforeEach, describe, expect, it } from 'vitest';
import { BulkAction, type BulkInput, type BulkProgress, type BulkResult } from '../api';
import { BulkStore } from './bulk.svelte';
import { toasts } from './toasts.svelte';

const input: BulkInput = { action: BulkAction.Disable, selection: { ids: [1, 2], all: false, query: {} as never }, sourceId: 0, planIds: [], confirmCount: 0 };
const result = (over: Partial<BulkResult>): BulkResult => ({
  action: BulkAction.Disable,
  total: 2,
  changed: 2,
  unchanged: 0,
  skipped: 0,
  cancelled: false,
  failed: false,
  message: 'Disabled 2.',
  ...over,
});

describe('BulkStore', () => {
  beforeEach(() => {
    toasts.items = [];
  });

  it('follows the progress while it runs and toasts Go’s words', async () => {
    let emit: (p: BulkProgress) => void = () => {};
    let finish: (r: BulkResult) => void = () => {};
    const store = new BulkStore({
      run: () => new Promise((resolve) => (finish = resolve)),
      onProgress: (fn) => ((emit = fn), () => (emit = () => {})),
    });
    const running = store.run(input);
    expect(store.running).toBe(BulkAction.Disable);
    emit({ action: BulkAction.Disable, done: 1000, total: 2000 });
    expect(store.progress?.done).toBe(1000);
    finish(result({}));
    await running;
    expect(store.running).toBeNull();
    expect(toasts.items.map((t) => [t.kind, t.message])).toEqual([['success', 'Disabled 2.']]);
  });

  it('a failed batch is toasted as an error, with what stays committed', async () => {
    const msg = 'Batch 2 failed and changed nothing: … The 1,000 before it were committed and stay so.';
    const store = new BulkStore({ run: async () => result({ failed: true, changed: 1000, message: msg }), onProgress: () => () => {} });
    await store.run(input);
    expect(toasts.items.map((t) => [t.kind, t.message])).toEqual([['error', msg]]);
  });
});
