import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { AppError, PlanInterval, type PlanInput } from '../../api';
import PlanDialog from './PlanDialog.svelte';

const currencies = [
  { code: 'USD', name: 'US dollar', symbol: '$', exponent: 2 },
  { code: 'JPY', name: 'Japanese yen', symbol: '¥', exponent: 0 },
  { code: 'KWD', name: 'Kuwaiti dinar', symbol: 'KWD', exponent: 3 },
];

/** Go's ParsePrice/ParseRate for the texts typed here: the digits, scaled by string, never by float. */
const exponents: Record<string, number> = { USD: 2, JPY: 0, KWD: 3 };
function parser(field: 'priceMinor' | 'overageMicros') {
  return vi.fn((text: string, currency: string): Promise<number> => {
    const decimals = field === 'priceMinor' ? (exponents[currency] ?? 2) : 6;
    const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
    if (!m || (m[2] ?? '').length > decimals) {
      const message = field === 'priceMinor' ? `Enter the price as a number with at most ${decimals} decimals.` : 'Overage must be a rate per minute.';
      return Promise.reject({ code: 'invalid', message: 'Check the fields.', fields: { [field]: message } });
    }
    return Promise.resolve(Number((m[1] ?? '') + (m[2] ?? '').padEnd(decimals, '0')));
  });
}

function setup(props: { plan?: PlanInput | null; onsubmit?: (input: PlanInput) => Promise<AppError | null> } = {}) {
  const onsubmit = vi.fn(props.onsubmit ?? ((_in: PlanInput) => Promise.resolve(null)));
  const onclose = vi.fn();
  const parsePrice = parser('priceMinor');
  const parseRate = parser('overageMicros');
  render(PlanDialog, {
    title: props.plan ? 'Edit plan' : 'New plan',
    submitLabel: props.plan ? 'Save plan' : 'Create plan',
    plan: props.plan ?? null,
    currencies,
    onsubmit,
    onclose,
    deps: { parsePrice, parseRate },
  });
  return { onsubmit, onclose, parsePrice, parseRate };
}

const field = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const type = (name: string, value: string) => fireEvent.input(field(name), { target: { value } });

describe('PlanDialog', () => {
  it('is a dialog whose fields have labels', () => {
    setup();
    expect(screen.getByRole('dialog', { name: 'New plan' })).toBeTruthy();
    for (const name of ['Name', 'Price', 'Included minutes', 'Overage per minute', 'Features']) expect(field(name)).toBeTruthy();
    expect(select('Currency').value).toBe('USD');
    expect(select('Billed').value).toBe(PlanInterval.Month);
    expect(screen.getByText('US dollar, up to 2 decimals, such as 49.00')).toBeTruthy();
  });

  it('converts the typed price and rate to integer minor units and micros through Go', async () => {
    const { onsubmit, onclose, parsePrice, parseRate } = setup();
    await type('Name', 'Kuwait Pro');
    await fireEvent.change(select('Currency'), { target: { value: 'KWD' } });
    expect(screen.getByText('Kuwaiti dinar, up to 3 decimals, such as 49.000')).toBeTruthy();
    await fireEvent.change(select('Billed'), { target: { value: 'year' } });
    await type('Price', '1.005');
    await type('Included minutes', '2500');
    await type('Overage per minute', '0.0350');
    await type('Features', 'Priority support\nWeekly reports\n\n');
    await fireEvent.click(screen.getByRole('button', { name: 'Create plan' }));
    await vi.waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(parsePrice).toHaveBeenCalledWith('1.005', 'KWD');
    expect(parseRate).toHaveBeenCalledWith('0.0350', 'KWD');
    expect(onsubmit).toHaveBeenCalledWith({
      name: 'Kuwait Pro',
      priceMinor: 1005,
      currency: 'KWD',
      interval: PlanInterval.Year,
      includedMinutes: 2500,
      overageMicros: 35000,
      bullets: ['Priority support', 'Weekly reports'],
    });
  });

  it("shows Go's parse errors under their fields and sends nothing", async () => {
    const { onsubmit } = setup();
    await type('Name', 'Basic');
    await type('Price', '49.999');
    await fireEvent.click(screen.getByRole('button', { name: 'Create plan' }));
    const message = await screen.findByText('Enter the price as a number with at most 2 decimals.');
    const price = field('Price');
    expect(price.getAttribute('aria-invalid')).toBe('true');
    expect(price.getAttribute('aria-describedby')?.split(' ')).toContain(message.id);
    expect(onsubmit).not.toHaveBeenCalled();
    // The typed text stays for correcting.
    expect(price.value).toBe('49.999');
  });

  it("shows the save's field errors under their fields and keeps the dialog open", async () => {
    const refusal = new AppError('conflict', 'A catalog plan is already named “Basic”.', { name: 'A catalog plan is already named “Basic”.' });
    const { onclose } = setup({ onsubmit: () => Promise.resolve(refusal) });
    await type('Name', 'Basic');
    await type('Price', '49');
    await fireEvent.click(screen.getByRole('button', { name: 'Create plan' }));
    await screen.findByText('A catalog plan is already named “Basic”.');
    expect(field('Name').getAttribute('aria-invalid')).toBe('true');
    expect(onclose).not.toHaveBeenCalled();
  });

  it("opens an existing plan with its terms in its currency's decimals", async () => {
    const { onsubmit } = setup({
      plan: { name: 'Tokyo', priceMinor: 4900, currency: 'JPY', interval: PlanInterval.Month, includedMinutes: 1000, overageMicros: 500000, bullets: ['A', 'B'] },
    });
    expect(screen.getByRole('dialog', { name: 'Edit plan' })).toBeTruthy();
    expect(field('Price').value).toBe('4900');
    expect(field('Overage per minute').value).toBe('0.5');
    expect(field('Features').value).toBe('A\nB');
    expect(screen.getByText('Japanese yen, a whole number, such as 49')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Save plan' }));
    await vi.waitFor(() => expect(onsubmit).toHaveBeenCalled());
    expect(onsubmit.mock.calls[0]?.[0]).toMatchObject({ priceMinor: 4900, overageMicros: 500000, currency: 'JPY' });
  });

  it('asks for whole minutes before anything is sent', async () => {
    const { onsubmit } = setup();
    await type('Name', 'Basic');
    await type('Price', '49');
    await type('Included minutes', '1.5');
    await fireEvent.click(screen.getByRole('button', { name: 'Create plan' }));
    expect(await screen.findByText('Enter the included minutes as a whole number, such as 1000.')).toBeTruthy();
    expect(onsubmit).not.toHaveBeenCalled();
  });
});
