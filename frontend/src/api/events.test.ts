import { afterEach, describe, expect, it, vi } from 'vitest';
import { onSyncDone, onSyncProgress, toSyncProgress } from './events';

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

  it('passes normalised payloads to the listener and unsubscribes only it', () => {
    const remove = vi.fn();
    const handlers: Record<string, (d: unknown) => void> = {};
    (window as Win).runtime = {
      EventsOnMultiple: (name: string, cb: (d: unknown) => void) => {
        handlers[name] = cb;
        return remove;
      },
    };
    const fn = vi.fn();
    const off = onSyncDone(fn);
    handlers['sync:done']!({ subAccountId: 7, run: 4, pages: 3, calls: 2400, done: true });
    handlers['sync:done']!('garbage');
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith({ subAccountId: 7, run: 4, pages: 3, calls: 2400, done: true, error: '' });
    off();
    expect(remove).toHaveBeenCalledTimes(1);
  });

  it('drops payloads that name no sub-account', () => {
    expect(toSyncProgress(null)).toBeNull();
    expect(toSyncProgress({ pages: 1 })).toBeNull();
    expect(toSyncProgress({ subAccountId: 2, pages: 'x', error: 5 })).toEqual({
      subAccountId: 2,
      run: 0,
      pages: 0,
      calls: 0,
      done: false,
      error: '',
    });
  });
});
