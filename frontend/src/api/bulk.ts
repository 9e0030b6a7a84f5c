import { backend } from '../../wailsjs/go/models';
import * as svc from '../../wailsjs/go/backend/BulkService';
import { call } from './errors';
import { EventName, onEvent, type Unsubscribe } from './events';
import type { BulkInput, BulkProgress, BulkResult, ExportResult, Selection } from './types';

/** The bulk actions, generated from Go. */
export const BulkAction = backend.BulkAction;
export type BulkAction = backend.BulkAction;

/** How many sub-accounts a selection holds, counted exactly by Go. */
export function countSelection(sel: Selection): Promise<number> {
  return call(() => svc.Count({ ...sel }));
}

/** Runs a bulk action; resolves when it is over (done, cancelled or a batch failed: see the result). */
export function runBulk(input: BulkInput): Promise<BulkResult> {
  return call(() => svc.Run({ ...input }));
}

/** Stops the running bulk action between two batches. */
export function cancelBulk(): Promise<void> {
  return call(() => svc.Cancel());
}

/** Exports the selection (or the list's search, filters and sort) as CSV through the save dialog. */
export function exportList(sel: Selection): Promise<ExportResult> {
  return call(() => svc.ExportCSV({ ...sel }));
}

/** The progress of a bulk run, after each batch. */
export function onBulkProgress(fn: (p: BulkProgress) => void): Unsubscribe {
  return onEvent(EventName.BulkProgress, fn);
}
