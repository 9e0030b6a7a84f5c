// Plans and pricing: a catalog made on the Plans page, offered to a
// sub-account in the order B, C, A and shown A, C, B; moved by keyboard and
// by drag and drop; a popular mark; the customer's preview; a price edit that
// leaves the sub-account on its old terms; hiding pricing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dialog, eventually, navItem, startApp, toast, withPage } from './harness.mjs';

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;

before(async () => {
  app = await startApp();
  ui = await withPage(app, { viewport: { width: 1280, height: 860 } });
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
});

const NAME = 'Acme Dental';
const offeredList = () => page.getByRole('list', { name: 'Offered plans' });
const offered = () => offeredList().getByRole('listitem').locator('.name').allTextContents();
const previewCards = () =>
  page.getByRole('list', { name: 'Plans as the customer sees them' }).getByRole('heading', { level: 4 }).allTextContents();
const showPricing = () => page.getByRole('checkbox', { name: "Show pricing in the customer's application", exact: true });

async function createPlan({ name, price, minutes = '1000', overage = '0.035', bullets = '' }) {
  await page.getByRole('button', { name: 'New plan', exact: true }).click();
  const d = dialog(page, 'New plan');
  await d.getByRole('textbox', { name: 'Name' }).fill(name);
  await d.getByRole('textbox', { name: 'Price' }).fill(price);
  await d.getByRole('textbox', { name: 'Included minutes' }).fill(minutes);
  await d.getByRole('textbox', { name: 'Overage per minute' }).fill(overage);
  await d.getByRole('textbox', { name: 'Features' }).fill(bullets);
  await d.getByRole('button', { name: 'Create plan' }).click();
  await toast(page, `Created plan “${name}”`).waitFor();
}

async function openPricing() {
  await navItem(page, 'Sub-accounts').click();
  await page.getByRole('button', { name: NAME, exact: true }).click();
  await page.getByRole('tab', { name: 'Pricing', exact: true }).click();
  await showPricing().waitFor();
}

test('a catalog of three plans, and a price Go refuses', async () => {
  await page.getByRole('button', { name: 'New sub-account', exact: true }).first().click();
  await dialog(page, 'New sub-account').getByRole('textbox', { name: 'Name' }).fill(NAME);
  await dialog(page, 'New sub-account').getByRole('button', { name: 'Create sub-account' }).click();
  await toast(page, `Created “${NAME}”`).waitFor();

  await navItem(page, 'Plans').click();
  await page.getByRole('heading', { name: 'Plans', exact: true }).waitFor();
  await page.getByText('No plans yet').waitFor();
  await page.getByRole('button', { name: 'New plan', exact: true }).click();
  const d = dialog(page, 'New plan');
  await d.getByRole('textbox', { name: 'Name' }).fill('Bad');
  await d.getByRole('textbox', { name: 'Price' }).fill('49.999');
  await d.getByRole('button', { name: 'Create plan' }).click();
  await d.getByText(/at most 2 decimals/).waitFor();
  await d.getByRole('button', { name: 'Cancel' }).click();
  await d.waitFor({ state: 'hidden' });

  await createPlan({ name: 'Alpha', price: '49', bullets: 'Email support\nMonthly report' });
  await createPlan({ name: 'Bravo', price: '99.50', minutes: '5000', overage: '0.02' });
  await createPlan({ name: 'Charlie', price: '199', minutes: '12000', overage: '0.015' });
  const table = page.getByRole('table', { name: 'Plans' });
  await table.getByText('$99.50').first().waitFor();
  ui.assertNoErrors();
});

test('offered B, C, A: shown A, C, B; moved, popular, previewed, hidden', async () => {
  await openPricing();
  for (const name of ['Bravo', 'Charlie', 'Alpha']) {
    await page.getByRole('button', { name: `Offer ${name}`, exact: true }).click();
    await toast(page, `Offered “${name}”, shown first`).waitFor();
  }
  await eventually(async () => assert.deepEqual(await offered(), ['Alpha', 'Charlie', 'Bravo']));
  await eventually(async () => assert.deepEqual(await previewCards(), ['Alpha', 'Charlie', 'Bravo']));

  // By keyboard: Bravo up, and focus stays on its button.
  await page.getByRole('button', { name: 'Move Bravo up', exact: true }).focus();
  await page.keyboard.press('Enter');
  await eventually(async () => assert.deepEqual(await offered(), ['Alpha', 'Bravo', 'Charlie']));
  await eventually(async () =>
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Move Bravo up'),
  );
  // By drag and drop: Charlie onto Alpha.
  const item = (n) => offeredList().getByRole('listitem').filter({ has: page.getByText(n, { exact: true }) });
  await item('Charlie').dragTo(item('Alpha'));
  await eventually(async () => assert.deepEqual(await offered(), ['Charlie', 'Alpha', 'Bravo']));

  await page.getByRole('button', { name: 'Popular: Bravo', exact: true }).click();
  await page.getByRole('button', { name: 'Popular: Bravo', pressed: true }).waitFor();
  await eventually(async () => assert.deepEqual(await previewCards(), ['Charlie', 'Alpha', 'Bravo']));
  const preview = page.getByRole('list', { name: 'Plans as the customer sees them' });
  await preview.getByText('Popular', { exact: true }).waitFor();

  await showPricing().uncheck();
  await page.getByText("Pricing is hidden in the customer's application.").waitFor();
  assert.equal(await page.getByRole('list', { name: 'Plans as the customer sees them' }).count(), 0);
  await showPricing().check();
  await eventually(async () => assert.deepEqual(await previewCards(), ['Charlie', 'Alpha', 'Bravo']));
  ui.assertNoErrors();
});

test('a price edit leaves the offer on its old terms until moved', async () => {
  await navItem(page, 'Plans').click();
  await page.getByRole('button', { name: 'Edit Alpha', exact: true }).click();
  const d = dialog(page, 'Edit plan');
  await d.getByText('Offered by Acme Dental.').waitFor();
  await d.getByRole('textbox', { name: 'Price' }).fill('59');
  await d.getByRole('button', { name: 'Save plan' }).click();
  const move = dialog(page, 'Old terms of “Alpha”');
  await move.getByRole('button', { name: 'Keep the old terms' }).click();
  await openPricing();
  await page.getByText('Old terms', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Use the new terms for Alpha', exact: true }).click();
  await page.getByText('Old terms', { exact: true }).waitFor({ state: 'hidden' });
  await page.getByRole('list', { name: 'Plans as the customer sees them' }).getByText('$59.00').waitFor();
  ui.assertNoErrors();
});
