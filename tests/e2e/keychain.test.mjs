// The app started without a Secret Service: the session bus address points
// at a socket with nothing behind it, so the OS keychain cannot answer
// (go-keyring's dial fails). The app says so once, in one app-wide banner
// with the fix that `switchboard doctor` prints for the keychain.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eventually, prodBinary, run, startApp, withPage } from './harness.mjs';

let app;
let ui;
/** @type {import('playwright-core').Page} */
let page;
let noBus;
/** What switchboard doctor says of the keychain here: {detail, fix}. */
let doctor;

/** The keychain's lines of `switchboard doctor`, run without a Secret Service as the app is. */
async function doctorSays(env) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-doctor-'));
  try {
    const res = await run(prodBinary, ['doctor', '--data-dir', dir], { env: { ...process.env, ...env } });
    const lines = res.stdout.split('\n');
    const i = lines.findIndex((l) => l.startsWith('[FAIL] keychain: '));
    assert.notEqual(i, -1, `doctor reports the keychain failing:\n${res.stdout}`);
    const fix = lines[i + 1].trim();
    assert.ok(fix.startsWith('fix: '), `doctor's fix line: ${fix}`);
    return { detail: lines[i].slice('[FAIL] keychain: '.length), fix: fix.slice('fix: '.length) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

before(async () => {
  noBus = await mkdtemp(path.join(os.tmpdir(), 'switchboard-no-bus-'));
  const env = { DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(noBus, 'bus')}` };
  doctor = await doctorSays(env);
  app = await startApp({ env });
  ui = await withPage(app);
  page = ui.page;
});

after(async () => {
  await ui?.close();
  await app?.stop();
  if (noBus) await rm(noBus, { recursive: true, force: true });
});

const banner = () => page.getByRole('alert', { name: /^The keychain does not answer/ });

test("one app-wide banner says the keychain does not answer, with switchboard doctor's fix", async () => {
  await banner().waitFor();
  const text = await banner().innerText();
  assert.ok(text.includes(doctor.detail), `the banner has the doctor's words "${doctor.detail}":\n${text}`);
  assert.ok(text.includes(`To fix it: ${doctor.fix}`), `the banner has the doctor's fix "${doctor.fix}":\n${text}`);
  assert.equal(await page.getByRole('alert').count(), 1, 'said once');
});

test('it stays one banner on every screen, and after "Check again" while the keychain still fails', async () => {
  await page.getByRole('button', { name: 'Audit log', exact: true }).click();
  await page.getByRole('heading', { name: 'Audit log', exact: true }).waitFor();
  assert.equal(await banner().count(), 1);
  const check = banner().getByRole('button', { name: 'Check again', exact: true });
  await check.click();
  await eventually(async () => assert.ok(await check.isEnabled(), 'the check is over'));
  assert.equal(await banner().count(), 1, 'still down: still one banner');
  assert.equal(await page.getByRole('alert').count(), 1);
  // The app logged the outage once, however often it looked.
  const logged = app.output().split('\n').filter((l) => l.includes('keychain: no keychain is available'));
  assert.equal(logged.length, 1, `log lines about the keychain:\n${logged.join('\n')}`);
});

test('nothing went wrong in the page', () => {
  ui.assertNoErrors();
});
