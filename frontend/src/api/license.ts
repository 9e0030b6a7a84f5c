import * as svc from '../../wailsjs/go/backend/LicenseService';
import { call } from './errors';
import type { LicenseAddition, LicenseHistoryPage, LicenseHistoryQuery, LicenseView } from './types';

/** A sub-account's license as the License tab shows it (validity, minutes left, cycle, forecast). */
export function getLicense(subAccountId: number): Promise<LicenseView> {
  return call(() => svc.Get(subAccountId));
}

/**
 * "Add to license": resolves the license after the addition; AppError invalid with
 * fields.validUntil, freeMinutes, addOnMinutes, remarks or grant (nothing added).
 */
export function addToLicense(subAccountId: number, addition: LicenseAddition): Promise<LicenseView> {
  return call(() => svc.AddToLicense(subAccountId, { ...addition }));
}

/** One page of a sub-account's license additions, sorted by a column. */
export function listLicenseHistory(q: LicenseHistoryQuery): Promise<LicenseHistoryPage> {
  return call(() => svc.History({ ...q }));
}
