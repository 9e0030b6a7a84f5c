// Minutes left fall after a sync: a sub-account connected to the Retell fake
// gets a license, two calls are made on the fake after it (its control
// address), "Sync now" brings them in, and the License tab, its ledger and
// statement, and the list's "Minutes left" column show the minutes used:
// free minutes first, then add-on, each call rounded up to the minute.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { backFromNewSubAccount, chooseOption, columnHeader, columnTexts, dialog, eventually, sortBy, startApp, table, toast, withPage } from './harness.mjs';

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;
/** Where the dev build's save dialog puts exports (SWITCHBOARD_TEST_SAVE_DIR). */
let saveDir;

before(async () => {
  saveDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-statement-'));
  process.env.SWITCHBOARD_TEST_SAVE_DIR = saveDir;
  app = await startApp({ providers: true });
  ui = await withPage(app, { viewport: { width: 1280, height: 900 } });
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
  delete process.env.SWITCHBOARD_TEST_SAVE_DIR;
  if (saveDir) await rm(saveDir, { recursive: true, force: true });
});

const NAME = 'Seaside Vet';
const OTHER = 'Inland Vet';
const tab = (name) => page.getByRole('tab', { name, exact: true });
const panel = (name) => page.getByRole('tabpanel', { name, exact: true });
const settings = () => panel('Settings');
const syncNow = () => settings().getByRole('button', { name: 'Sync now', exact: true });
const autoSync = () => settings().getByRole('switch', { name: 'Automatic sync', exact: true });
const figure = async (term) =>
  (await page.locator('dl[aria-label="License"] div').filter({ has: page.getByText(term, { exact: true }) }).locator('dd').innerText()).replace(/\s+/g, ' ').trim();
const ledger = () => page.getByRole('table', { name: 'Minute ledger', exact: true });
const statements = () => page.getByRole('table', { name: 'Cycle statements', exact: true });
/** Column of the list: Name, Status, Voice provider, Last login, Last call, Minutes left. */
const MINUTES_COLUMN = 5;

async function createSubAccount(name) {
  await page.getByRole('button', { name: 'New sub-account', exact: true }).first().click();
  const d = dialog(page, 'New sub-account');
  await d.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await d.getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await toast(page, `Created “${name}”`).waitFor();
  await backFromNewSubAccount(page, name);
}

async function openTab(name) {
  await tab(name).click();
  await eventually(async () => assert.equal(await tab(name).getAttribute('aria-selected'), 'true'));
}

/** Makes a call on the Retell fake now, of this many seconds. */
async function makeCall(id, durationSec) {
  const res = await fetch(`${app.providers.control}/retell/calls`, { method: 'POST', body: JSON.stringify({ id, durationSec }) });
  assert.equal(res.status, 204, await res.text());
}

/** Waits for any sync in progress, then syncs now and waits for it to end. */
async function syncAndWait() {
  await openTab('Settings');
  await eventually(async () => assert.ok(await syncNow().isEnabled(), 'Sync now is enabled'), { timeout: 60_000 });
  await syncNow().click();
  await page.getByRole('status').getByText(/^Synced [\d,]+ calls?$/).first().waitFor({ timeout: 60_000 });
  await eventually(async () => assert.ok(await syncNow().isEnabled(), 'the sync is over'), { timeout: 60_000 });
}

test('minutes left fall after calls are synced from the provider', async () => {
  await createSubAccount(OTHER);
  await createSubAccount(NAME);
  await table(page).getByRole('button', { name: NAME, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: NAME, exact: true }).waitFor();

  // Connected to the Retell fake; automatic sync off, so only our syncs run.
  await openTab('Provider Credentials');
  await chooseOption(page, panel('Provider Credentials').getByRole('combobox', { name: 'Voice provider', exact: true }), 'Retell AI');
  await panel('Provider Credentials').getByLabel('API key', { exact: true }).fill(app.providers.credentials.retell.apiKey);
  await panel('Provider Credentials').getByRole('button', { name: 'Save Credentials', exact: true }).click();
  await toast(page, 'Saved Retell AI credentials').waitFor();
  await openTab('Settings');
  await eventually(async () => assert.equal(await autoSync().getAttribute('aria-checked'), 'true'));
  await autoSync().click();
  await eventually(async () => assert.equal(await autoSync().getAttribute('aria-checked'), 'false'));
  // The fake's calls of the last days came before the license: they use none of it.
  await syncAndWait();

  await openTab('License');
  await page.getByRole('button', { name: 'Add to license', exact: true }).click();
  const d = dialog(page, 'Add to license');
  await d.getByLabel('New validity date', { exact: true }).fill('2031-12-31');
  await d.getByRole('textbox', { name: 'Free minutes per cycle to add', exact: true }).fill('10');
  await d.getByRole('textbox', { name: 'Add-on minutes to add', exact: true }).fill('100');
  await d.getByRole('textbox', { name: 'Internal remarks', exact: true }).fill('Pilot');
  await d.getByRole('button', { name: 'Add to license', exact: true }).click();
  await d.waitFor({ state: 'hidden' });
  await eventually(async () => assert.equal(await figure('Free minutes left this cycle'), '10 min of 10 min'));
  assert.equal(await figure('Add-on minutes left'), '100 min');
  assert.equal(await figure('Minutes used this cycle'), '0 min');

  // Two calls after the license: 2:30 is 3 minutes, 8:20 is 9.
  await makeCall('call_after_1', 150);
  await makeCall('call_after_2', 500);
  await syncAndWait();

  await openTab('License');
  await eventually(async () => assert.equal(await figure('Minutes used this cycle'), '12 min'));
  assert.equal(await figure('Free minutes left this cycle'), '0 min of 10 min');
  assert.equal(await figure('Add-on minutes left'), '98 min');
  // Where the minutes went, newest first: the sync's usage, then the grant.
  const first = await ledger().locator('tbody tr').first().getByRole('cell').allInnerTexts();
  assert.equal(first[1], '2 calls used 12 minutes');
  assert.equal(first[2], '−12');
  assert.equal(first[3].trim(), '98');
  const texts = await ledger().locator('tbody tr td:nth-child(2)').allInnerTexts();
  assert.ok(texts.some((t) => t.startsWith('100 add-on minutes added')), `ledger: ${texts}`);
  // This cycle's statement: 12 used, closing at 0 free and 98 add-on.
  const row = statements().locator('tbody tr').first();
  const cells = (await row.getByRole('cell').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
  assert.ok(cells[0].startsWith('Cycle 1 open'), `cycle: ${cells[0]}`);
  assert.equal(cells[3], '12');
  assert.equal(cells[6], '0 free + 98 add-on');
  // The statement as CSV, through the save dialog.
  await row.getByRole('button', { name: 'Export statement for cycle 1', exact: true }).click();
  const file = path.join(saveDir, 'Seaside Vet-license-cycle-1.csv');
  const csv = await eventually(async () => readFile(file, 'utf8'));
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'Statement,Cycle 1');
  assert.ok(lines.includes('Used,12'), `statement: ${csv}`);
  assert.ok(lines.includes('Closing add-on minutes,98'), `statement: ${csv}`);
  assert.ok(lines.some((l) => l.includes(',usage,2 calls used 12 minutes,-12,10,0,2,0,0,98,2,')), `statement: ${csv}`);

  // The same calls synced again charge nothing more.
  await syncAndWait();
  await openTab('License');
  await eventually(async () => assert.equal(await figure('Add-on minutes left'), '98 min'));
  assert.equal(await figure('Minutes used this cycle'), '12 min');

  // The list: 98 minutes left, no license for the other; sortable by the column.
  await page.getByRole('button', { name: 'Back to List View', exact: true }).click();
  await page.getByRole('heading', { name: 'Sub-accounts', exact: true }).waitFor();
  const names = await columnTexts(page, 0);
  const minutes = await columnTexts(page, MINUTES_COLUMN);
  assert.equal(minutes[names.indexOf(NAME)], '98');
  assert.equal(minutes[names.indexOf(OTHER)], '—');
  await sortBy(page, 'Minutes left');
  await eventually(async () => assert.equal(await columnHeader(page, 'Minutes left').getAttribute('aria-sort'), 'ascending'));
  await eventually(async () => assert.deepEqual(await columnTexts(page, 0), [OTHER, NAME]));
  await sortBy(page, 'Minutes left');
  await eventually(async () => assert.deepEqual(await columnTexts(page, 0), [NAME, OTHER]));
  ui.assertNoErrors();
});
