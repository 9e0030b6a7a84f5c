import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlanInterval, type PlanInput, type PricingView } from '../../../api';
import type { PricingDeps } from '../../../stores/pricing.svelte';
import { toasts } from '../../../stores/toasts.svelte';
import PricingTab from './PricingTab.svelte';
import PricingPreview from './PricingPreview.svelte';
import { fakePricing, offered, plan } from './testing';

const formDeps = { parsePrice: (t: string) => Promise.resolve(Number(t.replace('.', ''))), parseRate: () => Promise.resolve(0) };

async function setup(deps: Partial<PricingDeps>) {
  render(PricingTab, { subAccountId: 7, deps, formDeps });
  await screen.findByRole('checkbox', { name: "Show pricing in the customer's application" });
}

const offeredList = () => screen.getByRole('list', { name: 'Offered plans' });
const offeredNames = () =>
  within(offeredList())
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.name')?.textContent);
const cardNames = () =>
  within(screen.getByRole('list', { name: 'Plans as the customer sees them' }))
    .getAllByRole('heading', { level: 4 })
    .map((h) => h.textContent);

describe('PricingTab', () => {
  afterEach(() => {
    toasts.items = [];
  });

  const catalog = [plan(1, 'A'), plan(2, 'B'), plan(3, 'C'), plan(4, 'Euro', { currency: 'EUR', price: '€49.00' })];
  const three = () => fakePricing(catalog, { offered: [offered(plan(1, 'A')), offered(plan(2, 'B')), offered(plan(3, 'C'))] });

  it('puts the last plan offered first (B, then C, then A: A, C, B), in the list and the preview', async () => {
    const { deps } = fakePricing(catalog);
    await setup(deps);
    expect(screen.getByText('No plans offered yet. Offer one from the catalog below, or create a custom plan.')).toBeTruthy();
    expect(screen.getByText('No plans offered.')).toBeTruthy();
    for (const name of ['B', 'C', 'A']) {
      await fireEvent.click(screen.getByRole('button', { name: `Offer ${name}` }));
      await vi.waitFor(() => expect(screen.queryByRole('button', { name: `Offer ${name}` })).toBeNull());
    }
    expect(offeredNames()).toEqual(['A', 'C', 'B']);
    expect(cardNames()).toEqual(['A', 'C', 'B']);
    expect(screen.getByText('All in USD')).toBeTruthy();
  });

  it("shows Go's currency refusal clearly and offers nothing", async () => {
    const { deps } = fakePricing(catalog, { offered: [offered(plan(1, 'A'))] });
    await setup(deps);
    await fireEvent.click(screen.getByRole('button', { name: 'Offer Euro' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The plans offered to one sub-account share one currency: this one is in EUR, the others in USD.');
    expect(offeredNames()).toEqual(['A']);
    await fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('hides pricing with the checkbox, and the preview says so', async () => {
    const { deps } = three();
    await setup(deps);
    const box = screen.getByRole('checkbox', { name: "Show pricing in the customer's application" }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    await fireEvent.click(box);
    await screen.findByText("Pricing is hidden in the customer's application.");
    expect(deps.setShow).toHaveBeenCalledWith(7, false);
    expect(box.checked).toBe(false);
    expect(screen.queryByRole('list', { name: 'Plans as the customer sees them' })).toBeNull();
  });

  it('moves plans by keyboard with named buttons, keeping focus on the moved plan', async () => {
    const { deps } = three();
    await setup(deps);
    expect((screen.getByRole('button', { name: 'Move A up' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Move C down' }) as HTMLButtonElement).disabled).toBe(true);
    const up = screen.getByRole('button', { name: 'Move C up' });
    up.focus();
    await fireEvent.click(up);
    await vi.waitFor(() => expect(offeredNames()).toEqual(['A', 'C', 'B']));
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move C up' })));
    expect(screen.getByRole('status').textContent).toBe('C moved to position 2 of 3');
    await fireEvent.click(screen.getByRole('button', { name: 'Move C up' }));
    await vi.waitFor(() => expect(offeredNames()).toEqual(['C', 'A', 'B']));
    // At the top "Move up" is disabled: focus goes to "Move down".
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move C down' })));
    expect(cardNames()).toEqual(['C', 'A', 'B']);
  });

  it('reorders by drag and drop: the dropped plan takes the place of the one it is dropped on', async () => {
    const { deps } = three();
    await setup(deps);
    const item = (name: string) => {
      const li = within(offeredList()).getByText(name).closest('li');
      if (!li) throw new Error(`no item ${name}`);
      return li;
    };
    expect(item('A').getAttribute('draggable')).toBe('true');
    await fireEvent.dragStart(item('A'));
    await fireEvent.dragOver(item('C'));
    expect(item('C').classList.contains('drop-after')).toBe(true);
    await fireEvent.drop(item('C'));
    await vi.waitFor(() => expect(offeredNames()).toEqual(['B', 'C', 'A']));
    expect(deps.reorder).toHaveBeenCalledWith(7, [2, 3, 1]);
    await fireEvent.dragStart(item('A'));
    await fireEvent.dragOver(item('B'));
    expect(item('B').classList.contains('drop-before')).toBe(true);
    await fireEvent.drop(item('B'));
    await vi.waitFor(() => expect(offeredNames()).toEqual(['A', 'B', 'C']));
  });

  it('marks one plan popular, as Go answers, in the list and the preview', async () => {
    const { deps } = fakePricing(catalog, { offered: [offered(plan(1, 'A'), { popular: true }), offered(plan(2, 'B'))] });
    await setup(deps);
    expect(screen.getByRole('button', { name: 'Popular: A', pressed: true })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Popular: B', pressed: false }));
    await screen.findByRole('button', { name: 'Popular: B', pressed: true });
    expect(screen.getByRole('button', { name: 'Popular: A', pressed: false })).toBeTruthy();
    const card = screen.getByRole('listitem', { name: 'B' });
    expect(within(card).getByText('Popular')).toBeTruthy();
    expect(within(screen.getByRole('listitem', { name: 'A' })).queryByText('Popular')).toBeNull();
  });

  it('removes a catalog plan, which becomes available again', async () => {
    const { deps } = three();
    await setup(deps);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove B' }));
    await screen.findByRole('button', { name: 'Offer B' });
    expect(offeredNames()).toEqual(['A', 'C']);
  });

  it('marks old terms and moves this sub-account to the new ones', async () => {
    const { deps } = fakePricing(catalog, { offered: [offered(plan(1, 'A', { version: 3 }), { version: 2, oldTerms: true })] });
    await setup(deps);
    expect(screen.getByText('Old terms')).toBeTruthy();
    expect(screen.getByText('Version 2; the plan is at version 3.')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Use the new terms for A' }));
    await vi.waitFor(() => expect(screen.queryByText('Old terms')).toBeNull());
    expect(deps.moveToLatest).toHaveBeenCalledWith(1, [7]);
  });

  it("creates a custom plan in the sub-account's currency with the plan form", async () => {
    const { deps, state, view } = fakePricing(catalog, { offered: [offered(plan(4, 'Euro', { currency: 'EUR' }))] });
    const createCustom = vi.fn((_id: number, input: PlanInput): Promise<PricingView> => {
      state.offered.unshift(offered(plan(9, input.name, { currency: input.currency }), { custom: true }));
      return Promise.resolve(view());
    });
    await setup({ ...deps, createCustom });
    await fireEvent.click(screen.getByRole('button', { name: 'New custom plan' }));
    const dialog = await screen.findByRole('dialog', { name: 'New custom plan' });
    expect((within(dialog).getByRole('combobox', { name: 'Currency' }) as HTMLSelectElement).value).toBe('EUR');
    await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Name' }), { target: { value: 'Special' } });
    await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Price' }), { target: { value: '10.00' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Create custom plan' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(createCustom.mock.calls[0]?.[1]).toMatchObject({ name: 'Special', priceMinor: 1000, currency: 'EUR', interval: PlanInterval.Month });
    expect(offeredNames()).toEqual(['Special', 'Euro']);
    expect(screen.getByRole('button', { name: 'Edit Special' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete Special' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove Special' })).toBeNull();
  });

  it('deletes a custom plan only after a confirmation', async () => {
    const special = offered(plan(9, 'Special'), { custom: true });
    const { deps, state, view } = fakePricing(catalog, { offered: [special] });
    const deleteCustom = vi.fn(() => {
      state.offered = [];
      return Promise.resolve(view());
    });
    await setup({ ...deps, deleteCustom });
    await fireEvent.click(screen.getByRole('button', { name: 'Delete Special' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete custom plan?' });
    expect(deleteCustom).not.toHaveBeenCalled();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Delete custom plan' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(deleteCustom).toHaveBeenCalledWith(7, 9);
  });
});

describe('PricingPreview', () => {
  const card = (name: string, interval: PlanInterval, over = {}) => ({
    name,
    price: interval === PlanInterval.Year ? '$499.00' : '$49.00',
    priceMinor: interval === PlanInterval.Year ? 49900 : 4900,
    currency: 'USD',
    exponent: 2,
    monthlyMinor: interval === PlanInterval.Year ? 4158 : 0,
    overageMicros: 35000,
    interval,
    intervalLabel: interval === PlanInterval.Year ? 'per year' : 'per month',
    monthlyEquivalent: interval === PlanInterval.Year ? '$41.58 / month' : '',
    includedMinutes: '1,000 minutes included',
    overage: '$0.035 / min',
    bullets: ['Email support', 'Reports'],
    popular: false,
    ...over,
  });

  it('switches between monthly and yearly plans when both are offered; a yearly one shows its monthly equivalent', async () => {
    render(PricingPreview, {
      preview: {
        visible: true,
        message: '',
        intervals: ['month', 'year'],
        cards: [card('Pro yearly', PlanInterval.Year, { popular: true }), card('Basic', PlanInterval.Month)],
      },
    });
    const group = screen.getByRole('radiogroup', { name: 'Billing interval' });
    expect((within(group).getByRole('radio', { name: 'Monthly' }) as HTMLInputElement).checked).toBe(true);
    expect(cardNames()).toEqual(['Basic']);
    const basic = screen.getByRole('listitem', { name: 'Basic' });
    expect(basic.textContent).toContain('$49.00');
    expect(basic.textContent).toContain('per month');
    expect(basic.textContent).toContain('1,000 minutes included');
    expect(basic.textContent).toContain('then $0.035 / min');
    expect(within(basic).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Email support', 'Reports']);
    await fireEvent.click(within(group).getByRole('radio', { name: 'Yearly' }));
    expect(cardNames()).toEqual(['Pro yearly']);
    const pro = screen.getByRole('listitem', { name: 'Pro yearly' });
    expect(pro.textContent).toContain('$41.58 / month');
    expect(within(pro).getByText('Popular')).toBeTruthy();
  });

  it('shows every card with no switch when one interval is offered', () => {
    render(PricingPreview, {
      preview: { visible: true, message: '', intervals: ['year'], cards: [card('A', PlanInterval.Year), card('B', PlanInterval.Year)] },
    });
    expect(screen.queryByRole('radiogroup')).toBeNull();
    expect(cardNames()).toEqual(['A', 'B']);
  });

  it("shows Go's message when nothing is visible", () => {
    render(PricingPreview, { preview: { visible: false, message: "Pricing is hidden in the customer's application.", intervals: [], cards: [] } });
    expect(screen.getByText("Pricing is hidden in the customer's application.")).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });
});
