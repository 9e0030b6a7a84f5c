import * as svc from '../../wailsjs/go/backend/SubAccountService';
import { call } from './errors';
import type { ListPage, ListQuery, Provider, SubAccount } from './types';

/** One page of sub-accounts; the database filters, sorts and pages. */
export function listSubAccounts(q: ListQuery): Promise<ListPage> {
  return call(() => svc.List({ ...q }));
}

/** Creates a sub-account; AppError "invalid"/"conflict" carry fields.name. */
export function createSubAccount(name: string): Promise<SubAccount> {
  return call(() => svc.Create({ name }));
}

export function getSubAccount(id: number): Promise<SubAccount> {
  return call(() => svc.Get(id));
}

export function enableSubAccount(id: number): Promise<SubAccount> {
  return call(() => svc.Enable(id));
}

export function disableSubAccount(id: number): Promise<SubAccount> {
  return call(() => svc.Disable(id));
}

/** Deletes a sub-account; Go checks confirmName against its name (fields.confirmName). */
export function deleteSubAccount(id: number, confirmName: string): Promise<void> {
  return call(() => svc.Delete(id, confirmName));
}

export function listProviders(): Promise<Provider[]> {
  return call(() => svc.Providers());
}

/** The page sizes the sub-account list offers; Go refuses any other. */
export function listPageSizes(): Promise<number[]> {
  return call(() => svc.PageSizes());
}
