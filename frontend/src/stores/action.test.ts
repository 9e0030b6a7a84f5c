import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../api';
import { action, unlessFields } from './action';
import { toasts } from './toasts.svelte';

/** A store's fields as an action sees them. */
function store() {
  const s = { busy: false, error: null as AppError | null, busyWhileRunning: [] as boolean[] };
  return {
    s,
    options: { busy: (on: boolean) => (s.busy = on), failed: (e: AppError) => (s.error = e) },
    /** A call that records the busy flag it ran under, then settles as told. */
    call: (settle: () => Promise<string | void>) => () => {
      s.busyWhileRunning.push(s.busy);
      return settle();
    },
  };
}

const shown = () => toasts.items.map((t) => [t.kind, t.message]);

describe('action', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('is busy while the call runs, toasts its success and resets busy', async () => {
    const { s, options, call } = store();
    const done = action(call(() => Promise.resolve('Saved “Acme”')), options);
    expect(s.busy).toBe(true);
    await expect(done).resolves.toBeNull();
    expect(s.busyWhileRunning).toEqual([true]);
    expect(s.busy).toBe(false);
    expect(s.error).toBeNull();
    expect(shown()).toEqual([['success', 'Saved “Acme”']]);
  });

  it('toasts nothing when the call returns no text', async () => {
    const { s, options, call } = store();
    await action(call(() => Promise.resolve()), options);
    expect(s.busy).toBe(false);
    expect(toasts.items).toEqual([]);
  });

  it('turns a failure into an AppError, keeps it, toasts it and resets busy', async () => {
    const { s, options, call } = store();
    const err = await action(call(() => Promise.reject('{"code":"unavailable","message":"The database is busy."}')), options);
    expect(err).toBeInstanceOf(AppError);
    expect(s.error).toBe(err);
    expect(s.error?.code).toBe('unavailable');
    expect(s.busy).toBe(false);
    expect(shown()).toEqual([['error', 'The database is busy.']]);
  });

  it('resets busy and never rejects when the call throws before it awaits', async () => {
    const { s, options } = store();
    const err = await action(() => {
      throw new Error('bridge down');
    }, options);
    expect(err?.code).toBe('internal');
    expect(s.busy).toBe(false);
  });

  it.each([
    ['a lead', 'Could not save the limits', [['error', 'Could not save the limits: Offline.']]],
    ['none', false, []],
  ] as const)('toasts a failure with %s when asked', async (_name, toast, expected) => {
    await action(() => Promise.reject({ code: 'unavailable', message: 'Offline.' }), { toast });
    expect(shown()).toEqual(expected);
  });

  it('leaves field errors to the form with unlessFields', async () => {
    const { s, options } = store();
    const fields = { code: 'invalid', message: 'Check the fields.', fields: { name: 'Enter a name.' } };
    const err = await action(() => Promise.reject(fields), { ...options, toast: unlessFields });
    expect(err?.field('name')).toBe('Enter a name.');
    expect(s.error).toBe(err);
    expect(toasts.items).toEqual([]);
    await action(() => Promise.reject({ code: 'conflict', message: 'Taken.' }), { toast: unlessFields });
    expect(shown()).toEqual([['error', 'Taken.']]);
  });

  it('drops the outcome of a request that is no longer current, busy included', async () => {
    const { s, options } = store();
    let current = true;
    let fail: (e: unknown) => void = () => {};
    const done = action(() => new Promise<void>((_, reject) => (fail = reject)), { ...options, current: () => current });
    expect(s.busy).toBe(true);
    current = false;
    fail({ code: 'internal', message: 'late' });
    await done;
    expect(s.error).toBeNull();
    expect(s.busy).toBe(true);
    expect(toasts.items).toEqual([]);
  });
});
