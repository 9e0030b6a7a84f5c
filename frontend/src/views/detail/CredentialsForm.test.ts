import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { AppError, type Connection, type ProviderInfo, type SaveCredentialsInput } from '../../api';
import { syncStatus } from '../../lib/testing';
import CredentialsForm from './CredentialsForm.svelte';

const providers: ProviderInfo[] = [
  {
    id: 'retell',
    name: 'Retell AI',
    portalUrl: 'https://dashboard.retellai.com',
    concurrencyFromApi: true,
    reads:
      "Reads phone and web calls from Retell's call list (POST /v3/list-calls), with their cost, " +
      'and the voice agents with their Retell LLM prompts.',
    fields: [{ key: 'apiKey', label: 'API key', secret: true, placeholder: 'key_…', help: 'Settings → API Keys' }],
  },
  {
    id: 'twilio',
    name: 'Twilio',
    portalUrl: 'https://console.twilio.com',
    concurrencyFromApi: false,
    reads:
      "Reads the account's Calls list with the legs a call places (<Dial>): every leg's price counts as cost, " +
      "and a conversation's minutes count once, from its parent call.",
    fields: [
      { key: 'accountSid', label: 'Account SID', secret: false, placeholder: 'AC…', help: '' },
      { key: 'authToken', label: 'Auth token', secret: true, placeholder: '', help: '' },
    ],
  },
];

function conn(over: Partial<Connection> = {}): Connection {
  return {
    subAccountId: 7,
    provider: '',
    providerName: '',
    fields: {},
    secretHint: '',
    state: '',
    stateReason: '',
    checkedAt: '',
    autoSync: false,
    syncPaused: false,
    syncing: false,
    lastSyncAt: '',
    lastError: '',
    callCount: 0,
    sync: syncStatus(),
    accepted: false,
    reads: '',
    ...over,
  };
}

type Save = (input: SaveCredentialsInput) => Promise<AppError | null>;

function setup(connection: Connection, onsave: Save = vi.fn<Save>(() => Promise.resolve(null))) {
  render(CredentialsForm, { providers, connection, saving: false, onsave });
  return { onsave, save: screen.getByRole('button', { name: 'Save Credentials' }) };
}

const twilio = conn({
  provider: 'twilio',
  providerName: 'Twilio',
  fields: { accountSid: 'AC123' },
  secretHint: '••••1a2b',
  accepted: true,
});

describe('CredentialsForm', () => {
  it("offers the providers, then the chosen provider's fields with help text", async () => {
    setup(conn());
    const select = screen.getByRole('combobox', { name: 'Voice provider' });
    expect(screen.queryByLabelText('API key')).toBeNull();
    await fireEvent.change(select, { target: { value: 'retell' } });
    const key = screen.getByLabelText('API key');
    expect(key.getAttribute('type')).toBe('password');
    expect(key.getAttribute('autocomplete')).toBe('off');
    expect(key.getAttribute('placeholder')).toBe('key_…');
    expect(key.getAttribute('aria-describedby')).toBe(screen.getByText('Settings → API Keys').id);
  });

  it('shows the saved non-secret values and the secret only as a hint', () => {
    setup(twilio);
    expect(screen.queryByRole('combobox', { name: 'Voice provider' })).toBeNull();
    expect((screen.getByLabelText('Account SID') as HTMLInputElement).value).toBe('AC123');
    const token = screen.getByLabelText('Auth token') as HTMLInputElement;
    expect(token.value).toBe('');
    expect(token.placeholder).toBe('Saved (••••1a2b) — leave empty to keep');
  });

  it('sends an empty secret to keep it, and clears a typed secret after a successful save', async () => {
    const { onsave, save } = setup(twilio);
    await fireEvent.click(save);
    expect(onsave).toHaveBeenLastCalledWith({ provider: 'twilio', fields: { accountSid: 'AC123', authToken: '' }, saveAnyway: false });

    const token = screen.getByLabelText('Auth token') as HTMLInputElement;
    await fireEvent.input(token, { target: { value: 'new-token' } });
    await fireEvent.click(save);
    expect(onsave).toHaveBeenLastCalledWith({ provider: 'twilio', fields: { accountSid: 'AC123', authToken: 'new-token' }, saveAnyway: false });
    await vi.waitFor(() => expect(token.value).toBe(''));
    expect((screen.getByLabelText('Account SID') as HTMLInputElement).value).toBe('AC123');
  });

  it("keeps what was typed after a failed save and shows Go's field errors under their fields", async () => {
    const err = new AppError('invalid', 'Check the fields.', { accountSid: 'Account SID starts with AC.' });
    const { save } = setup(twilio, vi.fn<Save>(() => Promise.resolve(err)));
    const sid = screen.getByLabelText('Account SID') as HTMLInputElement;
    const token = screen.getByLabelText('Auth token') as HTMLInputElement;
    await fireEvent.input(sid, { target: { value: 'XX1' } });
    await fireEvent.input(token, { target: { value: 'typed-token' } });
    await fireEvent.click(save);
    const msg = await screen.findByText('Account SID starts with AC.');
    expect(sid.getAttribute('aria-invalid')).toBe('true');
    expect(sid.getAttribute('aria-describedby')).toBe(msg.id);
    expect(sid.value).toBe('XX1');
    expect(token.value).toBe('typed-token');
  });

  it('shows a missing provider choice under the select', async () => {
    const err = new AppError('invalid', 'Choose a voice provider.', { provider: 'Choose a voice provider.' });
    const { save } = setup(conn(), vi.fn<Save>(() => Promise.resolve(err)));
    await fireEvent.click(save);
    const msg = await screen.findByText('Choose a voice provider.');
    expect(screen.getByRole('combobox', { name: 'Voice provider' }).getAttribute('aria-describedby')).toBe(msg.id);
  });

  it('shows a refused key under its field as an alert and offers "Save anyway"', async () => {
    const refusal = 'Retell AI did not accept this API key (HTTP 401). Copy the API key from the API Keys tab.';
    const onsave = vi
      .fn<Save>()
      .mockResolvedValueOnce(new AppError('refused', refusal, { apiKey: refusal }))
      .mockResolvedValueOnce(null);
    const { save } = setup(conn(), onsave);
    await fireEvent.change(screen.getByRole('combobox', { name: 'Voice provider' }), { target: { value: 'retell' } });
    const key = screen.getByLabelText('API key') as HTMLInputElement;
    await fireEvent.input(key, { target: { value: 'key_wrong' } });
    await fireEvent.click(save);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(refusal);
    expect(key.getAttribute('aria-invalid')).toBe('true');
    expect(key.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    expect(key.value).toBe('key_wrong');
    await fireEvent.click(screen.getByRole('button', { name: 'Save anyway' }));
    expect(onsave).toHaveBeenLastCalledWith({ provider: 'retell', fields: { apiKey: 'key_wrong' }, saveAnyway: true });
    await vi.waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(screen.queryByRole('button', { name: 'Save anyway' })).toBeNull();
  });

  it('keeps the provider choice open for a connection its provider never accepted', async () => {
    const { onsave, save } = setup(conn({ provider: 'retell', providerName: 'Retell AI', secretHint: '••••rong', state: 'invalid' }));
    const select = screen.getByRole('combobox', { name: 'Voice provider' }) as HTMLSelectElement;
    expect(select.value).toBe('retell');
    expect((screen.getByLabelText('API key') as HTMLInputElement).placeholder).toBe('Saved (••••rong) — leave empty to keep');
    await fireEvent.change(select, { target: { value: 'twilio' } });
    await fireEvent.input(screen.getByLabelText('Account SID'), { target: { value: 'AC1' } });
    await fireEvent.input(screen.getByLabelText('Auth token'), { target: { value: 'tok' } });
    await fireEvent.click(save);
    expect(onsave).toHaveBeenLastCalledWith({ provider: 'twilio', fields: { accountSid: 'AC1', authToken: 'tok' }, saveAnyway: false });
  });
});
