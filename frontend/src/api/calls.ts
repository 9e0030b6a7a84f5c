import * as svc from '../../wailsjs/go/backend/CallService';
import { call } from './errors';
import { EventName, onEvent, type Unsubscribe } from './events';
import type { CallPage, CallQuery, ExportProgress, ExportResult } from './types';

/** One page of a sub-account's calls and the totals of every call the query matches. */
export function listCalls(q: CallQuery): Promise<CallPage> {
  return call(() => svc.List({ ...q }));
}

/**
 * Asks Go to export every call matching q (offset and limit are ignored) to a CSV file the person
 * picks in the native save dialog; cancelled is true when they closed the dialog.
 */
export function exportCalls(q: CallQuery): Promise<ExportResult> {
  return call(() => svc.ExportCSV({ ...q }));
}

/** Follows the progress of a CSV export; returns the function that stops following it. */
export function onExportProgress(fn: (p: ExportProgress) => void): Unsubscribe {
  return onEvent(EventName.Export, fn);
}
