// Agents and shared provider accounts, in the real window against the local
// fakes (build/bin/fakeproviders): two sub-accounts connected to one Retell
// account share its calls by agent (unassigned until an agent is given to
// one), and Synthflow and ElevenLabs connect, sync and show their agents.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chooseOption, dialog, eventually, startApp, table, toast, toastShownTimes, withPage } from './harness.mjs';

/** Calls each fake holds: the Retell fake's alternate between its two agents. */
const CALLS = 120;
const ALPHA = 'Alpha Vet Clinic';
const BETA = 'Beta Vet Clinic';

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;
let fakes;

before(async () => {
  app = await startApp({ providers: { calls: CALLS } });
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
const agentsRegion = () => credentials().getByRole('region', { name: 'Agents', exact: true });
const agentsTable = (name = 'Agents') => agentsRegion().getByRole('table', { name, exact: true });
const back = () => page.getByRole('button', { name: 'Back to List View', exact: true });
const autoSync = () => panel('Settings').getByRole('switch', { name: 'Automatic sync', exact: true });
const totals = () => panel('Calls').getByText(/^[\d,]+ calls? · /);

async function createAndOpen(name) {
  if (await back().isVisible()) {
    await back().click();
    await page.getByRole('heading', { name: 'Sub-accounts', exact: true }).waitFor();
  }
  await page.getByRole('button', { name: 'New sub-account', exact: true }).click();
  const dlg = dialog(page, 'New sub-account');
  await dlg.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await dlg.getByRole('button', { name: 'Create sub-account', exact: true }).click();
  await dlg.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor(); // a new one opens
}

async function openTab(name) {
  await tab(name).click();
  await eventually(async () => assert.equal(await tab(name).getAttribute('aria-selected'), 'true'));
  await panel(name).waitFor();
}

/** Connects the open sub-account: provider by its menu label, fields by label. */
async function connect(provider, fields) {
  await openTab('Provider Credentials');
  await chooseOption(page, credentials().getByRole('combobox', { name: 'Voice provider', exact: true }), provider);
  for (const [label, value] of Object.entries(fields)) {
    await credentials().getByLabel(label, { exact: true }).fill(value);
  }
  // The toast of an earlier save of the same provider may still be showing: wait for a new one.
  const saved = `Saved ${provider} credentials`;
  const before = await toastShownTimes(page, saved);
  await credentials().getByRole('button', { name: 'Save Credentials', exact: true }).click();
  await eventually(async () => assert.ok((await toastShownTimes(page, saved)) > before, `a new "${saved}" toast`));
}

/** Turns automatic sync off (the test starts each sync), then syncs now and waits for it. */
async function syncNow() {
  await openTab('Settings');
  if ((await autoSync().getAttribute('aria-checked')) === 'true') {
    await autoSync().click();
    await eventually(async () => assert.equal(await autoSync().getAttribute('aria-checked'), 'false'));
  }
  const button = panel('Settings').getByRole('button', { name: 'Sync now', exact: true });
  await eventually(async () => assert.ok(await button.isEnabled()), { timeout: 60_000 });
  const failed = page.getByRole('status').locator('.toast.error');
  const before = await toastShownTimes(page, /^Synced /);
  await button.click();
  await eventually(async () => {
    if (await failed.count()) assert.fail(`the sync failed: ${await failed.allInnerTexts()}`);
    assert.ok((await toastShownTimes(page, /^Synced /)) > before, 'a new "Synced" toast');
  }, { timeout: 60_000 });
}

/** The names in the agents table's first column. */
async function agentNames(name) {
  return agentsTable(name)
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
    .evaluateAll((rows) => rows.map((r) => r.cells[0].querySelector('.name')?.textContent?.trim() ?? ''));
}

/** The Calls tab's count: its totals line, or 0 when it says there are no calls yet. */
async function callTotal() {
  await openTab('Calls');
  const none = panel('Calls').getByText('No calls yet', { exact: true });
  await totals().or(none).waitFor();
  if (await none.isVisible()) return 0;
  return Number((await totals().innerText()).match(/^([\d,]+) calls?/)[1].replaceAll(',', ''));
}

test('two sub-accounts on one Retell account: calls are unassigned until an agent is given to one', async () => {
  const [front, night] = fakes.retellAgents.map(([name]) => name);
  const key = { 'API key': fakes.credentials.retell.apiKey };
  await createAndOpen(BETA);
  await connect('Retell AI', key);
  await createAndOpen(ALPHA);
  await connect('Retell AI', key);

  // The agents are read from Retell, with their LLM's prompt.
  await eventually(async () => assert.deepEqual(await agentNames(), [front, night]));
  const note = agentsRegion().getByRole('note');
  await eventually(async () => assert.match(await note.innerText(), new RegExp(`shared with ${BETA}`)));
  await agentsRegion().getByText(`Show prompt of ${front}`).click();
  await agentsRegion().getByText(fakes.retellAgents[0][1]).waitFor();

  // A sync reads the account once; with no agent owned, every call is unassigned.
  await syncNow();
  assert.equal(await callTotal(), 0);
  await openTab('Settings');
  await panel('Settings').getByText(`Shares its Retell AI account with ${BETA}`).waitFor();
  await openTab('Provider Credentials');
  await eventually(async () => assert.match(await note.innerText(), new RegExp(`${CALLS} calls belong to no sub-account`)));

  // Giving the front desk to Alpha moves its calls (every other one) to Alpha.
  await chooseOption(page, agentsRegion().getByRole('combobox', { name: `Assign ${front} to`, exact: true }), `${ALPHA} (this sub-account)`);
  await toast(page, `Assigned ${front} to ${ALPHA}`).waitFor();
  await eventually(async () => assert.match(await note.innerText(), new RegExp(`${CALLS / 2} calls belong to no sub-account`)));
  assert.equal(await callTotal(), CALLS / 2);

  // And the night line to Beta: nothing is unassigned, nothing is counted twice.
  await openTab('Provider Credentials');
  await chooseOption(page, agentsRegion().getByRole('combobox', { name: `Assign ${night} to`, exact: true }), BETA);
  await toast(page, `Assigned ${night} to ${BETA}`).waitFor();
  await eventually(async () => assert.match(await note.innerText(), /No call is unassigned/));
  await syncNow();
  assert.equal(await callTotal(), CALLS / 2);
});

test('connects Synthflow and ElevenLabs: their agents show, and their calls sync', async () => {
  const providers = [
    ['Synthflow', 'Gamma Dental', { 'API key': fakes.credentials.synthflow.apiKey, Region: fakes.credentials.synthflow.region }],
    ['ElevenLabs', 'Delta Realty', { 'API key': fakes.credentials.elevenlabs.apiKey }],
  ];
  for (const [provider, name, fields] of providers) {
    await createAndOpen(name);
    await connect(provider, fields);
    await eventually(async () => assert.ok((await agentNames()).length > 0, `${provider} agents are listed`));
    const status = credentials().getByRole('region', { name: 'Status', exact: true });
    await eventually(async () => assert.match(await status.innerText(), /Connected/));
    assert.match(await status.innerText(), /Sources/);
    await syncNow();
    assert.ok((await callTotal()) > 0, `${provider} calls are listed`);
  }
});

test('nothing went wrong in the page', () => {
  ui.assertNoErrors();
});
