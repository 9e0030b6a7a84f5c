import { afterEach, describe, expect, it, vi } from 'vitest';
import { Code } from './errors';
import { EventName, onSyncDone, onSyncProgress } from './events';
import type { SyncProgress } from './types';
import { fakeRuntime } from '../lib/testing';

type Win = { runtime?: unknown };

describe('sync events', () => {
  afterEach(() => {
    delete (window as Win).runtime;
  });

  it('subscribes to nothing (and does not throw) without the Wails runtime', () => {
    const off = onSyncProgress(vi.fn());
    expect(() => off()).not.toThrow();
    expect(() => onSyncDone(vi.fn())()).not.toThrow();
  });

  it('names the events as Go does', () => {
    const { handlers } = fakeRuntime();
    onSyncProgress(vi.fn());
    onSyncDone(vi.fn());
    expect(Object.keys(handlers).sort()).toEqual([EventName.SyncDone, EventName.SyncProgress].sort());
  });

  it("passes Go's payloads to the listener, a failure's coded error included, and unsubscribes only it", () => {
    const { handlers, remove } = fakeRuntime();
    const fn = vi.fn();
    const off = onSyncDone(fn);
    const ok: SyncProgress = { subAccountId: 7, run: 4, pages: 3, requests: 3, calls: 2400, shared: 0, unassigned: 0, done: true, error: null };
    const failed: SyncProgress = {
      subAccountId: 7,
      run: 5,
      pages: 0,
      requests: 0,
      calls: 0,
      shared: 0,
      unassigned: 0,
      done: false,
      error: { code: Code.Unavailable, message: 'Vapi is not reachable.' },
    };
    handlers[EventName.SyncDone]!(ok);
    handlers[EventName.SyncDone]!(failed);
    expect(fn.mock.calls).toEqual([[ok], [failed]]);
    off();
    expect(remove).toHaveBeenCalledTimes(1);
  });
});
