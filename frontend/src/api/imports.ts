import * as svc from '../../wailsjs/go/backend/ImportService';
import type { backend } from '../../wailsjs/go/models';
import { call } from './errors';

export type ImportFile = backend.ImportFile;
export type ImportColumn = backend.ImportColumn;
export type ImportTarget = backend.ImportTarget;
export type ImportRequest = backend.ImportRequest;
export type ImportPreview = backend.ImportPreview;
export type ImportFailure = backend.ImportFailure;
export type ImportResult = backend.ImportResult;
export type ImportProgress = backend.ImportProgress;

/**
 * Asks for a CSV file in the native open dialog and reads its header: the columns with the target
 * Go proposes for each, and every target. `path` is "" when the dialog was cancelled. A file Go
 * cannot read rejects with a field error on "file".
 */
export function chooseImportFile(): Promise<ImportFile> {
  return call(() => svc.ChooseFile());
}

/** Checks every row of the file under the mapping, writing nothing. */
export function previewImport(req: ImportRequest): Promise<ImportPreview> {
  return call(() => svc.Preview({ ...req }));
}

/** Imports the valid rows; progress comes as the import events (onImportProgress). */
export function runImport(req: ImportRequest): Promise<ImportResult> {
  return call(() => svc.Import({ ...req }));
}
