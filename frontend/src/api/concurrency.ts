import * as svc from '../../wailsjs/go/backend/ConcurrencyService';
import type { backend } from '../../wailsjs/go/models';
import { call } from './errors';
import type { ConcurrencyInput, ConcurrencyView } from './types';

/** Go sends null (never undefined) for an unknown limit and for empty slices: normalise both. */
function normalise(v: backend.ConcurrencyView): ConcurrencyView {
  return {
    subAccountId: v.subAccountId,
    provider: v.provider ?? '',
    providerName: v.providerName ?? '',
    limit: v.limit ?? null,
    limitSource: v.limitSource === 'provider' ? 'provider' : 'manual',
    limitFromApi: v.limitFromApi === true,
    outbound: v.outbound ?? 0,
    inboundReserved: v.inboundReserved ?? 0,
    providerInboundReserved: v.providerInboundReserved ?? 0,
    poolName: v.poolName ?? '',
    pool: {
      members: v.pool?.members ?? [],
      poolLimit: v.pool?.poolLimit ?? null,
      allocated: v.pool?.allocated ?? 0,
      available: v.pool?.available ?? 0,
      overBy: v.pool?.overBy ?? 0,
    },
    peak7d: v.peak7d ?? 0,
    peak30d: v.peak30d ?? 0,
    peakSeries: v.peakSeries ?? [],
    updatedAt: v.updatedAt ?? '',
    notice: v.notice ?? '',
  };
}

/** A sub-account's Concurrent Call Limit settings, pool and peaks; provider "" = none connected. */
export async function getConcurrency(subAccountId: number): Promise<ConcurrencyView> {
  return normalise(await call(() => svc.Get(subAccountId)));
}

/**
 * Saves the limit (ignored by Go while the provider's is in use), the outbound share and the pool
 * name. AppError invalid carries fields.limit, fields.outbound (the pool rule names who holds the
 * rest) and fields.poolName.
 */
export async function saveConcurrency(subAccountId: number, input: ConcurrencyInput): Promise<ConcurrencyView> {
  // The generated class types limit as optional; Go reads null as "unknown".
  const payload = { limit: input.limit, outbound: input.outbound, poolName: input.poolName } as backend.ConcurrencyInput;
  return normalise(await call(() => svc.Save(subAccountId, payload)));
}

/** Reads the limit from the provider's API (only where limitFromApi); AppError invalid/unavailable. */
export async function refreshConcurrencyLimit(subAccountId: number): Promise<ConcurrencyView> {
  return normalise(await call(() => svc.RefreshLimit(subAccountId)));
}
