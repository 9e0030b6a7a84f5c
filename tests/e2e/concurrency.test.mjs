// The Concurrent Call Limit section, against the providers' fakes holding no
// calls: the limit read from Retell AI as the section opens, the inbound
// reserve following what is typed, an empty field refused, no reserve without
// a limit, and a peak chart with a y-axis, dated days and the reason it is empty.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chooseOption, dialog, eventually, startApp, toast, withPage } from './harness.mjs';

/** The concurrency_limit the Retell fake reports (backend/provider/fake/retell.go NewRetell). */
const RETELL_FAKE_LIMIT = 20;
const RETELL_SUB = 'Harbor Vet Clinic';
const VAPI_SUB = 'Orchard Dental';
const NO_CALLS = 'No calls synced yet: the peaks appear after the first sync of the call log.';
/** A day as the app shows it to an en-US admin: "Dec 1, 2026". */
const DAY = '[A-Z][a-z]{2} \\d{1,2}, \\d{4}';

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;

before(async () => {
  app = await startApp({ providers: { calls: 0 } });
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
const limits = () => panel('Settings').getByRole('region', { name: 'Concurrent Call Limit', exact: true });
const limitBox = () => limits().getByRole('spinbutton', { name: 'Concurrent call limit', exact: true });
const outboundBox = () => limits().getByRole('spinbutton', { name: 'Outbound calls', exact: true });
const saveLimits = () => limits().getByRole('button', { name: 'Save limits', exact: true });
const chart = () => limits().getByRole('figure');

/** The text of the elements the field's aria-describedby names: what is said under it. */
function description(field) {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .join(' | '),
  );
}

async function connect(name, provider, fill) {
  await page.getByRole('button', { name: 'New sub-account', exact: true }).click();
  const dlg = dialog(page, 'New sub-account');
  await dlg.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await dlg.getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await dlg.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor(); // a new one opens
  await tab('Provider Credentials').click();
  await chooseOption(page, credentials().getByRole('combobox', { name: 'Voice provider', exact: true }), provider);
  await fill();
  await credentials().getByRole('button', { name: 'Save Credentials', exact: true }).click();
  await toast(page, `Saved ${provider} credentials`).waitFor();
}

async function openSettings() {
  await tab('Settings').click();
  await eventually(async () => assert.equal(await tab('Settings').getAttribute('aria-selected'), 'true'));
  await limits().getByRole('heading', { name: 'Concurrent Call Limit', exact: true }).waitFor();
}

async function backToList() {
  await page.getByRole('button', { name: 'Back to List View', exact: true }).click();
  await page.getByRole('heading', { name: 'Sub-accounts', exact: true }).waitFor();
}

test('reads the limit from Retell AI as the section opens, and the reserve follows what is typed', async () => {
  await connect(RETELL_SUB, 'Retell AI', () =>
    credentials().getByLabel('API key', { exact: true }).fill(app.providers.credentials.retell.apiKey),
  );
  await openSettings();
  // No button pressed: the provider's limit is there, read-only, said to be Retell's.
  await eventually(async () => assert.equal(await limitBox().inputValue(), String(RETELL_FAKE_LIMIT)));
  assert.equal(await limitBox().getAttribute('readonly'), '');
  await limits().getByText('Read from Retell AI', { exact: true }).waitFor();
  await limits().getByRole('button', { name: 'Read limit from Retell AI', exact: true }).waitFor();
  await limits().getByText(`${RETELL_FAKE_LIMIT} reserved for incoming calls`, { exact: true }).waitFor();

  // Typed, not saved: the reserve is the form's.
  await outboundBox().fill('5');
  await limits().getByText('15 reserved for incoming calls', { exact: true }).waitFor();
  await outboundBox().fill('21');
  await limits().getByText('Outbound calls cannot exceed the limit of 20.', { exact: true }).waitFor();
  await outboundBox().fill('7');
  await limits().getByText('13 reserved for incoming calls', { exact: true }).waitFor();
  await saveLimits().click();
  await toast(page, 'Saved the concurrent call limit').waitFor();
  await limits().getByText('13 reserved for incoming calls', { exact: true }).waitFor();
});

test('an empty outbound field is refused by name, and nothing is saved', async () => {
  await outboundBox().fill('');
  await saveLimits().click();
  const refusal = 'Outbound calls cannot be empty: enter a whole number, 0 or more (0 keeps every call for inbound).';
  await limits().getByText(refusal, { exact: true }).waitFor();
  assert.equal(await outboundBox().getAttribute('aria-invalid'), 'true');
  assert.match(await description(outboundBox()), /Outbound calls cannot be empty/);
  // Nothing changed: the saved share is still 7 when the tab opens again.
  await tab('General').click();
  await openSettings();
  await eventually(async () => assert.equal(await outboundBox().inputValue(), '7'));
});

test('the peak chart has a y-axis, dated days and says why it is empty', async () => {
  const figure = chart();
  await figure.waitFor();
  const img = figure.getByRole('img', { name: new RegExp(`^Peak concurrent calls per day, ${DAY} to ${DAY}: `) });
  await img.waitFor();
  assert.match(await img.getAttribute('aria-label'), new RegExp(`${NO_CALLS.replaceAll('.', '\\.')}$`));
  await figure.getByText(NO_CALLS, { exact: true }).waitFor();
  // Labelled ticks from 0 to the top of the scale (the limit of 20).
  for (const tick of ['0', '20']) await figure.getByText(tick, { exact: true }).waitFor();
  const days = await figure.getByText(new RegExp(`^${DAY}$`)).allInnerTexts();
  assert.equal(days.length, 2, `the first and the last day: ${days}`);
});

test('without a limit nothing is said to be reserved, only that no limit is set', async () => {
  await backToList();
  await connect(VAPI_SUB, 'Vapi', () => credentials().getByLabel('API key', { exact: true }).fill(app.providers.credentials.vapi.apiKey));
  await openSettings();
  await limits().getByText('No limit set: enter the limit to reserve the rest of it for incoming calls.', { exact: true }).waitFor();
  assert.equal(await limits().getByText(/\b0 reserved/).count(), 0);
  assert.equal(await limits().getByRole('button', { name: /^Read limit from/ }).count(), 0);
  assert.equal(await limitBox().inputValue(), '');
  await limitBox().fill('4');
  await limits().getByText('4 reserved for incoming calls', { exact: true }).waitFor();
});

test('nothing went wrong in the page', () => {
  ui.assertNoErrors();
});
