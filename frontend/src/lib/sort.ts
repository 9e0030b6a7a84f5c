/** A sort order: a column key and its direction. */
export interface SortState<K extends string> {
  sort: K;
  desc: boolean;
}

/** Clicking a column header: the same column flips direction, a new column starts ascending. */
export function toggleSort<K extends string>(current: SortState<K>, column: K): SortState<K> {
  if (current.sort === column) return { sort: column, desc: !current.desc };
  return { sort: column, desc: false };
}

/** The value of aria-sort for a column header. */
export function ariaSort<K extends string>(
  current: SortState<K>,
  column: K,
): 'ascending' | 'descending' | 'none' {
  if (current.sort !== column) return 'none';
  return current.desc ? 'descending' : 'ascending';
}
