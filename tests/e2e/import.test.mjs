// Importing sub-accounts from CSV: a file with two bad rows is chosen through
// the open dialog, its columns mapped as Go proposes, the preview names the
// two rows and why, and "Import the valid rows" creates the rest, which the
// list then shows.
//
// The open dialog: the dev build answers it without a window when
// SWITCHBOARD_TEST_OPEN_FILE is set, with that file (testhooks_dev.go).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { formatViolations, seriousA11yViolations } from './a11y.mjs';
import { chosenOption, dialog, eventually, rowNames, startApp, withPage } from './harness.mjs';

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;
let dir;

const CSV =
  'Name;Status;Provider;Account SID;Auth token;User email;User name;Time zone\r\n' +
  'Harbor Dental;active;Twilio;AC0123456789abcdef0123456789abcdef;0123456789abcdef0123456789abcdef;dana@harbor.example;Dana;Europe/Zurich\r\n' +
  'Summit Roofing;inactive;;;;sam@summit;Sam;UTC\r\n' + // row 3: bad email
  'Lakeside Plumbing;active;Vapi;;;;;\r\n' +
  'Cedar Clinic;active;;;;lee@cedar.example;Lee;Mars/Olympus\r\n' + // row 5: unknown zone
  'Birch Books;;;;;;;\r\n';

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-import-'));
  const file = path.join(dir, 'clients.csv');
  await writeFile(file, '\uFEFF' + CSV); // as a spreadsheet saves "CSV UTF-8": a BOM, semicolons, CRLF
  process.env.SWITCHBOARD_TEST_OPEN_FILE = file;
  app = await startApp();
  ui = await withPage(app);
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
  delete process.env.SWITCHBOARD_TEST_OPEN_FILE;
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** axe finds no serious or critical violation in either theme. */
async function accessible(label) {
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const v = await seriousA11yViolations(page);
    assert.equal(v.length, 0, `${label} (${colorScheme}):\n${formatViolations(v)}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a file with two bad rows: the preview names them, the rest is imported', async () => {
  await page.getByRole('button', { name: 'Import…', exact: true }).click();
  const dlg = dialog(page, 'Import sub-accounts');
  await dlg.getByRole('button', { name: 'Choose CSV file…', exact: true }).click();

  // The mapping Go proposes from the header; the secret column is not read.
  const readAs = (col) => dlg.getByRole('combobox', { name: `Read column ${col} as`, exact: true });
  assert.equal(await chosenOption(readAs('User email')), 'User email');
  assert.equal(await chosenOption(readAs('Account SID')), 'Account SID / TeXML account SID');
  assert.equal(await readAs('Auth token').isDisabled(), true);
  await accessible('the mapping step');
  await dlg.getByRole('button', { name: 'Preview', exact: true }).click();

  const failures = dlg.getByRole('table', { name: 'Rows that would not be imported', exact: true });
  const failed = failures.getByRole('row').filter({ has: page.getByRole('cell') });
  await eventually(async () => assert.equal(await failed.count(), 2));
  const texts = await failed.allInnerTexts();
  assert.match(texts[0], /^3\s+Summit Roofing\s+User email: The domain of an email needs a dot/);
  assert.match(texts[1], /^5\s+Cedar Clinic\s+Time zone: “Mars\/Olympus” is not a time zone/);
  const summary = await dlg.getByRole('status').innerText();
  assert.match(summary, /5 rows\. 3 sub-accounts would be created, 1 with a user; 2 rows would not be imported\./);
  assert.match(summary, /2 sub-accounts would still need provider credentials .*: Harbor Dental, Lakeside Plumbing\./);
  assert.match(summary, /Column “Auth token” is not read/);
  await accessible('the preview');

  await dlg.getByRole('button', { name: 'Import the valid rows', exact: true }).click();
  await dlg.getByText('Imported 3 sub-accounts from clients.csv. 2 rows were not imported.').waitFor();
  await dlg.getByText('2 sub-accounts need provider credentials').waitFor();
  await dlg.getByRole('button', { name: 'Done', exact: true }).click();
  await dlg.waitFor({ state: 'detached' });

  await eventually(async () => assert.deepEqual(await rowNames(page), ['Birch Books', 'Harbor Dental', 'Lakeside Plumbing']));
  ui.assertNoErrors();
});
