import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallPage } from './types';

const emptyPage: CallPage = { items: [], total: 0, totals: { count: 0, minutes: 0, costs: [] }, offset: 0, limit: 100 };

vi.mock('../../wailsjs/go/backend/CallService', () => ({
  List: vi.fn(() => Promise.resolve(emptyPage)),
  ExportCSV: vi.fn(() =>
    Promise.reject('{"code":"invalid","message":"Check the dates.","fields":{"toDate":"The last day cannot be before the first."}}'),
  ),
}));

import * as svc from '../../wailsjs/go/backend/CallService';
import { AppError } from './errors';
import { exportCalls, listCalls, onExportProgress } from './calls';
import { EventName } from './events';
import { fakeRuntime } from '../lib/testing';

type Win = { runtime?: unknown };

const query = {
  subAccountId: 7,
  direction: '' as const,
  status: '' as const,
  fromDate: '2026-01-15',
  toDate: '2026-01-20',
  timeZone: 'Europe/Berlin',
  sort: 'startedAt' as const,
  desc: true,
  offset: 0,
  limit: 100,
};

describe('calls api', () => {
  afterEach(() => {
    delete (window as Win).runtime;
  });

  it("sends the query as it is and returns Go's page as it is", async () => {
    const page = await listCalls(query);
    expect(svc.List).toHaveBeenCalledWith(query);
    expect(page).toBe(emptyPage);
  });

  it('rejects with an AppError that carries the field errors', async () => {
    const err = await exportCalls(query).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).field('toDate')).toBe('The last day cannot be before the first.');
  });

  it('subscribes to nothing (and does not throw) without the Wails runtime', () => {
    const off = onExportProgress(vi.fn());
    expect(() => off()).not.toThrow();
  });

  it("passes the export event's payloads to the listener and unsubscribes only it", () => {
    const { handlers, remove } = fakeRuntime();
    const fn = vi.fn();
    const off = onExportProgress(fn);
    expect(Object.keys(handlers)).toEqual([EventName.Export]);
    handlers[EventName.Export]!({ written: 5000, total: 12000 });
    expect(fn).toHaveBeenCalledWith({ written: 5000, total: 12000 });
    off();
    expect(remove).toHaveBeenCalledTimes(1);
  });
});
