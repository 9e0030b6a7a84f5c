// A sub-account's voice provider, against local fakes of the providers' APIs
// (build/bin/fakeproviders, each fake holding SYNC_CALLS calls of the last 5
// days): saving credentials into the OS keychain, syncing the call log (and
// following a sync of many pages), reading the calls, the concurrent call
// limit, changing the provider, and credentials the provider refuses.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  backFromNewSubAccount,
  chooseOption,
  chosenOption,
  columnTexts,
  dialog,
  eventually,
  startApp,
  table,
  toast,
  withPage,
} from './harness.mjs';

const NAME = 'Harbor Vet Clinic';
const SECOND = 'Orchard Dental';
/** The sub-account whose sync of many pages is followed. */
const LONG = 'Lakeside Pharmacy';
/**
 * Calls each fake holds (the harness's FAKE_CALLS is 120). Telnyx serves 100
 * calls a page (backend/provider/telnyx texmlPageSize): its sync of 1,200 calls
 * reads 12 pages, long enough to see the progress bar (a sync of 120 calls is
 * one page of most providers, over in a blink). The fakes space calls 1 to 10
 * minutes apart from 5 days ago (tests/fakeproviders), so 1,200 calls (4.6
 * days on average) all lie in the past, where a first sync reads them all.
 */
const SYNC_CALLS = 1_200;
/** The calls of one page of Telnyx's TeXML call list (backend/provider/telnyx texmlPageSize). */
const TELNYX_PAGE = 100;
/**
 * After the TeXML calls, a Telnyx sync reads the call-control and SIP-trunking detail records:
 * one page each (the end-to-end fake has none), counted after the TeXML pages.
 */
const TELNYX_RECORD_SOURCES = 2;
/** What Switchboard says of the Twilio fake's 401 for a wrong auth token (from the status, not its body's "Authenticate"). */
const TWILIO_REFUSAL = 'Twilio did not accept these credentials \\(HTTP 401\\)';
/** The concurrency_limit the Retell fake reports (backend/provider/fake/retell.go NewRetell). */
const RETELL_FAKE_LIMIT = 20;
const LIST_PROVIDER_COLUMN = 2;
const LIST_LAST_CALL_COLUMN = 4;
const CALLS_PROVIDER_COLUMN = 1;
const CALLS_DIRECTION_COLUMN = 2;

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;
/** {urls, credentials, calls} of the fakes. */
let fakes;

before(async () => {
  app = await startApp({ providers: { calls: SYNC_CALLS } });
  fakes = app.providers;
  assert.equal(fakes.calls, SYNC_CALLS);
  ui = await withPage(app);
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
});

// ---- Finding things ----------------------------------------------------------

const count = (n) => n.toLocaleString('en-US');
const tab = (name) => page.getByRole('tab', { name, exact: true });
const panel = (name) => page.getByRole('tabpanel', { name, exact: true });
const back = () => page.getByRole('button', { name: 'Back to List View', exact: true });
const listHeading = () => page.getByRole('heading', { name: 'Sub-accounts', exact: true });
const credentials = () => panel('Provider Credentials');
const providerChoice = () => credentials().getByRole('combobox', { name: 'Voice provider', exact: true });
const saveCredentials = () => credentials().getByRole('button', { name: 'Save Credentials', exact: true });
const statusRegion = () => credentials().getByRole('region', { name: 'Status', exact: true });
const settings = () => panel('Settings');
const autoSync = () => settings().getByRole('switch', { name: 'Automatic sync', exact: true });
const syncNowButton = () => settings().getByRole('button', { name: 'Sync now', exact: true });
const syncProgress = () => settings().getByRole('progressbar', { name: 'Sync progress', exact: true });
const lastSyncTime = () => fact(settings(), 'Last Sync Time');
const limits = () => settings().getByRole('region', { name: 'Concurrent Call Limit', exact: true });
const limitBox = () => limits().getByRole('spinbutton', { name: 'Concurrent call limit', exact: true });
const outboundBox = () => limits().getByRole('spinbutton', { name: 'Outbound calls', exact: true });
const callsTable = () => panel('Calls').getByRole('table', { name: 'Calls', exact: true });
const callRows = () => callsTable().getByRole('row').filter({ has: page.getByRole('cell') });
const totals = () => panel('Calls').getByText(/^[\d,]+ calls? · /);

/** The text of the <dd> after the <dt> with exactly this text, in scope. */
function fact(scope, term) {
  return scope
    .locator('dt')
    .filter({ hasText: new RegExp(`^\\s*${term}\\s*$`) })
    .locator('xpath=following-sibling::dd[1]');
}

/** The connection badge's text (the first span of the Connection fact). */
async function badgeText() {
  return (await fact(statusRegion(), 'Connection').locator('span').first().innerText()).trim();
}

async function expectBadge(text) {
  await eventually(async () => assert.equal(await badgeText(), text));
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

/** The error toasts shown now (they carry the alert icon, class "error"). */
function errorToasts() {
  return page.getByRole('status').locator('.toast.error');
}

/**
 * Watches that no error toast appears for `ms`: an absence can only be seen
 * over a while, so this polls it for that long (it is the test's observation
 * window, not a wait for something to happen).
 */
async function noErrorToastFor(ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const n = await errorToasts().count();
    if (n > 0) assert.fail(`error toast: ${await errorToasts().allInnerTexts()}`);
    await page.waitForTimeout(50);
  }
}

/**
 * Turns automatic sync off and checks that no sync has run yet: the next
 * sync, started with Sync now, is then the sub-account's first and reads every
 * call the fake holds (a later one reads only the last day again). A sync the
 * scheduler began before the switch went off is waited for, and then fails
 * the check: its count could not be known.
 */
async function firstSyncIsOurs() {
  await autoSync().click();
  // The switch shows what Go saved.
  await eventually(async () => assert.equal(await autoSync().getAttribute('aria-checked'), 'false'));
  await eventually(async () => assert.ok(await syncNowButton().isEnabled(), 'Sync now is enabled'), { timeout: 60_000 });
  assert.equal(await lastSyncTime().innerText(), 'Never', 'no sync ran before this one');
}

/**
 * Starts recording, in the page, every text the sync progress bar shows (its
 * aria-valuetext; null while there is no bar) as the page renders it. Returns
 * the function that stops recording and gives the texts, in order, each once
 * per change. A recorder, not a poll: no step of a fast sync is missed.
 */
async function recordSyncProgress() {
  await page.evaluate(() => {
    const seen = [];
    const look = () => {
      const bar = document.querySelector('[role="progressbar"][aria-label="Sync progress"]');
      const text = bar ? bar.getAttribute('aria-valuetext') : null;
      if (seen.length === 0 || seen.at(-1) !== text) seen.push(text);
    };
    const observer = new MutationObserver(look);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuetext'] });
    look();
    window.__syncProgress = { seen, stop: () => observer.disconnect() };
  });
  return () =>
    page.evaluate(() => {
      window.__syncProgress.stop();
      return window.__syncProgress.seen;
    });
}

/** Automatic sync back on, as a new connection has it. */
async function autoSyncOnAgain() {
  await autoSync().click();
  await eventually(async () => assert.equal(await autoSync().getAttribute('aria-checked'), 'true'));
}

/** The first number of the Calls tab's totals line ("1,234 calls · …" → 1234). */
async function totalCalls() {
  const text = await totals().innerText();
  return Number(text.match(/^([\d,]+) calls?/)[1].replaceAll(',', ''));
}

async function createSubAccount(name) {
  await page.getByRole('button', { name: 'New sub-account', exact: true }).click();
  const dlg = dialog(page, 'New sub-account');
  await dlg.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await dlg.getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await dlg.waitFor({ state: 'hidden' });
  await backFromNewSubAccount(page, name);
}

async function openDetail(name) {
  await table(page).getByRole('button', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

/**
 * Shows this sub-account's detail from wherever the last test left off (so a
 * failed test does not fail the next ones too).
 */
async function showDetail(name) {
  if (await page.getByRole('heading', { level: 1, name, exact: true }).isVisible()) return;
  if (await back().isVisible()) await backToList();
  await openDetail(name);
}

async function openTab(name) {
  await tab(name).click();
  await eventually(async () => assert.equal(await tab(name).getAttribute('aria-selected'), 'true'));
  await panel(name).waitFor();
}

async function backToList() {
  await back().click();
  await listHeading().waitFor();
}

/** The list's cells of one column in the row of this sub-account. */
async function listCell(name, column) {
  const names = await columnTexts(page, 0);
  const i = names.indexOf(name);
  assert.notEqual(i, -1, `${name} is in the list: ${names}`);
  return (await columnTexts(page, column))[i];
}

// ---- The tests -----------------------------------------------------------------

test('connects Retell AI to a new sub-account, after a key of the wrong shape is refused', async () => {
  await createSubAccount(NAME);
  await openDetail(NAME);
  for (const name of ['General', 'Provider Credentials', 'Settings', 'Calls', 'Activity']) {
    await tab(name).waitFor();
  }
  await openTab('Provider Credentials');

  const choice = providerChoice();
  await choice.waitFor();
  const options = await choice.locator('option').allInnerTexts();
  assert.deepEqual(
    options.map((o) => o.trim()),
    ['Choose a provider…', 'Retell AI', 'Vapi', 'Bland', 'Twilio', 'Telnyx', 'Synthflow', 'ElevenLabs'],
  );
  assert.equal(await chosenOption(choice), 'Choose a provider…');
  await expectBadge('Not connected');
  assert.equal(await fact(statusRegion(), 'Last Sync Time').innerText(), 'Never');

  await chooseOption(page, choice, 'Retell AI');
  const key = credentials().getByLabel('API key', { exact: true });
  await key.waitFor();
  assert.equal(await key.getAttribute('type'), 'password', 'the API key is a password input');

  // A key of the wrong shape: Go refuses it, the form says why under the field.
  await key.fill('short');
  await saveCredentials().click();
  await eventually(async () => assert.equal(await key.getAttribute('aria-invalid'), 'true'));
  await credentials().getByText('API key must be 16 to 256 characters long.', { exact: true }).waitFor();
  assert.match(await description(key), /API key must be 16 to 256 characters long\./);
  // Nothing was saved.
  assert.equal(await toast(page, 'Saved Retell AI credentials').count(), 0);
  await expectBadge('Not connected');
  assert.equal(await providerChoice().count(), 1, 'the provider can still be chosen');
  assert.equal(await credentials().getByRole('button', { name: 'Change provider', exact: true }).count(), 0);

  // The fake's key.
  await key.fill(fakes.credentials.retell.apiKey);
  await saveCredentials().click();
  await toast(page, 'Saved Retell AI credentials').waitFor();
  await expectBadge('Connected');
  await credentials().getByRole('heading', { name: 'Status', exact: true }).waitFor();
  assert.equal(await providerChoice().count(), 0, 'the provider is set: no choice any more');
  assert.equal(await key.getAttribute('aria-invalid'), null, 'the field error is gone');

  // The secret left the form; the placeholder says one is saved.
  assert.equal(await key.inputValue(), '');
  const placeholder = (await key.getAttribute('placeholder')) ?? '';
  assert.ok(placeholder.includes('Saved (••••'), `placeholder: ${placeholder}`);
  assert.ok(placeholder.includes('leave empty to keep'), `placeholder: ${placeholder}`);
  assert.ok(placeholder.includes(fakes.credentials.retell.apiKey.slice(-4)), `placeholder: ${placeholder}`);
  assert.equal(await fact(statusRegion(), 'Calls in history').innerText(), '0');

  await backToList();
  await eventually(async () => assert.equal(await listCell(NAME, LIST_PROVIDER_COLUMN), 'Retell AI'));
});

test('logs in to Retell AI: the portal opens in the system browser, no error', async () => {
  await showDetail(NAME);
  await openTab('Provider Credentials');
  const login = credentials().getByRole('button', { name: 'Login to Retell AI', exact: true });
  await login.waitFor();
  await login.click();
  // The harness's stand-in browser records what the app asked it to open.
  await eventually(async () => assert.deepEqual(await app.openedUrls(), ['https://dashboard.retellai.com']));
  await noErrorToastFor(1_000);
});

test('syncs the call log now from Settings', async () => {
  await showDetail(NAME);
  await openTab('Settings');
  await settings().getByRole('heading', { name: 'Call Log Sync', exact: true }).waitFor();
  assert.equal(await autoSync().getAttribute('aria-checked'), 'true', 'a new connection syncs automatically');
  // The interval is the agency's: the tab says it and leads to the Settings screen (syncstate.test.mjs).
  await settings().getByRole('button', { name: 'Change it in agency Settings', exact: true }).waitFor();

  await firstSyncIsOurs();
  await syncNowButton().click();
  // The first sync reads every call the fake holds for this sub-account.
  await toast(page, `Synced ${count(fakes.calls)} calls`).waitFor({ timeout: 60_000 });
  await eventually(async () => assert.notEqual(await lastSyncTime().innerText(), 'Never'));
  await autoSyncOnAgain();
});

test('follows a sync of many pages: the progress bar shows, counts the pages, and goes once the sync is done', async () => {
  if (await back().isVisible()) await backToList();
  await createSubAccount(LONG);
  await openDetail(LONG);
  await openTab('Provider Credentials');
  await chooseOption(page, providerChoice(), 'Telnyx');
  await credentials().getByLabel('API key', { exact: true }).fill(fakes.credentials.telnyx.apiKey);
  await credentials().getByRole('textbox', { name: 'TeXML account SID', exact: true }).fill(fakes.credentials.telnyx.accountSid);
  await saveCredentials().click();
  await toast(page, 'Saved Telnyx credentials').waitFor();
  await openTab('Settings');
  await firstSyncIsOurs();
  assert.equal(await syncProgress().count(), 0, 'no progress bar before the sync');

  const recorded = await recordSyncProgress();
  await syncNowButton().click();
  await syncProgress().waitFor({ state: 'visible' });
  await toast(page, `Synced ${count(fakes.calls)} calls`).waitFor({ timeout: 60_000 });
  await syncProgress().waitFor({ state: 'hidden' });
  await eventually(async () => assert.ok(await syncNowButton().isEnabled(), 'Sync now is enabled again'));
  await eventually(async () => assert.notEqual(await lastSyncTime().innerText(), 'Never'));

  // What the bar said meanwhile: nothing before the click, "Starting" at once, then pages as they
  // were stored (Telnyx serves TELNYX_PAGE calls a page), in order, then nothing once the sync was
  // done. Not every page need show: the window may render two events at once, and the bridge may
  // deliver the last page's event after the end (it is then stale and ignored).
  const texmlPages = Math.ceil(fakes.calls / TELNYX_PAGE);
  const pages = Array.from({ length: texmlPages + TELNYX_RECORD_SOURCES }, (_, i) => {
    const n = i + 1;
    return `Page ${n}, ${count(Math.min(n * TELNYX_PAGE, fakes.calls))} calls`;
  });
  const said = await recorded();
  assert.equal(said[0], null, `nothing before the click: ${JSON.stringify(said)}`);
  assert.equal(said[1], 'Starting', `"Starting" at once: ${JSON.stringify(said)}`);
  assert.equal(said.at(-1), null, `nothing once done: ${JSON.stringify(said)}`);
  const shown = said.slice(2, -1).map((text) => pages.indexOf(text));
  assert.ok(shown.length >= 2 && shown.every((i, k) => i >= 0 && (k === 0 || i > shown[k - 1])),
    `pages counted up, in order: ${JSON.stringify(said)}`);
  await autoSyncOnAgain();
});

test('reads the synced calls: totals, sorting by start, only inbound, and the list shows a last call', async () => {
  await showDetail(NAME);
  await openTab('Calls');
  const calls = panel('Calls');
  await calls.getByRole('combobox', { name: 'Direction', exact: true }).waitFor();
  await calls.getByRole('combobox', { name: 'Status', exact: true }).waitFor();
  await calls.getByLabel('From date', { exact: true }).waitFor();
  await calls.getByLabel('To date', { exact: true }).waitFor();
  await calls.getByRole('button', { name: 'Export CSV', exact: true }).waitFor();
  await eventually(async () => assert.ok((await callRows().count()) > 0, 'the table lists calls'));
  const line = await totals().innerText();
  assert.ok(line.startsWith(`${count(fakes.calls)} calls`), `totals line: ${line}`);
  for (const h of ['Started', 'Direction', 'Status', 'From', 'To', 'Duration', 'Cost']) {
    await callsTable().getByRole('columnheader').getByRole('button', { name: h, exact: true }).waitFor();
  }
  await callsTable().getByRole('columnheader', { name: 'Provider', exact: true }).waitFor();
  const providers = await callRows().evaluateAll((rows, i) => rows.map((r) => r.cells[i].innerText.trim()), CALLS_PROVIDER_COLUMN);
  assert.deepEqual([...new Set(providers)], ['Retell AI']);

  // Sorting by Started, one way and the other.
  const started = callsTable()
    .getByRole('columnheader')
    .filter({ has: page.getByRole('button', { name: 'Started', exact: true }) });
  const firstStart = () => callRows().first().locator('time').getAttribute('datetime');
  const initial = await started.getAttribute('aria-sort');
  const firstBefore = await firstStart();
  await started.getByRole('button', { name: 'Started', exact: true }).click();
  await eventually(async () => assert.notEqual(await started.getAttribute('aria-sort'), initial));
  const once = await started.getAttribute('aria-sort');
  assert.ok(['ascending', 'descending'].includes(once), `aria-sort after one click: ${once}`);
  await eventually(async () => assert.notEqual(await firstStart(), firstBefore, 'the first row changes'));
  const firstOnce = await firstStart();
  await started.getByRole('button', { name: 'Started', exact: true }).click();
  const twice = once === 'ascending' ? 'descending' : 'ascending';
  await eventually(async () => assert.equal(await started.getAttribute('aria-sort'), twice));
  await eventually(async () => assert.notEqual(await firstStart(), firstOnce, 'the first row changes back'));

  // Only inbound calls.
  await chooseOption(page, calls.getByRole('combobox', { name: 'Direction', exact: true }), 'Inbound');
  await eventually(async () => {
    const n = await totalCalls();
    assert.ok(n > 0 && n < fakes.calls, `inbound calls: ${n} of ${fakes.calls}`);
    const dirs = await callRows().evaluateAll((rows, i) => rows.map((r) => r.cells[i].innerText.trim()), CALLS_DIRECTION_COLUMN);
    assert.deepEqual([...new Set(dirs)], ['Inbound']);
  });

  await backToList();
  await eventually(async () => assert.notEqual(await listCell(NAME, LIST_LAST_CALL_COLUMN), 'never'));
});

test('reads the concurrent call limit from Retell AI, is refused more outbound calls than it, then reads it again', async () => {
  await showDetail(NAME);
  await openTab('Settings');
  await limits().getByRole('heading', { name: 'Concurrent Call Limit', exact: true }).waitFor();
  await limits().getByRole('textbox', { name: 'Pool name', exact: true }).waitFor();
  await limits()
    .getByRole('img', { name: /^Peak concurrent calls per day/ })
    .waitFor();

  // Retell AI reports its limit: it is read as the section opens, no button pressed.
  await eventually(async () => assert.equal(await limitBox().inputValue(), String(RETELL_FAKE_LIMIT)));
  await outboundBox().fill('8');
  await limits().getByRole('button', { name: 'Save limits', exact: true }).click();
  await toast(page, 'Saved the concurrent call limit').waitFor();
  await limits().getByText('12 reserved for incoming calls', { exact: true }).waitFor();

  await outboundBox().fill('21');
  await limits().getByRole('button', { name: 'Save limits', exact: true }).click();
  const refusal = 'Outbound calls cannot exceed the limit of 20.';
  await limits().getByText(refusal, { exact: true }).waitFor();
  assert.equal(await outboundBox().getAttribute('aria-invalid'), 'true');
  assert.match(await description(outboundBox()), new RegExp(refusal.replaceAll('.', '\\.')));
  assert.equal(await limits().getByText(refusal, { exact: true }).count(), 1, 'said once');

  await limits().getByRole('button', { name: 'Read limit from Retell AI', exact: true }).click();
  await toast(page, `Read the limit from Retell AI: ${RETELL_FAKE_LIMIT}`).waitFor();
  assert.equal(await limitBox().inputValue(), String(RETELL_FAKE_LIMIT));
  await limits().getByText('Read from Retell AI', { exact: true }).waitFor();
});

test('changes the provider: the configuration goes, the calls stay, and Twilio connects', async () => {
  await showDetail(NAME);
  await openTab('Provider Credentials');
  await credentials().getByRole('button', { name: 'Change provider', exact: true }).click();
  const dlg = dialog(page, 'Change voice provider?');
  await dlg.waitFor();
  const deleted = await dlg.getByRole('list', { name: 'Deleted' }).getByRole('listitem').allInnerTexts();
  assert.deepEqual(deleted, [
    'the saved credentials (removed from the keychain)',
    'the provider settings',
    'the call-log sync state',
    'the concurrency settings',
  ]);
  await dlg
    .getByText(`${count(fakes.calls)} past calls stay in the call history, tagged with Retell AI.`, { exact: true })
    .waitFor();
  await dlg.getByRole('button', { name: 'Cancel', exact: true }).waitFor();
  await dlg.getByRole('button', { name: 'Delete configuration', exact: true }).click();
  await dlg.waitFor({ state: 'hidden' });
  await toast(page, 'Removed Retell AI configuration').waitFor();
  await providerChoice().waitFor();
  assert.equal(await chosenOption(providerChoice()), 'Choose a provider…');
  await expectBadge('Not connected');

  // The calls stay, tagged with the provider they came from.
  await openTab('Calls');
  await eventually(async () => assert.ok((await callRows().count()) > 0, 'the old calls are listed'));
  assert.ok((await totals().innerText()).startsWith(`${count(fakes.calls)} calls`));
  const providers = await callRows().evaluateAll((rows, i) => rows.map((r) => r.cells[i].innerText.trim()), CALLS_PROVIDER_COLUMN);
  assert.deepEqual([...new Set(providers)], ['Retell AI']);

  // Twilio, from scratch.
  await openTab('Provider Credentials');
  await chooseOption(page, providerChoice(), 'Twilio');
  await credentials().getByRole('textbox', { name: 'Account SID', exact: true }).fill(fakes.credentials.twilio.accountSid);
  const token = credentials().getByLabel('Auth token', { exact: true });
  assert.equal(await token.getAttribute('type'), 'password');
  await token.fill(fakes.credentials.twilio.authToken);
  await saveCredentials().click();
  await toast(page, 'Saved Twilio credentials').waitFor();
  await expectBadge('Connected');
  await credentials().getByRole('button', { name: 'Login to Twilio', exact: true }).waitFor();

  // Twilio's API does not report a concurrency limit: nothing to read.
  await openTab('Settings');
  await limitBox().waitFor();
  assert.equal(await limits().getByRole('button', { name: /^Read limit from/ }).count(), 0);
});

test('saves a wrong Twilio auth token anyway for another sub-account and sees it refused', async () => {
  if (await back().isVisible()) await backToList();
  await createSubAccount(SECOND);
  await openDetail(SECOND);
  await openTab('Provider Credentials');
  await chooseOption(page, providerChoice(), 'Twilio');
  await credentials().getByRole('textbox', { name: 'Account SID', exact: true }).fill(fakes.credentials.twilio.accountSid);
  await credentials().getByLabel('Auth token', { exact: true }).fill('ffffffffffffffffffffffffffffffff');
  await saveCredentials().click();
  await credentials().getByRole('alert').filter({ hasText: new RegExp(TWILIO_REFUSAL) }).waitFor();
  await credentials().getByRole('button', { name: 'Save anyway', exact: true }).click();
  await expectBadge('Invalid credentials');
  const connection = fact(statusRegion(), 'Connection');
  await eventually(async () => assert.match(await connection.innerText(), new RegExp(TWILIO_REFUSAL)));
});

test('connects Vapi, Bland and Telnyx too, each with its own credentials', async () => {
  const connect = [
    ['Vapi', 'Clearwater Roofing', async () => credentials().getByLabel('API key', { exact: true }).fill(fakes.credentials.vapi.apiKey)],
    ['Bland', 'Maple Insurance', async () => credentials().getByLabel('API key', { exact: true }).fill(fakes.credentials.bland.apiKey)],
    ['Telnyx', 'Summit Realty', async () => {
      await credentials().getByLabel('API key', { exact: true }).fill(fakes.credentials.telnyx.apiKey);
      await credentials().getByRole('textbox', { name: 'TeXML account SID', exact: true }).fill(fakes.credentials.telnyx.accountSid);
    }],
  ];
  for (const [provider, name, fill] of connect) {
    if (await back().isVisible()) await backToList();
    await createSubAccount(name);
    await openDetail(name);
    await openTab('Provider Credentials');
    await chooseOption(page, providerChoice(), provider);
    await fill();
    await saveCredentials().click();
    await expectBadge('Connected');
    await backToList();
    assert.equal(await listCell(name, LIST_PROVIDER_COLUMN), provider);
  }
});

test('nothing went wrong in the page', () => {
  ui.assertNoErrors();
});
