import * as svc from '../../wailsjs/go/backend/AuditService';
import { call } from './errors';
import type { AuditFacets, AuditPage, AuditQuery, ExportResult } from './types';

/**
 * One page of audit entries, newest first, of those the query's filters and search select: the
 * newest page (no cursor), the entries older than `before` or newer than `after` (entry ids), or
 * the oldest page (`oldest`). A filter Go refuses (an unknown action, `to` not after `from`)
 * rejects with a field error named for it.
 */
export function listAudit(q: AuditQuery): Promise<AuditPage> {
  return call(() => svc.List({ ...q }));
}

/** The actors, "as" users and actions (with labels) that occur in the audit log, each sorted. */
export function auditFacets(): Promise<AuditFacets> {
  return call(() => svc.Facets());
}

/**
 * Asks Go to export every entry the query selects (its page and limit are ignored), newest first,
 * to a CSV file the person picks in the native save dialog; progress comes as the export events
 * (onExportProgress); cancelled is true when they closed the dialog.
 */
export function exportAudit(q: AuditQuery): Promise<ExportResult> {
  return call(() => svc.ExportCSV({ ...q }));
}
