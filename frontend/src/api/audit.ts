import * as svc from '../../wailsjs/go/backend/AuditService';
import { call } from './errors';
import type { AuditPage, AuditQuery } from './types';

/** One page of audit entries, newest first. */
export async function listAudit(q: AuditQuery): Promise<AuditPage> {
  const page = await call(() => svc.List({ ...q }));
  return { items: page.items ?? [], total: page.total };
}
