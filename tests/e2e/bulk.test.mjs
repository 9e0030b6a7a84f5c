// Bulk actions and the list export over 250 demo sub-accounts (`switchboard
// demo --count 250 --seed 7`): select a page, then all that a filter matches
// across pages, disable them, and export the list and a selection as CSV.
//
// The save dialog: the dev build answers it without a window when
// SWITCHBOARD_TEST_SAVE_DIR is set (testhooks_dev.go), so the export is
// written where this test reads it.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chooseOption, dataRows, dialog, eventually, parseCSV, rowNames, startApp, toast, withPage } from './harness.mjs';

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;
let saveDir;

before(async () => {
  saveDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-save-'));
  process.env.SWITCHBOARD_TEST_SAVE_DIR = saveDir;
  app = await startApp({ demo: { count: 250, seed: 7 } });
  ui = await withPage(app);
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
  delete process.env.SWITCHBOARD_TEST_SAVE_DIR;
  if (saveDir) await rm(saveDir, { recursive: true, force: true });
});

const statusFilter = () => page.getByRole('combobox', { name: 'Status', exact: true });
const bar = () => page.getByRole('region', { name: 'Selection', exact: true });
const checkbox = (name) => page.getByRole('checkbox', { name, exact: true });
const button = (name) => page.getByRole('button', { name, exact: true });

/** How many the list says match, from its pager ("1–100 of 205"). */
async function matching() {
  const text = await page.getByText(/^1–\d+ of \d+$/).innerText();
  return Number(text.split(' of ')[1]);
}

test('a checkbox per row, shift-click ranges, and Esc clears the selection', async () => {
  await page.getByText('250 sub-accounts', { exact: true }).waitFor();
  const names = await rowNames(page);
  await checkbox(`Select ${names[1]}`).click();
  await checkbox(`Select ${names[4]}`).click({ modifiers: ['Shift'] });
  await bar().getByText('4 selected', { exact: true }).waitFor();
  for (const n of names.slice(1, 5)) assert.equal(await checkbox(`Select ${n}`).isChecked(), true, n);
  assert.equal(await checkbox(`Select ${names[5]}`).isChecked(), false);
  // Another page keeps what was picked on this one.
  await button('Next').click();
  await page.getByText(/^101–200 of 250$/).waitFor();
  await bar().getByText('4 selected', { exact: true }).waitFor();
  await button('Previous').click();
  await page.getByText(/^1–100 of 250$/).waitFor();
  await checkbox(`Select ${names[1]}`).focus();
  await page.keyboard.press('Escape');
  await bar().waitFor({ state: 'detached' });
  assert.equal(await checkbox(`Select ${names[1]}`).isChecked(), false);
});

test('selects all that a filter matches across pages and disables them', async () => {
  await chooseOption(page, statusFilter(), 'Active');
  await eventually(async () => assert.ok((await matching()) > 100, 'more active than a page'));
  const active = await matching();
  await checkbox('Select this page').check();
  await bar().getByText('100 selected', { exact: true }).waitFor();
  await bar().getByRole('button', { name: `Select all ${active.toLocaleString('en-US')} matching`, exact: true }).click();
  const many = `${active.toLocaleString('en-US')} sub-accounts`;
  await bar().getByText(`${active.toLocaleString('en-US')} selected`, { exact: true }).waitFor();
  await bar().getByRole('button', { name: 'Disable', exact: true }).click();
  const confirm = dialog(page, `Disable ${many}?`);
  await confirm.getByText('Their users can no longer sign in, and their call-log syncs stop.', { exact: false }).waitFor();
  await confirm.getByRole('button', { name: `Disable ${many}`, exact: true }).click();
  await toast(page, `Disabled ${active.toLocaleString('en-US')}.`).waitFor();
  await confirm.waitFor({ state: 'detached' });
  await bar().waitFor({ state: 'detached' });
  await page.getByText('No sub-accounts match', { exact: true }).waitFor();
});

test('exports the list as filtered to CSV, and a selection', async () => {
  await chooseOption(page, statusFilter(), 'Inactive');
  await eventually(async () => assert.equal(await matching(), 250));
  await button('Export CSV').click();
  const file = path.join(saveDir, 'sub-accounts.csv');
  await toast(page, `Exported 250 sub-accounts to ${file}`).waitFor();
  assert.deepEqual(await readdir(saveDir), ['sub-accounts.csv'], 'the file, and no temporary file beside it');
  let recs = parseCSV(await readFile(file, 'utf8'));
  assert.deepEqual(recs[0], ['Name', 'Status', 'Voice provider', 'Last login (UTC)', 'Last call (UTC)', 'Minutes left', 'Created (UTC)']);
  assert.equal(recs.length - 1, 250);
  assert.ok(recs.slice(1).every((r) => r[1] === 'Inactive'));
  const shown = await rowNames(page);
  assert.deepEqual(
    recs.slice(1, 101).map((r) => r[0]),
    shown,
    'in the list’s sort',
  );

  await checkbox(`Select ${shown[0]}`).click();
  await checkbox(`Select ${shown[2]}`).click({ modifiers: ['Shift'] });
  await bar().getByRole('button', { name: 'Export selected', exact: true }).click();
  await toast(page, `Exported 3 sub-accounts to ${file}`).waitFor();
  recs = parseCSV(await readFile(file, 'utf8'));
  assert.deepEqual(
    recs.slice(1).map((r) => r[0]),
    shown.slice(0, 3),
  );
  assert.equal(await dataRows(page).count(), 100);
});
