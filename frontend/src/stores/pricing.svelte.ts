import {
  createCustomPlan,
  deleteCustomPlan,
  getPricing,
  listCurrencies,
  movePlan,
  movePlanToLatest,
  offerPlan,
  reorderPlans,
  setPopularPlan,
  setShowPricing,
  updateCustomPlan,
  withdrawPlan,
  type AppError,
  type Currency,
  type OfferedPlan,
  type Plan,
  type PlanInput,
  type PricingView,
} from '../api';
import { quoted } from '../lib/format';
import { LatestOnly } from '../lib/latest';
import { action, unlessFields, type ToastRule } from './action';

export interface PricingDeps {
  get: (subAccountId: number) => Promise<PricingView>;
  setShow: (subAccountId: number, show: boolean) => Promise<PricingView>;
  offer: (subAccountId: number, planId: number) => Promise<PricingView>;
  withdraw: (subAccountId: number, planId: number) => Promise<PricingView>;
  reorder: (subAccountId: number, planIds: number[]) => Promise<PricingView>;
  move: (subAccountId: number, planId: number, by: -1 | 1) => Promise<PricingView>;
  setPopular: (subAccountId: number, planId: number, popular: boolean) => Promise<PricingView>;
  createCustom: (subAccountId: number, input: PlanInput) => Promise<PricingView>;
  updateCustom: (subAccountId: number, planId: number, input: PlanInput) => Promise<PricingView>;
  deleteCustom: (subAccountId: number, planId: number) => Promise<PricingView>;
  /** PlanService.MoveToLatest, for "Use the new terms". */
  moveToLatest: (planId: number, subAccountIds: number[]) => Promise<number>;
  currencies: () => Promise<Currency[]>;
}

const defaultDeps: PricingDeps = {
  get: getPricing,
  setShow: setShowPricing,
  offer: offerPlan,
  withdraw: withdrawPlan,
  reorder: reorderPlans,
  move: movePlan,
  setPopular: setPopularPlan,
  createCustom: createCustomPlan,
  updateCustom: updateCustomPlan,
  deleteCustom: deleteCustomPlan,
  moveToLatest: movePlanToLatest,
  currencies: listCurrencies,
};

/**
 * One sub-account's Pricing tab: Go's view (visibility, offered plans in display order, the
 * catalog plans still to offer, the preview) and one change at a time. Every change resolves
 * Go's new view; the order, the popular mark and the currency rule are Go's.
 */
export class PricingStore {
  readonly subAccountId: number;
  view = $state.raw<PricingView | null>(null);
  loadError = $state<AppError | null>(null);
  loading = $state(false);
  /** A change is in flight (the controls wait for it). */
  busy = $state(false);
  /** Go's refusal of the last offer or custom plan by the one-currency rule, until the next change. */
  currencyError = $state<string | null>(null);
  /** What the last move did, for the list's live region ("Basic moved to position 1 of 3"). */
  announcement = $state('');
  currencies = $state.raw<Currency[]>([]);

  #deps: PricingDeps;
  #latest = new LatestOnly();

  constructor(subAccountId: number, deps: Partial<PricingDeps> = {}) {
    this.subAccountId = subAccountId;
    this.#deps = { ...defaultDeps, ...deps };
  }

  get offered(): OfferedPlan[] {
    return this.view?.offered ?? [];
  }

  get available(): Plan[] {
    return this.view?.available ?? [];
  }

  async load(): Promise<void> {
    const current = this.#latest.begin();
    await action(
      async () => {
        const v = await this.#deps.get(this.subAccountId);
        if (!current()) return;
        this.view = v;
        this.loadError = null;
      },
      { busy: (on) => (this.loading = on), current, failed: (e) => (this.loadError = e), toast: false },
    );
  }

  /** Loads the currencies once, for the custom plan form. */
  async ensureCurrencies(): Promise<void> {
    if (this.currencies.length > 0) return;
    await action(
      async () => {
        this.currencies = await this.#deps.currencies();
      },
      { toast: 'Could not load the currencies' },
    );
  }

  /** The checkbox "Show pricing in the customer's application". */
  setShowPricing(show: boolean): Promise<AppError | null> {
    return this.#change(
      () => this.#deps.setShow(this.subAccountId, show),
      () => (show ? "Pricing is shown in the customer's application" : "Pricing is hidden in the customer's application"),
      'Could not change the pricing visibility',
    );
  }

  /** "Offer": the plan is shown first. A plan in another currency is refused by Go (currencyError). */
  offer(plan: Plan): Promise<AppError | null> {
    return this.#change(
      () => this.#deps.offer(this.subAccountId, plan.id),
      () => `Offered ${quoted(plan.name)}, shown first`,
      'Could not offer the plan',
      true,
    );
  }

  /** "Remove": stops offering a catalog plan. */
  withdraw(o: OfferedPlan): Promise<AppError | null> {
    return this.#change(
      () => this.#deps.withdraw(this.subAccountId, o.planId),
      () => `Removed ${quoted(o.name)}`,
      'Could not remove the plan',
    );
  }

  /** "Move up" (-1) and "Move down" (+1). */
  async move(o: OfferedPlan, by: -1 | 1): Promise<AppError | null> {
    const err = await this.#change(() => this.#deps.move(this.subAccountId, o.planId, by), null, 'Could not move the plan');
    if (!err) this.#announce(o.planId);
    return err;
  }

  /** A drag and drop of the plan `moved`: planIds is the whole new order, first shown first. */
  async reorder(planIds: number[], moved: number): Promise<AppError | null> {
    const err = await this.#change(() => this.#deps.reorder(this.subAccountId, planIds), null, 'Could not reorder the plans');
    if (!err) this.#announce(moved);
    return err;
  }

  /** The "Popular" toggle: at most one plan is popular, Go clears the others. */
  setPopular(o: OfferedPlan, popular: boolean): Promise<AppError | null> {
    return this.#change(
      () => this.#deps.setPopular(this.subAccountId, o.planId, popular),
      () => (popular ? `Marked ${quoted(o.name)} popular` : `${quoted(o.name)} is no longer marked popular`),
      'Could not change the popular mark',
    );
  }

  /** "Use the new terms": this sub-account's offer of the plan moves to its newest version. */
  useNewTerms(o: OfferedPlan): Promise<AppError | null> {
    return this.#change(
      async () => {
        await this.#deps.moveToLatest(o.planId, [this.subAccountId]);
        return this.#deps.get(this.subAccountId);
      },
      () => `${quoted(o.name)} now has the new terms`,
      'Could not use the new terms',
    );
  }

  /** "Create custom plan": field errors (currency included) are left to the form, not toasted. */
  createCustom(input: PlanInput): Promise<AppError | null> {
    return this.#change(
      () => this.#deps.createCustom(this.subAccountId, input),
      () => `Created custom plan ${quoted(input.name.trim())}, shown first`,
      (e) => unlessFields(e) && 'Could not create the custom plan',
    );
  }

  updateCustom(o: OfferedPlan, input: PlanInput): Promise<AppError | null> {
    return this.#change(
      () => this.#deps.updateCustom(this.subAccountId, o.planId, input),
      () => `Saved custom plan ${quoted(input.name.trim())}`,
      (e) => unlessFields(e) && 'Could not save the custom plan',
    );
  }

  deleteCustom(o: OfferedPlan): Promise<AppError | null> {
    return this.#change(
      () => this.#deps.deleteCustom(this.subAccountId, o.planId),
      () => `Deleted custom plan ${quoted(o.name)}`,
      'Could not delete the custom plan',
    );
  }

  dismissCurrencyError(): void {
    this.currencyError = null;
  }

  /**
   * Runs one change: Go's new view replaces the old. With currencyBanner, Go's refusal by the
   * currency rule goes to currencyError (a banner, not toasted); anything else is toasted as `what`.
   */
  async #change(
    run: () => Promise<PricingView>,
    success: (() => string) | null,
    what: ToastRule | ((err: AppError) => ToastRule),
    currencyBanner = false,
  ): Promise<AppError | null> {
    if (this.busy) return null;
    this.#latest.invalidate();
    this.announcement = '';
    return action(
      async () => {
        this.view = await run();
        this.currencyError = null;
        return success?.();
      },
      {
        busy: (on) => (this.busy = on),
        failed: (err) => {
          const currency = err.field('currency');
          if (currencyBanner && currency) this.currencyError = currency;
        },
        toast: (err) => (currencyBanner && err.field('currency') ? false : typeof what === 'function' ? what(err) : what),
      },
    );
  }

  #announce(planId: number): void {
    const i = this.offered.findIndex((o) => o.planId === planId);
    const o = this.offered[i];
    if (o) this.announcement = `${o.name} moved to position ${i + 1} of ${this.offered.length}`;
  }
}
