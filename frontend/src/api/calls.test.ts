import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../wailsjs/go/backend/CallService', () => ({
  List: vi.fn(() =>
    Promise.resolve({ items: null, total: 0, totals: { count: 0, minutes: 0, costs: null }, offset: 0, limit: 100 }),
  ),
  ExportCSV: vi.fn(() => Promise.reject('{"code":"invalid","message":"Check the dates.","fields":{"to":"The end of the range must be after its start."}}')),
}));

import { AppError } from './errors';
import { exportCalls, listCalls, onExportProgress, toExportProgress } from './calls';

type Win = { runtime?: unknown };

const query = {
  subAccountId: 7,
  direction: '' as const,
  status: '',
  from: '',
  to: '',
  sort: 'startedAt' as const,
  desc: true,
  offset: 0,
  limit: 100,
};

describe('calls api', () => {
  afterEach(() => {
    delete (window as Win).runtime;
  });

  it("turns Go's null slices into empty arrays", async () => {
    const page = await listCalls(query);
    expect(page.items).toEqual([]);
    expect(page.totals.costs).toEqual([]);
  });

  it('rejects with an AppError that carries the field errors', async () => {
    const err = await exportCalls(query).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).field('to')).toBe('The end of the range must be after its start.');
  });

  it('subscribes to nothing (and does not throw) without the Wails runtime', () => {
    const off = onExportProgress(vi.fn());
    expect(() => off()).not.toThrow();
  });

  it('passes normalised export progress to the listener and unsubscribes only it', () => {
    const remove = vi.fn();
    const handlers: Record<string, (d: unknown) => void> = {};
    (window as Win).runtime = {
      EventsOnMultiple: (name: string, cb: (d: unknown) => void) => {
        handlers[name] = cb;
        return remove;
      },
    };
    const fn = vi.fn();
    const off = onExportProgress(fn);
    handlers['export:progress']!({ written: 5000, total: 12000 });
    handlers['export:progress']!('garbage');
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith({ written: 5000, total: 12000 });
    off();
    expect(remove).toHaveBeenCalledTimes(1);
  });

  it('reads odd payloads safely', () => {
    expect(toExportProgress(null)).toBeNull();
    expect(toExportProgress({ written: 'x', total: -1 })).toEqual({ written: 0, total: 0 });
    // A total below what was written (rows added meanwhile) never shows more than 100 %.
    expect(toExportProgress({ written: 10, total: 8 })).toEqual({ written: 10, total: 10 });
  });
});
