// Permissions: hide a menu completely and another partly, "Save & Publish",
// restart the app on the same data and find the published state and its
// history entry; the defaults screen and its drift list.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { backFromNewSubAccount, dialog, eventually, navItem, startApp, table, toast, withPage } from './harness.mjs';

const NAME = 'Restart Dental';
let dataDir;
let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;

async function open() {
  app = await startApp({ dataDir });
  ui = await withPage(app);
  page = ui.page;
}

async function close() {
  await ui?.close();
  await app?.stop();
  ui = app = undefined;
}

before(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-perm-'));
  await open();
});

after(async () => {
  await close();
  await rm(dataDir, { recursive: true, force: true });
});

const item = (name) => page.getByRole('tree', { name: 'Menus and features' }).getByRole('treeitem', { name, exact: true });
/** The group of a menu's features in the tree. */
const features = (menu) => page.getByRole('tree', { name: 'Menus and features' }).getByRole('group', { name: menu, exact: true });
const checked = (name) => item(name).getAttribute('aria-checked');
const unpublished = () => page.getByText(/^Unpublished changes/);

async function openPermissions() {
  await table(page).getByRole('button', { name: NAME, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: NAME, exact: true }).waitFor();
  await page.getByRole('tab', { name: 'Permissions', exact: true }).click();
  await item('Reports').waitFor();
}

/** Focuses a tree item and presses Space on it, as a keyboard user would. */
async function toggle(name) {
  await item(name).focus();
  await page.keyboard.press('Space');
}

test('hides Reports and part of Contacts, publishes, and finds it all after a restart', async () => {
  await page.getByRole('button', { name: 'New sub-account', exact: true }).first().click();
  await dialog(page, 'New sub-account').getByRole('textbox', { name: 'Name', exact: true }).fill(NAME);
  await dialog(page, 'New sub-account').getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await toast(page, `Created “${NAME}”`).waitFor();
  await backFromNewSubAccount(page, NAME);
  await openPermissions();

  assert.equal(await checked('Reports'), 'true');
  await toggle('Reports');
  await eventually(async () => assert.equal(await checked('Reports'), 'false'));
  for (const f of ['Call reports', 'Usage reports', 'Export']) {
    assert.equal(await features('Reports').getByRole('treeitem', { name: f, exact: true }).getAttribute('aria-checked'), 'false');
  }
  await toggle('Import');
  await eventually(async () => assert.equal(await checked('Contacts'), 'mixed'));
  await unpublished().waitFor();
  const after = page.getByRole('figure', { name: 'After Save & Publish' });
  await eventually(async () => assert.equal(await after.getByText('Reports', { exact: true }).count(), 0));

  await page.getByRole('button', { name: 'Save & Publish', exact: true }).click();
  await toast(page, /^Published version 2/).waitFor();
  await unpublished().waitFor({ state: 'hidden' });
  await page.getByRole('listitem', { name: 'Version 2' }).waitFor();

  await close();
  await open();
  await openPermissions();
  assert.equal(await checked('Reports'), 'false');
  assert.equal(await checked('Contacts'), 'mixed');
  assert.equal(await features('Contacts').getByRole('treeitem', { name: 'Import', exact: true }).getAttribute('aria-checked'), 'false');
  assert.equal(await unpublished().count(), 0);
  const v2 = page.getByRole('listitem', { name: 'Version 2' });
  await v2.getByText(/Reports/).first().waitFor();
  await v2.getByText(/Import/).first().waitFor();
  ui.assertNoErrors();
});

test('the Settings screen lists the sub-account as differing from the default and aligns it', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('tree', { name: 'Default menus and features' }).waitFor();
  const row = page.getByRole('row').filter({ hasText: NAME });
  await row.waitFor();
  await row.getByRole('button', { name: `Align with default: ${NAME}`, exact: true }).click();
  await toast(page, 'Aligned 1 sub-account with the default.').waitFor();
  await row.waitFor({ state: 'detached' });
  ui.assertNoErrors();
});

test('"Apply to other sub-accounts" publishes this set to the one chosen', async () => {
  const OTHER = 'Second Clinic';
  await navItem(page, 'Sub-accounts').click();
  await page.getByRole('button', { name: 'New sub-account', exact: true }).first().click();
  await dialog(page, 'New sub-account').getByRole('textbox', { name: 'Name', exact: true }).fill(OTHER);
  await dialog(page, 'New sub-account').getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await toast(page, `Created “${OTHER}”`).waitFor();
  await backFromNewSubAccount(page, OTHER);
  await openPermissions();
  await toggle('Dashboard');
  await eventually(async () => assert.equal(await checked('Dashboard'), 'false'));
  await page.getByRole('button', { name: 'Save & Publish', exact: true }).click();
  await toast(page, /^Published version/).waitFor();

  await page.getByRole('button', { name: 'Apply to other sub-accounts', exact: true }).click();
  const apply = dialog(page, 'Apply to other sub-accounts');
  await apply.getByRole('searchbox', { name: 'Search sub-accounts' }).fill('Second');
  await apply.getByRole('checkbox', { name: OTHER, exact: true }).check();
  await apply.getByRole('button', { name: 'Publish to 1 sub-account', exact: true }).click();
  await toast(page, `Published “${NAME}”'s permissions to 1 sub-account.`).waitFor();
  await apply.waitFor({ state: 'hidden' });

  await page.getByRole('button', { name: 'Back to List View', exact: true }).click();
  await table(page).getByRole('button', { name: OTHER, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: OTHER, exact: true }).waitFor();
  await page.getByRole('tab', { name: 'Permissions', exact: true }).click();
  await item('Dashboard').waitFor();
  assert.equal(await checked('Dashboard'), 'false');
  assert.equal(await unpublished().count(), 0);
  ui.assertNoErrors();
});
