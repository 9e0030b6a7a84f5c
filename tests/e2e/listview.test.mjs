// The list view over 250 demo sub-accounts (`switchboard demo --count 250
// --seed 7`): totals, paging, sorting, the provider filter, and coming back
// from a detail to the list exactly as it was left.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  chooseOption,
  chosenOption,
  columnHeader,
  columnTexts,
  dataRows,
  eventually,
  rowNames,
  scrollContainerOf,
  sortBy,
  startApp,
  table,
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

const PROVIDER_COLUMN = 2;
const searchBox = () =>
  page
    .getByRole('textbox', { name: 'Search sub-accounts', exact: true })
    .or(page.getByRole('searchbox', { name: 'Search sub-accounts', exact: true }));
const statusFilter = () => page.getByRole('combobox', { name: 'Status', exact: true });
const providerFilter = () => page.getByRole('combobox', { name: 'Provider', exact: true });
const exactText = (text) => page.getByText(text, { exact: true });
const ariaSort = (column) => columnHeader(page, column).getAttribute('aria-sort');

async function expectAriaSort(column, value) {
  await eventually(async () => assert.equal(await ariaSort(column), value));
}

test('sees all 250 demo sub-accounts, the first 100 on the first page', async () => {
  await exactText('250 sub-accounts').waitFor();
  await exactText('1–100 of 250').waitFor();
  assert.equal(await dataRows(page).count(), 100);
});

test('pages forward with Next and back with Previous', async () => {
  const firstPage = await rowNames(page);
  const next = page.getByRole('button', { name: 'Next', exact: true });
  const previous = page.getByRole('button', { name: 'Previous', exact: true });
  assert.ok(await previous.isDisabled(), 'no previous page on the first page');

  await next.click();
  await exactText('101–200 of 250').waitFor();
  await eventually(async () => {
    const second = await rowNames(page);
    assert.equal(second.length, 100);
    assert.equal(second.filter((n) => firstPage.includes(n)).length, 0, 'page 2 shares no row with page 1');
  });

  await next.click();
  await exactText('201–250 of 250').waitFor();
  await eventually(async () => assert.equal((await rowNames(page)).length, 50));
  assert.ok(await next.isDisabled(), 'no next page on the last page');

  await previous.click();
  await exactText('101–200 of 250').waitFor();
  await previous.click();
  await exactText('1–100 of 250').waitFor();
  await eventually(async () => assert.deepEqual(await rowNames(page), firstPage));
});

test('sorts by Last call one way, then the other', async () => {
  const before = await rowNames(page);
  await sortBy(page, 'Last call');
  await expectAriaSort('Last call', 'ascending');
  assert.equal(await ariaSort('Name'), 'none');
  await eventually(async () => assert.notDeepEqual(await rowNames(page), before));
  const ascending = await rowNames(page);

  await sortBy(page, 'Last call');
  await expectAriaSort('Last call', 'descending');
  await eventually(async () => assert.notDeepEqual(await rowNames(page), ascending));
  await exactText('1–100 of 250').waitFor();
});

test('filters to the sub-accounts with no provider', async () => {
  await chooseOption(page, providerFilter(), 'No provider');
  await eventually(async () => {
    const providers = await columnTexts(page, PROVIDER_COLUMN);
    assert.ok(providers.length > 0, 'some demo sub-accounts have no provider');
    assert.deepEqual(
      providers.filter((p) => p !== '—'),
      [],
      'every row shown has "—" as its provider',
    );
  });
  const count = await page.getByText(/^\d+ sub-accounts?$/).textContent();
  assert.notEqual(count, '250 sub-accounts', 'the total counts only the filtered rows');

  await chooseOption(page, providerFilter(), 'All providers');
  await exactText('250 sub-accounts').waitFor();
  await eventually(async () =>
    assert.ok((await columnTexts(page, PROVIDER_COLUMN)).some((p) => p !== '—')),
  );
});

test('Back to List View keeps the search, sort, filter and scroll position', async () => {
  await searchBox().fill('e');
  await chooseOption(page, statusFilter(), 'Active');
  await sortBy(page, 'Last login');
  await expectAriaSort('Last login', 'ascending');
  await sortBy(page, 'Last login');
  await expectAriaSort('Last login', 'descending');
  await eventually(async () => assert.ok((await dataRows(page).count()) >= 50, 'enough rows to scroll'));
  const total = await page.getByText(/^\d+ sub-accounts?$/).textContent();
  const range = await page.getByText(/^\d+–\d+ of \d+$/).textContent();
  const names = await rowNames(page);

  // Scroll the table down with the mouse wheel, as a person would.
  const scroller = await scrollContainerOf(table(page));
  const scrollTop = () => scroller.evaluate((el) => el.scrollTop);
  await dataRows(page).first().hover();
  await page.mouse.wheel(0, 900);
  let last = -1;
  const scrolled = await eventually(async () => {
    const top = await scrollTop();
    const settled = top > 300 && top === last;
    last = top;
    assert.ok(settled, `the table scrolled down and came to rest (scrollTop ${top})`);
    return top;
  });

  // Open a row that is in view, then come back.
  const visibleRow = await dataRows(page).evaluateAll((rows, box) => {
    const i = rows.findIndex((tr) => {
      const r = tr.getBoundingClientRect();
      return r.top >= box.top && r.bottom <= box.bottom;
    });
    return i;
  }, await scroller.evaluate((el) => {
    const r = el === document.scrollingElement ? { top: 0, bottom: innerHeight } : el.getBoundingClientRect();
    return { top: r.top + 40, bottom: r.bottom };
  }));
  assert.ok(visibleRow > 0, 'a row below the first is in view');
  const opened = names[visibleRow];
  await table(page).getByRole('button', { name: opened, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: opened, exact: true }).waitFor();
  await page.getByRole('button', { name: 'Back to List View', exact: true }).click();
  await page.getByRole('heading', { name: 'Sub-accounts', exact: true }).waitFor();

  assert.equal(await searchBox().inputValue(), 'e', 'search text kept');
  assert.equal(await chosenOption(statusFilter()), 'Active', 'status filter kept');
  assert.equal(await chosenOption(providerFilter()), 'All providers', 'provider filter kept');
  await expectAriaSort('Last login', 'descending');
  assert.equal(await ariaSort('Name'), 'none');
  await exactText(total).waitFor();
  await exactText(range).waitFor();
  await eventually(async () => assert.deepEqual(await rowNames(page), names));
  await eventually(async () => {
    const top = await (await scrollContainerOf(table(page))).evaluate((el) => el.scrollTop);
    assert.ok(Math.abs(top - scrolled) <= 4, `scroll position kept: was ${scrolled}, now ${top}`);
  });
});

test('nothing went wrong in the page', () => {
  ui.assertNoErrors();
});
