// Access Account: permissions hiding Reports and Contacts → Import are
// published, plans are offered with one marked popular; "Access Account"
// opens the customer's view as its Admin, read-only; it shows exactly the
// published menus and the plans in order; "Enable changes" with a reason,
// a user's role changed inside is audited with the admin as the user; back
// in the list, Last login says it was the admin through Access Account; the
// audit log filtered to the session shows its rows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { columnTexts, dialog, eventually, navItem, startApp, table, toast, withPage } from './harness.mjs';

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;

before(async () => {
  app = await startApp();
  ui = await withPage(app, { viewport: { width: 1440, height: 900 } });
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
});

const NAME = 'Harbor Dental';
const ADMIN_EMAIL = 'ann@harbor-dental.example';
const tab = (name) => page.getByRole('tab', { name, exact: true });
const item = (name) => page.getByRole('tree', { name: 'Menus and features' }).getByRole('treeitem', { name, exact: true });
const banner = () => page.getByRole('region', { name: 'Access Account', exact: true });
const customerNav = () => page.getByRole('navigation', { name: 'Customer navigation', exact: true });
/** The customer's navigation entries, in order. */
const navEntries = async () => (await customerNav().getByRole('button').allInnerTexts()).map((t) => t.trim());

async function addUser(name, email, role) {
  await page.getByRole('button', { name: 'Add user', exact: true }).first().click();
  const d = dialog(page, 'Add user');
  await d.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await d.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await d.getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: role });
  await d.getByRole('combobox', { name: 'Time zone', exact: true }).fill('new york');
  await d.getByRole('listbox', { name: 'Time zones' }).getByRole('option', { name: /^America\/New_York / }).click();
  await d.getByRole('button', { name: 'Add user', exact: true }).click();
  await toast(page, `Added “${name}”`).waitFor();
  await d.waitFor({ state: 'hidden' });
}

async function createPlan(name, price) {
  await page.getByRole('button', { name: 'New plan', exact: true }).click();
  const d = dialog(page, 'New plan');
  await d.getByRole('textbox', { name: 'Name' }).fill(name);
  await d.getByRole('textbox', { name: 'Price' }).fill(price);
  await d.getByRole('textbox', { name: 'Included minutes' }).fill('1000');
  await d.getByRole('textbox', { name: 'Overage per minute' }).fill('0.03');
  await d.getByRole('button', { name: 'Create plan' }).click();
  await toast(page, `Created plan “${name}”`).waitFor();
}

async function openDetail() {
  await navItem(page, 'Sub-accounts').click();
  await table(page).getByRole('button', { name: NAME, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: NAME, exact: true }).waitFor();
}

test('sets up a customer: users, published permissions, offered plans', async () => {
  await navItem(page, 'Plans').click();
  await createPlan('Starter', '49');
  await createPlan('Growth', '99');
  await navItem(page, 'Sub-accounts').click();
  await page.getByRole('button', { name: 'New sub-account', exact: true }).first().click();
  await dialog(page, 'New sub-account').getByRole('textbox', { name: 'Name', exact: true }).fill(NAME);
  await dialog(page, 'New sub-account').getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await toast(page, `Created “${NAME}”`).waitFor();
  await openDetail();

  await tab('Users').click();
  await addUser('Ann Admin', ADMIN_EMAIL, 'Admin');
  await addUser('Sam Front Desk', 'sam@harbor-dental.example', 'User');

  await tab('Permissions').click();
  await item('Reports').focus();
  await page.keyboard.press('Space');
  await item('Import').focus();
  await page.keyboard.press('Space');
  await eventually(async () => assert.equal(await item('Contacts').getAttribute('aria-checked'), 'mixed'));
  await page.getByRole('button', { name: 'Save & Publish', exact: true }).click();
  await toast(page, /^Published version/).waitFor();

  await tab('Pricing').click();
  for (const plan of ['Growth', 'Starter']) {
    await page.getByRole('button', { name: `Offer ${plan}`, exact: true }).click();
    await toast(page, `Offered “${plan}”, shown first`).waitFor();
  }
  await page.getByRole('button', { name: 'Popular: Growth', exact: true }).click();
  await page.getByRole('button', { name: 'Popular: Growth', pressed: true }).waitFor();
  ui.assertNoErrors();
});

test('opens the customer view read-only, with exactly what is published', async () => {
  await openDetail();
  await page.getByRole('button', { name: 'Access Account', exact: true }).click();
  const d = dialog(page, 'Access Account');
  await eventually(async () => assert.match(await d.getByRole('combobox', { name: 'Sign in as', exact: true }).inputValue(), /\d+/));
  await d.getByRole('textbox', { name: 'Reason', exact: true }).fill('Customer asked about plans');
  await d.getByRole('button', { name: 'Open account', exact: true }).click();

  await banner().waitFor();
  const text = await banner().innerText();
  assert.ok(text.includes(NAME) && text.includes('Ann Admin') && text.includes('Read-only'), `banner: ${text}`);
  await eventually(async () =>
    assert.deepEqual(await navEntries(), ['Dashboard', 'Agents', 'Contacts', 'Outbound Calling', 'Call Logs', 'Phone Numbers', 'Billing', 'Settings']),
  );
  // Contacts without Import.
  await customerNav().getByRole('button', { name: 'Contacts', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Contacts', exact: true }).waitFor();
  const contacts = await page.getByRole('main').innerText();
  assert.ok(contacts.includes('Export') && !contacts.includes('Import'), `contacts page: ${contacts}`);
  // The plans in their order, the popular one marked.
  await customerNav().getByRole('button', { name: 'Billing', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Billing', exact: true }).waitFor();
  const plans = page.getByRole('list', { name: 'Plans', exact: true });
  await plans.getByRole('listitem', { name: 'Starter', exact: true }).waitFor();
  const order = await plans.getByRole('listitem').evaluateAll((items) => items.map((li) => li.getAttribute('aria-label') ?? li.textContent));
  assert.deepEqual(order.map((t) => t.trim().split(/\s/)[0]), ['Starter', 'Growth']);
  await plans.getByRole('listitem', { name: 'Growth', exact: true }).getByText('Most popular', { exact: true }).waitFor();
  assert.equal(await plans.getByRole('listitem', { name: 'Starter', exact: true }).getByText('Most popular').count(), 0);
  // Read-only: no user can be changed yet.
  await customerNav().getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Settings', exact: true }).waitFor();
  const update = page.getByRole('button', { name: 'Update User: Sam Front Desk', exact: true });
  await update.waitFor();
  assert.ok(await update.isDisabled(), 'read-only: Update User is disabled');
  assert.ok(await page.getByRole('button', { name: 'Add user', exact: true }).isDisabled(), 'read-only: Add user is disabled');
  ui.assertNoErrors();
});

test('enables changes with a reason, changes a role, and the audit names the admin as the user', async () => {
  await banner().getByRole('button', { name: 'Enable changes', exact: true }).click();
  const d = dialog(page, 'Enable changes');
  await d.getByRole('textbox', { name: 'Reason', exact: true }).fill('Promote Sam at the owner’s request');
  await d.getByRole('button', { name: 'Enable changes', exact: true }).click();
  await d.waitFor({ state: 'hidden' });
  await eventually(async () => assert.ok((await banner().innerText()).includes('Changes enabled')));

  await eventually(async () => assert.ok(await page.getByRole('button', { name: 'Update User: Sam Front Desk', exact: true }).isEnabled()));
  await page.getByRole('button', { name: 'Update User: Sam Front Desk', exact: true }).click();
  const edit = dialog(page, 'Edit user');
  await edit.getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: 'Admin' });
  await edit.getByRole('button', { name: 'Update User', exact: true }).click();
  await edit.waitFor({ state: 'hidden' });

  await banner().getByRole('button', { name: 'Back to List View', exact: true }).click();
  await page.getByRole('heading', { name: 'Sub-accounts', exact: true }).waitFor();
  // Last login: the admin, through Access Account.
  await eventually(async () => {
    const names = await columnTexts(page, 0);
    const logins = await columnTexts(page, 3);
    assert.match(logins[names.indexOf(NAME)], /via Access Account$/);
  });

  await navItem(page, 'Audit log').click();
  const row = page.getByRole('row').filter({ hasText: 'sam@harbor-dental.example' }).filter({ hasText: `as customer user ${ADMIN_EMAIL}` });
  await row.first().waitFor();
  // The session links to the rows written during it: opened, changes enabled, the role, closed.
  await row.first().getByRole('button', { name: /^Session \d+$/ }).click();
  const summaries = async () => (await page.getByRole('table').locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  await eventually(async () => {
    const rows = await summaries();
    assert.equal(rows.length, 4, `session rows: ${rows.join(' | ')}`);
    for (const r of rows) assert.ok(r.includes(`as customer user ${ADMIN_EMAIL}`), r);
  });
  ui.assertNoErrors();
});
