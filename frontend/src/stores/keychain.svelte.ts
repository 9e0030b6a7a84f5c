import { checkKeychain, getKeychainStatus, onKeychainStatus, type KeychainStatus, type Unsubscribe } from '../api';
import { action } from './action';

export interface KeychainDeps {
  get: () => Promise<KeychainStatus>;
  check: () => Promise<KeychainStatus>;
  onStatus: (fn: (s: KeychainStatus) => void) => Unsubscribe;
}

const defaultDeps: KeychainDeps = { get: getKeychainStatus, check: checkKeychain, onStatus: onKeychainStatus };

/**
 * Whether the OS keychain answers, for the app-wide banner: Go probes it after start, on each
 * scheduler pass while it fails, and on "Check again"; every change arrives as an event.
 */
export class KeychainStore {
  status = $state.raw<KeychainStatus | null>(null);
  checking = $state(false);
  #deps: KeychainDeps;
  #off: Unsubscribe = () => {};

  constructor(deps: Partial<KeychainDeps> = {}) {
    this.#deps = { ...defaultDeps, ...deps };
  }

  /** True when Go has found that the keychain does not answer. */
  get down(): boolean {
    return this.status !== null && this.status.checked && !this.status.available;
  }

  /** Follows the status (subscribed before the first read, so no change is missed); returns stop. */
  start(): () => void {
    this.#off();
    this.#off = this.#deps.onStatus((s) => (this.status = s));
    void action(
      async () => {
        const s = await this.#deps.get();
        // An event that came while the read was in flight is as new, or newer.
        if (this.status === null || !this.status.checked) this.status = s;
      },
      { toast: false },
    );
    return () => this.#off();
  }

  /** Asks Go to probe the keychain again now. */
  async check(): Promise<void> {
    await action(
      async () => {
        this.status = await this.#deps.check();
      },
      { busy: (on) => (this.checking = on) },
    );
  }
}

export const keychain = new KeychainStore();
