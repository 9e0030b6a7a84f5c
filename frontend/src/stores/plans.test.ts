import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, PlanInterval, type Plan, type PlanInput } from '../api';
import { plan } from '../views/detail/pricing/testing';
import { microsToText, minorToText, PlanForm, planFormValues, PlansStore } from './plans.svelte';
import { toasts } from './toasts.svelte';

const currencies = [
  { code: 'USD', name: 'US dollar', symbol: '$', exponent: 2 },
  { code: 'JPY', name: 'Japanese yen', symbol: '¥', exponent: 0 },
  { code: 'KWD', name: 'Kuwaiti dinar', symbol: 'KWD', exponent: 3 },
];

const messages = () => toasts.items.map((t) => t.message);

/** Go's parser, for the cases the tests type: digits and one point, at most `decimals` decimals. */
function goParse(decimals: number, field: string) {
  return (text: string): Promise<number> => {
    const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
    if (!m || (m[2] ?? '').length > decimals) {
      return Promise.reject({ code: 'invalid', message: 'Check the field.', fields: { [field]: `Not a ${field}.` } });
    }
    return Promise.resolve(Number((m[1] ?? '') + (m[2] ?? '').padEnd(decimals, '0')));
  };
}

describe('money text (no floats)', () => {
  it.each([
    [4900, 2, '49.00'],
    [5, 2, '0.05'],
    [4900, 0, '4900'],
    [1500, 3, '1.500'],
    [100_000_000, 2, '1000000.00'],
    [0, 2, '0.00'],
  ])('minorToText(%i, %i) = %s', (minor, exp, text) => {
    expect(minorToText(minor, exp)).toBe(text);
  });

  it.each([
    [35000, 2, '0.035'],
    [50000, 2, '0.05'],
    [500000, 0, '0.5'],
    [0, 2, '0.00'],
    [0, 0, '0'],
    [1234500, 3, '1.2345'],
  ])('microsToText(%i, %i) = %s', (micros, exp, text) => {
    expect(microsToText(micros, exp)).toBe(text);
  });

  it("fills the form from a plan's terms with its currency's decimals", () => {
    const yen: PlanInput = { name: 'Tokyo', priceMinor: 4900, currency: 'JPY', interval: PlanInterval.Year, includedMinutes: 500, overageMicros: 500000, bullets: ['A', 'B'] };
    expect(planFormValues(yen, currencies, 'USD')).toEqual({
      name: 'Tokyo',
      price: '4900',
      currency: 'JPY',
      interval: PlanInterval.Year,
      includedMinutes: '500',
      overage: '0.5',
      bullets: 'A\nB',
    });
    expect(planFormValues(null, currencies, 'EUR')).toMatchObject({ price: '', currency: 'EUR', interval: PlanInterval.Month });
  });
});

describe('PlanForm', () => {
  it("has Go read the price and the rate, and sends Go's integers", async () => {
    const parsePrice = vi.fn(goParse(2, 'priceMinor'));
    const parseRate = vi.fn(goParse(6, 'overageMicros'));
    const form = new PlanForm(planFormValues(null, currencies, 'USD'), { parsePrice, parseRate });
    Object.assign(form.values, { name: 'Basic', price: '49.99', overage: '0.035', includedMinutes: ' 1000 ', bullets: 'Email support\n\n  Reports  \n' });
    const send = vi.fn((_in: PlanInput) => Promise.resolve(null));
    expect(await form.submit(send)).toBe(true);
    expect(parsePrice).toHaveBeenCalledWith('49.99', 'USD');
    expect(parseRate).toHaveBeenCalledWith('0.035', 'USD');
    expect(send).toHaveBeenCalledWith({
      name: 'Basic',
      priceMinor: 4999,
      currency: 'USD',
      interval: PlanInterval.Month,
      includedMinutes: 1000,
      overageMicros: 35000,
      bullets: ['Email support', 'Reports'],
    });
  });

  it("puts Go's messages under the fields they name and sends nothing while the text is not a number", async () => {
    const form = new PlanForm(planFormValues(null, currencies, 'USD'), { parsePrice: goParse(2, 'priceMinor'), parseRate: goParse(6, 'overageMicros') });
    Object.assign(form.values, { name: 'Basic', price: '49.999', overage: 'lots', includedMinutes: '10.5' });
    const send = vi.fn(() => Promise.resolve(null));
    expect(await form.submit(send)).toBe(false);
    expect(send).not.toHaveBeenCalled();
    expect(form.errors).toEqual({
      price: 'Not a priceMinor.',
      overage: 'Not a overageMicros.',
      includedMinutes: 'Enter the included minutes as a whole number, such as 1000.',
    });
  });

  it('maps the field errors of the save, and keeps any other error for the form', async () => {
    const form = new PlanForm(planFormValues(null, currencies, 'USD'), { parsePrice: () => Promise.resolve(0), parseRate: () => Promise.resolve(0) });
    const fields = { name: 'A catalog plan is already named “Basic”.', bullets: 'Feature 2: too long.', other: 'Something else.' };
    expect(await form.submit(() => Promise.resolve(new AppError('conflict', 'Check the fields.', fields)))).toBe(false);
    expect(form.errors).toEqual({ name: fields.name, bullets: fields.bullets });
    expect(form.formError).toBe('Something else.');
    expect(await form.submit(() => Promise.resolve(new AppError('internal', 'Disk full.')))).toBe(false);
    expect(form.errors).toEqual({});
    expect(form.formError).toBe('Disk full.');
  });
});

describe('PlansStore', () => {
  afterEach(() => {
    toasts.items = [];
  });

  function store(items: Plan[] = [plan(1, 'Basic')], over: ConstructorParameters<typeof PlansStore>[0] = {}) {
    const list = vi.fn((_archived: boolean) => Promise.resolve(items));
    return { list, s: new PlansStore({ list, currencies: () => Promise.resolve(currencies), ...over }) };
  }

  it('lists archived plans only when asked, and loads the currencies once', async () => {
    const currenciesFn = vi.fn(() => Promise.resolve(currencies));
    const { list, s } = store(undefined, { currencies: currenciesFn });
    await s.load();
    await s.setShowArchived(true);
    expect(list.mock.calls.map((c) => c[0])).toEqual([false, true]);
    await s.ensureCurrencies();
    expect(currenciesFn).toHaveBeenCalledTimes(1);
    expect(s.currencies.map((c) => c.code)).toEqual(['USD', 'JPY', 'KWD']);
  });

  it('creates, toasts and reads the list again; field errors are left to the form', async () => {
    const create = vi.fn((input: PlanInput) => Promise.resolve(plan(2, input.name)));
    const { list, s } = store(undefined, { create });
    const input: PlanInput = { name: 'Pro', priceMinor: 9900, currency: 'USD', interval: PlanInterval.Month, includedMinutes: 0, overageMicros: 0, bullets: [] };
    expect(await s.create(input)).toBeNull();
    expect(messages()).toEqual(['Created plan “Pro”']);
    expect(list).toHaveBeenCalledTimes(1);
    const refused = store(undefined, { create: () => Promise.reject({ code: 'invalid', message: 'Check the fields.', fields: { name: 'Too short.' } }) });
    expect((await refused.s.create(input))?.field('name')).toBe('Too short.');
    expect(messages()).toEqual(['Created plan “Pro”']);
  });

  it('returns the plan as Go saved it, with who keeps the old terms', async () => {
    const saved = plan(1, 'Basic', { version: 2, offeredBy: 3, offeredOldTerms: 3 });
    const { s } = store(undefined, { update: () => Promise.resolve(saved) });
    expect(await s.update(1, { ...saved })).toBe(saved);
  });

  it('moves every offer to the newest version and says how many moved', async () => {
    const moveToLatest = vi.fn(() => Promise.resolve(3));
    const { s } = store(undefined, { moveToLatest });
    expect(await s.moveToLatest(plan(1, 'Basic'))).toBeNull();
    expect(moveToLatest).toHaveBeenCalledWith(1, []);
    expect(messages()).toEqual(['Moved 3 sub-accounts to the new terms of “Basic”']);
  });

  it('archives and restores', async () => {
    const archive = vi.fn((id: number) => Promise.resolve(plan(id, 'Basic', { archived: true })));
    const unarchive = vi.fn((id: number) => Promise.resolve(plan(id, 'Basic')));
    const { s } = store(undefined, { archive, unarchive });
    expect(await s.setArchived(plan(1, 'Basic'), true)).toBe(true);
    expect(await s.setArchived(plan(1, 'Basic', { archived: true }), false)).toBe(true);
    expect(messages()).toEqual(['Archived plan “Basic”', 'Restored plan “Basic”']);
  });

  it("sends the number of sub-accounts confirmed, and leaves Go's refusal to the dialog", async () => {
    const message = '“Basic” is offered by 2 sub-accounts (Acme, Beta): confirm removing it from all 2 to delete it.';
    const remove = vi.fn((_id: number, n: number) =>
      n === 2 ? Promise.resolve() : Promise.reject({ code: 'conflict', message, fields: { confirmRemoveFrom: message } }),
    );
    const { s } = store(undefined, { remove });
    expect((await s.remove(plan(1, 'Basic'), 1))?.message).toBe(message);
    expect(messages()).toEqual([]);
    expect(await s.remove(plan(1, 'Basic'), 2)).toBeNull();
    expect(messages()).toEqual(['Deleted plan “Basic”']);
  });
});
