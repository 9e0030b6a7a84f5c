// One sub-account's detail: its name cannot change, it can be disabled and
// enabled again, its activity is listed, and it can be deleted only by typing
// its exact name.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  backFromNewSubAccount,
  chooseOption,
  chosenOption,
  dialog,
  eventually,
  navItem,
  rowNames,
  startApp,
  table,
  toast,
  withPage,
} from './harness.mjs';

const NAME = 'Harbor Vet Clinic';
const OTHERS = ['Keystone Movers', 'Lakeside Yoga'];

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;

before(async () => {
  app = await startApp();
  ui = await withPage(app);
  page = ui.page;
  for (const name of [NAME, ...OTHERS]) {
    await page.getByRole('button', { name: 'New sub-account', exact: true }).click();
    const dlg = dialog(page, 'New sub-account');
    await dlg.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await dlg.getByRole('button', { name: 'Create sub-account', exact: true }).click();
    await dlg.waitFor({ state: 'hidden' });
    await backFromNewSubAccount(page, name);
  }
});

after(async () => {
  await ui?.close();
  await app?.stop();
});

const listHeading = () => page.getByRole('heading', { name: 'Sub-accounts', exact: true });
const detailHeading = () => page.getByRole('heading', { level: 1, name: NAME, exact: true });
const back = () => page.getByRole('button', { name: 'Back to List View', exact: true });
const enabledSwitch = () => page.getByRole('switch', { name: 'Enabled', exact: true });
const banner = () => page.getByText('This sub-account is disabled. Its users cannot sign in.');
const searchBox = () =>
  page
    .getByRole('textbox', { name: 'Search sub-accounts', exact: true })
    .or(page.getByRole('searchbox', { name: 'Search sub-accounts', exact: true }));
const statusFilter = () => page.getByRole('combobox', { name: 'Status', exact: true });

async function openDetail() {
  await table(page).getByRole('button', { name: NAME, exact: true }).click();
  await detailHeading().waitFor();
}

async function expectSwitch(checked) {
  await eventually(async () =>
    assert.equal(await enabledSwitch().getAttribute('aria-checked'), String(checked)),
  );
}

test('opens a sub-account from the list', async () => {
  await openDetail();
  await back().waitFor();
  await page.getByRole('tab', { name: 'General', exact: true }).waitFor();
  await page.getByRole('tab', { name: 'Activity', exact: true }).waitFor();
  assert.equal(
    await page.getByRole('tab', { name: 'General', exact: true }).getAttribute('aria-selected'),
    'true',
  );
});

test('fails to rename it: the name is read-only in the UI and Go has no rename method', async () => {
  const name = page.getByRole('textbox', { name: 'Name', exact: true });
  await name.waitFor();
  assert.notEqual(await name.getAttribute('readonly'), null, 'the Name field has the readonly attribute');
  assert.equal(await name.inputValue(), NAME);
  await name.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Renamed');
  await page.keyboard.press('Home');
  await page.keyboard.press('Delete');
  assert.equal(await name.inputValue(), NAME, 'typing does not change the name');
  await page.getByText('Sub-account names cannot be edited').waitFor();

  const methods = await page.evaluate(() => Object.keys(window.go.backend.SubAccountService));
  assert.ok(methods.includes('Create') && methods.includes('Delete'), `bound methods: ${methods}`);
  const renames = methods.filter((m) => /rename|update/i.test(m));
  assert.deepEqual(renames, [], `SubAccountService must have no rename/update method; it has ${methods}`);
});

test('disables it after confirming, and sees the disabled banner', async () => {
  await expectSwitch(true);
  assert.equal(await banner().count(), 0);
  await enabledSwitch().click();
  const confirm = dialog(page, 'Disable sub-account?');
  await confirm.waitFor();
  await confirm.getByRole('button', { name: 'Disable sub-account', exact: true }).click();
  await confirm.waitFor({ state: 'hidden' });
  await expectSwitch(false);
  await banner().waitFor();
});

test('finds it under Inactive and not under Active', async () => {
  await back().click();
  await listHeading().waitFor();

  await chooseOption(page, statusFilter(), 'Inactive');
  await eventually(async () => assert.deepEqual(await rowNames(page), [NAME]));

  await chooseOption(page, statusFilter(), 'Active');
  await eventually(async () => assert.deepEqual((await rowNames(page)).sort(), [...OTHERS].sort()));

  // Looking for it by name among the active ones finds nothing.
  await searchBox().fill('Harbor');
  await page.getByText('No sub-accounts match', { exact: true }).waitFor();
  assert.equal(await table(page).getByRole('button', { name: NAME, exact: true }).count(), 0);

  await page.getByRole('button', { name: 'Clear filters', exact: true }).click();
  assert.equal(await searchBox().inputValue(), '');
  assert.equal(await chosenOption(statusFilter()), 'All statuses');
  await eventually(async () => assert.deepEqual((await rowNames(page)).sort(), [NAME, ...OTHERS].sort()));
  await page.getByText('3 sub-accounts', { exact: true }).waitFor();
});

test('opens it again and re-enables it', async () => {
  await openDetail();
  await expectSwitch(false);
  await banner().waitFor();
  await enabledSwitch().click();
  await expectSwitch(true);
  await banner().waitFor({ state: 'hidden' });
});

test('the Activity tab lists its creation, disabling and enabling', async () => {
  await page.getByRole('tab', { name: 'Activity', exact: true }).click();
  const panel = page.getByRole('tabpanel', { name: 'Activity', exact: true });
  await panel.getByText(`Created sub-account “${NAME}”`).waitFor();
  await panel.getByText('Disabled: users can no longer sign in').waitFor();
  await panel.getByText('Enabled: users can sign in').waitFor();
});

test('deletes it only after typing its exact name, and the others remain', async () => {
  await page.getByRole('tab', { name: 'General', exact: true }).click();
  await page.getByRole('button', { name: 'Delete sub-account', exact: true }).click();
  const confirm = dialog(page, 'Delete sub-account?');
  await confirm.waitFor();
  const typed = confirm.getByRole('textbox', { name: /Type.*to confirm/ });
  const deleteButton = confirm.getByRole('button', { name: 'Delete sub-account', exact: true });

  assert.ok(await deleteButton.isDisabled(), 'disabled before anything is typed');
  await typed.fill('Harbor Vet');
  assert.ok(await deleteButton.isDisabled(), 'disabled for part of the name');
  await typed.fill(NAME.toLowerCase());
  assert.ok(await deleteButton.isDisabled(), 'disabled for the name in other case');
  await typed.fill(NAME);
  await eventually(async () => assert.ok(await deleteButton.isEnabled(), 'enabled for the exact name'));
  await deleteButton.click();

  await listHeading().waitFor();
  await toast(page, `Deleted “${NAME}”`).waitFor();
  await eventually(async () => assert.deepEqual((await rowNames(page)).sort(), [...OTHERS].sort()));
  await page.getByText('2 sub-accounts', { exact: true }).waitFor();
});

test('the Audit log still shows the deletion', async () => {
  await navItem(page, 'Audit log').click();
  await page.getByText(`Deleted sub-account “${NAME}”`).first().waitFor();
});

test('nothing went wrong in the page', () => {
  ui.assertNoErrors();
});
