// Credentials a provider refuses, against the local fakes of the providers'
// APIs (build/bin/fakeproviders): the Twilio fake answers a wrong auth token
// with Twilio's documented 401 ({"code": 20003, "message": "Authenticate"}).
// Nothing is kept unless the admin chooses "Save anyway", the message says
// what the refusal means and where to get the right credentials, and a
// connection its provider never accepted switches provider without the
// change-provider confirmation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { backFromNewSubAccount, chooseOption, chosenOption, dialog, eventually, startApp, table, toast, withPage } from './harness.mjs';

const NAME = 'Wrong Key Dental';
/** A well-formed Twilio auth token that the fake does not know. */
const WRONG_TOKEN = 'ffffffffffffffffffffffffffffffff';
/** What the refusal says, in words from the HTTP status, and where the right credentials are. */
const REFUSED = 'Twilio did not accept these credentials (HTTP 401)';
const WHERE = 'Account Info on the Twilio Console';

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;
let fakes;

before(async () => {
  app = await startApp({ providers: { calls: 5 } });
  fakes = app.providers;
  ui = await withPage(app);
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
});

const panel = (name) => page.getByRole('tabpanel', { name, exact: true });
const credentials = () => panel('Provider Credentials');
const providerChoice = () => credentials().getByRole('combobox', { name: 'Voice provider', exact: true });
const saveCredentials = () => credentials().getByRole('button', { name: 'Save Credentials', exact: true });
const saveAnyway = () => credentials().getByRole('button', { name: 'Save anyway', exact: true });
const token = () => credentials().getByLabel('Auth token', { exact: true });
const statusRegion = () => credentials().getByRole('region', { name: 'Status', exact: true });

/** The text of the <dd> after the <dt> with exactly this text, in scope. */
function fact(scope, term) {
  return scope
    .locator('dt')
    .filter({ hasText: new RegExp(`^\\s*${term}\\s*$`) })
    .locator('xpath=following-sibling::dd[1]');
}

async function expectBadge(text) {
  await eventually(async () =>
    assert.equal((await fact(statusRegion(), 'Connection').locator('span').first().innerText()).trim(), text),
  );
}

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

async function openCredentials(name) {
  await table(page).getByRole('button', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  await page.getByRole('tab', { name: 'Provider Credentials', exact: true }).click();
  await credentials().waitFor();
}

async function fillTwilio(authToken) {
  await chooseOption(page, providerChoice(), 'Twilio');
  await credentials().getByRole('textbox', { name: 'Account SID', exact: true }).fill(fakes.credentials.twilio.accountSid);
  await token().fill(authToken);
}

test('a refused Twilio token: the refusal in words with where to get the right one, "Save anyway", nothing saved', async () => {
  await page.getByRole('button', { name: 'New sub-account', exact: true }).click();
  const dlg = dialog(page, 'New sub-account');
  await dlg.getByRole('textbox', { name: 'Name', exact: true }).fill(NAME);
  await dlg.getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await dlg.waitFor({ state: 'hidden' });
  await backFromNewSubAccount(page, NAME);
  await openCredentials(NAME);

  await fillTwilio(WRONG_TOKEN);
  await saveCredentials().click();
  const alert = credentials().getByRole('alert').filter({ hasText: REFUSED });
  await alert.waitFor();
  const said = await alert.innerText();
  assert.ok(said.includes(WHERE), `where to get the right credentials: ${said}`);
  assert.ok(!said.includes('Authenticate'), `the provider's raw words: ${said}`);
  // The alert belongs to the secret field, which keeps what was typed.
  assert.equal(await token().getAttribute('aria-invalid'), 'true');
  assert.ok((await description(token())).includes(REFUSED), 'the token field is described by the refusal');
  assert.equal(await token().inputValue(), WRONG_TOKEN);
  await saveAnyway().waitFor();
  assert.equal(await toast(page, 'Saved Twilio credentials').count(), 0, 'no success toast');
  await expectBadge('Not connected');
  assert.equal(await chosenOption(providerChoice()), 'Twilio', 'the provider choice is still offered');

  // Nothing was kept: after a reload the sub-account has no provider.
  await page.reload();
  await page.getByRole('heading', { name: 'Sub-accounts', exact: true }).waitFor();
  await openCredentials(NAME);
  await expectBadge('Not connected');
  assert.equal(await chosenOption(providerChoice()), 'Choose a provider…');
  assert.equal(await credentials().getByRole('button', { name: 'Change provider', exact: true }).count(), 0);
});

test('"Save anyway" keeps the refused token as Invalid credentials, the refusal in words', async () => {
  await fillTwilio(WRONG_TOKEN);
  await saveCredentials().click();
  await saveAnyway().click();
  await toast(page, 'Saved Twilio credentials').waitFor();
  await expectBadge('Invalid credentials');
  const connection = fact(statusRegion(), 'Connection');
  await eventually(async () => assert.match(await connection.innerText(), new RegExp(REFUSED.replace(/[()]/g, '\\$&'))));
  assert.ok(!(await connection.innerText()).includes('Authenticate'));
  assert.equal(await saveAnyway().count(), 0, 'the refusal is gone once saved');
  // Saved, after a reload too; never accepted, so the provider can still be chosen.
  await page.reload();
  await page.getByRole('heading', { name: 'Sub-accounts', exact: true }).waitFor();
  await openCredentials(NAME);
  await expectBadge('Invalid credentials');
  assert.equal(await chosenOption(providerChoice()), 'Twilio');
});

test('a connection never accepted switches to Retell AI without the change-provider confirmation', async () => {
  await chooseOption(page, providerChoice(), 'Retell AI');
  await credentials().getByLabel('API key', { exact: true }).fill(fakes.credentials.retell.apiKey);
  await saveCredentials().click();
  await toast(page, 'Saved Retell AI credentials').waitFor();
  await expectBadge('Connected');
  assert.equal(await page.getByRole('dialog').count(), 0, 'no confirmation dialog');
  // Accepted now: another provider needs "Change provider".
  assert.equal(await providerChoice().count(), 0);
  await credentials().getByRole('button', { name: 'Change provider', exact: true }).waitFor();
  // One audited change: Twilio's configuration replaced by Retell AI's.
  await page.getByRole('tab', { name: 'Activity', exact: true }).click();
  await panel('Activity').getByText(/^Replaced Twilio, never accepted by the provider .* with Retell AI credentials: Connected$/).waitFor();
});

test('nothing went wrong in the page', () => {
  ui.assertNoErrors();
});
