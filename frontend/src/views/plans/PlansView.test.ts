import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlanInterval, type Plan, type PlanImpact, type PlanInput } from '../../api';
import { PlansStore, type PlansDeps } from '../../stores/plans.svelte';
import { toasts } from '../../stores/toasts.svelte';
import { plan } from '../detail/pricing/testing';
import PlansView from './PlansView.svelte';

const currencies = [{ code: 'USD', name: 'US dollar', symbol: '$', exponent: 2 }];
const formDeps = { parsePrice: (t: string) => Promise.resolve(Number(t.replace('.', ''))), parseRate: () => Promise.resolve(35000) };

function impact(planId: number, names: string[], message: string, version = 1): PlanImpact {
  return { planId, offeredBy: names.map((name, i) => ({ id: i + 10, name, version })), count: names.length, oldTerms: 0, message };
}

async function setup(items: Plan[], deps: Partial<PlansDeps> = {}) {
  let shown = items;
  const list = vi.fn((archived: boolean) => Promise.resolve(shown.filter((p) => archived || !p.archived)));
  const store = new PlansStore({ list, currencies: () => Promise.resolve(currencies), ...deps });
  render(PlansView, { store, formDeps });
  await vi.waitFor(() => expect(store.loaded).toBe(true));
  return { store, list, setItems: (next: Plan[]) => (shown = next) };
}

const row = (name: string) => {
  const cell = screen.getByRole('cell', { name: new RegExp(`^${name}`) });
  const tr = cell.closest('tr');
  if (!tr) throw new Error(`no row ${name}`);
  return within(tr);
};

describe('PlansView', () => {
  afterEach(() => {
    toasts.items = [];
  });

  it('lists the catalog with the terms as Go wrote them', async () => {
    await setup([
      plan(1, 'Basic', { offeredBy: 3, offeredOldTerms: 2 }),
      plan(2, 'Yearly Pro', { interval: PlanInterval.Year, price: '$499.00', priceMinor: 49900, monthlyEquivalent: '$41.58 / month', monthlyMinor: 4158, includedMinutes: 12000 }),
    ]);
    const table = screen.getByRole('table', { name: 'Plans' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent?.trim())).toEqual([
      'Name',
      'Price',
      'Interval',
      'Included minutes',
      'Overage',
      'Offered by',
      'Actions',
    ]);
    expect(row('Basic').getByText('$49.00')).toBeTruthy();
    expect(row('Basic').getByText('$0.035 / min')).toBeTruthy();
    expect(row('Basic').getByText(/3 sub-accounts/)).toBeTruthy();
    expect(row('Basic').getByRole('button', { name: 'Basic: 2 on old terms' })).toBeTruthy();
    expect(row('Yearly Pro').getByText('Yearly')).toBeTruthy();
    expect(row('Yearly Pro').getByText('$41.58 / month')).toBeTruthy();
    expect(row('Yearly Pro').getByText('12,000')).toBeTruthy();
    expect(screen.getByText('2 plans')).toBeTruthy();
  });

  it('says what to do when there are no plans', async () => {
    await setup([]);
    expect(screen.getByText('No plans yet')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show archived plans' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Create your first plan' }));
    expect(await screen.findByRole('dialog', { name: 'New plan' })).toBeTruthy();
  });

  it('shows archived plans, with their badge, when asked; and archives and restores', async () => {
    const archive = vi.fn((id: number) => Promise.resolve(plan(id, 'Basic', { archived: true })));
    const unarchive = vi.fn((id: number) => Promise.resolve(plan(id, 'Old')));
    const { list, setItems } = await setup([plan(1, 'Basic'), plan(2, 'Old', { archived: true })], { archive, unarchive });
    expect(screen.queryByText('Old')).toBeNull();
    const toggle = screen.getByRole('switch', { name: 'Show archived' });
    await fireEvent.click(toggle);
    await screen.findByText('Old');
    expect(list).toHaveBeenLastCalledWith(true);
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect(row('Old').getByText('Archived')).toBeTruthy();
    await fireEvent.click(row('Old').getByRole('button', { name: 'Unarchive Old' }));
    await vi.waitFor(() => expect(unarchive).toHaveBeenCalledWith(2));
    setItems([plan(1, 'Basic', { archived: true }), plan(2, 'Old')]);
    await fireEvent.click(row('Basic').getByRole('button', { name: 'Archive Basic' }));
    await vi.waitFor(() => expect(archive).toHaveBeenCalledWith(1));
    await vi.waitFor(() => expect(row('Basic').getByText('Archived')).toBeTruthy());
    expect(toasts.items.map((t) => t.message)).toEqual(['Restored plan “Old”', 'Archived plan “Basic”']);
  });

  it('shows who an edit concerns first, then offers to move them to the new terms', async () => {
    const basic = plan(1, 'Basic', { offeredBy: 3 });
    const saved = plan(1, 'Basic', { version: 2, priceMinor: 5900, price: '$59.00', offeredBy: 3, offeredOldTerms: 3 });
    const impactFn = vi.fn((id: number) =>
      Promise.resolve(impact(id, ['Acme', 'Beta', 'Cora'], '3 sub-accounts offer it; they keep the old terms until moved.')),
    );
    const update = vi.fn((_id: number, _in: PlanInput) => Promise.resolve(saved));
    const moveToLatest = vi.fn(() => Promise.resolve(3));
    const { setItems } = await setup([basic], { impact: impactFn, update, moveToLatest });
    await fireEvent.click(row('Basic').getByRole('button', { name: 'Edit Basic' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit plan' });
    const text = dialog.textContent ?? '';
    expect(text).toContain('3 sub-accounts offer it; they keep the old terms until moved.');
    expect(text).toContain('Offered by Acme, Beta, Cora.');
    // The impact comes before the form.
    expect(text.indexOf('Offered by')).toBeLessThan(text.indexOf('Name'));
    expect((within(dialog).getByRole('textbox', { name: 'Price' }) as HTMLInputElement).value).toBe('49.00');
    await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Price' }), { target: { value: '59.00' } });
    setItems([saved]);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save plan' }));
    await vi.waitFor(() => expect(update).toHaveBeenCalled());
    expect(update.mock.calls[0]?.[1]).toMatchObject({ priceMinor: 5900, currency: 'USD' });
    const move = await screen.findByRole('dialog', { name: 'Old terms of “Basic”' });
    expect(move.textContent).toContain('3 sub-accounts offer earlier terms of “Basic”: Acme, Beta, Cora.');
    expect(screen.queryByRole('dialog', { name: 'Edit plan' })).toBeNull();
    await fireEvent.click(within(move).getByRole('button', { name: 'Move them to the new terms' }));
    await vi.waitFor(() => expect(moveToLatest).toHaveBeenCalledWith(1, []));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(toasts.items.map((t) => t.message)).toEqual(['Saved plan “Basic”', 'Moved 3 sub-accounts to the new terms of “Basic”']);
  });

  it('asks nothing more after an edit that leaves nobody on old terms', async () => {
    const basic = plan(1, 'Basic');
    const update = vi.fn(() => Promise.resolve(plan(1, 'Basic', { version: 2 })));
    await setup([basic], { impact: (id) => Promise.resolve(impact(id, [], 'No sub-account offers it.')), update });
    await fireEvent.click(row('Basic').getByRole('button', { name: 'Edit Basic' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit plan' });
    expect(dialog.textContent).toContain('No sub-account offers it.');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save plan' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('names the sub-accounts a deletion removes the plan from, and confirms their number', async () => {
    const remove = vi.fn((_id: number, _n: number) => Promise.resolve());
    await setup([plan(1, 'Basic', { offeredBy: 2 })], {
      impact: (id) => Promise.resolve(impact(id, ['Acme', 'Beta'], '2 sub-accounts offer it; they keep the old terms until moved.')),
      remove,
    });
    await fireEvent.click(row('Basic').getByRole('button', { name: 'Delete Basic' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete plan?' });
    await within(dialog).findByText(/is offered by 2 sub-accounts: Acme, Beta\./);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Remove from 2 sub-accounts and delete' }));
    await vi.waitFor(() => expect(remove).toHaveBeenCalledWith(1, 2));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it("shows Go's refusal when someone offered the plan meanwhile, with who offers it now", async () => {
    const message = '“Basic” is offered by 1 sub-account (Acme): confirm removing it from that sub-account to delete it.';
    const remove = vi.fn((_id: number, n: number) =>
      n === 1 ? Promise.resolve() : Promise.reject({ code: 'conflict', message, fields: { confirmRemoveFrom: message } }),
    );
    let names: string[] = [];
    await setup([plan(1, 'Basic')], { impact: (id) => Promise.resolve(impact(id, names, '')), remove });
    await fireEvent.click(row('Basic').getByRole('button', { name: 'Delete Basic' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete plan?' });
    names = ['Acme'];
    await fireEvent.click(await within(dialog).findByRole('button', { name: 'Delete plan' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(message);
    await within(dialog).findByText(/is offered by 1 sub-account: Acme\./);
    expect(toasts.items).toEqual([]);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Remove from 1 sub-account and delete' }));
    await vi.waitFor(() => expect(remove).toHaveBeenLastCalledWith(1, 1));
  });
});
