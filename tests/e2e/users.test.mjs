// Users of a sub-account: an Admin and a User added with time zones found by
// typing "America" in the zone picker; a duplicate email refused under its
// field; the email read-only when editing; a role change saved with
// "Update User"; the table sorted by a column.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dialog, eventually, startApp, table, toast, withPage } from './harness.mjs';

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;

before(async () => {
  app = await startApp();
  ui = await withPage(app, { viewport: { width: 1280, height: 900 } });
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
});

const NAME = 'Harbor Clinic';
const usersTable = () => page.getByRole('table', { name: 'Users', exact: true });
const userRow = (name) => usersTable().getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
const cells = (row) => row.getByRole('cell').allInnerTexts();

/** Fills the user dialog; the zone is found by typing `typed` and picking the option starting with `zone`. */
async function fillUser(d, { name, email, role, typed, zone }) {
  await d.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await d.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await d.getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: role });
  const picker = d.getByRole('combobox', { name: 'Time zone', exact: true });
  await picker.fill(typed);
  const listbox = d.getByRole('listbox', { name: 'Time zones' });
  await listbox.waitFor();
  // "America" narrows the list to America/… zones, each with its UTC offset and local time.
  await eventually(async () => {
    const zones = await listbox.getByRole('option').allInnerTexts();
    assert.ok(zones.length > 0, 'no zones listed');
    for (const z of zones) assert.match(z, /^America\/\S+\s+UTC[+−]\d\d:\d\d\s+\d\d:\d\d$/);
  });
  await listbox.getByRole('option', { name: new RegExp(`^${zone.replace('/', '\\/')} `) }).click();
  assert.equal(await picker.inputValue(), zone);
  assert.equal(await picker.getAttribute('aria-expanded'), 'false');
}

test('adds an Admin and a User with zones found by typing "America"', async () => {
  await page.getByRole('button', { name: 'New sub-account', exact: true }).first().click();
  await dialog(page, 'New sub-account').getByRole('textbox', { name: 'Name', exact: true }).fill(NAME);
  await dialog(page, 'New sub-account').getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await toast(page, `Created “${NAME}”`).waitFor();
  await page.getByRole('heading', { level: 1, name: NAME, exact: true }).waitFor(); // a new one opens
  await page.getByRole('tab', { name: 'Users', exact: true }).click();
  await page.getByText('No users yet', { exact: true }).waitFor();

  await page.getByRole('button', { name: 'Add user', exact: true }).click();
  let d = dialog(page, 'Add user');
  await fillUser(d, { name: 'Olivia Owner', email: ' Olivia@Harbor.EXAMPLE ', role: 'Admin', typed: 'America', zone: 'America/Chicago' });
  await d.getByRole('button', { name: 'Add user', exact: true }).click();
  await toast(page, 'Added “Olivia Owner”').waitFor();
  await d.waitFor({ state: 'hidden' });

  await page.getByRole('button', { name: 'Add user', exact: true }).click();
  d = dialog(page, 'Add user');
  await fillUser(d, { name: 'Sam Staff', email: 'sam@harbor.example', role: 'User', typed: 'America', zone: 'America/Bogota' });
  await d.getByRole('button', { name: 'Add user', exact: true }).click();
  await toast(page, 'Added “Sam Staff”').waitFor();
  await d.waitFor({ state: 'hidden' });

  // Go trimmed the email and lower-cased its domain; the local time is in the user's own zone.
  const olivia = await cells(userRow('Olivia Owner'));
  assert.equal(olivia[1], 'Olivia@harbor.example');
  assert.equal(olivia[2], 'Admin');
  assert.match(olivia[3], /^America\/Chicago\s+UTC−0[56]:00$/);
  assert.match(olivia[4], /^\w{3} \d\d:\d\d$/);
  const sam = await cells(userRow('Sam Staff'));
  assert.equal(sam[2], 'User');
  assert.match(sam[3], /^America\/Bogota\s+UTC−05:00$/);
  ui.assertNoErrors();
});

test('refuses a duplicate email under the field', async () => {
  await page.getByRole('button', { name: 'Add user', exact: true }).click();
  const d = dialog(page, 'Add user');
  await fillUser(d, { name: 'Olivia Again', email: 'OLIVIA@harbor.example', role: 'User', typed: 'America', zone: 'America/Denver' });
  await d.getByRole('button', { name: 'Add user', exact: true }).click();
  const message = d.getByText('Another user of this sub-account has this email.', { exact: true });
  await message.waitFor();
  const email = d.getByRole('textbox', { name: 'Email', exact: true });
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  assert.ok((await email.getAttribute('aria-describedby')).split(' ').includes(await message.getAttribute('id')));
  await d.getByRole('button', { name: 'Cancel', exact: true }).click();
  await d.waitFor({ state: 'hidden' });
  assert.equal(await userRow('Olivia Again').count(), 0);
  ui.assertNoErrors();
});

test('shows the email read-only when editing and saves a role change with "Update User"', async () => {
  await userRow('Sam Staff').getByRole('button', { name: 'Edit Sam Staff', exact: true }).click();
  const d = dialog(page, 'Edit user');
  const email = d.getByRole('textbox', { name: 'Email', exact: true });
  assert.equal(await email.inputValue(), 'sam@harbor.example');
  assert.equal(await email.isEditable(), false);
  await d
    .getByText('An email cannot be changed once the user exists. Use “Replace email” to move the user to a new address.', { exact: true })
    .waitFor();
  await d.getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: 'Admin' });
  await d.getByRole('button', { name: 'Update User', exact: true }).click();
  await toast(page, 'Updated “Sam Staff”').waitFor();
  await d.waitFor({ state: 'hidden' });
  await eventually(async () => assert.equal((await cells(userRow('Sam Staff')))[2], 'Admin'));

  // The table sorts by any column header, both ways.
  const header = usersTable().getByRole('columnheader', { name: 'Email' });
  await header.getByRole('button').click();
  await eventually(async () => assert.equal(await header.getAttribute('aria-sort'), 'ascending'));
  await header.getByRole('button').click();
  await eventually(async () => assert.equal(await header.getAttribute('aria-sort'), 'descending'));
  await eventually(async () => {
    const emails = await usersTable().locator('tbody tr td:nth-child(2)').allInnerTexts();
    assert.deepEqual(emails, ['sam@harbor.example', 'Olivia@harbor.example']);
  });
  ui.assertNoErrors();
});
