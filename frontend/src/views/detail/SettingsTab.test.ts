import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Connection, SyncListener } from '../../api';
import { syncStatus } from '../../lib/testing';
import { ConnectionStore } from '../../stores/connection.svelte';
import { nav } from '../../stores/nav.svelte';
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
    sync: syncStatus(),
    ...over,
  };
}

const paused = syncStatus({
  state: 'paused',
  summary: 'Automatic sync is paused.',
  reason: 'Vapi refused the saved credentials.',
  resume: 'Save working credentials in Provider Credentials.',
  resumeTab: 'provider',
  canToggle: false,
  canSyncNow: false,
  syncNowReason: 'Vapi refused the saved credentials. Save working credentials in Provider Credentials.',
});

async function setup(first: Connection, ongo = vi.fn(), after: Connection = first) {
  let progress: SyncListener = () => {};
  let current = first;
  const setAutoSync = vi.fn(() => {
    current = after;
    return Promise.resolve();
  });
  const store = new ConnectionStore(7, {
    get: () => Promise.resolve(current),
    syncNow: vi.fn(() => Promise.resolve()),
    setAutoSync,
    onProgress: (fn) => ((progress = fn), () => {}),
    onDone: () => () => {},
  });
  store.start();
  await vi.waitFor(() => expect(store.connection).not.toBeNull());
  render(SettingsTab, { conn: store, ongo });
  const emit = (pages: number, calls: number, requests = pages) =>
    progress({ subAccountId: 7, run: 1, pages, requests, calls, shared: 0, unassigned: 0, done: false, error: null });
  return { store, emit, setAutoSync };
}

describe('SettingsTab', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('explains the polling, and syncs now with a progress bar that counts pages and calls', async () => {
    const { emit } = await setup(conn());
    const toggle = screen.getByRole('switch', { name: 'Automatic sync' });
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect(screen.getByText('Automatic sync is on: polls Vapi for new calls every 15 minutes. No webhook URL is needed.')).toBeTruthy();
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

  it('shows a paused sync as paused: the switch off, Sync now disabled with the reason, a way to the step that resumes it', async () => {
    const ongo = vi.fn();
    await setup(conn({ state: 'invalid', syncPaused: true, lastError: 'Vapi refused the API key.', sync: paused }), ongo);
    const toggle = screen.getByRole('switch', { name: 'Automatic sync' });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(toggle).toHaveProperty('disabled', true);
    expect(toggle.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(toggle.getAttribute('aria-describedby')!)?.textContent).toContain('Automatic sync is paused.');
    const sync = screen.getByRole('button', { name: 'Sync now' });
    expect(sync).toHaveProperty('disabled', true);
    expect(screen.getByText(/Sync now is unavailable: Vapi refused the saved credentials\./)).toBeTruthy();
    expect(screen.getByText(/Last sync failed/)).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Open Provider Credentials' }));
    expect(ongo).toHaveBeenCalledWith('provider');
  });

  it("shows the state Go decides after the switch is turned off, and sends the interval to the agency's Settings", async () => {
    const off = conn({
      autoSync: false,
      sync: syncStatus({ state: 'off', summary: 'Automatic sync is off: new calls arrive only with Sync now.' }),
    });
    const { setAutoSync } = await setup(conn(), vi.fn(), off);
    await fireEvent.click(screen.getByRole('switch', { name: 'Automatic sync' }));
    expect(setAutoSync).toHaveBeenCalledWith(7, false);
    await vi.waitFor(() => expect(screen.getByText('Automatic sync is off: new calls arrive only with Sync now.')).toBeTruthy());
    expect(screen.queryByText(/polls Vapi/)).toBeNull();
    expect(screen.getByRole('switch', { name: 'Automatic sync' }).getAttribute('aria-checked')).toBe('false');
    expect(screen.queryByRole('spinbutton', { name: /Sync interval/ })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Change it in agency Settings' }));
    expect(nav.view).toBe('settings');
  });
});
