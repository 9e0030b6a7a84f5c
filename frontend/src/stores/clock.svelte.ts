/** A coarse "now" that relative times read, so "3 minutes ago" keeps itself current. */
export class Clock {
  now = $state(Date.now());

  /** Ticks every intervalMs; returns the stop function. */
  start(intervalMs = 30_000): () => void {
    const t = setInterval(() => (this.now = Date.now()), intervalMs);
    return () => clearInterval(t);
  }
}

export const clock = new Clock();
