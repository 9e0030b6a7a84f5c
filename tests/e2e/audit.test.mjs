// The audit log over 30 demo sub-accounts (`switchboard demo --count 30
// --seed 7`): filtered by action and by actor, searched with Enter, and
// exported to CSV, whose rows are checked against the table.
//
// The save dialog: the dev build answers it without a window when
// SWITCHBOARD_TEST_SAVE_DIR is set, with the name the app proposes in that
// directory (testhooks_dev.go), so the export is written where this test reads it.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chooseOption, chosenOption, eventually, navItem, parseCSV, startApp, toast, withPage } from './harness.mjs';

/** The OS user the app records as the actor (it runs as this process's user). */
const ACTOR = os.userInfo().username;

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;
let saveDir;

before(async () => {
  saveDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-save-'));
  process.env.SWITCHBOARD_TEST_SAVE_DIR = saveDir;
  app = await startApp({ demo: { count: 30, seed: 7 } });
  ui = await withPage(app);
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
  delete process.env.SWITCHBOARD_TEST_SAVE_DIR;
  if (saveDir) await rm(saveDir, { recursive: true, force: true });
});

const log = () => page.getByRole('table', { name: 'Audit log', exact: true });
const rows = () => log().getByRole('row').filter({ has: page.getByRole('cell') });
const filters = () => page.getByRole('search', { name: 'Filter the audit log', exact: true });
const actorFilter = () => filters().getByRole('combobox', { name: 'Actor', exact: true });
const actionFilter = () => filters().getByRole('combobox', { name: 'Action', exact: true });
const searchBox = () => filters().getByRole('textbox', { name: 'Search audit log', exact: true });
/** "341 entries" beside the title, as a number. */
async function shownCount() {
  const text = await page.getByRole('heading', { name: 'Audit log', exact: true }).locator('xpath=..').innerText();
  const m = /([\d,]+)\+? entr(?:y|ies)/.exec(text);
  assert.ok(m, `a count beside the title: ${text}`);
  return Number(m[1].replace(/,/g, ''));
}
/** Column i of every row, top to bottom. */
function column(i) {
  return rows().evaluateAll((trs, k) => trs.map((tr) => tr.cells[k].innerText.trim()), i);
}
const WHO = 1;
const ACTION = 3;
const SUB_ACCOUNT = 4;
const SUMMARY = 5;

let total;

test('lists the whole log, newest first, with the filters offering what occurs', async () => {
  await navItem(page, 'Audit log').click();
  await log().waitFor();
  total = await shownCount();
  assert.ok(total > 100, `the demo writes a few hundred entries: ${total}`);
  assert.equal(await chosenOption(actorFilter()), 'Any');
  const actors = await actorFilter().locator('option').allInnerTexts();
  assert.deepEqual(actors, ['Any', ACTOR]);
  const actions = await actionFilter().locator('option').allInnerTexts();
  assert.equal(actions[0], 'Any');
  for (const label of ['Created', 'Disabled', 'Added user', 'Published permissions']) {
    assert.ok(actions.includes(label), `the Action filter offers ${label}: ${actions}`);
  }
  assert.deepEqual(actions.slice(1), [...actions.slice(1)].sort((a, b) => a.localeCompare(b)), 'actions by label');
});

let disabled;

test('filters by action, then by actor too, and every row is one of them', async () => {
  await chooseOption(page, actionFilter(), 'Disabled');
  await eventually(async () => {
    disabled = await shownCount();
    assert.ok(disabled > 0 && disabled < total, `disabled entries: ${disabled} of ${total}`);
    assert.equal(await rows().count(), disabled);
  });
  assert.deepEqual([...new Set(await column(ACTION))], ['Disabled']);
  await page.getByRole('button', { name: 'Clear filters', exact: true }).waitFor();

  await chooseOption(page, actorFilter(), ACTOR);
  await eventually(async () => assert.equal(await chosenOption(actorFilter()), ACTOR));
  await eventually(async () => assert.equal(await shownCount(), disabled));
  assert.deepEqual([...new Set(await column(WHO))], [ACTOR]);
  assert.deepEqual([...new Set(await column(ACTION))], ['Disabled']);
});

test('Enter in the search applies it at once, within the filters', async () => {
  const subs = await column(SUB_ACCOUNT);
  const name = subs[0];
  await searchBox().fill(name);
  await searchBox().press('Enter');
  await eventually(async () => {
    const shown = await column(SUB_ACCOUNT);
    assert.ok(shown.length > 0 && shown.every((s) => s.includes(name)), `rows of ${name}: ${shown}`);
  });
  await searchBox().fill('');
  await searchBox().press('Enter');
  await eventually(async () => assert.equal(await shownCount(), disabled));
});

test('exports what the filters select to CSV, newest first, as the table shows it', async () => {
  const summaries = await column(SUMMARY);
  const subs = await column(SUB_ACCOUNT);
  await filters().getByRole('button', { name: 'Export CSV', exact: true }).click();
  const file = path.join(saveDir, 'audit-log.csv');
  await toast(page, `Exported ${disabled === 1 ? '1 entry' : `${disabled} entries`} to ${file}`).waitFor();
  assert.deepEqual(await readdir(saveDir), ['audit-log.csv'], 'the file, and no temporary file beside it');
  const recs = parseCSV(await readFile(file, 'utf8'));
  assert.deepEqual(recs[0], ['Time (UTC)', 'Actor', 'As user', 'Access session', 'Action', 'Action label', 'Sub-account', 'Subject', 'Summary']);
  const body = recs.slice(1);
  assert.equal(body.length, disabled);
  for (const r of body) {
    assert.equal(r[1], ACTOR);
    assert.equal(r[4], 'sub_account.disable');
    assert.equal(r[5], 'Disabled');
    assert.match(r[0], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  }
  const times = body.map((r) => Date.parse(r[0]));
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  assert.deepEqual(body.map((r) => r[8]), summaries);
  assert.deepEqual(body.map((r) => r[6]), subs);
});

test('Clear filters shows the whole log again', async () => {
  await page.getByRole('button', { name: 'Clear filters', exact: true }).click();
  await eventually(async () => assert.equal(await shownCount(), total));
  assert.equal(await chosenOption(actionFilter()), 'Any');
  assert.equal(await chosenOption(actorFilter()), 'Any');
});

test('nothing went wrong in the page', () => {
  ui.assertNoErrors();
});
