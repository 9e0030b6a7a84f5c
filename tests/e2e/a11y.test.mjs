// Accessibility of every screen and dialog, in the light and the dark theme:
// axe-core finds no serious or critical violation (contrast, names, roles,
// ARIA) on the sub-account list (empty and with data), each detail tab and
// its dialogs, Plans, the audit log, Settings, the Access Account dialog and
// the customer's pages, and toasts. The first Tab of the page reaches "Skip to
// main content", which moves focus into the main content.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seriousA11yViolations, formatViolations } from './a11y.mjs';
import { backFromNewSubAccount, chooseOption, dialog, eventually, navItem, startApp, table, toast, withPage } from './harness.mjs';

const NAME = 'Harbor Dental';
const OTHER = 'Keystone Movers';

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;
/** The violations found by the current test, by screen and theme. */
let found = [];

before(async () => {
  app = await startApp({ providers: true });
  ui = await withPage(app, { viewport: { width: 1280, height: 800 } });
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
});

const tab = (name) => page.getByRole('tab', { name, exact: true });
const panel = (name) => page.getByRole('tabpanel', { name, exact: true });
const back = () => page.getByRole('button', { name: 'Back to List View', exact: true }).first();

/** Runs axe on what is shown now, in the light and the dark theme; notes what it finds. */
async function check(label) {
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const violations = await seriousA11yViolations(page);
    if (violations.length > 0) found.push(`${label} (${colorScheme}):\n${formatViolations(violations)}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Fails the test with everything check() noted, then starts afresh. */
function assertNothingFound() {
  const problems = found;
  found = [];
  assert.equal(problems.length, 0, `serious or critical accessibility violations:\n\n${problems.join('\n\n')}`);
}

/** Opens a dialog with `open`, checks it, and closes it with its Cancel button. */
async function checkDialog(name, open, label = `"${name}" dialog`) {
  await open();
  const d = dialog(page, name);
  await d.waitFor();
  await check(label);
  await d.getByRole('button', { name: 'Cancel', exact: true }).click();
  await d.waitFor({ state: 'hidden' });
}

async function createSubAccount(name) {
  await page.getByRole('button', { name: 'New sub-account', exact: true }).first().click();
  const d = dialog(page, 'New sub-account');
  await d.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await d.getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await toast(page, `Created “${name}”`).waitFor();
  await d.waitFor({ state: 'hidden' });
  await backFromNewSubAccount(page, name);
}

async function showList() {
  await navItem(page, 'Sub-accounts').click();
  await page.getByRole('heading', { name: 'Sub-accounts', exact: true }).waitFor();
}

async function openDetail() {
  await showList();
  await table(page).getByRole('button', { name: NAME, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: NAME, exact: true }).waitFor();
}

async function openTab(name) {
  await tab(name).click();
  await eventually(async () => assert.equal(await tab(name).getAttribute('aria-selected'), 'true'));
  await panel(name).waitFor();
}

test('the first Tab reaches "Skip to main content", and Enter moves focus into the main content', async () => {
  await page.reload();
  await page.getByRole('heading', { name: 'Sub-accounts', exact: true }).waitFor();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content', exact: true });
  await eventually(async () => assert.ok(await skip.evaluate((el) => el === document.activeElement), 'the skip link has focus'));
  const box = await skip.boundingBox();
  assert.ok(box && box.width > 1 && box.height > 1, `the focused skip link is visible: ${JSON.stringify(box)}`);
  await page.keyboard.press('Enter');
  await eventually(async () =>
    assert.ok(
      await page.getByRole('main').evaluate((main) => main.contains(document.activeElement)),
      'focus is inside <main>',
    ),
  );
  // The next Tab goes on from the main content, not back to the sidebar.
  await page.keyboard.press('Tab');
  assert.ok(
    await page.getByRole('main').evaluate((main) => main.contains(document.activeElement)),
    'the Tab after the skip lands inside <main>',
  );
});

test('the empty list, the new sub-account dialog, a toast and the list with data', async () => {
  await page.getByText('No sub-accounts yet').first().waitFor();
  await check('empty sub-account list');
  await page.getByRole('button', { name: 'New sub-account', exact: true }).first().click();
  await dialog(page, 'New sub-account').waitFor();
  await check('"New sub-account" dialog');
  // A refused name shows its error inside the dialog.
  await dialog(page, 'New sub-account').getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await check('"New sub-account" dialog with an error');
  await dialog(page, 'New sub-account').getByRole('button', { name: 'Cancel', exact: true }).click();

  await createSubAccount(OTHER);
  await check('a toast over the list');
  await createSubAccount(NAME);
  await table(page).getByRole('button', { name: NAME, exact: true }).waitFor();
  await check('sub-account list with data');
  const selectionBar = page.getByRole('region', { name: 'Selection', exact: true });
  await page.getByRole('checkbox', { name: `Select ${NAME}`, exact: true }).check();
  await selectionBar.waitFor();
  await check('sub-account list with a selection');
  await selectionBar.getByRole('button', { name: 'Disable', exact: true }).click();
  await dialog(page, 'Disable 1 sub-account?').waitFor();
  await check('bulk "Disable" confirmation');
  await dialog(page, 'Disable 1 sub-account?').getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog(page, 'Disable 1 sub-account?').waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  await selectionBar.waitFor({ state: 'detached' });
  await page.getByRole('searchbox', { name: 'Search sub-accounts' }).or(page.getByRole('textbox', { name: 'Search sub-accounts' })).fill('zzz');
  await eventually(async () => assert.equal(await table(page).getByRole('button', { name: NAME, exact: true }).count(), 0));
  await check('sub-account list with no match');
  await page.getByRole('searchbox', { name: 'Search sub-accounts' }).or(page.getByRole('textbox', { name: 'Search sub-accounts' })).fill('');
  assertNothingFound();
});

test('Plans, its plan dialog and the plan catalog', async () => {
  await navItem(page, 'Plans').click();
  await page.getByRole('heading', { name: 'Plans', exact: true }).waitFor();
  await check('Plans, empty');
  await checkDialog('New plan', () => page.getByRole('button', { name: 'New plan', exact: true }).first().click());
  for (const [name, price] of [
    ['Starter', '49'],
    ['Growth', '99'],
  ]) {
    await page.getByRole('button', { name: 'New plan', exact: true }).first().click();
    const d = dialog(page, 'New plan');
    await d.getByRole('textbox', { name: 'Name' }).fill(name);
    await d.getByRole('textbox', { name: 'Price' }).fill(price);
    await d.getByRole('textbox', { name: 'Included minutes' }).fill('1000');
    await d.getByRole('textbox', { name: 'Overage per minute' }).fill('0.03');
    await d.getByRole('button', { name: 'Create plan' }).click();
    await toast(page, `Created plan “${name}”`).waitFor();
  }
  await check('Plans with two plans');
  await checkDialog('Edit plan', () => page.getByRole('button', { name: 'Edit Starter', exact: true }).click());
  assertNothingFound();
});

test('General: the detail, the disable and delete confirmations', async () => {
  await openDetail();
  await check('detail, General tab');
  await checkDialog('Disable sub-account?', () => page.getByRole('switch', { name: 'Enabled', exact: true }).click());
  await checkDialog('Delete sub-account?', () => page.getByRole('button', { name: 'Delete sub-account', exact: true }).click());
  assertNothingFound();
});

test('Provider Credentials, connected, with its agents, and the change-provider confirmation', async () => {
  await openDetail();
  await openTab('Provider Credentials');
  await check('Provider Credentials, not connected');
  const creds = panel('Provider Credentials');
  await chooseOption(page, creds.getByRole('combobox', { name: 'Voice provider', exact: true }), 'Retell AI');
  await creds.getByLabel('API key', { exact: true }).fill(app.providers.credentials.retell.apiKey);
  await check('Provider Credentials, filled in');
  await creds.getByRole('button', { name: 'Save Credentials', exact: true }).click();
  await toast(page, 'Saved Retell AI credentials').waitFor();
  await creds.getByRole('button', { name: 'Change provider', exact: true }).waitFor();
  await check('Provider Credentials, connected');
  await checkDialog('Change voice provider?', () => creds.getByRole('button', { name: 'Change provider', exact: true }).click());
  assertNothingFound();
});

test('Settings and Calls after a sync', async () => {
  await openDetail();
  await openTab('Settings');
  const settings = panel('Settings');
  const syncNow = settings.getByRole('button', { name: 'Sync now', exact: true });
  await eventually(async () => assert.ok(await syncNow.isEnabled(), 'Sync now is enabled'), { timeout: 60_000 });
  await check('Settings tab');
  await syncNow.click();
  await eventually(async () => assert.ok(await syncNow.isEnabled(), 'the sync is over'), { timeout: 60_000 });
  await check('Settings tab after a sync');
  await openTab('Calls');
  await panel('Calls').getByRole('table', { name: 'Calls', exact: true }).getByRole('cell').first().waitFor({ timeout: 60_000 });
  await check('Calls tab');
  assertNothingFound();
});

test('Users and its dialog, License and "Add to license"', async () => {
  await openDetail();
  await openTab('Users');
  await page.getByText('No users yet', { exact: true }).waitFor();
  await check('Users tab, empty');
  await page.getByRole('button', { name: 'Add user', exact: true }).first().click();
  const d = dialog(page, 'Add user');
  await d.getByRole('textbox', { name: 'Name', exact: true }).fill('Ann Admin');
  await d.getByRole('textbox', { name: 'Email', exact: true }).fill('ann@harbor-dental.example');
  await d.getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: 'Admin' });
  await d.getByRole('combobox', { name: 'Time zone', exact: true }).fill('new york');
  const zones = d.getByRole('listbox', { name: 'Time zones' });
  await zones.getByRole('option').first().waitFor();
  await check('"Add user" dialog with the time zones listed');
  await zones.getByRole('option', { name: /^America\/New_York / }).click();
  await d.getByRole('button', { name: 'Add user', exact: true }).click();
  await toast(page, 'Added “Ann Admin”').waitFor();
  await d.waitFor({ state: 'hidden' });
  await check('Users tab with a user');

  await openTab('License');
  await check('License tab');
  await checkDialog('Add to license', () => page.getByRole('button', { name: 'Add to license', exact: true }).click());
  assertNothingFound();
});

test('Permissions with a draft and its apply dialog, Pricing, Activity', async () => {
  await openDetail();
  await openTab('Permissions');
  const tree = page.getByRole('tree', { name: 'Menus and features' });
  await tree.getByRole('treeitem').first().waitFor();
  await check('Permissions tab');
  await tree.getByRole('treeitem', { name: 'Reports', exact: true }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Save & Publish', exact: true }).waitFor();
  await check('Permissions tab with a draft');
  await page.getByRole('button', { name: 'Save & Publish', exact: true }).click();
  await toast(page, /^Published version/).waitFor();
  await checkDialog('Apply to other sub-accounts', () =>
    page.getByRole('button', { name: 'Apply to other sub-accounts', exact: true }).click(),
  );

  await openTab('Pricing');
  await check('Pricing tab');
  await page.getByRole('button', { name: 'Offer Growth', exact: true }).click();
  await toast(page, 'Offered “Growth”, shown first').waitFor();
  await check('Pricing tab with an offered plan');

  await openTab('Activity');
  await page.getByRole('table').first().waitFor();
  await check('Activity tab');
  assertNothingFound();
});

test('the Access Account dialog and the customer view, page by page', async () => {
  await openDetail();
  await page.getByRole('button', { name: 'Access Account', exact: true }).click();
  const d = dialog(page, 'Access Account');
  await eventually(async () => assert.match(await d.getByRole('combobox', { name: 'Sign in as', exact: true }).inputValue(), /\d+/));
  await check('"Access Account" dialog');
  await d.getByRole('textbox', { name: 'Reason', exact: true }).fill('Customer asked about plans');
  await d.getByRole('button', { name: 'Open account', exact: true }).click();
  const customerNav = page.getByRole('navigation', { name: 'Customer navigation', exact: true });
  await customerNav.getByRole('button').first().waitFor();
  const entries = (await customerNav.getByRole('button').allInnerTexts()).map((t) => t.trim());
  assert.ok(entries.length > 3, `customer navigation: ${entries}`);
  for (const entry of entries) {
    await customerNav.getByRole('button', { name: entry, exact: true }).click();
    await page.getByRole('heading', { level: 2, name: entry, exact: true }).waitFor();
    await check(`customer view, ${entry}`);
  }
  const banner = page.getByRole('region', { name: 'Access Account', exact: true });
  await checkDialog('Enable changes', () => banner.getByRole('button', { name: 'Enable changes', exact: true }).click());
  await banner.getByRole('button', { name: 'Back to List View', exact: true }).click();
  await page.getByRole('heading', { name: 'Sub-accounts', exact: true }).waitFor();
  assertNothingFound();
});

test('the audit log and the agency Settings', async () => {
  await navItem(page, 'Audit log').click();
  await page.getByRole('heading', { name: 'Audit log', exact: true }).waitFor();
  await page.getByRole('table').first().getByRole('cell').first().waitFor();
  await check('Audit log');
  await navItem(page, 'Settings').click();
  await page.getByRole('heading', { level: 1, name: 'Settings', exact: true }).waitFor();
  await check('agency Settings');
  assertNothingFound();
  ui.assertNoErrors();
});
