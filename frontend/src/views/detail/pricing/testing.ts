// For tests only: fixtures and an in-memory stand-in of PricingService with Go's rules.
import { vi } from 'vitest';
import { PlanInterval, type OfferedPlan, type Plan, type PricingView } from '../../../api';
import type { PricingDeps } from '../../../stores/pricing.svelte';

/** A catalog plan with every field Go sends: $49.00 a month, 1,000 minutes, then $0.035 / min. */
export function plan(id: number, name: string, over: Partial<Plan> = {}): Plan {
  return {
    id,
    name,
    version: 1,
    priceMinor: 4900,
    currency: 'USD',
    exponent: 2,
    interval: PlanInterval.Month,
    includedMinutes: 1000,
    overageMicros: 35000,
    bullets: ['Email support'],
    archived: false,
    offeredBy: 0,
    offeredOldTerms: 0,
    price: '$49.00',
    overage: '$0.035 / min',
    included: '1,000 minutes included',
    monthlyEquivalent: '',
    monthlyMinor: 0,
    ...over,
  };
}

/** An offer of a plan at its version, as Go lists it. */
export function offered(p: Plan, over: Partial<OfferedPlan> = {}): OfferedPlan {
  return {
    planId: p.id,
    name: p.name,
    version: p.version,
    latestVersion: p.version,
    custom: false,
    archived: p.archived,
    popular: false,
    priceMinor: p.priceMinor,
    currency: p.currency,
    exponent: p.exponent,
    interval: p.interval,
    includedMinutes: p.includedMinutes,
    overageMicros: p.overageMicros,
    bullets: p.bullets,
    price: p.price,
    overage: p.overage,
    included: p.included,
    monthlyEquivalent: p.monthlyEquivalent,
    monthlyMinor: p.monthlyMinor,
    oldTerms: false,
    ...over,
  };
}

/**
 * PricingService over a catalog, for sub-account 7, with Go's rules: an offer goes first, the
 * offered plans share one currency, at most one is popular, a move at an edge changes nothing.
 */
export function fakePricing(catalog: Plan[], start: { offered?: OfferedPlan[]; showPricing?: boolean } = {}) {
  const state = { show: start.showPricing ?? true, offered: [...(start.offered ?? [])] };
  const view = (): PricingView => {
    const o = state.offered;
    const visible = state.show && o.length > 0;
    return {
      subAccountId: 7,
      showPricing: state.show,
      offered: o.map((x) => ({ ...x })),
      available: catalog.filter((p) => !p.archived && !o.some((x) => x.planId === p.id)),
      currency: o[0]?.currency ?? '',
      preview: {
        visible,
        message: !state.show ? "Pricing is hidden in the customer's application." : o.length === 0 ? 'No plans offered.' : '',
        intervals: visible ? (['month', 'year'] as const).filter((i) => o.some((x) => x.interval === i)) : [],
        cards: visible
          ? o.map((x) => ({
              name: x.name,
              price: x.price,
              priceMinor: x.priceMinor,
              currency: x.currency,
              exponent: x.exponent,
              monthlyMinor: x.monthlyMinor,
              overageMicros: x.overageMicros,
              interval: x.interval,
              intervalLabel: x.interval === PlanInterval.Year ? 'per year' : 'per month',
              monthlyEquivalent: x.monthlyEquivalent,
              includedMinutes: x.included,
              overage: x.overage,
              bullets: x.bullets,
              popular: x.popular,
            }))
          : [],
      },
    };
  };
  const find = (id: number) => {
    const o = state.offered.find((x) => x.planId === id);
    if (!o) throw { code: 'not_found', message: 'That plan is not offered to this sub-account.' };
    return o;
  };
  const run = (fn: () => void) => {
    try {
      fn();
      return Promise.resolve(view());
    } catch (e) {
      return Promise.reject(e);
    }
  };
  const deps = {
    get: vi.fn(() => Promise.resolve(view())),
    setShow: vi.fn((_id: number, show: boolean) => run(() => (state.show = show))),
    offer: vi.fn((_id: number, planId: number) =>
      run(() => {
        const p = catalog.find((x) => x.id === planId);
        if (!p) throw { code: 'not_found', message: 'That plan no longer exists.' };
        const other = state.offered[0];
        if (other && other.currency !== p.currency) {
          const message = `The plans offered to one sub-account share one currency: this one is in ${p.currency}, the others in ${other.currency}.`;
          throw { code: 'invalid', message, fields: { currency: message } };
        }
        state.offered.unshift(offered(p));
      }),
    ),
    withdraw: vi.fn((_id: number, planId: number) => run(() => (state.offered = state.offered.filter((x) => x !== find(planId))))),
    reorder: vi.fn((_id: number, planIds: number[]) => run(() => (state.offered = planIds.map(find)))),
    move: vi.fn((_id: number, planId: number, by: -1 | 1) =>
      run(() => {
        const i = state.offered.indexOf(find(planId));
        const j = i + by;
        if (j < 0 || j >= state.offered.length) return;
        const list = [...state.offered];
        [list[i], list[j]] = [list[j] as OfferedPlan, list[i] as OfferedPlan];
        state.offered = list;
      }),
    ),
    setPopular: vi.fn((_id: number, planId: number, popular: boolean) =>
      run(() => {
        const o = find(planId);
        if (popular) for (const x of state.offered) x.popular = false;
        o.popular = popular;
      }),
    ),
    moveToLatest: vi.fn((planId: number) => {
      const o = find(planId);
      o.version = o.latestVersion;
      o.oldTerms = false;
      return Promise.resolve(1);
    }),
    currencies: vi.fn(() =>
      Promise.resolve([
        { code: 'USD', name: 'US dollar', symbol: '$', exponent: 2 },
        { code: 'EUR', name: 'Euro', symbol: '€', exponent: 2 },
        { code: 'JPY', name: 'Japanese yen', symbol: '¥', exponent: 0 },
      ]),
    ),
  } satisfies Partial<PricingDeps>;
  return { deps, state, view };
}
