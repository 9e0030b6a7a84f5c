// The Calls tab's status filter is a choice of normalised statuses, the same
// words for every provider: "Completed" finds Retell AI's "ended" calls and
// Twilio's "completed" ones alike, each with the provider's own word beside it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chooseOption, chosenOption, dialog, eventually, startApp, toast, withPage } from './harness.mjs';

const NAME = 'Harbor Vet Clinic';
const CALLS_PROVIDER_COLUMN = 1;
const CALLS_STATUS_COLUMN = 3;

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;
let fakes;

before(async () => {
  app = await startApp({ providers: true });
  fakes = app.providers;
  ui = await withPage(app);
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
});

const tab = (name) => page.getByRole('tab', { name, exact: true });
const panel = (name) => page.getByRole('tabpanel', { name, exact: true });
const credentials = () => panel('Provider Credentials');
const calls = () => panel('Calls');
const statusFilter = () => calls().getByRole('combobox', { name: 'Status', exact: true });
const callRows = () => calls().getByRole('table', { name: 'Calls', exact: true }).getByRole('row').filter({ has: page.getByRole('cell') });

async function openTab(name) {
  await tab(name).click();
  await eventually(async () => assert.equal(await tab(name).getAttribute('aria-selected'), 'true'));
  await panel(name).waitFor();
}

/** Saves the provider's fake credentials, then syncs its calls now. */
async function connectAndSync(providerName, fields) {
  await openTab('Provider Credentials');
  await chooseOption(page, credentials().getByRole('combobox', { name: 'Voice provider', exact: true }), providerName);
  for (const [label, value] of fields) await credentials().getByLabel(label, { exact: true }).fill(value);
  await credentials().getByRole('button', { name: 'Save Credentials', exact: true }).click();
  await toast(page, `Saved ${providerName} credentials`).waitFor();
  await openTab('Settings');
  await panel('Settings').getByRole('button', { name: 'Sync now', exact: true }).click();
  await toast(page, /^Synced \d+ calls/).first().waitFor({ timeout: 60_000 });
}

/**
 * [provider, status label, the provider's own word] of the rows shown (a Twilio <Dial> leg's
 * status reads "Completed leg": the marker is not part of the status).
 */
function shownRows() {
  return callRows().evaluateAll(
    (rows, [p, s]) =>
      rows.map((r) => [r.cells[p].innerText.trim(), r.cells[s].innerText.trim().replace(/\s*leg$/, ''), r.cells[s].title]),
    [CALLS_PROVIDER_COLUMN, CALLS_STATUS_COLUMN],
  );
}

test('"Completed" finds the calls Retell AI says "ended" and Twilio says "completed"', async () => {
  await page.getByRole('button', { name: 'New sub-account', exact: true }).click();
  const dlg = dialog(page, 'New sub-account');
  await dlg.getByRole('textbox', { name: 'Name', exact: true }).fill(NAME);
  await dlg.getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await dlg.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { level: 1, name: NAME, exact: true }).waitFor(); // a new one opens

  await connectAndSync('Retell AI', [['API key', fakes.credentials.retell.apiKey]]);
  // Past calls stay when the provider changes: the sub-account then has calls of both.
  await openTab('Provider Credentials');
  await credentials().getByRole('button', { name: 'Change provider', exact: true }).click();
  const change = dialog(page, 'Change voice provider?');
  await change.getByRole('button', { name: 'Delete configuration', exact: true }).click();
  await change.waitFor({ state: 'hidden' });
  await connectAndSync('Twilio', [
    ['Account SID', fakes.credentials.twilio.accountSid],
    ['Auth token', fakes.credentials.twilio.authToken],
  ]);

  await openTab('Calls');
  await statusFilter().waitFor();
  const options = (await statusFilter().locator('option').allInnerTexts()).map((o) => o.trim());
  assert.deepEqual(options, ['All statuses', 'Completed', 'No answer', 'Busy', 'Failed', 'Canceled', 'In progress', 'Unknown']);
  assert.equal(await chosenOption(statusFilter()), 'All statuses');

  await chooseOption(page, statusFilter(), 'Completed');
  await eventually(async () => {
    const rows = await shownRows();
    assert.ok(rows.length > 0, 'completed calls are listed');
    assert.deepEqual([...new Set(rows.map((r) => r[1]))], ['Completed'], 'only completed calls');
    const words = new Set(rows.map((r) => `${r[0]}: ${r[2]}`));
    assert.ok(words.has('Retell AI: Completed: Retell AI says “ended”'), `Retell AI's ended calls: ${[...words]}`);
    assert.ok(words.has('Twilio: Completed: Twilio says “completed”'), `Twilio's completed calls: ${[...words]}`);
  });

  // Another status finds only what the provider reported so: Twilio's calls still ringing.
  await chooseOption(page, statusFilter(), 'In progress');
  await eventually(async () => {
    const rows = await shownRows();
    assert.ok(rows.length > 0, 'calls in progress are listed');
    assert.deepEqual([...new Set(rows.map((r) => `${r[0]}: ${r[1]}`))], ['Twilio: In progress']);
  });
});

test('nothing went wrong in the page', () => {
  ui.assertNoErrors();
});
