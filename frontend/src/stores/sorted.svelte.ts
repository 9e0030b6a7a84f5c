import { toggleSort, type SortState } from '../lib/sort';
import { PagedQuery, SEARCH_DEBOUNCE_MS, type PageQuery } from './paged.svelte';

/** A paged query whose rows are sorted by a column the person picks in the table's header. */
export abstract class SortedPagedQuery<K extends string, Q extends PageQuery & SortState<K>, Item> extends PagedQuery<Q, Item> {
  sort = $state('' as K);
  desc = $state(false);

  constructor(pageSize: number, initial: SortState<K>, debounceMs = SEARCH_DEBOUNCE_MS) {
    super(pageSize, debounceMs);
    this.sort = initial.sort;
    this.desc = initial.desc;
  }

  /** The sort of the rows shown (the one asked for until a page arrives). */
  get shownSort(): SortState<K> {
    const q = this.shownQuery ?? this.query();
    return { sort: q.sort, desc: q.desc };
  }

  /** A click on a column header. */
  sortBy(column: K): Promise<void> {
    return this.refilter(() => {
      const next = toggleSort({ sort: this.sort, desc: this.desc }, column);
      this.sort = next.sort;
      this.desc = next.desc;
    });
  }
}
