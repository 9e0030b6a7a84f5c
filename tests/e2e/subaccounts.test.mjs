// Creating, finding, sorting sub-accounts, and the name rules Go enforces,
// starting from an empty data directory.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  backFromNewSubAccount,
  columnHeader,
  dataRows,
  dialog,
  eventually,
  isFocused,
  rowNames,
  sortBy,
  startApp,
  table,
  toast,
  withPage,
} from './harness.mjs';

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;

before(async () => {
  app = await startApp();
  ui = await withPage(app);
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
});

const searchBox = () =>
  page
    .getByRole('textbox', { name: 'Search sub-accounts', exact: true })
    .or(page.getByRole('searchbox', { name: 'Search sub-accounts', exact: true }));
const newDialog = () => dialog(page, 'New sub-account');
const nameBox = () => newDialog().getByRole('textbox', { name: 'Name', exact: true });
const countText = (n) => page.getByText(`${n} sub-accounts`, { exact: true });

async function expectRows(expected) {
  await eventually(async () => assert.deepEqual(await rowNames(page), expected));
}

/** Types a name into the open "New sub-account" dialog and presses Create. */
async function submitName(name) {
  await nameBox().fill(name);
  await newDialog().getByRole('button', { name: 'Create sub-account', exact: true }).click();
}

async function createThrough(openDialog, name) {
  await openDialog();
  await newDialog().waitFor();
  await submitName(name);
  await newDialog().waitFor({ state: 'hidden' });
  await toast(page, `Created “${name}”`).waitFor();
  await backFromNewSubAccount(page, name);
}

test('a new admin sees the empty state and creates the first sub-account from it', async () => {
  await page.getByText('No sub-accounts yet', { exact: true }).waitFor();
  const first = page.getByRole('button', { name: 'Create your first sub-account', exact: true });
  await createThrough(() => first.click(), 'Northwind Dental');
  await expectRows(['Northwind Dental']);
  await page.getByText('1 sub-account', { exact: true }).waitFor();
  assert.equal(await page.getByText('No sub-accounts yet', { exact: true }).count(), 0);
});

test('creates a second one with the "n" shortcut and a third with the New sub-account button', async () => {
  await page.keyboard.press('n');
  await newDialog().waitFor();
  assert.ok(await isFocused(nameBox()), 'the Name field has focus when the dialog opens');
  await submitName('Acme Plumbing');
  await newDialog().waitFor({ state: 'hidden' });
  await backFromNewSubAccount(page, 'Acme Plumbing');

  await createThrough(
    () => page.getByRole('button', { name: 'New sub-account', exact: true }).click(),
    'Brightside Realty',
  );
  await countText(3).waitFor();
  assert.equal(await dataRows(page).count(), 3);
});

test('"/" focuses the search box and searching narrows the list', async () => {
  await page.keyboard.press('/');
  await eventually(async () => assert.ok(await isFocused(searchBox()), 'search box is focused'));
  assert.equal(await searchBox().inputValue(), '', 'the "/" is not typed into the box');

  await page.keyboard.type('bright');
  await expectRows(['Brightside Realty']);

  await searchBox().fill('');
  await eventually(async () => assert.equal((await rowNames(page)).length, 3));
  await countText(3).waitFor();
});

test('sorts by Name ascending, then descending', async () => {
  // The list may already be sorted by name; sort by another column first so
  // the first click on Name is a fresh "sort by this column" (ascending).
  await sortBy(page, 'Last call');
  await eventually(async () =>
    assert.equal(await columnHeader(page, 'Name').getAttribute('aria-sort'), 'none'),
  );

  await sortBy(page, 'Name');
  await eventually(async () =>
    assert.equal(await columnHeader(page, 'Name').getAttribute('aria-sort'), 'ascending'),
  );
  assert.equal(await columnHeader(page, 'Last call').getAttribute('aria-sort'), 'none');
  await expectRows(['Acme Plumbing', 'Brightside Realty', 'Northwind Dental']);

  await sortBy(page, 'Name');
  await eventually(async () =>
    assert.equal(await columnHeader(page, 'Name').getAttribute('aria-sort'), 'descending'),
  );
  await expectRows(['Northwind Dental', 'Brightside Realty', 'Acme Plumbing']);
});

test('a duplicate name, differently cased and spaced, is refused in the dialog', async () => {
  await page.getByRole('button', { name: 'New sub-account', exact: true }).click();
  await newDialog().waitFor();
  await submitName(' northwind dental ');
  await newDialog().getByText('A sub-account named “Northwind Dental” already exists.').waitFor();
  assert.ok(await newDialog().isVisible(), 'the dialog stays open');
  assert.equal(await nameBox().inputValue(), ' northwind dental ', 'the typed text is kept');

  await newDialog().getByRole('button', { name: 'Cancel', exact: true }).click();
  await newDialog().waitFor({ state: 'hidden' });
  await countText(3).waitFor();
  assert.equal(await dataRows(page).count(), 3);
});

test('a one-character name is refused with the length rule and nothing is added', async () => {
  await page.getByRole('button', { name: 'New sub-account', exact: true }).click();
  await newDialog().waitFor();
  await submitName('Q');
  await newDialog().getByText('Name must be 2 to 80 characters long.').waitFor();
  assert.equal(await nameBox().inputValue(), 'Q');

  await newDialog().getByRole('button', { name: 'Cancel', exact: true }).click();
  await newDialog().waitFor({ state: 'hidden' });
  await countText(3).waitFor();
  assert.deepEqual(await rowNames(page), ['Northwind Dental', 'Brightside Realty', 'Acme Plumbing']);
});

test('nothing went wrong in the page', () => {
  ui.assertNoErrors();
});
