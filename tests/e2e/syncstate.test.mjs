// Call-log sync as the admin sees it: the agency-wide interval lives on the
// Settings screen of the sidebar (not in one sub-account's tab) and its
// changes are in the Audit log; each connection has one sync state (on, off,
// or paused with its reason and the step that resumes it) that the switch,
// the text and "Sync now" agree on, the same in the Settings and Provider
// Credentials tabs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { backFromNewSubAccount, chooseOption, dialog, eventually, navItem, startApp, table, toast, withPage } from './harness.mjs';

const NAME = 'Harbor Vet Clinic';
/** The keychain service every Switchboard item is stored under (backend/keychain Service). */
const KEYCHAIN_SERVICE = 'Switchboard';

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
  await page.getByRole('button', { name: 'New sub-account', exact: true }).click();
  const dlg = dialog(page, 'New sub-account');
  await dlg.getByRole('textbox', { name: 'Name', exact: true }).fill(NAME);
  await dlg.getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await dlg.waitFor({ state: 'hidden' });
  await backFromNewSubAccount(page, NAME);
});

after(async () => {
  await ui?.close();
  await app?.stop();
});

const tab = (name) => page.getByRole('tab', { name, exact: true });
const panel = (name) => page.getByRole('tabpanel', { name, exact: true });
const settings = () => panel('Settings');
const credentials = () => panel('Provider Credentials');
const autoSync = (scope = settings()) => scope.getByRole('switch', { name: 'Automatic sync', exact: true });
const syncNow = (scope = settings()) => scope.getByRole('button', { name: 'Sync now', exact: true });
const intervalBox = (scope) => scope.getByRole('spinbutton', { name: 'Sync interval (minutes)', exact: true });
const agencySettings = () => page.getByRole('region', { name: 'Settings', exact: true });
const auditLog = () => page.getByRole('table', { name: 'Audit log', exact: true });

/** The text of the elements the control's aria-describedby names: what is said of it. */
function description(control) {
  return control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '')
      .join(' | '),
  );
}

async function openTab(name) {
  await tab(name).click();
  await eventually(async () => assert.equal(await tab(name).getAttribute('aria-selected'), 'true'));
  await panel(name).waitFor();
}

/** Shows the sub-account's detail from wherever the last test left off. */
async function showDetail() {
  const heading = page.getByRole('heading', { level: 1, name: NAME, exact: true });
  if (await heading.isVisible()) return;
  await navItem(page, 'Sub-accounts').click();
  await table(page).getByRole('button', { name: NAME, exact: true }).click();
  await heading.waitFor();
}

/** The switch's state and what it says, once they are as expected. */
async function expectSwitch(scope, checked, said) {
  await eventually(async () => {
    assert.equal(await autoSync(scope).getAttribute('aria-checked'), String(checked));
    assert.match(await description(autoSync(scope)), said);
  });
}

/** Removes the sub-accounts' credentials from the keychain behind the app's back. */
async function removeCredentialsFromKeychain() {
  const run = promisify(execFile);
  const { stdout, stderr } = await run('secret-tool', ['search', '--all', 'service', KEYCHAIN_SERVICE]);
  const users = [...`${stdout}\n${stderr}`.matchAll(/attribute\.username = (sub-account-\d+)/g)].map((m) => m[1]);
  assert.ok(users.length > 0, `the keychain holds the sub-account's credentials: ${stdout}${stderr}`);
  for (const user of new Set(users)) {
    await run('secret-tool', ['clear', 'service', KEYCHAIN_SERVICE, 'username', user]);
  }
}

test('no provider yet: sync is off, its switch and Sync now disabled with the reason', async () => {
  await showDetail();
  await openTab('Settings');
  await expectSwitch(settings(), false, /once a voice provider is connected.*Connect one in Provider Credentials/);
  assert.ok(await autoSync().isDisabled(), 'the switch is disabled');
  assert.ok(await syncNow().isDisabled(), 'Sync now is disabled');
  assert.match(await description(syncNow()), /Connect a voice provider in Provider Credentials first\./);
  await settings().getByRole('button', { name: 'Open Provider Credentials', exact: true }).click();
  await eventually(async () => assert.equal(await tab('Provider Credentials').getAttribute('aria-selected'), 'true'));
});

test('connected: on, polling at the interval; turning it off changes the hint, and the switch is audited', async () => {
  await showDetail();
  await openTab('Provider Credentials');
  await chooseOption(page, credentials().getByRole('combobox', { name: 'Voice provider', exact: true }), 'Retell AI');
  await credentials().getByLabel('API key', { exact: true }).fill(fakes.credentials.retell.apiKey);
  await credentials().getByRole('button', { name: 'Save Credentials', exact: true }).click();
  await toast(page, 'Saved Retell AI credentials').waitFor();

  await openTab('Settings');
  const polls = /Automatic sync is on: polls Retell AI for new calls every 5 minutes\. No webhook URL is needed\./;
  await expectSwitch(settings(), true, polls);
  assert.ok(await syncNow().isEnabled(), 'Sync now is enabled');

  await autoSync().click();
  await expectSwitch(settings(), false, /Automatic sync is off: new calls arrive only with Sync now\./);
  assert.doesNotMatch(await description(autoSync()), /polls|every 5 minutes/);
  assert.ok(await syncNow().isEnabled(), 'Sync now still runs with automatic sync off');
  await autoSync().click();
  await expectSwitch(settings(), true, polls);

  await navItem(page, 'Audit log').click();
  for (const summary of ['Turned automatic sync off for Retell AI', 'Turned automatic sync on for Retell AI']) {
    await auditLog().getByRole('row').filter({ hasText: summary }).first().waitFor();
  }
});

test('the sync interval is an agency setting: changed on the Settings screen, audited, not in the sub-account tab', async () => {
  await showDetail();
  await openTab('Settings');
  await settings().getByText('Sync interval for all sub-accounts: 5 minutes.').waitFor();
  assert.equal(await intervalBox(settings()).count(), 0, 'no interval field in the sub-account tab');
  assert.equal(await settings().getByRole('button', { name: 'Save interval', exact: true }).count(), 0);

  await settings().getByRole('button', { name: 'Change it in agency Settings', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings', exact: true }).waitFor();
  const sync = agencySettings().getByRole('region', { name: 'Call log sync', exact: true });
  const box = intervalBox(sync);
  await eventually(async () => assert.equal(await box.inputValue(), '5'));

  // Refused by Go, naming the field and the rule; nothing changes.
  await box.fill('0');
  await sync.getByRole('button', { name: 'Save interval', exact: true }).click();
  await eventually(async () => assert.equal(await box.getAttribute('aria-invalid'), 'true'));
  assert.match(await description(box), /Sync interval must be a whole number of minutes between 1 and 1440\./);

  await box.fill('15');
  await sync.getByRole('button', { name: 'Save interval', exact: true }).click();
  await toast(page, 'Sync interval set to 15 minutes').waitFor();
  await eventually(async () => assert.equal(await box.getAttribute('aria-invalid'), null));

  await navItem(page, 'Audit log').click();
  const rows = auditLog().getByRole('row').filter({ hasText: /Sync interval: every/ });
  await eventually(async () => assert.deepEqual(
    (await rows.allInnerTexts()).map((t) => t.match(/Sync interval: every [^\n\t]*/)?.[0]),
    ['Sync interval: every 15 minutes, was every 5 minutes'],
    'one entry, for the change that was made',
  ));

  await showDetail();
  await openTab('Settings');
  await expectSwitch(settings(), true, /polls Retell AI for new calls every 15 minutes/);
  await settings().getByText('Sync interval for all sub-accounts: 15 minutes.').waitFor();
});

test('paused: credentials gone from the keychain; the switch, the text and Sync now agree, in both tabs, until saved again', async () => {
  await showDetail();
  await openTab('Settings');
  await removeCredentialsFromKeychain();
  await syncNow().click();
  await eventually(async () => assert.match(await description(autoSync()), /Automatic sync is paused\./), { timeout: 60_000 });

  await expectSwitch(settings(), false, /Automatic sync is paused\. .*missing from the keychain.*Save the credentials again in Provider Credentials\./);
  assert.ok(await autoSync().isDisabled(), 'a paused switch cannot be used');
  assert.ok(await syncNow().isDisabled(), 'Sync now cannot run');
  assert.match(await description(syncNow()), /Sync now is unavailable: .*missing from the keychain/);

  // The Provider Credentials tab says the same, with the same controls.
  await settings().getByRole('button', { name: 'Open Provider Credentials', exact: true }).click();
  await panel('Provider Credentials').waitFor();
  const status = credentials().getByRole('region', { name: 'Status', exact: true });
  await expectSwitch(status, false, /Automatic sync is paused\. .*missing from the keychain/);
  assert.ok(await syncNow(status).isDisabled(), 'Sync now cannot run from the status either');

  // Saving the credentials again resumes it.
  await credentials().getByLabel('API key', { exact: true }).fill(fakes.credentials.retell.apiKey);
  await credentials().getByRole('button', { name: 'Save Credentials', exact: true }).click();
  await toast(page, 'Saved Retell AI credentials').waitFor();
  await expectSwitch(status, true, /Automatic sync is on/);
  await openTab('Settings');
  await expectSwitch(settings(), true, /Automatic sync is on/);
  await eventually(async () => assert.ok(await syncNow().isEnabled(), 'Sync now runs again'));
});

test('paused: an inactive sub-account, until it is enabled again', async () => {
  await showDetail();
  await openTab('General');
  await panel('General').getByRole('switch', { name: 'Enabled', exact: true }).click();
  const confirm = dialog(page, 'Disable sub-account?');
  await confirm.getByRole('button', { name: 'Disable sub-account', exact: true }).click();
  await confirm.waitFor({ state: 'hidden' });

  await openTab('Settings');
  await expectSwitch(settings(), false, /Automatic sync is paused\. .*inactive.*Enable it in General\./);
  assert.ok(await syncNow().isDisabled(), 'Sync now cannot run');
  assert.match(await description(syncNow()), /Sync now is unavailable: .*inactive/);

  await settings().getByRole('button', { name: 'Open General', exact: true }).click();
  await panel('General').getByRole('switch', { name: 'Enabled', exact: true }).click();
  await openTab('Settings');
  await expectSwitch(settings(), true, /Automatic sync is on/);
  assert.ok(await syncNow().isEnabled(), 'Sync now runs again');
});

test('nothing went wrong in the page', () => {
  ui.assertNoErrors();
});
