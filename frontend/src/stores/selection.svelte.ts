import { countSelection, type ListQuery, type Selection } from '../api';

export interface SelectionDeps {
  count: (sel: Selection) => Promise<number>;
}

/** Whether a page's rows are all, some or none selected (the header checkbox). */
export type PageState = 'all' | 'some' | 'none';

/**
 * The list's selection: ids picked by hand (kept across pages), or every sub-account the list's
 * query matches. The latter is the query itself, counted by Go: the window never holds the ids.
 */
export class SelectionStore {
  /** Ids picked by hand. */
  picked = $state.raw<ReadonlySet<number>>(new Set());
  /** All that `query` matches, `allCount` of them (Go's exact count). */
  all = $state(false);
  allCount = $state(0);
  #allQuery: ListQuery | null = null;
  /** The row a plain click last toggled: a shift-click toggles the range from it. */
  #anchor: number | null = null;
  #count: SelectionDeps['count'];

  constructor(deps: Partial<SelectionDeps> = {}) {
    this.#count = deps.count ?? countSelection;
  }

  /** How many are selected. */
  get count(): number {
    return this.all ? this.allCount : this.picked.size;
  }

  has(id: number): boolean {
    return this.all || this.picked.has(id);
  }

  pageState(ids: number[]): PageState {
    const n = ids.filter((id) => this.has(id)).length;
    return n === 0 ? 'none' : n === ids.length ? 'all' : 'some';
  }

  /**
   * Toggles row `id` of the page `ids`; with shift, every row between the last one clicked and
   * this one takes this one's new state.
   */
  toggle(ids: number[], id: number, shift = false): void {
    this.#leaveAll(ids);
    const next = new Set(this.picked);
    const on = !next.has(id);
    const from = shift && this.#anchor !== null ? ids.indexOf(this.#anchor) : -1;
    const to = ids.indexOf(id);
    const range = from >= 0 && to >= 0 ? ids.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
    for (const r of range) {
      if (on) next.add(r);
      else next.delete(r);
    }
    this.#anchor = id;
    this.picked = next;
  }

  /** The header checkbox: selects the page's rows, or clears them when all are selected. */
  togglePage(ids: number[]): void {
    const clear = this.pageState(ids) === 'all';
    this.#leaveAll(clear ? [] : ids);
    const next = new Set(this.picked);
    for (const id of ids) {
      if (clear) next.delete(id);
      else next.add(id);
    }
    this.picked = next;
  }

  /** "Select all N matching": the selection becomes the query (its page ignored). */
  async selectAllMatching(query: ListQuery): Promise<void> {
    const q = { ...query, offset: 0 };
    const n = await this.#count({ ids: [], all: true, query: q });
    this.#allQuery = q;
    this.allCount = n;
    this.all = true;
    this.picked = new Set();
  }

  clear(): void {
    this.all = false;
    this.allCount = 0;
    this.#allQuery = null;
    this.#anchor = null;
    this.picked = new Set();
  }

  /** The selection as Go takes it; `query` gives the sort (and, for all, is the one selected). */
  selection(query: ListQuery): Selection {
    if (this.all && this.#allQuery) return { ids: [], all: true, query: { ...this.#allQuery, sort: query.sort, desc: query.desc } };
    return { ids: [...this.picked], all: false, query: { ...query, offset: 0 } };
  }

  /** Unticking a row of an all-matching selection: keep the page's rows picked by hand instead. */
  #leaveAll(ids: number[]): void {
    if (!this.all) return;
    this.all = false;
    this.allCount = 0;
    this.#allQuery = null;
    this.picked = new Set(ids);
  }
}

export const selection = new SelectionStore();
