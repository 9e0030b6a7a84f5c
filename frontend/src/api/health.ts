import * as svc from '../../wailsjs/go/backend/HealthService';
import { call } from './errors';
import { EventName, onEvent, type Unsubscribe } from './events';
import type { KeychainStatus } from './types';

/** Whether the OS keychain answers, as Go last saw it (checked is false before its first probe). */
export function getKeychainStatus(): Promise<KeychainStatus> {
  return call(() => svc.Keychain());
}

/** Asks the keychain again now ("Check again"). */
export function checkKeychain(): Promise<KeychainStatus> {
  return call(() => svc.CheckKeychain());
}

/** Each change of the keychain's status. */
export function onKeychainStatus(fn: (s: KeychainStatus) => void): Unsubscribe {
  return onEvent(EventName.Keychain, fn);
}
