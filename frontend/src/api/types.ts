import type { backend } from '../../wailsjs/go/models';

export type SubAccount = backend.SubAccount;
export type Provider = backend.Provider;
export type AuditEntry = backend.AuditEntry;

/** Columns the backend can sort sub-accounts by. */
export type SortKey = 'name' | 'status' | 'provider' | 'lastLogin' | 'lastCall' | 'created';

/** "" = all statuses. */
export type StatusFilter = '' | 'active' | 'inactive';

/** Query for SubAccountService.List. provider: "" = all, "none" = no provider, else a provider id. */
export interface ListQuery {
  search: string;
  status: StatusFilter;
  provider: string;
  sort: SortKey;
  desc: boolean;
  offset: number;
  limit: number;
}

export interface ListPage {
  items: SubAccount[];
  /** Rows matching the filters. */
  total: number;
  offset: number;
  limit: number;
}

/** Query for AuditService.List. subAccountId 0 = all sub-accounts. */
export interface AuditQuery {
  subAccountId: number;
  search: string;
  offset: number;
  limit: number;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
}

/** A provider with its credential fields (the generated class's helper method left out). */
export type ProviderInfo = Omit<backend.ProviderInfo, 'convertValues'>;
export type ProviderField = backend.ProviderField;
export type Connection = backend.Connection;
export type SyncSettings = backend.SyncSettings;

/** Connection.state: "" = no provider. */
export type ConnectionState = '' | 'connected' | 'invalid' | 'not_verified';

/** What "Save Credentials" sends; a secret field left empty keeps the saved secret. */
export interface CredentialsInput {
  provider: string;
  fields: Record<string, string>;
}

/** Payload of the "sync:progress" and "sync:done" events (backend.SyncProgress). */
export interface SyncProgress {
  subAccountId: number;
  /** Numbers the syncs in the order they started; events may arrive out of order. */
  run: number;
  pages: number;
  calls: number;
  done: boolean;
  /** The reason a finished sync failed; "" on success. */
  error: string;
}

// ---- Calls tab (CallService) ----

export type Call = backend.Call;
export type Money = backend.Money;

/** CallQuery.direction: "" = all. */
export type CallDirection = '' | 'in' | 'out' | 'web' | 'unknown';

/** Columns the backend can sort calls by. */
export type CallSortKey = 'startedAt' | 'duration' | 'cost' | 'direction' | 'status' | 'from' | 'to';

/**
 * Query for CallService.List and ExportCSV. status: exact match, "" = all. from (inclusive) and to
 * (exclusive) are RFC 3339 instants, "" = open. limit at most 500 (ignored by the export).
 */
export interface CallQuery {
  subAccountId: number;
  direction: CallDirection;
  status: string;
  from: string;
  to: string;
  sort: CallSortKey;
  desc: boolean;
  offset: number;
  limit: number;
}

/** Totals of every call a query matches: minutes as Go rounds them, one cost per currency. */
export interface CallTotals {
  count: number;
  minutes: number;
  costs: Money[];
}

export interface CallPage {
  items: Call[];
  total: number;
  totals: CallTotals;
  offset: number;
  limit: number;
}

/** Where an export went; cancelled when the person closed the save dialog (nothing written). */
export interface ExportResult {
  path: string;
  rows: number;
  cancelled: boolean;
}

/** Payload of the "export:progress" event. */
export interface ExportProgress {
  written: number;
  total: number;
}

// ---- Concurrent Call Limit (ConcurrencyService) ----

export type PoolMember = backend.PoolMember;
export type PeakPoint = backend.PeakPoint;

/** The pool a sub-account shares; poolLimit null when no member's limit is known. */
export interface PoolView {
  members: PoolMember[];
  poolLimit: number | null;
  allocated: number;
  available: number;
  overBy: number;
}

/** ConcurrencyView with Go's nulls kept as null (the generated class says undefined). */
export interface ConcurrencyView {
  subAccountId: number;
  /** "" = no provider connected. */
  provider: string;
  providerName: string;
  /** null = unknown. */
  limit: number | null;
  limitSource: 'provider' | 'manual';
  limitFromApi: boolean;
  outbound: number;
  /** limit − outbound, as Go computed it. */
  inboundReserved: number;
  providerInboundReserved: number;
  poolName: string;
  pool: PoolView;
  peak7d: number;
  peak30d: number;
  /** 30 UTC days, oldest first. */
  peakSeries: PeakPoint[];
  updatedAt: string;
  /** What RefreshLimit had to change; "" when nothing. */
  notice: string;
}

/** What "Save limits" sends; limit null = unknown. */
export interface ConcurrencyInput {
  limit: number | null;
  outbound: number;
  poolName: string;
}
