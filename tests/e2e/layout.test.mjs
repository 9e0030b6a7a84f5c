// At the smallest window the issue names (1024x700; the app's MinWidth is
// 960), every screen is visited and no visible text is cut off unless the
// element carries its full text in its title: a long name, phone numbers and
// costs in Calls, the audit log's Action and Sub-account columns, the plans,
// the agency settings and the customer view. Money reads in the currency's
// own format ("$12.34", never "12.34 USD").
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { backFromNewSubAccount, columnTexts, dialog, eventually, navItem, startApp, table, toast, withPage } from './harness.mjs';

/** The longest name a sub-account may have (80 characters). */
const LONG = 'Northwestern Regional Veterinary Emergency & Specialty Hospital Partners Group 7';
const DETAIL_TABS = ['General', 'Provider Credentials', 'Permissions', 'Pricing', 'Users', 'License', 'Settings', 'Calls', 'Activity'];
const LIST_PROVIDER_COLUMN = 2;
/** "$1,234.56": the dollar's own format, thousands grouped, two decimals. */
const DOLLARS = /^\$\d{1,3}(,\d{3})*\.\d{2,6}$/;

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;

before(async () => {
  assert.equal(LONG.length, 80);
  app = await startApp({ demo: { count: 40, seed: 7 } });
  ui = await withPage(app, { viewport: { width: 1024, height: 700 } });
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
});

const tab = (name) => page.getByRole('tab', { name, exact: true });
const panel = (name) => page.getByRole('tabpanel', { name, exact: true });

/**
 * The visible elements whose text is cut by their own overflow (hidden or
 * clip, horizontally or vertically) without the full text in their title
 * (or the title of the element that holds them), as "tag.class: text".
 */
function clippedTexts() {
  return page.evaluate(() => {
    const out = [];
    const norm = (s) => s.replace(/\s+/g, ' ').trim();
    for (const el of document.body.querySelectorAll('*')) {
      if (!(el instanceof HTMLElement) || el.closest('.visually-hidden, svg')) continue;
      if (['INPUT', 'TEXTAREA', 'SELECT', 'OPTION'].includes(el.tagName)) continue;
      if (el.getClientRects().length === 0) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden') continue;
      const hidesX = /hidden|clip/.test(cs.overflowX);
      const hidesY = /hidden|clip/.test(cs.overflowY);
      const cutX = hidesX && el.scrollWidth > el.clientWidth + 1;
      const cutY = hidesY && el.scrollHeight > el.clientHeight + 1;
      if (!cutX && !cutY) continue;
      const text = norm(el.innerText ?? '');
      if (text === '') continue;
      // A scrolling area inside (a table's scroll box) is reachable: only text is checked.
      // The full text on hover: the title of the element, of one around it or of the one inside that holds the text.
      const titles = [el.closest('[title]'), ...el.querySelectorAll('[title]')].filter(Boolean).map((t) => norm(t.getAttribute('title') ?? ''));
      if (titles.some((t) => t !== '' && t.includes(text))) continue;
      const name = `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
      out.push(`${name} (${cutX ? 'width' : 'height'} ${cutX ? `${el.scrollWidth}>${el.clientWidth}` : `${el.scrollHeight}>${el.clientHeight}`}): ${text.slice(0, 120)}`);
    }
    return out;
  });
}

/** Fails when anything on the screen is cut without its full text at hand. */
async function assertNothingCut(screen) {
  // Rendering settles over a few frames (a table filled after its query): poll until it holds.
  let last = [];
  try {
    await eventually(async () => {
      last = await clippedTexts();
      assert.deepEqual(last, []);
    }, { timeout: 3_000 });
  } catch {
    assert.fail(`${screen}: ${last.length} text(s) cut at 1024x700 without a title:\n  ${last.join('\n  ')}`);
  }
}

async function openTab(name) {
  await tab(name).click();
  await eventually(async () => assert.equal(await tab(name).getAttribute('aria-selected'), 'true'));
  await panel(name).waitFor();
}

async function openDetail(name) {
  await navItem(page, 'Sub-accounts').click();
  await page.getByRole('heading', { name: 'Sub-accounts', exact: true }).waitFor();
  await page.getByRole('searchbox', { name: 'Search sub-accounts', exact: true }).or(page.getByRole('textbox', { name: 'Search sub-accounts', exact: true })).fill(name);
  await table(page).getByRole('button', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

/** A demo sub-account with a voice provider (it has synced calls). */
let connected;

test('the sub-account list, with an 80-character name', async () => {
  await page.getByRole('button', { name: 'New sub-account', exact: true }).first().click();
  const d = dialog(page, 'New sub-account');
  await d.getByRole('textbox', { name: 'Name', exact: true }).fill(LONG);
  await d.getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await d.waitFor({ state: 'hidden' });
  await toast(page, `Created “${LONG}”`).waitFor();
  await backFromNewSubAccount(page, LONG); // a new one opens its detail
  const names = await columnTexts(page, 0);
  const providers = await columnTexts(page, LIST_PROVIDER_COLUMN);
  connected = names.find((n, i) => n !== LONG && providers[i] !== '—' && providers[i] !== '');
  assert.ok(connected, `a demo sub-account with a provider: ${providers}`);
  await assertNothingCut('Sub-accounts list');
});

test("Calls: every cost and the total in the currency's own format", async () => {
  await openDetail(connected);
  await openTab('Calls');
  const calls = panel('Calls').getByRole('table', { name: 'Calls', exact: true });
  await eventually(async () => assert.ok((await calls.getByRole('row').count()) > 1, 'calls are listed'));
  const costs = await calls
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
    .evaluateAll((rows) => rows.map((r) => r.cells[r.cells.length - 1].innerText.trim()).filter((t) => t !== '—'));
  assert.ok(costs.length > 0, 'some calls have a cost');
  for (const c of costs) assert.match(c, DOLLARS);
  const totals = await panel('Calls').getByText(/^[\d,]+ calls? · /).innerText();
  assert.match(totals, / · \$\d{1,3}(,\d{3})*\.\d{2}$/);
});

test('every tab of a sub-account, Calls with phone numbers and costs', async () => {
  await openDetail(connected);
  for (const name of DETAIL_TABS) {
    await openTab(name);
    if (name === 'Calls') {
      const calls = panel('Calls').getByRole('table', { name: 'Calls', exact: true });
      await eventually(async () => assert.ok((await calls.getByRole('row').count()) > 1, 'calls are listed'));
    }
    await assertNothingCut(`${connected} → ${name}`);
  }
});

test('the long name: its header and General tab', async () => {
  await openDetail(LONG);
  await assertNothingCut(`${LONG} → General`);
});

test('Plans, the Audit log with its Action and Sub-account columns, Settings', async () => {
  await navItem(page, 'Plans').click();
  await page.getByRole('heading', { name: 'Plans', exact: true }).waitFor();
  await page.getByRole('table').first().getByRole('row').nth(1).waitFor();
  await assertNothingCut('Plans');

  await navItem(page, 'Audit log').click();
  const log = page.getByRole('table', { name: 'Audit log', exact: true });
  await log.getByRole('cell', { name: LONG }).first().waitFor();
  await assertNothingCut('Audit log');

  await navItem(page, 'Settings').click();
  await page.getByRole('heading', { level: 1, name: 'Settings', exact: true }).waitFor();
  await assertNothingCut('Settings');
});

test("the customer view, every page of it", async () => {
  await openDetail(connected);
  await page.getByRole('button', { name: 'Access Account', exact: true }).click();
  const d = dialog(page, 'Access Account');
  await eventually(async () => assert.match(await d.getByRole('combobox', { name: 'Sign in as', exact: true }).inputValue(), /\d+/));
  await d.getByRole('textbox', { name: 'Reason', exact: true }).fill('Layout check');
  await d.getByRole('button', { name: 'Open account', exact: true }).click();
  const nav = page.getByRole('navigation', { name: 'Customer navigation', exact: true });
  await nav.waitFor();
  const entries = (await nav.getByRole('button').allInnerTexts()).map((t) => t.trim());
  assert.ok(entries.length > 0);
  for (const entry of entries) {
    await nav.getByRole('button', { name: entry, exact: true }).click();
    await page.getByRole('heading', { level: 2, name: entry, exact: true }).waitFor();
    await assertNothingCut(`customer view → ${entry}`);
  }
});

test('nothing went wrong in the page', () => {
  ui.assertNoErrors();
});
