import * as svc from '../../wailsjs/go/backend/LicenseService';
import { call } from './errors';
import type {
  CycleStatement,
  ExportResult,
  LedgerPage,
  LedgerQuery,
  LicenseAddition,
  LicenseHistoryPage,
  LicenseHistoryQuery,
  LicenseView,
} from './types';

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

/** One page of a sub-account's minute ledger, newest entry first. */
export function listLedger(q: LedgerQuery): Promise<LedgerPage> {
  return call(() => svc.Ledger({ ...q }));
}

/** A sub-account's cycle statements, newest cycle first (the open one among them). */
export function listStatements(subAccountId: number): Promise<CycleStatement[]> {
  return call(() => svc.Statements(subAccountId));
}

/**
 * Asks Go to write one cycle's statement to a CSV file the person picks in the native save
 * dialog; cancelled is true when they closed the dialog (nothing written).
 */
export function exportStatement(subAccountId: number, cycle: number): Promise<ExportResult> {
  return call(() => svc.ExportStatement(subAccountId, cycle));
}
