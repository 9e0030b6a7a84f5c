import * as svc from '../../wailsjs/go/backend/AuditService';
import { call } from './errors';
import type { AuditPage, AuditQuery } from './types';

/**
 * One page of audit entries, newest first: the newest page (no cursor), the entries older than
 * `before` or newer than `after` (entry ids), or the oldest page (`oldest`).
 */
export function listAudit(q: AuditQuery): Promise<AuditPage> {
  return call(() => svc.List({ ...q }));
}
