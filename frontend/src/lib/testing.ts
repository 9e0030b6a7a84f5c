import { vi } from 'vitest';

/** For tests: a fetch function whose answers the test releases by hand, in any order. */
export function manualFetch<Q, P>() {
  const calls: { q: Q; resolve: (p: P) => void; reject: (e: unknown) => void }[] = [];
  const fetch = vi.fn(
    (q: Q) =>
      new Promise<P>((resolve, reject) => {
        calls.push({ q, resolve, reject });
      }),
  );
  return { fetch, calls };
}
