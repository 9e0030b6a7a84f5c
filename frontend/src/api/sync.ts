import * as svc from '../../wailsjs/go/backend/SyncService';
import { call } from './errors';
import type { SyncSettings } from './types';

/** Starts a sync and returns at once; AppError invalid (disabled / no provider), conflict (running). */
export function syncNow(subAccountId: number): Promise<void> {
  return call(() => svc.SyncNow(subAccountId));
}

export function setAutoSync(subAccountId: number, on: boolean): Promise<void> {
  return call(() => svc.SetAutoSync(subAccountId, on));
}

/** The agency-wide sync settings. */
export function getSyncSettings(): Promise<SyncSettings> {
  return call(() => svc.Settings());
}

/** AppError invalid with fields.intervalMinutes when out of range. */
export function saveSyncSettings(s: SyncSettings): Promise<SyncSettings> {
  return call(() => svc.SaveSettings({ ...s }));
}
