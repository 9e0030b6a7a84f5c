import * as svc from '../../wailsjs/go/backend/ProviderService';
import { call } from './errors';
import type { Connection, ProviderInfo, SaveCredentialsInput } from './types';

/** The providers a sub-account can connect to, with their credential fields, in display order. */
export function providerCatalog(): Promise<ProviderInfo[]> {
  return call(() => svc.Catalog());
}

/** A sub-account's connection; never carries a saved secret, only secretHint. */
export function getConnection(subAccountId: number): Promise<Connection> {
  return call(() => svc.Get(subAccountId));
}

/**
 * Saves credentials (the secret goes to the OS keychain) and checks them when online.
 * AppError: invalid (fields.<key>, fields.provider), conflict (another provider is set),
 * keychain (the OS keychain is unusable: nothing was saved).
 */
export function saveCredentials(subAccountId: number, input: SaveCredentialsInput): Promise<Connection> {
  return call(() => svc.SaveCredentials(subAccountId, { ...input, fields: { ...input.fields } }));
}

/** Deletes the credentials, provider settings, sync state and concurrency settings; calls stay. */
export function disconnectProvider(subAccountId: number): Promise<void> {
  return call(() => svc.Disconnect(subAccountId));
}

/** Opens the provider's portal in the system browser. */
export function openProviderPortal(subAccountId: number): Promise<void> {
  return call(() => svc.OpenPortal(subAccountId));
}
