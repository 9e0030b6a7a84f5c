// Accessibility checks for the browser tests: axe-core (the npm package) run in
// the page. Any test can call expectNoSeriousA11y(page, 'what is on screen')
// after it has brought a screen or dialog up; it fails listing each serious or
// critical violation with the elements it found.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** axe-core's browser build, injected into the page on first use. */
const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** The WCAG 2.0–2.2 A and AA rules, and axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const SERIOUS = new Set(['serious', 'critical']);

/** Injects axe-core into the page unless it is already there (a reload drops it). */
async function ensureAxe(page) {
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  await page.addScriptTag({ path: AXE_PATH });
}

/**
 * Runs axe on the page (or on the part `options.include` selects) and returns
 * its serious and critical violations as
 * [{id, impact, help, nodes: [{target, summary}]}].
 */
export async function seriousA11yViolations(page, options = {}) {
  await ensureAxe(page);
  // Let transitions (toasts sliding in, dialogs fading) end: axe measures what is painted.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime))
        .map((a) => a.finished.catch(() => {})),
    ),
  );
  const result = await page.evaluate(
    async ({ tags, include }) => {
      const context = include ? { include: [include] } : document;
      const r = await window.axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), impact: n.impact, summary: n.failureSummary })),
      }));
    },
    { tags: TAGS, include: options.include ?? null },
  );
  return result
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => SERIOUS.has(n.impact ?? v.impact)) }))
    .filter((v) => v.nodes.length > 0);
}

/** Formats violations one per line, each element indented under its rule. */
export function formatViolations(violations) {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target}\n      ${(n.summary ?? '').replace(/\n/g, '\n      ')}`).join('\n'),
    )
    .join('\n');
}

/**
 * Fails when axe finds a serious or critical violation on the page as it is
 * now; label names the screen (and theme) in the failure message.
 */
export async function expectNoSeriousA11y(page, label, options = {}) {
  const violations = await seriousA11yViolations(page, options);
  if (violations.length > 0) {
    throw new Error(`${label}: ${violations.length} serious or critical accessibility violation(s):\n${formatViolations(violations)}`);
  }
}
