// The colour tokens of both themes meet WCAG 2.2 AA: 4.5:1 for text (body, muted, placeholder,
// links, badges, table headers, text on filled buttons and toasts), 3:1 for what a control needs
// to be seen (its boundary, its on/off state, the focus ring).
import { describe, expect, test } from 'vitest';
import css from './app.css?raw';
import { colour, contrast, themes, type Theme } from './lib/contrast';

const TEXT = 4.5;
const NON_TEXT = 3;

/** [what, foreground token, background tokens, minimum ratio]. */
type Pair = [string, string, string[], number];

const SURFACES = ['--bg', '--bg-subtle', '--bg-sidebar', '--bg-hover', '--bg-selected'];

const PAIRS: Pair[] = [
  ['body text', '--fg', [...SURFACES, '--accent-subtle', '--danger-subtle', '--success-subtle'], TEXT],
  ['muted text, table headers, hints', '--fg-muted', [...SURFACES, '--accent-subtle'], TEXT],
  ['placeholders', '--fg-placeholder', ['--bg', '--bg-subtle'], TEXT],
  ['links and accent text', '--accent', ['--bg', '--bg-subtle', '--bg-sidebar', '--accent-subtle'], TEXT],
  ['text on the accent (primary buttons, on switch thumb)', '--accent-fg', ['--accent', '--accent-hover'], TEXT],
  ['danger text, field errors', '--danger', ['--bg', '--bg-subtle', '--danger-subtle'], TEXT],
  ['text on danger (danger buttons, error toasts)', '--danger-fg', ['--danger', '--danger-hover'], TEXT],
  ['success text, Active badge', '--success', ['--bg', '--bg-subtle', '--success-subtle'], TEXT],
  ['warning text', '--warning-fg', ['--bg', '--warning-subtle'], TEXT],
  ['toast text', '--bg', ['--fg'], TEXT],
  ['input, select, button and checkbox boundaries', '--border-strong', SURFACES, NON_TEXT],
  ['off switch thumb', '--fg-muted', ['--bg'], NON_TEXT],
  ['on switch track, checked box', '--accent', SURFACES, NON_TEXT],
  ['focus ring', '--focus-ring-colour', SURFACES, NON_TEXT],
  ['invalid input boundary', '--danger', ['--bg'], NON_TEXT],
];

function failures(theme: Theme): string[] {
  const out: string[] = [];
  for (const [what, fg, bgs, min] of PAIRS) {
    for (const bg of bgs) {
      let ratio: number;
      try {
        ratio = contrast(colour(theme, fg), colour(theme, bg));
      } catch (e) {
        out.push(`${what}: ${(e as Error).message}`);
        continue;
      }
      if (ratio < min) out.push(`${what}: ${fg} on ${bg} is ${ratio.toFixed(2)}:1, needs ${min}:1`);
    }
  }
  return out;
}

describe('contrast ratios', () => {
  test('are computed as WCAG defines them', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrast([255, 255, 255], [255, 255, 255])).toBe(1);
    // #767676 on white is the well-known 4.54:1.
    expect(contrast([0x76, 0x76, 0x76], [255, 255, 255])).toBeCloseTo(4.54, 2);
  });

  test('read both themes from app.css, dark overriding light', () => {
    const { light, dark } = themes(css);
    expect(light['--bg']).not.toEqual(dark['--bg']);
    expect(dark['--font']).toEqual(light['--font']);
  });

  const { light, dark } = themes(css);
  test.each([
    ['light', light],
    ['dark', dark],
  ])('meet WCAG 2.2 AA in the %s theme', (_name, theme) => {
    expect(failures(theme)).toEqual([]);
  });
});
