// License of a sub-account: two additions with remarks (the first starts the
// license), the figures Go computes, the history sorted by each column both
// ways, and a shorter validity refused under its field.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { backFromNewSubAccount, dialog, eventually, startApp, table, toast, withPage } from './harness.mjs';

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

const NAME = 'Lighthouse Dental';
const historyTable = () => page.getByRole('table', { name: 'License history', exact: true });
const header = (name) => historyTable().getByRole('columnheader', { name });
/** The history's remarks column, top to bottom. */
const remarks = () => historyTable().locator('tbody tr td:nth-child(6)').allInnerTexts();
/** The text of one figure of the License tab (the <dd> after its <dt>). */
const figure = async (term) => (await page.locator('dl[aria-label="License"] div').filter({ has: page.getByText(term, { exact: true }) }).locator('dd').innerText()).replace(/\s+/g, ' ').trim();

/** Opens "Add to license", fills what is given and sends it; returns the dialog. */
async function addToLicense({ date = '', free = '', addOn = '', note = '' }) {
  await page.getByRole('button', { name: 'Add to license', exact: true }).click();
  const d = dialog(page, 'Add to license');
  if (date) await d.getByLabel('New validity date', { exact: true }).fill(date);
  if (free) await d.getByRole('textbox', { name: 'Free minutes per cycle to add', exact: true }).fill(free);
  if (addOn) await d.getByRole('textbox', { name: 'Add-on minutes to add', exact: true }).fill(addOn);
  if (note) await d.getByRole('textbox', { name: 'Internal remarks', exact: true }).fill(note);
  await d.getByRole('button', { name: 'Add to license', exact: true }).click();
  return d;
}

test('adds to the license twice with remarks', async () => {
  await page.getByRole('button', { name: 'New sub-account', exact: true }).first().click();
  await dialog(page, 'New sub-account').getByRole('textbox', { name: 'Name', exact: true }).fill(NAME);
  await dialog(page, 'New sub-account').getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await toast(page, `Created “${NAME}”`).waitFor();
  await backFromNewSubAccount(page, NAME);
  await table(page).getByRole('button', { name: NAME, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: NAME, exact: true }).waitFor();
  await page.getByRole('tab', { name: 'License', exact: true }).click();
  await page.getByText('No license yet', { exact: true }).waitFor();

  let d = await addToLicense({ date: '2030-12-31', free: '500', note: 'Year one contract' });
  await toast(page, 'Added to the license').waitFor();
  await d.waitFor({ state: 'hidden' });
  // No Admin user: the license is in UTC, valid to the end of the day given.
  await page.getByText("Times in the license's time zone, UTC.", { exact: true }).waitFor();
  assert.equal(await figure('Valid until'), 'Dec 31, 2030, 23:59');
  assert.equal(await figure('Free minutes left this cycle'), '500 min of 500 min');
  assert.equal(await figure('Add-on minutes left'), '0 min');
  assert.equal(await figure('Minutes used this cycle'), '0 min');

  d = await addToLicense({ date: '2031-06-30', addOn: '1000', note: 'Add-on bundle' });
  await d.waitFor({ state: 'hidden' });
  await eventually(async () => assert.equal(await figure('Add-on minutes left'), '1,000 min'));
  assert.equal(await figure('Valid until'), 'Jun 30, 2031, 23:59');
  assert.equal(await figure('Free minutes left this cycle'), '500 min of 500 min');

  // Newest first, each row saying what it added and the validity it led to.
  await eventually(async () => assert.deepEqual(await remarks(), ['Add-on bundle', 'Year one contract']));
  assert.equal(await header('Date').getAttribute('aria-sort'), 'descending');
  const first = await historyTable().locator('tbody tr').first().getByRole('cell').allInnerTexts();
  assert.deepEqual(first.slice(1), ['Jun 30, 2031, 23:59', '—', '+1,000', 'Jun 30, 2031, 23:59', 'Add-on bundle', first[6]]);
  assert.ok(first[6].length > 0, 'no actor');
  ui.assertNoErrors();
});

test('sorts the history by each column, both ways', async () => {
  const B = 'Add-on bundle';
  const Y = 'Year one contract';
  // [column, ascending order, descending order]; "Added by" is one person for both rows.
  const cases = [
    ['Date', [Y, B], [B, Y]],
    ['Validity added', [Y, B], [B, Y]],
    ['Free minutes per cycle', [B, Y], [Y, B]],
    ['Add-on minutes', [Y, B], [B, Y]],
    ['Resulting validity', [Y, B], [B, Y]],
    ['Remarks', [B, Y], [Y, B]],
    ['Added by', null, null],
  ];
  for (const [column, asc, desc] of cases) {
    const h = header(column);
    for (const [dir, order] of [
      ['ascending', asc],
      ['descending', desc],
    ]) {
      // Date starts descending: one click makes it ascending like any other column.
      await h.getByRole('button').click();
      await eventually(async () => assert.equal(await h.getAttribute('aria-sort'), dir, `${column} ${dir}`));
      if (order) await eventually(async () => assert.deepEqual(await remarks(), order, `${column} ${dir}`));
      for (const other of cases.map((c) => c[0]).filter((c) => c !== column)) {
        assert.equal(await header(other).getAttribute('aria-sort'), 'none', `${other} while sorted by ${column}`);
      }
    }
  }
  ui.assertNoErrors();
});

test('refuses to shorten the validity, under the field', async () => {
  const d = await addToLicense({ date: '2031-01-31', note: 'Shorter' });
  const date = d.getByLabel('New validity date', { exact: true });
  const message = d.locator('.field-error').filter({ hasText: /^The new validity must be later than the current one/ });
  await message.waitFor();
  assert.equal(await date.getAttribute('aria-invalid'), 'true');
  assert.ok((await date.getAttribute('aria-describedby')).split(' ').includes(await message.getAttribute('id')));
  await d.getByRole('button', { name: 'Cancel', exact: true }).click();
  await d.waitFor({ state: 'hidden' });
  assert.equal(await figure('Valid until'), 'Jun 30, 2031, 23:59');
  assert.equal((await remarks()).includes('Shorter'), false);
  ui.assertNoErrors();
});
