import * as svc from '../../wailsjs/go/backend/ConcurrencyService';
import { call } from './errors';
import type { ConcurrencyInput, ConcurrencyView, ReserveView } from './types';

/** A sub-account's Concurrent Call Limit settings, pool and peaks; provider "" = none connected. */
export function getConcurrency(subAccountId: number): Promise<ConcurrencyView> {
  return call(() => svc.Get(subAccountId));
}

/**
 * Saves the limit (ignored by Go while the provider's is in use; null = unknown), the outbound
 * share and the pool name. AppError invalid carries fields.limit, fields.outbound (the pool rule
 * names who holds the rest) and fields.poolName.
 */
export function saveConcurrency(subAccountId: number, input: ConcurrencyInput): Promise<ConcurrencyView> {
  return call(() => svc.Save(subAccountId, { ...input }));
}

/** Reads the limit from the provider's API (only where limitFromApi); AppError invalid/unavailable. */
export function refreshConcurrencyLimit(subAccountId: number): Promise<ConcurrencyView> {
  return call(() => svc.RefreshLimit(subAccountId));
}

/**
 * Go's split rule on the form's values as typed (nothing is read or saved): the inbound reserve
 * and the sentence under the outbound field.
 */
export function previewConcurrency(input: ConcurrencyInput): Promise<ReserveView> {
  return call(() => svc.Preview({ ...input }));
}
