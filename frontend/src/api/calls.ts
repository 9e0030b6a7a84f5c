import * as svc from '../../wailsjs/go/backend/CallService';
import { EventsOn } from '../../wailsjs/runtime/runtime';
import { call } from './errors';
import type { CallPage, CallQuery, ExportProgress, ExportResult } from './types';

/** The event a running CSV export reports its rows on (backend/ports.go EventExport). */
export const EVENT_EXPORT_PROGRESS = 'export:progress';

/** One page of a sub-account's calls and the totals of every call the query matches. */
export async function listCalls(q: CallQuery): Promise<CallPage> {
  const page = await call(() => svc.List({ ...q }));
  // Go encodes an empty slice as null.
  return {
    items: page.items ?? [],
    total: page.total,
    totals: {
      count: page.totals?.count ?? 0,
      minutes: page.totals?.minutes ?? 0,
      costs: page.totals?.costs ?? [],
    },
    offset: page.offset,
    limit: page.limit,
  };
}

/**
 * Asks Go to export every call matching q (offset and limit are ignored) to a CSV file the person
 * picks in the native save dialog; cancelled is true when they closed the dialog.
 */
export async function exportCalls(q: CallQuery): Promise<ExportResult> {
  const r = await call(() => svc.ExportCSV({ ...q }));
  return { path: r.path, rows: r.rows, cancelled: r.cancelled };
}

/** True inside the Wails window; tests and a plain browser have no runtime. */
function hasRuntime(): boolean {
  return typeof window !== 'undefined' && (window as { runtime?: unknown }).runtime != null;
}

function count(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0;
}

/** Reads an "export:progress" payload; null when it is not one. */
export function toExportProgress(data: unknown): ExportProgress | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  const written = count(d.written);
  return { written, total: Math.max(count(d.total), written) };
}

/** Follows the progress of a CSV export; returns the function that stops following it. */
export function onExportProgress(fn: (p: ExportProgress) => void): () => void {
  if (!hasRuntime()) return () => {};
  // EventsOn returns a function that removes only this listener (EventsOff would remove all).
  return EventsOn(EVENT_EXPORT_PROGRESS, (data: unknown) => {
    const p = toExportProgress(data);
    if (p) fn(p);
  });
}
