// The sub-account list at length, over 250 demo sub-accounts (`switchboard
// demo --count 250 --seed 7`): jumping to a page and choosing the page size,
// "never" last whichever way a time column is sorted, the no-match state,
// a new sub-account opening on its next step, a delete that does not leave
// the list filtered by a name that is gone, and identical toasts counted
// on one toast.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  chooseOption,
  columnTexts,
  dialog,
  eventually,
  navItem,
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
  app = await startApp({ demo: { count: 250, seed: 7 } });
  ui = await withPage(app);
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
});

const LAST_LOGIN_COLUMN = 3;
const exactText = (text) => page.getByText(text, { exact: true });
const searchBox = () =>
  page
    .getByRole('textbox', { name: 'Search sub-accounts', exact: true })
    .or(page.getByRole('searchbox', { name: 'Search sub-accounts', exact: true }));
const pageField = () => page.getByRole('spinbutton', { name: 'Page', exact: true });
const pageSize = () => page.getByRole('combobox', { name: 'Rows per page', exact: true });
const statusFilter = () => page.getByRole('combobox', { name: 'Status', exact: true });
const back = () => page.getByRole('button', { name: 'Back to List View', exact: true });

test('jumps to a page typed in the page field with Enter', async () => {
  await exactText('1–100 of 250').waitFor();
  await exactText('of 3').waitFor();
  assert.equal(await pageField().inputValue(), '1');
  await pageField().fill('3');
  await pageField().press('Enter');
  await exactText('201–250 of 250').waitFor();
  assert.equal(await pageField().inputValue(), '3');
  // A page past the last goes to the last; the first is page 1.
  await pageField().fill('9');
  await pageField().press('Enter');
  await exactText('201–250 of 250').waitFor();
  await pageField().fill('1');
  await pageField().press('Enter');
  await exactText('1–100 of 250').waitFor();
});

test('shows 25 rows a page when 25 is chosen, and the page of the first row shown', async () => {
  await pageField().fill('2');
  await pageField().press('Enter');
  await exactText('101–200 of 250').waitFor();
  assert.deepEqual(
    await pageSize().locator('option').allTextContents(),
    ['25', '50', '100', '200'],
    'the sizes Go offers',
  );
  await chooseOption(page, pageSize(), '25');
  await exactText('101–125 of 250').waitFor();
  await exactText('of 10').waitFor();
  assert.equal(await pageField().inputValue(), '5');
  await eventually(async () => assert.equal((await rowNames(page)).length, 25));
  await chooseOption(page, pageSize(), '100');
  await exactText('101–200 of 250').waitFor();
  await pageField().fill('1');
  await pageField().press('Enter');
  await exactText('1–100 of 250').waitFor();
});

/** Asserts that no "never" comes before a time in the column, and returns the column. */
async function neverLast() {
  const cells = await columnTexts(page, LAST_LOGIN_COLUMN);
  const first = cells.indexOf('never');
  if (first >= 0) assert.deepEqual(cells.slice(first).filter((c) => c !== 'never'), [], `"never" last: ${cells.join(' | ')}`);
  return cells;
}

test('"never" comes last in Last login, sorted ascending and descending', async () => {
  for (const direction of ['ascending', 'descending']) {
    await sortBy(page, 'Last login');
    await eventually(async () =>
      assert.equal(await page.getByRole('columnheader', { name: 'Last login' }).getAttribute('aria-sort'), direction),
    );
    await eventually(async () => {
      const cells = await neverLast();
      assert.notEqual(cells[0], 'never', `the first row ${direction} has signed in`);
    });
    await pageField().fill('3');
    await pageField().press('Enter');
    await exactText('201–250 of 250').waitFor();
    await eventually(async () => {
      const cells = await neverLast();
      assert.equal(cells.at(-1), 'never', `the demo has sub-accounts that never signed in, last ${direction}`);
    });
    await pageField().fill('1');
    await pageField().press('Enter');
    await exactText('1–100 of 250').waitFor();
  }
  await sortBy(page, 'Name');
});

test('a search with no result offers to create that name, and Clear filters only with a filter set', async () => {
  await searchBox().fill('Zephyr Quill Labs');
  await exactText('No sub-accounts match').waitFor();
  const createIt = page.getByRole('button', { name: 'Create “Zephyr Quill Labs”', exact: true });
  await createIt.waitFor();
  assert.equal(await page.getByRole('button', { name: 'Clear filters', exact: true }).count(), 0, 'no filter to clear');

  await chooseOption(page, statusFilter(), 'Inactive');
  await page.getByRole('button', { name: 'Clear filters', exact: true }).waitFor();
  await chooseOption(page, statusFilter(), 'All statuses');
  await eventually(async () =>
    assert.equal(await page.getByRole('button', { name: 'Clear filters', exact: true }).count(), 0),
  );

  await createIt.click();
  const d = dialog(page, 'New sub-account');
  assert.equal(await d.getByRole('textbox', { name: 'Name', exact: true }).inputValue(), 'Zephyr Quill Labs');
  await d.getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await toast(page, 'Created “Zephyr Quill Labs”').waitFor();
});

test('a new sub-account opens on its next step: connecting a provider', async () => {
  await page.getByRole('heading', { level: 1, name: 'Zephyr Quill Labs', exact: true }).waitFor();
  const providerTab = page.getByRole('tab', { name: 'Provider Credentials', exact: true });
  await eventually(async () => assert.equal(await providerTab.getAttribute('aria-selected'), 'true'));
  await page.getByRole('tabpanel', { name: 'Provider Credentials' }).waitFor();
});

test('after deleting it, the list is no longer filtered by its name', async () => {
  await page.getByRole('tab', { name: 'General', exact: true }).click();
  await page.getByRole('button', { name: 'Delete sub-account', exact: true }).click();
  const d = dialog(page, 'Delete sub-account?');
  await d.getByRole('textbox').fill('Zephyr Quill Labs');
  await d.getByRole('button', { name: 'Delete sub-account', exact: true }).click();
  await toast(page, 'Deleted “Zephyr Quill Labs”').waitFor();
  await exactText('250 sub-accounts').waitFor();
  assert.equal(await searchBox().inputValue(), '');
  await eventually(async () => assert.equal((await rowNames(page)).length, 100));
  assert.equal(await exactText('No sub-accounts match').count(), 0);
  assert.ok(await back().count() === 0, 'the list is shown');
});

test('a search that still finds others stays after a delete', async () => {
  await searchBox().fill('dental');
  await eventually(async () => {
    const names = await rowNames(page);
    assert.ok(names.length > 1 && names.every((n) => /dental/i.test(n)), 'several dental sub-accounts, and only those');
  });
  const [first, ...others] = await rowNames(page);
  await table(page).getByRole('button', { name: first, exact: true }).click();
  await page.getByRole('button', { name: 'Delete sub-account', exact: true }).click();
  const d = dialog(page, 'Delete sub-account?');
  await d.getByRole('textbox').fill(first);
  await d.getByRole('button', { name: 'Delete sub-account', exact: true }).click();
  await toast(page, `Deleted “${first}”`).waitFor();
  await eventually(async () => assert.deepEqual(await rowNames(page), others));
  assert.equal(await searchBox().inputValue(), 'dental');
  await searchBox().fill('');
});

test('the same toast twice is one toast, counted', async () => {
  await navItem(page, 'Plans').click();
  await page.getByRole('button', { name: 'New plan', exact: true }).click();
  const d = dialog(page, 'New plan');
  await d.getByRole('textbox', { name: 'Name' }).fill('Zephyr Basic');
  await d.getByRole('textbox', { name: 'Price' }).fill('49');
  await d.getByRole('textbox', { name: 'Included minutes' }).fill('1000');
  await d.getByRole('textbox', { name: 'Overage per minute' }).fill('0.035');
  await d.getByRole('button', { name: 'Create plan' }).click();
  await toast(page, 'Created plan “Zephyr Basic”').waitFor();
  for (let i = 0; i < 2; i++) {
    await page.getByRole('button', { name: 'Edit Zephyr Basic', exact: true }).click();
    await dialog(page, 'Edit plan').getByRole('button', { name: 'Save plan' }).click();
    await dialog(page, 'Edit plan').waitFor({ state: 'hidden' });
  }
  await page.getByRole('status').getByText('×2', { exact: true }).waitFor();
  assert.equal(await toast(page, 'Saved plan “Zephyr Basic”').count(), 1, 'one toast, not two');
  await navItem(page, 'Sub-accounts').click();
});

test('nothing went wrong in the page', () => {
  ui.assertNoErrors();
});
