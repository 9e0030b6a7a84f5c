/**
 * Keeps only the newest of overlapping async requests: begin() returns a check that stays true
 * only while no later request began (or invalidate() was called).
 */
export class LatestOnly {
  #seq = 0;

  begin(): () => boolean {
    const id = ++this.#seq;
    return () => id === this.#seq;
  }

  /** Makes every request in flight stale. */
  invalidate(): void {
    this.#seq++;
  }
}

/** A trailing-edge debounce with cancel(). */
export function debounce(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
  run.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return run;
}
