import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConcurrencyInput, ConcurrencyView } from '../api';
import { ConcurrencyStore } from './concurrency.svelte';
import { toasts } from './toasts.svelte';

function concurrencyView(over: Partial<ConcurrencyView> = {}): ConcurrencyView {
  return {
    subAccountId: 7,
    provider: 'vapi',
    providerName: 'Vapi',
    limit: 10,
    limitSource: 'manual',
    limitFromApi: false,
    outbound: 8,
    inboundReserved: 2,
    reserve: '2 reserved for incoming calls',
    providerInboundReserved: 0,
    poolName: '',
    pool: { members: [{ id: 7, name: 'Acme', outbound: 8 }], poolLimit: 10, allocated: 8, available: 2, overBy: 0 },
    sharesAccountWith: [],
    peak7d: 0,
    peak30d: 0,
    peakSeries: [],
    peakEmpty: '',
    updatedAt: '',
    notice: '',
    ...over,
  };
}

describe('ConcurrencyStore', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('fills the form from the saved view', async () => {
    const store = new ConcurrencyStore(7, { get: () => Promise.resolve(concurrencyView({ limit: null, outbound: 0, poolName: 'East' })) });
    await store.load();
    expect(store.form).toEqual({ limit: '', outbound: '0', poolName: 'East' });
    expect(store.hasProvider).toBe(true);
  });

  it('reads a limit Go left out as unknown, like a null one', async () => {
    const { limit: _limit, ...absent } = concurrencyView({ limitSource: 'provider' });
    const save = vi.fn((_id: number, input: ConcurrencyInput) => Promise.resolve({ ...absent, outbound: input.outbound ?? 0 }));
    const refresh = vi.fn(() => Promise.resolve(absent));
    const store = new ConcurrencyStore(7, { get: () => Promise.resolve(absent), save, refresh });
    await store.load();
    expect(store.form.limit).toBe('');
    // The provider's limit is kept whatever is sent; unknown goes as null, never as "not a number".
    store.form = { ...store.form, outbound: '3' };
    expect(await store.save()).toBe(true);
    expect(save).toHaveBeenCalledWith(7, { limit: null, outbound: 3, poolName: '' });
    expect(await store.refresh()).toBe(true);
    expect(toasts.items.map((t) => t.message).at(-1)).toBe('Read the limit from Vapi');
  });

  it("sends what was typed and shows Go's answer, reserve included", async () => {
    const save = vi.fn((_id: number, input: ConcurrencyInput) =>
      Promise.resolve(concurrencyView({ limit: input.limit, outbound: input.outbound ?? 0, inboundReserved: 4, poolName: 'East' })),
    );
    const store = new ConcurrencyStore(7, { get: () => Promise.resolve(concurrencyView()), save });
    await store.load();
    store.form = { limit: '12', outbound: '8', poolName: ' East ' };
    expect(await store.save()).toBe(true);
    expect(save).toHaveBeenCalledWith(7, { limit: 12, outbound: 8, poolName: ' East ' });
    expect(store.view?.inboundReserved).toBe(4);
    expect(store.form).toEqual({ limit: '12', outbound: '8', poolName: 'East' });
    expect(toasts.items.map((t) => t.kind)).toEqual(['success']);
  });

  it('keeps what was typed when Go refuses, with its message under the field', async () => {
    const pool = 'The pool allows 10 outbound calls and Beta holds 6: at most 4 are left for this sub-account.';
    const store = new ConcurrencyStore(7, {
      get: () => Promise.resolve(concurrencyView()),
      save: () => Promise.reject({ code: 'invalid', message: 'Check the highlighted fields.', fields: { outbound: pool } }),
    });
    await store.load();
    store.form = { limit: '10', outbound: '9', poolName: 'Shared' };
    expect(await store.save()).toBe(false);
    expect(store.form).toEqual({ limit: '10', outbound: '9', poolName: 'Shared' });
    expect(store.errors).toEqual({ outbound: pool });
    expect(store.view?.outbound).toBe(8);
    expect(toasts.items).toEqual([]);
  });

  it('sends an empty limit as unknown and does not send what is not a whole number', async () => {
    const save = vi.fn((_id: number, input: ConcurrencyInput) => Promise.resolve(concurrencyView({ limit: input.limit })));
    const store = new ConcurrencyStore(7, { get: () => Promise.resolve(concurrencyView()), save });
    await store.load();
    store.form = { limit: '2.5', outbound: '1', poolName: '' };
    expect(await store.save()).toBe(false);
    expect(save).not.toHaveBeenCalled();
    expect(store.errors).toEqual({ limit: 'Enter a whole number.' });
    expect(store.form.limit).toBe('2.5');
    store.form = { limit: '', outbound: '0', poolName: '' };
    expect(await store.save()).toBe(true);
    expect(save).toHaveBeenCalledWith(7, { limit: null, outbound: 0, poolName: '' });
    expect(store.errors).toEqual({});
  });

  it("keeps the provider's limit while it is in use", async () => {
    const save = vi.fn((_id: number, input: ConcurrencyInput) => Promise.resolve(concurrencyView({ limitSource: 'provider', limit: 20, outbound: input.outbound ?? 0 })));
    const store = new ConcurrencyStore(7, { get: () => Promise.resolve(concurrencyView({ limitSource: 'provider', limit: 20 })), save });
    await store.load();
    store.form = { ...store.form, limit: 'junk', outbound: '5' };
    expect(await store.save()).toBe(true);
    expect(save).toHaveBeenCalledWith(7, { limit: 20, outbound: 5, poolName: '' });
  });

  it('reads the limit from the provider and keeps an outbound share being typed', async () => {
    const refresh = vi.fn(() =>
      Promise.resolve(concurrencyView({ limit: 25, limitSource: 'provider', limitFromApi: true, inboundReserved: 17, providerInboundReserved: 3 })),
    );
    const store = new ConcurrencyStore(7, { get: () => Promise.resolve(concurrencyView({ limitFromApi: true })), refresh });
    await store.load();
    store.form = { ...store.form, outbound: '12' };
    expect(await store.refresh()).toBe(true);
    expect(store.form).toEqual({ limit: '25', outbound: '12', poolName: '' });
    expect(store.limitFromProvider).toBe(true);
    expect(toasts.items.map((t) => t.message)).toEqual(['Read the limit from Vapi: 25']);
  });

  it('toasts a refresh that failed and keeps the form', async () => {
    const store = new ConcurrencyStore(7, {
      get: () => Promise.resolve(concurrencyView({ limitFromApi: true })),
      refresh: () => Promise.reject({ code: 'unavailable', message: 'Vapi did not answer.' }),
    });
    await store.load();
    store.form = { limit: '11', outbound: '3', poolName: 'x' };
    expect(await store.refresh()).toBe(false);
    expect(store.form).toEqual({ limit: '11', outbound: '3', poolName: 'x' });
    expect(toasts.items.map((t) => [t.kind, t.message])).toEqual([['error', 'Could not read the limit from Vapi: Vapi did not answer.']]);
  });

  it('reads the limit from a provider that reports it as soon as it loads, without a toast', async () => {
    const refresh = vi.fn(() => Promise.resolve(concurrencyView({ limit: 25, limitSource: 'provider', limitFromApi: true, reserve: '17 reserved for incoming calls' })));
    const store = new ConcurrencyStore(7, { get: () => Promise.resolve(concurrencyView({ limit: null, limitFromApi: true })), refresh });
    await store.load();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(store.form.limit).toBe('25');
    expect(store.reserve.text).toBe('17 reserved for incoming calls');
    expect(toasts.items).toEqual([]);
  });

  it('says beside the field why the limit could not be read when it loaded, and does not ask a provider that cannot say', async () => {
    const failing = new ConcurrencyStore(7, {
      get: () => Promise.resolve(concurrencyView({ limitFromApi: true })),
      refresh: () => Promise.reject({ code: 'unavailable', message: 'Could not reach Vapi.' }),
    });
    await failing.load();
    expect(failing.readError).toBe('Could not read the limit from Vapi: Could not reach Vapi.');
    expect(toasts.items).toEqual([]);
    const refresh = vi.fn(() => Promise.resolve(concurrencyView()));
    await new ConcurrencyStore(7, { get: () => Promise.resolve(concurrencyView()), refresh }).load();
    expect(refresh).not.toHaveBeenCalled();
  });

  it("asks Go for the reserve of the values as typed, and sends an empty outbound field for Go to refuse", async () => {
    const preview = vi.fn((input: ConcurrencyInput) =>
      Promise.resolve({ inboundReserved: 0, text: `preview of ${input.limit} and ${input.outbound}` }),
    );
    const save = vi.fn(() => Promise.reject({ code: 'invalid', message: 'Check the highlighted fields.', fields: { outbound: 'Outbound calls cannot be empty.' } }));
    const store = new ConcurrencyStore(7, { get: () => Promise.resolve(concurrencyView()), preview, save });
    await store.load();
    expect(store.reserve.text).toBe('2 reserved for incoming calls');
    await store.edit('limit', '30');
    expect(store.reserve.text).toBe('preview of 30 and 8');
    await store.edit('outbound', '');
    expect(preview).toHaveBeenLastCalledWith({ limit: 30, outbound: null, poolName: '' });
    await store.edit('outbound', '1.5');
    expect(store.reserve.text).toBe('');
    expect(preview).toHaveBeenCalledTimes(2);
    await store.edit('poolName', 'East');
    expect(preview).toHaveBeenCalledTimes(2);
    await store.edit('outbound', '');
    expect(await store.save()).toBe(false);
    expect(save).toHaveBeenCalledWith(7, { limit: 30, outbound: null, poolName: 'East' });
    expect(store.errors).toEqual({ outbound: 'Outbound calls cannot be empty.' });
  });
});
