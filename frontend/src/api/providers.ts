import * as svc from '../../wailsjs/go/backend/ProviderService';
import { call } from './errors';
import type { Connection, CredentialsInput, ProviderInfo } from './types';

/** The providers a sub-account can connect to, with their credential fields, in display order. */
export async function providerCatalog(): Promise<ProviderInfo[]> {
  const list = (await call(() => svc.Catalog())) ?? [];
  return list.map((p) => ({ ...p, fields: p.fields ?? [] }));
}

/** A sub-account's connection; never carries a saved secret, only secretHint. */
export async function getConnection(subAccountId: number): Promise<Connection> {
  return normalise(await call(() => svc.Get(subAccountId)));
}

/**
 * Saves credentials (the secret goes to the OS keychain) and checks them when online.
 * AppError: invalid (fields.<key>, fields.provider), conflict (another provider is set),
 * keychain (the OS keychain is unusable: nothing was saved).
 */
export async function saveCredentials(subAccountId: number, input: CredentialsInput): Promise<Connection> {
  return normalise(await call(() => svc.SaveCredentials(subAccountId, { ...input, fields: { ...input.fields } })));
}

/** Deletes the credentials, provider settings, sync state and concurrency settings; calls stay. */
export function disconnectProvider(subAccountId: number): Promise<void> {
  return call(() => svc.Disconnect(subAccountId));
}

/** Opens the provider's portal in the system browser. */
export function openProviderPortal(subAccountId: number): Promise<void> {
  return call(() => svc.OpenPortal(subAccountId));
}

// Go encodes an empty map as null.
function normalise(c: Connection): Connection {
  return { ...c, fields: c.fields ?? {} };
}
