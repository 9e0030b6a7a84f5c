import {
  getConcurrency,
  previewConcurrency,
  refreshConcurrencyLimit,
  saveConcurrency,
  type AppError,
  type ConcurrencyInput,
  type ConcurrencyView,
  type FieldErrors,
  type ReserveView,
} from '../api';
import { LatestOnly } from '../lib/latest';
import { action, unlessFields, type ActionOptions } from './action';

export interface ConcurrencyDeps {
  get: (id: number) => Promise<ConcurrencyView>;
  save: (id: number, input: ConcurrencyInput) => Promise<ConcurrencyView>;
  refresh: (id: number) => Promise<ConcurrencyView>;
  preview: (input: ConcurrencyInput) => Promise<ReserveView>;
}

const defaultDeps: ConcurrencyDeps = {
  get: getConcurrency,
  save: saveConcurrency,
  refresh: refreshConcurrencyLimit,
  preview: previewConcurrency,
};

/** What the form's fields hold: exactly what the person typed. */
export interface ConcurrencyForm {
  limit: string;
  outbound: string;
  poolName: string;
}

function formOf(v: ConcurrencyView): ConcurrencyForm {
  return { limit: v.limit == null ? '' : String(v.limit), outbound: String(v.outbound), poolName: v.poolName };
}

const WHOLE = /^-?\d+$/;
const NOT_A_NUMBER = 'Enter a whole number.';

/**
 * Reads a number field. Only the shape is checked here (a field must hold a whole number to be
 * sent at all); every rule about the values is Go's.
 */
function whole(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  return WHOLE.test(t) ? Number(t) : undefined;
}

/**
 * One sub-account's Concurrent Call Limit: the saved view from Go (reserve, pool, peaks) and the
 * form as typed. A failed save or refresh keeps what was typed and shows Go's field errors.
 */
export class ConcurrencyStore {
  readonly subAccountId: number;
  view = $state.raw<ConcurrencyView | null>(null);
  form = $state<ConcurrencyForm>({ limit: '', outbound: '0', poolName: '' });
  /** Go's messages by field (limit, outbound, poolName) from the last save or refresh. */
  errors = $state<FieldErrors>({});
  /** What Go says is reserved for inbound calls, for the form's values as typed. */
  reserve = $state.raw<ReserveView>({ inboundReserved: 0, text: '' });
  /** Why the limit could not be read from the provider when the tab opened ("" = it was, or was not tried). */
  readError = $state('');
  /** The last load failed (nothing to show). */
  loadError = $state<AppError | null>(null);
  loading = $state(false);
  saving = $state(false);
  refreshing = $state(false);

  #deps: ConcurrencyDeps;
  #latest = new LatestOnly();
  #previews = new LatestOnly();

  constructor(subAccountId: number, deps: Partial<ConcurrencyDeps> = {}) {
    this.subAccountId = subAccountId;
    this.#deps = { ...defaultDeps, ...deps };
  }

  get loaded(): boolean {
    return this.view !== null;
  }

  /** True when a provider is connected (else there is nothing to set). */
  get hasProvider(): boolean {
    return (this.view?.provider ?? '') !== '';
  }

  /** The limit was read from the provider's API: the field is read-only. */
  get limitFromProvider(): boolean {
    return this.view?.limitSource === 'provider';
  }

  get busy(): boolean {
    return this.saving || this.refreshing;
  }

  async load(): Promise<void> {
    const current = this.#latest.begin();
    await action(
      async () => {
        const v = await this.#deps.get(this.subAccountId);
        if (!current()) return;
        this.#show(v, true);
        this.loadError = null;
      },
      { busy: (on) => (this.loading = on), current, failed: (e) => (this.loadError = e), toast: false },
    );
    // A provider that reports its limit is asked as soon as the section opens.
    if (current() && this.view?.limitFromApi && this.hasProvider) await this.refresh({ quiet: true });
  }

  /** The fields the split rule reads, as typed: undefined when a field does not hold a whole number. */
  #typed(): { limit: number | null | undefined; outbound: number | null | undefined } {
    const view = this.view;
    // A limit read from the provider is kept by Go whatever is sent.
    const limit = this.limitFromProvider ? (view?.limit ?? null) : whole(this.form.limit);
    return { limit, outbound: whole(this.form.outbound) };
  }

  /** Sets a field as typed and asks Go what the values as typed reserve for inbound calls. */
  async edit(field: keyof ConcurrencyForm, value: string): Promise<void> {
    this.form = { ...this.form, [field]: value };
    if (field !== 'poolName') await this.#preview();
  }

  async #preview(): Promise<void> {
    const current = this.#previews.begin();
    const { limit, outbound } = this.#typed();
    if (limit === undefined || outbound === undefined) {
      this.reserve = { inboundReserved: 0, text: '' };
      return;
    }
    try {
      const r = await this.#deps.preview({ limit, outbound, poolName: this.form.poolName });
      if (current()) this.reserve = r;
    } catch {
      // The sentence is a help, not a result: a failed preview leaves the last one.
    }
  }

  /** "Save limits". Returns true when Go saved. */
  async save(): Promise<boolean> {
    const view = this.view;
    if (!view || this.busy) return false;
    const { limit, outbound } = this.#typed();
    const shape: FieldErrors = {};
    if (limit === undefined) shape.limit = NOT_A_NUMBER;
    if (outbound === undefined) shape.outbound = NOT_A_NUMBER;
    if (limit === undefined || outbound === undefined) {
      this.errors = shape;
      return false;
    }
    this.errors = {};
    this.#latest.invalidate();
    const err = await action(
      async () => {
        const next = await this.#deps.save(this.subAccountId, {
          limit,
          outbound,
          poolName: this.form.poolName,
        });
        this.#show(next, true);
        return 'Saved the concurrent call limit';
      },
      { busy: (on) => (this.saving = on), ...this.#failure('Could not save the limits') },
    );
    return err === null;
  }

  /**
   * "Read limit from <Provider>": Go asks the provider's API and stores what it says. Quiet (when
   * the section opens) toasts nothing: a failure is said beside the field (readError).
   */
  async refresh({ quiet = false } = {}): Promise<boolean> {
    const view = this.view;
    if (!view || this.busy) return false;
    this.#latest.invalidate();
    const err = await action(
      async () => {
        const next = await this.#deps.refresh(this.subAccountId);
        // The limit is the provider's now; a field the person was editing keeps what they typed
        // unless Go changed the saved value under it (an outbound share lowered to the limit).
        const typed = this.form;
        const was = formOf(view);
        this.#show(next, false);
        const now = formOf(next);
        this.form = {
          limit: now.limit,
          outbound: typed.outbound !== was.outbound && now.outbound === was.outbound ? typed.outbound : now.outbound,
          poolName: typed.poolName !== was.poolName && now.poolName === was.poolName ? typed.poolName : now.poolName,
        };
        this.errors = {};
        this.readError = '';
        if (this.form.outbound !== now.outbound) await this.#preview();
        if (quiet) return;
        return next.limit == null ? `Read the limit from ${next.providerName}` : `Read the limit from ${next.providerName}: ${next.limit}`;
      },
      quiet
        ? {
            busy: (on) => (this.refreshing = on),
            failed: (e) => (this.readError = `Could not read the limit from ${view.providerName}: ${e.message}`),
            toast: false,
          }
        : { busy: (on) => (this.refreshing = on), ...this.#failure(`Could not read the limit from ${view.providerName}`) },
    );
    return err === null;
  }

  #show(v: ConcurrencyView, resetForm: boolean): void {
    this.view = v;
    this.#previews.invalidate();
    this.reserve = { inboundReserved: v.inboundReserved, text: v.reserve };
    if (resetForm) this.form = formOf(v);
  }

  /** Field errors go under their fields; anything else is toasted as `what`. The form keeps what was typed. */
  #failure(what: string): ActionOptions {
    return {
      failed: (err) => {
        if (err.hasFields) this.errors = { ...err.fields };
      },
      toast: (err) => unlessFields(err) && what,
    };
  }
}
