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
  pages: number;
  calls: number;
  done: boolean;
  /** The reason a finished sync failed; "" on success. */
  error: string;
}
