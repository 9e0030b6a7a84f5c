import { describe, expect, it, vi } from 'vitest';
import type { KeychainStatus } from '../api';
import { KeychainStore } from './keychain.svelte';

const down: KeychainStatus = {
  checked: true,
  available: false,
  problem: 'no keychain is available (provider credentials cannot be saved or read until it works)',
  fix: 'install and start a Secret Service provider',
};
const up: KeychainStatus = { checked: true, available: true, problem: '', fix: '' };
const unknown: KeychainStatus = { checked: false, available: false, problem: '', fix: '' };

describe('KeychainStore', () => {
  it('is not down before Go has probed, then follows the events', async () => {
    let emit: (s: KeychainStatus) => void = () => {};
    const store = new KeychainStore({
      get: () => Promise.resolve(unknown),
      check: vi.fn(),
      onStatus: (fn) => ((emit = fn), () => {}),
    });
    store.start();
    await vi.waitFor(() => expect(store.status).toEqual(unknown));
    expect(store.down).toBe(false);
    emit(down);
    expect(store.down).toBe(true);
    emit(up);
    expect(store.down).toBe(false);
  });

  it('keeps an event that arrived while the first read was in flight', async () => {
    let emit: (s: KeychainStatus) => void = () => {};
    let answer: (s: KeychainStatus) => void = () => {};
    const store = new KeychainStore({
      get: () => new Promise((resolve) => (answer = resolve)),
      check: vi.fn(),
      onStatus: (fn) => ((emit = fn), () => {}),
    });
    store.start();
    emit(down);
    answer(unknown);
    await Promise.resolve();
    expect(store.down).toBe(true);
  });

  it('"Check again" shows what Go found', async () => {
    const check = vi.fn(() => Promise.resolve(up));
    const store = new KeychainStore({ get: () => Promise.resolve(down), check, onStatus: () => () => {} });
    store.start();
    await vi.waitFor(() => expect(store.down).toBe(true));
    await store.check();
    expect(check).toHaveBeenCalledOnce();
    expect(store.down).toBe(false);
    expect(store.checking).toBe(false);
  });
});
