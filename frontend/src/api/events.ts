import { EventsOn } from '../../wailsjs/runtime/runtime';
import type { SyncProgress } from './types';

/** Event names (backend/ports.go). */
export const EVENT_SYNC_PROGRESS = 'sync:progress';
export const EVENT_SYNC_DONE = 'sync:done';

export type Unsubscribe = () => void;
export type SyncListener = (p: SyncProgress) => void;

/** True inside the Wails window; tests and a plain browser have no runtime. */
function hasRuntime(): boolean {
  return typeof window !== 'undefined' && (window as { runtime?: unknown }).runtime != null;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** Reads a sync event payload; null when it names no sub-account. */
export function toSyncProgress(data: unknown): SyncProgress | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  const id = num(d.subAccountId);
  if (id === 0) return null;
  return {
    subAccountId: id,
    run: num(d.run),
    pages: num(d.pages),
    calls: num(d.calls),
    done: d.done === true,
    error: typeof d.error === 'string' ? d.error : '',
  };
}

function on(name: string, fn: SyncListener): Unsubscribe {
  if (!hasRuntime()) return () => {};
  // EventsOn returns a function that removes only this listener (EventsOff would remove all).
  return EventsOn(name, (data: unknown) => {
    const p = toSyncProgress(data);
    if (p) fn(p);
  });
}

/** Every page a sync stores, for any sub-account. */
export function onSyncProgress(fn: SyncListener): Unsubscribe {
  return on(EVENT_SYNC_PROGRESS, fn);
}

/** The end of a sync (done, or error set), for any sub-account. */
export function onSyncDone(fn: SyncListener): Unsubscribe {
  return on(EVENT_SYNC_DONE, fn);
}
