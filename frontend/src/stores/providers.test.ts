import { describe, expect, it, vi } from 'vitest';
import type { Provider, ProviderInfo } from '../api';
import { ProvidersStore } from './providers.svelte';

const all: Provider[] = [
  { id: 'retell', name: 'Retell AI' },
  { id: 'synthflow', name: 'Synthflow' },
  { id: 'elevenlabs', name: 'ElevenLabs' },
];

const catalog: ProviderInfo[] = [
  {
    id: 'retell',
    name: 'Retell AI',
    portalUrl: 'https://dashboard.retellai.com',
    concurrencyFromApi: true,
    reads:
      "Reads phone and web calls from Retell's call list (POST /v3/list-calls), with their cost, " +
      'and the voice agents with their Retell LLM prompts.',
    fields: [{ key: 'apiKey', label: 'API key', secret: true, placeholder: '', help: '' }],
  },
];

describe('ProvidersStore', () => {
  it('keeps every provider for the filter and the connectable ones with their fields', async () => {
    const store = new ProvidersStore({ list: () => Promise.resolve(all), catalog: () => Promise.resolve(catalog) });
    await store.load();
    expect(store.all.map((p) => p.name)).toEqual(['Retell AI', 'Synthflow', 'ElevenLabs']);
    expect(store.catalog.map((p) => p.fields.length)).toEqual([1]);
    expect(store.loaded).toBe(true);
  });

  it('loads once, shares a load in flight, and tries again after a failure', async () => {
    const list = vi.fn(() => Promise.resolve(all));
    const fetchCatalog = vi
      .fn<() => Promise<ProviderInfo[]>>()
      .mockRejectedValueOnce({ code: 'unavailable', message: 'Not ready.' })
      .mockResolvedValue(catalog);
    const store = new ProvidersStore({ list, catalog: fetchCatalog });

    await Promise.all([store.load(), store.load()]);
    expect(fetchCatalog).toHaveBeenCalledTimes(1);
    expect(store.error?.message).toBe('Not ready.');
    expect(store.loaded).toBe(false);

    await store.load();
    await store.load();
    expect(fetchCatalog).toHaveBeenCalledTimes(2);
    expect(list).toHaveBeenCalledTimes(2);
    expect(store.error).toBeNull();
    expect(store.catalog).toEqual(catalog);
  });
});
