// WCAG 2.2 contrast of the theme's colour tokens: app.css declares them in :root (light) and
// overrides some in a prefers-color-scheme: dark block; these helpers read both themes from the
// stylesheet's text and compute contrast ratios the way WCAG defines them.

export type Theme = Record<string, string>;

/** The custom properties declared directly in one CSS block's body (no nested blocks). */
function declarations(body: string): Theme {
  const out: Theme = {};
  for (const m of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) {
    out[m[1] as string] = (m[2] as string).trim();
  }
  return out;
}

/** The body of the first block that follows `selector` at or after `from`, braces balanced. */
function blockAfter(css: string, selector: RegExp, from = 0): { body: string; end: number } | null {
  const m = selector.exec(css.slice(from));
  if (!m) return null;
  const open = css.indexOf('{', from + m.index);
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) return { body: css.slice(open + 1, i), end: i + 1 };
  }
  return null;
}

/**
 * The light and dark themes of a stylesheet: light is the first top-level :root block, dark is
 * light overlaid with the :root inside @media (prefers-color-scheme: dark).
 */
export function themes(css: string): { light: Theme; dark: Theme } {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const root = blockAfter(text, /:root\s*\{/);
  const media = blockAfter(text, /@media\s*\(\s*prefers-color-scheme:\s*dark\s*\)\s*\{/);
  if (!root || !media) throw new Error('the stylesheet has no :root block or no dark-scheme block');
  const darkRoot = blockAfter(media.body, /:root\s*\{/);
  if (!darkRoot) throw new Error('the dark-scheme block has no :root');
  const light = declarations(root.body);
  return { light, dark: { ...light, ...declarations(darkRoot.body) } };
}

/** A token's value with var() references resolved (a var(--x, fallback) takes --x when declared). */
export function resolve(theme: Theme, value: string, seen: string[] = []): string {
  return value.replace(/var\(\s*(--[\w-]+)\s*(?:,\s*([^)]+))?\)/g, (_all, name: string, fallback?: string) => {
    if (seen.includes(name)) throw new Error(`circular token ${[...seen, name].join(' → ')}`);
    const v = theme[name] ?? fallback;
    if (v === undefined) throw new Error(`unknown token ${name}`);
    return resolve(theme, v, [...seen, name]);
  });
}

export type RGB = [number, number, number];

/** #rgb or #rrggbb as 0–255 channels. */
export function parseHex(hex: string): RGB {
  const h = hex.trim().replace(/^#/, '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`not a #rgb or #rrggbb colour: ${hex}`);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as RGB;
}

/** A token as a colour: its resolved value must be a hex colour. */
export function colour(theme: Theme, token: string): RGB {
  const v = theme[token];
  if (v === undefined) throw new Error(`unknown token ${token}`);
  return parseHex(resolve(theme, v));
}

/** WCAG relative luminance. */
export function luminance([r, g, b]: RGB): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrast(a: RGB, b: RGB): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
