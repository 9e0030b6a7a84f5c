import { backend } from '../../wailsjs/go/models';
import { EventsOn } from '../../wailsjs/runtime/runtime';
import type { ImportProgress } from './imports';
import type { BulkProgress, ExportProgress, KeychainStatus, PermissionProgress, SyncProgress } from './types';

/** The event names, generated from Go (backend/boundary.go). */
export const EventName = backend.EventName;
export type EventName = backend.EventName;

/** What each event carries. */
export interface EventPayloads {
  [backend.EventName.SyncProgress]: SyncProgress;
  [backend.EventName.SyncDone]: SyncProgress;
  [backend.EventName.Export]: ExportProgress;
  [backend.EventName.PermissionsProgress]: PermissionProgress;
  [backend.EventName.BulkProgress]: BulkProgress;
  [backend.EventName.Keychain]: KeychainStatus;
  [backend.EventName.AlreadyOpen]: null;
  [backend.EventName.Import]: ImportProgress;
}

export type Unsubscribe = () => void;
export type SyncListener = (p: SyncProgress) => void;

/** True inside the Wails window; tests and a plain browser have no runtime. */
function hasRuntime(): boolean {
  return typeof window !== 'undefined' && (window as { runtime?: unknown }).runtime != null;
}

/**
 * Follows one event; returns the function that stops following it (and only it: EventsOff would
 * remove every listener of the event). Subscribes to nothing without the Wails runtime.
 */
export function onEvent<E extends EventName>(name: E, fn: (payload: EventPayloads[E]) => void): Unsubscribe {
  if (!hasRuntime()) return () => {};
  return EventsOn(name, (payload: EventPayloads[E]) => fn(payload));
}

/** Every page a sync stores, for any sub-account. */
export function onSyncProgress(fn: SyncListener): Unsubscribe {
  return onEvent(EventName.SyncProgress, fn);
}

/** The end of a sync (done, or error set), for any sub-account. */
export function onSyncDone(fn: SyncListener): Unsubscribe {
  return onEvent(EventName.SyncDone, fn);
}

/** The progress of a large permissions batch (apply to others, align with default). */
export function onPermissionsProgress(fn: (p: PermissionProgress) => void): Unsubscribe {
  return onEvent(EventName.PermissionsProgress, fn);
}

/** Switchboard was launched again on this data directory, and this window was brought forward. */
export function onAlreadyOpen(fn: () => void): Unsubscribe {
  return onEvent(EventName.AlreadyOpen, () => fn());
}

/** The progress of an import: rows written of those to write, after each batch. */
export function onImportProgress(fn: (p: ImportProgress) => void): Unsubscribe {
  return onEvent(EventName.Import, fn);
}
