import {
  AppError,
  archivePlan,
  createPlan,
  deletePlan,
  listCurrencies,
  listPlans,
  movePlanToLatest,
  parsePrice,
  parseRate,
  planImpact,
  PlanInterval,
  toAppError,
  unarchivePlan,
  updatePlan,
  type Currency,
  type Plan,
  type PlanImpact,
  type PlanInput,
} from '../api';
import { pluralCount, quoted } from '../lib/format';
import { LatestOnly } from '../lib/latest';
import { action, unlessFields } from './action';

export interface PlansDeps {
  list: (includeArchived: boolean) => Promise<Plan[]>;
  currencies: () => Promise<Currency[]>;
  create: (input: PlanInput) => Promise<Plan>;
  update: (id: number, input: PlanInput) => Promise<Plan>;
  impact: (id: number) => Promise<PlanImpact>;
  moveToLatest: (id: number, subAccountIds: number[]) => Promise<number>;
  archive: (id: number) => Promise<Plan>;
  unarchive: (id: number) => Promise<Plan>;
  remove: (id: number, confirmRemoveFrom: number) => Promise<void>;
}

const defaultDeps: PlansDeps = {
  list: listPlans,
  currencies: listCurrencies,
  create: createPlan,
  update: updatePlan,
  impact: planImpact,
  moveToLatest: movePlanToLatest,
  archive: archivePlan,
  unarchive: unarchivePlan,
  remove: deletePlan,
};

/**
 * The agency's plan catalog (the "Plans" page), as Go lists it: by name, archived plans only when
 * asked. Every change is Go's; the list is read again after it.
 */
export class PlansStore {
  items = $state.raw<Plan[]>([]);
  loaded = $state(false);
  loading = $state(false);
  /** The last load failed. */
  error = $state<AppError | null>(null);
  showArchived = $state(false);
  /** The currencies a plan may be priced in (loaded with the list). */
  currencies = $state.raw<Currency[]>([]);
  /** The plan whose row action (archive, unarchive, move) is in flight, 0 when none. */
  busyId = $state(0);

  #deps: PlansDeps;
  #latest = new LatestOnly();
  #currencies: Promise<void> | null = null;

  constructor(deps: Partial<PlansDeps> = {}) {
    this.#deps = { ...defaultDeps, ...deps };
  }

  async load(): Promise<void> {
    const current = this.#latest.begin();
    void this.ensureCurrencies();
    await action(
      async () => {
        const items = await this.#deps.list(this.showArchived);
        if (!current()) return;
        this.items = items;
        this.loaded = true;
        this.error = null;
      },
      { busy: (on) => (this.loading = on), current, failed: (e) => (this.error = e), toast: false },
    );
  }

  /** Loads the currencies once (the plan form needs their decimals); resolves when they are there. */
  ensureCurrencies(): Promise<void> {
    if (this.currencies.length > 0) return Promise.resolve();
    this.#currencies ??= action(
      async () => {
        this.currencies = await this.#deps.currencies();
      },
      { toast: 'Could not load the currencies' },
    ).then((err) => {
      if (err) this.#currencies = null;
    });
    return this.#currencies;
  }

  /** The "Show archived" toggle. */
  setShowArchived(on: boolean): Promise<void> {
    this.showArchived = on;
    return this.load();
  }

  /** "Create plan": resolves null when Go created it, else the error (field errors are not toasted). */
  async create(input: PlanInput): Promise<AppError | null> {
    const err = await action(
      async () => {
        const p = await this.#deps.create(input);
        return `Created plan ${quoted(p.name)}`;
      },
      { toast: (e) => unlessFields(e) && 'Could not create the plan' },
    );
    if (!err) await this.load();
    return err;
  }

  /** "Save plan": resolves the plan as Go saved it, or the error (field errors are not toasted). */
  async update(id: number, input: PlanInput): Promise<Plan | AppError> {
    const out: { plan: Plan | null } = { plan: null };
    const err = await action(
      async () => {
        out.plan = await this.#deps.update(id, input);
        return `Saved plan ${quoted(out.plan.name)}`;
      },
      { toast: (e) => unlessFields(e) && 'Could not save the plan' },
    );
    await this.load();
    return err ?? out.plan ?? new AppError('internal', 'Could not save the plan.');
  }

  /** Who an edit or a deletion of the plan concerns; an error is returned, not toasted. */
  async impact(id: number): Promise<PlanImpact | AppError> {
    try {
      return await this.#deps.impact(id);
    } catch (e) {
      return toAppError(e);
    }
  }

  /**
   * "Move them to the new terms": every sub-account offering the plan gets its newest version.
   * Resolves null when Go moved them, else the error (already toasted).
   */
  async moveToLatest(plan: Plan): Promise<AppError | null> {
    if (this.busyId) return null;
    const err = await action(
      async () => {
        const n = await this.#deps.moveToLatest(plan.id, []);
        return n === 0
          ? `Every sub-account already has the newest terms of ${quoted(plan.name)}`
          : `Moved ${pluralCount(n, 'sub-account')} to the new terms of ${quoted(plan.name)}`;
      },
      { busy: (on) => (this.busyId = on ? plan.id : 0), toast: 'Could not move them to the new terms' },
    );
    await this.load();
    return err;
  }

  /** "Archive" (archived: true) or "Unarchive": an archived plan cannot be newly offered. */
  async setArchived(plan: Plan, archived: boolean): Promise<boolean> {
    if (this.busyId) return false;
    const err = await action(
      async () => {
        const p = archived ? await this.#deps.archive(plan.id) : await this.#deps.unarchive(plan.id);
        return archived ? `Archived plan ${quoted(p.name)}` : `Restored plan ${quoted(p.name)}`;
      },
      {
        busy: (on) => (this.busyId = on ? plan.id : 0),
        toast: archived ? 'Could not archive the plan' : 'Could not restore the plan',
      },
    );
    await this.load();
    return err === null;
  }

  /**
   * "Delete plan": confirmRemoveFrom is how many sub-accounts the person agreed to remove it from.
   * Resolves null when Go deleted it, else the error (a refusal naming them is not toasted).
   */
  async remove(plan: Plan, confirmRemoveFrom: number): Promise<AppError | null> {
    const err = await action(
      async () => {
        await this.#deps.remove(plan.id, confirmRemoveFrom);
        return `Deleted plan ${quoted(plan.name)}`;
      },
      { toast: (e) => e.code !== 'conflict' && 'Could not delete the plan' },
    );
    await this.load();
    return err;
  }
}

/** The plan catalog shown by the Plans page. */
export const plans = new PlansStore();

// ---- The plan form (PlanDialog), for catalog and custom plans alike ----

/** What the plan form's fields hold: exactly what the person typed. */
export interface PlanFormValues {
  name: string;
  /** In the currency's major unit ("49.00"); Go turns it into minor units. */
  price: string;
  currency: string;
  interval: PlanInterval;
  includedMinutes: string;
  /** Per minute, in the major unit ("0.035"); Go turns it into micros. */
  overage: string;
  /** One feature per line. */
  bullets: string;
}

export type PlanFormField = keyof PlanFormValues;

/** Go's field names → the form's. */
const FORM_FIELD: Record<string, PlanFormField> = {
  name: 'name',
  priceMinor: 'price',
  currency: 'currency',
  interval: 'interval',
  includedMinutes: 'includedMinutes',
  overageMicros: 'overage',
  bullets: 'bullets',
};

/**
 * An integer count of 10^-exponent units written with exponent decimals, by string digits (never a
 * float): (4900, 2) → "49.00", (4900, 0) → "4900", (1500, 3) → "1.500".
 */
export function minorToText(minor: number, exponent: number): string {
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(minor))).padStart(exponent + 1, '0');
  if (exponent <= 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** A rate in micros of the major unit, its trailing zeros trimmed down to minDecimals: (35000, 2) → "0.035". */
export function microsToText(micros: number, minDecimals: number): string {
  const [whole = '0', frac = ''] = minorToText(micros, 6).split('.');
  let f = frac;
  while (f.length > minDecimals && f.endsWith('0')) f = f.slice(0, -1);
  return f === '' ? whole : `${whole}.${f}`;
}

/** The decimals of a currency, as Go lists them; 2 for a code not (yet) known. */
export function exponentOf(currencies: readonly Currency[], code: string): number {
  return currencies.find((c) => c.code === code)?.exponent ?? 2;
}

/** The form's fields for a plan's terms (edit), or an empty plan in defaultCurrency (new). */
export function planFormValues(plan: PlanInput | null, currencies: readonly Currency[], defaultCurrency: string): PlanFormValues {
  if (!plan) {
    return { name: '', price: '', currency: defaultCurrency, interval: PlanInterval.Month, includedMinutes: '0', overage: '', bullets: '' };
  }
  const exp = exponentOf(currencies, plan.currency);
  return {
    name: plan.name,
    price: minorToText(plan.priceMinor, exp),
    currency: plan.currency,
    interval: plan.interval,
    includedMinutes: String(plan.includedMinutes),
    overage: microsToText(plan.overageMicros, exp),
    bullets: plan.bullets.join('\n'),
  };
}

export interface PlanFormDeps {
  parsePrice: (text: string, currency: string) => Promise<number>;
  parseRate: (text: string, currency: string) => Promise<number>;
}

const defaultFormDeps: PlanFormDeps = { parsePrice, parseRate };

const WHOLE = /^\d+$/;
const NOT_MINUTES = 'Enter the included minutes as a whole number, such as 1000.';

async function settle<T>(p: Promise<T>): Promise<T | AppError> {
  try {
    return await p;
  } catch (e) {
    return toAppError(e);
  }
}

/**
 * The plan form as typed. Go reads the price and the overage rate from the typed text with the
 * currency's decimals (PlanService.ParsePrice/ParseRate: integer minor units and micros, no float
 * anywhere) and checks every rule; its messages go under the fields they name.
 */
export class PlanForm {
  values = $state<PlanFormValues>(planFormValues(null, [], 'USD'));
  errors = $state<Partial<Record<PlanFormField, string>>>({});
  /** An error that names no field of the form (shown above the buttons). */
  formError = $state<string | null>(null);
  pending = $state(false);

  #deps: PlanFormDeps;

  constructor(values: PlanFormValues, deps: Partial<PlanFormDeps> = {}) {
    this.values = values;
    this.#deps = { ...defaultFormDeps, ...deps };
  }

  /** Reads the form into a PlanInput and sends it; resolves true when `send` succeeded. */
  async submit(send: (input: PlanInput) => Promise<AppError | null>): Promise<boolean> {
    if (this.pending) return false;
    this.pending = true;
    try {
      const v = { ...this.values };
      const errors: Partial<Record<PlanFormField, string>> = {};
      let formError: string | null = null;
      const take = (err: AppError) => {
        if (!err.hasFields) formError = err.message;
        for (const [field, message] of Object.entries(err.fields)) {
          const f = FORM_FIELD[field];
          if (f) errors[f] = message;
          else formError = message;
        }
      };
      const minutesText = v.includedMinutes.trim();
      const minutes = minutesText === '' ? 0 : WHOLE.test(minutesText) ? Number(minutesText) : undefined;
      if (minutes === undefined) errors.includedMinutes = NOT_MINUTES;
      const overageText = v.overage.trim() === '' ? '0' : v.overage;
      const [price, rate] = await Promise.all([
        settle(this.#deps.parsePrice(v.price, v.currency)),
        settle(this.#deps.parseRate(overageText, v.currency)),
      ]);
      if (price instanceof AppError) take(price);
      if (rate instanceof AppError) take(rate);
      if (price instanceof AppError || rate instanceof AppError || minutes === undefined) {
        this.errors = errors;
        this.formError = formError;
        return false;
      }
      const err = await send({
        name: v.name,
        priceMinor: price,
        currency: v.currency,
        interval: v.interval,
        includedMinutes: minutes,
        overageMicros: rate,
        bullets: v.bullets
          .split(/\r?\n/)
          .map((b) => b.trim())
          .filter((b) => b !== ''),
      });
      if (err) take(err);
      this.errors = errors;
      this.formError = formError;
      return err === null;
    } finally {
      this.pending = false;
    }
  }
}
