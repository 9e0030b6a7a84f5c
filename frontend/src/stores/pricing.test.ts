import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlanInterval, type PlanInput } from '../api';
import { fakePricing, offered, plan } from '../views/detail/pricing/testing';
import { PricingStore } from './pricing.svelte';
import { toasts } from './toasts.svelte';

const messages = () => toasts.items.map((t) => t.message);
const names = (s: PricingStore) => s.offered.map((o) => o.name);

describe('PricingStore', () => {
  afterEach(() => {
    toasts.items = [];
  });

  const catalog = [plan(1, 'A'), plan(2, 'B'), plan(3, 'C'), plan(4, 'Euro', { currency: 'EUR', price: '€49.00' })];

  it("shows the last plan offered first, in Go's order (B, then C, then A: A, C, B)", async () => {
    const { deps } = fakePricing(catalog);
    const s = new PricingStore(7, deps);
    await s.load();
    for (const id of [2, 3, 1]) {
      const p = s.available.find((x) => x.id === id);
      if (!p) throw new Error(`plan ${id} not available`);
      expect(await s.offer(p)).toBeNull();
    }
    expect(names(s)).toEqual(['A', 'C', 'B']);
    expect(s.available.map((p) => p.name)).toEqual(['Euro']);
    expect(messages().at(-1)).toBe('Offered “A”, shown first');
  });

  it("shows Go's currency refusal as a banner, not a toast, until the next change", async () => {
    const { deps } = fakePricing(catalog, { offered: [offered(catalog[0] ?? plan(1, 'A'))] });
    const s = new PricingStore(7, deps);
    await s.load();
    const euro = s.available.find((p) => p.name === 'Euro');
    if (!euro) throw new Error('no Euro plan');
    expect(await s.offer(euro)).not.toBeNull();
    expect(s.currencyError).toBe('The plans offered to one sub-account share one currency: this one is in EUR, the others in USD.');
    expect(messages()).toEqual([]);
    expect(names(s)).toEqual(['A']);
    await s.setShowPricing(false);
    expect(s.currencyError).toBeNull();
    expect(s.view?.preview.message).toBe("Pricing is hidden in the customer's application.");
  });

  it('moves one place, announcing where the plan is now; the edges are no-ops', async () => {
    const { deps } = fakePricing(catalog, { offered: [offered(plan(1, 'A')), offered(plan(2, 'B')), offered(plan(3, 'C'))] });
    const s = new PricingStore(7, deps);
    await s.load();
    await s.move(s.offered[2] ?? offered(plan(3, 'C')), -1);
    expect(names(s)).toEqual(['A', 'C', 'B']);
    expect(s.announcement).toBe('C moved to position 2 of 3');
    await s.move(s.offered[0] ?? offered(plan(1, 'A')), -1);
    expect(names(s)).toEqual(['A', 'C', 'B']);
    expect(deps.move).toHaveBeenLastCalledWith(7, 1, -1);
  });

  it('reorders to the full order given', async () => {
    const { deps } = fakePricing(catalog, { offered: [offered(plan(1, 'A')), offered(plan(2, 'B')), offered(plan(3, 'C'))] });
    const s = new PricingStore(7, deps);
    await s.load();
    await s.reorder([2, 3, 1], 1);
    expect(deps.reorder).toHaveBeenCalledWith(7, [2, 3, 1]);
    expect(names(s)).toEqual(['B', 'C', 'A']);
    expect(s.announcement).toBe('A moved to position 3 of 3');
  });

  it('keeps at most one plan popular, as Go answers', async () => {
    const { deps } = fakePricing(catalog, { offered: [offered(plan(1, 'A'), { popular: true }), offered(plan(2, 'B'))] });
    const s = new PricingStore(7, deps);
    await s.load();
    await s.setPopular(s.offered[1] ?? offered(plan(2, 'B')), true);
    expect(s.offered.map((o) => o.popular)).toEqual([false, true]);
    expect(messages()).toEqual(['Marked “B” popular']);
  });

  it('moves only this sub-account to the new terms, then reads the view again', async () => {
    const old = offered(plan(1, 'A', { version: 2 }), { version: 1, oldTerms: true });
    const { deps } = fakePricing(catalog, { offered: [old] });
    const s = new PricingStore(7, deps);
    await s.load();
    expect(s.offered[0]?.oldTerms).toBe(true);
    await s.useNewTerms(s.offered[0] ?? old);
    expect(deps.moveToLatest).toHaveBeenCalledWith(1, [7]);
    expect(s.offered[0]?.oldTerms).toBe(false);
    expect(messages()).toEqual(['“A” now has the new terms']);
  });

  it('leaves the field errors of a custom plan to its form (no banner, no toast)', async () => {
    const message = 'The plans offered to one sub-account share one currency: this one is in EUR, the others in USD.';
    const createCustom = vi.fn(() => Promise.reject({ code: 'invalid', message: 'Check the fields.', fields: { currency: message } }));
    const s = new PricingStore(7, { ...fakePricing(catalog).deps, createCustom });
    await s.load();
    const input: PlanInput = { name: 'Special', priceMinor: 100, currency: 'EUR', interval: PlanInterval.Month, includedMinutes: 0, overageMicros: 0, bullets: [] };
    const err = await s.createCustom(input);
    expect(err?.field('currency')).toBe(message);
    expect(s.currencyError).toBeNull();
    expect(messages()).toEqual([]);
  });

  it('runs one change at a time', async () => {
    const { deps } = fakePricing(catalog);
    let release = () => {};
    const setShow = vi.fn(
      (_id: number, _show: boolean) =>
        new Promise<never>((_resolve, reject) => {
          release = () => reject({ code: 'internal', message: 'Disk full.' });
        }),
    );
    const s = new PricingStore(7, { ...deps, setShow });
    await s.load();
    const first = s.setShowPricing(false);
    expect(s.busy).toBe(true);
    expect(await s.offer(catalog[0] ?? plan(1, 'A'))).toBeNull();
    expect(deps.offer).not.toHaveBeenCalled();
    release();
    expect((await first)?.message).toBe('Disk full.');
    expect(s.busy).toBe(false);
    expect(messages()).toEqual(['Could not change the pricing visibility: Disk full.']);
  });
});
