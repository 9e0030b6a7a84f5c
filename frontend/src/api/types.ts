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
