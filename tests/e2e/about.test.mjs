// About Switchboard: the sidebar opens a dialog with the version, the data
// folder (with a button that opens it in the file manager), the licence and
// the keychain in use: the same facts `switchboard doctor` prints first. No
// serious or critical accessibility violation in either theme.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { formatViolations, seriousA11yViolations } from './a11y.mjs';
import { devBinary, dialog, eventually, isFocused, navItem, run, startApp, withPage } from './harness.mjs';

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;
let scratch;
let openedFile;

before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'switchboard-about-'));
  openedFile = path.join(scratch, 'opened');
  app = await startApp({ env: { SWITCHBOARD_TEST_OPENED_FILE: openedFile } });
  ui = await withPage(app);
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** The first lines of `switchboard doctor` from the same build: version, licence, keychain. */
async function doctorFacts() {
  const res = await run(devBinary, ['doctor', '--data-dir', path.join(scratch, 'doctor')]);
  const lines = res.stdout.split('\n');
  const version = /^Switchboard (\S+) \((\S+)\)$/.exec(lines[0]);
  assert.ok(version, `doctor's first line: ${lines[0]}`);
  const after = (prefix) => {
    const l = lines.find((x) => x.startsWith(prefix));
    assert.ok(l, `doctor prints "${prefix}":\n${res.stdout}`);
    return l.slice(prefix.length);
  };
  return { version: version[1], platform: version[2], licence: after('licence: '), keychain: after('keychain in use: ') };
}

/** The definition for term in the About dialog. */
function fact(about, term) {
  return about.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
}

/** A locator's text with its white space collapsed, as a person reads it. */
async function text(locator) {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

test('About shows what doctor prints, opens the data folder, and closes back to its button', async () => {
  const facts = await doctorFacts();
  const opener = navItem(page, 'About Switchboard');
  await opener.click();
  const about = dialog(page, 'About Switchboard');
  await about.waitFor();

  await eventually(async () => assert.equal(await text(fact(about, 'Version')), `${facts.version} (${facts.platform})`));
  assert.equal(await text(fact(about, 'Licence')), facts.licence);
  const keychain = await text(fact(about, 'Keychain'));
  assert.ok(keychain.startsWith(facts.keychain), `keychain "${keychain}" starts with doctor's "${facts.keychain}"`);
  assert.match(facts.keychain, /^Secret Service, provided by gnome-keyring-daemon$/);
  assert.equal(await text(fact(about, 'Data folder').locator('code')), app.dataDir);

  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const violations = await seriousA11yViolations(page);
    assert.equal(violations.length, 0, `About (${colorScheme}):\n${formatViolations(violations)}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await about.getByRole('button', { name: 'Open data folder', exact: true }).click();
  await eventually(async () => assert.equal(await readFile(openedFile, 'utf8'), app.dataDir));
  assert.equal(await about.getByRole('alert').count(), 0, 'no error after opening the folder');

  await about.getByRole('button', { name: 'Close', exact: true }).click();
  await about.waitFor({ state: 'detached' });
  assert.ok(await isFocused(opener), 'focus returns to "About Switchboard"');
  ui.assertNoErrors();
});
