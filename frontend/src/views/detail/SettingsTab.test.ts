import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Connection, SyncListener } from '../../api';
import { ConnectionStore } from '../../stores/connection.svelte';
import { syncSettings } from '../../stores/syncsettings.svelte';
import { toasts } from '../../stores/toasts.svelte';
import SettingsTab from './SettingsTab.svelte';

function conn(over: Partial<Connection> = {}): Connection {
  return {
    subAccountId: 7,
    provider: 'vapi',
    providerName: 'Vapi',
    fields: {},
    secretHint: '••••1a2b',
    state: 'connected',
    stateReason: '',
    checkedAt: '',
    autoSync: true,
    syncPaused: false,
    syncing: false,
    lastSyncAt: '',
    lastError: '',
    callCount: 0,
    accepted: true,
    reads:
      "Reads phone, web and websocket calls from Vapi's call list (GET /call), with their cost, " +
      'and the assistants with their system prompts and the phone numbers.',
    ...over,
  };
}

async function setup(connection: Connection, active = true) {
  let progress: SyncListener = () => {};
  const store = new ConnectionStore(7, {
    get: () => Promise.resolve(connection),
    syncNow: vi.fn(() => Promise.resolve()),
    onProgress: (fn) => ((progress = fn), () => {}),
    onDone: () => () => {},
  });
  store.start();
  await vi.waitFor(() => expect(store.connection).not.toBeNull());
  syncSettings.intervalMinutes = 15;
  render(SettingsTab, { conn: store, active });
  const emit = (pages: number, calls: number, requests = pages) =>
    progress({ subAccountId: 7, run: 1, pages, requests, calls, shared: 0, unassigned: 0, done: false, error: null });
  return { store, emit };
}

describe('SettingsTab', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('explains the polling, and syncs now with a progress bar that counts pages and calls', async () => {
    const { emit } = await setup(conn());
    const toggle = screen.getByRole('switch', { name: 'Automatic sync' });
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect(screen.getByText('Polls Vapi for new calls every 15 minutes. No webhook URL is needed.')).toBeTruthy();
    expect(screen.getByText('Never')).toBeTruthy();

    const sync = screen.getByRole('button', { name: 'Sync now' });
    await fireEvent.click(sync);
    expect(sync).toHaveProperty('disabled', true);
    emit(3, 2400);
    await vi.waitFor(() =>
      expect(screen.getByRole('progressbar', { name: 'Sync progress' }).getAttribute('aria-valuetext')).toBe(
        'Page 3, 2,400 calls',
      ),
    );
  });

  it("counts a sync's requests too when the provider needs more than one a page", async () => {
    const { emit } = await setup(conn());
    await fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    emit(2, 200);
    const counts = () => document.querySelector('.sync-progress .counts')?.textContent;
    await vi.waitFor(() => expect(counts()).toBe('Syncing… Page 2, 200 calls'));
    emit(2, 200, 202);
    await vi.waitFor(() => expect(counts()).toBe('Syncing… Page 2, 200 calls · 202 requests'));
    expect(screen.getByRole('progressbar', { name: 'Sync progress' }).getAttribute('aria-valuetext')).toBe('Page 2, 200 calls');
  });

  it('disables the switch with the reason for an inactive sub-account', async () => {
    await setup(conn(), false);
    expect(screen.getByRole('switch', { name: 'Automatic sync' })).toHaveProperty('disabled', true);
    expect(screen.getByText('Inactive sub-accounts do not sync.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sync now' })).toHaveProperty('disabled', true);
  });

  it('says that auto-sync is paused after the provider refused the credentials', async () => {
    await setup(conn({ lastError: 'Vapi refused the API key.', syncPaused: true, state: 'invalid' }));
    expect(screen.getByText(/Vapi refused the API key\./)).toBeTruthy();
    expect(screen.getByText(/auto-sync is paused until the credentials are saved again/)).toBeTruthy();
  });
});
