// The screen Go paints before the app's script runs (firstscreen.go) must be the app's own list,
// element for element and pixel for pixel, or the window would change under the user's eyes
// when the app takes its place. Both are drawn at one fixed moment (Go's through
// SWITCHBOARD_TEST_NOW, the page's through its clock) so that relative times agree.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startApp, withPage } from './harness.mjs';

const NOW = '2026-11-20T15:30:00Z';
let app;
let ui;

before(async () => {
  app = await startApp({ demo: { count: 250, seed: 7 }, env: { SWITCHBOARD_TEST_NOW: NOW } });
  ui = await withPage(app, { clock: NOW });
});

after(async () => {
  await ui?.close();
  await app?.stop();
});

/**
 * The element tree under root as data (a table body's first rows only): tags, attributes (sorted), form values and text, without
 * comments and with runs of white space as one. The exact moment a time's tooltip names is in
 * the user's own format, which only the page knows: those tooltips are left out.
 */
function tree(root, rows = Infinity) {
  const tooltipOfTime = (el) => el.tagName === 'TIME' || (el.tagName === 'SPAN' && el.querySelector(':scope > time'));
  const walk = (el) => {
    const attrs = [...el.attributes]
      .filter((a) => !(a.name === 'title' && tooltipOfTime(el)))
      // A form's state: Go writes it as attributes, the app sets it as properties; compared below.
      .filter((a) => !(el.tagName === 'INPUT' && a.name === 'value') && !(el.tagName === 'OPTION' && a.name === 'selected'))
      .map((a) => `${a.name}=${a.name === 'class' ? a.value.split(/\s+/).sort().join(' ') : a.value}`)
      .sort();
    if (el.tagName === 'INPUT' || el.tagName === 'SELECT') attrs.push(`value:${el.value}`);
    const kids = [];
    let rowsLeft = rows;
    for (const n of el.childNodes) {
      if (el.tagName === 'TBODY' && n.nodeType === Node.ELEMENT_NODE && rowsLeft-- <= 0) continue;
      if (n.nodeType === Node.TEXT_NODE) {
        if (typeof kids.at(-1) === 'string') kids[kids.length - 1] += n.textContent;
        else kids.push(n.textContent);
      } else if (n.nodeType === Node.ELEMENT_NODE) kids.push(walk(n));
    }
    const children = kids.map((k) => (typeof k === 'string' ? k.replace(/\s+/g, ' ') : k)).filter((k) => k !== '');
    while (children[0] === ' ') children.shift();
    while (children.at(-1) === ' ') children.pop();
    return [el.tagName.toLowerCase(), attrs.join(' '), children];
  };
  return walk(root);
}

/** How many pixels of two same-sized PNG images (base64) differ by more than a trace. */
async function differingPixels([a, b]) {
  const pixels = async (png) => {
    const img = new Image();
    img.src = `data:image/png;base64,${png}`;
    await img.decode();
    const canvas = new OffscreenCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return ctx.getImageData(0, 0, img.width, img.height).data;
  };
  const [pa, pb] = await Promise.all([pixels(a), pixels(b)]);
  if (pa.length !== pb.length) return Infinity;
  let n = 0;
  for (let i = 0; i < pa.length; i += 4) {
    if (Math.max(Math.abs(pa[i] - pb[i]), Math.abs(pa[i + 1] - pb[i + 1]), Math.abs(pa[i + 2] - pb[i + 2])) > 8) n++;
  }
  return n;
}

test('the first screen Go sends is the live list, element for element', async () => {
  const html = await (await fetch(app.url)).text();
  assert.match(html, /<div id="first-screen"/, 'index.html carries the first screen');
  const { page } = ui;
  await page.getByText('1–100 of 250', { exact: true }).waitFor();
  const [rows, sent, live] = await page.evaluate(
    ([source, walker]) => {
      const tree = new Function(`return ${walker}`)();
      const doc = new DOMParser().parseFromString(source, 'text/html');
      const sent = doc.querySelector('#first-screen > .app');
      // Go draws the rows a window shows, and leaves the others' height: the rows drawn are compared.
      const rest = sent.querySelector('tbody > tr.rest');
      rest.remove();
      const drawn = sent.querySelectorAll('tbody > tr').length;
      const live = document.querySelector('#app > .app');
      return [{ drawn, rest: rest.firstElementChild.style.height }, tree(sent), tree(live, drawn)];
    },
    [html, tree.toString()],
  );
  assert.deepEqual(rows, { drawn: 40, rest: 'calc(var(--row-height) * 60)' });
  assert.deepEqual(sent, live);
});

test('the first screen looks the same as the live list', async () => {
  // The toasts' corner is empty now, but its layer draws what lies under it a little
  // differently: it is not part of the list, and out of the picture.
  const toasts = ui.page.locator('.toasts');
  await toasts.evaluate((el) => (el.style.display = 'none'));
  const live = await ui.page.screenshot();
  await toasts.evaluate((el) => (el.style.display = ''));
  // The same page with no script: only what Go sent.
  const context = await ui.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(app.url);
    await page.locator('#first-screen tbody tr').first().waitFor();
    const sent = await page.screenshot();
    // The rows Go leaves out keep their height: the list scrolls as far (the scroll bar agrees).
    const height = (p) => p.locator('.scroller').evaluate((el) => el.scrollHeight);
    assert.equal(await height(page), await height(ui.page));
    // Chromium draws a few edge pixels of the page field a shade apart from one load to the
    // next; a class or a space out of place changes thousands.
    const differing = await ui.page.evaluate(differingPixels, [sent.toString('base64'), live.toString('base64')]);
    assert.ok(differing <= 100, `${differing} pixels differ`);
  } finally {
    await context.close();
  }
});

test('the app takes the first screen’s place, and no other copy of the list is left', async () => {
  const { page } = ui;
  assert.equal(await page.locator('#first-screen').count(), 0);
  assert.equal(await page.locator('#first-page').count(), 1);
  assert.equal(await page.getByRole('table', { name: 'Sub-accounts' }).count(), 1);
  assert.equal(await page.locator('#app').getAttribute('hidden'), null);
});

test('nothing went wrong in the page', () => ui.assertNoErrors());
